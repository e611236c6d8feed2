"""Managing an indicator's year-end outturns and benchmarks (docs/architecture.md, managing
outturns and benchmarks; issue 13, items 4 and 8). Admins only, as every management screen.

Thin views: reads in `manage_figure_selectors`, checks in `manage_figure_forms` (the import's
rules), writes in `services/manage_figures`. Each list page adds; each row's page changes or
deletes (one form: the "Delete" button reads only the reason).
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scorecards import manage_figure_selectors as selectors
from scorecards.compute.precision import format_figure
from scorecards.compute.vocabulary import benchmark_label
from scorecards.manage_figure_forms import BenchmarkForm, OutturnForm
from scorecards.manage_figure_tables import BenchmarkTable, OutturnTable
from scorecards.manage_selectors import shown_in_a_publication
from scorecards.manage_views import admin_only
from scorecards.models import Benchmark, Indicator, Outturn
from scorecards.services import manage_figures
from scorecards.stale_edits import Changed, refuse

GET_OR_POST = ["GET", "HEAD", "POST"]
# A benchmark's fields in the success message: its places written are part of its value.
CHANGED_WORDS = {"measure": "measure", "value": "value", "decimals": "value", "year": "year", "source": "source"}


def _indicator(pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("scorecard"), pk=pk)


def _saved(request: HttpRequest, done: str, warnings: list[str]) -> None:
    """Say what was saved, and what the import would have warned about it (a rounding, a near-standard name)."""
    messages.success(request, done)
    for warning in warnings:
        messages.warning(request, warning)


@admin_only
@require_http_methods(GET_OR_POST)
def outturn_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator's outturns by year, and a form to add one."""
    indicator = _indicator(pk)
    form = OutturnForm(request.POST if request.method == "POST" else None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        outturn = manage_figures.add_outturn(indicator, form.cleaned_data["year"], form.cleaned_data["value"],
                                             request.user)
        _saved(request, f"Added the outturn for {outturn.year}: {OutturnForm.shown_as(outturn)}.", form.warnings)
        return redirect(reverse("scorecards:manage_outturns", kwargs={"pk": pk}))
    table = OutturnTable(selectors.outturn_rows(indicator), f"Outturns of {indicator.number}", indicator.pk)
    context = {"indicator": indicator, "form": form, "table": table,
               "last_change": selectors.last_figure_change(Outturn, indicator)}
    return render(request, "scorecards/manage/outturn_list.html", context)


@admin_only
@require_http_methods(GET_OR_POST)
def outturn_edit(request: HttpRequest, pk: int, year: str) -> HttpResponse:
    """One year's outturn: change its value or delete it; a reason when a publication shows it."""
    indicator = _indicator(pk)
    label = selectors.year_from_address(year)
    outturn = Outturn.objects.select_related("indicator__scorecard").filter(indicator=indicator, year=label).first()
    if outturn is None:
        return _gone(request, selectors.was_deleted(Outturn, indicator, year=label), "manage_outturns", pk,
                     f"The outturn for {label}")
    if request.method == "POST":
        deleting = _deleting(request)
        if deleting is None:
            return HttpResponseBadRequest("Unknown delete value: expected yes.")
        form = OutturnForm(request.POST, indicator=indicator, outturn=outturn, deleting=deleting)
        done = _save_row(request, form, outturn, deleting, _write_outturn,
                         ("manage_outturns", pk, f"The outturn for {label}"), ("outturn", "value"))
        if done is not None:
            return done
    else:
        form = OutturnForm.for_outturn(outturn)
    context = {"indicator": indicator, "outturn": outturn, "form": form,
               "published": shown_in_a_publication(outturn), "last_change": selectors.last_row_change(outturn)}
    return render(request, "scorecards/manage/outturn_form.html", context)


def _write_outturn(request: HttpRequest, form: OutturnForm, outturn: Outturn, deleting: bool) -> None:
    reason, version = form.cleaned_data["reason"], form.cleaned_data["version"]
    if deleting:
        manage_figures.delete_outturn(outturn, request.user, reason, version)
        messages.success(request, f"Deleted the outturn for {outturn.year}.")
        return
    before = OutturnForm.shown_as(outturn)
    changed = manage_figures.change_outturn(outturn, form.cleaned_data["value"], request.user, reason, version)
    after = format_figure(form.cleaned_data["value"], form.indicator.decimals)
    _saved(request, f"Changed the outturn for {outturn.year} from {before} to {after}." if changed
           else "Nothing had changed.", form.warnings)


def _deleting(request: HttpRequest) -> bool | None:
    """Whether a row's posted form is its Delete button; None for a value no button of the page sends."""
    if request.POST.get("delete", "yes") != "yes":
        return None
    return "delete" in request.POST


def _save_row(request: HttpRequest, form, row: Outturn | Benchmark, deleting: bool, write,
              gone: tuple[str, int, str], refused: tuple[str, str]) -> HttpResponse | None:
    """Write a row's posted form: to its list when done (or when the row was deleted between
    reading and holding it, `gone`: list name, indicator, what it was); None to show the form
    again, with its errors or, from a stale page, the refusal in `refused`'s words."""
    if not form.is_valid():
        return None
    try:
        write(request, form, row, deleting)
    except type(row).DoesNotExist:
        return _gone(request, True, *gone)
    except Changed as changed:
        refuse(form, changed, *refused)
        row.refresh_from_db()
        return None
    return redirect(reverse(f"scorecards:{gone[0]}", kwargs={"pk": gone[1]}))


def _gone(request: HttpRequest, deleted: object, list_name: str, pk: int, what: str) -> HttpResponse:
    """A row's page whose row is gone. A post from a page drawn before someone else deleted it
    (`deleted`: its history says so) is answered on the list, with why nothing was saved; any
    other request for it is not found."""
    if not deleted or request.method != "POST":
        raise Http404("No such row.")
    messages.error(request, f"{what} was deleted since you opened the page: nothing was saved.")
    return redirect(reverse(f"scorecards:{list_name}", kwargs={"pk": pk}))


@admin_only
@require_http_methods(GET_OR_POST)
def benchmark_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator's benchmarks, standard measures first, and a form to add one."""
    indicator = _indicator(pk)
    form = BenchmarkForm(request.POST if request.method == "POST" else None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        benchmark = manage_figures.add_benchmark(indicator, form.entry(), request.user, form.cleaned_data["reason"])
        _saved(request, f"Added the benchmark \u201c{benchmark_label(benchmark.measure)}\u201d.", form.warnings)
        return redirect(reverse("scorecards:manage_benchmarks", kwargs={"pk": pk}))
    table = BenchmarkTable(selectors.benchmark_rows(indicator), f"Benchmarks of {indicator.number}", indicator.pk)
    context = {"indicator": indicator, "form": form, "table": table,
               "last_change": selectors.last_figure_change(Benchmark, indicator)}
    return render(request, "scorecards/manage/benchmark_list.html", context)


@admin_only
@require_http_methods(GET_OR_POST)
def benchmark_edit(request: HttpRequest, pk: int, benchmark_id: int) -> HttpResponse:
    indicator = _indicator(pk)
    benchmark = Benchmark.objects.select_related("indicator__scorecard").filter(pk=benchmark_id,
                                                                                 indicator=indicator).first()
    if benchmark is None:
        deleted = selectors.was_deleted(Benchmark, indicator, id=benchmark_id)
        what = f"The benchmark \u201c{benchmark_label(deleted.measure)}\u201d" if deleted else ""
        return _gone(request, deleted, "manage_benchmarks", pk, what)
    label = benchmark_label(benchmark.measure)
    if request.method == "POST":
        deleting = _deleting(request)
        if deleting is None:
            return HttpResponseBadRequest("Unknown delete value: expected yes.")
        form = BenchmarkForm(request.POST, indicator=indicator, benchmark=benchmark, deleting=deleting)
        done = _save_row(request, form, benchmark, deleting, _write_benchmark,
                         ("manage_benchmarks", pk, f"The benchmark \u201c{label}\u201d"), ("benchmark", "values"))
        if done is not None:
            return done
    else:
        form = BenchmarkForm.for_benchmark(benchmark)
    context = {"indicator": indicator, "benchmark": benchmark, "label": benchmark_label(benchmark.measure),
               "form": form, "last_change": selectors.last_row_change(benchmark)}
    return render(request, "scorecards/manage/benchmark_form.html", context)


def _write_benchmark(request: HttpRequest, form: BenchmarkForm, benchmark: Benchmark, deleting: bool) -> None:
    label = benchmark_label(benchmark.measure)
    reason, version = form.cleaned_data["reason"], form.cleaned_data["version"]
    if deleting:
        manage_figures.delete_benchmark(benchmark, request.user, reason, version)
        messages.success(request, f"Deleted the benchmark \u201c{label}\u201d.")
        return
    changed = manage_figures.change_benchmark(benchmark, form.entry(), request.user, reason, version)
    words = dict.fromkeys(CHANGED_WORDS[name] for name in changed)
    _saved(request, f"Changed the benchmark \u201c{label}\u201d: {', '.join(words)}." if changed
           else "Nothing had changed.", form.warnings)
