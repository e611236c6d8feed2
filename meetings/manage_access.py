"""Who may use the governance advisor's screens under /manage/committees/: advisors and admins
(accounts.roles: Action.MANAGE_MEETINGS). The one decorator every such view wears."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from accounts.roles import Action, can

View = Callable[..., HttpResponse]


def advisors_only(view: View) -> View:
    """Anonymous people are sent to sign in; anyone but a governance advisor or an admin is
    refused. The pages are never cached: they hold drafts, exempt papers and forms."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can(request.user, Action.MANAGE_MEETINGS):
            raise PermissionDenied("Keeping the committee record is for governance advisors.")
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return guarded
