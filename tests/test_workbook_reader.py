"""Reading workbooks (docs/workbook.md): .xlsx cells as Excel shows them, CSV folders and zips alike."""

from __future__ import annotations

import datetime
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecards.compute.periods import Month
from scorecards.workbook.reader import Cell, RawSheet, ReadLimits, WorkbookReadError, read_workbook
from scorecards.workbook.validate import ValueRecord, validate_workbook
from hostile.reading.build import raw_xlsx
from openpyxl import load_workbook
from scorecards.workbook.reader import _xlsx_cell
from workbooks.build import GOOD, csv_rows, write_xlsx, xlsx_from_csv_folder, zip_from_csv_folder


def _one_cell(tmp_path: Path, value: object, number_format: str | None = None) -> Cell:
    formats = {} if number_format is None else {("sheet", "A2"): number_format}
    path = write_xlsx(tmp_path / "one.xlsx", {"sheet": [["value"], [value]]}, formats)
    sheet = read_workbook(path).sheets["sheet"]
    return sheet.rows[0][1]["value"]


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        # Excel stores 36.8% as 0.368; the text is what the officer sees.
        (Decimal("0.368"), "0.0%", Cell("36.8%", Decimal("0.368"), True)),
        (Decimal("0.95"), "0%", Cell("95%", Decimal("0.95"), True)),
        (Decimal("0.5"), "0.00%", Cell("50.00%", Decimal("0.5"), True)),
        # 0.1 + 0.2 as a float is 0.30000000000000004; Excel shows 15 significant digits.
        (Decimal("0.30000000000000004"), None, Cell("0.3", Decimal("0.3"))),
        (Decimal("0.30000000000000004"), "0.0%", Cell("30.0%", Decimal("0.3"), True)),
        (Decimal("607.0"), None, Cell("607", Decimal("607"))),
        (607, None, Cell("607", Decimal("607"))),
        (Decimal("6.1"), None, Cell("6.1", Decimal("6.1"))),
        (Decimal("6.10"), None, Cell("6.1", Decimal("6.1"))),
        # A format showing more places pads the text; it never cuts stored digits.
        (Decimal("42"), "0.0", Cell("42.0", Decimal("42"))),
        (Decimal("36.84"), "0.0", Cell("36.84", Decimal("36.84"))),
        (Decimal("1092"), "#,##0", Cell("1092", Decimal("1092"))),
        (Decimal("0.5"), '0.00" pts"', Cell("0.50", Decimal("0.5"))),
        # A quoted or escaped % is a literal, not a percentage format.
        (Decimal("0.25"), '0.00"%"', Cell("0.25", Decimal("0.25"))),
        (Decimal("0.25"), "0.00\\%", Cell("0.25", Decimal("0.25"))),
        (Decimal("-0.2"), "0.0;[Red]-0.0", Cell("-0.2", Decimal("-0.2"))),
        (Decimal("1E+3"), None, Cell("1000", Decimal("1000"))),
        (Decimal("0.0000001"), None, Cell("0.0000001", Decimal("0.0000001"))),
        (Decimal("0.0"), None, Cell("0", Decimal("0"))),
        ("  6.10 ", None, Cell("6.10")),
        ("36.8%", None, Cell("36.8%")),
        ("=95", None, Cell("=95")),
        (True, None, Cell("TRUE")),
        (datetime.date(2020, 12, 1), None, Cell("2020-12-01", date=datetime.date(2020, 12, 1))),
        (datetime.datetime(2020, 12, 31, 17, 30), None, Cell("2020-12-31", date=datetime.date(2020, 12, 31))),
    ],
)
def test_xlsx_cell_reads_as_excel_shows_it(tmp_path: Path, value: object, number_format: str | None, expected: Cell) -> None:
    assert _one_cell(tmp_path, value, number_format) == expected


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.decimals(min_value=-10**9, max_value=10**9, places=6, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=30,
    )
)
def test_numbers_of_up_to_15_digits_read_back_exactly(tmp_path: Path, numbers: list[Decimal]) -> None:
    path = write_xlsx(tmp_path / "numbers.xlsx", {"sheet": [["value"], *([number] for number in numbers)]})
    cells = [cells["value"] for _, cells in read_workbook(path).sheets["sheet"].rows]
    assert [cell.number for cell in cells] == numbers
    assert [Decimal(cell.text) for cell in cells if cell.text is not None] == numbers


