"""Entering one figure: the rules in one place (docs/rules.md, docs/workbook.md and docs/architecture.md).

The workbook import and the models' ``clean()`` check what a person entered with these
functions, so both refuse the same things in the same words. Pure functions over plain
values (str, Decimal, date, Month); no Django. Each ``Problem`` names the fields at fault
(``value``, ``numerator``, ``denominator``, ``mark``, ``status``, ``period``, ``year``,
``red``, ``amber``, ``green``) and says what was expected and what was found, in the
user's words, never a constraint's name.

Checking an observation comes in two halves so that a caller can put its own checks
between them, as the import puts its duplicate check: ``read_observation`` reads what was
written (periods, numbers, marks, status) and ``check_read_observation`` applies the
indicator's rules (a mark stands alone, the frequency's months, percentages, rounding,
numerators and denominators). ``check_observation`` does both.

Text (issue 10): every text has its line breaks made ``\n`` (``\r\n`` and ``\r`` from Excel)
and is refused with a control character in it: C0, DEL, C1, the bidirectional overrides,
embeddings and isolates, and tab and line break too except in a narrative (commentary text,
a definition). Each text column has the length its database column holds (the constants
below, which the models use as ``max_length``); a narrative at most 10,000 characters, with
block quotes and lists, and brackets, nested at most 10 deep, so that rendering it stays
quick and shallow. An indicator number is letters, digits, ``.``, ``-`` and ``_``: it is a
URL segment. Figures have at most 14 digits before the decimal point, whatever Decimal
comes in (an exponent of a million, infinity, NaN), and so must the figure rounded or
derived from them.

Also here: the sign-off rule (docs/architecture.md, the domain) and the two definitions the whole app uses,
``is_exception`` and ``needs_exception_note``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Context, Decimal
from enum import StrEnum
from typing import Generic, TypeVar

from scorecards.compute.periods import (
    ACCEPTED_MONTHS,
    MONTH_ABBREVIATIONS,
    Month,
    MonthOutOfRange,
    accepted_year_labels,
    allowed_months,
    month_accepted,
    parse_period,
    parse_year_label,
    period_allowed,
    year_label_for_start,
)
from scorecards.compute.precision import FigureError, resolve_observation, round_figure
from scorecards.compute.tolerance import Tolerance, ToleranceError, parse_tolerance
from scorecards.compute.vocabulary import BenchmarkMeasure, Frequency, Mark, ObservationStatus, Polarity, Rag, Unit, YtdMethod

# What the database's figure columns hold (max_digits=20, decimal_places=6).
MAX_WHOLE_DIGITS = 14
MAX_PLACES = 6

# What the database's text columns hold: the models take their max_length from here.
SLUG_LENGTH = 100
TITLE_LENGTH = 300  # a scorecard's title
SECTION_LENGTH = 200  # a section's title
NUMBER_LENGTH = 20  # an indicator's number
NAME_LENGTH = 500
DATA_NOTE_LENGTH = 200
COUNCIL_PLAN_CODE_LENGTH = 50
YEAR_LABEL_LENGTH = 9  # a target's or outturn's reporting year, stored as 2020/21
RED_LENGTH = 100
AMBER_LENGTH = 100
GREEN_LENGTH = 200
MEASURE_LENGTH = 100
BENCHMARK_YEAR_LENGTH = 20
SOURCE_LENGTH = 200
# A narrative (commentary, a definition) is Markdown: long enough for a page of commentary,
# short and shallow enough that rendering it to a page or a PDF stays quick.
NARRATIVE_LENGTH = 10_000
# A reason for correcting published figures: kept as each changed row's history change reason.
REASON_LENGTH = 500
MAX_NESTING = 10
# Quoting what was found in a message: at most this many characters of it.
SHOWN_LENGTH = 40

# Words that mean "no figure" in a value, outturn or benchmark cell.
NO_FIGURE = frozenset({"-", "tbc"})
# A mark as written in a value cell (spaces and case ignored): `n/a` is `[z]`.
MARK_WORDS = {"[x]": Mark.NOT_AVAILABLE, "[z]": Mark.NOT_APPLICABLE, "[c]": Mark.CONFIDENTIAL,
              "n/a": Mark.NOT_APPLICABLE}
VALUE_FORMS = "a number, a mark ([x], [z], [c], n/a) or empty"
PERIOD_FORMS = "2020-12, Dec-20, Dec 20, Dec-2020, Dec 2020 or a date cell"
OUTTURN_FORMS = "a number, or empty for no outturn"
BENCHMARK_FORMS = "a number, or empty for no benchmark"

_NUMBER = re.compile(r"(-)?((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?|\.([0-9]+))\s*(%)?")
_WIDE = Context(prec=50)

# What a field may be given as: text as typed, a Decimal (a form's number), a date (a
# stored period, or a spreadsheet's date cell), or None for empty. Figures may also come as
# a Figure (a number already read, such as a spreadsheet's numeric cell), periods as a Month.
Written = str | Decimal | datetime.date | None

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


# -- results --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or, as a warning, worth saying) about what was entered."""

    fields: tuple[str, ...]  # the fields at fault, in the order they are entered; () for the whole entry
    message: str

    @property
    def field(self) -> str | None:
        """The fields joined by ", " (how the import names several columns); None for none."""
        return ", ".join(self.fields) or None

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Figure:
    """A number as entered: in the indicator's terms (a percentage cell's 0.368 is 36.8)."""

    number: Decimal
    shown: str  # as written, quoted back in messages
    percent: bool = False  # written with % or formatted as a percentage
    places: int = 0  # decimal places as written

    @classmethod
    def of(cls, number: Decimal) -> Figure:
        """A Decimal given as it is (a form's field): shown and counted as written."""
        exponent = number.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return cls(number, written_out(number), False, places)


