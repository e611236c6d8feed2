"""What a workbook may hold (security review, issue 10 item 8) and formula cells (item 6),
through the import service.

Each limit is a setting, and a workbook past it is refused, as a folder, a zip and an .xlsx file
alike, with a message naming the setting and its value; nothing is written. A formula with no
value calculated for it is refused, naming the cell and the formula; a formula with one is read
as that value, with a warning. The hostile corpus (tests/test_hostile_reading.py) tries the
default limits on files built to blow them.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import override_settings
from openpyxl import Workbook

from hostile.reading.build import BASE, base_sheets, raw_xlsx, sheet_rows, text_cell
from scorecards.models import Observation, Scorecard
from scorecards.services.imports import import_workbook, read_limits
from scorecards.workbook.reader import LISTED_FORMULAS, ReadLimits
from test_import_service import fingerprint, table_counts
from workbooks.build import GOOD, xlsx_from_csv_folder, zip_from_csv_folder

pytestmark = pytest.mark.django_db

FORMS = ["folder", "zip", "xlsx"]


def _workbook(form: str, tmp_path: Path) -> Path:
    if form == "folder":
        return GOOD
    if form == "zip":
        return zip_from_csv_folder(GOOD, tmp_path / "good.zip")
    return xlsx_from_csv_folder(GOOD, tmp_path / "good.xlsx")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("WORKBOOK_MAX_ROWS", 10,
         "{source}: the values sheet has more than 10 rows: the limit is WORKBOOK_MAX_ROWS = 10"),
        ("WORKBOOK_MAX_COLUMNS", 5,
         "{source}: the indicators sheet has more than 5 columns (row 1 has a cell in column F): "
         "the limit is WORKBOOK_MAX_COLUMNS = 5"),
        ("WORKBOOK_MAX_CELLS", 100,
         "{source}: more than 100 cells are filled in: the limit is WORKBOOK_MAX_CELLS = 100"),
        ("WORKBOOK_MAX_CELL_CHARACTERS", 40,
         "{source}: the commentary sheet, row 3, column E holds a cell of more than 40 characters: "
         "the limit is WORKBOOK_MAX_CELL_CHARACTERS = 40"),
        ("WORKBOOK_MAX_SHEETS", 6, "{source} holds 7 sheets: the limit is WORKBOOK_MAX_SHEETS = 6"),
    ],
)
def test_each_limit_is_a_setting_named_in_its_refusal(tmp_path, form, setting, value, message) -> None:
    path = _workbook(form, tmp_path)
    with override_settings(**{setting: value}):
        report = import_workbook(path)
    assert report.errors == [message.format(source=path.name)]
    assert table_counts()["Scorecard"] == 0
    # Just within the limit, the same workbook imports.
    with override_settings(**{setting: {"WORKBOOK_MAX_ROWS": 13, "WORKBOOK_MAX_COLUMNS": 10, "WORKBOOK_MAX_CELLS": 10_000,
                                        "WORKBOOK_MAX_CELL_CHARACTERS": 200, "WORKBOOK_MAX_SHEETS": 7}[setting]}):
        assert import_workbook(path).ok


@pytest.mark.parametrize("form", FORMS)
def test_sizes_are_checked_before_anything_is_unpacked(tmp_path, form) -> None:
    path = _workbook(form, tmp_path)
    with override_settings(WORKBOOK_MAX_UPLOAD_BYTES=100):
        uploaded = import_workbook(path)
    with override_settings(WORKBOOK_MAX_UNCOMPRESSED_BYTES=100):
        unpacked = import_workbook(path)
    if form == "folder":
        # A folder is not uploaded; its CSV files count as unpacked.
        assert uploaded.ok
        Scorecard.objects.all().delete()
        size = sum(file.stat().st_size for file in GOOD.iterdir())
        assert unpacked.errors == [
            f"good holds {size:,} bytes of CSV files: the limit is WORKBOOK_MAX_UNCOMPRESSED_BYTES = 100"
        ]
    else:
        size = sum(info.file_size for info in zipfile.ZipFile(path).infolist())
        assert uploaded.errors == [
            f"{path.name} is {path.stat().st_size:,} bytes: the limit is WORKBOOK_MAX_UPLOAD_BYTES = 100"
        ]
        assert unpacked.errors == [
            f"{path.name} unpacks to {size:,} bytes: the limit is WORKBOOK_MAX_UNCOMPRESSED_BYTES = 100"
        ]
    assert table_counts()["Scorecard"] == 0


def test_the_settings_and_their_defaults() -> None:
    assert read_limits() == ReadLimits() == ReadLimits(
        max_upload_bytes=20 * 1024 * 1024,
        max_uncompressed_bytes=100 * 1024 * 1024,
        max_sheets=20,
        max_rows=100_000,
        max_columns=50,
        max_cells=500_000,
        max_cell_characters=32_767,
    )
    with override_settings(WORKBOOK_MAX_ROWS=7):
        assert read_limits().max_rows == 7


def test_a_limit_that_is_not_a_positive_whole_number_is_a_configuration_error() -> None:
    with override_settings(WORKBOOK_MAX_ROWS=0), pytest.raises(ValueError, match="WORKBOOK_MAX_ROWS must be a whole"):
        read_limits()


# -- formula cells --------------------------------------------------------------------


def _openpyxl_formulas(path: Path, formulas: dict[str, str]) -> Path:
    """The base workbook saved by openpyxl, which writes formulas and no values for them."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in BASE.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for reference, formula in formulas.items():
        book["values"][reference] = formula
    book.save(path)
    return path


