"""Month-end pages (docs/architecture.md, submission, sign-off and deadline): where a month
stands, submitting one's rows from the grid, and signing the month off and publishing it.

Thin views: reads in `month_end`, writes in `services/month_end`. Every page here differs by
role, so none may be kept by a shared cache.
"""

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from accounts.roles import Action, can, is_staff_role
from scorecards import entry_grid, month_end
from scorecards.compute.entry import SignOffProblem
from scorecards.compute.periods import Month
from scorecards.manage_target_selectors import year_slug
from scorecards.month_end_table import MonthEndTable
from scorecards.models import Scorecard
from scorecards.services.month_end import sign_off_and_publish, submit_rows


def private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def sign_off_links(scorecard: Scorecard, month: Month, state: month_end.MonthEnd) -> list[dict[str, str]]:
    """Why sign-off was refused, for the error summary: rows not submitted, then each problem."""
    links = []
    if state.not_submitted:
        count = len(state.not_submitted)
        rows, owners = ("row", "its owner") if count == 1 else ("rows", "their owners")
        links.append({"href": "#not-submitted", "text": f"{count} {rows} not submitted by {owners}"})
    return links + problem_links(scorecard, month, state.problems, state.rows)


def problem_links(scorecard: Scorecard, month: Month, problems: Iterable[SignOffProblem],
                  rows: Iterable[month_end.MonthRow]) -> list[dict[str, str]]:
    """The problems as the GOV.UK error summary lists them, each linking to its row on the grid."""
    grid = reverse("scorecards:entry", kwargs={"slug": scorecard.slug, "as_at": month})
    ids = {row.number: row.indicator_id for row in rows}
    return [{"href": f"{grid}#i{ids[problem.number]}", "text": f"{problem.number}: {problem.message}"}
            for problem in problems]


@require_safe
def month_end_page(request: HttpRequest, slug: str, as_at: Month) -> HttpResponse:
    """Where the month stands, owner by owner: staff only."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_staff_role(request.user):
        raise PermissionDenied("Month end is for staff.")
    state = month_end.month_end(scorecard, as_at, timezone.localdate())
    context = {
        "scorecard": scorecard, "as_at": as_at, "state": state, "table": MonthEndTable(state.owners, f"Each owner's rows for {as_at.long_name()}"),
        "may_enter": entry_grid.entry_rights(scorecard, request.user).any,
        "may_sign_off": can(request.user, Action.PUBLISH_SCORECARD, scorecard),
        "upload_url": reverse("scorecards:upload", kwargs={"slug": scorecard.slug}),
        # Only admins manage targets: the warning links them to the year's review.
        "targets_url": reverse("scorecards:manage_target_review", kwargs={
            "slug": scorecard.slug, "year": year_slug(state.reporting_year)}) if can(request.user, Action.USE_ADMIN) else None,
    }
    return private(render(request, "scorecards/month_end.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def submit_page(request: HttpRequest, slug: str, as_at: Month) -> HttpResponse:
    """Submit the signed-in owner's rows of the month (admins: every row), from the grid."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    rights = entry_grid.entry_rights(scorecard, request.user)
    if not rights.indicator_ids:
        raise PermissionDenied("Only the owners of its indicators submit a scorecard's rows.")
    grid_url = reverse("scorecards:entry", kwargs={"slug": slug, "as_at": as_at})
    if request.method != "POST":
        return redirect(f"{grid_url}#submit")
    outcome = submit_rows(scorecard, as_at, request.user, rights.indicator_ids)
    if outcome.ok:
        count = len(outcome.submitted)
        messages.success(request, f"Submitted your {count} row{'s' if count != 1 else ''} for {as_at.long_name()}.")
        return redirect(reverse("scorecards:month_end", kwargs={"slug": slug, "as_at": as_at}))
    rows = month_end.month_rows(scorecard, as_at, rights.indicator_ids)
    context = {"scorecard": scorecard, "as_at": as_at, "grid_url": grid_url,
               "errors": problem_links(scorecard, as_at, outcome.problems, rows)}
    return private(render(request, "scorecards/submit_refused.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def sign_off_page(request: HttpRequest, slug: str, as_at: Month) -> HttpResponse:
    """The scorecard's owner signs the month off and publishes it, in one action."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, Action.PUBLISH_SCORECARD, scorecard):
        raise PermissionDenied("Only the scorecard's owners sign it off.")
    today, refused = timezone.localdate(), None
    if request.method == "POST":
        refused = sign_off_and_publish(scorecard, as_at, request.user, today)
        if refused.ok:
            status = refused.publication.status_line
            messages.success(request, f"Signed off and published: {status}." if refused.created
                             else f"Nothing has changed since {status}: no new issue made.")
            return redirect(reverse("scorecards:scorecard", kwargs={"slug": slug, "as_at": as_at}))
    state = month_end.month_end(scorecard, as_at, today)
    context = {"scorecard": scorecard, "as_at": as_at, "state": state, "refused": refused,
               "errors": sign_off_links(scorecard, as_at, state) if refused else []}
    return private(render(request, "scorecards/sign_off.html", context))