@dataclass(frozen=True)
class IndicatorRules:
    """What entering an indicator's figures depends on; None where it is not known (an
    indicators sheet row in error), which skips the rules that need it."""

    number: str
    unit: Unit | None = Unit.NUMBER
    decimals: int | None = 1
    frequency: Frequency | None = Frequency.MONTHLY
    year_start_month: int = 4


@dataclass(frozen=True)
class FigureRead:
    figure: Figure | None  # None: no figure (empty, "-", "tbc"), or unreadable (see problem)
    problem: Problem | None = None


@dataclass(frozen=True)
class ValueRead:
    """A value cell: a mark in place of a figure, a figure, or neither."""

    mark: Mark | None = None
    mark_shown: str | None = None  # the mark as written ("n/a" for [z])
    figure: Figure | None = None
    problem: Problem | None = None


@dataclass(frozen=True)
class Read(Generic[T]):
    """A field read from what was written: its value, or None with the problem."""

    value: T | None
    problem: Problem | None = None


@dataclass(frozen=True)
class Checked:
    """A figure checked against its indicator: the figure to store, the problems, the warnings."""

    value: Decimal | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ObservationEntry:
    """One month's figure as written, read but not yet checked against the indicator."""

    period: Month | None
    mark: Mark | None
    mark_shown: str | None
    value: Figure | None
    numerator: Figure | None
    denominator: Figure | None
    status: ObservationStatus | None
    problems: tuple[Problem, ...] = ()

    def failed(self, field: str) -> bool:
        """Whether reading ``field`` met a problem."""
        return any(field in problem.fields for problem in self.problems)

    @property
    def parts(self) -> dict[str, Figure]:
        """The numerator and denominator given."""
        return {name: part for name, part in (("numerator", self.numerator), ("denominator", self.denominator))
                if part is not None}

    @property
    def says_nothing(self) -> bool:
        """Nothing to store: no figure, mark, numerator, denominator or status, and nothing
        unreadable. (A status alone still moves a month between provisional and final.)"""
        return (not self.problems and self.mark is None and self.value is None and not self.parts
                and self.status is None)


@dataclass(frozen=True)
class ObservationCheck:
    """What to store for one month, or the problems that refuse it."""

    period: Month | None
    value: Decimal | None  # rounded to the indicator's places, or derived from numerator / denominator
    numerator: Decimal | None  # as entered
    denominator: Decimal | None
    mark: str | None  # "[x]", "[z]" or "[c]"
    status: str | None  # "provisional" or "final"; None when not given
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class TargetCheck:
    """A target's three cells read (docs/rules.md section 6): the tolerance, or the problem naming the cells."""

    tolerance: Tolerance | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def kind(self) -> str | None:
        """"bands", "none" or "words"; None when the cells are in error."""
        return None if self.tolerance is None else self.tolerance.kind

    @property
    def words(self) -> str | None:
        return None if self.tolerance is None else self.tolerance.words

    @property
    def ok(self) -> bool:
        return not self.problems


# -- words ----------------------------------------------------------------------------


def found(written: Written | Figure | Month) -> str:
    """What was found, as the messages say it: an empty cell, the date ..., or the text quoted
    (its first 40 characters, control characters shown as <U+001B>)."""
    if written is None:
        return "an empty cell"
    if isinstance(written, Figure):
        return quoted(written.shown)
    if isinstance(written, Decimal):
        return quoted(written_out(written))
    if isinstance(written, datetime.date):
        return f"the date {written.isoformat()}"
    if isinstance(written, Month):
        return written.abbreviation()
    return quoted(written)


def quoted(text: str) -> str:
    """``text`` in quotes, as a message may show it: ``"6/1"``; a long text cut short with its
    length; a control character, tab or line break as ``<U+001B>``, so that no message carries one."""
    if len(text) <= SHOWN_LENGTH:
        return f'"{visible(text)}"'
    return f'"{visible(text)}" ({len(text):,} characters)'


def visible(text: str) -> str:
    """``text`` as a message may name it: its first 40 characters (… when there are more),
    each control character, tab or line break written ``<U+000A>``."""
    shown = _ONE_LINE_CONTROL.sub(lambda match: f"<{code_point(match.group())}>", text[:SHOWN_LENGTH])
    return shown + "…" if len(text) > SHOWN_LENGTH else shown


def code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def written_out(number: Decimal) -> str:
    """``number`` written out in full as entered (12.50 stays 12.50); in scientific notation
    past 40 digits either side of the point, and ``Infinity`` or ``NaN`` as such."""
    if not number.is_finite() or not -SHOWN_LENGTH <= number.adjusted() <= SHOWN_LENGTH:
        return str(number)
    return format(number, "f")


def plain(number: Decimal) -> str:
    """``number`` without exponent or trailing zeros (12.50 is 12.5, 600 is 600); as
    ``written_out`` says it when it is not finite or very large or small."""
    if number.is_zero():
        return "0"
    if not number.is_finite() or not -SHOWN_LENGTH <= number.adjusted() <= SHOWN_LENGTH:
        return str(number)
    reduced = number.normalize(_WIDE)
    if reduced.as_tuple().exponent > 0:  # normalize() writes 600 as 6E+2
        reduced = reduced.quantize(Decimal(1), context=_WIDE)
    return format(reduced, "f")


