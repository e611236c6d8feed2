"""The pure rules of scheduling (meetings/schedule.py): which dates a series makes, the nth
weekday of a month, how a typed time reads, and a template's printed date made the right one."""

import calendar
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.schedule import LAST, SeriesRule, nth_weekday, parse_time, restate_date, series_dates

TUESDAY, FRIDAY = 1, 4


def test_first_tuesday_of_alternate_months():
    rule = SeriesRule(weekday=TUESDAY, which=1, every_months=2, first=datetime.date(2027, 5, 1),
                      last=datetime.date(2028, 4, 30))
    assert series_dates(rule) == [datetime.date(2027, 5, 4), datetime.date(2027, 7, 6), datetime.date(2027, 9, 7),
                                  datetime.date(2027, 11, 2), datetime.date(2028, 1, 4), datetime.date(2028, 3, 7)]
    assert rule.words() == "the first Tuesday of every 2 months from 1 May 2027 to 30 April 2028"


def test_a_month_whose_day_falls_before_the_start_is_counted_but_has_no_meeting():
    rule = SeriesRule(weekday=TUESDAY, which=1, every_months=1, first=datetime.date(2027, 5, 10),
                      last=datetime.date(2027, 7, 31))
    assert series_dates(rule) == [datetime.date(2027, 6, 1), datetime.date(2027, 7, 6)]


def test_the_last_friday_and_a_fourth_weekday():
    assert nth_weekday(2026, 4, FRIDAY, LAST) == datetime.date(2026, 4, 24)
    assert nth_weekday(2021, 3, TUESDAY, 1) == datetime.date(2021, 3, 2)  # the demo panel's meeting
    assert nth_weekday(2021, 3, TUESDAY, 4) == datetime.date(2021, 3, 23)


def test_an_end_before_the_start_makes_no_dates_and_a_bad_rule_is_refused():
    assert series_dates(SeriesRule(TUESDAY, 1, 1, datetime.date(2027, 5, 1), datetime.date(2027, 4, 1))) == []
    with pytest.raises(ValueError):
        series_dates(SeriesRule(TUESDAY, 5, 1, datetime.date(2027, 5, 1), datetime.date(2027, 9, 1)))


days = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2098, 12, 31))


@given(first=days, span=st.integers(0, 900), weekday=st.integers(0, 6), which=st.sampled_from([1, 2, 3, 4, LAST]),
       every=st.integers(1, 12))
def test_every_date_is_the_rule_within_the_range_in_months_the_step_apart(first, span, weekday, which, every):
    last = first + datetime.timedelta(days=span)
    dates = series_dates(SeriesRule(weekday, which, every, first, last))
    assert dates == sorted(set(dates))
    for day in dates:
        assert first <= day <= last and day.weekday() == weekday
        if which == LAST:
            assert (day + datetime.timedelta(days=7)).month != day.month
        else:
            assert (day.day - 1) // 7 + 1 == which
        assert ((day.year - first.year) * 12 + day.month - first.month) % every == 0
    # None missed: every counted month whose day falls inside the range has its meeting.
    months = {(day.year, day.month) for day in dates}
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = nth_weekday(year, month, weekday, which)
        assert ((year, month) in months) == (first <= day <= last)
        index = year * 12 + month - 1 + every
        year, month = index // 12, index % 12 + 1


@given(year=st.integers(1990, 2099), month=st.integers(1, 12), weekday=st.integers(0, 6))
def test_the_last_is_the_fourth_or_a_fifth(year, month, weekday):
    last = nth_weekday(year, month, weekday, LAST)
    assert last.day > calendar.monthrange(year, month)[1] - 7
    assert last in (nth_weekday(year, month, weekday, 4), nth_weekday(year, month, weekday, 4) + datetime.timedelta(7))


@pytest.mark.parametrize("text, time", [
    ("15:30", datetime.time(15, 30)), ("3:30pm", datetime.time(15, 30)), ("3.30 p.m.", datetime.time(15, 30)),
    ("10am", datetime.time(10, 0)), ("12pm", datetime.time(12, 0)), ("12.15 a.m.", datetime.time(0, 15)),
    (" 09:05 ", datetime.time(9, 5)),
])
def test_a_time_as_typed_or_printed(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize("text", ["", "15", "25:00", "13pm", "3:75pm", "half past three", "3:3"])
def test_not_a_time(text):
    assert parse_time(text) is None


def test_a_templates_printed_date_is_made_the_previous_meetings():
    previous = datetime.date(2021, 3, 2)
    assert restate_date("Minutes of the previous meeting held on 5 January 2021", previous) == \
        "Minutes of the previous meeting held on 2 March 2021"
    assert restate_date("Minutes of the previous meeting held on 6th April, 2016.", previous) == \
        "Minutes of the previous meeting held on 2 March 2021."
    assert restate_date("held on 5 January 2021", None) == "held on 5 January 2021"
