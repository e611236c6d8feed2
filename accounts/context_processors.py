from django.conf import settings
from django.http import HttpRequest

from accounts.models import council_name
from accounts.roles import Action, can, user_roles


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        # From the site settings an admin edits (defaulting to settings.COUNCIL_NAME): never
        # written into a template.
        "council_name": council_name(),
        "service_name": settings.SERVICE_NAME,
        "user_roles": sorted(role.value for role in user_roles(user)),
        "user_can_view_drafts": can(user, Action.VIEW_DRAFTS),
        "user_can_use_admin": can(user, Action.USE_ADMIN),
        # Governance advisors and admins: the header's "Committee record" (docs/advisor-home.md).
        "user_can_manage_meetings": can(user, Action.MANAGE_MEETINGS),
    }