def whole_digits(number: Decimal) -> int:
    """Digits before the decimal point of a finite number (0 below 1), whatever its exponent."""
    if number.is_zero():
        return 0
    return max(number.adjusted() + 1, 0)


def _words(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip()).casefold()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _problem(field: str | Iterable[str], message: str) -> Problem:
    return Problem((field,) if isinstance(field, str) else tuple(field), message)


# -- text -----------------------------------------------------------------------------

# Refused in every text: C0 controls but tab and line feed, DEL, C1 controls, surrogates, and
# the bidirectional embeddings, overrides and isolates, which reorder what is shown after them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Refused in a one-line text: those, and tab and line feed.
_ONE_LINE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?")
_INDICATOR_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
NUMBER_FORMS = 'letters, digits, ".", "-" and "_", starting with a letter or digit (e.g. 6.2a, B.12, 10.1)'
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_FORMS = "letters, digits, - and _ (e.g. corporate-parenting)"
# What opens a level of a narrative's blocks: a quote marker, a list marker, 4 columns of indent.
_LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_BRACKET = re.compile(r"[\[\]()]")
_OPENING = {"]": "[", ")": "("}


def normalise_line_breaks(text: str) -> str:
    """``\r\n`` and ``\r`` (Excel's and old Macs' line breaks) as ``\n``."""
    return _LINE_BREAK.sub("\n", text)


def without_control_characters(text: str) -> str:
    """``text`` with the control characters a narrative may not hold taken out (for showing a
    text stored before the rules)."""
    return _CONTROL.sub("", text)


def check_characters(text: str, field: str, *, lines: bool = False) -> Problem | None:
    """No control character in ``text`` (tab and line break only where ``lines``), naming the
    first as U+001B with its place."""
    match = (_CONTROL if lines else _ONE_LINE_CONTROL).search(text)
    if match is None:
        return None
    character, at = match.group(), match.start() + 1
    if character in "\t\n":
        what = "a tab" if character == "\t" else "a line break"
        return _problem(field, f"expected one line of text, without tabs or line breaks; found {what} "
                        f"({code_point(character)}) at character {at:,}")
    return _problem(field, f"expected text without control characters; found {code_point(character)} "
                    f"at character {at:,}")


def check_length(text: str, field: str, limit: int) -> Problem | None:
    if len(text) <= limit:
        return None
    return _problem(field, f"expected at most {limit:,} characters; found {len(text):,}")


def read_text(written: str | None, field: str, limit: int, *, lines: bool = False) -> Read[str]:
    """Free text, with its line breaks made ``\n``: no control characters (tab and line break
    only where ``lines``), at most ``limit`` characters. None for None."""
    if written is None:
        return Read(None)
    text = normalise_line_breaks(written)
    problem = check_characters(text, field, lines=lines) or check_length(text, field, limit)
    return Read(None, problem) if problem is not None else Read(text)


def block_depth(line: str) -> int:
    """How deep a line of Markdown sits: each ``>``, each list marker (with the space after
    either) and each 4 columns of indent before its text opens a level (``> > - x`` is 3; a
    nested list item indented 4 is 2)."""
    quotes = markers = columns = position = 0
    while position < len(line):
        character = line[position]
        if character == " ":
            columns += 1
        elif character == "\t":
            columns += 4
        elif character == ">":
            quotes += 1
            position += 1 if line.startswith(" ", position + 1) else 0  # the space after > is part of it
        else:
            marker = _LIST_MARKER.match(line, position)
            if marker is None:
                break
            markers += 1
            position = marker.end() + (1 if line.startswith(" ", marker.end()) else 0)
            continue
        position += 1
    return quotes + markers + columns // 4


def bracket_depth(text: str) -> tuple[int, str, int]:
    """The most brackets of one kind (``[`` or ``(``, each closed by its own) open at once,
    which kind, and the character where that was first reached."""
    depth = {"[": 0, "(": 0}
    deepest, kind, at = 0, "[", 0
    for match in _BRACKET.finditer(text):
        character = match.group()
        opening = _OPENING.get(character, character)
        if character in depth:
            depth[character] += 1
            if depth[character] > deepest:
                deepest, kind, at = depth[character], character, match.start() + 1
        elif depth[opening]:
            depth[opening] -= 1
    return deepest, kind, at


def check_narrative(text: str, field: str = "text") -> Problem | None:
    """A narrative as stored (line breaks already ``\n``): no control characters but tab and
    line break, at most 10,000 characters, blocks and brackets nested at most 10 deep."""
    problem = check_characters(text, field, lines=True) or check_length(text, field, NARRATIVE_LENGTH)
    if problem is not None:
        return problem
    for number, line in enumerate(text.split("\n"), start=1):
        depth = block_depth(line)
        if depth > MAX_NESTING:
            return _problem(field, f"expected block quotes and lists nested at most {MAX_NESTING} levels deep "
                            f"(each >, list marker or 4 spaces of indent is a level); found {depth:,} on line {number:,}")
    depth, kind, at = bracket_depth(text)
    if depth > MAX_NESTING:
        return _problem(field, f'expected brackets nested at most {MAX_NESTING} deep; found {depth:,} "{kind}" '
                        f"open at once at character {at:,}")
    return None


def read_narrative(written: str | None, field: str = "text") -> Read[str]:
    """Commentary text or a definition, in Markdown, with its line breaks made ``\n``."""
    if written is None:
        return Read(None)
    text = normalise_line_breaks(written)
    problem = check_narrative(text, field)
    return Read(None, problem) if problem is not None else Read(text)


