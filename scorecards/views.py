from csp.decorators import csp_update
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from accounts.roles import Action, can, is_staff_role
from scorecards import columns, downloads, entry_grid, month_end, selectors
from scorecards.columns import Output
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Mark
from scorecards.downloads import DOWNLOADS
from scorecards.entry_forms import GridForms
from scorecards.forms import (
    DEFAULT_COLUMNS,
    PAGE_SWITCHES,
    ChangesForm,
    ScorecardFilterForm,
    changed_query,
    chosen_columns,
    column_links,
    kept_query,
    wants_notes,
)
from scorecards.models import Scorecard
from scorecards.presentations import presentations_of
from scorecards.presented_selectors import changed_marks, changed_since_presented, presented_figures
from scorecards.presentation import (
    GLOSSARY,
    ChangedMark,
    RAG_MEANINGS,
    dot_key,
    exceptions,
    filter_rows,
    indicator_details,
    indicator_notes,
    missing_exception_notes,
    missing_notes_words,
    section_groups,
    summarise,
    with_changed_marks,
)
from scorecards.services.entry import save_grid
from scorecards.tables import scorecard_table, stacked_summary


@require_safe
def scorecard_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.scorecard_groups(unpublished=is_staff_role(request.user))
    return render(request, "scorecards/scorecard_list.html", {"groups": groups})


def private_if_live(response: HttpResponse, live: bool) -> HttpResponse:
    """Live figures are for staff only: no shared cache may keep them."""
    if live:
        patch_cache_control(response, private=True, no_store=True)
    return response


def wants_live(request: HttpRequest) -> bool:
    """Live figures are for signed-in staff who ask for them; everyone else sees publications."""
    return request.GET.get("live") == "1" and is_staff_role(request.user)