def _xlsx_workbook(tmp_path: Path) -> Path:
    """A small workbook with the cells Excel produces when officers type figures in."""
    sheets = {
        "Scorecard": [["slug"], ["corporate-parenting"]],
        "Indicators": [
            ["number", "name", "polarity", "unit", "decimals"],
            [Decimal("6.1"), "Number of Looked After Children", "Info", "count", None],
            ["6.9", "% of children adopted", "High", "percentage", 1],
            ["6.10", "% with health assessments", "High", "percentage", None],
            ["2.1", "Average caseload", "Info", "number", None],
        ],
        "Targets": [
            ["number", "year", "red", "amber", "green"],
            ["6.9", "2020/21", None, None, Decimal("0.95")],
        ],
        "Values": [
            ["number", "period", "value"],
            ["6.9", datetime.date(2020, 10, 1), Decimal("0.368")],
            ["6.9", datetime.datetime(2020, 11, 30, 0, 0), "50.0"],
            ["6.1", "Dec-20", Decimal("0.368")],
            ["6.1", "Nov-20", Decimal("607.0")],
            ["2.1", "Dec-20", Decimal("0.30000000000000004")],
            ["6.10", "Dec-20", Decimal("0.8014")],
        ],
        "Benchmarks": [
            ["number", "measure", "value", "year"],
            ["6.9", "best_stat_neighbour", Decimal("0.42"), 2019],
        ],
    }
    formats = {
        ("Targets", "E2"): "0%",
        ("Values", "C2"): "0.0%",
        ("Values", "C4"): "0.0%",
        ("Values", "C7"): "0.0%",
        ("Benchmarks", "C2"): "0.0%",
    }
    return write_xlsx(tmp_path / "typed.xlsx", sheets, formats)


def test_xlsx_specifics_through_validation(tmp_path: Path) -> None:
    content = validate_workbook(read_workbook(_xlsx_workbook(tmp_path)))

    assert [str(issue) for issue in content.errors] == [
        'values, row 4, column "value": expected a plain number: indicator 6.1\'s unit is count, '
        'not percentage; found the percentage "36.8%"',
    ]
    assert [str(issue) for issue in content.warnings] == [
        'indicators, row 2, column "number": the number 6.1 is a numeric cell and is read as displayed, '
        '"6.1"; Excel drops trailing zeros (6.10 becomes 6.1): expected indicator numbers as text',
        'values, row 7, column "value": 80.14 rounded to 80.1: indicator 6.10 is shown to 1 decimal place',
    ]
    assert [indicator.number for indicator in content.indicators] == ["6.1", "6.9", "6.10", "2.1"]
    assert [(target.green, target.kind) for target in content.targets] == [("95%", "bands")]
    assert content.values == [
        ValueRecord(2, "6.9", Month(2020, 10), Decimal("36.8"), None, None, None, None),
        ValueRecord(3, "6.9", Month(2020, 11), Decimal("50.0"), None, None, None, None),
        ValueRecord(5, "6.1", Month(2020, 11), Decimal("607"), None, None, None, None),
        ValueRecord(6, "2.1", Month(2020, 12), Decimal("0.3"), None, None, None, None),
        ValueRecord(7, "6.10", Month(2020, 12), Decimal("80.1"), None, None, None, None),
    ]
    assert [str(value.value) for value in content.values] == ["36.8", "50.0", "607", "0.3", "80.1"]
    (benchmark,) = content.benchmarks
    assert (benchmark.value, benchmark.decimals, str(benchmark.value), benchmark.year) == (
        Decimal("42.0"), 1, "42.0", "2019",
    )


def test_csv_folder_zip_and_xlsx_read_the_same(tmp_path: Path) -> None:
    folder = read_workbook(GOOD)
    as_zip = read_workbook(zip_from_csv_folder(GOOD, tmp_path / "good.zip"))
    nested = tmp_path / "nested.zip"
    zip_from_csv_folder(GOOD, nested, prefix="good/")
    with zipfile.ZipFile(nested, "a") as archive:
        # What macOS "Compress" adds beside the files.
        archive.writestr("__MACOSX/good/._values.csv", b"\x00\x05\x16\x07")
        archive.writestr("good/.DS_Store", b"\x00")
    as_nested_zip = read_workbook(nested)
    as_xlsx = read_workbook(xlsx_from_csv_folder(GOOD, tmp_path / "good.xlsx"))

    assert folder.source_name == "good"
    assert (as_zip.source_name, as_xlsx.source_name) == ("good.zip", "good.xlsx")
    assert set(folder.sheets) == {"scorecard", "indicators", "targets", "values", "commentary", "outturns", "benchmarks"}
    assert as_zip.sheets == folder.sheets
    assert as_nested_zip.sheets == folder.sheets
    assert as_xlsx.sheets == folder.sheets
    contents = [validate_workbook(book) for book in (folder, as_zip, as_xlsx)]
    for content in contents:
        content.source_name = ""
    assert contents[0].errors == []
    assert contents[1] == contents[0]
    assert contents[2] == contents[0]


