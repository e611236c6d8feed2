"""Managing scorecards (docs/architecture.md, managing scorecards): the list, creating one,
its settings and owners, its sections, and its indicators' owners. Admins only.

Thin views: reads in `manage_selectors`, checks in `manage_forms`, writes in `services/manage`.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Action, can
from scorecards import manage_selectors
from scorecards.manage_forms import ScorecardForm, SectionForm, read_indicator_owners
from scorecards.manage_tables import ScorecardSettingsTable
from scorecards.models import Scorecard, Section
from scorecards.services import manage
from scorecards.stale_edits import Changed, refuse

View = Callable[..., HttpResponse]


def admin_only(view: View) -> View:
    """Anonymous people are sent to sign in; anyone but an admin is refused (the management
    screens replace the Django admin, which is the admin's alone: Action.USE_ADMIN). The pages
    are never cached: they show who owns what, and forms."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can(request.user, Action.USE_ADMIN):
            raise PermissionDenied("Managing the site is for admins.")
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return guarded


# Why a published scorecard's reporting year start and DOT basis need a reason (the form asks).
PUBLISHED_WARNING = (
    "This scorecard has been published. Changing when its reporting year starts changes every year-to-date "
    "figure and which year's targets apply; changing how direction of travel is judged changes every arrow. "
    "The live pages and the next issue will show the new figures; issues already published keep theirs. "
    "Give a reason for either change."
)


def _manage_url(scorecard: Scorecard) -> str:
    return reverse("scorecards:manage_scorecard", kwargs={"slug": scorecard.slug})


@admin_only
@require_http_methods(["GET", "HEAD"])
def scorecard_list(request: HttpRequest) -> HttpResponse:
    table = ScorecardSettingsTable(manage_selectors.scorecard_settings_rows(), "Scorecards and their settings")
    return render(request, "scorecards/manage/scorecard_list.html", {"table": table})


@admin_only
@require_http_methods(["GET", "HEAD", "POST"])
def scorecard_new(request: HttpRequest) -> HttpResponse:
    form = ScorecardForm(request.POST if request.method == "POST" else None,
                         initial={"year_start_month": "4", "dot_basis": "month", "arrow_convention": "performance",
                                  "publication_frequency": "monthly", "deadline_working_day": "10"})
    if request.method == "POST" and form.is_valid():
        scorecard = manage.create_scorecard(form.cleaned_data["slug"], form.settings(), request.user)
        messages.success(request, f"Created the scorecard \u201c{scorecard.title}\u201d. Add its sections below.")
        return redirect(_manage_url(scorecard))
    return render(request, "scorecards/manage/scorecard_new.html", {"form": form})


@admin_only
@require_http_methods(["GET", "HEAD", "POST"])
def scorecard_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """A scorecard's settings and owners, with its sections below."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    if request.method == "POST":
        form = ScorecardForm(request.POST, scorecard=scorecard)
        if form.is_valid():
            try:
                changes = manage.change_scorecard(scorecard, form.settings(), request.user,
                                                  form.cleaned_data["reason"], form.cleaned_data["version"])
            except Changed as changed:
                refuse(form, changed, "scorecard", "settings")
                scorecard.refresh_from_db()  # the page around the form shows what is stored now
            else:
                messages.success(request, f"Saved: {'; '.join(changes)}." if changes else "Nothing had changed.")
                return redirect(_manage_url(scorecard))
    else:
        form = ScorecardForm.for_scorecard(scorecard)
    context = {"scorecard": scorecard, "form": form, "sections": list(scorecard.sections.order_by("order", "id")),
               "published": manage_selectors.has_publications(scorecard), "published_warning": PUBLISHED_WARNING,
               "last_change": manage_selectors.last_change(scorecard)}
    return render(request, "scorecards/manage/scorecard_settings.html", context)


@admin_only
@require_http_methods(["GET", "HEAD", "POST"])
def section_form(request: HttpRequest, slug: str, section_id: int | None = None) -> HttpResponse:
    """Add a section (no `section_id`) or rename one."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    section = get_object_or_404(Section, pk=section_id, scorecard=scorecard) if section_id else None
    data = request.POST if request.method == "POST" else None
    form = SectionForm(data, scorecard=scorecard, section=section,
                       initial={"title": section.title} if section else None)
    if request.method == "POST" and form.is_valid():
        title = form.cleaned_data["title"]
        if section is None:
            manage.add_section(scorecard, title, request.user)
            messages.success(request, f"Added the section \u201c{title}\u201d.")
        elif manage.rename_section(section, title, request.user):
            messages.success(request, f"Renamed the section to \u201c{title}\u201d.")
        return redirect(f"{_manage_url(scorecard)}#sections")
    context = {"scorecard": scorecard, "section": section, "form": form}
    return render(request, "scorecards/manage/section_form.html", context)


@admin_only
@require_POST
def section_move(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    section = get_object_or_404(Section, pk=section_id, scorecard__slug=slug)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):  # only the page's two buttons send one
        return HttpResponseBadRequest("Moving a section needs a direction: up or down.")
    up = direction == "up"
    if manage.move_section(section, up, request.user):
        messages.success(request, f"Moved \u201c{section.title}\u201d {'up' if up else 'down'}.")
    return redirect(f"{_manage_url(section.scorecard)}#sections")


@admin_only
@require_http_methods(["GET", "HEAD", "POST"])
def indicator_owners(request: HttpRequest, slug: str) -> HttpResponse:
    """Who enters each indicator's figures: a row of officers' checkboxes per indicator."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    rows, problems = manage_selectors.indicator_owners(scorecard), []
    chosen = {row.indicator_id: row.owner_ids for row in rows}
    if request.method == "POST":
        posted, problems = read_indicator_owners(request.POST, rows)
        if not problems:
            changed = manage.set_indicator_owners(scorecard, posted, request.user)
            messages.success(request, f"Changed the owners of {', '.join(changed)}." if changed
                             else "Nothing had changed.")
            return redirect(reverse("scorecards:manage_indicator_owners", kwargs={"slug": slug}))
        chosen = posted  # the page shows what was ticked, not what is stored
    officers = list(manage_selectors.performance_officers())
    lines = [(row, [(officer, officer.pk in chosen[row.indicator_id]) for officer in officers]) for row in rows]
    context = {"scorecard": scorecard, "lines": lines, "problems": problems, "officers": officers,
               "last_change": manage_selectors.last_owner_change(scorecard)}
    return render(request, "scorecards/manage/indicator_owners.html", context)
