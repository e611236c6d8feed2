"""Reading a scorecard workbook (DESIGN 5) into plain cells, before any validation.

A workbook is an ``.xlsx`` file, a folder of ``<sheet>.csv`` files, or a ``.zip`` of them.
This module only turns each into sheets of trimmed cells; what the cells mean is
``validate.py``'s business. No float leaves this module: a numeric ``.xlsx`` cell is
rounded to the 15 significant digits Excel displays before it becomes a Decimal.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path, PurePosixPath

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

# Excel shows (and compares) at most 15 significant digits; 0.1 + 0.2 is 0.3 to a reader.
_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP)
_WIDE = Context(prec=50)

# A CSV inside an uploaded zip larger than this is refused rather than decompressed.
MAX_CSV_BYTES = 50 * 1024 * 1024


# Free-text columns, by sheet. A spreadsheet program runs a CSV cell starting with =, +, -, @,
# a tab or a carriage return as a formula ("CSV injection"), so the CSV export puts an
# apostrophe in front of such a cell in these columns, and reading a CSV workbook takes it off
# again (OWASP's advice). Figures, tolerances (-0.5--0.1, +/-15), periods, years and choices
# are never touched: they are checked by the import, and none can carry a formula. In an .xlsx
# file every cell is written as text, which no spreadsheet program runs.
TEXT_COLUMNS: dict[str, frozenset[str]] = {
    "scorecard": frozenset({"title"}),
    "indicators": frozenset({"number", "section", "name", "data_note", "definition"}),
    "targets": frozenset({"number"}),
    "values": frozenset({"number"}),
    "commentary": frozenset({"number", "section", "text"}),
    "outturns": frozenset({"number"}),
    "benchmarks": frozenset({"number", "measure", "year", "source"}),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _runs_as_formula(text: str) -> bool:
    # Apostrophes first, so that a text already starting with one keeps it through a round trip.
    return text.lstrip("'").startswith(_FORMULA_START)


def protect_csv_text(text: str) -> str:
    """``text`` as a CSV export writes it in a text column: ``=1+1`` becomes ``'=1+1``."""
    return "'" + text if _runs_as_formula(text) else text


def unprotect_csv_text(text: str) -> str:
    """The inverse of ``protect_csv_text``: ``'=1+1`` is ``=1+1``; ``'Tis`` stays as it is."""
    return text[1:] if text.startswith("'") and _runs_as_formula(text[1:]) else text


def column_key(column: str) -> str:
    """A header as the validator names it: case-insensitive, and "data note" is data_note."""
    return re.sub(r"[\s_]+", "_", column.strip().lower())


class WorkbookReadError(ValueError):
    """The file cannot be read as a workbook at all (as opposed to a workbook with bad cells)."""


@dataclass(frozen=True)
class Cell:
    """One cell as the officer sees it.

    ``text`` is what the cell shows, trimmed (None when empty). For a numeric ``.xlsx``
    cell it is the number written out in full, with at least the decimal places its
    number format shows (42 formatted ``0.0`` is ``42.0``) and never fewer digits than
    stored; a percentage-formatted cell shows the number x100 with ``%`` (0.368 is
    ``36.8%``). ``number`` is the stored number (0.368 for 36.8%), ``percent`` says the
    cell is formatted as a percentage, ``date`` holds a date cell's day.
    """

    text: str | None
    number: Decimal | None = None
    percent: bool = False
    date: datetime.date | None = None


@dataclass
class RawSheet:
    name: str
    # Header row as written, trimmed and lower-cased; columns without a header are left out.
    columns: list[str]
    # (row number as the user sees it, cells by column); fully empty rows are skipped.
    rows: list[tuple[int, dict[str, Cell]]]
    # Letters of the columns that hold data under an empty header cell.
    headerless: list[str] = field(default_factory=list)


@dataclass
class RawWorkbook:
    source_name: str
    # Keyed by the sheet name trimmed and lower-cased; RawSheet.name keeps it as written.
    sheets: dict[str, RawSheet]


