"""Reading a committee record file (docs/meetings-import.md): JSON in the shape of
fixtures/meetings.json to frozen rows, and every problem named with its path.

Pure: no Django, no database. What the database already holds that the reading depends on (the
printed names it places, the minute numbers it has used) comes in as `Known`; the writing is
`meetings.services.import_meetings`, which runs this first and writes nothing unless it found no
problem. Messages read as the workbook import's (`scorecards.compute.entry`):

    meetings[2].minutes[4].number: expected a whole number from 1; found "54a"

Unknown keys are ignored, never an error: the file's shape grows by addition.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from meetings.vocabulary import (
    PARAGRAPHS,
    AttendanceKind,
    AttendanceRole,
    InterestType,
    ItemStatus,
    ItemType,
    MeetingStatus,
    MembershipRole,
    municipal_year,
    municipal_year_label,
    name_key,
    paragraphs_in,
    printed_name,
    surname_key,
)
from scorecards.compute.entry import check_characters, quoted

# Longest texts, as the models store them.
LINE_LIMIT = 500
TEXT_LIMIT = 20_000
NAME_LIMIT = 200
TITLE_LIMIT = 50

DATE_FORM = "a date written yyyy-mm-dd (e.g. 2021-03-02)"
TIME_FORM = 'a time written hh:mm on the 24-hour clock (e.g. 15:30), or "" for none'
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
_URL = re.compile(r"https?://\S+[^\s.,;)]")
_APPENDIX_LABEL = re.compile(r"appendix\s+([A-Z0-9]{1,3})\b", re.IGNORECASE)
_MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_PRINTED_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r"),?\s+(\d{4})", re.IGNORECASE)
_CONFIRMS_TITLE = re.compile(r"^\s*minutes of the (?:previous )?meeting", re.IGNORECASE)


class _Missing:
    """A key the object does not have (not the same as null)."""


MISSING = _Missing()


# -- rows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    path: str  # meetings[2].minutes[4].number; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True)
class Name:
    """A person's name and title, as printed or as the person is known."""

    title: str
    name: str

    @property
    def key(self) -> tuple[str, str]:
        return name_key(self.title, self.name)

    def __str__(self) -> str:
        return printed_name(self.title, self.name)


@dataclass(frozen=True)
class MembershipRow:
    person: Name
    role: MembershipRole
    capacity: str
    represents: str
    scope: str
    path: str


@dataclass(frozen=True)
class AttendanceRow:
    person: Name
    kind: AttendanceKind
    role: AttendanceRole
    note: str
    for_minutes: tuple[int, ...]
    absent_for: tuple[int, ...]
    left_at: int | None  # left before this minute
    took_chair_at: int | None
    path: str


@dataclass(frozen=True)
class DeclarationRow:
    person: Name
    agenda_item_number: int | None
    minute_number: int | None
    interest_type: InterestType
    reason: str
    left_meeting: bool
    path: str


@dataclass(frozen=True)
class AppendixRow:
    label: str
    title: str


@dataclass(frozen=True)
class AgendaItemRow:
    order: int
    number: int | None
    title: str
    description: str
    item_type: ItemType
    section: str
    sub_items: tuple[str, ...]
    pages_as_printed: str
    page_from: int | None
    page_to: int | None
    status: ItemStatus
    exempt: bool
    exempt_paragraphs: tuple[int, ...]
    exempt_reason: str
    cover_title: str
    previous_meeting_date: datetime.date | None
    notes: str
    appendices: tuple[AppendixRow, ...]
    path: str


@dataclass(frozen=True)
class MinuteRow:
    order: int
    number: int
    title: str
    resolutions: tuple[str, ...]
    outcome: str
    body: str
    notes: str
    confirms: datetime.date | None  # the earlier meeting whose minutes this minute approves
    path: str