def test_csv_sheet_layout(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "Values.csv").write_bytes(
        "\ufeff Number ,PERIOD,value,,\r\n"
        "6.1, 2020-12 ,615\r\n"
        ",,\r\n"
        "6.1,2020-11,\"1,092\",,stray\r\n"
        "6.9,2020-10\r\n".encode()
    )
    sheet = read_workbook(folder).sheets["values"]
    assert sheet == RawSheet(
        name="Values",
        columns=["number", "period", "value"],
        rows=[
            (2, {"number": Cell("6.1"), "period": Cell("2020-12"), "value": Cell("615")}),
            (4, {"number": Cell("6.1"), "period": Cell("2020-11"), "value": Cell("1,092")}),
            (5, {"number": Cell("6.9"), "period": Cell("2020-10"), "value": Cell(None)}),
        ],
        headerless=["E"],
    )


def test_xlsx_rows_keep_sheet_row_numbers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "gaps.xlsx",
        {"values": [["number", "period", "value", "value"], ["6.1", "Dec-20", "1", "2"], [], ["6.1", "Nov-20"]]},
    )
    sheet = read_workbook(path).sheets["values"]
    assert sheet.columns == ["number", "period", "value", "value"]
    assert [number for number, _ in sheet.rows] == [2, 4]
    # A repeated header keeps its first column; validation reports the repeat.
    assert sheet.rows[0][1]["value"] == Cell("1")


