"""Validating a scorecard workbook (docs/workbook.md) into records the import can store.

Every problem is collected, never only the first: each error names the sheet, row and
column, what was expected and what was found. Records are returned only for rows that
passed; an import with any error stores nothing, so a row left out for its error never
reaches the database. Optional fields are None when the column is absent or the cell
empty, which means "leave unchanged" on update and "take the default" on create.

What one figure, target, period, year or text may be is decided by
``scorecards.compute.entry``, which the models' ``clean()`` also calls, so the admin refuses
what the import refuses in the same words; this module keeps the sheets, rows and columns,
and names each problem's fields as the columns they are written in.

Every cell's text is checked first (line breaks made ``\n``; no control characters; the
length its column holds; a narrative's size and nesting): a cell refused there is reported
once, and nothing else is said about its column on that row.

No Django here: the import service loads what the database holds into
``ExistingScorecard`` and stores the records itself.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from scorecards.compute.entry import (
    BENCHMARK_FORMS,
    BENCHMARK_YEAR_LENGTH,
    DATA_NOTE_LENGTH,
    MEASURE_LENGTH,
    NAME_LENGTH,
    OUTTURN_FORMS,
    SECTION_LENGTH,
    SOURCE_LENGTH,
    TITLE_LENGTH,
    Figure,
    IndicatorRules,
    Problem,
    Read,
    benchmark_value,
    check_read_observation,
    check_target,
    check_unit,
    check_characters,
    check_decimals,
    check_ytd_method,
    check_length,
    check_narrative,
    check_value_figure,
    found,
    near_standard_measure,
    normalise_line_breaks,
    quoted,
    check_start_month,
    read_choice,
    read_figure,
    read_indicator_number,
    read_observation,
    read_period,
    read_slug,
    read_year,
    visible,
)
from scorecards.compute.periods import Month
from scorecards.compute.precision import default_decimals
from scorecards.compute.vocabulary import (
    ArrowConvention,
    BenchmarkMeasure,
    CommentaryKind,
    DotBasis,
    Frequency,
    Polarity,
    PublicationFrequency,
    Unit,
    YtdMethod,
)
from scorecards.workbook.reader import Cell, RawSheet, RawWorkbook

# x100 for a percentage cell, whatever its exponent: the figure's size is compute.entry's to refuse.
_UNBOUNDED = Context(prec=50, Emax=MAX_EMAX, Emin=MIN_EMIN)

DEFAULT_YEAR_START_MONTH = 4

# The measures the scorecard prints in its benchmark columns; any other label is kept too.
STANDARD_MEASURES = tuple(measure.value for measure in BenchmarkMeasure)


@dataclass(frozen=True)
class _Columns:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return self.required + self.optional


# In the order they are read: later sheets need the scorecard's start month and the indicators.
SHEETS: dict[str, _Columns] = {
    "scorecard": _Columns(
        ("slug",), ("title", "year_start_month", "dot_basis", "arrow_convention", "publication_frequency")
    ),
    "indicators": _Columns(
        ("number", "name", "polarity"),
        ("section", "data_note", "unit", "frequency", "ytd_method", "decimals", "definition"),
    ),
    # All three tolerance cells are required: an absent column cannot mean "leave unchanged"
    # for one cell of a tolerance that is read as a whole.
    "targets": _Columns(("number", "year", "red", "amber", "green")),
    "values": _Columns(("number", "period"), ("value", "numerator", "denominator", "status")),
    # "number" or "section" (one of them) is checked on its own.
    "commentary": _Columns(("period", "kind", "text"), ("number", "section")),
    "outturns": _Columns(("number", "year", "value")),
    "benchmarks": _Columns(("number", "measure", "value"), ("year", "source")),
}

# Free-text columns and the characters their database columns hold.
TEXT_LENGTHS: dict[tuple[str, str], int] = {
    ("scorecard", "title"): TITLE_LENGTH,
    ("indicators", "name"): NAME_LENGTH,
    ("indicators", "section"): SECTION_LENGTH,
    ("indicators", "data_note"): DATA_NOTE_LENGTH,
    ("commentary", "section"): SECTION_LENGTH,
    ("benchmarks", "measure"): MEASURE_LENGTH,
    ("benchmarks", "year"): BENCHMARK_YEAR_LENGTH,
    ("benchmarks", "source"): SOURCE_LENGTH,
}
# Narratives (Markdown, several lines); every other cell is one line.
NARRATIVES = frozenset({("commentary", "text"), ("indicators", "definition")})
# The column a field of compute.entry is entered in, where it differs: a mark is written in the value cell.
_COLUMN_OF_FIELD = {"mark": "value"}


# -- public records -------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    sheet: str
    row: int | None
    column: str | None  # several columns are joined by ", "
    message: str

    def __str__(self) -> str:
        place = [self.sheet]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            columns = self.column.split(", ")
            named = ", ".join(f'"{column}"' for column in columns)
            place.append(f"column {named}" if len(columns) == 1 else f"columns {named}")
        return f"{', '.join(place)}: {self.message}"


@dataclass(frozen=True)
class ExistingIndicator:
    number: str
    polarity: Polarity
    unit: Unit
    frequency: Frequency
    ytd_method: YtdMethod
    decimals: int
    section: str | None


@dataclass(frozen=True)
class ExistingScorecard:
    slug: str
    year_start_month: int
    indicators: dict[str, ExistingIndicator]


@dataclass(frozen=True)
class ScorecardRecord:
    slug: str
    title: str | None
    year_start_month: int | None
    dot_basis: DotBasis | None
    arrow_convention: ArrowConvention | None
    publication_frequency: PublicationFrequency | None = None


@dataclass(frozen=True)
class IndicatorRecord:
    row: int
    number: str
    name: str
    polarity: Polarity
    section: str | None
    data_note: str | None
    unit: Unit | None
    frequency: Frequency | None
    ytd_method: YtdMethod | None
    decimals: int | None
    definition: str | None


@dataclass(frozen=True)
class TargetRecord:
    row: int
    number: str
    year: str  # normalised label: "2020/21", or "2020" for a January start
    red: str | None
    amber: str | None
    green: str | None
    kind: str  # "bands", "none" or "words"
    words: str | None


@dataclass(frozen=True)
class ValueRecord:
    row: int
    number: str
    period: Month
    value: Decimal | None  # rounded to the indicator's places, or derived from numerator / denominator
    numerator: Decimal | None
    denominator: Decimal | None
    mark: str | None  # "[x]", "[z]" or "[c]"
    status: str | None  # "provisional" or "final"


@dataclass(frozen=True)
class CommentaryRecord:
    row: int
    number: str | None
    section: str | None
    period: Month
    kind: str
    text: str


@dataclass(frozen=True)
class OutturnRecord:
    row: int
    number: str
    year: str
    value: Decimal


@dataclass(frozen=True)
class BenchmarkRecord:
    row: int
    number: str
    measure: str
    value: Decimal  # as entered, with the places written
    decimals: int
    year: str | None
    source: str | None


@dataclass
class WorkbookContent:
    source_name: str
    scorecard: ScorecardRecord | None
    indicators: list[IndicatorRecord] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    values: list[ValueRecord] = field(default_factory=list)
    commentary: list[CommentaryRecord] = field(default_factory=list)
    outturns: list[OutturnRecord] = field(default_factory=list)
    benchmarks: list[BenchmarkRecord] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    existing: ExistingScorecard | None = field(default=None, repr=False, compare=False)

    def effective_indicator(self, number: str) -> ExistingIndicator:
        """The indicator as it will stand after import: sheet over database over defaults.

        Raises KeyError for a number neither the indicators sheet (a valid row) nor the
        database holds.
        """
        record = next((item for item in self.indicators if item.number == number), None)
        stored = None if self.existing is None else self.existing.indicators.get(number)
        if record is None and stored is None:
            raise KeyError(number)
        if record is None:
            assert stored is not None
            return stored
        unit = record.unit or (stored.unit if stored else Unit.NUMBER)
        decimals = record.decimals
        if decimals is None:
            decimals = stored.decimals if stored else default_decimals(unit)
        return ExistingIndicator(
            number=number,
            polarity=record.polarity,
            unit=unit,
            frequency=record.frequency or (stored.frequency if stored else Frequency.MONTHLY),
            ytd_method=record.ytd_method or (stored.ytd_method if stored else YtdMethod.NONE),
            decimals=decimals,
            section=record.section if record.section is not None else (stored.section if stored else None),
        )


# -- entry points ---------------------------------------------------------------------


def _sheet_named(raw: RawWorkbook, name: str) -> RawSheet | None:
    for sheet in raw.sheets.values():
        if sheet.name.strip().lower() == name:
            return sheet
    return None


def _column_key(column: str) -> str:
    # Headers are case-insensitive and "data note" is data_note.
    return re.sub(r"[\s_]+", "_", column.strip().lower())


def scorecard_slug(raw: RawWorkbook) -> str | None:
    """The slug written in the scorecard sheet's first row, so the import can load the stored scorecard."""
    sheet = _sheet_named(raw, "scorecard")
    if sheet is None:
        return None
    for _, cells in sheet.rows[:1]:
        for column, cell in cells.items():
            if _column_key(column) == "slug" and cell.text is not None:
                return cell.text
    return None


