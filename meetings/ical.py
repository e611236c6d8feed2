"""A committee's meetings as an iCalendar feed (RFC 5545), written by hand: no Django here.

- Lines end CRLF and are folded at 75 octets (3.1), never inside a UTF-8 character; text values
  escape backslash, semicolon, comma and newlines (3.3.11).
- Times are local to Europe/London, with its VTIMEZONE (the UK's rule since 1996: summer time
  from 01:00 UTC on the last Sunday of March to the last Sunday of October). DTSTAMP is UTC.
- A meeting printed without a time is an all-day event (VALUE=DATE, ending the next day); one
  with a time is given `ASSUMED_LENGTH`, since no front sheet prints an end.
- UID is `meeting-<id>@<UID_DOMAIN>`: the same meeting keeps it whatever changes.
- SEQUENCE is the meeting's own count of changes (`Meeting.sequence`), raised by every change an
  advisor saves: a calendar applies a change only when the sequence grows.
- STATUS is CANCELLED for a cancelled meeting, TENTATIVE for a postponed one (the date no longer
  holds, and no new one is known), CONFIRMED otherwise.

Only the front sheet goes in: no agenda item, document or minute can reach a feed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

UID_DOMAIN = "panel-scorecards"
ASSUMED_LENGTH = datetime.timedelta(hours=2)
TZID = "Europe/London"
PRODID = "-//panel scorecards//committee meetings//EN"
LINE_OCTETS = 75

VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


@dataclass(frozen=True)
class Event:
    meeting_id: int
    summary: str
    day: datetime.date
    start: datetime.time | None
    location: str
    status: str  # a MeetingStatus value
    url: str
    sequence: int = 0
    # Why it was cancelled or postponed, as the public reads it on the meeting page.
    description: str = ""


def escape_text(value: str) -> str:
    """TEXT values (3.3.11): backslash first, then ; , and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets: the rest on lines beginning with one space (3.1)."""
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def event_lines(event: Event, stamp: datetime.datetime) -> list[str]:
    status = STATUS.get(event.status, "CONFIRMED")
    if event.start is None:
        timing = [
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + datetime.timedelta(days=1):%Y%m%d}",
        ]
    else:
        begins = datetime.datetime.combine(event.day, event.start)
        timing = [
            f"DTSTART;TZID={TZID}:{begins:%Y%m%dT%H%M%S}",
            f"DTEND;TZID={TZID}:{begins + ASSUMED_LENGTH:%Y%m%dT%H%M%S}",
        ]
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{event.meeting_id}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"SEQUENCE:{event.sequence}",
        *timing,
        f"SUMMARY:{escape_text(event.summary)}",
        f"STATUS:{status}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def calendar(name: str, events: Iterable[Event], stamp: datetime.datetime) -> str:
    """The feed: ``stamp`` (UTC) is when it was made, every event's DTSTAMP."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
