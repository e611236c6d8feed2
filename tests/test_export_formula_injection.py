"""Exported workbooks never carry a live formula (security review, issue 10 item 14).

A name or note starting with "=" is a text cell in the .xlsx export, and a CSV text cell that a
spreadsheet program would run as a formula gets an apostrophe in front, which the import takes
off again; figures and tolerances are written as they are.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scorecards.compute.periods import Month
from scorecards.exports import workbook_sheets, write_csv_zip, write_xlsx
from scorecards.models import Scorecard
from scorecards.selectors import load_scorecard_data
from scorecards.services.imports import import_workbook
from scorecards.workbook.reader import TEXT_COLUMNS, protect_csv_text, unprotect_csv_text
from workbooks.build import write_xlsx as build_xlsx

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
AS_AT = Month(2020, 12)

# Typed into an .xlsx file as text, so that "'=kept" keeps its apostrophe.
SHEETS = {
    "scorecard": [["slug", "title"], ["inject", "+Title"]],
    "indicators": [
        ["number", "section", "name", "polarity", "data_note", "unit", "decimals", "definition"],
        ["1.1", "=SECTION()", HYPERLINK, "Within Limits", "@note", "number", "1", "=1+1"],
        ["1.2", "=SECTION()", "+1", "High", "-note", "number", "1", None],
        ["1.3", "-minus section", "-minus", "Low", None, "number", "1", "@definition"],
        ["1.4", "-minus section", "@sum", "Info", None, "number", "1", None],
        ["1.5", "-minus section", "'Tis the season", "Info", None, "number", "1", "'=kept"],
    ],
    "targets": [["number", "year", "red", "amber", "green"], ["1.1", "2020/21", None, None, "-0.5--0.1"]],
    "values": [["number", "period", "value"], ["1.1", "2020-12", "-0.2"], ["1.2", "2020-12", "-3.5"]],
    "commentary": [
        ["number", "section", "period", "kind", "text"],
        ["1.1", None, "2020-12", "commentary", "=cmd|' /C calc'!A0"],
        [None, "=SECTION()", "2020-12", "commentary", "@note on a section"],
    ],
    "benchmarks": [["number", "measure", "value", "year", "source"], ["1.1", "@sum", "-0.3", "-2019", HYPERLINK]],
}


@pytest.fixture
def exported(tmp_path: Path) -> dict[str, list[list[str | None]]]:
    report = import_workbook(build_xlsx(tmp_path / "inject.xlsx", SHEETS))
    assert report.ok, report.lines()
    return workbook_sheets(load_scorecard_data(report.scorecard, AS_AT), report.scorecard.publication_frequency)


def test_xlsx_export_writes_text_cells_never_formulas(tmp_path: Path, exported) -> None:
    path = tmp_path / "export.xlsx"
    with path.open("wb") as out:
        write_xlsx(exported, out)
    book = load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert {cell.data_type for cell in cells} == {"s"}
    names = [row[2] for row in book["indicators"].iter_rows(min_row=2, values_only=True)]
    assert names == [HYPERLINK, "+1", "-minus", "@sum", "'Tis the season"]


def _csv_sheets(path: Path) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(path) as archive:
        return {
            name.removesuffix(".csv"): list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
        }


def test_csv_export_neutralises_text_cells_only(tmp_path: Path, exported) -> None:
    path = tmp_path / "export.zip"
    with path.open("wb") as out:
        write_csv_zip(exported, out)
    sheets = _csv_sheets(path)
    assert sheets["scorecard"][1][1] == "'+Title"
    indicators = sheets["indicators"]
    assert indicators[0] == ["number", "section", "name", "polarity", "data_note", "unit", "frequency",
                             "ytd_method", "decimals", "definition"]
    assert [row[1:3] + [row[4], row[9]] for row in indicators[1:]] == [
        ["'=SECTION()", "'" + HYPERLINK, "'@note", "'=1+1"],
        ["'=SECTION()", "'+1", "'-note", ""],
        ["'-minus section", "'-minus", "", "'@definition"],
        ["'-minus section", "'@sum", "", ""],
        # An apostrophe already there is kept; one in front of a formula gets another.
        ["'-minus section", "'Tis the season", "", "''=kept"],
    ]
    # Figures and tolerances are written as they are.
    assert sheets["targets"][1] == ["1.1", "2020/21", "", "", "-0.5--0.1"]
    assert [row[2] for row in sheets["values"][1:]] == ["-0.2", "-3.5"]
    assert sheets["commentary"][1:] == [
        ["1.1", "", "2020-12", "commentary", "'=cmd|' /C calc'!A0"],
        ["", "'=SECTION()", "2020-12", "commentary", "'@note on a section"],
    ]
    assert sheets["benchmarks"][1] == ["1.1", "'@sum", "-0.3", "'-2019", "'" + HYPERLINK]
    # No cell outside the text columns starts like a formula, but for the figures and tolerances.
    for name, (header, *rows) in sheets.items():
        for row in rows:
            for column, cell in zip(header, row, strict=True):
                if column not in TEXT_COLUMNS[name] and column not in {"value", "red", "amber", "green"}:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, column, cell)


@pytest.mark.parametrize(("writer", "suffix"), [(write_xlsx, ".xlsx"), (write_csv_zip, ".zip")])
def test_exported_formula_like_texts_import_back_unchanged(tmp_path: Path, exported, writer, suffix) -> None:
    path = tmp_path / f"export{suffix}"
    with path.open("wb") as out:
        writer(exported, out)
    Scorecard.objects.all().delete()
    report = import_workbook(path)
    assert report.ok, report.lines()
    assert report.warnings == []
    assert workbook_sheets(load_scorecard_data(report.scorecard, AS_AT), report.scorecard.publication_frequency) == exported
    indicator = report.scorecard.indicators.get(number="1.5")
    assert (indicator.name, indicator.definition) == ("'Tis the season", "'=kept")


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-1", "@sum", "\tx", "\rx", "'", "'x", "'=x", "''=x", "''", "plain", "", "a=b", " =x"],
)
def test_protect_and_unprotect_are_inverse(text: str) -> None:
    assert unprotect_csv_text(protect_csv_text(text)) == text
    assert not protect_csv_text(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_typed_apostrophe_is_taken_off_only_before_a_formula() -> None:
    assert unprotect_csv_text("'=1+1") == "=1+1"
    assert unprotect_csv_text("'Tis") == "'Tis"