def read_indicator_number(written: str | None, field: str = "number") -> Read[str]:
    """An indicator number as printed (``6.2a``, ``B.12``): it is also a URL segment, so only
    letters, digits, ``.``, ``-`` and ``_``, starting with a letter or digit; at most 20."""
    if written is None or not written.strip():
        return Read(None, _problem(field, "expected an indicator number; found an empty cell"))
    problem = check_characters(written, field) or check_length(written, field, NUMBER_LENGTH)
    if problem is None and not _INDICATOR_NUMBER.fullmatch(written):
        problem = _problem(field, f"expected an indicator number of {NUMBER_FORMS}; found {found(written)}")
    return Read(None, problem) if problem is not None else Read(written)


def read_slug(written: str | None, field: str = "slug") -> Read[str]:
    """A scorecard's slug: letters, digits, ``-`` and ``_``, at most 100."""
    problem = None
    if written is not None:
        problem = check_characters(written, field) or check_length(written, field, SLUG_LENGTH)
    if problem is None and (written is None or not _SLUG.fullmatch(written)):
        problem = _problem(field, f"expected a slug of {SLUG_FORMS}; found {found(written)}")
    return Read(None, problem) if problem is not None else Read(written)


def check_start_month(month: int | None, shown: str, field: str = "year_start_month") -> Problem | None:
    """The month a reporting year starts in: a whole number from 1 to 12 (``shown`` as written)."""
    if month is None or not 1 <= month <= 12:
        return _problem(field, f"expected a month number from 1 to 12 (4 for April); found {shown}")
    return None


def check_decimals(places: int | None, shown: str, field: str = "decimals") -> Problem | None:
    """An indicator's decimal places: a whole number from 0 to 6 (what the figure columns hold)."""
    if places is None or not 0 <= places <= MAX_PLACES:
        return _problem(field, f"expected a whole number of decimal places from 0 to {MAX_PLACES}; found {shown}")
    return None


# Units whose monthly figures are themselves proportions or averages: adding twelve of them up
# gives no figure anyone could read (a "year to date" of 866.5%). Counts, days and other numbers add.
NOT_ADDED_UP = frozenset({Unit.PERCENTAGE, Unit.RATE, Unit.AVERAGE})


def check_ytd_method(unit: Unit | str | None, ytd_method: YtdMethod | str | None) -> Problem | None:
    """A year to date by `sum` only for a unit whose months add up (docs/rules.md section 4.1)."""
    if ytd_method == YtdMethod.SUM and unit in NOT_ADDED_UP:
        return _problem("ytd_method", f"expected ratio, mean, latest or none for a {Unit(unit).value} indicator "
                        f"(a {Unit(unit).value} cannot be added up over the year); found sum")
    return None


def read_month_of_year(month: str | None, year: str | None, fields: tuple[str, str] = ("month", "year")) -> Read[Month]:
    """A month given as its number and its year in two boxes (the GOV.UK date input without the
    day): 12 and 2020 is Dec 2020. Each box's problem names its own field; the month must be one
    the application accepts (January 1990 to December 2099)."""
    month_text, year_text = (month or "").strip(), (year or "").strip()
    number = int(month_text) if month_text.isascii() and month_text.isdigit() and len(month_text) <= 2 else None
    problem = check_start_month(number, found(month_text or None), fields[0])
    if problem is not None:
        return Read(None, problem)
    if not (year_text.isascii() and year_text.isdigit() and len(year_text) == 4):
        return Read(None, _problem(fields[1], f"expected a year written in full, such as 2021; found {found(year_text or None)}"))
    assert number is not None
    read = read_period(Month(int(year_text), number), fields[1])
    return read


def check_deadline_day(day: int | None, shown: str, latest: int, field: str = "deadline_working_day") -> Problem | None:
    """The month-end deadline: working day 1 to ``latest`` after the month ends."""
    if day is None or not 1 <= day <= latest:
        return _problem(field, f"expected a working day from 1 to {latest} after the month ends; found {shown}")
    return None


# -- reading what was written ---------------------------------------------------------


def _is_blank(text: str) -> bool:
    return not text.strip() or text.strip().casefold() in NO_FIGURE


def read_figure(
    written: Written | Figure,
    field: str,
    what: str,
    *,
    allow_percent: bool = True,
    kept_as_entered: bool = False,
) -> FigureRead:
    """A number as printed (``36.8%``, ``1,092``, ``92.8 %``, ``.5``, ``-0.2``); None for no
    figure (empty, ``-``, ``tbc``). ``what`` is the form expected, as messages say it.

    Refused: anything else, a percentage where ``allow_percent`` is false, more than 14
    whole digits, and (``kept_as_entered``: numerators, denominators, benchmarks, which are
    stored as written, not rounded) more than 6 decimal places.
    """
    if written is None or (isinstance(written, str) and _is_blank(written)):
        return FigureRead(None)
    if isinstance(written, datetime.date):
        return FigureRead(None, _problem(field, f"expected {what}; found {found(written)}"))
    if isinstance(written, Figure):
        figure = written
    elif isinstance(written, Decimal):
        figure = Figure.of(written)
    else:
        text = written.strip()
        match = _NUMBER.fullmatch(text.replace("\u2212", "-"))
        if match is None:
            return FigureRead(None, _problem(field, f"expected {what}; found {found(text)}"))
        minus, digits, fraction, bare_fraction, percent = match.groups()
        number = Decimal((minus or "") + (digits or "").replace(",", ""))
        figure = Figure(number, text, bool(percent), len(fraction or bare_fraction or ""))
    if figure.percent and not allow_percent:
        return FigureRead(None, _problem(field, f"expected {what}, not a percentage; found {found(figure)}"))
    if not figure.number.is_finite():
        return FigureRead(None, _problem(field, f"expected {what}; found {found(figure)}"))
    if figure.number.is_zero() and figure.number.is_signed():
        figure = replace(figure, number=figure.number.copy_abs())  # -0 is 0
    if whole_digits(figure.number) > MAX_WHOLE_DIGITS:
        return FigureRead(None, _problem(
            field, f"expected {what} of at most {MAX_WHOLE_DIGITS} digits before the decimal point; "
            f"found {found(figure)}"
        ))
    if kept_as_entered and figure.places > MAX_PLACES:
        return FigureRead(None, _problem(
            field, f"expected {what} with at most {MAX_PLACES} decimal places; found {found(figure)}"
        ))
    return FigureRead(figure)


