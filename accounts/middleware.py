from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateForSignedInUsers:
    """A signed-in user's page differs by role (their name, live switches, revision history),
    so no shared cache may keep it; anonymous responses vary on the session cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
        return response