@dataclass(frozen=True)
class MeetingRow:
    path: str
    committee: str
    date: datetime.date
    start_time: datetime.time | None
    date_as_printed: str
    time_as_printed: str
    venue: str
    is_virtual: bool
    status: MeetingStatus
    webcast_url: str
    webcast_notice: str
    contact: str
    pre_meeting: str
    signed_by: str
    source: str
    source_role: str
    notes: str
    membership: tuple[MembershipRow, ...]
    attendance: tuple[AttendanceRow, ...]
    declarations: tuple[DeclarationRow, ...]
    agenda: tuple[AgendaItemRow, ...]
    minutes: tuple[MinuteRow, ...]
    # Set when a later meeting of the file approves these minutes (its minutes confirm them).
    approved_by: datetime.date | None = None

    @property
    def year(self) -> int:
        return municipal_year(self.date)


@dataclass(frozen=True)
class AliasRow:
    person: Name
    printed: tuple[Name, ...]
    path: str


@dataclass(frozen=True)
class MeetingsFile:
    meetings: tuple[MeetingRow, ...]
    aliases: tuple[AliasRow, ...]


@dataclass(frozen=True)
class Known:
    """What the database holds that reading a file depends on."""

    # Every printed name the database places, by name_key, on the person it means.
    aliases: dict[tuple[str, str], Name] = field(default_factory=dict)
    # The people stored (their own names).
    people: tuple[Name, ...] = ()
    # (committee name, municipal year, minute number) -> the date of the meeting it is minuted at.
    minute_numbers: dict[tuple[str, int, int], datetime.date] = field(default_factory=dict)


@dataclass(frozen=True)
class Reading:
    file: MeetingsFile | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


# -- words ------------------------------------------------------------------------------------


def found(value: Any) -> str:
    """What was found, as the messages say it."""
    if value is MISSING:
        return "nothing"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return quoted(str(value))


def _words(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip()).casefold()


