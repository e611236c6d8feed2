"""Months, reporting years and where each frequency's figures sit (docs/architecture.md, the domain and docs/rules.md section 4).

A period is a calendar month. The reporting year runs twelve months from the scorecard's
start month (April by default) and is labelled ``2020/21``, or ``2020`` with a January
start.

The application accepts the months from ``FIRST_MONTH`` to ``LAST_MONTH`` (January 1990 to
December 2099), defined here and nowhere else: a period cell, a reporting year or a URL's
month outside them fails to parse (``MonthOutOfRange``; ``Month.parse_accepted``,
``parse_period``, ``parse_year_label``), so no page, download or import meets year 1 or year
9999. A ``Month`` itself may lie outside (month arithmetic looks back past 1990), and
``Month.parse`` reads back any month the application wrote.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from scorecards.compute.vocabulary import Frequency

MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTH_ABBREVIATIONS, start=1)}

# Termly figures sit on the month each school term ends, whatever the reporting year.
TERM_MONTHS = {"autumn": 12, "spring": 3, "summer": 7}

_ISO_PERIOD = re.compile(r"(\d{4})-(\d{2})")
_NAMED_PERIOD = re.compile(r"([A-Za-z]{3})[- ](\d{2}|\d{4})")
_YEAR_LABEL = re.compile(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})")
_SINGLE_YEAR = re.compile(r"\d{4}")


class MonthOutOfRange(ValueError):
    """A month, or a reporting year, that parses but lies outside the months accepted."""


def _check_start_month(start_month: int) -> None:
    if not 1 <= start_month <= 12:
        raise ValueError(f"reporting year start month must be 1 to 12, not {start_month}")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month; figures of any frequency are stored against one."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1 to 12, not {self.month}")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year must be 1 to 9999, not {self.year}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read the canonical ``YYYY-MM`` form (the one ``str()`` writes), of any month a Month
        may be: it reads back what the application wrote (a column's month may lie before 1990)."""
        match = _ISO_PERIOD.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"period {text!r} is not of the form YYYY-MM, e.g. 2020-12")
        try:
            return cls(int(match.group(1)), int(match.group(2)))
        except ValueError as error:
            raise ValueError(f"period {text!r}: {error}") from None

    @classmethod
    def parse_accepted(cls, text: str) -> Month:
        """Read ``YYYY-MM`` as someone wrote it (a URL, a period cell): January 1990 to December
        2099 only, ``MonthOutOfRange`` outside."""
        return check_month_accepted(cls.parse(text))

    @classmethod
    def from_index(cls, index: int) -> Month:
        year, month0 = divmod(index, 12)
        return cls(year, month0 + 1)

    @property
    def index(self) -> int:
        """Months since year 0, so that month arithmetic is integer arithmetic."""
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def months_until(self, other: Month) -> int:
        """How many months ``other`` lies after this month (negative when before)."""
        return other.index - self.index

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def abbreviation(self) -> str:
        """The way the council prints a month heading: ``Dec-20``."""
        return f"{MONTH_ABBREVIATIONS[self.month - 1]}-{self.year % 100:02d}"

    def long_name(self) -> str:
        """The month in words: ``December 2020``."""
        return f"{calendar.month_name[self.month]} {self.year}"


# The months the application accepts: periods, reporting years and URLs lie within them.
FIRST_MONTH = Month(1990, 1)
LAST_MONTH = Month(2099, 12)
ACCEPTED_MONTHS = f"{FIRST_MONTH.long_name()} to {LAST_MONTH.long_name()}"


def month_accepted(m: Month) -> bool:
    return FIRST_MONTH <= m <= LAST_MONTH


def check_month_accepted(m: Month) -> Month:
    """``m``, or ``MonthOutOfRange`` when it lies outside January 1990 to December 2099."""
    if not month_accepted(m):
        raise MonthOutOfRange(f"period {m} is outside the months accepted, {ACCEPTED_MONTHS}")
    return m


def accepted_year_labels(start_month: int) -> tuple[str, str]:
    """The first and last reporting years lying wholly within the months accepted."""
    _check_start_month(start_month)
    last_start = Month(LAST_MONTH.year, start_month)
    if last_start.plus(11) > LAST_MONTH:
        last_start = last_start.plus(-12)
    return year_label_for_start(Month(FIRST_MONTH.year, start_month)), year_label_for_start(last_start)


def reporting_year_start(m: Month, start_month: int) -> Month:
    """First month of the reporting year that contains ``m``."""
    _check_start_month(start_month)
    year = m.year if m.month >= start_month else m.year - 1
    return Month(year, start_month)


def reporting_year_end(m: Month, start_month: int) -> Month:
    """Last month of the reporting year that contains ``m``."""
    return reporting_year_start(m, start_month).plus(11)


def is_reporting_year_end(m: Month, start_month: int) -> bool:
    return m == reporting_year_end(m, start_month)