def test_empty_sheet_reads_as_no_columns(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", {"scorecard": [["slug"], ["x"]], "targets": []})
    assert read_workbook(path).sheets["targets"] == RawSheet("targets", [], [])


def _corrupt_xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml at all")
    return path


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(path: Path, files: dict[str, bytes]) -> Path:
    path.mkdir()
    for name, data in files.items():
        (path / name).write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: _file(p / "notes.txt", b"hello"), "notes.txt is not a workbook: expected an .xlsx file"),
        (lambda p: _file(p / "old.xls", b"\xd0\xcf\x11\xe0"), "must be saved as .xlsx"),
        (lambda p: p / "missing.xlsx", "missing.xlsx: no such file or folder"),
        (lambda p: _corrupt_xlsx(p / "broken.xlsx"), "broken.xlsx cannot be opened as an .xlsx workbook"),
        (lambda p: _folder(p / "empty", {}), "empty holds no CSV files"),
        (
            lambda p: _folder(p / "mixed", {"scorecard.csv": b"slug\nx\n", "values.xlsx": b"PK"}),
            'mixed: "values.xlsx" is not a CSV file',
        ),
        (
            lambda p: _folder(p / "latin1", {"scorecard.csv": "slug,title\nx,Caf\xe9\n".encode("latin-1")}),
            'latin1/scorecard.csv is not UTF-8 (line 2): save it as "CSV UTF-8"',
        ),
        (
            lambda p: _folder(p / "twice", {"Values.csv": b"number\n", "values.csv": b"number\n"}),
            'twice holds two sheets named "Values" and "values"',
        ),
    ],
)
def test_unreadable_workbooks(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(WorkbookReadError) as raised:
        read_workbook(make(tmp_path))
    assert message in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_zip_too_large_unpacked_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = zip_from_csv_folder(GOOD, tmp_path / "big.zip")
    unpacked = sum(info.file_size for info in zipfile.ZipFile(path).infolist())
    with pytest.raises(WorkbookReadError) as raised:
        read_workbook(path, ReadLimits(max_uncompressed_bytes=10))
    assert str(raised.value) == (
        f"big.zip unpacks to {unpacked:,} bytes: the limit is WORKBOOK_MAX_UNCOMPRESSED_BYTES = 10"
    )


def test_zip_holding_other_files_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("scorecard.csv", "slug\nx\n")
        archive.writestr("notes.docx", "x")
    with pytest.raises(WorkbookReadError, match='mixed.zip: "notes.docx" is not a CSV file'):
        read_workbook(path)


def test_build_helper_rows_match_the_csv_files() -> None:
    # The xlsx built from a folder holds exactly its CSV rows, so the comparisons above are fair.
    rows = csv_rows(GOOD)
    assert rows["scorecard"] == [["Slug", "Title"], ["corporate-parenting", "Corporate Parenting Performance Report"]]


# An .xlsx file as Excel writes one: a shared string table (rich text, a phonetic guide, an
# escaped "_x"), styles with built-in and custom number formats, and every kind of cell.
_STYLES = (
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="4"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="166" formatCode="0.00&quot; pts&quot;"/><numFmt numFmtId="167" formatCode="[h]:mm"/></numFmts>'
    '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
    '<cellXfs count="9"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="14"/>'
    '<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="49"/><xf numFmtId="3"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_STRINGS = (
    "<si><t>number</t></si><si><t xml:space=\"preserve\">  6.10 </t></si>"
    "<si><r><rPr><b/></rPr><t>Rich </t></r><r><t>text</t></r></si>"
    "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
    "<si><t>a_x005F_x000D_b</t></si><si><t>36.8%</t></si>"
)
_CELLS = [
    '<c t="s"><v>0</v></c>', '<c t="s"><v>1</v></c>', '<c t="s"><v>2</v></c>', '<c t="s"><v>3</v></c>',
    '<c t="s"><v>4</v></c>', '<c t="s"><v>5</v></c>', "<c><v>607</v></c>", "<c><v>0.30000000000000004</v></c>",
    "<c><v>1E-7</v></c>", "<c><v>-0.2</v></c>", '<c s="1"><v>0.368</v></c>', '<c s="2"><v>0.95</v></c>',
    '<c s="3"><v>44166</v></c>', '<c s="4"><v>44196.75</v></c>', '<c s="5"><v>0.5</v></c>',
    '<c s="6"><v>1.5</v></c>', '<c s="7"><v>42</v></c>', '<c s="8"><v>1092</v></c>', '<c s="3"><v>0.25</v></c>',
    '<c t="b"><v>1</v></c>', '<c t="b"><v>0</v></c>', '<c t="e"><v>#N/A</v></c>', '<c t="str"><v>words</v></c>',
    '<c t="d"><v>2020-11-30T00:00:00</v></c>', '<c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>',
    '<c s="3"><v>9999999999</v></c>', '<c><f>1+1</f><v>2</v></c>',
]


def _excel_like(path: Path, date1904: bool) -> Path:
    rows = "".join(
        f'<row r="{number}">' + cell.replace("<c", f'<c r="A{number}"', 1) + "</row>"
        for number, cell in enumerate(_CELLS, start=1)
    )
    return raw_xlsx(path, [("sheet", rows)], shared_strings=_STRINGS, styles=_STYLES, date1904=date1904)


@pytest.mark.parametrize("date1904", [False, True])
def test_xlsx_cells_read_as_openpyxl_reads_them(tmp_path: Path, date1904: bool) -> None:
    # The reader reads the parts itself (streaming, within limits); openpyxl is the reference.
    path = _excel_like(tmp_path / "excel.xlsx", date1904)
    book = load_workbook(path, read_only=True, data_only=True)
    with pytest.warns(UserWarning, match="outside the limits for dates"):
        expected = [_xlsx_cell(cell.value, cell.number_format) for (cell,) in book["sheet"].iter_rows()]
    book.close()
    sheet = read_workbook(path).sheets["sheet"]
    header, *rest = expected
    assert sheet.columns == [header.text]
    assert [cells[header.text] for _, cells in sheet.rows] == rest
    assert [cell.text for cell in rest] == [
        "6.10", "Rich text", "東京", "a_x000D_b", "36.8%", "607", "0.3", "0.0000001", "-0.2", "36.80%", "95.0%",
        "2024-12-02" if date1904 else "2020-12-01", "2025-01-01" if date1904 else "2020-12-31", "0.50",
        "1 day, 12:00:00", "42", "1092", "06:00:00", "TRUE", "FALSE", "#N/A", "words", "2020-11-30", "inline",
        "#VALUE!", "2",
    ]
