"""Site-wide responses in the site's own frame."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class PageForRefusedMethod:
    """Django answers a method a view does not take (a GET to an address only a button POSTs to)
    with an empty 405: a blank white page to the person who followed a link or reloaded. Give it
    a page in the site's frame saying what to do instead, keeping the status and Allow header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and request.method in ("GET", "POST"):
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