def year_label_for_start(start: Month) -> str:
    """Label of the reporting year beginning at ``start``."""
    if start.month == 1:
        return f"{start.year:04d}"
    return f"{start.year:04d}/{(start.year + 1) % 100:02d}"


def reporting_year_label(m: Month, start_month: int) -> str:
    return year_label_for_start(reporting_year_start(m, start_month))


def reporting_year_months(m: Month, start_month: int) -> list[Month]:
    start = reporting_year_start(m, start_month)
    return [start.plus(i) for i in range(12)]


def previous_year_labels(m: Month, start_month: int, count: int) -> list[str]:
    """Labels of the ``count`` reporting years before the one containing ``m``, oldest first
    (the year-on-year trend columns)."""
    start = reporting_year_start(m, start_month)
    return [year_label_for_start(start.plus(-12 * back)) for back in range(count, 0, -1)]


def months_ending(m: Month, count: int) -> list[Month]:
    """The ``count`` months up to and including ``m``, oldest first."""
    if count < 0:
        raise ValueError(f"count must be zero or more, not {count}")
    return [m.plus(i - count + 1) for i in range(count)]


def parse_year_label(text: str, start_month: int) -> Month:
    """First month of the reporting year a label names.

    ``2020/21``, ``2020-21`` and ``2020/2021`` name the year starting in 2020 (the two years
    must be consecutive); ``2020`` is accepted only for a January start, where it is the
    label itself.
    """
    _check_start_month(start_month)
    cleaned = text.strip()
    if _SINGLE_YEAR.fullmatch(cleaned):
        if start_month != 1:
            raise ValueError(
                f"year {cleaned!r} needs both years for a reporting year starting in "
                f"{MONTH_ABBREVIATIONS[start_month - 1]}, e.g. {cleaned}/{(int(cleaned) + 1) % 100:02d}"
            )
        return _check_year_accepted(Month(int(cleaned), 1), text)
    match = _YEAR_LABEL.fullmatch(cleaned)
    if match is None:
        raise ValueError(f"year {text!r} is not of the form 2020/21, 2020-21 or 2020/2021")
    first = int(match.group(1))
    second_text = match.group(2)
    consecutive = (
        int(second_text) == (first + 1) % 100 if len(second_text) == 2 else int(second_text) == first + 1
    )
    if not consecutive:
        raise ValueError(f"year {text!r} must name two consecutive years, e.g. {first}/{(first + 1) % 100:02d}")
    if start_month == 1:
        raise ValueError(
            f"year {text!r} spans two years, but this scorecard's reporting year starts in January: write {first}"
        )
    return _check_year_accepted(Month(first, start_month), text)


def _check_year_accepted(start: Month, text: str) -> Month:
    if not (month_accepted(start) and month_accepted(start.plus(11))):
        first, last = accepted_year_labels(start.month)
        raise MonthOutOfRange(f"year {text!r} lies outside the reporting years accepted, {first} to {last}")
    return start


def allowed_months(frequency: Frequency, start_month: int) -> tuple[int, ...]:
    """Calendar months (1-12) on which a figure of this frequency may sit, in calendar order."""
    _check_start_month(start_month)
    if frequency == Frequency.MONTHLY:
        return tuple(range(1, 13))
    if frequency == Frequency.QUARTERLY:
        # The last month of each quarter of the reporting year, not of the calendar year.
        return tuple(sorted((start_month - 1 + offset) % 12 + 1 for offset in (2, 5, 8, 11)))
    if frequency == Frequency.TERMLY:
        return tuple(sorted(TERM_MONTHS.values()))
    if frequency == Frequency.ANNUAL:
        return ((start_month + 10) % 12 + 1,)
    raise ValueError(f"unknown frequency {frequency!r}")


def period_allowed(m: Month, frequency: Frequency, start_month: int) -> bool:
    return m.month in allowed_months(frequency, start_month)


def parse_period(text: str) -> Month:
    """Read a period cell: ``2020-12``, ``Dec-20``, ``Dec 20``, ``Dec-2020`` or ``Dec 2020``,
    from January 1990 to December 2099 (``MonthOutOfRange`` outside).

    Date cells are the importer's business (it takes their year and month).
    """
    cleaned = text.strip()
    iso = _ISO_PERIOD.fullmatch(cleaned)
    if iso is not None:
        return Month.parse_accepted(cleaned)
    named = _NAMED_PERIOD.fullmatch(cleaned)
    if named is not None and named.group(1).lower() in _MONTH_NUMBERS:
        year_text = named.group(2)
        # Two-digit years are this century's: the scorecards start in the 2010s.
        year = 2000 + int(year_text) if len(year_text) == 2 else int(year_text)
        try:
            month = Month(year, _MONTH_NUMBERS[named.group(1).lower()])
        except ValueError as error:
            raise ValueError(f"period {text!r}: {error}") from None
        return check_month_accepted(month)
    raise ValueError(f"period {text!r} is not one of 2020-12, Dec-20, Dec 20, Dec-2020, Dec 2020")
