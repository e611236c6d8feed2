"""Writes of the committee record (docs/meetings-import.md).

`import_meetings` reads a file with `meetings.importer.read_meetings` and, only when it found no
problem, writes it in one transaction: all or nothing. Importing again updates the same rows in
place (a meeting is its committee and date; an agenda item its number, else its place; a minute
its number; attendance its person), saves only what changed (so the history grows only by real
changes) and removes what the file no longer holds, never anything the import did not write.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.text import slugify

from accounts.models import Person, PersonAlias
from meetings.importer import (
    AgendaItemRow,
    AliasRow,
    Known,
    MeetingRow,
    MinuteRow,
    Name,
    Problem,
    read_meetings,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    Minutes,
    Resolution,
    StandardItem,
)
from meetings.vocabulary import (
    STANDARD_ITEM_TYPES,
    DocumentKind,
    MinutesState,
    committee_kind_from_name,
    name_key,
)

# Places the import's appendices take among an item's documents, clear of those added in the app.
IMPORTED_DOCUMENT_ORDER = 1000
# Moved out of the way while an agenda or minutes is reordered (the places are unique).
REORDER_OFFSET = 100_000


@dataclass
class ImportResult:
    source_name: str
    problems: tuple[Problem, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)  # "meetings created" -> 2

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if not self.ok:
            return [f"error: {problem}" for problem in self.problems]
        return [f"{what}: {count}" for what, count in self.counts.items()]


def import_meetings_file(path: str | Path, *, reason: str = "") -> ImportResult:
    """Import a JSON file; a file that is not JSON is one problem, named with its line."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return ImportResult(path.name, (Problem("", f"expected a readable UTF-8 file; found {error}"),))
    except json.JSONDecodeError as error:
        return ImportResult(path.name, (Problem("", f"expected JSON; found {error.msg} at line {error.lineno}, "
                                                    f"column {error.colno}"),))
    return import_meetings(data, source_name=path.name, reason=reason)


def import_meetings(data: Any, *, source_name: str = "meetings.json", reason: str = "") -> ImportResult:
    """All or nothing: every problem of the file, or every meeting written."""
    reason = reason or f"import_meetings {source_name}"
    try:
        with transaction.atomic():
            reading = read_meetings(data, known_now())
            if not reading.ok:
                return ImportResult(source_name, reading.problems)
            writer = _Writer(reason)
            writer.write(reading.file.aliases, reading.file.meetings)
            return ImportResult(source_name, counts=dict(writer.counts))
    except IntegrityError as error:
        # Something stored outside the file disagrees with it (a chair entered in the app, say).
        return ImportResult(source_name, (Problem("", f"expected a file that agrees with what is stored; found {error}"),))


def known_now() -> Known:
    """What the reader checks a file against: the printed names placed, the minute numbers used."""
    people = {person.pk: Name(person.title, person.name) for person in Person.objects.all()}
    aliases = {name_key(alias.title, alias.name): people[alias.person_id] for alias in PersonAlias.objects.all()}
    numbers = {
        (committee, year, number): day
        for committee, year, number, day in Minute.objects.values_list(
            "committee__name", "municipal_year", "number", "meeting__date"
        )
    }
    return Known(aliases=aliases, people=tuple(people.values()), minute_numbers=numbers)


