from django.conf import settings
from django.http import HttpRequest

from accounts.roles import Action, can, user_roles


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "user_roles": sorted(role.value for role in user_roles(user)),
        "user_can_view_drafts": can(user, Action.VIEW_DRAFTS),
        "user_can_use_admin": can(user, Action.USE_ADMIN),
    }
