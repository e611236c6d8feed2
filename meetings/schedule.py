"""The dates a series of meetings falls on: "the first Tuesday of alternate months from May 2025
to April 2026". Pure date arithmetic, no Django (docs/meetings-screens.md), so that the rule is
tested on its own (tests/test_meeting_schedule.py) and the screen only shows and saves its dates.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

# Which such weekday of the month: 1 to 4, or LAST (a fifth one exists in some months only, so
# councils say "last" instead).
LAST = -1
WHICH = {1: "first", 2: "second", 3: "third", 4: "fourth", LAST: "last"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A series longer than this is a mistake in its dates (ten years of monthly meetings at most).
MOST_DATES = 120


@dataclass(frozen=True)
class SeriesRule:
    """The `which` `weekday` (0 Monday .. 6 Sunday) of every `every_months`-th month, counting
    from the month of `first`, on the days from `first` to `last` inclusive."""

    weekday: int
    which: int
    every_months: int
    first: datetime.date
    last: datetime.date

    def words(self) -> str:
        """"the first Tuesday of every 2 months from 1 May 2025 to 30 April 2026"."""
        months = "every month" if self.every_months == 1 else f"every {self.every_months} months"
        return (f"the {WHICH[self.which]} {WEEKDAYS[self.weekday]} of {months} from "
                f"{self.first.day} {self.first:%B %Y} to {self.last.day} {self.last:%B %Y}")


def nth_weekday(year: int, month: int, weekday: int, which: int) -> datetime.date:
    """The `which` (1..4, or LAST) `weekday` of the month: the first Tuesday of March 2021 is 2
    March 2021; the last Friday of April 2026 is 24 April 2026."""
    days = [week[weekday] for week in calendar.Calendar().monthdatescalendar(year, month)
            if week[weekday].month == month]
    return days[-1] if which == LAST else days[which - 1]


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def series_dates(rule: SeriesRule) -> list[datetime.date]:
    """The dates of the series, in order: one in each counted month whose day falls within
    [first, last]; a month whose day falls before `first` (the first Tuesday of May when the
    series starts on 10 May) is counted but has no meeting. Empty when `last` is before `first`;
    at most MOST_DATES."""
    if rule.which not in WHICH or not 0 <= rule.weekday <= 6 or rule.every_months < 1:
        raise ValueError(f"not a series rule: {rule}")
    dates: list[datetime.date] = []
    year, month = rule.first.year, rule.first.month
    while (year, month) <= (rule.last.year, rule.last.month) and len(dates) < MOST_DATES:
        day = nth_weekday(year, month, rule.weekday, rule.which)
        if rule.first <= day <= rule.last:
            dates.append(day)
        year, month = _add_months(year, month, rule.every_months)
    return dates


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?$", re.IGNORECASE)


def parse_time(text: str) -> datetime.time | None:
    """A start time as people type it or councils print it: "15:30", "3:30pm", "3.30 p.m.",
    "10am"; None when it is not a time (a 12-hour time needs am or pm to be past 12)."""
    match = _TIME.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").replace(".", "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match.group(2) is None:
        return None  # "15" alone could be anything
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


_PRINTED_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?,?\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December),?\s+\d{4}\b")


def restate_date(text: str, day: datetime.date | None) -> str:
    """The template's wording with the dates it prints ("Minutes of the previous meeting held on 5
    January 2021") made `day` ("... held on 2 March 2021"): a standard item's words were copied
    from one meeting's agenda. Unchanged when `day` is None (no earlier meeting)."""
    return text if day is None else _PRINTED_DATE.sub(f"{day.day} {day:%B %Y}", text)