def test_a_formula_without_a_value_is_refused_naming_the_cell(tmp_path) -> None:
    # Before: the cell read as empty, and the figure was dropped without a word.
    assert import_workbook(GOOD).ok
    before = fingerprint()
    path = _openpyxl_formulas(tmp_path / "scripted.xlsx", {"C2": "=SUM(600,7)", "D1": "numerator", "D2": "=C2*2"})
    report = import_workbook(path)
    assert [str(issue) for issue in report.errors] == [
        'values, row 2, column "value": cell C2 holds the formula =SUM(600,7) with no value calculated for it '
        "(the file was saved by a program that does not calculate formulas): expected a value; "
        "open the file in Excel and save it again, or type the value in",
        'values, row 2, column "numerator": cell D2 holds the formula =C2*2 with no value calculated for it '
        "(the file was saved by a program that does not calculate formulas): expected a value; "
        "open the file in Excel and save it again, or type the value in",
    ]
    assert report.warnings == []
    assert fingerprint() == before


def test_a_formula_with_its_value_reads_as_that_value_with_a_warning(tmp_path) -> None:
    values = sheet_rows([BASE["values"][0]]) + (
        '<row r="2">' + text_cell("A2", "1.1") + text_cell("B2", "2020-12") + '<c r="C2"><f>SUM(600,7)</f><v>607</v></c></row>'
    )
    report = import_workbook(raw_xlsx(tmp_path / "excel.xlsx", base_sheets(values=values)))
    assert report.ok, report.lines()
    assert [str(issue) for issue in report.warnings] == [
        'values, row 2, column "value": cell C2 holds the formula =SUM(600,7): read as "607", '
        "the value Excel last calculated",
    ]
    assert Observation.objects.get().value == Decimal("607")


def test_a_csv_cell_starting_with_equals_is_text_never_a_formula(tmp_path) -> None:
    folder = tmp_path / "typed"
    folder.mkdir()
    for name, rows in BASE.items():
        lines = [",".join(row) for row in rows]
        if name == "values":
            lines[1] = "1.1,2020-12,=600+7"
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n")
    report = import_workbook(folder)
    assert not report.ok
    assert [(issue.sheet, issue.row, issue.column) for issue in report.errors] == [("values", 2, "value")]
    assert "=600+7" in str(report.errors[0])


def test_formulas_past_the_first_hundred_are_counted_not_listed(tmp_path) -> None:
    rows = sheet_rows([BASE["values"][0]]) + "".join(
        f'<row r="{number}">' + text_cell(f"A{number}", "1.1") + text_cell(f"B{number}", f"20{number % 90 + 10}-01")
        + f'<c r="C{number}"><f>{number}</f><v/></c></row>'
        for number in range(2, 152)
    )
    report = import_workbook(raw_xlsx(tmp_path / "many.xlsx", base_sheets(values=rows)))
    formulas = [str(issue) for issue in report.errors if "formula" in str(issue)]
    assert len(formulas) == LISTED_FORMULAS + 1
    assert formulas[-1] == (
        "values: 50 more cells hold formulas with no value calculated for them (not listed): expected values"
    )
