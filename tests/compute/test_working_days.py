"""Working days after a month's end: weekends and the bank holidays of England and Wales."""

import datetime

import holidays
import pytest

from scorecards.compute.periods import Month
from scorecards.compute.working_days import (
    bank_holidays_england_and_wales,
    month_end_deadline,
    working_day_after,
    working_days_between,
)

D = datetime.date

# (month, working day N, the deadline, why)
DEADLINES = [
    (Month(2020, 12), 1, D(2021, 1, 4), "New Year's Day (Friday) and the weekend"),
    (Month(2020, 12), 10, D(2021, 1, 15), "two weeks from Monday 4 January"),
    (Month(2021, 11), 20, D(2021, 12, 30), "Christmas 2021 on a Saturday: substitute days Monday 27 and Tuesday 28"),
    (Month(2021, 12), 1, D(2022, 1, 4), "New Year's Day on a Saturday: substitute Monday 3 January"),
    (Month(2022, 11), 18, D(2022, 12, 28), "Boxing Day Monday, Christmas substitute Tuesday 27"),
    (Month(2021, 3), 1, D(2021, 4, 1), "Wednesday 31 March: Thursday 1 April is working day 1"),
    (Month(2021, 3), 2, D(2021, 4, 6), "Good Friday 2 April and Easter Monday 5 April skipped"),
    (Month(2024, 2), 19, D(2024, 3, 27), "Wednesday 27 March 2024, before Good Friday 29 March"),
    (Month(2024, 2), 20, D(2024, 3, 28), "Maundy Thursday is a working day"),
    (Month(2024, 2), 21, D(2024, 4, 2), "Good Friday 29 March and Easter Monday 1 April 2024 skipped"),
    (Month(2022, 5), 1, D(2022, 6, 1), "Wednesday 1 June"),
    (Month(2022, 5), 2, D(2022, 6, 6), "the Platinum Jubilee bank holidays, 2 and 3 June 2022"),
    (Month(2023, 9), 1, D(2023, 10, 2), "the month ends on a Saturday"),
    (Month(2023, 4), 10, D(2023, 5, 16), "Early May (1 May) and the Coronation (8 May 2023)"),
]


@pytest.mark.parametrize(("month", "day", "deadline", "why"), DEADLINES, ids=[row[3] for row in DEADLINES])
def test_month_end_deadline(month, day, deadline, why):
    assert month_end_deadline(month, day) == deadline


# (start, count, bank holidays given, expected): the counting itself, with a calendar passed in.
COUNTING = [
    (D(2021, 1, 1), 1, frozenset(), D(2021, 1, 4)),  # Friday to Monday
    (D(2021, 1, 4), 5, frozenset(), D(2021, 1, 11)),
    (D(2021, 1, 4), 1, frozenset({D(2021, 1, 5)}), D(2021, 1, 6)),
    (D(2021, 1, 8), 1, frozenset({D(2021, 1, 11), D(2021, 1, 12)}), D(2021, 1, 13)),
]


@pytest.mark.parametrize(("start", "count", "closed", "expected"), COUNTING)
def test_working_day_after(start, count, closed, expected):
    assert working_day_after(start, count, closed) == expected


def test_working_days_are_counted_from_one():
    with pytest.raises(ValueError):
        working_day_after(D(2021, 1, 1), 0, frozenset())


def test_working_days_between():
    closed = bank_holidays_england_and_wales([2021])
    assert working_days_between(D(2021, 1, 15), D(2021, 1, 15), closed) == 0
    assert working_days_between(D(2021, 1, 15), D(2021, 1, 18), closed) == 1  # over a weekend
    assert working_days_between(D(2021, 3, 31), D(2021, 4, 6), closed) == 2  # over Easter


def test_england_and_wales_share_their_bank_holidays():
    years = range(1990, 2100)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert set(england) == set(wales)
    scotland = holidays.country_holidays("GB", subdiv="SCT", years=[2021])
    assert D(2021, 1, 4) in scotland and D(2021, 1, 4) not in bank_holidays_england_and_wales([2021])
