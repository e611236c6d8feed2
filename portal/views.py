from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from accounts.roles import Action, Role, can, is_staff_role, user_roles
from meetings.advisor_selectors import advisor_home
from meetings.member_selectors import my_committees
from scorecards import month_end, selectors
from scorecards.manage_views import admin_only


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The scorecards; an officer's (and an admin's) own month end, a councillor's committees, or
    a governance advisor's (and an admin's) meetings ahead with what each lacks, first."""
    groups = selectors.scorecard_groups(unpublished=is_staff_role(request.user))
    officer = can(request.user, Action.ENTER_FIGURES)
    months = month_end.officers_months(request.user, timezone.localdate()) if officer else None
    # A councillor's committees (the join): theirs alone, like an officer's month end.
    mine = my_committees(request.user, timezone.localdate()) if Role.COUNCILLOR in user_roles(request.user) else None
    # The committee record's work: the meetings ahead and what they lack (docs/advisor-home.md).
    advisor = advisor_home(timezone.localdate()) if can(request.user, Action.MANAGE_MEETINGS) else None
    context = {"groups": groups, "months": months, "mine": mine, "advisor": advisor}
    response = render(request, "portal/home.html", context)
    if officer or mine or advisor:  # their own month end or committees: for no cache but the browser's, not kept there
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def month_end_list(request: HttpRequest) -> HttpResponse:
    """Staff: the open month of each of their scorecards (every scorecard for advisors and admins)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_staff_role(request.user):
        raise PermissionDenied("Month end is for staff.")
    months = month_end.officers_months(request.user, timezone.localdate())
    response = render(request, "portal/month_end.html", {"months": months})
    patch_cache_control(response, private=True, no_store=True)
    return response


# The management screens, each with what it is for.
MANAGE_SCREENS = [
    ("Scorecards", "scorecards:manage_scorecards",
     "Create scorecards, change their settings and sections, and assign their owners and indicator owners."),
    ("Indicators", "scorecards:manage_indicators",
     "Create indicators, change their settings and owners, and retire them from a month on."),
    ("Users", "accounts:manage_users", "Create accounts, set roles, link accounts to people, and unlock accounts."),
    ("Site settings", "accounts:manage_site", "The council's name and the other settings of the whole site."),
]


@admin_only
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    """The admin's index of the management screens."""
    screens = [{"title": title, "href": reverse(name), "text": text} for title, name, text in MANAGE_SCREENS]
    return render(request, "portal/manage.html", {"screens": screens})


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
