"""Build the hostile reading corpus: workbooks made to break the reader, one per case.

Each case is built at test time into a temporary folder (no large file is committed), from
the table ``CASES`` below; ``tests/test_hostile_reading.py`` imports each in a subprocess
capped at 1 GiB of address space and compares the report with the case's expected messages.
To look at the files:

    .venv/bin/python tests/hostile/reading/build.py OUT_DIR

Most cases are tiny on disk and huge when read naively: a 5 KB .xlsx whose one cell sits at
XFD1048576, a 100 KB zip holding 48 MB of CSV. The .xlsx files are written part by part
(``raw_xlsx``) so that a case can hold what no spreadsheet program would write.
"""

from __future__ import annotations

import csv
import io
import os
import struct
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# A small workbook that imports cleanly: the cases break it one way each.
BASE: dict[str, list[list[str]]] = {
    "scorecard": [["slug", "title"], ["hostile", "Hostile reading"]],
    "indicators": [["number", "name", "polarity", "unit"], ["1.1", "Children looked after", "Info", "count"]],
    "values": [["number", "period", "value"], ["1.1", "2020-12", "607"]],
}

Chunks = str | bytes | Iterable[bytes]


# -- writing workbooks ----------------------------------------------------------------


def _write(stream: io.BufferedIOBase, data: Chunks) -> None:
    if isinstance(data, str):
        data = data.encode()
    if isinstance(data, bytes):
        stream.write(data)
        return
    for chunk in data:
        stream.write(chunk)


