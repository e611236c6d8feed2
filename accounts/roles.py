"""Who may do what (docs/architecture.md, who may do what): the one permission helper views and templates use.

Roles are Django groups. The public is the anonymous user. Ownership narrows what a
performance officer may do to their own scorecards and indicators; admins may do everything.
"""

from enum import StrEnum
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser, Group


class Role(StrEnum):
    COUNCILLOR = "councillor"
    PERFORMANCE_OFFICER = "performance officer"
    GOVERNANCE_ADVISOR = "governance advisor"
    ADMIN = "admin"


class Action(StrEnum):
    VIEW_PUBLISHED = "view_published"
    # Draft scorecard months, live figures, revision history, draft minutes.
    VIEW_DRAFTS = "view_drafts"
    VIEW_EXEMPT = "view_exempt"
    ENTER_FIGURES = "enter_figures"
    PUBLISH_SCORECARD = "publish_scorecard"
    MANAGE_MEETINGS = "manage_meetings"
    MANAGE_INDICATORS = "manage_indicators"
    USE_ADMIN = "use_admin"


# Which roles may take each action at all; ownership rules below narrow some of them.
ALLOWED_ROLES: dict[Action, frozenset[Role | None]] = {
    Action.VIEW_PUBLISHED: frozenset({None, *Role}),
    Action.VIEW_DRAFTS: frozenset({Role.PERFORMANCE_OFFICER, Role.GOVERNANCE_ADVISOR, Role.ADMIN}),
    Action.VIEW_EXEMPT: frozenset({Role.COUNCILLOR, Role.GOVERNANCE_ADVISOR, Role.ADMIN}),
    Action.ENTER_FIGURES: frozenset({Role.PERFORMANCE_OFFICER, Role.ADMIN}),
    Action.PUBLISH_SCORECARD: frozenset({Role.PERFORMANCE_OFFICER, Role.ADMIN}),
    Action.MANAGE_MEETINGS: frozenset({Role.GOVERNANCE_ADVISOR, Role.ADMIN}),
    Action.MANAGE_INDICATORS: frozenset({Role.ADMIN}),
    Action.USE_ADMIN: frozenset({Role.ADMIN}),
}


def user_roles(user: Any) -> frozenset[Role]:
    """The roles of a user, cached on the user object for the request."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_panel_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        if user.is_superuser:
            cached = cached | {Role.ADMIN}
        user._panel_roles = cached
    return cached


def is_staff_role(user: Any) -> bool:
    """Staff are those who may see live figures: officers, governance advisors and admins."""
    return can(user, Action.VIEW_DRAFTS)


def can(user: Any, action: Action | str, obj: Any = None) -> bool:
    """May `user` take `action` (on `obj`, when ownership matters)?"""
    action = Action(action)
    roles = user_roles(user)
    allowed = ALLOWED_ROLES[action]
    if not roles:
        return None in allowed
    if Role.ADMIN in roles:
        return True
    if not roles & allowed:
        return False
    if obj is not None and action in (Action.ENTER_FIGURES, Action.PUBLISH_SCORECARD):
        return _owns(user, action, obj)
    return True


class Owned(Protocol):
    """What ownership rules need of an object: the apps that own objects (scorecards) say who owns
    them, so that this app never imports theirs."""

    def is_owned_by(self, user: Any, action: Action) -> bool: ...


def _owns(user: Any, action: Action, obj: Any) -> bool:
    if not hasattr(obj, "is_owned_by"):
        raise TypeError(f"No ownership rule for {type(obj).__name__}")
    return obj.is_owned_by(user, action)


def ensure_role_groups() -> dict[Role, Group]:
    """Create the four role groups if they are missing (idempotent)."""
    return {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
