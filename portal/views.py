from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.roles import is_staff_role
from scorecards import selectors


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    groups = selectors.scorecard_groups(unpublished=is_staff_role(request.user))
    return render(request, "portal/home.html", {"groups": groups})


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
