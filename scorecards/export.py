"""Exports of a scorecard as at a month: the JSON of DESIGN section 5 and the workbook sheets.

Both read a `ScorecardData` (live or as published); computed figures come either frozen from a
publication or from `scorecards.compute`, never from anywhere else.
"""

from __future__ import annotations

import csv
import io
import zipfile
from functools import lru_cache
from collections.abc import Mapping
from typing import Any, BinaryIO

from openpyxl import Workbook

from scorecards.compute.evaluate import IndicatorFigures, evaluate_series
from scorecards.compute.periods import (
    Month,
    months_ending,
    reporting_year_label,
    reporting_year_start,
    year_label_for_start,
)
from scorecards.snapshot import IndicatorData, ScorecardData

# Computed figures of one indicator as at one month, in the export's JSON form.
ComputedRow = dict[str, Any]

SHEET_COLUMNS: dict[str, list[str]] = {
    "scorecard": ["slug", "title", "year_start_month", "dot_basis", "arrow_convention"],
    "indicators": [
        "number", "section", "name", "polarity", "data_note", "unit", "frequency", "ytd_method", "decimals", "definition",
    ],
    "targets": ["number", "year", "red", "amber", "green"],
    "values": ["number", "period", "value", "numerator", "denominator", "status"],
    "commentary": ["number", "section", "period", "kind", "text"],
    "outturns": ["number", "year", "value"],
    "benchmarks": ["number", "measure", "value", "year", "source"],
}


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


def json_export(
    data: ScorecardData,
    as_at: Month,
    computed: Mapping[str, Mapping[str, ComputedRow]] | None = None,
) -> dict[str, Any]:
    """The JSON export of DESIGN section 5. `computed` comes frozen from a publication; without
    it the figures are computed now (the live export)."""
    if computed is None:
        computed = compute_figures(data, [as_at])
    start_month = data.year_start_month
    return {
        "scorecard": data.slug,
        "title": data.title,
        "as_at": str(as_at),
        "reporting_year": reporting_year_label(as_at, start_month),
        "periods": list(shown_periods(as_at)),
        # A publication's export overrides these two (selectors.published_export).
        "figures": "live",
        "publication": None,
        "rows": [
            indicator_row(indicator, as_at, start_month, computed[indicator.number][str(as_at)])
            for indicator in data.indicators
        ],
    }


def workbook_sheets(data: ScorecardData) -> dict[str, list[list[str | None]]]:
    """The workbook of DESIGN section 5 as rows of text cells (header first), sheet by sheet."""
    sheets: dict[str, list[list[str | None]]] = {name: [columns] for name, columns in SHEET_COLUMNS.items()}
    sheets["scorecard"].append(
        [data.slug, data.title, str(data.year_start_month), data.dot_basis, data.arrow_convention]
    )
    for ind in data.indicators:
        sheets["indicators"].append(
            [
                ind.number, ind.section, ind.name, ind.polarity, ind.data_note, ind.unit, ind.frequency,
                ind.ytd_method, str(ind.decimals), ind.definition,
            ]
        )
        for year, cells in sorted(ind.targets.items()):
            sheets["targets"].append([ind.number, year, cells["red"], cells["amber"], cells["green"]])
        for period, obs in sorted(ind.observations.items()):
            sheets["values"].append(
                [ind.number, period, obs.mark or obs.value, obs.numerator, obs.denominator, obs.status]
            )
        for year, value in sorted(ind.outturns.items()):
            sheets["outturns"].append([ind.number, year, value])
        for measure, bench in sorted(ind.benchmarks.items()):
            sheets["benchmarks"].append([ind.number, measure, bench["value"], bench["year"], bench["source"]])
    for note in data.commentary:
        sheets["commentary"].append([note.number, note.section, note.period, note.kind, note.text])
    return sheets


def write_xlsx(sheets: dict[str, list[list[str | None]]], out: BinaryIO) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        # Cells are text so that "6.10" and "607" come back exactly as written.
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cell.number_format = "@"
    workbook.save(out)


def write_csv_zip(sheets: dict[str, list[list[str | None]]], out: BinaryIO) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sheets.items():
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            for row in rows:
                writer.writerow(["" if cell is None else cell for cell in row])
            archive.writestr(f"{name}.csv", buffer.getvalue().encode("utf-8"))