def _assign(obj: models.Model, values: dict) -> bool:
    """Set ``values`` on ``obj``; True when any differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


class _Writer:
    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.counts: dict[str, int] = {}
        self.people: dict[tuple[str, str], Person] = {
            name_key(person.title, person.name): person for person in Person.objects.all()
        }
        self.committees: dict[str, Committee] = {}

    def count(self, what: str, created: bool, changed: bool) -> None:
        key = f"{what} {'created' if created else 'updated' if changed else 'unchanged'}"
        self.counts[key] = self.counts.get(key, 0) + 1

    def save(self, obj: models.Model, what: str, values: dict) -> bool:
        """Save ``obj`` with ``values`` when new or changed, with the import's reason in its history."""
        created = obj.pk is None
        changed = _assign(obj, values)
        if created or changed:
            obj._change_reason = self.reason
            obj.save()
        self.count(what, created, changed)
        return created or changed

    # -- people and committees

    def person(self, name: Name) -> Person:
        person = self.people.get(name.key)
        if person is None:
            person = Person(title=name.title, name=name.name)
            person.save()
            self.people[name.key] = person
            self.count("people", True, True)
        return person

    def write_aliases(self, aliases: Iterable[AliasRow]) -> None:
        """Each alias entry's printed names (and the person's own) placed on that person, for
        this import and every later one."""
        for alias in aliases:
            person = self.person(alias.person)
            for name in (alias.person, *alias.printed):
                PersonAlias.objects.get_or_create(title=name.title, name=name.name, defaults={"person": person})

    def committee(self, name: str) -> Committee:
        if name not in self.committees:
            committee = Committee.objects.filter(name=name).first()
            if committee is None:
                committee = Committee.objects.create(name=name, slug=slugify(name)[:100],
                                                     kind=committee_kind_from_name(name))
                self.count("committees", True, True)
            self.committees[name] = committee
        return self.committees[name]

    # -- meetings

    def write(self, aliases: Iterable[AliasRow], meetings: Iterable[MeetingRow]) -> None:
        self.write_aliases(aliases)
        written = [(row, self.meeting(row)) for row in meetings]
        for row, meeting in written:
            self.membership(row, meeting)
            self.agenda(row, meeting)
            minutes = self.minutes(row, meeting)
            self.attendance(row, meeting, minutes)
            self.declarations(row, meeting, minutes)
        # Approval needs every meeting written: the approving one may come later in the file.
        for row, meeting in written:
            self.minutes_state(row, meeting)

    def meeting(self, row: MeetingRow) -> Meeting:
        committee = self.committee(row.committee)
        meeting = Meeting.objects.filter(committee=committee, date=row.date).first() or Meeting(
            committee=committee, date=row.date
        )
        values = {
            "start_time": row.start_time, "venue": row.venue, "is_virtual": row.is_virtual, "status": row.status,
            "webcast_url": row.webcast_url, "webcast_notice": row.webcast_notice, "contact": row.contact,
            "pre_meeting": row.pre_meeting, "signed_by": row.signed_by, "date_as_printed": row.date_as_printed,
            "time_as_printed": row.time_as_printed, "source": row.source, "source_role": row.source_role,
            "notes": row.notes,
        }
        if meeting.pk is not None and any(getattr(meeting, name) != value for name, value in values.items()):
            values["sequence"] = meeting.sequence + 1  # calendars apply a change only when it grows
        self.save(meeting, "meetings", values)
        return meeting

    def membership(self, row: MeetingRow, meeting: Meeting) -> None:
        kept = set()
        for member in row.membership:
            person = self.person(member.person)
            membership = Membership.objects.filter(
                committee=meeting.committee, person=person, municipal_year=row.year
            ).first() or Membership(committee=meeting.committee, person=person, municipal_year=row.year,
                                    source_meeting=meeting)
            self.save(membership, "memberships", {
                "role": member.role, "capacity": member.capacity, "represents": member.represents, "scope": member.scope,
            })
            kept.add(membership.pk)
        Membership.objects.filter(source_meeting=meeting).exclude(pk__in=kept).delete()

    def agenda(self, row: MeetingRow, meeting: Meeting) -> None:
        existing = list(meeting.agenda_items.all())
        by_number = {item.number: item for item in existing if item.number is not None}
        by_order = {item.order: item for item in existing if item.number is None}
        matched = [(item_row, by_number.get(item_row.number) if item_row.number is not None else by_order.get(item_row.order))
                   for item_row in row.agenda]
        kept = {item.pk for _, item in matched if item is not None}
        for item in existing:
            if item.pk not in kept:
                item._change_reason = self.reason
                item.delete()
        moving = [item.pk for item_row, item in matched if item is not None and item.order != item_row.order]
        if moving:
            AgendaItem.objects.filter(pk__in=moving).update(order=models.F("order") + REORDER_OFFSET)
        for item_row, item in matched:
            if item is None:
                item = AgendaItem(meeting=meeting)
            elif item.pk in moving:
                item.refresh_from_db(fields=["order"])
            self.save(item, "agenda items", self.item_values(item_row))
            self.appendices(item_row, item)

    @staticmethod
    def item_values(row: AgendaItemRow) -> dict:
        # `publication` is not in the file: the link is made in the app (or the demo) and kept.
        return {
            "order": row.order, "number": row.number, "title": row.title, "description": row.description,
            "item_type": row.item_type, "section": row.section, "sub_items": list(row.sub_items),
            "pages_as_printed": row.pages_as_printed, "page_from": row.page_from, "page_to": row.page_to,
            "status": row.status, "exempt": row.exempt, "exempt_paragraphs": list(row.exempt_paragraphs),
            "exempt_reason": row.exempt_reason, "cover_title": row.cover_title,
            "previous_meeting_date": row.previous_meeting_date, "notes": row.notes,
        }

    def appendices(self, row: AgendaItemRow, item: AgendaItem) -> None:
        """The appendices a pack names, as documents not held (title only); documents uploaded or
        written in the app are left as they are."""
        imported = {document.order: document for document in item.documents.filter(
            kind=DocumentKind.APPENDIX, order__gte=IMPORTED_DOCUMENT_ORDER, file="", text="")}
        for index, appendix in enumerate(row.appendices):
            order = IMPORTED_DOCUMENT_ORDER + index
            document = imported.pop(order, None) or Document(agenda_item=item, order=order, kind=DocumentKind.APPENDIX)
            self.save(document, "documents", {"label": appendix.label, "title": appendix.title, "exempt": row.exempt})
        for document in imported.values():
            document.delete()

    def minutes(self, row: MeetingRow, meeting: Meeting) -> dict[int, Minute]:
        existing = {minute.number: minute for minute in meeting.minutes.all()}
        wanted = {minute_row.number for minute_row in row.minutes}
        for number, minute in list(existing.items()):
            if number not in wanted:
                minute._change_reason = self.reason
                minute.delete()
                del existing[number]
        moving = [minute.pk for minute_row in row.minutes if (minute := existing.get(minute_row.number)) is not None
                  and minute.order != minute_row.order]
        if moving:
            Minute.objects.filter(pk__in=moving).update(order=models.F("order") + REORDER_OFFSET)
        written = {}
        # Minutes are not linked to agenda items here: the seeds' numbers do not map (research 5.2).
        for minute_row in row.minutes:
            minute = existing.get(minute_row.number) or Minute(meeting=meeting, number=minute_row.number)
            if minute.pk in moving:
                minute.refresh_from_db(fields=["order"])
            self.save(minute, "minutes", {
                "order": minute_row.order, "title": minute_row.title, "outcome": minute_row.outcome,
                "body": minute_row.body, "notes": minute_row.notes,
            })
            self.resolutions(minute_row, minute)
            written[minute.number] = minute
        return written

    def resolutions(self, row: MinuteRow, minute: Minute) -> None:
        existing = {resolution.number: resolution for resolution in minute.resolutions.all()}
        for number, text in enumerate(row.resolutions, start=1):
            resolution = existing.pop(number, None) or Resolution(minute=minute, number=number)
            self.save(resolution, "resolutions", {"text": text})
        for resolution in existing.values():
            resolution._change_reason = self.reason
            resolution.delete()

    def minutes_state(self, row: MeetingRow, meeting: Meeting) -> None:
        """Published for approval, or approved by the later meeting whose minutes confirm them. An
        approval already stored stands: a file without the approving meeting does not undo it."""
        if not row.minutes:
            # Minutes the file held before and no longer does: nothing left to approve.
            if not meeting.minutes.exists():
                Minutes.objects.filter(meeting=meeting).delete()
            return
        record = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
        if row.approved_by is not None:
            approver = Meeting.objects.get(committee=meeting.committee, date=row.approved_by)
            values = {"state": MinutesState.APPROVED, "approved_at": approver}
        elif record.state == MinutesState.APPROVED:
            values = {}
        else:
            values = {"state": MinutesState.PUBLISHED, "approved_at": None}
        self.save(record, "minutes records", values)
        # This meeting's minutes may confirm a meeting stored before, not in this file.
        for minute_row in row.minutes:
            if minute_row.confirms is None:
                continue
            earlier = Minutes.objects.filter(
                meeting__committee=meeting.committee, meeting__date=minute_row.confirms
            ).exclude(state=MinutesState.APPROVED).first()
            if earlier is not None:
                self.save(earlier, "minutes records", {"state": MinutesState.APPROVED, "approved_at": meeting})

    def attendance(self, row: MeetingRow, meeting: Meeting, minutes: dict[int, Minute]) -> None:
        existing = {attendance.person_id: attendance for attendance in meeting.attendances.all()}
        for attendance_row in row.attendance:
            person = self.person(attendance_row.person)
            attendance = existing.pop(person.pk, None) or Attendance(meeting=meeting, person=person)
            self.save(attendance, "attendance", {
                "kind": attendance_row.kind, "role": attendance_row.role, "note": attendance_row.note,
                "left_at": minutes.get(attendance_row.left_at), "took_chair_at": minutes.get(attendance_row.took_chair_at),
            })
            for relation, numbers in (("for_minutes", attendance_row.for_minutes), ("absent_for", attendance_row.absent_for)):
                wanted = {minutes[number].pk for number in numbers}
                manager = getattr(attendance, relation)
                if set(manager.values_list("pk", flat=True)) != wanted:
                    manager.set(wanted)
        for attendance in existing.values():
            attendance._change_reason = self.reason
            attendance.delete()

    def declarations(self, row: MeetingRow, meeting: Meeting, minutes: dict[int, Minute]) -> None:
        existing = {(declaration.person_id, declaration.agenda_item_number, declaration.minute_id): declaration
                    for declaration in meeting.declarations.all()}
        items = {item.number: item for item in meeting.agenda_items.all() if item.number is not None}
        for declaration_row in row.declarations:
            person = self.person(declaration_row.person)
            minute = minutes.get(declaration_row.minute_number)
            key = (person.pk, declaration_row.agenda_item_number, minute.pk if minute else None)
            declaration = existing.pop(key, None) or Declaration(
                meeting=meeting, person=person, agenda_item_number=declaration_row.agenda_item_number, minute=minute
            )
            self.save(declaration, "declarations", {
                "agenda_item": items.get(declaration_row.agenda_item_number), "interest_type": declaration_row.interest_type,
                "reason": declaration_row.reason, "left_meeting": declaration_row.left_meeting,
            })
        for declaration in existing.values():
            declaration._change_reason = self.reason
            declaration.delete()


# -- committee templates ----------------------------------------------------------------------


def record_standard_items(meeting: Meeting) -> int:
    """Make ``meeting``'s standard items (apologies, minutes, declarations ... research 4.2) the
    template of its committee's era beginning on its date; how many. Safe to run again."""
    items = [item for item in meeting.agenda_items.all() if item.item_type in STANDARD_ITEM_TYPES]
    kept = []
    for order, item in enumerate(items, start=1):
        standard, _ = StandardItem.objects.update_or_create(
            committee=meeting.committee, era_from=meeting.date, order=order,
            defaults={"item_type": item.item_type, "title": item.title, "description": item.description},
        )
        kept.append(standard.pk)
    StandardItem.objects.filter(committee=meeting.committee, era_from=meeting.date).exclude(pk__in=kept).delete()
    return len(kept)