def _choices(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " or " + names[-1]


def printed_date(text: str) -> datetime.date | None:
    """The first date printed in words in ``text``: "3RD FEBRUARY, 2016", "03 November 2020"."""
    match = _PRINTED_DATE.search(text)
    if match is None:
        return None
    day, month, year = int(match.group(1)), _MONTHS[match.group(2).casefold()], int(match.group(3))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def appendix_row(title: str) -> AppendixRow:
    """"Appendix A – Corporate Parenting ..." has the label "A"."""
    match = _APPENDIX_LABEL.match(title.strip())
    return AppendixRow(match.group(1) if match else "", title.strip())


# -- the reader -------------------------------------------------------------------------------


class _Reader:
    """Reads values out of the parsed JSON, noting every problem with its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def object(self, value: Any, path: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.problem(path, f"expected an object ({{...}}); found {found(value)}")
        return None

    def list(self, obj: dict, key: str, path: str, required: bool = True) -> list:
        value = obj.get(key, MISSING)
        if value is MISSING and not required:
            return []
        if isinstance(value, list):
            return value
        self.problem(f"{path}.{key}", f"expected a list ([...]); found {found(value)}")
        return []

    def text(self, obj: dict, key: str, path: str, *, required: bool = True, nonempty: bool = False,
             limit: int = TEXT_LIMIT, lines: bool = True) -> str:
        value = obj.get(key, MISSING)
        where = f"{path}.{key}"
        if value is MISSING and not required:
            return ""
        if not isinstance(value, str):
            what = "text" if not nonempty else "text, not empty"
            self.problem(where, f"expected {what}; found {found(value)}")
            return ""
        if nonempty and not value.strip():
            self.problem(where, f"expected text, not empty; found {found(value)}")
            return ""
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        problem = check_characters(text, where, lines=lines)
        if problem is not None:
            self.problem(where, problem.message)
            return ""
        if len(text) > limit:
            self.problem(where, f"expected at most {limit:,} characters; found {len(text):,}")
            return ""
        return text

    def integer(self, obj: dict, key: str, path: str, *, required: bool = True, nullable: bool = False,
                least: int = 1) -> int | None:
        value = obj.get(key, MISSING)
        where = f"{path}.{key}"
        if value is MISSING and not required:
            return None
        if value is None and nullable:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= least:
            return value
        null = " or null" if nullable else ""
        self.problem(where, f"expected a whole number from {least}{null}; found {found(value)}")
        return None

    def boolean(self, obj: dict, key: str, path: str, *, required: bool = True) -> bool:
        value = obj.get(key, MISSING)
        if value is MISSING and not required:
            return False
        if isinstance(value, bool):
            return value
        self.problem(f"{path}.{key}", f"expected true or false; found {found(value)}")
        return False

    def date(self, obj: dict, key: str, path: str, *, required: bool = True) -> datetime.date | None:
        value = obj.get(key, MISSING)
        if value is MISSING and not required:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                self.problem(f"{path}.{key}", f"expected {DATE_FORM}; found {found(value)}, which is no such day")
                return None
        self.problem(f"{path}.{key}", f"expected {DATE_FORM}; found {found(value)}")
        return None

    def time(self, obj: dict, key: str, path: str) -> datetime.time | None:
        value = obj.get(key, MISSING)
        if value == "":
            return None
        match = _TIME.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            self.problem(f"{path}.{key}", f"expected {TIME_FORM}; found {found(value)}")
            return None
        return datetime.time(int(match.group(1)), int(match.group(2)))

    def choice(self, obj: dict, key: str, path: str, enum: type, *, required: bool = True, default=None,
               names: list[str] | None = None):
        """One of ``enum``, written as its value or its label in any case, with spaces, - or _."""
        value = obj.get(key, MISSING)
        if value is MISSING and not required:
            return default
        if isinstance(value, str):
            wanted = _words(value)
            for member in enum:
                if wanted in (_words(member.value), _words(member.label)):
                    return member
        shown = names or [member.label.lower() if member.value else '""' for member in enum]
        self.problem(f"{path}.{key}", f"expected {_choices(shown)}; found {found(value)}")
        return None

    def numbers(self, obj: dict, key: str, path: str) -> tuple[int, ...]:
        """An optional list of whole numbers (minute numbers)."""
        values = self.list(obj, key, path, required=False)
        numbers = []
        for index, value in enumerate(values):
            if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                numbers.append(value)
            else:
                self.problem(f"{path}.{key}[{index}]", f"expected a whole number from 1; found {found(value)}")
        return tuple(numbers)

    def name(self, obj: dict, path: str, key: str = "name") -> Name | None:
        name = self.text(obj, key, path, nonempty=True, limit=NAME_LIMIT, lines=False)
        title = self.text(obj, "title", path, limit=TITLE_LIMIT, lines=False)
        return Name(title, name) if name else None


# Roles of a membership, and of someone at a meeting, as the file writes them.
MEMBERSHIP_ROLE_NAMES = ["chair", "vice-chair", "member", "co-opted member", "substitute"]
ATTENDANCE_ROLE_NAMES = [*MEMBERSHIP_ROLE_NAMES, "officer", "cabinet member", "external", '"" (none given)']
ITEM_TYPE_NAMES = [member.value for member in ItemType]
ITEM_STATUS_NAMES = ["listed", "withdrawn", "deferred", "added as urgent"]
INTEREST_NAMES = ["pecuniary", "non-pecuniary", "other"]
STATUS_NAMES = ["scheduled", "held", "cancelled", "postponed"]


def read_meetings(data: Any, known: Known | None = None, *, today: datetime.date | None = None) -> Reading:
    """The file's meetings as rows, or every problem found; nothing is half read."""
    known = known or Known()
    reader = _Reader()
    top = reader.object(data, "")
    if top is None:
        return Reading(None, tuple(reader.problems))
    aliases = _read_aliases(reader, top, known)
    if "meetings" in top:
        raw_meetings = reader.list(top, "meetings", "")
    else:
        reader.problem("meetings", "expected a list ([...]) of meetings; found nothing")
        raw_meetings = []
    today = today or datetime.date.today()
    meetings = [_read_meeting(reader, raw, f"meetings[{index}]", today) for index, raw in enumerate(raw_meetings)]
    meetings = [meeting for meeting in meetings if meeting is not None]
    if reader.problems:
        return Reading(None, tuple(reader.problems))
    placed = _place_people(reader, meetings, aliases, known)
    _check_meetings(reader, placed, known)
    if reader.problems:
        return Reading(None, tuple(reader.problems))
    return Reading(MeetingsFile(tuple(_approvals(placed)), tuple(aliases)), ())


def _read_aliases(reader: _Reader, top: dict, known: Known) -> list[AliasRow]:
    rows: list[AliasRow] = []
    seen: dict[tuple[str, str], str] = {}  # printed key -> where it was first given
    for index, raw in enumerate(reader.list(top, "aliases", "", required=False)):
        path = f"aliases[{index}]"
        entry = reader.object(raw, path)
        if entry is None:
            continue
        person_raw = reader.object(entry.get("person", MISSING), f"{path}.person")
        person = reader.name(person_raw, f"{path}.person") if person_raw is not None else None
        printed = []
        for at, raw_name in enumerate(reader.list(entry, "printed", path, required=False)):
            where = f"{path}.printed[{at}]"
            name_raw = reader.object(raw_name, where)
            name = reader.name(name_raw, where) if name_raw is not None else None
            if name is not None:
                printed.append((name, where))
        if person is None:
            continue
        for name, where in [(person, f"{path}.person"), *printed]:
            if name.key in seen and seen[name.key] != f"{path}.person":
                reader.problem(f"{where}.name", f'expected each printed name once in "aliases"; found {quoted(str(name))} '
                               f"again (also {seen[name.key]})")
                continue
            seen[name.key] = where
            placed = known.aliases.get(name.key)
            if placed is not None and placed.key != person.key:
                reader.problem(f"{where}.name", f"expected a name the database does not already place on someone else; "
                               f"found {quoted(str(name))}, which it places on {quoted(str(placed))}")
        rows.append(AliasRow(person, tuple(name for name, _ in printed if name.key != person.key), path))
    return rows


def _read_meeting(reader: _Reader, raw: Any, path: str, today: datetime.date) -> MeetingRow | None:
    obj = reader.object(raw, path)
    if obj is None:
        return None
    before = len(reader.problems)
    source = reader.text(obj, "seed", path, limit=100, lines=False)
    committee = reader.text(obj, "committee", path, nonempty=True, limit=200, lines=False)
    day = reader.date(obj, "date", path)
    start = reader.time(obj, "time", path)
    venue = reader.text(obj, "venue", path, limit=300, lines=False)
    webcast = reader.text(obj, "webcast", path, required=False)
    url = _URL.search(webcast)
    default_status = MeetingStatus.HELD if day is not None and day < today else MeetingStatus.SCHEDULED
    status = reader.choice(obj, "status", path, MeetingStatus, required=False, default=default_status, names=STATUS_NAMES)
    virtual = reader.boolean(obj, "virtual", path, required=False) if "virtual" in obj else "virtual" in venue.casefold()
    notes = obj.get("notes", [])
    notes_text = "\n".join(note for note in notes if isinstance(note, str)) if isinstance(notes, list) else ""

    membership = [_read_membership(reader, item, f"{path}.membership[{index}]")
                  for index, item in enumerate(reader.list(obj, "membership", path))]
    attendance = []
    for key, kind in (("present", AttendanceKind.PRESENT), ("apologies", AttendanceKind.APOLOGIES),
                      ("substitutes", AttendanceKind.SUBSTITUTE), ("in_attendance", AttendanceKind.IN_ATTENDANCE)):
        rows = reader.list(obj, key, path, required=key != "substitutes")
        attendance += [_read_attendance(reader, item, f"{path}.{key}[{index}]", kind) for index, item in enumerate(rows)]
    declarations = [_read_declaration(reader, item, f"{path}.declarations_of_interest[{index}]")
                    for index, item in enumerate(reader.list(obj, "declarations_of_interest", path, required=False))]
    agenda = [_read_item(reader, item, f"{path}.agenda[{index}]", index + 1)
              for index, item in enumerate(reader.list(obj, "agenda", path))]
    minutes = [_read_minute(reader, item, f"{path}.minutes[{index}]", index + 1)
               for index, item in enumerate(reader.list(obj, "minutes", path))]
    if len(reader.problems) > before or day is None:
        return None
    return MeetingRow(
        path=path, committee=committee, date=day, start_time=start,
        date_as_printed=reader.text(obj, "date_as_printed", path, required=False, limit=100, lines=False),
        time_as_printed=reader.text(obj, "time_as_printed", path, required=False, limit=100, lines=False),
        venue=venue, is_virtual=virtual, status=status, webcast_url=url.group() if url else "", webcast_notice=webcast,
        contact=reader.text(obj, "contact", path, required=False, limit=LINE_LIMIT),
        pre_meeting=reader.text(obj, "pre_meeting", path, required=False, limit=LINE_LIMIT),
        signed_by=reader.text(obj, "signed_by", path, required=False, limit=300),
        source=source, source_role=reader.text(obj, "source_role", path, required=False, limit=20, lines=False),
        notes=notes_text,
        membership=tuple(row for row in membership if row is not None),
        attendance=tuple(row for row in attendance if row is not None),
        declarations=tuple(row for row in declarations if row is not None),
        agenda=tuple(row for row in agenda if row is not None),
        minutes=tuple(row for row in minutes if row is not None),
    )


def _read_membership(reader: _Reader, raw: Any, path: str) -> MembershipRow | None:
    obj = reader.object(raw, path)
    if obj is None:
        return None
    name = reader.name(obj, path)
    role = reader.choice(obj, "role", path, MembershipRole, names=MEMBERSHIP_ROLE_NAMES)
    represents = reader.text(obj, "represents", path, required=False, limit=300)
    scope = reader.text(obj, "scope", path, required=False, limit=300)
    capacity = reader.text(obj, "capacity", path, required=False, limit=300)
    if role == MembershipRole.CO_OPTED and not represents:
        if "represents" not in obj:
            reader.problem(f"{path}.represents", "expected the organisation a co-opted member represents; found nothing")
    elif role is not None and role != MembershipRole.CO_OPTED and (represents or scope):
        key = "represents" if represents else "scope"
        reader.problem(f"{path}.{key}", f"expected no organisation or scope but for a co-opted member; found "
                       f"{quoted(represents or scope)} for a {role.label.lower()}")
    if name is None or role is None:
        return None
    return MembershipRow(name, role, capacity, represents, scope, path)


def _read_attendance(reader: _Reader, raw: Any, path: str, kind: AttendanceKind) -> AttendanceRow | None:
    obj = reader.object(raw, path)
    if obj is None:
        return None
    name = reader.name(obj, path)
    role = reader.choice(obj, "role", path, AttendanceRole, names=ATTENDANCE_ROLE_NAMES)
    note = reader.text(obj, "note", path, required=False)
    for_minutes = reader.numbers(obj, "for_minutes", path)
    absent_for = reader.numbers(obj, "absent_for_minutes", path)
    left_at = reader.integer(obj, "left_before_minute", path, required=False)
    chaired = reader.numbers(obj, "chaired_minutes", path)
    if name is None or role is None:
        return None
    return AttendanceRow(name, kind, role, note, for_minutes, absent_for, left_at, min(chaired) if chaired else None, path)


def _read_declaration(reader: _Reader, raw: Any, path: str) -> DeclarationRow | None:
    obj = reader.object(raw, path)
    if obj is None:
        return None
    name = reader.name(obj, path, key="member")
    item = reader.integer(obj, "agenda_item", path, required=False, nullable=True)
    minute = reader.integer(obj, "minute", path, required=False, nullable=True)
    interest = reader.choice(obj, "type", path, InterestType, names=INTEREST_NAMES)
    reason = reader.text(obj, "reason", path, required=False)
    left = reader.boolean(obj, "left_meeting", path, required=False)
    if name is None or interest is None:
        return None
    return DeclarationRow(name, item, minute, interest, reason, left, path)


def _read_item(reader: _Reader, raw: Any, path: str, order: int) -> AgendaItemRow | None:
    obj = reader.object(raw, path)
    if obj is None:
        return None
    before = len(reader.problems)
    number = reader.integer(obj, "number", path, nullable=True)
    title = reader.text(obj, "title", path, nonempty=True, limit=LINE_LIMIT)
    description = reader.text(obj, "description", path)
    pages = reader.text(obj, "pages", path, limit=50, lines=False)
    page_from = reader.integer(obj, "page_from", path, nullable=True)
    page_to = reader.integer(obj, "page_to", path, nullable=True)
    if page_from is not None and page_to is not None and page_from > page_to:
        reader.problem(f"{path}.page_to", f"expected a last page from the first page ({page_from}) on; found {page_to}")
    elif len(reader.problems) == before and (page_from is None) != (page_to is None):
        missing = "page_to" if page_to is None else "page_from"
        reader.problem(f"{path}.{missing}", "expected both the first and the last page, or neither; found null")
    exempt = reader.boolean(obj, "exempt", path)
    item_type = reader.choice(obj, "derived_item_type", path, ItemType, names=ITEM_TYPE_NAMES)
    status = reader.choice(obj, "status", path, ItemStatus, required=False, default=ItemStatus.LISTED,
                           names=ITEM_STATUS_NAMES)
    grounds = reader.text(obj, "exempt_grounds", path, required=False)
    paragraphs = _read_paragraphs(reader, obj, path, exempt, grounds)
    sub_items = []
    for index, value in enumerate(reader.list(obj, "sub_items", path, required=False)):
        if isinstance(value, str) and value.strip():
            sub_items.append(value.strip())
        else:
            reader.problem(f"{path}.sub_items[{index}]", f"expected text, not empty; found {found(value)}")
    appendices = []
    for index, value in enumerate(reader.list(obj, "appendices", path, required=False)):
        if isinstance(value, str) and value.strip():
            appendices.append(appendix_row(value))
        else:
            reader.problem(f"{path}.appendices[{index}]", f"expected text, not empty; found {found(value)}")
    previous = reader.date(obj, "previous_meeting_date", path, required=False)
    if len(reader.problems) > before:
        return None
    return AgendaItemRow(
        order=order, number=number, title=title, description=description, item_type=item_type,
        section=reader.text(obj, "section", path, required=False, limit=200),
        sub_items=tuple(sub_items), pages_as_printed=pages, page_from=page_from, page_to=page_to, status=status,
        exempt=exempt, exempt_paragraphs=paragraphs, exempt_reason=grounds,
        cover_title=reader.text(obj, "cover_title", path, required=False, limit=LINE_LIMIT),
        previous_meeting_date=previous, notes=reader.text(obj, "notes", path, required=False),
        appendices=tuple(appendices), path=path,
    )


def _read_paragraphs(reader: _Reader, obj: dict, path: str, exempt: bool, grounds: str) -> tuple[int, ...]:
    """An exempt item's Schedule 12A paragraphs: `exempt_paragraphs`, else those its printed
    `exempt_grounds` name ("By virtue of paragraph(s) 1, 2 of Part 1 ...")."""
    where = f"{path}.exempt_paragraphs"
    before = len(reader.problems)
    if "exempt_paragraphs" in obj:
        paragraphs = []
        for index, value in enumerate(reader.list(obj, "exempt_paragraphs", path)):
            if isinstance(value, int) and not isinstance(value, bool) and value in PARAGRAPHS:
                paragraphs.append(value)
            else:
                reader.problem(f"{where}[{index}]", f"expected a paragraph of Part 1 of Schedule 12A, a whole number "
                               f"from 1 to 7; found {found(value)}")
    else:
        paragraphs = paragraphs_in(grounds)
        wrong = [number for number in paragraphs if number not in PARAGRAPHS]
        if wrong:
            reader.problem(f"{path}.exempt_grounds", f"expected paragraphs of Part 1 of Schedule 12A, 1 to 7; found "
                           f"paragraph {wrong[0]} in {quoted(grounds)}")
    if len(reader.problems) > before:
        return ()
    if exempt and not paragraphs:
        reader.problem(where, "expected the Schedule 12A paragraphs (1 to 7) that make the item exempt, e.g. [1, 2], "
                       "or exempt_grounds naming them; found none")
    if not exempt and paragraphs:
        reader.problem(where, f"expected no Schedule 12A paragraphs for an item not exempt; found "
                       f"{', '.join(str(number) for number in paragraphs)}")
    return tuple(sorted(set(paragraphs)))


def _read_minute(reader: _Reader, raw: Any, path: str, order: int) -> MinuteRow | None:
    obj = reader.object(raw, path)
    if obj is None:
        return None
    before = len(reader.problems)
    number = reader.integer(obj, "number", path)
    title = reader.text(obj, "title", path, nonempty=True, limit=LINE_LIMIT)
    resolutions = []
    for index, value in enumerate(reader.list(obj, "resolved", path)):
        if isinstance(value, str) and value.strip():
            resolutions.append(value.strip())
        else:
            reader.problem(f"{path}.resolved[{index}]", f"expected text, not empty; found {found(value)}")
    outcome = reader.text(obj, "outcome", path, required=False)
    body = reader.text(obj, "body", path, required=False)
    notes = reader.text(obj, "notes", path, required=False)
    confirms = reader.date(obj, "confirms", path, required=False)
    if confirms is None and "confirms" not in obj and _CONFIRMS_TITLE.match(title):
        # "MINUTES OF THE PREVIOUS MEETING HELD ON 03 NOVEMBER 2020": approved, or at least taken.
        confirms = printed_date(title) or printed_date(" ".join([*resolutions, outcome]))
    if len(reader.problems) > before:
        return None
    return MinuteRow(order, number, title, tuple(resolutions), outcome, body, notes, confirms, path)


# -- people -----------------------------------------------------------------------------------


def _place_people(reader: _Reader, meetings: list[MeetingRow], aliases: list[AliasRow], known: Known) -> list[MeetingRow]:
    """Every printed name as the person it means, or a problem: a name is placed by an alias
    (the file's or the database's), else taken as its own person when no other name looks like
    it; two names alike ("Elliot", "M. Elliott") are never guessed at."""
    placing: dict[tuple[str, str], Name] = dict(known.aliases)
    for alias in aliases:
        for name in (alias.person, *alias.printed):
            placing[name.key] = alias.person
    # Every name in sight, by surname: the file's, the aliases', the database's people.
    alike: dict[str, dict[tuple[str, str], Name]] = defaultdict(dict)
    printed = [row.person for meeting in meetings for row in (*meeting.membership, *meeting.attendance, *meeting.declarations)]
    for name in [*printed, *known.people, *placing.values()]:
        alike[surname_key(name.name)][name.key] = name
    for key in placing:
        alike[surname_key(key[1])].setdefault(key, placing[key])

    def place(name: Name, path: str) -> Name:
        if name.key in placing:
            return placing[name.key]
        # The people the names alike mean (an alias and its person are one).
        others = {placing.get(key, other) for key, other in alike[surname_key(name.name)].items() if key != name.key}
        others = [other for other in others if other.key != name.key]
        if others:
            shown = " or ".join(quoted(str(other)) for other in sorted(others, key=str)[:3])
            reader.problem(path, f'expected a person the import can place by name and title, or a name given in "aliases"; '
                           f"found {quoted(str(name))}, whose name is like {shown}: say in \"aliases\" who is who")
        return name

    placed = []
    for meeting in meetings:
        membership = tuple(_replace(row, person=place(row.person, f"{row.path}.name")) for row in meeting.membership)
        attendance = tuple(_replace(row, person=place(row.person, f"{row.path}.name")) for row in meeting.attendance)
        declarations = tuple(_replace(row, person=place(row.person, f"{row.path}.member")) for row in meeting.declarations)
        placed.append(_replace(meeting, membership=membership, attendance=attendance, declarations=declarations))
    return placed


def _replace(row, **changes):
    return replace(row, **changes)


# -- the file as a whole ----------------------------------------------------------------------


def _check_meetings(reader: _Reader, meetings: list[MeetingRow], known: Known) -> None:
    """What no single meeting shows: one meeting a day per committee, minute numbers once in a
    committee's municipal year, one role per person and one chair a year, each person once per
    meeting, and minutes named by attendance being the meeting's."""
    days: dict[tuple[str, datetime.date], str] = {}
    numbers: dict[tuple[str, int, int], str] = {}
    roles: dict[tuple[str, int, tuple[str, str]], MembershipRow] = {}
    chairs: dict[tuple[str, int, MembershipRole], MembershipRow] = {}
    in_file = {(meeting.committee, meeting.date) for meeting in meetings}
    for meeting in meetings:
        key = (meeting.committee, meeting.date)
        if key in days:
            reader.problem(f"{meeting.path}.date", f"expected one meeting of {meeting.committee} a day; found "
                           f"{meeting.date.isoformat()} again (also {days[key]})")
            continue
        days[key] = meeting.path
        year = meeting.year
        for minute in meeting.minutes:
            number_key = (meeting.committee, year, minute.number)
            stored = known.minute_numbers.get(number_key)
            where = numbers.get(number_key) or (
                f"minute {minute.number} of {stored:%-d %B %Y} in the database"
                if stored is not None and (meeting.committee, stored) not in in_file else None
            )
            if where is not None:
                reader.problem(f"{minute.path}.number", f"expected a minute number not yet used in the {meeting.committee}'s "
                               f"{municipal_year_label(year)} municipal year (numbers run on through the year); found "
                               f"{minute.number} again (also {where})")
            else:
                numbers[number_key] = f"{minute.path}, {meeting.date:%-d %B %Y}"
        _check_membership(reader, meeting, roles, chairs)
        _check_attendance(reader, meeting)


def _check_membership(reader, meeting: MeetingRow, roles: dict, chairs: dict) -> None:
    for row in meeting.membership:
        role_key = (meeting.committee, meeting.year, row.person.key)
        first = roles.setdefault(role_key, row)
        if first is not row and first.role != row.role:
            reader.problem(f"{row.path}.role", f"expected one role for {row.person} in {meeting.committee} in "
                           f"{municipal_year_label(meeting.year)} ({first.role.label.lower()} at {first.path}); found "
                           f"{quoted(row.role.label.lower())}")
        if row.role in (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR):
            chair = chairs.setdefault((meeting.committee, meeting.year, row.role), row)
            if chair.person.key != row.person.key:
                reader.problem(f"{row.path}.role", f"expected one {row.role.label.lower()} of {meeting.committee} in "
                               f"{municipal_year_label(meeting.year)}; found {row.person} after {chair.person} "
                               f"({chair.path})")


def _check_attendance(reader, meeting: MeetingRow) -> None:
    seen: dict[tuple[str, str], str] = {}
    minute_numbers = {minute.number for minute in meeting.minutes}
    listed = (f"{min(minute_numbers)} to {max(minute_numbers)}" if minute_numbers else "none")
    for row in meeting.attendance:
        if row.person.key in seen:
            reader.problem(f"{row.path}.name", f"expected each person once in a meeting's attendance; found "
                           f"{quoted(str(row.person))} again (also {seen[row.person.key]})")
        seen.setdefault(row.person.key, row.path)
        named = [("for_minutes", number) for number in row.for_minutes]
        named += [("absent_for_minutes", number) for number in row.absent_for]
        named += [("left_before_minute", row.left_at)] if row.left_at is not None else []
        for key, number in named:
            if number not in minute_numbers:
                reader.problem(f"{row.path}.{key}", f"expected the number of a minute of this meeting ({listed}); "
                               f"found {number}")
    for row in meeting.declarations:
        if row.minute_number is not None and row.minute_number not in minute_numbers:
            reader.problem(f"{row.path}.minute", f"expected the number of a minute of this meeting ({listed}); "
                           f"found {row.minute_number}")


def _approvals(meetings: list[MeetingRow]) -> list[MeetingRow]:
    """Each meeting's minutes approved by the first later meeting of its committee in the file
    whose minutes confirm them."""
    confirming: dict[tuple[str, datetime.date], datetime.date] = {}
    for meeting in sorted(meetings, key=lambda row: row.date, reverse=True):
        for minute in meeting.minutes:
            if minute.confirms is not None and minute.confirms < meeting.date:
                confirming[(meeting.committee, minute.confirms)] = meeting.date
    return [_replace(meeting, approved_by=confirming.get((meeting.committee, meeting.date))) if meeting.minutes else meeting
            for meeting in meetings]
