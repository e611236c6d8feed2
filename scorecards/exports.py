"""Exports of a scorecard as at a month: the JSON of docs/workbook.md and the workbook sheets.

Both read a `ScorecardData` (live or as published); computed figures come either frozen from a
publication or from `scorecards.figures`, never from anywhere else.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from scorecards.compute.periods import Month, reporting_year_label
from scorecards.figures import ComputedFigures, compute_figures, scorecard_rows, shown_periods
from scorecards.snapshot import ScorecardData
from scorecards.workbook.reader import TEXT_COLUMNS, protect_csv_text

SHEET_COLUMNS: dict[str, list[str]] = {
    "scorecard": ["slug", "title", "year_start_month", "dot_basis", "arrow_convention", "publication_frequency"],
    "indicators": [
        "number", "section", "name", "polarity", "data_note", "unit", "frequency", "ytd_method", "decimals", "definition",
    ],
    "targets": ["number", "year", "red", "amber", "green"],
    "values": ["number", "period", "value", "numerator", "denominator", "status"],
    "commentary": ["number", "section", "period", "kind", "text"],
    "outturns": ["number", "year", "value"],
    "benchmarks": ["number", "measure", "value", "year", "source"],
}


def json_export(data: ScorecardData, as_at: Month, computed: ComputedFigures | None = None) -> dict[str, Any]:
    """The JSON export (docs/workbook.md). `computed` comes frozen from a publication; without it
    the figures are computed now (the live export)."""
    if computed is None:
        computed = compute_figures(data, [as_at])
    return {
        "scorecard": data.slug,
        "title": data.title,
        "as_at": str(as_at),
        "reporting_year": reporting_year_label(as_at, data.year_start_month),
        "periods": list(shown_periods(as_at)),
        # A publication's export overrides these two (selectors.published_export).
        "figures": "live",
        "publication": None,
        "rows": [row.as_export() for row in scorecard_rows(data, as_at, computed)],
    }


def workbook_sheets(data: ScorecardData, publication_frequency: str) -> dict[str, list[list[str | None]]]:
    """The workbook of docs/workbook.md as rows of text cells (header first), sheet by sheet.

    `publication_frequency` is the scorecard's stored setting, given apart from `data`: it files
    the scorecard in the list, is not part of what a publication freezes (changing it is not a
    new issue), so a published export carries the scorecard's setting as it is now."""
    sheets: dict[str, list[list[str | None]]] = {name: [columns] for name, columns in SHEET_COLUMNS.items()}
    sheets["scorecard"].append(
        [
            data.slug, data.title, str(data.year_start_month), data.dot_basis, data.arrow_convention,
            str(publication_frequency),
        ]
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
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                if value is None:
                    continue
                # Entry refuses control characters; one stored before that rule must not take the
                # download down for everyone (openpyxl refuses them), so it is shown as U+FFFD.
                text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
                cell = sheet.cell(row=row_number, column=column_number, value=text)
                # Every cell is a text cell: "6.10" and "607" come back exactly as written, and a
                # name or note starting with "=" is text, never a formula (openpyxl would make it one).
                cell.data_type = "s"
                cell.number_format = "@"
    workbook.save(out)


def write_csv_zip(sheets: dict[str, list[list[str | None]]], out: BinaryIO) -> None:
    """The sheets as a zip of CSV files; a text cell a spreadsheet would run as a formula gets an
    apostrophe in front (reader.TEXT_COLUMNS), which the import takes off again."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in sheets.items():
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            header, *body = rows
            text_columns = TEXT_COLUMNS.get(name, frozenset())
            protected = {position for position, column in enumerate(header) if column in text_columns}
            writer.writerow(header)
            for row in body:
                writer.writerow(
                    [
                        "" if cell is None else protect_csv_text(cell) if position in protected else cell
                        for position, cell in enumerate(row)
                    ]
                )
            archive.writestr(f"{name}.csv", buffer.getvalue().encode("utf-8"))