def read_workbook(path: Path) -> RawWorkbook:
    """Read an ``.xlsx`` file, a folder of CSV files or a ``.zip`` of CSV files."""
    path = Path(path)
    if path.is_dir():
        return RawWorkbook(path.name, _sheets_by_name(_folder_csv_sheets(path), path.name))
    if not path.is_file():
        raise WorkbookReadError(f"{path.name}: no such file or folder")
    if not zipfile.is_zipfile(path):
        raise WorkbookReadError(
            f"{path.name} is not a workbook: expected an .xlsx file, a .zip of CSV files "
            "or a folder of CSV files (an old .xls file must be saved as .xlsx first)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            is_xlsx = "[Content_Types].xml" in archive.namelist()
            sheets = None if is_xlsx else list(_zip_csv_sheets(archive, path.name))
    except zipfile.BadZipFile as error:
        raise WorkbookReadError(f"{path.name} cannot be opened: {error}") from None
    if sheets is None:
        sheets = _xlsx_sheets(path)
    return RawWorkbook(path.name, _sheets_by_name(sheets, path.name))


def _sheets_by_name(sheets: Iterable[RawSheet], source: str) -> dict[str, RawSheet]:
    by_name: dict[str, RawSheet] = {}
    for sheet in sheets:
        key = sheet.name.strip().lower()
        if key in by_name:
            raise WorkbookReadError(
                f'{source} holds two sheets named "{by_name[key].name}" and "{sheet.name}": '
                "expected one sheet of each name"
            )
        by_name[key] = sheet
    return by_name


# -- CSV ------------------------------------------------------------------------------


def _is_hidden(name: str) -> bool:
    # Finder and Explorer litter folders and zips with these; they are never sheets.
    parts = PurePosixPath(name).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts) or parts[-1] in (
        "Thumbs.db",
        "desktop.ini",
    )


def _not_a_sheet(source: str, name: str) -> WorkbookReadError:
    return WorkbookReadError(
        f'{source}: "{name}" is not a CSV file: a workbook folder or zip holds only '
        "<sheet>.csv files (scorecard.csv, indicators.csv, targets.csv, ...)"
    )


def _folder_csv_sheets(folder: Path) -> Iterator[RawSheet]:
    found = False
    for entry in sorted(folder.iterdir()):
        if _is_hidden(entry.name):
            continue
        if entry.is_dir() or entry.suffix.lower() != ".csv":
            raise _not_a_sheet(folder.name, entry.name)
        found = True
        yield _csv_sheet(entry.stem, entry.read_bytes(), f"{folder.name}/{entry.name}")
    if not found:
        raise WorkbookReadError(f"{folder.name} holds no CSV files: expected at least scorecard.csv")


def _zip_csv_sheets(archive: zipfile.ZipFile, source: str) -> Iterator[RawSheet]:
    found = False
    for info in archive.infolist():
        if info.is_dir() or _is_hidden(info.filename):
            continue
        name = PurePosixPath(info.filename)
        if name.suffix.lower() != ".csv":
            raise _not_a_sheet(source, info.filename)
        if info.file_size > MAX_CSV_BYTES:
            raise WorkbookReadError(
                f"{source}: {info.filename} is {info.file_size} bytes uncompressed; "
                f"expected at most {MAX_CSV_BYTES}"
            )
        found = True
        yield _csv_sheet(name.stem, archive.read(info), f"{source}/{info.filename}")
    if not found:
        raise WorkbookReadError(f"{source} holds no CSV files: expected at least scorecard.csv")


def _csv_sheet(name: str, data: bytes, where: str) -> RawSheet:
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts with a byte order mark.
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise WorkbookReadError(f'{where} is not UTF-8 (line {line}): save it as "CSV UTF-8"') from None
    try:
        records = list(csv.reader(io.StringIO(content, newline="")))
    except csv.Error as error:
        raise WorkbookReadError(f"{where} cannot be read as CSV: {error}") from None
    grid = [
        (number, [_text_cell(value) for value in record])
        for number, record in enumerate(records, start=1)
    ]
    return _sheet(name, grid, unprotect=True)


def _text_cell(value: str | None) -> Cell:
    text = None if value is None else value.strip()
    return Cell(text or None)


# -- xlsx -----------------------------------------------------------------------------


def _xlsx_sheets(path: Path) -> list[RawSheet]:
    try:
        # data_only: a formula cell reads as the value Excel last calculated for it.
        book = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise WorkbookReadError(f"{path.name} cannot be opened as an .xlsx workbook: {error}") from None
    try:
        sheets = []
        for worksheet in book.worksheets:
            grid = []
            for row in worksheet.iter_rows():
                if row:
                    grid.append((row[0].row, [_xlsx_cell(cell) for cell in row]))
            sheets.append(_sheet(worksheet.title, grid))
        return sheets
    finally:
        book.close()


