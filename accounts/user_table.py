"""The manage-users list (django-tables2) and what it reads: users, filtered, with who is locked out."""

from dataclasses import dataclass
from datetime import datetime

import django_tables2 as tables
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.govuk_tables import GovukTable, govuk_attrs
from accounts.models import Person
from accounts.roles import Role


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    name: str
    role: str
    active: bool
    person: str
    last_login: datetime | None
    locked_out: bool


def locked_out_usernames() -> set[str]:
    """Usernames django-axes refuses now: AXES_FAILURE_LIMIT failures (from some address) within
    the cool-off. Axes keys on username and address together, so one bad address locks it out."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return set(attempts.values_list("username", flat=True))


def user_rows(role: str = "", active: str = "") -> list[UserRow]:
    """Every user as the list shows them, filtered by role and by active or not, by username."""
    users = get_user_model().objects.order_by("username").prefetch_related("groups")
    if role:
        users = users.filter(groups__name=role)
    if active:
        users = users.filter(is_active=active == "yes")
    people = {person.user_id: str(person) for person in Person.objects.filter(user__isnull=False)}
    locked = locked_out_usernames()
    rows = []
    for user in users:
        names = {group.name for group in user.groups.all()}
        roles = [r.value for r in (Role.ADMIN, Role.GOVERNANCE_ADVISOR, Role.PERFORMANCE_OFFICER, Role.COUNCILLOR)
                 if r.value in names]
        rows.append(UserRow(id=user.pk, username=user.username, name=user.get_full_name(), role=", ".join(roles),
                            active=user.is_active, person=people.get(user.pk, ""), last_login=user.last_login,
                            locked_out=user.username in locked))
    return rows


class UserTable(GovukTable):
    username = tables.Column(verbose_name="Username")
    name = tables.Column(verbose_name="Name", empty_values=())
    role = tables.Column(verbose_name="Role", empty_values=())
    active = tables.Column(verbose_name="Active")
    person = tables.Column(verbose_name="Linked person", empty_values=())
    last_login = tables.Column(verbose_name="Last sign-in", empty_values=())
    locked_out = tables.Column(verbose_name="Locked out")

    class Meta(GovukTable.Meta):
        template_name = "accounts/includes/user_table.html"
        attrs = govuk_attrs("app-user-table")
        empty_text = "No users match these filters."


    def render_username(self, record: UserRow) -> str:
        url = reverse("accounts:manage_user", kwargs={"pk": record.id})
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, record.username)

    def render_name(self, value: str) -> str:
        return value or "–"

    def render_role(self, value: str) -> str:
        return value or "No role"

    def render_active(self, value: bool) -> str:
        return "Yes" if value else "No (deactivated)"

    def render_person(self, value: str) -> str:
        return value or "Not linked"

    def render_last_login(self, value: datetime | None) -> str:
        if value is None:
            return "Never"
        when = timezone.localtime(value)
        return f"{when.day} {when:%B %Y} at {when:%H:%M}"

    def render_locked_out(self, value: bool) -> str:
        return "Yes" if value else "No"
