"""Every write of the manage-users and site-settings pages (docs/architecture.md, accounts).

Each write is one transaction: a user is created with their role and person, or nothing is.
Each change to an account is kept in words in `AccountChange` (who, when, what), so the edit
screen can say who changed the account last and a role change is never lost; the site settings
keep theirs in their simple-history table, with the reason given.
"""

from dataclasses import dataclass

from axes.utils import reset as reset_axes_attempts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import SITE_SETTINGS_PK, AccountChange, Person, SiteSettings, council_name
from accounts.roles import Role, ensure_role_groups

# The person choice on the edit form that makes a new Person from the user's name.
NEW_PERSON = "new"


@dataclass(frozen=True)
class NewUser:
    username: str
    first_name: str
    last_name: str
    email: str
    role: Role
    # None: the user gets no usable password and is sent a set-password link instead.
    password: str | None


@dataclass(frozen=True)
class UserEdit:
    first_name: str
    last_name: str
    email: str
    role: Role
    is_active: bool
    # "" for no person, NEW_PERSON for a new one, else a Person's id as text.
    person: str


@dataclass(frozen=True)
class SiteLink:
    """Where links in emails point: the site as the admin's request reached it."""

    domain: str
    use_https: bool


def role_of(user: AbstractUser) -> Role | None:
    """The one role the manage pages show and set (a user may hold more groups; the highest wins)."""
    # From the groups, not user_roles(): that gives an inactive user none, and the pages still
    # show what a deactivated user would have.
    names = set(user.groups.values_list("name", flat=True))
    for role in (Role.ADMIN, Role.GOVERNANCE_ADVISOR, Role.PERFORMANCE_OFFICER, Role.COUNCILLOR):
        if role.value in names:
            return role
    return None


def _set_role(user: AbstractUser, role: Role) -> None:
    groups = ensure_role_groups()
    user.groups.remove(*groups.values())
    user.groups.add(groups[role])
    user.__dict__.pop("_panel_roles", None)


def _record(user: AbstractUser, by: AbstractUser | None, description: str) -> None:
    AccountChange.objects.create(user=user, changed_by=by, description=description)


@transaction.atomic
def create_user(new: NewUser, by: AbstractUser, link: SiteLink | None = None) -> AbstractUser:
    """Create the account with its role; with no password, email a set-password link."""
    user = get_user_model()(username=new.username, first_name=new.first_name, last_name=new.last_name,
                            email=new.email)
    if new.password is None:
        user.set_unusable_password()
    else:
        user.set_password(new.password)
    user.save()
    _set_role(user, new.role)
    how = "a password chosen by the admin" if new.password is not None else "a set-password link by email"
    _record(user, by, f"Created with role {new.role.value}, and {how}")
    if new.password is None:
        if link is None:
            raise ValueError("A set-password link needs the site's address")
        send_set_password_link(user, by, link)
    return user


@transaction.atomic
def update_user(user: AbstractUser, edit: UserEdit, by: AbstractUser) -> list[str]:
    """Apply the edit form; return what changed, in words (also kept in the account's log)."""
    changes: list[str] = []
    for field, label in (("first_name", "First name"), ("last_name", "Last name"), ("email", "Email")):
        old, new = getattr(user, field), getattr(edit, field)
        if old != new:
            changes.append(f"{label}: {old or '(none)'} to {new or '(none)'}")
            setattr(user, field, new)
    if user.is_active != edit.is_active:
        changes.append("Reactivated" if edit.is_active else "Deactivated")
        user.is_active = edit.is_active
    user.save()
    old_role = role_of(user)
    if old_role != edit.role:
        _set_role(user, edit.role)
        changes.append(f"Role: {old_role.value if old_role else '(none)'} to {edit.role.value}")
    changes += _link_person(user, edit.person)
    for change in changes:
        _record(user, by, change)
    return changes


def _link_person(user: AbstractUser, choice: str) -> list[str]:
    current = Person.objects.filter(user=user).first()
    if choice == NEW_PERSON:
        name = user.get_full_name() or user.username
        if current is not None:
            current.user = None
            current.save()
        person = Person.objects.create(name=name, user=user)
        return [f"Linked to a new person: {person}"]
    wanted = Person.objects.get(pk=int(choice)) if choice else None
    if wanted == current:
        return []
    if current is not None:
        current.user = None
        current.save()
    if wanted is None:
        return [f"No longer linked to {current}"]
    wanted.user = user
    wanted.save()
    return [f"Linked to {wanted}"]


def unlock_user(user: AbstractUser, by: AbstractUser) -> int:
    """Clear django-axes' failed sign-ins for the username (from every address): it may sign in again."""
    removed = reset_axes_attempts(username=user.username)
    _record(user, by, "Unlocked after failed sign-ins")
    return removed


def set_password_url(user: AbstractUser, link: SiteLink) -> str:
    """The reset-confirm page for `user`, valid until they set a password or sign in
    (Django's default_token_generator hashes both) or PASSWORD_RESET_TIMEOUT passes."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:password_reset_confirm",
                   kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})
    return f"{'https' if link.use_https else 'http'}://{link.domain}{path}"


def send_set_password_link(user: AbstractUser, by: AbstractUser, link: SiteLink) -> None:
    """Email the user a link to choose their own password (an admin's invitation, or a new link).

    Django's PasswordResetForm skips accounts without a usable password, which a new account
    sent a link has, so the admin's link is sent here rather than through that form."""
    context = {"user": user, "url": set_password_url(user, link), "council_name": council_name(),
               "service_name": settings.SERVICE_NAME}
    subject = render_to_string("registration/set_password_subject.txt", context).strip()
    body = render_to_string("registration/set_password_email.txt", context)
    send_mail(subject, body, None, [user.email])
    _record(user, by, f"Sent a set-password link to {user.email}")


@dataclass(frozen=True)
class SiteSettingsEdit:
    """What the site settings screen saves: every field an admin edits there."""

    council_name: str
    draft_minutes_working_days: int


@transaction.atomic
def update_site_settings(edit: SiteSettingsEdit, reason: str, by: AbstractUser) -> bool:
    """Save the site settings with the reason in their history; False when nothing changed.

    The stored row (or the defaults, before the first save) is changed field by field, so a
    setting this screen does not show keeps its value instead of falling back to its default."""
    current = SiteSettings.objects.select_for_update().filter(pk=SITE_SETTINGS_PK).first()
    row = current or SiteSettings.defaults()
    fields = ("council_name", "draft_minutes_working_days")
    if current is not None and all(getattr(row, name) == getattr(edit, name) for name in fields):
        return False
    for name in fields:
        setattr(row, name, getattr(edit, name))
    row._history_user = by
    row._change_reason = reason
    row.save()
    return True