def read_mark(text: str) -> Mark | None:
    """The mark a value cell or mark field holds (``[x]``, ``[Z]``, ``[ c ]``, ``n/a``), else None."""
    return MARK_WORDS.get(re.sub(r"\s+", "", text.casefold()))


def read_value(written: Written | Figure, field: str = "value") -> ValueRead:
    """A value cell: a figure, a mark standing in its place, or empty (docs/rules.md section 9 and docs/workbook.md)."""
    if isinstance(written, str) and written.strip():
        text = written.strip()
        mark = read_mark(text)
        if mark is not None:
            return ValueRead(mark=mark, mark_shown=text)
        squeezed = re.sub(r"\s+", "", text.casefold())
        if squeezed in ("[p]", "[r]"):
            source = "the status column (provisional)" if squeezed == "[p]" else "the history of revisions"
            return ValueRead(problem=_problem(
                field, f"expected {VALUE_FORMS}; found {found(text)}, which comes from {source}"
            ))
    read = read_figure(written, field, VALUE_FORMS)
    return ValueRead(figure=read.figure, problem=read.problem)


def read_count(written: Written | Figure, field: str) -> FigureRead:
    """A numerator or denominator: a number as entered, never a percentage."""
    return read_figure(written, field, f"a {field} (a number, zero or more)", allow_percent=False,
                       kept_as_entered=True)


def read_choice(
    written: str | datetime.date | None, enum: type[E], field: str, required: bool = False
) -> Read[E]:
    """One of an enum's values, in any case, with ``_`` or spaces (``Within_Limits``)."""
    if written is None or (isinstance(written, str) and not written.strip()):
        if required:
            return Read(None, _problem(field, f"expected {choices(enum)}; found an empty cell"))
        return Read(None)
    if isinstance(written, datetime.date):
        return Read(None, _problem(field, f"expected {choices(enum)}; found {found(written)}"))
    wanted = _words(written)
    for member in enum:
        if _words(member.value) == wanted:
            return Read(member)
    return Read(None, _problem(field, f"expected {choices(enum)}; found {found(written.strip())}"))


def choices(enum: type[StrEnum]) -> str:
    """``provisional or final``; ``monthly, quarterly, termly or annual``."""
    names = [member.value for member in enum]
    return ", ".join(names[:-1]) + " or " + names[-1]


def read_status(written: str | datetime.date | None, field: str = "status") -> Read[ObservationStatus]:
    return read_choice(written, ObservationStatus, field)


def read_period(written: str | Month | datetime.date | None, field: str = "period") -> Read[Month]:
    """A month: written (``2020-12``, ``Dec-20``, ``Dec 20``, ``Dec-2020``, ``Dec 2020``), a
    Month, or a stored date, which must be the first day of its month; from January 1990 to
    December 2099 (periods.FIRST_MONTH to LAST_MONTH)."""
    if isinstance(written, Month):
        return Read(written) if month_accepted(written) else _period_out_of_range(written.long_name(), field)
    if isinstance(written, datetime.date):
        month = Month(written.year, written.month)
        if not month_accepted(month):
            return _period_out_of_range(found(written), field)
        if written.day != 1:
            return Read(None, _problem(
                field, f"expected the first day of a month (a period is a whole month: "
                f"{written.replace(day=1).isoformat()} for {month.abbreviation()}); found {written.isoformat()}"
            ))
        return Read(month)
    if written is not None and written.strip():
        try:
            return Read(parse_period(written))
        except MonthOutOfRange:
            return _period_out_of_range(found(written.strip()), field)
        except ValueError:
            pass
    shown = None if written is None or not written.strip() else written.strip()
    return Read(None, _problem(field, f"expected a period written {PERIOD_FORMS}; found {found(shown)}"))


def _period_out_of_range(shown: str, field: str) -> Read[Month]:
    return Read(None, _problem(field, f"expected a period from {ACCEPTED_MONTHS}; found {shown}"))


def expected_year(start_month: int) -> str:
    """How a reporting year is written for a scorecard whose year starts in ``start_month``."""
    if start_month == 1:
        return "a reporting year written 2020 (this scorecard's year starts in January)"
    return (
        "a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: "
        f"this scorecard's year starts in {calendar.month_name[start_month]})"
    )


def read_year(written: str | datetime.date | None, start_month: int, field: str = "year") -> Read[str]:
    """A reporting year label (docs/rules.md section 4 and docs/workbook.md), normalised: ``2020-21`` is ``2020/21``."""
    if isinstance(written, str) and written.strip():
        try:
            return Read(year_label_for_start(parse_year_label(written, start_month)))
        except MonthOutOfRange:
            first, last = accepted_year_labels(start_month)
            return Read(None, _problem(field, f"expected a reporting year from {first} to {last}; "
                                       f"found {found(written.strip())}"))
        except ValueError:
            pass
    shown = (written.strip() or None) if isinstance(written, str) else written
    return Read(None, _problem(field, f"expected {expected_year(start_month)}; found {found(shown)}"))


