"""Shared fixtures: one user per role, built with plain constructors (no factories)."""

import pytest
from django.contrib.auth import get_user_model

from scorecards.roles import Role, ensure_role_groups

PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, role: Role | None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role is not None:
        user.groups.add(ensure_role_groups()[role])
    return user


@pytest.fixture
def councillor(db):
    return make_user("cllr", Role.COUNCILLOR)


@pytest.fixture
def officer(db):
    return make_user("officer1", Role.PERFORMANCE_OFFICER)


@pytest.fixture
def advisor(db):
    return make_user("advisor1", Role.GOVERNANCE_ADVISOR)


@pytest.fixture
def admin_user(db):
    return make_user("admin1", Role.ADMIN)


@pytest.fixture
def no_role_user(db):
    return make_user("norole", None)
