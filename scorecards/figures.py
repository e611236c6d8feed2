"""Every computed figure a page, export or publication shows: the rules of `scorecards.compute`
applied to a scorecard's stored figures (live, or as published).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from scorecards.compute.evaluate import IndicatorFigures, evaluate_series
from scorecards.compute.periods import (
    Month,
    months_ending,
    reporting_year_label,
    reporting_year_start,
    year_label_for_start,
)
from scorecards.snapshot import IndicatorData, ScorecardData

# A publication keeps the 24 months up to its month, with every computed figure of each.
PUBLISHED_MONTHS = 24

# Computed figures of one indicator as at one month, in the export's JSON form.
ComputedRow = dict[str, Any]


def compute_figures(data: ScorecardData, months: list[Month]) -> dict[str, dict[str, ComputedRow]]:
    """Computed figures of every indicator as at each of `months`: {number: {"2020-12": row}}."""
    settings = data.settings
    result: dict[str, dict[str, ComputedRow]] = {}
    for indicator in data.indicators:
        series: dict[Month, IndicatorFigures] = evaluate_series(
            indicator.spec,
            settings,
            indicator.compute_observations(),
            indicator.tolerances(),
            indicator.compute_outturns(),
            months,
        )
        result[indicator.number] = {str(month): figures.as_export() for month, figures in series.items()}
    return result


@lru_cache(maxsize=256)
def previous_years(as_at: Month, start_month: int, count: int = 5) -> tuple[str, ...]:
    start = reporting_year_start(as_at, start_month)
    return tuple(year_label_for_start(start.plus(-12 * back)) for back in range(count, 0, -1))


@lru_cache(maxsize=256)
def shown_periods(as_at: Month) -> tuple[str, ...]:
    """The three months ending at `as_at`, as the export keys them."""
    return tuple(str(m) for m in months_ending(as_at, 3))


def indicator_row(
    indicator: IndicatorData, as_at: Month, start_month: int, computed: ComputedRow
) -> dict[str, Any]:
    periods = shown_periods(as_at)
    current = computed["current_period"]
    shown = periods if current is None or current in periods else (current, *periods)
    values = {p: indicator.observations[p].value if p in indicator.observations else None for p in shown}
    marks = {p: indicator.observations[p].marks() for p in shown if p in indicator.observations}
    year = reporting_year_label(as_at, start_month)
    cells = indicator.targets.get(year)
    target = None
    if cells is not None:
        tolerance = indicator.tolerance_for(year)
        target = {
            "year": year,
            "red": cells["red"],
            "amber": cells["amber"],
            "green": cells["green"],
            "kind": None if tolerance is None else tolerance.kind,
            "words": None if tolerance is None else tolerance.words,
        }
    return {
        "number": indicator.number,
        "section": indicator.section,
        "name": indicator.name,
        "polarity": indicator.polarity,
        "unit": indicator.unit,
        "data_note": indicator.data_note,
        "frequency": indicator.frequency,
        "ytd_method": indicator.ytd_method,
        "decimals": indicator.decimals,
        "values": values,
        "marks": {p: m for p, m in marks.items() if m},
        **computed,
        "target": target,
        "outturns": {y: indicator.outturns.get(y) for y in previous_years(as_at, start_month)},
        "benchmarks": {measure: dict(b) for measure, b in indicator.benchmarks.items()},
    }