def raw_xlsx(
    path: Path,
    sheets: list[tuple[str, Chunks]],
    shared_strings: Chunks | None = None,
    styles: str | None = None,
    worksheet_head: str = "",
    date1904: bool = False,
) -> Path:
    """An .xlsx file written part by part: each sheet is (name, the XML inside <sheetData>).

    ``shared_strings`` is the XML inside <sst>, ``styles`` the whole styles part,
    ``worksheet_head`` what comes before <sheetData> in every sheet (a <dimension>, say).
    """
    types = [
        f'<Types xmlns="{TYPES}"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    ]
    relationships = [f'<Relationships xmlns="{PACKAGE}">']
    book = [f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "") + "<sheets>"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, rows) in enumerate(sheets, start=1):
            types.append(f'<Override PartName="/xl/worksheets/sheet{number}.xml" ContentType="{SHEET_TYPE}"/>')
            relationships.append(
                f'<Relationship Id="rId{number}" Type="{RELATIONSHIPS}/worksheet" '
                f'Target="worksheets/sheet{number}.xml"/>'
            )
            book.append(f'<sheet name={quoteattr(name)} sheetId="{number}" r:id="rId{number}"/>')
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w") as stream:
                stream.write(f'<worksheet xmlns="{MAIN}">{worksheet_head}<sheetData>'.encode())
                _write(stream, rows)
                stream.write(b"</sheetData></worksheet>")
        if shared_strings is not None:
            types.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
            relationships.append(
                f'<Relationship Id="rIdStrings" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
            )
            with archive.open("xl/sharedStrings.xml", "w") as stream:
                if isinstance(shared_strings, str) and shared_strings.startswith("<!DOCTYPE"):
                    stream.write(shared_strings.encode())
                else:
                    stream.write(f'<sst xmlns="{MAIN}">'.encode())
                    _write(stream, shared_strings)
                    stream.write(b"</sst>")
        if styles is not None:
            types.append('<Override PartName="/xl/styles.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
            relationships.append(f'<Relationship Id="rIdStyles" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>')
            archive.writestr("xl/styles.xml", styles)
        types.append("</Types>")
        relationships.append("</Relationships>")
        book.append("</sheets></workbook>")
        archive.writestr("[Content_Types].xml", "".join(types))
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr("xl/workbook.xml", "".join(book))
        archive.writestr("xl/_rels/workbook.xml.rels", "".join(relationships))
    return path


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def text_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def sheet_rows(rows: list[list[str]], first: int = 1) -> str:
    """Rows of text as <row> elements of inline-string cells."""
    return "".join(
        f'<row r="{number}">'
        + "".join(text_cell(f"{column_letter(column)}{number}", text) for column, text in enumerate(row, 1) if text)
        + "</row>"
        for number, row in enumerate(rows, start=first)
    )


def base_sheets(**replace: Chunks) -> list[tuple[str, Chunks]]:
    """The base workbook's sheets as raw xlsx sheets, with some replaced (by name)."""
    sheets: list[tuple[str, Chunks]] = [(name, sheet_rows(rows)) for name, rows in BASE.items()]
    return [(name, replace.get(name, rows)) for name, rows in sheets]


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode()


def csv_folder(path: Path, files: dict[str, bytes]) -> Path:
    path.mkdir()
    for name, data in files.items():
        (path / name).write_bytes(data)
    return path


def base_csv(**replace: bytes) -> dict[str, bytes]:
    files = {f"{name}.csv": csv_bytes(rows) for name, rows in BASE.items()}
    return {**files, **{f"{name}.csv": data for name, data in replace.items()}}


def csv_zip(path: Path, members: Iterable[tuple[str, Chunks]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a name given twice is meant
        for name, data in members:
            with archive.open(name, "w", force_zip64=True) as stream:
                _write(stream, data)
    return path


def repeated(chunk: bytes, times: int, batch: int = 4096) -> Iterator[bytes]:
    whole, rest = divmod(times, batch)
    block = chunk * batch
    for _ in range(whole):
        yield block
    yield chunk * rest


def patch_member(path: Path, name: str, **fields: int) -> Path:
    """Forge a zip member's header fields (``flags``, ``method``, ``size``, the size unpacked)
    in its local header and in the directory, as a hostile tool could."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    # Central directory entries: flags at 8, method at 10, size unpacked at 24, local header at 42.
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if bytes(data[position + 46 : position + 46 + name_length]) == encoded:
            local = struct.unpack_from("<I", data, position + 42)[0]
            for field_name, value in fields.items():
                central, local_offset, size = {"flags": (8, 6, "<H"), "method": (10, 8, "<H"), "size": (24, 22, "<I")}[
                    field_name
                ]
                struct.pack_into(size, data, position + central, value)
                struct.pack_into(size, data, local + local_offset, value)
            path.write_bytes(bytes(data))
            return path
        position = data.find(b"PK\x01\x02", position + 4)
    raise KeyError(name)


def openpyxl_xlsx(path: Path, fill: Callable[[Workbook], None]) -> Path:
    """A workbook saved by openpyxl (as a script would make one), base sheets first."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in BASE.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    fill(book)
    book.save(path)
    return path


# -- the cases ------------------------------------------------------------------------

MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    file_name: str
    make: Callable[[Path], Path]  # given the path to write, returns the workbook to import
    # Every error the import reports (a refusal), or none for a workbook that imports.
    errors: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    # Settings given in the environment for this case (config/settings.py reads them there).
    settings: tuple[tuple[str, str], ...] = ()


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def _far_cell(reference: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        return openpyxl_xlsx(path, lambda book: book["values"].__setitem__(reference, "x"))

    return make


def _uncached_formula(book: Workbook) -> None:
    book["values"]["C2"] = "=600+7"  # openpyxl saves the formula and no value for it


def _cached_formulas(path: Path) -> Path:
    # As Excel writes them: a value kept beside each formula, and a shared formula.
    values = (
        sheet_rows([BASE["values"][0]])
        + '<row r="2">' + text_cell("A2", "1.1") + text_cell("B2", "2020-11")
        + '<c r="C2"><f>600+7</f><v>607</v></c></row>'
        + '<row r="3">' + text_cell("A3", "1.1") + text_cell("B3", "2020-12")
        + '<c r="C3"><f t="shared" ref="C3:C4" si="0">C2+1</f><v>608</v></c></row>'
        + '<row r="4">' + text_cell("A4", "1.1") + text_cell("B4", "2021-01")
        + '<c r="C4"><f t="shared" si="0"/><v>609</v></c></row>'
        + '<row r="5">' + text_cell("A5", "1.1") + text_cell("B5", "2021-02")
        + '<c r="C5" t="str"><f>IF(C4&gt;1000,C4,"")</f><v></v></c></row>'
    )
    return raw_xlsx(path, base_sheets(values=values))


def _billion_laughs(path: Path) -> Path:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    strings = f'<!DOCTYPE sst [{entities}]><sst xmlns="{MAIN}"><si><t>&a9;</t></si></sst>'
    return raw_xlsx(path, base_sheets(), shared_strings=strings)


def _too_many_strings(path: Path) -> Path:
    return raw_xlsx(path, base_sheets(), shared_strings=repeated(b"<si><t>a</t></si>", 500_001))


def _giant_row(path: Path) -> Path:
    values = sheet_rows(BASE["values"]) + '<row r="3">' + "<c/>" * 10_000_000 + "</row>"
    return raw_xlsx(path, base_sheets(values=values))


def _rows_out_of_order(path: Path) -> Path:
    header, row = BASE["values"]
    values = sheet_rows([header]) + sheet_rows([row], first=5) + sheet_rows([row], first=3)
    return raw_xlsx(path, base_sheets(values=values))


def _infinite_number(path: Path) -> Path:
    values = sheet_rows([BASE["values"][0]]) + (
        '<row r="2">' + text_cell("A2", "1.1") + text_cell("B2", "2020-12") + '<c r="C2"><v>1e999</v></c></row>'
    )
    return raw_xlsx(path, base_sheets(values=values))


def _missing_string(path: Path) -> Path:
    values = sheet_rows([BASE["values"][0]]) + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>'
    return raw_xlsx(path, base_sheets(values=values), shared_strings="<si><t>1.1</t></si>")


def _huge_inline_text(path: Path) -> Path:
    values = sheet_rows([BASE["values"][0]]) + '<row r="2">' + text_cell("A2", "x" * 1_000_000) + "</row>"
    return raw_xlsx(path, base_sheets(values=values))


def _wide_csv(path: Path) -> Path:
    header = ",".join(f"column{number}" for number in range(10_000)).encode() + b"\n"
    return csv_folder(path, base_csv(values=header))


def _late_bad_byte(path: Path) -> Path:
    lines = b"".join(b"1.1,2020-12,607\n" for _ in range(9_998))
    return csv_folder(path, base_csv(values=b"number,period,value\n" + lines + b"1.1,2020-12,6\xff7\n"))


def _folder_with_fifo(path: Path) -> Path:
    folder = csv_folder(path, base_csv())
    (folder / "values.csv").unlink()
    os.mkfifo(folder / "values.csv")
    return folder


def _zip_bomb(path: Path) -> Path:
    return csv_zip(path, [("scorecard.csv", b"slug\nhostile\n"), ("values.csv", repeated(b"0", 101 * MB))])


def _many_members(path: Path) -> Path:
    return csv_zip(path, [("scorecard.csv", b"slug\nhostile\n")] + [(f"sheet{n}.csv", b"a\n") for n in range(5_000)])


def _forged_size(path: Path) -> Path:
    csv_zip(path, [("scorecard.csv", b"slug\nhostile\n"), ("values.csv", repeated(b"1.1,2020-12,607\n", MB))])
    return patch_member(path, "values.csv", size=100)


def _nested_zip(path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("values.csv", b"number,period,value\n")
    return csv_zip(path, [("scorecard.csv", b"slug\nhostile\n"), ("inner.zip", inner.getvalue())])


def _duplicate_sheets_by_case(path: Path) -> Path:
    return raw_xlsx(path, base_sheets() + [("Values", sheet_rows(BASE["values"]))])


def _forty_eight_mb_csv(path: Path) -> Path:
    rows = repeated(b"1.1,2020-12,607\n", 3 * MB)
    return csv_zip(path, [("scorecard.csv", b"slug\nhostile\n"), ("values.csv", rows)])


def _million_rows(path: Path) -> Path:
    return csv_folder(path, base_csv(values=b"number,period,value\n" + b"1.1,2020-12,607\n" * 1_000_000))


def _too_many_cells(path: Path) -> Path:
    # 400 rows of three cells in each of two sheets: within the rows limit, not the cells' (1,000 here).
    rows = b"number,period,value\n" + b"".join(f"1.1,2020-12,{n}\n".encode() for n in range(400))
    return csv_folder(path, base_csv(values=rows, outturns=rows))


def _text_file(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


HYPERLINK = '=HYPERLINK("http://example.invalid","x")'
LONG_NAME = "values " + "x" * 293

CASES: list[Case] = [
    # Reading by a sheet's claimed size: today's reader lays out 1,048,576 x 16,384 cells.
    Case("cell_at_XFD1048576", "far.xlsx", _far_cell("XFD1048576"),
         ("far.xlsx: the values sheet has more than 100,000 rows: the limit is WORKBOOK_MAX_ROWS = 100,000",)),
    Case("cell_at_XFD1", "wide.xlsx", _far_cell("XFD1"),
         ("wide.xlsx: the values sheet has more than 50 columns (row 1 has a cell in column XFD): "
          "the limit is WORKBOOK_MAX_COLUMNS = 50",)),
    Case("dimension_claims_the_whole_grid", "claims.xlsx",
         lambda path: raw_xlsx(path, base_sheets(), worksheet_head='<dimension ref="A1:XFD1048576"/>'), ()),
    # Formula cells.
    Case("formula_without_value", "formula.xlsx", lambda path: openpyxl_xlsx(path, _uncached_formula),
         ('values, row 2, column "value": cell C2 holds the formula =600+7 with no value calculated for it '
          "(the file was saved by a program that does not calculate formulas): expected a value; "
          "open the file in Excel and save it again, or type the value in",)),
    Case("formulas_with_values", "calculated.xlsx", _cached_formulas, (), (
        'values, row 2, column "value": cell C2 holds the formula =600+7: read as "607", '
        "the value Excel last calculated",
        'values, row 3, column "value": cell C3 holds the formula =C2+1: read as "608", '
        "the value Excel last calculated",
        'values, row 4, column "value": cell C4 holds the formula =C3+1: read as "609", '
        "the value Excel last calculated",
        'values, row 5, column "value": cell C5 holds the formula =IF(C4>1000,C4,""): read as empty, '
        "the value Excel last calculated",
    )),
    # Sizes.
    Case("upload_too_large", "big.xlsx", lambda path: _sparse(path, 21 * MB),
         ("big.xlsx is 22,020,096 bytes: the limit is WORKBOOK_MAX_UPLOAD_BYTES = 20,971,520",)),
    Case("zip_bomb", "bomb.zip", _zip_bomb,
         ("bomb.zip unpacks to 105,906,189 bytes: the limit is WORKBOOK_MAX_UNCOMPRESSED_BYTES = 104,857,600",)),
    Case("zip_of_48_MB_of_csv", "forty-eight.zip", _forty_eight_mb_csv,
         ("forty-eight.zip: the values sheet has more than 100,000 rows: the limit is WORKBOOK_MAX_ROWS = 100,000",)),
    Case("million_row_csv", "million", _million_rows,
         ("million: the values sheet has more than 100,000 rows: the limit is WORKBOOK_MAX_ROWS = 100,000",)),
    Case("too_many_cells", "crowded", _too_many_cells,
         ("crowded: more than 1,000 cells are filled in: the limit is WORKBOOK_MAX_CELLS = 1,000",),
         settings=(("WORKBOOK_MAX_CELLS", "1000"),)),
    Case("folder_too_large", "heavy", lambda path: _sparse(csv_folder(path, base_csv()) / "values.csv", 101 * MB).parent,
         ("heavy holds 105,906,274 bytes of CSV files: the limit is WORKBOOK_MAX_UNCOMPRESSED_BYTES = 104,857,600",)),
    Case("many_zip_members", "members.zip", _many_members,
         ("members.zip holds 5,001 sheets: the limit is WORKBOOK_MAX_SHEETS = 20",)),
    Case("one_hundred_sheets", "sheets.xlsx",
         lambda path: raw_xlsx(path, base_sheets() + [(f"extra {n}", "") for n in range(97)]),
         ("sheets.xlsx holds 100 sheets: the limit is WORKBOOK_MAX_SHEETS = 20",)),
    Case("ten_thousand_columns", "wide", _wide_csv,
         ("wide: the values sheet has more than 50 columns (row 1 has a cell in column AY): "
          "the limit is WORKBOOK_MAX_COLUMNS = 50",)),
    Case("huge_csv_field", "field",
         lambda path: csv_folder(path, base_csv(values=b'number,period,value\n1.1,2020-12,"' + b"9" * 200_000 + b'"\n')),
         ("field: the values sheet, row 2 holds a cell of more than 32,767 characters: "
          "the limit is WORKBOOK_MAX_CELL_CHARACTERS = 32,767",)),
    Case("csv_field_longer_than_excel_allows", "long",
         lambda path: csv_folder(path, base_csv(values=b"number,period,value\n1.1,2020-12," + b"9" * 40_000 + b"\n")),
         ("long: the values sheet, row 2, column C holds a cell of more than 32,767 characters: "
          "the limit is WORKBOOK_MAX_CELL_CHARACTERS = 32,767",)),
    Case("csv_line_of_commas", "commas",
         lambda path: csv_folder(path, base_csv(values=b"number,period,value\n" + b"," * (3 * MB) + b"\n")),
         ("commas: the values sheet, row 2 holds more than 1,638,502 characters: the limits are "
          "WORKBOOK_MAX_COLUMNS = 50 cells of at most WORKBOOK_MAX_CELL_CHARACTERS = 32,767 characters",)),
    Case("huge_xlsx_text", "text.xlsx", _huge_inline_text,
         ("text.xlsx: the values sheet, row 2, column A holds a cell of more than 32,767 characters: "
          "the limit is WORKBOOK_MAX_CELL_CHARACTERS = 32,767",)),
    Case("string_table_flood", "strings.xlsx", _too_many_strings,
         ("strings.xlsx: the workbook holds more than 500,000 different texts: "
          "the limit is WORKBOOK_MAX_CELLS = 500,000",)),
    Case("billion_laughs", "laughs.xlsx", _billion_laughs,
         ("laughs.xlsx cannot be opened as an .xlsx workbook: xl/sharedStrings.xml holds a document type "
          "declaration, which no workbook part has",)),
    Case("row_of_ten_million_cells", "row.xlsx", _giant_row,
         ("row.xlsx cannot be opened as an .xlsx workbook: values: row 3 holds more than 16,384 cells",)),
    # Damaged or forged .xlsx parts.
    Case("rows_out_of_order", "order.xlsx", _rows_out_of_order,
         ("order.xlsx cannot be opened as an .xlsx workbook: values: row 3 comes after row 5",)),
    Case("infinite_number", "infinite.xlsx", _infinite_number,
         ('infinite.xlsx cannot be opened as an .xlsx workbook: values: cell C2 holds "1e999", '
          "which is not a number Excel can hold",)),
    Case("missing_shared_string", "strings.xlsx", _missing_string,
         ("strings.xlsx cannot be opened as an .xlsx workbook: values: cell A2 refers to text number 7, "
          "which the workbook does not hold",)),
    Case("sheet_name_of_300_characters", "named.xlsx",
         lambda path: raw_xlsx(path, base_sheets() + [(LONG_NAME, sheet_rows([["x"]]))]),
         # A name is quoted shortened to its first 40 characters, with its length.
         (f'{LONG_NAME[:40]}…: unknown sheet "{LONG_NAME[:40]}…" (300 characters): expected only scorecard, '
          "indicators, targets, values, commentary, outturns, benchmarks",)),
    Case("sheet_names_differing_by_case", "twice.xlsx", _duplicate_sheets_by_case,
         ('twice.xlsx holds two sheets named "values" and "Values": expected one sheet of each name',)),
    # Files that are not what they say.
    Case("empty_file", "empty.xlsx", lambda path: _sparse(path, 0),
         ("empty.xlsx is not a workbook: expected an .xlsx file, a .zip of CSV files or a folder of CSV files "
          "(an old .xls file must be saved as .xlsx first)",)),
    Case("xlsx_that_is_not_a_zip", "text.xlsx", lambda path: _text_file(path, HYPERLINK),
         ("text.xlsx is not a workbook: expected an .xlsx file, a .zip of CSV files or a folder of CSV files "
          "(an old .xls file must be saved as .xlsx first)",)),
    Case("zip_that_is_not_an_xlsx", "hollow.xlsx",
         lambda path: csv_zip(path, [("[Content_Types].xml", f'<Types xmlns="{TYPES}"/>')]),
         ("hollow.xlsx cannot be opened as an .xlsx workbook: it has no xl/workbook.xml",)),
    # Zips.
    Case("forged_member_size", "forged.zip", _forged_size,
         ("forged.zip cannot be opened: Bad CRC-32 for file 'values.csv'",)),
    Case("nested_zip", "nested.zip", _nested_zip,
         ('nested.zip: "inner.zip" is not a CSV file: a workbook folder or zip holds only <sheet>.csv files '
          "(scorecard.csv, indicators.csv, targets.csv, ...)",)),
    Case("member_path_climbing_out", "slip.zip",
         lambda path: csv_zip(path, [("scorecard.csv", b"slug\nhostile\n"), ("../../values.csv", b"number\n")]),
         ('slip.zip: "../../values.csv" names a place outside the zip: a workbook zip holds only <sheet>.csv '
          "files, at its top or in one folder",)),
    Case("member_path_from_the_root", "root.zip",
         lambda path: csv_zip(path, [("scorecard.csv", b"slug\nhostile\n"), ("/etc/values.csv", b"number\n")]),
         ('root.zip: "/etc/values.csv" names a place outside the zip: a workbook zip holds only <sheet>.csv '
          "files, at its top or in one folder",)),
    Case("encrypted_member", "locked.zip",
         lambda path: patch_member(csv_zip(path, [("scorecard.csv", b"slug\nhostile\n")]), "scorecard.csv", flags=1),
         ('locked.zip: "scorecard.csv" is encrypted: save the workbook without a password',)),
    Case("unknown_compression", "packed.zip",
         lambda path: patch_member(csv_zip(path, [("scorecard.csv", b"slug\nhostile\n")]), "scorecard.csv", method=99),
         ('packed.zip: "scorecard.csv" is packed with a compression method (number 99) this reader does not '
          "know: expected a zip made by Excel or by your computer's Compress command",)),
    Case("duplicate_members", "twice.zip",
         lambda path: csv_zip(path, [("scorecard.csv", b"slug\nhostile\n")] * 2),
         ('twice.zip holds two sheets named "scorecard" and "scorecard": expected one sheet of each name',)),
    # CSV text.
    Case("csv_with_nul_bytes", "nul", lambda path: csv_folder(path, base_csv(scorecard=b"slug,title\nhostile,x\x00y\n")),
         ('nul/scorecard.csv holds a NUL character (line 2), which a text file never does: save it as "CSV UTF-8"',)),
    Case("csv_in_utf16", "utf16", lambda path: csv_folder(path, base_csv(scorecard="slug\nhostile\n".encode("utf-16"))),
         ('utf16/scorecard.csv is not UTF-8 (line 1): save it as "CSV UTF-8"',)),
    Case("invalid_utf8_far_down", "late", _late_bad_byte,
         ('late/values.csv is not UTF-8 (line 10000): save it as "CSV UTF-8"',)),
    Case("csv_with_byte_order_mark", "bom",
         lambda path: csv_folder(path, base_csv(scorecard="\ufeffslug,title\nhostile,Hostile reading\n".encode())), ()),
    Case("csv_formula_texts", "formulas",
         lambda path: csv_folder(path, base_csv(indicators=csv_bytes(
             [BASE["indicators"][0], ["1.1", HYPERLINK, "Info", "count"], ["1.2", "'" + HYPERLINK, "Info", "count"]]))),
         ()),
    Case("pipe_in_a_folder", "pipe", _folder_with_fifo,
         ('pipe: "values.csv" is not a CSV file: a workbook folder or zip holds only <sheet>.csv files '
          "(scorecard.csv, indicators.csv, targets.csv, ...)",)),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        folder = out / case.name
        folder.mkdir()
        case.make(folder / case.file_name)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
