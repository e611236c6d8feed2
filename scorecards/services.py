"""Writes: every change to the database goes through a function here."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from meetings.models import Person
from scorecards.roles import Role, ensure_role_groups


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    full_name: str


# Demo accounts only: `make run` prints these. Never create them on a real deployment.
DEMO_USERS = [
    DemoUser("councillor", "councillor-demo-2026", Role.COUNCILLOR, "Demo Councillor"),
    DemoUser("officer", "officer-demo-2026", Role.PERFORMANCE_OFFICER, "Demo Performance Officer"),
    DemoUser("advisor", "advisor-demo-2026", Role.GOVERNANCE_ADVISOR, "Demo Governance Advisor"),
    DemoUser("admin", "admin-demo-2026", Role.ADMIN, "Demo Administrator"),
]


@transaction.atomic
def create_demo_users() -> list[DemoUser]:
    """One user per role (idempotent: passwords and roles are reset to the demo values)."""
    groups = ensure_role_groups()
    User = get_user_model()
    for demo in DEMO_USERS:
        first, last = demo.full_name.split(" ", 1)
        user, _ = User.objects.get_or_create(username=demo.username)
        user.first_name, user.last_name = first, last
        user.is_active = True
        user.set_password(demo.password)
        user.save()
        user.groups.set([groups[demo.role]])
        if demo.role == Role.COUNCILLOR:
            Person.objects.update_or_create(user=user, defaults={"name": "Demo Councillor", "title": "Councillor"})
    return DEMO_USERS
