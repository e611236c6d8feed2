"""Every computed figure a page, export or publication shows: the rules of `scorecards.compute`
applied to a scorecard's stored figures (live, or as published), as typed rows.

A publication freezes the computed figures in their JSON form (`Figures.as_export`), so live
and published rows are built the same way: from that form, by `Figures.from_export`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from scorecards.compute.evaluate import evaluate_series
from scorecards.compute.periods import (
    Month,
    months_ending,
    reporting_year_label,
    reporting_year_start,
    year_label_for_start,
)
from scorecards.compute.vocabulary import Rag
from scorecards.snapshot import IndicatorData, ScorecardData

# A publication keeps the 24 months up to its month, with every computed figure of each.
PUBLISHED_MONTHS = 24


@dataclass(frozen=True)
class YearFigureText:
    value: str | None
    source: str  # "ytd" or "outturn"


@dataclass(frozen=True)
class Dot:
    """Direction of travel as exported; everything but `basis` is None when nothing is compared."""

    basis: str
    movement: str | None = None
    judgement: str | None = None
    qualifier: str | None = None
    state: str | None = None
    arrow: str | None = None
    colour: str | None = None
    words: str | None = None
    compared_with: str | None = None

    def as_export(self) -> dict[str, Any]:
        return {
            "basis": self.basis,
            "movement": self.movement,
            "judgement": self.judgement,
            "qualifier": self.qualifier,
            "state": self.state,
            "arrow": self.arrow,
            "colour": self.colour,
            "words": self.words,
            "compared_with": self.compared_with,
        }


@dataclass(frozen=True)
class Figures:
    """The computed figures of one indicator as at one month (docs/rules.md)."""

    current_period: str | None
    ytd: str | None
    ytd_incomplete: bool
    year_figure: YearFigureText | None
    dot: Dot
    rag_in_month: Rag | None
    rag_year_end: Rag | None

    @classmethod
    def from_export(cls, computed: Mapping[str, Any]) -> Figures:
        year_figure = computed["year_figure"]
        rag = computed["rag"]
        return cls(
            current_period=computed["current_period"],
            ytd=computed["ytd"],
            ytd_incomplete=computed["ytd_incomplete"],
            year_figure=None if year_figure is None else YearFigureText(year_figure["value"], year_figure["source"]),
            dot=Dot(**computed["dot"]),
            rag_in_month=None if rag["in_month"] is None else Rag(rag["in_month"]),
            rag_year_end=None if rag["year_end"] is None else Rag(rag["year_end"]),
        )

    def as_export(self) -> dict[str, Any]:
        """The computed keys of a JSON export row (docs/workbook.md), in their order."""
        return {
            "current_period": self.current_period,
            "ytd": self.ytd,
            "ytd_incomplete": self.ytd_incomplete,
            "year_figure": None
            if self.year_figure is None
            else {"value": self.year_figure.value, "source": self.year_figure.source},
            "dot": self.dot.as_export(),
            "rag": {
                "in_month": None if self.rag_in_month is None else str(self.rag_in_month),
                "year_end": None if self.rag_year_end is None else str(self.rag_year_end),
            },
        }


# Computed figures by indicator number, then by month ("2020-12").
ComputedFigures = Mapping[str, Mapping[str, Figures]]


@dataclass(frozen=True)
class TargetCells:
    """This reporting year's target as entered, and what it amounts to."""

    year: str
    red: str | None
    amber: str | None
    green: str | None
    kind: str | None  # bands, none or words; None when the stored cells no longer parse
    words: str | None

    def as_export(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "red": self.red,
            "amber": self.amber,
            "green": self.green,
            "kind": self.kind,
            "words": self.words,
        }


@dataclass(frozen=True)
class BenchmarkFigure:
    value: str | None
    year: str | None
    source: str | None

    def as_export(self) -> dict[str, Any]:
        return {"value": self.value, "year": self.year, "source": self.source}


