"""Reads of the outturn and benchmark screens (docs/architecture.md, managing outturns and
benchmarks): an indicator's year-end outturns and benchmarks, each with who changed it last,
and the latest change to either kind, deletions included. Each read takes the same number of
queries however many rows the indicator has.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from scorecards.compute.precision import format_figure
from scorecards.compute.vocabulary import BenchmarkMeasure, benchmark_label
from scorecards.manage_selectors import LastChange, history_who, latest_record
from scorecards.models import Benchmark, Indicator, Outturn


@dataclass(frozen=True)
class Changed:
    """Who wrote a row last and when ("the system" for a write without a user, such as a seed)."""

    who: str
    when: datetime.datetime


@dataclass(frozen=True)
class OutturnRow:
    year: str  # as stored, 2020/21
    value: str  # to the indicator's places
    changed: Changed | None

    @property
    def year_in_address(self) -> str:
        return year_in_address(self.year)


@dataclass(frozen=True)
class BenchmarkRow:
    benchmark_id: int
    measure: str  # as stored: a standard measure's key, or another comparator as written
    label: str  # in words
    standard: bool
    value: str  # as entered: 42.0 stays 42.0
    year: str
    source: str
    changed: Changed | None


def year_in_address(year: str) -> str:
    """A year label as the outturn's address writes it: 2020/21 is 2020-21 (a / would be a new path segment)."""
    return year.replace("/", "-")


def year_from_address(text: str) -> str:
    return text.replace("-", "/")


def _latest_writes(model: type[Model], indicator: Indicator) -> dict[int, Changed]:
    """Each of the indicator's rows (by id) with its latest history record, in one query."""
    records = (model.history.filter(indicator_id=indicator.pk).select_related("history_user")
               .order_by("id", "-history_date", "-history_id"))
    latest: dict[int, Changed] = {}
    for record in records:
        latest.setdefault(record.id, Changed(history_who(record), record.history_date))
    return latest


def outturn_rows(indicator: Indicator) -> list[OutturnRow]:
    """The indicator's outturns by year, oldest first, shown to the indicator's places."""
    changed = _latest_writes(Outturn, indicator)
    return [OutturnRow(outturn.year, format_figure(outturn.value, indicator.decimals) or "", changed.get(outturn.pk))
            for outturn in Outturn.objects.filter(indicator=indicator).order_by("year")]


def benchmark_rows(indicator: Indicator) -> list[BenchmarkRow]:
    """The standard measures in their printed order, then other comparators by name."""
    changed = _latest_writes(Benchmark, indicator)
    order = {measure.value: place for place, measure in enumerate(BenchmarkMeasure)}
    benchmarks = sorted(Benchmark.objects.filter(indicator=indicator),
                        key=lambda row: (order.get(row.measure, len(order)), row.measure.casefold()))
    return [
        BenchmarkRow(row.pk, row.measure, benchmark_label(row.measure), row.measure in order,
                     format_figure(row.value, row.decimals) or "", row.year, row.source, changed.get(row.pk))
        for row in benchmarks
    ]


_WROTE = {"+": "added", "~": "changed", "-": "deleted"}


def _described(record, model: type[Model]) -> LastChange:
    """A history record in words: which row, what was done to it, and the reason given."""
    subject = record.year if model is Outturn else f"\u201c{benchmark_label(record.measure)}\u201d"
    what = f"{subject} {_WROTE.get(record.history_type, 'changed')}"
    if record.history_change_reason:
        what += f". Reason: {record.history_change_reason}"
    return LastChange(history_who(record), record.history_date, what)


def last_figure_change(model: type[Outturn] | type[Benchmark], indicator: Indicator) -> LastChange | None:
    """The latest write to any of the indicator's outturns (or benchmarks), a deletion included."""
    record = latest_record(model.history.filter(indicator_id=indicator.pk))
    return None if record is None else _described(record, model)


def last_row_change(row: Outturn | Benchmark) -> LastChange | None:
    """The latest write to one outturn or benchmark."""
    record = latest_record(row.history.all())
    return None if record is None else _described(record, type(row))


def was_deleted(model: type[Model], indicator: Indicator, **row: object) -> Any:
    """The history record of the deletion of the indicator's row matching `row` (an outturn's
    year, a benchmark's id), or None when no such row was ever deleted: a page drawn before
    someone else deleted it says so, while an address that never was stays not found."""
    return (model.history.filter(indicator_id=indicator.pk, history_type="-", **row)
            .order_by("-history_id").first())