# -- checking a figure against its indicator ------------------------------------------


# Units whose figures cannot be below zero (a count of children, a rate, a number of days);
# "number" and "average" may describe a difference, which can be.
NEVER_NEGATIVE = {Unit.COUNT: "a count", Unit.RATE: "a rate per 10,000", Unit.DAYS: "a number of days"}


def check_unit(figure: Figure, indicator: IndicatorRules, field: str = "value") -> Problem | None:
    """A percentage only on a percentage indicator, and there from 0 to 100; counts, rates and
    days never below zero (docs/rules.md and docs/workbook.md)."""
    if indicator.unit is None:
        return None
    if figure.percent and indicator.unit != Unit.PERCENTAGE:
        return _problem(
            field,
            f"expected a plain number: indicator {indicator.number}'s unit is {indicator.unit.value}, "
            f'not percentage; found the percentage "{figure.shown}"',
        )
    if indicator.unit == Unit.PERCENTAGE and not Decimal(0) <= figure.number <= Decimal(100):
        return _problem(
            field, f'expected a percentage from 0 to 100 (indicator {indicator.number}); found "{figure.shown}"'
        )
    if indicator.unit in NEVER_NEGATIVE and figure.number < 0:
        return _problem(
            field, f'expected zero or more: indicator {indicator.number} is {NEVER_NEGATIVE[indicator.unit]}; '
            f'found "{figure.shown}"'
        )
    return None


def rounded(figure: Figure, indicator: IndicatorRules, field: str = "value") -> Checked:
    """The figure rounded half up to the indicator's places, with a warning when that changed it."""
    if indicator.decimals is None:
        return Checked(None)
    value = round_figure(figure.number, indicator.decimals)
    if whole_digits(value) > MAX_WHOLE_DIGITS:
        return Checked(None, (_problem(
            field, f"expected at most {MAX_WHOLE_DIGITS} digits before the decimal point; found {found(figure)}, "
            f"which rounds to {format(value, 'f')} (indicator {indicator.number} is shown to "
            f"{_plural(indicator.decimals, 'decimal place')})",
        ),))
    if value == figure.number:
        return Checked(value)
    return Checked(value, warnings=(_problem(
        field,
        f"{plain(figure.number)} rounded to {format(value, 'f')}: indicator {indicator.number} "
        f"is shown to {_plural(indicator.decimals, 'decimal place')}",
    ),))


def check_value_figure(figure: Figure, indicator: IndicatorRules, field: str = "value") -> Checked:
    """A value or outturn: its unit's rules, then rounded to the indicator's places."""
    problem = check_unit(figure, indicator, field)
    if problem is not None:
        return Checked(None, (problem,))
    return rounded(figure, indicator, field)


def check_period_allowed(period: Month, indicator: IndicatorRules, field: str = "period") -> Problem | None:
    """A figure sits on a month its frequency allows (docs/architecture.md, the domain): quarters' and terms' last
    months, the reporting year's last month."""
    if indicator.frequency is None or period_allowed(period, indicator.frequency, indicator.year_start_month):
        return None
    months = ", ".join(
        MONTH_ABBREVIATIONS[m - 1] for m in allowed_months(indicator.frequency, indicator.year_start_month)
    )
    return _problem(
        field,
        f"expected a period in {months} (indicator {indicator.number} is {indicator.frequency.value}); "
        f"found {period.abbreviation()}",
    )


def check_month_ended(period: Month, today: datetime.date, field: str = "period") -> Problem | None:
    """A figure is for a whole month, entered once the month has ended: none for this month or later."""
    current = Month(today.year, today.month)
    if period < current:
        return None
    return _problem(
        field,
        f"expected a month that has ended (a figure is for a whole month, up to {current.plus(-1).abbreviation()} "
        f"today); found {period.abbreviation()}",
    )


def mark_stands_alone(
    mark_shown: str, value: Figure | None, numerator: Figure | None, denominator: Figure | None
) -> list[Problem]:
    """A mark stands in place of a figure: no value, numerator or denominator beside it (docs/rules.md section 9)."""
    problems = []
    if value is not None:
        problems.append(_problem(
            "value", f"expected no value with the mark {mark_shown} (a mark stands in place of a figure); "
            f'found value "{value.shown}"'
        ))
    given = {name: part for name, part in (("numerator", numerator), ("denominator", denominator))
             if part is not None}
    if given:
        shown = " and ".join(f'{name} "{part.shown}"' for name, part in given.items())
        problems.append(_problem(
            given,
            f"expected no {' or '.join(given)} with the mark {mark_shown} in the value column "
            f"(a mark stands in place of a figure); found {shown}",
        ))
    return problems