def _xlsx_cell(cell: object) -> Cell:
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", None) or "General"
    if value is None:
        return Cell(None)
    if isinstance(value, bool):
        # Booleans are numbers to Python; to an officer they are the words Excel shows.
        return Cell("TRUE" if value else "FALSE")
    if isinstance(value, datetime.datetime):
        return Cell(value.date().isoformat(), date=value.date())
    if isinstance(value, datetime.date):
        return Cell(value.isoformat(), date=value)
    if isinstance(value, int | float):
        number = excel_number(value)
        percent = is_percent_format(number_format)
        shown = _WIDE.multiply(number, Decimal(100)) if percent else number
        text = plain(shown, minimum_places=format_places(number_format))
        return Cell(text + ("%" if percent else ""), number=number, percent=percent)
    if isinstance(value, str):
        return _text_cell(value)
    # Times and durations: keep what Python writes; no sheet column expects them.
    return _text_cell(str(value))


def excel_number(value: int | float) -> Decimal:
    """The number as Excel displays it: 15 significant digits, trailing zeros dropped."""
    if isinstance(value, int):
        return Decimal(value)
    rounded = _EXCEL_DIGITS.create_decimal(value)
    return _strip_zeros(rounded)


def _strip_zeros(number: Decimal) -> Decimal:
    if number.is_zero():
        return Decimal(0)
    reduced = number.normalize(_WIDE)
    # normalize() writes 600 as 6E+2; a figure is never shown with an exponent.
    return reduced.quantize(Decimal(1)) if reduced.as_tuple().exponent > 0 else reduced


def plain(number: Decimal, minimum_places: int = 0) -> str:
    """``number`` without exponent or trailing zeros, padded to ``minimum_places`` decimals."""
    number = _strip_zeros(number)
    places = max(-number.as_tuple().exponent, minimum_places, 0)
    return format(number, f".{places}f")


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _format_body(number_format: str) -> str:
    # Only the positive section decides how a number shows; literals and [colour] do not count.
    return _QUOTED.sub("", number_format.split(";")[0])


def is_percent_format(number_format: str) -> bool:
    return "%" in _format_body(number_format)


def format_places(number_format: str) -> int:
    """Decimal places a number format always shows (``0.0%`` shows 1; ``#.##`` none for sure)."""
    match = re.search(r"\.([0#?]+)", _format_body(number_format))
    return 0 if match is None else match.group(1).count("0")


_EMPTY = Cell(None)


# -- shared ---------------------------------------------------------------------------


def _sheet(name: str, grid: list[tuple[int, list[Cell]]], unprotect: bool = False) -> RawSheet:
    """Header from the first non-empty row; data rows keyed by column name.

    ``unprotect``: the sheet is a CSV file, whose text columns may carry the apostrophe the
    CSV export puts in front of a text a spreadsheet program would run as a formula.
    """
    rows = [(number, cells) for number, cells in grid if any(cell.text is not None for cell in cells)]
    if not rows:
        return RawSheet(name=name, columns=[], rows=[])
    header = rows[0][1]
    names = [(cell.text or "").lower() for cell in header]
    columns = [column for column in names if column]
    text_columns = TEXT_COLUMNS.get(name.strip().lower(), frozenset()) if unprotect else frozenset()
    unquoted = {position for position, column in enumerate(names) if column_key(column) in text_columns}
    data: list[tuple[int, dict[str, Cell]]] = []
    headerless: set[int] = set()
    for number, cells in rows[1:]:
        # Every named column is present, so a short CSV record and a wide sheet read alike.
        by_column: dict[str, Cell] = dict.fromkeys(columns, _EMPTY)
        filled: set[str] = set()
        for position, cell in enumerate(cells):
            column = names[position] if position < len(names) else ""
            if not column:
                if cell.text is not None:
                    headerless.add(position)
                continue
            # A repeated header keeps its first column's cells; validate reports the repeat.
            if column not in filled:
                filled.add(column)
                if position in unquoted and cell.text is not None:
                    cell = Cell(unprotect_csv_text(cell.text))
                by_column[column] = cell
        if any(cell.text is not None for cell in by_column.values()):
            data.append((number, by_column))
    return RawSheet(
        name=name,
        columns=columns,
        rows=data,
        headerless=[get_column_letter(position + 1) for position in sorted(headerless)],
    )
