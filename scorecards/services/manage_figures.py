"""Writes of the outturn and benchmark screens (docs/architecture.md, managing outturns and
benchmarks): add, change and delete an indicator's year-end outturns and benchmarks.

The forms (`manage_figure_forms.py`) have already read every value by the import's rules
(`compute.entry`); each write here is all or nothing and is kept in the row's history with the
admin who made it and the reason given. An outturn that a publication has frozen
(`manage_selectors.shown_in_a_publication`) is changed or deleted only with a reason: the
publication keeps the value it froze, while the live scorecard and the next issue show the new
one. Benchmarks are not gated so (issue 13 asks it of targets and outturns), but a reason given
is kept all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model

from accounts.history import stamp_history
from scorecards.manage_selectors import shown_in_a_publication
from scorecards.models import Benchmark, Indicator, Outturn
from scorecards.services.manage import ReasonRequired
from scorecards.stale_edits import check_history_version


@dataclass(frozen=True)
class BenchmarkEntry:
    """A benchmark as the form read it: the measure's key or another comparator as written, the
    value as entered with the places written (`decimals`), and its year and source ("" for none)."""

    measure: str
    value: Decimal
    decimals: int
    year: str
    source: str


def _checked_save(row: Model) -> None:
    """Save after the model's own entry rules (Outturn.clean and Benchmark.clean are the import's),
    a second look behind the form's: a value that slipped past them is never stored."""
    row.full_clean()
    row.save()


# -- outturns


@transaction.atomic
def add_outturn(indicator: Indicator, year: str, value: Decimal, by: Any) -> Outturn:
    """A new year's outturn. No publication can have frozen a row not yet written, so no reason is asked."""
    outturn = Outturn(indicator=indicator, year=year, value=value)
    stamp_history(outturn, by, None)
    _checked_save(outturn)
    return outturn


def _locked_outturn(outturn: Outturn, by: Any, version: str | None) -> Outturn:
    """The outturn held for the write, unless it changed since the form was drawn (`version`:
    `stale_edits.Changed`) or was deleted meanwhile (`Outturn.DoesNotExist`)."""
    locked = Outturn.objects.select_for_update().select_related("indicator__scorecard").get(pk=outturn.pk)
    check_history_version(locked, version, by)
    return locked


def _require_reason(outturn: Outturn, reason: str | None) -> None:
    if not reason and shown_in_a_publication(outturn):
        raise ReasonRequired(f"{outturn.indicator.number} {outturn.year}")


@transaction.atomic
def change_outturn(outturn: Outturn, value: Decimal, by: Any, reason: str | None, version: str | None = None) -> bool:
    """Set the outturn's value; False (nothing written, so no reason needed) when it already was that value."""
    locked = _locked_outturn(outturn, by, version)
    if locked.value == value:
        return False
    _require_reason(locked, reason)
    locked.value = value
    stamp_history(locked, by, reason)
    _checked_save(locked)
    return True


@transaction.atomic
def delete_outturn(outturn: Outturn, by: Any, reason: str | None, version: str | None = None) -> None:
    """Delete the outturn; its history keeps a record of the deletion, by whom and why. A
    stale page deletes nothing either: the value it showed may not be the one stored now."""
    locked = _locked_outturn(outturn, by, version)
    _require_reason(locked, reason)
    stamp_history(locked, by, reason)
    locked.delete()


# -- benchmarks

BENCHMARK_FIELDS = ("measure", "value", "decimals", "year", "source")


@transaction.atomic
def add_benchmark(indicator: Indicator, entry: BenchmarkEntry, by: Any, reason: str | None) -> Benchmark:
    benchmark = Benchmark(indicator=indicator, **{name: getattr(entry, name) for name in BENCHMARK_FIELDS})
    stamp_history(benchmark, by, reason)
    _checked_save(benchmark)
    return benchmark


@transaction.atomic
def _locked_benchmark(benchmark: Benchmark, by: Any, version: str | None) -> Benchmark:
    """As `_locked_outturn`, for a benchmark (`Benchmark.DoesNotExist` when deleted meanwhile)."""
    locked = Benchmark.objects.select_for_update().select_related("indicator__scorecard").get(pk=benchmark.pk)
    check_history_version(locked, version, by)
    return locked


@transaction.atomic
def change_benchmark(benchmark: Benchmark, entry: BenchmarkEntry, by: Any, reason: str | None,
                     version: str | None = None) -> list[str]:
    """Save the entry over the benchmark; the names of the fields changed (none: nothing written)."""
    locked = _locked_benchmark(benchmark, by, version)
    # The database gives values back to 6 places (42.000000): compared as numbers, while a change
    # of the places written (42 to 42.0) is a change of `decimals`.
    changed = [name for name in BENCHMARK_FIELDS if getattr(locked, name) != getattr(entry, name)]
    if not changed:
        return []
    for name in BENCHMARK_FIELDS:
        setattr(locked, name, getattr(entry, name))
    stamp_history(locked, by, reason)
    _checked_save(locked)
    return changed


@transaction.atomic
def delete_benchmark(benchmark: Benchmark, by: Any, reason: str | None, version: str | None = None) -> None:
    locked = _locked_benchmark(benchmark, by, version)
    stamp_history(locked, by, reason)
    locked.delete()