def resolve_figures(
    value: Figure | None, numerator: Figure | None, denominator: Figure | None, indicator: IndicatorRules
) -> Checked:
    """The value from numerator / denominator (docs/rules.md section 4): derived when the value is empty,
    checked when it is given. Needs the indicator's unit and places."""
    assert indicator.unit is not None and indicator.decimals is not None
    n = None if numerator is None else numerator.number
    d = None if denominator is None else denominator.number
    try:
        resolved = resolve_observation(None if value is None else value.number, n, d, indicator.unit,
                                       indicator.decimals)
    except FigureError as error:
        return Checked(None, (_problem(_figure_fields(value is not None, n, d, indicator.unit), str(error)),))
    if resolved is not None and whole_digits(resolved) > MAX_WHOLE_DIGITS:
        assert n is not None and d is not None  # a value given fits: it was checked before
        scale = {Unit.PERCENTAGE: " x 100", Unit.RATE: " x 10,000"}.get(indicator.unit, "")
        return Checked(None, (_problem(
            ("numerator", "denominator"),
            f"expected numerator / denominator{scale} to give a value of at most {MAX_WHOLE_DIGITS} digits before "
            f"the decimal point; found {plain(n)}/{plain(d)}{scale} = {format(resolved, 'f')}",
        ),))
    return Checked(resolved)


def _figure_fields(has_value: bool, numerator: Decimal | None, denominator: Decimal | None, unit: Unit) -> tuple[str, ...]:
    """The fields a FigureError is about, found the way resolve_observation checks."""
    assert numerator is not None or denominator is not None
    if numerator is None:
        return ("numerator",)
    if denominator is None:
        return ("denominator",)
    if numerator < 0:
        return ("numerator",)
    if denominator <= 0:
        return ("denominator",)
    if unit == Unit.PERCENTAGE and numerator > denominator:
        return ("numerator",)
    return ("value", "numerator", "denominator") if has_value else ("numerator", "denominator")


# -- one observation ------------------------------------------------------------------


def read_observation(
    *,
    period: str | Month | datetime.date | None,
    value: Written | Figure = None,
    numerator: Written | Figure = None,
    denominator: Written | Figure = None,
    mark: str | None = None,
    status: str | datetime.date | None = None,
) -> ObservationEntry:
    """Read one month's figure as written; problems in the order the fields are entered.

    ``value`` may hold a mark (``[x]``, ``n/a``) as a value cell does, or the mark may come
    on its own in ``mark`` as a form gives it.
    """
    problems: list[Problem] = []
    month = read_period(period)
    value_read = read_value(value)
    mark_read: Mark | None = None
    mark_shown: str | None = None
    if mark is not None and mark.strip():
        mark_shown = mark.strip()
        mark_read = read_mark(mark_shown)
    numerator_read = read_count(numerator, "numerator")
    denominator_read = read_count(denominator, "denominator")
    status_read = read_status(status)
    for problem in (month.problem, value_read.problem):
        if problem is not None:
            problems.append(problem)
    if mark_shown is not None and mark_read is None:
        problems.append(_problem("mark", f"expected a mark ([x], [z], [c], n/a) or empty; found {found(mark_shown)}"))
    elif mark_read is not None and value_read.mark is not None and value_read.mark != mark_read:
        problems.append(_problem(
            ("value", "mark"), f"expected one mark; found {found(value_read.mark_shown)} as the value and "
            f"{found(mark_shown)} as the mark"
        ))
    for read in (numerator_read, denominator_read, status_read):
        if read.problem is not None:
            problems.append(read.problem)
    if value_read.mark is not None:
        mark_read, mark_shown = value_read.mark, value_read.mark_shown
    return ObservationEntry(
        period=month.value,
        mark=mark_read,
        mark_shown=mark_shown if mark_read is not None else None,
        value=value_read.figure,
        numerator=numerator_read.figure,
        denominator=denominator_read.figure,
        status=status_read.value,
        problems=tuple(problems),
    )


def check_read_observation(entry: ObservationEntry, indicator: IndicatorRules | None) -> ObservationCheck:
    """Apply the indicator's rules to a month's figure as read. Only the rules' problems are
    returned (the entry holds its own); ``indicator`` None (unknown) checks only that a mark
    stands alone."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if entry.mark is not None:
        assert entry.mark_shown is not None
        problems += mark_stands_alone(entry.mark_shown, entry.value, entry.numerator, entry.denominator)
    value: Decimal | None = None
    if indicator is not None:
        if entry.period is not None:
            frequency = check_period_allowed(entry.period, indicator)
            if frequency is not None:
                problems.append(frequency)
        value_failed = entry.failed("value")
        if entry.value is not None and entry.mark is None:
            checked = check_value_figure(entry.value, indicator)
            problems += checked.problems
            warnings += checked.warnings
            value, value_failed = checked.value, bool(checked.problems)
        resolvable = (
            indicator.unit is not None and indicator.decimals is not None and entry.parts
            and not entry.failed("numerator") and not entry.failed("denominator")
            and not value_failed and entry.mark is None
        )
        if resolvable:
            resolved = resolve_figures(entry.value, entry.numerator, entry.denominator, indicator)
            problems += resolved.problems
            if resolved.ok:
                value = resolved.value
    return ObservationCheck(
        period=entry.period,
        value=value,
        numerator=None if entry.numerator is None else entry.numerator.number,
        denominator=None if entry.denominator is None else entry.denominator.number,
        mark=None if entry.mark is None else entry.mark.value,
        status=None if entry.status is None else entry.status.value,
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def check_observation(
    indicator: IndicatorRules | None,
    *,
    period: str | Month | datetime.date | None,
    value: Written | Figure = None,
    numerator: Written | Figure = None,
    denominator: Written | Figure = None,
    mark: str | None = None,
    status: str | datetime.date | None = None,
) -> ObservationCheck:
    """One month's figure for an indicator: what to store (the value rounded to its places,
    or derived from numerator / denominator), every problem and the rounding warning."""
    entry = read_observation(period=period, value=value, numerator=numerator, denominator=denominator,
                             mark=mark, status=status)
    if entry.says_nothing:
        return ObservationCheck(entry.period, None, None, None, None, None)
    checked = check_read_observation(entry, indicator)
    return ObservationCheck(
        period=checked.period,
        value=checked.value,
        numerator=checked.numerator,
        denominator=checked.denominator,
        mark=checked.mark,
        status=checked.status,
        problems=entry.problems + checked.problems,
        warnings=checked.warnings,
    )


# -- outturns and benchmarks ----------------------------------------------------------


def check_outturn(indicator: IndicatorRules, value: Written | Figure, field: str = "value") -> Checked:
    """A year-end figure: read, its unit's rules, rounded like a value; None for no figure."""
    read = read_figure(value, field, OUTTURN_FORMS)
    if read.problem is not None:
        return Checked(None, (read.problem,))
    if read.figure is None:
        return Checked(None)
    return check_value_figure(read.figure, indicator, field)


