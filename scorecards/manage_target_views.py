"""Managing targets (docs/architecture.md, managing targets; docs/rules.md section 6): an
indicator's targets by year, the form with its preview of the tolerance, the yearly rollover
and the review of its drafts. Admins only (`manage_views.admin_only`).

Thin views: reads in `manage_target_selectors`, checks in `manage_target_forms`, writes in
`services/manage_targets`.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from scorecards import manage_target_selectors as selectors
from scorecards.manage_selectors import last_history_change, shown_in_a_publication
from scorecards.manage_target_forms import REASON_NEEDED, RolloverForm, TargetForm, tolerance_preview
from scorecards.manage_target_tables import DraftTable, TargetTable
from scorecards.manage_views import admin_only
from scorecards.models import Indicator, Scorecard, Target
from scorecards.services import manage_targets as service
from scorecards.stale_edits import Changed, refuse

NEW = "new"  # the address of the form that adds a year
# The form's buttons (`action`); a post without one saves, as pressing Enter in a cell does.
ACTIONS = ("save", "check", "confirm")


def _indicator(pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("scorecard", "section"), pk=pk)


def _year(scorecard: Scorecard, slug: str) -> str:
    year = selectors.year_from_slug(slug, scorecard.year_start_month)
    if year is None:
        raise Http404("No such reporting year.")
    return year


def _list_url(indicator: Indicator) -> str:
    return reverse("scorecards:manage_targets", kwargs={"pk": indicator.pk})


def _review_url(scorecard: Scorecard, year: str) -> str:
    return reverse("scorecards:manage_target_review", kwargs={"slug": scorecard.slug, "year": selectors.year_slug(year)})


@admin_only
@require_safe
def indicator_targets(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    rows = selectors.indicator_targets(indicator)
    # The year after the latest, the one usually added next.
    suggested = selectors.next_year(rows[0].year, indicator.scorecard.year_start_month) if rows else ""
    table = TargetTable(rows, f"Targets of {indicator.number} by reporting year",
                        indicator.pk)
    return render(request, "scorecards/manage/target_list.html",
                  {"indicator": indicator, "table": table, "suggested_year": suggested})


@admin_only
@require_safe
def target_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The tolerance in words for the cells in the query: the fragment the form's script shows as one types."""
    indicator = _indicator(pk)
    return render(request, "scorecards/manage/includes/tolerance_preview.html",
                  {"preview": tolerance_preview(indicator, request.GET), "indicator": indicator})


@admin_only
@require_http_methods(["GET", "HEAD", "POST"])
def target_form(request: HttpRequest, pk: int, year: str) -> HttpResponse:
    """Add a year's target (`year` "new", the year typed or given as ?year=) or change one. "Check"
    shows the preview of what is typed and saves nothing; a draft is saved as a draft unless
    "Save and confirm" is chosen."""
    indicator = _indicator(pk)
    target = None if year == NEW else get_object_or_404(Target, indicator=indicator,
                                                        year=_year(indicator.scorecard, year))
    action = request.POST.get("action", "save")
    if request.method == "POST" and action not in ACTIONS:  # not one of the page's buttons: save nothing
        return HttpResponseBadRequest("Unknown action: expected save, check or confirm.")
    if request.method == "POST" and action == "check":
        form, shown = TargetForm(indicator=indicator, target=target, initial=request.POST.dict()), request.POST
    elif request.method == "POST":
        form, shown = TargetForm(request.POST, indicator=indicator, target=target), request.POST
        if form.is_valid() and (saved := _save(request, form, action == "confirm")):
            back = request.GET.get("from") == "review"
            return redirect(_review_url(indicator.scorecard, saved) if back else _list_url(indicator))
    elif target is None:
        form = TargetForm(indicator=indicator, initial={"year": request.GET.get("year", "")})
        shown = {}
    else:
        form = TargetForm.for_target(indicator, target)
        shown = form.initial
    context = {"indicator": indicator, "target": target, "form": form,
               "preview": tolerance_preview(indicator, shown),
               "published": target is not None and shown_in_a_publication(target),
               "last_change": last_history_change(target) if target else None}
    return render(request, "scorecards/manage/target_form.html", context)