def validate_workbook(
    raw: RawWorkbook, existing: ExistingScorecard | None = None, scorecard_sheet_optional: bool = False
) -> WorkbookContent:
    """`scorecard_sheet_optional`: the caller has named the stored scorecard (`existing`) already,
    as the web upload's address does, so a workbook without the scorecard sheet updates it."""
    return _Validator(raw, existing, scorecard_sheet_optional).run()


# -- internals ------------------------------------------------------------------------


@dataclass
class _Spec:
    """What validating an indicator's rows needs; None where the indicators sheet has an error."""

    polarity: Polarity | None
    unit: Unit | None
    frequency: Frequency | None
    decimals: int | None


class _Bad(Exception):
    """A cell that failed; its issue is already recorded."""


class _Row:
    """One data row: cells by canonical column, with issues recorded against it."""

    def __init__(self, validator: _Validator, sheet: str, number: int, cells: dict[str, Cell]) -> None:
        self.validator = validator
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.failed = False
        # Columns whose text was refused: their one error is recorded, and no other about them.
        self.broken: set[str] = set()

    def check_texts(self) -> None:
        """Each cell's text, before anything reads it: line breaks made ``\n``; refused with a
        control character, longer than its column holds, or a narrative too long or deep."""
        for column, cell in list(self.cells.items()):
            if cell.text is None:
                continue
            text = normalise_line_breaks(cell.text)
            if text != cell.text:
                self.cells[column] = cell = replace(cell, text=text)
            key = (self.sheet, column)
            if key in NARRATIVES:
                problem = check_narrative(text, column)
            else:
                problem = check_characters(text, column)
                if problem is None and key in TEXT_LENGTHS:
                    problem = check_length(text, column, TEXT_LENGTHS[key])
            if problem is not None:
                self.error(column, problem.message)
                self.broken.add(column)

    def _hides(self, column: str | None) -> bool:
        return column is not None and any(name in self.broken for name in column.split(", "))

    def cell(self, column: str) -> Cell:
        return self.cells.get(column) or Cell(None)

    def text(self, column: str) -> str | None:
        return self.cell(column).text

    def error(self, column: str | None, message: str) -> _Bad:
        self.failed = True
        if not self._hides(column):
            self.validator.errors.append(Issue(self.sheet, self.number, column, message))
        return _Bad()

    def warn(self, column: str | None, message: str) -> None:
        if not self._hides(column):
            self.validator.warnings.append(Issue(self.sheet, self.number, column, message))

    def report(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> None:
        """Record the problems and warnings of compute.entry, each against its columns."""
        for problem in problems:
            self.error(_columns(problem), problem.message)
        for warning in warnings:
            self.warn(_columns(warning), warning.message)

    def read(self, read: Read[T]) -> T:
        """A field read by compute.entry; its problem is recorded and raised as _Bad."""
        if read.problem is not None:
            self.report([read.problem])
            raise _Bad()
        assert read.value is not None
        return read.value


def _columns(problem: Problem) -> str | None:
    """The columns a problem names: its fields, in the workbook's columns."""
    columns = dict.fromkeys(_COLUMN_OF_FIELD.get(name, name) for name in problem.fields)
    return ", ".join(columns) or None


def _written(cell: Cell) -> str | Figure | datetime.date | None:
    """A cell as compute.entry reads it: a date cell's day, a numeric cell's number, else its text.

    A numeric cell formatted as a percentage holds 0.368 for 36.8%: its figure is x100.
    """
    if cell.date is not None:
        return cell.date
    if cell.number is not None and cell.text is not None:
        places = _places(cell.text.rstrip("%"))
        if cell.percent:
            return Figure(cell.number.scaleb(2, context=_UNBOUNDED), cell.text, True, places)
        return Figure(cell.number, cell.text, False, places)
    return cell.text


def _found(cell: Cell) -> str:
    return found(_written_text(cell))


E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class _Validator:
    def __init__(self, raw: RawWorkbook, existing: ExistingScorecard | None, scorecard_sheet_optional: bool = False) -> None:
        self.raw = raw
        self.existing = existing
        self.scorecard_sheet_optional = scorecard_sheet_optional and existing is not None
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self.content = WorkbookContent(source_name=raw.source_name, scorecard=None, existing=existing)
        self.start_month = existing.year_start_month if existing else DEFAULT_YEAR_START_MONTH
        # Every number the indicators sheet declares (even on a row with errors, so that its
        # figures are not also reported as unknown), with what is known of it.
        self.specs: dict[str, _Spec] = {}
        self.sections: set[str] = set()
        if existing is not None:
            for number, stored in existing.indicators.items():
                self.specs[number] = _Spec(stored.polarity, stored.unit, stored.frequency, stored.decimals)
                if stored.section is not None:
                    self.sections.add(stored.section)
        self.seen: dict[tuple[object, ...], int] = {}

    # -- sheets and columns

    def run(self) -> WorkbookContent:
        sheets: dict[str, RawSheet] = {}
        for sheet in self.raw.sheets.values():
            name = sheet.name.strip().lower()
            if name in SHEETS:
                sheets[name] = sheet
            else:
                self.errors.append(
                    Issue(visible(sheet.name), None, None,
                          f'unknown sheet {quoted(sheet.name)}: expected only {", ".join(SHEETS)}')
                )
        if "scorecard" not in sheets and self.scorecard_sheet_optional:
            assert self.existing is not None
            # Nothing of the scorecard's own settings is given: every one is left as stored.
            self.content.scorecard = ScorecardRecord(self.existing.slug, None, None, None, None)
        elif "scorecard" not in sheets:
            self.errors.append(
                Issue("scorecard", None, None,
                      'missing sheet "scorecard": every workbook needs it, with one row giving the slug')
            )
        readers = {
            "scorecard": self._scorecard_row,
            "indicators": self._indicator_row,
            "targets": self._target_row,
            "values": self._value_row,
            "commentary": self._commentary_row,
            "outturns": self._outturn_row,
            "benchmarks": self._benchmark_row,
        }
        for name, read_row in readers.items():
            if name not in sheets:
                continue
            rows = self._rows(name, sheets[name])
            if name == "scorecard":
                self._scorecard(rows)
                continue
            for row in rows:
                try:
                    read_row(row)
                except _Bad:
                    pass
        self.content.errors = self.errors
        self.content.warnings = self.warnings
        return self.content

    def _rows(self, name: str, sheet: RawSheet) -> list[_Row]:
        """The sheet's rows keyed by canonical column, or none when its header is unusable."""
        spec = SHEETS[name]
        keys: dict[str, str] = {}
        usable = True
        for column in sheet.columns:
            key = _column_key(column)
            if key not in spec.all:
                self.errors.append(Issue(
                    name, 1, visible(column), f'unknown column {quoted(column)}: expected only {", ".join(spec.all)}'
                ))
            elif key in keys:
                self.errors.append(
                    Issue(name, 1, visible(column), f"column {quoted(column)} appears twice: expected each column once")
                )
            else:
                keys[key] = column
        for letter in sheet.headerless:
            self.errors.append(
                Issue(name, 1, None,
                      f"column {letter} holds data under an empty header: expected one of {', '.join(spec.all)}")
            )
        if not sheet.columns and not sheet.rows and name != "scorecard":
            return []  # an empty optional sheet says nothing
        present = ", ".join(visible(column) for column in sheet.columns) or "none"
        for column in spec.required:
            if column not in keys:
                usable = False
                self.errors.append(
                    Issue(name, 1, column, f'missing required column "{column}"; found columns {present}')
                )
        if name == "commentary" and "number" not in keys and "section" not in keys:
            usable = False
            self.errors.append(
                Issue(name, 1, "number, section",
                      f'missing column "number" or "section" (each note is about an indicator or a section); '
                      f"found columns {present}")
            )
        if not usable:
            return []
        rows = [
            _Row(self, name, number, {key: cells[column] for key, column in keys.items() if column in cells})
            for number, cells in sheet.rows
        ]
        for row in rows:
            row.check_texts()
        return rows

    # -- shared cell readers

    def _enum(self, row: _Row, column: str, enum: type[E], required: bool = False) -> E | None:
        cell = row.cell(column)
        read = read_choice(_written_text(cell), enum, column, required)
        return None if read.value is None and read.problem is None else row.read(read)

    def _indicator_number(self, row: _Row, column: str = "number") -> str:
        cell = row.cell(column)
        row.read(read_indicator_number(cell.text, column))
        assert cell.text is not None
        if cell.number is not None:
            row.warn(
                column,
                f'the number {cell.text} is a numeric cell and is read as displayed, "{cell.text}"; '
                "Excel drops trailing zeros (6.10 becomes 6.1): expected indicator numbers as text",
            )
        return cell.text

    def _subject(self, row: _Row) -> tuple[str | None, _Spec | None]:
        """The row's indicator number (None when empty) and what is known of it (None when unknown)."""
        try:
            number = self._indicator_number(row)
        except _Bad:
            return None, None
        spec = self.specs.get(number)
        if spec is None:
            where = "listed in the indicators sheet"
            if self.existing is not None:
                where += f' or already in scorecard "{self.existing.slug}"'
            row.error("number", f"unknown indicator number {quoted(number)}: expected a number {where}")
        return number, spec

    def _try(self, read: Callable[..., T], *args: object) -> T | None:
        """Read one part of a row; None when it failed (its error is recorded) so the rest is still read."""
        try:
            return read(*args)
        except _Bad:
            return None

    def _period(self, row: _Row, column: str = "period") -> Month:
        return row.read(read_period(_period_written(row.cell(column)), column))

    def _year(self, row: _Row, column: str = "year") -> str:
        cell = row.cell(column)
        return row.read(read_year(_written_text(cell), self.start_month, column))

    def _rules(self, number: str | None, spec: _Spec | None) -> IndicatorRules | None:
        """What compute.entry checks an indicator's figures against; None when it is unknown."""
        if spec is None or number is None:
            return None
        return IndicatorRules(number, spec.unit, spec.decimals, spec.frequency, self.start_month)

    def _duplicate(self, row: _Row, key: tuple[object, ...], columns: str, described: str) -> bool:
        """Record an error when the key was already given; True when it was."""
        first = self.seen.setdefault((row.sheet, *key), row.number)
        if first == row.number:
            return False
        row.error(columns, f"duplicate {described}: already given on row {first}; expected one row for each")
        return True

    # -- scorecard

    def _scorecard(self, rows: list[_Row]) -> None:
        if not rows:
            if self._has_slug_column():
                self.errors.append(
                    Issue("scorecard", 2, None, "expected one row giving the scorecard's slug; found no rows")
                )
            return
        try:
            self._scorecard_row(rows[0])
        except _Bad:
            pass
        for extra in rows[1:]:
            extra.error(None, f"expected exactly one row in the scorecard sheet; found another after row {rows[0].number}")

    def _has_slug_column(self) -> bool:
        sheet = _sheet_named(self.raw, "scorecard")
        return sheet is not None and any(_column_key(column) == "slug" for column in sheet.columns)

    def _scorecard_row(self, row: _Row) -> None:
        slug = self._try(row.read, read_slug(row.text("slug")))
        if slug is None:
            pass
        elif self.existing is not None and slug != self.existing.slug:
            row.error("slug", f'expected the slug of the scorecard being updated, "{self.existing.slug}"; '
                      f'found "{slug}"')
        start_month = self._start_month(row)
        dot_basis = self._try(self._enum, row, "dot_basis", DotBasis)
        arrow_convention = self._try(self._enum, row, "arrow_convention", ArrowConvention)
        publication_frequency = self._try(self._enum, row, "publication_frequency", PublicationFrequency)
        if start_month is not None:
            if self.existing is not None and start_month != self.existing.year_start_month:
                row.warn(
                    "year_start_month",
                    f"the reporting year start month changes from {self.existing.year_start_month} to "
                    f"{start_month}: targets and outturns already stored keep their year labels",
                )
            self.start_month = start_month
        if slug is not None:
            self.content.scorecard = ScorecardRecord(
                slug=slug,
                title=row.text("title"),
                year_start_month=start_month,
                dot_basis=dot_basis,
                arrow_convention=arrow_convention,
                publication_frequency=publication_frequency,
            )

    def _start_month(self, row: _Row) -> int | None:
        cell = row.cell("year_start_month")
        if cell.text is None:
            return None
        whole = _whole_number(cell)
        problem = check_start_month(whole, _found(cell))
        if problem is not None:
            row.error("year_start_month", problem.message)
            return None
        return whole

    # -- indicators

    def _indicator_row(self, row: _Row) -> None:
        number = self._try(self._indicator_number, row)
        section = row.text("section")
        if section is not None:
            self.sections.add(section)
        stored = self.existing.indicators.get(number) if self.existing and number is not None else None
        spec = _Spec(
            polarity=None,
            unit=stored.unit if stored else Unit.NUMBER,
            frequency=stored.frequency if stored else Frequency.MONTHLY,
            decimals=None,
        )
        if number is not None and not self._duplicate(row, (number,), "number", f'indicator number "{number}"'):
            # Registered before the cells are read, so a bad cell here is not repeated as an
            # unknown number on every other sheet.
            self.specs[number] = spec
        name = row.text("name")
        if name is None:
            row.error("name", "expected the indicator's name; found an empty cell")
        polarity = self._cell_enum(row, "polarity", Polarity, required=True)
        unit = self._cell_enum(row, "unit", Unit)
        frequency = self._cell_enum(row, "frequency", Frequency)
        ytd_method = self._cell_enum(row, "ytd_method", YtdMethod)
        decimals = self._decimals(row)
        spec.polarity = polarity if polarity is not _BROKEN else None
        if unit is _BROKEN:
            spec.unit = None
        elif unit is not None:
            spec.unit = unit
        if frequency is _BROKEN:
            spec.frequency = None
        elif frequency is not None:
            spec.frequency = frequency
        if decimals is _BROKEN:
            spec.decimals = None
        elif decimals is not None:
            spec.decimals = decimals
        elif stored is not None:
            spec.decimals = stored.decimals
        elif spec.unit is not None:
            spec.decimals = default_decimals(spec.unit)
        if isinstance(ytd_method, YtdMethod):
            # A unit left empty keeps the stored one (or the default): the check reads what will be.
            checked = check_ytd_method(unit if isinstance(unit, Unit) else spec.unit, ytd_method)
            if checked is not None:
                row.error("ytd_method", checked.message)
        if row.failed:
            return
        assert number is not None and name is not None and isinstance(polarity, Polarity)
        self.content.indicators.append(
            IndicatorRecord(
                row=row.number,
                number=number,
                name=name,
                polarity=polarity,
                section=section,
                data_note=row.text("data_note"),
                unit=unit,  # type: ignore[arg-type]
                frequency=frequency,  # type: ignore[arg-type]
                ytd_method=ytd_method,  # type: ignore[arg-type]
                decimals=decimals,  # type: ignore[arg-type]
                definition=row.text("definition"),
            )
        )

    def _cell_enum(self, row: _Row, column: str, enum: type[E], required: bool = False) -> E | None | object:
        try:
            return self._enum(row, column, enum, required)
        except _Bad:
            return _BROKEN

    def _decimals(self, row: _Row) -> int | None | object:
        cell = row.cell("decimals")
        if cell.text is None:
            return None
        whole = _whole_number(cell)
        problem = check_decimals(whole, _found(cell))
        if problem is not None:
            row.error("decimals", problem.message)
            return _BROKEN
        return whole

    # -- targets

    def _target_row(self, row: _Row) -> None:
        number, spec = self._subject(row)
        year = self._try(self._year, row)
        cells = {column: row.text(column) for column in ("red", "amber", "green")}
        if number is not None and year is not None:
            self._duplicate(row, (number, year), "number, year",
                      f'target for indicator "{number}" and year {year}')
        if spec is None or spec.polarity is None:
            return  # unknown, or its polarity is in error on the indicators sheet
        checked = check_target(cells["red"], cells["amber"], cells["green"], spec.polarity)
        row.report(checked.problems, checked.warnings)
        if row.failed:
            return
        assert number is not None and year is not None and checked.tolerance is not None
        self.content.targets.append(
            TargetRecord(row.number, number, year, cells["red"], cells["amber"], cells["green"],
                         checked.tolerance.kind, checked.tolerance.words)
        )

    # -- values

    def _value_row(self, row: _Row) -> None:
        number, spec = self._subject(row)
        entry = read_observation(
            period=_period_written(row.cell("period")),
            value=_written(row.cell("value")),
            numerator=_written(row.cell("numerator")),
            denominator=_written(row.cell("denominator")),
            status=_written_text(row.cell("status")),
        )
        row.report(entry.problems)
        if number is not None and entry.period is not None:
            self._duplicate(row, (number, entry.period), "number, period",
                      f'figure for indicator "{number}" and period {entry.period}')
        if not row.failed and entry.says_nothing:
            return  # nothing to store (a status alone still moves a month between provisional and final)
        checked = check_read_observation(entry, self._rules(number, spec))
        row.report(checked.problems, checked.warnings)
        if row.failed:
            return
        assert number is not None and checked.period is not None
        self.content.values.append(
            ValueRecord(row.number, number, checked.period, checked.value, checked.numerator, checked.denominator,
                        checked.mark, checked.status)
        )

    # -- commentary

    def _commentary_row(self, row: _Row) -> None:
        number_text, section = row.text("number"), row.text("section")
        number: str | None = None
        subject: tuple[str, str] | None = None
        if number_text is not None and section is not None:
            row.error(
                "number, section",
                f"expected a number or a section, not both; found number {quoted(number_text)} and section "
                f"{quoted(section)}",
            )
        elif number_text is None and section is None:
            row.error("number, section", "expected a number or a section; found both empty")
        elif number_text is not None:
            number, _ = self._subject(row)
            subject = ("number", number_text)
        else:
            assert section is not None
            subject = ("section", section)
            if section not in self.sections:
                near = sorted(known for known in self.sections if known.casefold() == section.casefold())
                hint = f'; did you mean "{near[0]}"? (sections match exactly)' if near else ""
                stored = " or of the stored scorecard" if self.existing else ""
                row.error("section", f"unknown section {quoted(section)}: expected a section of the indicators "
                          f"sheet{stored}{hint}")
        period = self._try(self._period, row)
        kind = self._try(self._enum, row, "kind", CommentaryKind, True)
        text = row.text("text")
        if text is None:
            row.error("text", "expected the note's text; found an empty cell")
        if subject is not None and period is not None and kind is not None:
            self._duplicate(row, (*subject, period, kind), f"{subject[0]}, period, kind",
                      f'{kind.value} note for {subject[0]} "{subject[1]}" and period {period}')
        if row.failed:
            return
        assert period is not None and kind is not None and text is not None
        self.content.commentary.append(
            CommentaryRecord(row.number, number, None if number is not None else section, period, kind.value, text)
        )

    # -- outturns

    def _outturn_row(self, row: _Row) -> None:
        number, spec = self._subject(row)
        year = self._try(self._year, row)
        read = read_figure(_written(row.cell("value")), "value", OUTTURN_FORMS)
        row.report([read.problem] if read.problem else [])
        if number is not None and year is not None:
            self._duplicate(row, (number, year), "number, year",
                      f'outturn for indicator "{number}" and year {year}')
        value = None
        rules = self._rules(number, spec)
        if rules is not None and read.figure is not None:
            checked = check_value_figure(read.figure, rules)
            row.report(checked.problems, checked.warnings)
            value = checked.value
        if row.failed or value is None:
            return  # in error, or no figure to store
        assert number is not None and year is not None
        self.content.outturns.append(OutturnRecord(row.number, number, year, value))

    # -- benchmarks

    def _benchmark_row(self, row: _Row) -> None:
        number, spec = self._subject(row)
        measure = row.text("measure")
        if measure is None:
            row.error("measure", f"expected a measure ({', '.join(STANDARD_MEASURES)} or another label); "
                      "found an empty cell")
        elif (near := near_standard_measure(measure)) is not None:
            row.warn("measure", near.message)
        read = read_figure(_written(row.cell("value")), "value", BENCHMARK_FORMS, kept_as_entered=True)
        row.report([read.problem] if read.problem else [])
        figure = read.figure
        if number is not None and measure is not None:
            self._duplicate(row, (number, measure), "number, measure",
                      f'benchmark "{measure}" for indicator "{number}"')
        rules = self._rules(number, spec)
        if rules is not None and figure is not None:
            problem = check_unit(figure, rules)
            row.report([problem] if problem else [])
        if row.failed or figure is None:
            return
        assert number is not None and measure is not None
        value = benchmark_value(figure)
        self.content.benchmarks.append(
            BenchmarkRecord(row.number, number, measure, value, figure.places, row.text("year"), row.text("source"))
        )


# Marks a cell that failed, as distinct from an empty one (None).
_BROKEN = object()


def _period_written(cell: Cell) -> str | Month | None:
    """A period cell as compute.entry reads it: a date cell means its year and month, whatever the day."""
    if cell.date is not None:
        return Month(cell.date.year, cell.date.month)
    return cell.text


def _written_text(cell: Cell) -> str | datetime.date | None:
    """A text cell as compute.entry reads it (a date cell is named as a date in messages)."""
    return None if cell.text is None else cell.date or cell.text


def _places(text: str) -> int:
    _, _, fraction = text.partition(".")
    return len(fraction.strip())


def _whole_number(cell: Cell) -> int | None:
    """A small whole number (a month, a count of places); None for anything else, however
    large its exponent."""
    if cell.text is None or cell.date is not None:
        return None
    try:
        number = cell.number if cell.number is not None else Decimal(cell.text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number.adjusted() > 6 or number != number.to_integral_value():
        return None
    return int(number)
