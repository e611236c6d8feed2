"""Reading a scorecard workbook (docs/workbook.md) into plain cells, before any validation.

A workbook is an ``.xlsx`` file, a folder of ``<sheet>.csv`` files, or a ``.zip`` of them.
This module only turns each into sheets of trimmed cells; what the cells mean is
``validate.py``'s business. No float leaves this module: a numeric ``.xlsx`` cell is
rounded to the 15 significant digits Excel displays before it becomes a Decimal.

A workbook comes from outside, so nothing in it is trusted to be small: every file is read
as it streams (CSV line by line, ``.xlsx`` parts by expat, with no XML tree and no grid laid
out by a sheet's declared size), within ``ReadLimits``, and reading stops at the first limit
passed. Sizes are checked from the zip directory before anything is unpacked.

No Django here: the import service passes the limits in from the settings.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import lzma
import math
import posixpath
import re
import zipfile
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path, PurePosixPath
from typing import IO, Any
from xml.parsers import expat

from openpyxl.formula.translate import Translator
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

# Excel shows (and compares) at most 15 significant digits; 0.1 + 0.2 is 0.3 to a reader.
_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP)
_WIDE = Context(prec=50)

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


# -- limits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadLimits:
    """How much a workbook may hold. Each is a Django setting (``SETTINGS``) read by the import
    service; the defaults here are the settings' defaults."""

    # The .xlsx or .zip file as uploaded (a folder is not uploaded).
    max_upload_bytes: int = 20 * 1024 * 1024
    # Everything in the .xlsx or .zip unpacked, from its directory; a folder's CSV files.
    max_uncompressed_bytes: int = 100 * 1024 * 1024
    # Worksheets, or CSV files; a workbook has at most seven sheets.
    max_sheets: int = 20
    # Per sheet, by the spreadsheet's row numbers (every line of a CSV file counts).
    max_rows: int = 100_000
    # Per sheet: no cell may be filled in beyond this column.
    max_columns: int = 50
    # Filled-in cells in the whole workbook (and different texts in an .xlsx string table).
    max_cells: int = 500_000
    # Characters in one cell; 32,767 is as many as Excel holds.
    max_cell_characters: int = 32_767

    def __post_init__(self) -> None:
        for limit in fields(self):
            value = getattr(self, limit.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{SETTINGS[limit.name]} must be a whole number of at least 1; found {value!r}")
        if self.max_cell_characters > csv.field_size_limit():
            raise ValueError(f"WORKBOOK_MAX_CELL_CHARACTERS may be at most {csv.field_size_limit():,}")


# The Django setting behind each limit: every refusal names it.
SETTINGS: dict[str, str] = {
    "max_upload_bytes": "WORKBOOK_MAX_UPLOAD_BYTES",
    "max_uncompressed_bytes": "WORKBOOK_MAX_UNCOMPRESSED_BYTES",
    "max_sheets": "WORKBOOK_MAX_SHEETS",
    "max_rows": "WORKBOOK_MAX_ROWS",
    "max_columns": "WORKBOOK_MAX_COLUMNS",
    "max_cells": "WORKBOOK_MAX_CELLS",
    "max_cell_characters": "WORKBOOK_MAX_CELL_CHARACTERS",
}


def _the_limit(limits: ReadLimits, name: str) -> str:
    return f"the limit is {SETTINGS[name]} = {getattr(limits, name):,}"


# What no worksheet can exceed, whatever the limits: past these a file is damaged or forged.
_EXCEL_COLUMNS = 16_384
_MAX_STYLES = 100_000  # Excel allows 64,000 cell formats

# Formula cells listed one by one in a sheet, of each kind; the rest are counted.
LISTED_FORMULAS = 100


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


@dataclass(frozen=True)
class ReadNote:
    """What the reader says about one cell (a formula, in an .xlsx file): an error stops the
    import, a warning does not. ``sheet`` is the sheet name trimmed and lower-cased,
    ``column`` the header the cell is under, as the validator names columns."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    error: bool


@dataclass
class RawWorkbook:
    source_name: str
    # Keyed by the sheet name trimmed and lower-cased; RawSheet.name keeps it as written.
    sheets: dict[str, RawSheet]
    notes: list[ReadNote] = field(default_factory=list)


@dataclass
class _Reading:
    """One workbook being read: its name, its limits, and what is counted across its sheets."""

    source: str
    limits: ReadLimits
    notes: list[ReadNote] = field(default_factory=list)
    cells: int = 0

    def refuse(self, what: str, limit: str) -> WorkbookReadError:
        return WorkbookReadError(f"{self.source}: {what}: {_the_limit(self.limits, limit)}")

    def count_cells(self, filled: int) -> None:
        self.cells += filled
        if self.cells > self.limits.max_cells:
            raise self.refuse(f"more than {self.limits.max_cells:,} cells are filled in", "max_cells")

    def check_sheet_count(self, count: int) -> None:
        if count > self.limits.max_sheets:
            raise WorkbookReadError(f"{self.source} holds {count:,} sheets: {_the_limit(self.limits, 'max_sheets')}")


def read_workbook(path: Path, limits: ReadLimits | None = None) -> RawWorkbook:
    """Read an ``.xlsx`` file, a folder of CSV files or a ``.zip`` of CSV files."""
    path = Path(path)
    reading = _Reading(path.name, limits or ReadLimits())
    if path.is_dir():
        sheets = _sheets_by_name(_folder_csv_sheets(path, reading), path.name)
        return RawWorkbook(path.name, sheets, reading.notes)
    if not path.is_file():
        raise WorkbookReadError(f"{path.name}: no such file or folder")
    size = path.stat().st_size
    if size > reading.limits.max_upload_bytes:
        raise WorkbookReadError(f"{path.name} is {size:,} bytes: {_the_limit(reading.limits, 'max_upload_bytes')}")
    if not zipfile.is_zipfile(path):
        raise WorkbookReadError(
            f"{path.name} is not a workbook: expected an .xlsx file, a .zip of CSV files "
            "or a folder of CSV files (an old .xls file must be saved as .xlsx first)"
        )
    damaged = f"{path.name} cannot be opened"
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > reading.limits.max_uncompressed_bytes:
                raise WorkbookReadError(
                    f"{path.name} unpacks to {unpacked:,} bytes: "
                    f"{_the_limit(reading.limits, 'max_uncompressed_bytes')}"
                )
            if "[Content_Types].xml" in archive.namelist():
                damaged = f"{path.name} cannot be opened as an .xlsx workbook"
                sheets = _sheets_by_name(_xlsx_sheets(archive, reading), path.name)
            else:
                sheets = _sheets_by_name(_zip_csv_sheets(archive, reading), path.name)
    # A member that does not unpack as its directory says (a forged size fails its CRC).
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error, lzma.LZMAError) as error:
        raise WorkbookReadError(f"{damaged}: {error}") from None
    return RawWorkbook(path.name, sheets, reading.notes)


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


def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> IO[bytes]:
    if info.flag_bits & 0x1:
        raise WorkbookReadError(f'{source}: "{info.filename}" is encrypted: save the workbook without a password')
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        raise WorkbookReadError(
            f'{source}: "{info.filename}" is packed with a compression method (number {info.compress_type}) '
            "this reader does not know: expected a zip made by Excel or by your computer's Compress command"
        )
    return archive.open(info)


# -- sheets ---------------------------------------------------------------------------


class _SheetBuilder:
    """Rows in, one ``RawSheet`` out: header from the first non-empty row; data rows keyed by
    column name. Checks each row against the limits as it comes."""

    def __init__(self, name: str, reading: _Reading, unprotect: bool = False) -> None:
        self.name = name
        self.key = name.strip().lower()
        self.reading = reading
        # A CSV file, whose text columns may carry the apostrophe the CSV export puts in front
        # of a text a spreadsheet program would run as a formula.
        self.unprotect = unprotect
        self.names: list[str] | None = None
        self.columns: list[str] = []
        # Each named column's position; a repeated header keeps its first column's cells
        # (validate reports the repeat).
        self.positions: dict[str, int] = {}
        self.named: frozenset[int] = frozenset()  # positions with a header, repeated ones included
        self.unquoted: frozenset[int] = frozenset()
        self.rows: list[tuple[int, dict[str, Cell]]] = []
        self.headerless: set[int] = set()
        # Formula notes listed and left unlisted, errors (True) and warnings (False).
        self.listed = {True: 0, False: 0}
        self.unlisted = {True: 0, False: 0}

    def check_row(self, number: int) -> None:
        limits = self.reading.limits
        if number > limits.max_rows:
            raise self.reading.refuse(f"the {self.name} sheet has more than {limits.max_rows:,} rows", "max_rows")

    def check_column(self, number: int, column: int) -> None:
        limits = self.reading.limits
        if column > limits.max_columns:
            raise self.reading.refuse(
                f"the {self.name} sheet has more than {limits.max_columns:,} columns "
                f"(row {number:,} has a cell in column {get_column_letter(min(column, _EXCEL_COLUMNS))})",
                "max_columns",
            )

    def too_long(self, number: int, column: int | None) -> WorkbookReadError:
        limits = self.reading.limits
        place = f"row {number:,}" if column is None else (
            f"row {number:,}, column {get_column_letter(min(column, _EXCEL_COLUMNS))}"
        )
        return self.reading.refuse(
            f"the {self.name} sheet, {place} holds a cell of more than {limits.max_cell_characters:,} characters",
            "max_cell_characters",
        )

    def add(self, number: int, cells: list[Cell], formulas: Iterable[_Formula] = ()) -> None:
        """One row: ``cells`` by position (column A first)."""
        self.check_row(number)
        filled = [position for position, cell in enumerate(cells) if cell.text is not None]
        if filled:
            if filled[-1] >= self.reading.limits.max_columns:
                # The first cell past the limit, as an .xlsx sheet is refused cell by cell.
                self.check_column(number, next(p for p in filled if p >= self.reading.limits.max_columns) + 1)
            self.reading.count_cells(len(filled))
        for formula in formulas:
            self._note(number, formula)
        if not filled:
            return
        if self.names is None:
            self._header(cells)
            return
        # Every named column is present, so a short CSV record and a wide sheet read alike.
        by_column: dict[str, Cell] = dict.fromkeys(self.columns, _EMPTY)
        width = len(cells)
        used = 0
        for column, position in self.positions.items():
            if position < width and (cell := cells[position]).text is not None:
                if position in self.unquoted:
                    cell = Cell(unprotect_csv_text(cell.text or ""))
                by_column[column] = cell
                used += 1
        if used < len(filled):
            self.headerless.update(position for position in filled if position not in self.named)
        if used:
            self.rows.append((number, by_column))

    def _header(self, cells: list[Cell]) -> None:
        self.names = [(cell.text or "").lower() for cell in cells]
        self.columns = [column for column in self.names if column]
        for position, column in enumerate(self.names):
            if column:
                self.positions.setdefault(column, position)
        self.named = frozenset(position for position, column in enumerate(self.names) if column)
        if self.unprotect:
            text_columns = TEXT_COLUMNS.get(self.key, frozenset())
            self.unquoted = frozenset(
                position for column, position in self.positions.items() if column_key(column) in text_columns
            )

    def _note(self, number: int, formula: _Formula) -> None:
        error = not formula.cached
        if self.listed[error] >= LISTED_FORMULAS:
            self.unlisted[error] += 1
            return
        self.listed[error] += 1
        names = self.names
        header = names[formula.position] if names is not None and formula.position < len(names) else ""
        reference = f"{get_column_letter(formula.position + 1)}{number}"
        written = _shortened(formula.text)
        if error:
            message = (
                f"cell {reference} holds the formula {written} with no value calculated for it "
                "(the file was saved by a program that does not calculate formulas): expected a value; "
                "open the file in Excel and save it again, or type the value in"
            )
        else:
            shown = "empty" if formula.shown is None else f'"{_shortened(formula.shown)}"'
            message = f"cell {reference} holds the formula {written}: read as {shown}, the value Excel last calculated"
        self.reading.notes.append(ReadNote(self.key, number, column_key(header) if header else None, message, error))

    def finish(self) -> RawSheet:
        if self.unlisted[True]:
            self.reading.notes.append(
                ReadNote(self.key, None, None,
                         f"{self.unlisted[True]:,} more cells hold formulas with no value calculated for them "
                         "(not listed): expected values", True)
            )
        if self.unlisted[False]:
            self.reading.notes.append(
                ReadNote(self.key, None, None,
                         f"{self.unlisted[False]:,} more cells hold formulas, read as the values Excel last "
                         "calculated (not listed)", False)
            )
        return RawSheet(
            name=self.name,
            columns=self.columns,
            rows=self.rows,
            headerless=[get_column_letter(position + 1) for position in sorted(self.headerless)],
        )


def _shortened(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


_EMPTY = Cell(None)


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


def _folder_csv_sheets(folder: Path, reading: _Reading) -> Iterator[RawSheet]:
    entries = []
    for entry in sorted(folder.iterdir()):
        if _is_hidden(entry.name):
            continue
        # Only plain files: a folder, a pipe or a device is not a sheet.
        if not entry.is_file() or entry.suffix.lower() != ".csv":
            raise _not_a_sheet(folder.name, entry.name)
        entries.append(entry)
    if not entries:
        raise WorkbookReadError(f"{folder.name} holds no CSV files: expected at least scorecard.csv")
    reading.check_sheet_count(len(entries))
    total = sum(entry.stat().st_size for entry in entries)
    if total > reading.limits.max_uncompressed_bytes:
        raise WorkbookReadError(
            f"{folder.name} holds {total:,} bytes of CSV files: "
            f"{_the_limit(reading.limits, 'max_uncompressed_bytes')}"
        )
    for entry in entries:
        with entry.open("rb") as stream:
            yield _csv_sheet(entry.stem, stream, f"{folder.name}/{entry.name}", reading)


def _zip_csv_sheets(archive: zipfile.ZipFile, reading: _Reading) -> Iterator[RawSheet]:
    source = reading.source
    members = []
    for info in archive.infolist():
        # Zips made on Windows may write \ between folders.
        name = info.filename.replace("\\", "/")
        path = PurePosixPath(name)
        # Nothing is unpacked to disk, but such a name is forged: refuse it rather than pass it over.
        if path.is_absolute() or ".." in path.parts:
            raise WorkbookReadError(
                f'{source}: "{info.filename}" names a place outside the zip: a workbook zip holds only '
                "<sheet>.csv files, at its top or in one folder"
            )
        if info.is_dir() or name.endswith("/") or _is_hidden(name):
            continue
        if path.suffix.lower() != ".csv":
            raise _not_a_sheet(source, info.filename)
        members.append((path.stem, info))
    if not members:
        raise WorkbookReadError(f"{source} holds no CSV files: expected at least scorecard.csv")
    reading.check_sheet_count(len(members))
    for stem, info in members:
        with _open_member(archive, info, source) as stream:
            yield _csv_sheet(stem, stream, f"{source}/{info.filename}", reading)


def _csv_sheet(name: str, stream: IO[bytes], where: str, reading: _Reading) -> RawSheet:
    builder = _SheetBuilder(name, reading, unprotect=True)
    lines = _CsvLines(stream, where, builder)
    records = csv.reader(lines)
    limit = reading.limits.max_cell_characters
    number = 0
    while True:
        number += 1
        lines.record = number
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise builder.too_long(number, None) from None
            raise WorkbookReadError(f"{where} cannot be read as CSV: {error}") from None
        for position, value in enumerate(record):
            if len(value) > limit:
                raise builder.too_long(number, position + 1)
        builder.add(number, [_text_cell(value) for value in record])
    return builder.finish()


_LINE_END = re.compile(r"\r\n|\r|\n")


class _CsvLines:
    """The lines of a CSV file for ``csv.reader``, decoded from UTF-8 as the bytes stream in.

    Refuses bytes that are not UTF-8 and NUL bytes (a UTF-16 "Unicode text" file is full of
    them), naming the line, and stops any one record at what the limits allow a row to hold
    (every column's cell at its longest), so that no line or record is read whole first.
    """

    CHUNK = 1 << 16

    def __init__(self, stream: IO[bytes], where: str, builder: _SheetBuilder) -> None:
        self.stream = stream
        self.where = where
        self.builder = builder
        limits = builder.reading.limits
        self.limit = limits.max_columns * (limits.max_cell_characters + 3) + 2
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.ready: deque[str] = deque()
        self.pending = ""
        self.newlines = 0  # "\n" bytes before the chunk being decoded
        self.unpacked = 0
        self.done = False
        self.record = 0
        self.used = 0  # characters of the record being read
        self.used_by = 0

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        while not self.ready:
            if self.done:
                raise StopIteration
            self._fill()
        line = self.ready.popleft()
        if self.used_by != self.record:
            self.used_by, self.used = self.record, 0
        self.used += len(line)
        if self.used > self.limit:
            raise self._too_long()
        return line

    def _too_long(self) -> WorkbookReadError:
        limits = self.builder.reading.limits
        return WorkbookReadError(
            f"{self.builder.reading.source}: the {self.builder.name} sheet, row {self.record:,} holds more than "
            f"{self.limit:,} characters: the limits are WORKBOOK_MAX_COLUMNS = {limits.max_columns:,} cells "
            f"of at most WORKBOOK_MAX_CELL_CHARACTERS = {limits.max_cell_characters:,} characters"
        )

    def _fill(self) -> None:
        data = self.stream.read(self.CHUNK)
        final = not data
        self.unpacked += len(data)
        limits = self.builder.reading.limits
        if self.unpacked > limits.max_uncompressed_bytes:
            # A folder's file that grew, or a device, after its size was checked.
            raise WorkbookReadError(
                f"{self.where} is more than {limits.max_uncompressed_bytes:,} bytes: "
                f"{_the_limit(limits, 'max_uncompressed_bytes')}"
            )
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as error:
            # The decoder keeps back only part of a character, never a newline.
            line = self.newlines + error.object[: error.start].count(b"\n") + 1
            raise WorkbookReadError(f'{self.where} is not UTF-8 (line {line}): save it as "CSV UTF-8"') from None
        nul = text.find("\x00")
        if nul >= 0:
            line = self.newlines + text[:nul].count("\n") + 1
            raise WorkbookReadError(
                f'{self.where} holds a NUL character (line {line}), which a text file never does: '
                'save it as "CSV UTF-8"'
            )
        self.newlines += data.count(b"\n")
        pending = self.pending + text
        start = 0
        for match in _LINE_END.finditer(pending):
            end = match.end()
            # A "\r" at the end may be the first half of a "\r\n" still to come.
            if end == len(pending) and match.group() == "\r" and not final:
                break
            self.ready.append(pending[start:end])
            start = end
        self.pending = pending[start:]
        if final:
            if self.pending:
                self.ready.append(self.pending)
            self.pending = ""
            self.done = True
        elif len(self.pending) > self.limit:
            raise self._too_long()


def _text_cell(value: str | None) -> Cell:
    text = None if value is None else value.strip()
    return Cell(text or None)


# -- xlsx -----------------------------------------------------------------------------
#
# An .xlsx file is a zip of XML parts. They are read here with expat as they stream, with no
# tree built: openpyxl's read-only mode still loads the whole string table slowly (a few
# megabytes of it take minutes and most of a gigabyte) and lays out each row to the width the
# sheet claims, and it cannot tell a formula's calculated value from a formula without one in
# a single pass. openpyxl still supplies the number formats, date rules and formula translation.

class _Damaged(Exception):
    """Raised inside the XML handlers; becomes a WorkbookReadError naming the file."""


# Elements by their namespaced tag (expat joins namespace and name with "}"), in the
# transitional and strict namespaces; anything else (extensions, say) is passed over.
_SPREADSHEET = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
_PACKAGE = ("http://schemas.openxmlformats.org/package/2006/relationships",)


def _tags(namespaces: tuple[str, ...], *names: str) -> dict[str, str]:
    return {f"{namespace}}}{name}": name for namespace in namespaces for name in names}


_RELATIONSHIP_TAGS = _tags(_PACKAGE, "Relationship")
_WORKBOOK_TAGS = _tags(_SPREADSHEET, "sheet", "workbookPr")
_STYLE_TAGS = _tags(_SPREADSHEET, "numFmt", "cellXfs", "xf")
_STRING_TAGS = _tags(_SPREADSHEET, "si", "t", "rPh")
_SHEET_TAGS = _tags(_SPREADSHEET, "row", "c", "v", "f", "is", "t", "rPh")


def _parse(archive: zipfile.ZipFile, part: str, reading: _Reading, handler: Any) -> Iterator[None]:
    """Feed ``part`` to ``handler`` (start, end, text methods) chunk by chunk, yielding after each
    chunk so that the caller can take what it found. A document type declaration, which no
    workbook part has and every entity bomb needs, is refused."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = getattr(handler, "end", None)
    parser.CharacterDataHandler = getattr(handler, "text", None)

    def doctype(*_: object) -> None:
        raise _Damaged(f"{part} holds a document type declaration, which no workbook part has")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise WorkbookReadError(f"{reading.source} cannot be opened as an .xlsx workbook: it has no {part}") from None
    with _open_member(archive, info, reading.source) as stream:
        while True:
            data = stream.read(1 << 16)
            try:
                parser.Parse(data, not data)
            except expat.ExpatError as error:
                raise WorkbookReadError(
                    f"{reading.source} cannot be opened as an .xlsx workbook: {part}: {error}"
                ) from None
            except _Damaged as error:
                raise WorkbookReadError(f"{reading.source} cannot be opened as an .xlsx workbook: {error}") from None
            yield
            if not data:
                return


def _read_part(archive: zipfile.ZipFile, part: str, reading: _Reading, handler: Any) -> None:
    for _ in _parse(archive, part, reading, handler):
        pass


class _Relationships:
    """A ``.rels`` part: the targets of the relationships asked for, by id, and of the
    first relationship of each type asked for."""

    def __init__(self, ids: set[str], types: tuple[str, ...]) -> None:
        self.ids = ids
        self.types = types
        self.by_id: dict[str, tuple[str, str]] = {}
        self.by_type: dict[str, str] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag not in _RELATIONSHIP_TAGS:
            return
        kind, target = attrs.get("Type", ""), attrs.get("Target", "")
        if attrs.get("Id") in self.ids:
            self.by_id[attrs["Id"]] = (kind, target)
        for wanted in self.types:
            if kind.endswith("/" + wanted):
                self.by_type.setdefault(wanted, target)


class _WorkbookPart:
    """``xl/workbook.xml``: the sheets in order (name and relationship id) and the date system."""

    def __init__(self, reading: _Reading) -> None:
        self.reading = reading
        self.sheets: list[tuple[str, str]] = []
        self.count = 0
        self.epoch = WINDOWS_EPOCH

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _WORKBOOK_TAGS.get(tag)
        if name == "sheet":
            self.count += 1
            if self.count <= self.reading.limits.max_sheets:
                # r:id, in whichever namespace (transitional or strict) the file uses.
                relationship = next((value for key, value in attrs.items() if key.endswith("}id")), "")
                self.sheets.append((attrs.get("name", ""), relationship))
        elif name == "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
            self.epoch = MAC_EPOCH


class _Styles:
    """``xl/styles.xml``: each cell style's number format and whether it shows a date or a duration."""

    def __init__(self) -> None:
        self.custom: dict[int, str] = {}
        self.format_ids: list[int] = []
        self.in_cell_xfs = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _STYLE_TAGS.get(tag)
        if name == "numFmt":
            if len(self.custom) >= _MAX_STYLES:
                raise _Damaged(f"xl/styles.xml holds more than {_MAX_STYLES:,} number formats")
            self.custom[_whole(attrs.get("numFmtId"))] = attrs.get("formatCode", "General")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            if len(self.format_ids) >= _MAX_STYLES:
                raise _Damaged(f"xl/styles.xml holds more than {_MAX_STYLES:,} cell styles")
            self.format_ids.append(_whole(attrs.get("numFmtId")))

    def end(self, tag: str) -> None:
        if _STYLE_TAGS.get(tag) == "cellXfs":
            self.in_cell_xfs = False

    def formats(self) -> list[_Format]:
        known: dict[int, _Format] = {}
        for format_id in set(self.format_ids):
            code = self.custom.get(format_id) or BUILTIN_FORMATS.get(format_id, "General")
            known[format_id] = _Format(code, is_date_format(code), is_timedelta_format(code))
        return [known[format_id] for format_id in self.format_ids]


@dataclass(frozen=True)
class _Format:
    code: str
    date: bool
    duration: bool


_GENERAL = _Format("General", False, False)


def _whole(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        raise _Damaged(f'"{_shortened(text or "", 20)}" is not a style number') from None


class _SharedStrings:
    """``xl/sharedStrings.xml``: the texts cells refer to by number. The text of a string is its
    ``t`` elements, rich-text runs included, phonetic guides (``rPh``) left out."""

    def __init__(self, reading: _Reading) -> None:
        self.reading = reading
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.length = 0
        self.phonetic = 0
        self.in_text = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _STRING_TAGS.get(tag)
        if name == "t":
            self.in_text = not self.phonetic
        elif name == "rPh":
            self.phonetic += 1
        elif name == "si":
            self.parts = []
            self.length = 0

    def end(self, tag: str) -> None:
        name = _STRING_TAGS.get(tag)
        if name == "t":
            self.in_text = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si":
            limits = self.reading.limits
            if len(self.strings) >= limits.max_cells:
                raise self.reading.refuse(f"the workbook holds more than {limits.max_cells:,} different texts", "max_cells")
            # As openpyxl reads them: Excel writes "_x005F_" for a literal "_x".
            self.strings.append("".join(self.parts).replace("x005F_", ""))

    def text(self, data: str) -> None:
        if self.in_text:
            self.length += len(data)
            if self.length > self.reading.limits.max_cell_characters:
                limits = self.reading.limits
                raise self.reading.refuse(
                    f"a text in the workbook holds more than {limits.max_cell_characters:,} characters",
                    "max_cell_characters",
                )
            self.parts.append(data)


def _xlsx_sheets(archive: zipfile.ZipFile, reading: _Reading) -> Iterator[RawSheet]:
    names = set(archive.namelist())
    package = _Relationships(set(), ("officeDocument",))
    if "_rels/.rels" in names:
        _read_part(archive, "_rels/.rels", reading, package)
    book = _resolve("", package.by_type.get("officeDocument", "xl/workbook.xml"))
    workbook = _WorkbookPart(reading)
    _read_part(archive, book, reading, workbook)
    reading.check_sheet_count(workbook.count)
    folder, file_name = posixpath.split(book)
    relationships = _Relationships({relationship for _, relationship in workbook.sheets}, ("styles", "sharedStrings"))
    rels_part = posixpath.join(folder, "_rels", file_name + ".rels")
    if rels_part in names:
        _read_part(archive, rels_part, reading, relationships)
    formats: list[_Format] = []
    styles = _resolve(folder, relationships.by_type.get("styles", "styles.xml"))
    if styles in names:
        style_part = _Styles()
        _read_part(archive, styles, reading, style_part)
        formats = style_part.formats()
    strings: list[str] = []
    shared = _resolve(folder, relationships.by_type.get("sharedStrings", "sharedStrings.xml"))
    if shared in names:
        string_part = _SharedStrings(reading)
        _read_part(archive, shared, reading, string_part)
        strings = string_part.strings
    for name, relationship in workbook.sheets:
        kind, target = relationships.by_id.get(relationship, ("", ""))
        if kind.endswith("/chartsheet"):
            continue  # a chart: no cells
        part = _resolve(folder, target) if target else ""
        if part not in names:
            raise WorkbookReadError(
                f'{reading.source} cannot be opened as an .xlsx workbook: sheet "{name}" has no worksheet part'
            )
        yield _xlsx_sheet(archive, part, reading, _SheetPart(name, reading, formats, strings, workbook.epoch))


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a name in the zip: relative to the part's folder, or from the top."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def _xlsx_sheet(archive: zipfile.ZipFile, part: str, reading: _Reading, sheet: _SheetPart) -> RawSheet:
    for _ in _parse(archive, part, reading, sheet):
        for number, cells, formulas in sheet.done:
            sheet.builder.add(number, cells, formulas)
        sheet.done.clear()
    return sheet.builder.finish()


@dataclass(frozen=True)
class _Formula:
    position: int  # 0 for column A
    text: str
    cached: bool  # the file holds the value last calculated for it
    shown: str | None  # that value, as the cell reads


_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
_TEXT_TYPES = ("str", "e")  # a formula's text result, an error such as #N/A


class _SheetPart:
    """A worksheet part read cell by cell: each row with something in it goes to ``done`` as
    (row number, cells by position, formulas), after the limits are checked cell by cell."""

    def __init__(self, name: str, reading: _Reading, formats: list[_Format], strings: list[str],
                 epoch: datetime.datetime) -> None:
        self.builder = _SheetBuilder(name, reading)
        self.reading = reading
        self.limit = reading.limits.max_cell_characters
        self.formats = formats
        self.strings = strings
        self.epoch = epoch
        self.done: list[tuple[int, list[Cell], list[_Formula]]] = []
        self.shared_formulas: dict[str, Translator] = {}
        self.row = 0
        self.in_row = False
        self.in_cell = False
        self.column = 0
        self.cell_count = 0
        self.row_cells: dict[int, Cell] = {}
        self.row_formulas: list[_Formula] = []
        # The cell being read.
        self.type = "n"
        self.style = 0
        self.value: list[str] | None = None  # the <v> element's text, when it has one
        self.formula: list[str] | None = None
        self.formula_attrs: dict[str, str] = {}
        self.inline: list[str] | None = None
        self.phonetic = 0
        self.target: list[str] | None = None  # where character data goes
        self.length = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _SHEET_TAGS.get(tag)
        if name is None:
            return
        if name == "c":
            self._start_cell(attrs)
        elif not self.in_cell:
            if name == "row":
                self._start_row(attrs)
        elif name == "v":
            self.value = self.target = []
        elif name == "f":
            self.formula = self.target = []
            self.formula_attrs = attrs
        elif name == "is":
            self.inline = []
        elif name == "t":
            if self.inline is not None and not self.phonetic:
                self.target = self.inline
        elif name == "rPh":
            self.phonetic += 1

    def end(self, tag: str) -> None:
        name = _SHEET_TAGS.get(tag)
        if name is None:
            return
        if name == "c":
            self._end_cell()
        elif not self.in_cell:
            if name == "row":
                self._end_row()
        elif name in ("v", "f", "t"):
            self.target = None
        elif name == "rPh":
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.target is not None:
            self.length += len(data)
            if self.length > self.limit:
                raise self.builder.too_long(self.row, self.column)
            self.target.append(data)

    def _start_row(self, attrs: dict[str, str]) -> None:
        number = attrs.get("r")
        if number is None:
            row = self.row + 1
        else:
            row = int(number) if number.isdigit() else 0
            if row < 1:
                raise _Damaged(f'{self.builder.name}: "{_shortened(number, 20)}" is not a row number')
        # openpyxl and Excel expect rows in order; one out of order would hide the other.
        if row <= self.row:
            raise _Damaged(f"{self.builder.name}: row {row:,} comes after row {self.row:,}")
        self.row = row
        self.in_row = True
        self.column = 0
        self.cell_count = 0

    def _end_row(self) -> None:
        if self.row_cells or self.row_formulas:
            width = max(self.row_cells, default=0)
            cells = [self.row_cells.get(position, _EMPTY) for position in range(1, width + 1)]
            self.done.append((self.row, cells, self.row_formulas))
            self.row_cells = {}
            self.row_formulas = []
        self.in_row = False

    def _start_cell(self, attrs: dict[str, str]) -> None:
        if not self.in_row:
            raise _Damaged(f"{self.builder.name}: a cell outside any row")
        self.cell_count += 1
        if self.cell_count > _EXCEL_COLUMNS:
            raise _Damaged(f"{self.builder.name}: row {self.row:,} holds more than {_EXCEL_COLUMNS:,} cells")
        reference = attrs.get("r")
        if reference is None:
            column = self.column + 1
        else:
            match = _CELL_REFERENCE.fullmatch(reference)
            if match is None:
                raise _Damaged(f'{self.builder.name}: "{_shortened(reference, 20)}" is not a cell reference')
            column = column_index_from_string(match.group(1).upper())
        if column > _EXCEL_COLUMNS:
            raise _Damaged(f'{self.builder.name}: "{reference}" is beyond the last column of a worksheet')
        if column <= self.column:
            raise _Damaged(f"{self.builder.name}: row {self.row:,} has two cells in column {get_column_letter(column)}, "
                           "or its cells out of order")
        self.column = column
        self.in_cell = True
        self.type = attrs.get("t", "n")
        self.style = _whole(attrs.get("s"))
        self.value = self.formula = self.inline = self.target = None
        self.formula_attrs = {}
        self.phonetic = 0
        self.length = 0

    def _end_cell(self) -> None:
        self.in_cell = False
        self.target = None
        value = self._value()
        format_ = self.formats[self.style] if self.style < len(self.formats) else _GENERAL
        cell = _xlsx_cell(value, format_.code)
        formula = None
        if self.formula is not None:
            # A formula whose result is text "" is written t="str" with an empty <v>.
            cached = value is not None or (self.type == "str" and self.value is not None)
            formula = _Formula(self.column - 1, self._formula_text(), cached, cell.text)
        if cell.text is None and formula is None:
            return
        self.builder.check_row(self.row)
        self.builder.check_column(self.row, self.column)
        if cell.text is not None:
            self.row_cells[self.column] = cell
        if formula is not None:
            self.row_formulas.append(formula)

    def _value(self) -> object:
        kind = self.type
        if kind == "inlineStr":
            return None if self.inline is None else "".join(self.inline)
        if self.value is None:
            return None
        text = "".join(self.value)
        if text == "" and kind != "str":
            return None
        if kind == "s":
            try:
                return self.strings[int(text)]
            except (ValueError, IndexError):
                raise _Damaged(self._where(f"refers to text number {_shortened(text, 20)}, which the workbook "
                                           "does not hold")) from None
        if kind in _TEXT_TYPES:
            return text
        if kind == "b":
            return text.strip().lower() == "true" or (text.strip().isdigit() and int(text) != 0)
        if kind == "d":
            try:
                return from_ISO8601(text)
            except ValueError:
                raise _Damaged(self._where(f'holds "{_shortened(text, 20)}" where a date belongs')) from None
        return self._number(text)

    def _number(self, text: str) -> object:
        try:
            number: int | float = float(text) if any(mark in text for mark in ".eE") else int(text)
        except ValueError:
            raise _Damaged(self._where(f'holds "{_shortened(text, 20)}" where a number belongs')) from None
        if isinstance(number, float) and not math.isfinite(number):
            raise _Damaged(self._where(f'holds "{_shortened(text, 20)}", which is not a number Excel can hold'))
        format_ = self.formats[self.style] if self.style < len(self.formats) else _GENERAL
        if format_.date:
            try:
                return from_excel(number, self.epoch, timedelta=format_.duration)
            except (OverflowError, ValueError):
                return "#VALUE!"  # as Excel shows a date it cannot draw (and as openpyxl reads it)
        return number

    def _formula_text(self) -> str:
        text = "=" + "".join(self.formula or [])
        kind = self.formula_attrs.get("t")
        if kind == "shared":
            index = self.formula_attrs.get("si", "")
            reference = f"{get_column_letter(self.column)}{self.row}"
            # A formula openpyxl cannot parse or translate is still a formula, named as shared.
            try:
                if text != "=":
                    if len(self.shared_formulas) < self.reading.limits.max_cells:
                        self.shared_formulas[index] = Translator(text, reference)
                else:
                    text = self.shared_formulas[index].translate_formula(reference)
            except Exception:  # openpyxl's tokenizer raises several kinds
                text = text if text != "=" else "= (a shared formula)"
        elif kind == "dataTable":
            text = "= (a data table)"
        return text

    def _where(self, what: str) -> str:
        return f"{self.builder.name}: cell {get_column_letter(self.column)}{self.row} {what}"


def _xlsx_cell(value: object, number_format: str) -> Cell:
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
    # normalize() writes 600 as 6E+2; a figure is never shown with an exponent. int() is exact
    # for any finite size (a cell may hold 1e28 or 1e300), where quantize() would overflow the context.
    return Decimal(int(reduced)) if reduced.as_tuple().exponent > 0 else reduced


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