def _save(request: HttpRequest, form: TargetForm, confirm: bool) -> str | None:
    """Write what the form read; the year saved, or None with the refusal added to the form."""
    indicator, target, reason = form.indicator, form.target, form.cleaned_data["reason"]
    try:
        if target is None:
            year = form.cleaned_data["year"]
            service.add_target(indicator, year, form.cells, request.user, reason)
            messages.success(request, f"Added the target of {indicator.number} for {year}.")
            return year
        changes = service.change_target(target, form.cells, request.user, reason, confirm,
                                        form.cleaned_data["version"])
    except Changed as changed:
        refuse(form, changed, "target", "cells")
        target.refresh_from_db()  # the page around the form shows what is stored now (a draft confirmed)
        return None
    except service.TargetExists:
        form.add_error("year", f"There is already a target for {form.cleaned_data['year']}: change it from the "
                               "list of this indicator's targets")
        return None
    except service.ReasonRequired:
        form.add_error("reason", REASON_NEEDED)
        return None
    still = " It is still a draft: it gives no RAG until it is confirmed." if target.draft and not confirm else ""
    done = f"Saved the target for {target.year}: {'; '.join(changes)}." if changes else "Nothing had changed."
    messages.success(request, done + still)
    return target.year


@admin_only
@require_http_methods(["GET", "HEAD", "POST"])
def rollover(request: HttpRequest, slug: str) -> HttpResponse:
    """Copy a year's confirmed targets to the next year as drafts (default: the latest year)."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    form = RolloverForm(request.POST if request.method == "POST" else None, scorecard=scorecard)
    if request.method == "POST" and form.is_valid():
        try:
            done = service.roll_over(scorecard, form.cleaned_data["from_year"], request.user)
        except service.NothingToCopy:  # its targets were removed since the form was read
            form.add_error("from_year", form.nothing_to_copy(form.cleaned_data["from_year"]))
        else:
            messages.success(request, _rollover_words(done))
            return redirect(_review_url(scorecard, done.to_year))
    context = {"scorecard": scorecard, "form": form, "years": selectors.target_years(scorecard),
               "indicators": scorecard.indicators.order_by("sort_key")}
    return render(request, "scorecards/manage/target_rollover.html", context)


def _rollover_words(done: service.Rollover) -> str:
    def targets(count: int) -> str:
        return f"{count} target{'s' if count != 1 else ''}"

    words = f"Copied {targets(len(done.copied))} from {done.from_year} to {done.to_year} as drafts"
    words += f"; skipped {targets(len(done.skipped))} that already had one for {done.to_year}"
    if done.retired:
        words += f"; left out {', '.join(done.retired)}, retired by {done.to_year}"
    return words + "."


@admin_only
@require_http_methods(["GET", "HEAD", "POST"])
def review(request: HttpRequest, slug: str, year: str) -> HttpResponse:
    """A year's draft targets of the scorecard, each confirmed singly or all at once."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    label = _year(scorecard, year)
    errors = []
    if request.method == "POST":
        errors = _confirm(request, scorecard, label)
        if not errors:
            return redirect(_review_url(scorecard, label))
    found = selectors.review(scorecard, label)
    table = DraftTable(found.drafts, f"Draft targets for {label}", label)
    return render(request, "scorecards/manage/target_review.html",
                  {"scorecard": scorecard, "review": found, "table": table, "errors": errors})


def _confirm(request: HttpRequest, scorecard: Scorecard, year: str) -> list[dict[str, str]]:
    """Confirm what was asked: one draft (`confirm` its id) or every draft the page showed
    (`confirm` "all", the ids in `shown`: not one added since). The refusal, as error links."""
    asked = request.POST.get("confirm", "")
    ids = request.POST.getlist("shown") if asked == "all" else [asked]
    ids = [int(pk) for pk in ids if pk.isascii() and pk.isdigit() and len(pk) < 12]
    confirmed = service.confirm_drafts(scorecard, year, ids, request.user) if ids else []
    if not confirmed:
        # A double click, or a colleague's confirming meanwhile: what was asked is already done.
        already = selectors.confirmed_numbers(scorecard, year, ids)
        if already and len(already) == len(ids):
            messages.info(request, f"The target{'s' if len(already) != 1 else ''} of {', '.join(already)} for {year} "
                                   f"{'is' if len(already) == 1 else 'are'} already confirmed: "
                                   f"{'it gives' if len(already) == 1 else 'they give'} a RAG rating.")
            return []
        text = (f"There are no draft targets for {year} to confirm" if asked == "all" else
                f"That target is not a draft of {scorecard.title} for {year}: nothing was confirmed")
        return [{"href": "#drafts", "text": text}]
    messages.success(request, f"Confirmed the target{'s' if len(confirmed) != 1 else ''} of "
                              f"{', '.join(confirmed)} for {year}: from now on they give a RAG rating.")
    return []
