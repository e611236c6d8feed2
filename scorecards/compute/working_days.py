"""Working days and the month-end deadline (docs/architecture.md, submission, sign-off and deadline).

A working day is a weekday that is not a bank holiday of England and Wales. The two nations share
one list of bank holidays (Scotland and Northern Ireland have their own); the `holidays` package
gives it offline as subdivision "ENG" of "GB" (its "WLS" list is the same, checked in
tests/compute/test_working_days.py). The packs issue counts its days with the same calendar.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Container, Iterable

import holidays

from scorecards.compute.periods import Month

# Five working days a week: a deadline of working day 23 falls at most five weeks after the month.
LATEST_DEADLINE_DAY = 23


def bank_holidays_england_and_wales(years: Iterable[int]) -> frozenset[datetime.date]:
    """The bank holidays of England and Wales in `years`, substitute days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=list(years)))


def last_day(month: Month) -> datetime.date:
    return datetime.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


def is_working_day(day: datetime.date, bank_holidays: Container[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in bank_holidays


def working_day_after(day: datetime.date, count: int, bank_holidays: Container[datetime.date]) -> datetime.date:
    """The `count`th working day after `day` (`day` itself never counts)."""
    if count < 1:
        raise ValueError(f"count working days from 1, not {count}")
    found = 0
    while found < count:
        day += datetime.timedelta(days=1)
        if is_working_day(day, bank_holidays):
            found += 1
    return day


def month_end_deadline(
    month: Month, working_day: int, bank_holidays: Container[datetime.date] | None = None
) -> datetime.date:
    """Working day `working_day` after the last day of `month`: when its figures are due signed off.

    `bank_holidays` defaults to those of England and Wales in the month's year and the next.
    """
    if bank_holidays is None:
        bank_holidays = bank_holidays_england_and_wales([month.year, month.year + 1])
    return working_day_after(last_day(month), working_day, bank_holidays)


def working_days_between(start: datetime.date, end: datetime.date, bank_holidays: Container[datetime.date]) -> int:
    """How many working days lie after `start` up to and including `end` (0 when `end` is not later)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, bank_holidays)
    return count