@require_safe
def scorecard_latest(request: HttpRequest, slug: str) -> HttpResponse:
    """`/scorecards/<slug>/` goes to the latest published month, or to the month picked."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    try:
        month = Month.parse(request.GET["month"]) if request.GET.get("month") else None
    except ValueError:
        month = None
    month = month or next(iter(selectors.published_months(scorecard)), None)
    if month is None:
        raise Http404(f"{scorecard.title} has not been published yet.")
    url = reverse("scorecards:scorecard", kwargs={"slug": slug, "as_at": month})
    # The month picker keeps the live switch and the choice of columns.
    kept = QueryDict(mutable=True)
    if wants_live(request):
        kept["live"] = "1"
    if request.GET.get("columns"):
        kept["columns"] = request.GET["columns"]
    return redirect(f"{url}?{kept.urlencode()}" if kept else url)


def may_enter(scorecard: Scorecard, user) -> bool:
    """Whether the entry grid would let `user` in: asked of the database only for officers and admins."""
    return can(user, Action.ENTER_FIGURES) and entry_grid.entry_rights(scorecard, user).any


def open_month(published: list[Month], shown: Month) -> Month:
    return published[0].plus(1) if published else shown


@require_safe
def scorecard_page(request: HttpRequest, slug: str, as_at: Month) -> HttpResponse:
    scorecard = get_object_or_404(Scorecard, slug=slug)
    view = selectors.scorecard_view(scorecard, as_at, live=wants_live(request))
    if view is None:
        raise Http404(f"{scorecard.title} has not been published as at {as_at}.")
    # Staff's live figures: which differ from those the last meeting saw, listed above the table
    # and marked on their rows.
    changed_since = changed_since_presented(scorecard, as_at, view.rows, request.user) if view.live else None
    context = scorecard_page_context(request, scorecard, view, as_at, changed_marks(changed_since))
    context["changed_since"] = changed_since
    context["presented"] = presented = presented_at(view.publication, request.user)
    # An exempt presentation is for the committee's members: no shared cache may keep it.
    restricted = view.live or any(presentation.exempt for presentation in presented)
    return private_if_live(render(request, "scorecards/scorecard.html", context), restricted)


def presented_at(publication, user) -> list:
    """Where the publication shown was presented, as ``user`` may see it (none for live figures)."""
    if publication is None:
        return []
    return presentations_of([publication.pk], user).get(publication.pk, [])


def scorecard_page_context(
    request: HttpRequest, scorecard: Scorecard, view, as_at: Month, marks: dict[str, ChangedMark] | None = None
) -> dict:
    """The members' page: the table as filtered, with the columns and notes asked for in the URL,
    and on live figures each row changed since presented marked (``marks``, by indicator number)."""
    form = ScorecardFilterForm(request.GET, sections=view.data.sections)
    filters = form.filters()
    rows = filter_rows(view.rows, view.previous, filters)
    groups = with_changed_marks(section_groups(view.data, rows, as_at), marks or {})
    layout = columns.layout(view.table_context, Output.HTML)
    shown_columns, columns_error = chosen_columns(request.GET)
    indicator_url, query = f"{request.path}indicators/", request.GET.urlencode()
    show_notes = wants_notes(request.GET)
    # The same source as the indicator page: the publication's frozen commentary, or the live notes.
    notes = indicator_notes(view.data, as_at)
    listed = exceptions(view.rows, view.previous, notes)
    shown_notes = notes if show_notes else None
    # Only staff see live figures (wants_live), and only they are asked to write the notes.
    missing = missing_exception_notes(listed) if view.live else ()
    months = selectors.published_months(scorecard)
    return {
        "scorecard": scorecard,
        "view": view,
        "as_at": as_at,
        "form": form,
        "filters": filters,
        "summary": summarise(view.rows, as_at, view.data.year_start_month),
        "groups": groups,
        "table": scorecard_table(layout, groups, indicator_url, query, shown_notes, as_at.long_name()),
        "stacked": stacked_summary(groups, indicator_url, query, shown_notes, as_at.long_name()),
        "shown_columns": shown_columns,
        "columns_error": columns_error,
        "column_links": column_links(request.GET, shown_columns),
        "default_columns": DEFAULT_COLUMNS,
        "show_notes": show_notes,
        "notes_switch_query": changed_query(request.GET, notes=None if show_notes else "1"),
        "clear_filters_query": kept_query(request.GET, PAGE_SWITCHES),
        "exceptions": listed,
        "missing_notes": missing,
        "missing_notes_words": missing_notes_words(len(missing)),
        "shown": len(rows),
        "months": months,
        "dot_key": dot_key(),
        "rag_key": RAG_MEANINGS,
        "marks": Mark.labels(),
        "glossary": GLOSSARY,
        "can_view_live": is_staff_role(request.user),
        # The open month (after the latest published) is the one an officer enters.
        "entry_month": open_month(months, as_at) if may_enter(scorecard, request.user) else None,
        "query": query,
        "downloads": DOWNLOADS,
    }


@require_safe
def scorecard_download(request: HttpRequest, slug: str, as_at: Month, name: str) -> HttpResponse:
    """The scorecard as the page shows it (published, or live for staff), as a file."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    view = selectors.scorecard_view(scorecard, as_at, live=wants_live(request))
    if view is None:
        raise Http404(f"{scorecard.title} has not been published as at {as_at}.")
    content = downloads.render(name, view, scorecard.publication_frequency)
    response = HttpResponse(content, content_type=DOWNLOADS[name].content_type)
    state = "live" if view.live else f"issue-{view.publication.issue}"
    response["Content-Disposition"] = f'attachment; filename="{scorecard.slug}-{as_at}-{state}-{name}"'
    response["Cache-Control"] = "private, no-store" if view.live else "public, max-age=300"
    return response