def benchmark_value(figure: Figure) -> Decimal:
    """A benchmark is kept as entered, with the places written (42.0 stays 42.0)."""
    return figure.number.quantize(Decimal(1).scaleb(-figure.places))


def check_benchmark(indicator: IndicatorRules, value: Written | Figure, field: str = "value") -> Checked:
    """A benchmark: read as entered (at most 6 places), its unit's rules, never rounded."""
    read = read_figure(value, field, BENCHMARK_FORMS, kept_as_entered=True)
    if read.problem is not None:
        return Checked(None, (read.problem,))
    if read.figure is None:
        return Checked(None)
    problem = check_unit(read.figure, indicator, field)
    if problem is not None:
        return Checked(None, (problem,))
    return Checked(benchmark_value(read.figure))


def near_standard_measure(measure: str, field: str = "measure") -> Problem | None:
    """The warning for a benchmark measure that is a standard one written differently
    (``national average``): it is kept as written, as another comparator (docs/workbook.md)."""
    near = [key.value for key in BenchmarkMeasure if key.value != measure and _words(key.value) == _words(measure)]
    if not near:
        return None
    return _problem(field, f"{quoted(measure)} is kept as written, as another comparator; "
                    f'expected "{near[0]}" for the standard measure')


# -- targets --------------------------------------------------------------------------


def check_target(red: str | None, amber: str | None, green: str | None, polarity: Polarity | str) -> TargetCheck:
    """A target's three cells as printed (docs/rules.md section 6): the tolerance, or the problem naming
    the cells at fault; a target in words is kept with a warning. Each cell is one line of
    text, of at most the characters its column holds."""
    problems = tuple(
        problem for problem in (
            check_characters(cell, name) or check_length(cell, name, limit)
            for name, cell, limit in (("red", red, RED_LENGTH), ("amber", amber, AMBER_LENGTH),
                                      ("green", green, GREEN_LENGTH))
            if cell is not None
        ) if problem is not None
    )
    if problems:
        return TargetCheck(None, problems)
    try:
        tolerance = parse_tolerance(red, amber, green, polarity)
    except ToleranceError as error:
        return TargetCheck(None, (Problem(error.cells, str(error)),))
    if tolerance.kind == "words":
        return TargetCheck(tolerance, warnings=(_problem(
            "green",
            f'the target "{tolerance.words}" is in words: it is kept as written and gives no RAG '
            "(a form such as 95%+ is rated)",
        ),))
    return TargetCheck(tolerance)


# -- exceptions and sign-off (docs/architecture.md, the domain) -----------------------------------------------


def needs_exception_note(rag_in_month: Rag | str | None, rag_year_end: Rag | str | None) -> bool:
    """Red in month or at year end: sign-off needs an exception note saying why and what is being done."""
    return Rag.RED in (rag_in_month, rag_year_end)


def is_exception(
    rag_in_month: Rag | str | None,
    rag_year_end: Rag | str | None,
    judgement: str | None,
    previous_judgement: str | None,
) -> bool:
    """An exception: red (in month or at year end), or declined in each of the last two periods."""
    return needs_exception_note(rag_in_month, rag_year_end) or (
        judgement == "declined" and previous_judgement == "declined"
    )


def figure_due(month: Month, frequency: Frequency, start_month: int) -> bool:
    """Whether an indicator of this frequency has a figure due for ``month``."""
    return period_allowed(month, frequency, start_month)


@dataclass(frozen=True)
class SignOffItem:
    """What signing off a month needs to know of one indicator."""

    number: str
    needs_exception_note: bool  # red in month or at year end (needs_exception_note())
    has_exception_note: bool  # an exception note for the month
    figure_due: bool  # the month is one its frequency allows (figure_due())
    figure_entered: bool  # a value or a mark for the month


@dataclass(frozen=True)
class SignOffProblem:
    number: str
    message: str

    def __str__(self) -> str:
        return f"Indicator {self.number}: {self.message}"


def sign_off_problems(month: Month, items: Iterable[SignOffItem]) -> list[SignOffProblem]:
    """Why a month cannot be signed off, indicator by indicator in the order given; none
    when it can. Entry and import only warn of these."""
    problems = []
    for item in items:
        if item.needs_exception_note and not item.has_exception_note:
            problems.append(SignOffProblem(
                item.number,
                f"red (in month or at year end) with no exception note for {month.long_name()}: "
                "add one saying why it is red and what is being done",
            ))
        if item.figure_due and not item.figure_entered:
            problems.append(SignOffProblem(
                item.number,
                f"no figure for {month.long_name()}, when one is due: enter the figure, or a mark "
                "([x] not available, [z] not applicable, [c] confidential)",
            ))
    return problems
