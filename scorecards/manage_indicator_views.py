"""Managing indicators (docs/architecture.md, managing indicators): the list with its filters,
creating one, its settings and owners, and retiring it from a month on.

Admins change indicators; a performance officer may see, not change, the indicators they own
(`indicator_access`). Thin views: reads in `manage_indicator_selectors`, checks in
`manage_indicator_forms`, writes in `services/manage_indicators`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Action, Role, can, user_roles
from scorecards import manage_indicator_selectors as selectors
from scorecards.manage_indicator_forms import IndicatorFilterForm, IndicatorForm, RetireForm, UnretireForm
from scorecards.manage_indicator_tables import IndicatorTable
from scorecards.manage_selectors import last_history_change
from scorecards.models import Indicator, Scorecard
from scorecards.services import manage_indicators as service
from scorecards.stale_edits import Changed, refuse

View = Callable[..., HttpResponse]
READS = ("GET", "HEAD")


@dataclass(frozen=True)
class IndicatorAccess:
    """Who is looking: an admin (`officer` None), who may change every indicator, or a
    performance officer, who may only read the indicators they own."""

    officer: Any = None

    @property
    def may_change(self) -> bool:
        return self.officer is None


def indicator_access(*, officers_read: bool) -> Callable[[View], View]:
    """The indicator screens' permission. Anonymous people are sent to sign in. Admins may do
    everything. A performance officer may GET the pages marked `officers_read`, and of a page
    about one indicator (a `pk` in the URL) only an indicator they own: any other is 403, as is
    any POST of theirs. Everyone else: 403. The view gets the `IndicatorAccess` and, for a
    `pk`, the `indicator`. The pages are never cached: they differ by who is looking."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if can(user, Action.MANAGE_INDICATORS):
                access = IndicatorAccess()
            elif officers_read and request.method in READS and Role.PERFORMANCE_OFFICER in user_roles(user):
                access = IndicatorAccess(officer=user)
            else:
                raise PermissionDenied("Managing indicators is for admins; officers may see the indicators they own.")
            if "pk" in kwargs:
                indicator = get_object_or_404(Indicator.objects.select_related("scorecard", "section"),
                                              pk=kwargs.pop("pk"))
                # Ownership as the entry grid reads it (Indicator.is_owned_by).
                if not access.may_change and not can(user, Action.ENTER_FIGURES, indicator):
                    raise PermissionDenied("You may see only the indicators you own.")
                kwargs["indicator"] = indicator
            response = view(request, access, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response

        return guarded

    return decorate


def _page_url(indicator: Indicator) -> str:
    return reverse("scorecards:manage_indicator", kwargs={"pk": indicator.pk})


@indicator_access(officers_read=True)
@require_http_methods(["GET", "HEAD"])
def indicator_list(request: HttpRequest, access: IndicatorAccess) -> HttpResponse:
    indicators = selectors.visible_indicators(access.officer)
    filters = IndicatorFilterForm(request.GET or None, indicators=indicators, officer=access.officer)
    chosen = filters.chosen()
    rows = selectors.indicator_rows(indicators, chosen)
    table = IndicatorTable(rows, f"{len(rows)} indicator{'' if len(rows) == 1 else 's'}")
    if "scorecard" in chosen:
        table.columns.hide("scorecard")  # one scorecard: the filter above names it
    return render(request, "scorecards/manage/indicator_list.html", {"form": filters, "table": table, "access": access})


@indicator_access(officers_read=False)
@require_http_methods(["GET", "HEAD", "POST"])
def indicator_new(request: HttpRequest, access: IndicatorAccess) -> HttpResponse:
    """A new indicator; `?scorecard=<slug>` chooses its scorecard and offers only its sections."""
    scorecard = Scorecard.objects.filter(slug=request.GET.get("scorecard", "")).first()
    initial = {"scorecard": scorecard.slug if scorecard else "", "unit": "number", "frequency": "monthly",
               "ytd_method": "none"}
    form = IndicatorForm(request.POST if request.method == "POST" else None, scorecard=scorecard, initial=initial)
    if request.method == "POST" and form.is_valid():
        indicator = service.create_indicator(form.cleaned_data["scorecard"], form.settings(), request.user)
        messages.success(request, f"Created the indicator {indicator.number} {indicator.name}.")
        return redirect(_page_url(indicator))
    return render(request, "scorecards/manage/indicator_new.html", {"form": form, "scorecard": scorecard})


@indicator_access(officers_read=True)
@require_http_methods(["GET", "HEAD", "POST"])
def indicator_page(request: HttpRequest, access: IndicatorAccess, indicator: Indicator) -> HttpResponse:
    """An indicator's settings and owners (read-only for its owners), and its retirement."""
    if request.method != "POST":
        form = IndicatorForm.for_indicator(indicator) if access.may_change else None
        return _indicator_page(request, access, indicator, form=form)
    form = IndicatorForm(request.POST, indicator=indicator)
    conflicts: tuple[service.Conflict, ...] = ()
    if form.is_valid():
        try:
            outcome = service.change_indicator(indicator, form.settings(), request.user, form.cleaned_data["reason"],
                                               form.cleaned_data["version"])
        except Changed as changed:
            refuse(form, changed, "indicator", "settings")
            return _indicator_page(request, access, Indicator.objects.select_related("scorecard", "section")
                                   .get(pk=indicator.pk), form=form, summary=form)
        if not outcome.conflicts:
            messages.success(request, f"Saved: {'; '.join(outcome.changes)}." if outcome.changes else "Nothing had changed.")
            return redirect(_page_url(indicator))
        conflicts = outcome.conflicts
        for conflict in conflicts:  # each under the setting whose change it comes from
            form.add_error(conflict.field, conflict.message)
    return _indicator_page(request, access, indicator, form=form, summary=form, conflicts=conflicts)


@indicator_access(officers_read=False)
@require_POST
def indicator_retirement(request: HttpRequest, access: IndicatorAccess, indicator: Indicator) -> HttpResponse:
    """Retire the indicator from a month on (`action=retire`), or bring it back (`action=unretire`)."""
    action = request.POST.get("action", "retire")  # none posted: the retire form, as before buttons named it
    if action not in ("retire", "unretire"):  # a page or script of some other making: do nothing at all
        return HttpResponseBadRequest("Unknown action: expected retire or unretire.")
    if action == "unretire":
        unretire = UnretireForm(request.POST)
        if unretire.is_valid():
            change = service.unretire_indicator(indicator, request.user, unretire.cleaned_data["reason"])
            messages.success(request, f"{change}." if change else "It was not retired.")
            return redirect(_page_url(indicator))
        return _indicator_page(request, access, indicator, unretire=unretire, summary=unretire)
    retire = RetireForm(request.POST, indicator=indicator)
    if retire.is_valid():
        change = service.retire_indicator(indicator, retire.cleaned_data["from_month"], request.user,
                                          retire.cleaned_data["reason"])
        messages.success(request, f"{change}. Its figures, history and issues already published stay.")
        return redirect(_page_url(indicator))
    return _indicator_page(request, access, indicator, retire=retire, summary=retire)


def _conflict_warning(conflicts: tuple[service.Conflict, ...]) -> str:
    count = len(conflicts)
    things = "stored figure or target" if count == 1 else "stored figures or targets"
    return (f"Nothing was saved: {count} {things} would not be accepted with the new settings; each is listed at "
            "its setting below. Correct them first, or keep the setting as it is.")


def _indicator_page(request: HttpRequest, access: IndicatorAccess, indicator: Indicator, *,
                    form: IndicatorForm | None = None, retire: RetireForm | None = None,
                    unretire: UnretireForm | None = None, summary: forms.Form | None = None,
                    conflicts: tuple[service.Conflict, ...] = ()) -> HttpResponse:
    """The page with whichever of its forms was posted as posted (`summary`: the one whose
    errors the error summary lists), the others as stored."""
    if access.may_change:
        form = form or IndicatorForm.for_indicator(indicator)
        retire = retire or RetireForm(indicator=indicator)
        unretire = unretire or UnretireForm()
    context = {
        "indicator": indicator, "access": access, "form": form, "retire": retire, "unretire": unretire,
        "summary_form": summary, "conflicts": conflicts, "conflict_warning": _conflict_warning(conflicts),
        "settings": selectors.indicator_summary(indicator),
        "retired_from": selectors.month_words(indicator.retired_from) if indicator.retired_from else None,
        "last_change": last_history_change(indicator),
    }
    return render(request, "scorecards/manage/indicator.html", context)