@dataclass(frozen=True)
class ScorecardRow:
    """One indicator as at a month: what every output of the scorecard shows of it."""

    number: str
    section: str | None
    name: str
    polarity: str
    unit: str
    data_note: str
    frequency: str
    ytd_method: str
    decimals: int
    values: Mapping[str, str | None]  # the shown periods (and an earlier current period)
    marks: Mapping[str, tuple[str, ...]]  # only periods that have marks
    figures: Figures
    target: TargetCells | None
    outturns: Mapping[str, str | None]  # the five previous reporting years
    benchmarks: Mapping[str, BenchmarkFigure]  # by measure

    @property
    def current_value(self) -> str | None:
        current = self.figures.current_period
        return None if current is None else self.values.get(current)

    def as_export(self) -> dict[str, Any]:
        """The row of the JSON export (docs/workbook.md), keys in their published order."""
        return {
            "number": self.number,
            "section": self.section,
            "name": self.name,
            "polarity": self.polarity,
            "unit": self.unit,
            "data_note": self.data_note,
            "frequency": self.frequency,
            "ytd_method": self.ytd_method,
            "decimals": self.decimals,
            "values": dict(self.values),
            "marks": {period: list(marks) for period, marks in self.marks.items()},
            **self.figures.as_export(),
            "target": None if self.target is None else self.target.as_export(),
            "outturns": dict(self.outturns),
            "benchmarks": {measure: benchmark.as_export() for measure, benchmark in self.benchmarks.items()},
        }


def compute_figures(data: ScorecardData, months: list[Month]) -> dict[str, dict[str, Figures]]:
    """Computed figures of every indicator as at each of `months`: {number: {"2020-12": figures}}."""
    settings = data.settings
    result: dict[str, dict[str, Figures]] = {}
    for indicator in data.indicators:
        series = evaluate_series(
            indicator.spec,
            settings,
            indicator.compute_observations(),
            indicator.tolerances(),
            indicator.compute_outturns(),
            months,
        )
        result[indicator.number] = {
            str(month): Figures.from_export(figures.as_export()) for month, figures in series.items()
        }
    return result


def figures_as_export(computed: ComputedFigures) -> dict[str, dict[str, dict[str, Any]]]:
    """Computed figures in the JSON form a publication freezes."""
    return {number: {month: f.as_export() for month, f in months.items()} for number, months in computed.items()}


def figures_from_export(frozen: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, dict[str, Figures]]:
    return {number: {month: Figures.from_export(f) for month, f in months.items()} for number, months in frozen.items()}


@lru_cache(maxsize=256)
def previous_years(as_at: Month, start_month: int, count: int = 5) -> tuple[str, ...]:
    start = reporting_year_start(as_at, start_month)
    return tuple(year_label_for_start(start.plus(-12 * back)) for back in range(count, 0, -1))


@lru_cache(maxsize=256)
def shown_periods(as_at: Month) -> tuple[str, ...]:
    """The three months ending at `as_at`, as the export keys them."""
    return tuple(str(m) for m in months_ending(as_at, 3))


def indicator_row(indicator: IndicatorData, as_at: Month, start_month: int, figures: Figures) -> ScorecardRow:
    periods = shown_periods(as_at)
    current = figures.current_period
    shown = periods if current is None or current in periods else (current, *periods)
    observations = indicator.observations
    marks = {p: tuple(observations[p].marks()) for p in shown if p in observations}
    year = reporting_year_label(as_at, start_month)
    cells = indicator.targets.get(year)
    target = None
    if cells is not None:
        tolerance = indicator.tolerance_for(year)
        target = TargetCells(
            year=year,
            red=cells["red"],
            amber=cells["amber"],
            green=cells["green"],
            kind=None if tolerance is None else tolerance.kind,
            words=None if tolerance is None else tolerance.words,
        )
    return ScorecardRow(
        number=indicator.number,
        section=indicator.section,
        name=indicator.name,
        polarity=indicator.polarity,
        unit=indicator.unit,
        data_note=indicator.data_note,
        frequency=indicator.frequency,
        ytd_method=indicator.ytd_method,
        decimals=indicator.decimals,
        values={p: observations[p].value if p in observations else None for p in shown},
        marks={p: m for p, m in marks.items() if m},
        figures=figures,
        target=target,
        outturns={y: indicator.outturns.get(y) for y in previous_years(as_at, start_month)},
        # By measure, whatever order the snapshot's JSON kept them in (PostgreSQL's jsonb sorts keys).
        benchmarks={
            measure: BenchmarkFigure(b["value"], b["year"], b["source"])
            for measure, b in sorted(indicator.benchmarks.items())
        },
    )


def scorecard_rows(data: ScorecardData, as_at: Month, computed: ComputedFigures) -> tuple[ScorecardRow, ...]:
    """Every indicator's row as at `as_at`, in the scorecard's order."""
    start_month = data.year_start_month
    month = str(as_at)
    return tuple(
        indicator_row(indicator, as_at, start_month, computed[indicator.number][month]) for indicator in data.indicators
    )