@require_safe
@csp_update({"style-src": ["'unsafe-inline'"]})  # plotly injects styles; this page alone allows them
def indicator_page(request: HttpRequest, slug: str, as_at: Month, number: str) -> HttpResponse:
    scorecard = get_object_or_404(Scorecard, slug=slug)
    view = selectors.indicator_view(scorecard, as_at, number, live=wants_live(request))
    if view is None:
        raise Http404(f"No indicator {number} in {scorecard.title} as at {as_at}.")
    staff = is_staff_role(request.user)
    context = {
        "scorecard": scorecard,
        "as_at": as_at,
        "view": view,
        **indicator_details(view.indicator, view.row, view.computed, view.months, view.data),
        "revisions": selectors.observation_revisions(scorecard, number) if staff else None,
        "presented": presented_figures(scorecard, number, request.user),
        "query": request.GET.urlencode(),
        "can_view_live": staff,
    }
    restricted = view.live or any(figure.presentation.exempt for figure in context["presented"])
    return private_if_live(render(request, "scorecards/indicator.html", context), restricted)


@require_safe
def scorecard_json(request: HttpRequest, slug: str, as_at: Month) -> JsonResponse:
    """The JSON export (docs/workbook.md): the latest publication of the month for everyone;
    the live figures for signed-in staff who ask with ?live=1."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    live = wants_live(request)
    payload = selectors.scorecard_export(scorecard, as_at, live=live)
    if payload is None:
        raise Http404(f"{scorecard.title} has not been published as at {as_at}.")
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    # Live figures are staff-only: never let a shared cache keep them.
    response["Cache-Control"] = "private, no-store" if live else "public, max-age=300"
    return response


@require_safe
def scorecard_changes(request: HttpRequest, slug: str, as_at: Month) -> HttpResponse:
    """As presented and now: a publication of the month against the live figures (staff) or a
    later publication (everyone). Staff see who made each change; everyone sees why."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    staff = is_staff_role(request.user)
    form = ChangesForm(request.GET, publications=selectors.publications(scorecard), as_at=as_at, live=staff)
    if form.base is None:
        raise Http404(f"{scorecard.title} has not been published as at {as_at}.")
    report = None
    if form.is_valid() and form.against_choice is not None:
        report = selectors.change_report(scorecard, form.base, form.against_publication)
    # Everything a publication shows comes from the publication, its title too.
    title = selectors.published_data(form.base).title
    context = {"scorecard": scorecard, "title": title, "as_at": as_at, "form": form, "report": report, "staff": staff}
    return private_if_live(render(request, "scorecards/changes.html", context), staff)


@require_http_methods(["GET", "HEAD", "POST"])
def entry_page(request: HttpRequest, slug: str, as_at: Month) -> HttpResponse:
    """The month-end entry grid (docs/architecture.md, the entry grid): the rows and narratives
    the signed-in officer may enter; saving checks the whole grid and saves all or nothing, but
    for rows someone else saved since the grid was loaded."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    rights = entry_grid.entry_rights(scorecard, request.user)
    if not rights.any:
        raise PermissionDenied("You may not enter figures for this scorecard.")
    grid = entry_grid.entry_grid(scorecard, as_at, rights)
    forms = GridForms(grid, request.POST if request.method == "POST" else None)
    outcome = None
    if request.method == "POST":
        outcome = save_grid(scorecard, as_at, request.user, forms.typed(), rights)
        if outcome.ok:
            grid = entry_grid.entry_grid(scorecard, as_at, rights)
            forms = GridForms(grid, request.POST, kept=frozenset(refusal.key for refusal in outcome.refusals))
        else:
            forms.show_errors(outcome.errors)
    refused: dict[str, list] = {}
    for refusal in outcome.refusals if outcome else ():
        refused.setdefault(refusal.key, []).append(refusal)
    yours = month_end.your_submission(scorecard, as_at, (row.indicator_id for row in grid.rows))
    context = {"scorecard": scorecard, "as_at": as_at, "grid": grid, "forms": forms, "outcome": outcome,
               "errors": forms.summary(), "refused": refused, "yours": yours}
    response = render(request, "scorecards/entry.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response
