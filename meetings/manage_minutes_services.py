"""Every write of the advisor's attendance, declarations, minutes and actions screens (issue 15,
parts 5 and 6; docs/minutes-screens.md).

One `transaction.atomic` per thing the advisor does, so a refusal half way leaves nothing
written; every row saved or deleted carries who (`_history_user`) and why (`_change_reason`) into
its django-simple-history record. The forms have checked the values: these functions only write,
and raise `Refused` for what only the database, read inside the transaction, can tell (a number
taken meanwhile, minutes already published).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from accounts.history import delete_with_history, save_with_history
from accounts.models import Person
from meetings.models import Action, AgendaItem, Attendance, Declaration, Meeting, Minute, Minutes, Resolution
from meetings.vocabulary import AttendanceKind, AttendanceRole, ItemType, MinutesState
from scorecards.stale_edits import check_history_version


class Refused(Exception):
    """Nothing was written; the message says why, in the advisor's words."""


# -- attendance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPerson:
    """Someone the record does not hold yet, typed by name and title."""

    name: str
    title: str


@dataclass(frozen=True)
class Attendee:
    """One line of the attendance sheet: a member's mark, a substitute or someone in attendance.
    `person` is a stored person's id, or `new` someone to create; `attendance_id` the row it
    replaces, if any."""

    kind: str  # AttendanceKind; "absent" for a member with no row
    role: str  # AttendanceRole
    note: str = ""
    person: int | None = None
    new: NewPerson | None = None
    attendance_id: int | None = None


ABSENT = "absent"


@transaction.atomic
def record_attendance(meeting: Meeting, attendees: list[Attendee], removed: list[int], by: Any) -> str:
    """Write the whole sheet: each member's mark (absent deletes their row), the substitutes
    and the people in attendance; `removed` are rows the advisor took off. Returns a summary."""
    existing = {row.pk: row for row in Attendance.objects.select_for_update().filter(meeting=meeting)}
    by_person = {row.person_id: row for row in existing.values()}
    for attendance_id in removed:
        row = existing.pop(attendance_id, None)
        if row is not None:
            by_person.pop(row.person_id, None)
            delete_with_history(row, by, "taken off the attendance")
    for attendee in attendees:
        person_id = attendee.person
        if attendee.new is not None:
            person = Person.objects.create(name=attendee.new.name, title=attendee.new.title)
            person_id = person.pk
        row = existing.get(attendee.attendance_id) if attendee.attendance_id else by_person.get(person_id)
        if attendee.kind == ABSENT:
            # Only a mark is taken away: the same person as a substitute or in attendance stays.
            if row is not None and row.kind in (AttendanceKind.PRESENT, AttendanceKind.APOLOGIES):
                delete_with_history(row, by, "marked absent")
            continue
        if row is None:
            row = Attendance(meeting=meeting, person_id=person_id)
            reason = f"recorded {AttendanceKind(attendee.kind).label.lower()}"
        elif (row.person_id, row.kind, row.role, row.note) == (person_id, attendee.kind, attendee.role, attendee.note):
            continue
        else:
            reason = f"changed to {AttendanceKind(attendee.kind).label.lower()}"
        row.person_id, row.kind, row.role, row.note = person_id, attendee.kind, attendee.role, attendee.note
        if attendee.kind == AttendanceKind.APOLOGIES:  # not there to leave, join or chair (Attendance.clean)
            row.left_at = row.joined_at = row.took_chair_at = None
        save_with_history(row, by, reason)
    rows = Attendance.objects.filter(meeting=meeting)
    counts = {kind: rows.filter(kind=kind).count() for kind in AttendanceKind}
    return (f"Saved the attendance: {counts[AttendanceKind.PRESENT]} present, {counts[AttendanceKind.APOLOGIES]} "
            f"apologies, {counts[AttendanceKind.SUBSTITUTE]} substitutes, {counts[AttendanceKind.IN_ATTENDANCE]} "
            "in attendance.")


@dataclass(frozen=True)
class EntryChange:
    """Where someone's attendance changed during the meeting, minute by minute."""

    left_at: Minute | None
    joined_at: Minute | None
    took_chair_at: Minute | None
    for_minutes: tuple[Minute, ...]
    absent_for: tuple[Minute, ...]


@transaction.atomic
def change_attendance_entry(attendance: Attendance, change: EntryChange, by: Any) -> None:
    row = Attendance.objects.select_for_update().get(pk=attendance.pk)
    row.left_at, row.joined_at, row.took_chair_at = change.left_at, change.joined_at, change.took_chair_at
    save_with_history(row, by, "minutes attended changed")
    row.for_minutes.set(change.for_minutes)
    row.absent_for.set(change.absent_for)


# -- declarations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeclarationValues:
    person: Person
    agenda_item: AgendaItem | None
    minute: Minute | None
    interest_type: str
    reason: str
    left_meeting: bool


@transaction.atomic
def save_declaration(meeting: Meeting, values: DeclarationValues, by: Any,
                     declaration: Declaration | None = None) -> Declaration:
    row = declaration or Declaration(meeting=meeting)
    row.person = values.person
    row.agenda_item = values.agenda_item
    # As the minutes print it ("agenda item 9"); kept when only the minute is named.
    row.agenda_item_number = values.agenda_item.number if values.agenda_item else row.agenda_item_number
    row.minute, row.interest_type, row.reason = values.minute, values.interest_type, values.reason
    row.left_meeting = values.left_meeting
    save_with_history(row, by, "declaration changed" if declaration else "declaration recorded")
    return row


@transaction.atomic
def remove_declaration(declaration: Declaration, by: Any) -> None:
    delete_with_history(declaration, by, "declaration removed")


# -- minutes ----------------------------------------------------------------------------------


def proposed_number(meeting: Meeting) -> int:
    """The next free minute number of the committee's municipal year, across its meetings:
    numbers run on through the year and start at 1 in May (research 5.2)."""
    taken = Minute.objects.filter(committee_id=meeting.committee_id, municipal_year=meeting.municipal_year)
    return (taken.aggregate(top=Max("number"))["top"] or 0) + 1


@dataclass(frozen=True)
class MinuteValues:
    number: int
    title: str
    body: str
    outcome: str
    agenda_item: AgendaItem | None


def _record_of(meeting: Meeting) -> Minutes:
    record, _ = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    return record


def _refuse_taken(meeting: Meeting, number: int) -> None:
    """Minute.clean's message, when the number was taken after the form checked it."""
    probe = Minute(meeting=meeting, number=number)
    try:
        probe.clean()
    except Exception as error:  # ValidationError with the model's message
        raise Refused(" ".join(error.messages)) from error
    raise Refused(f"Minute {number} was taken meanwhile: choose another number.")


@transaction.atomic
def create_minute(meeting: Meeting, values: MinuteValues, by: Any) -> Minute:
    """A new minute at the end of the meeting's minutes; the minutes start as a draft."""
    record = _record_of(meeting)
    if record.state == MinutesState.APPROVED:
        raise Refused("These minutes are approved: they are no longer changed.")
    order = (meeting.minutes.aggregate(top=Max("order"))["top"] or 0) + 1
    minute = Minute(meeting=meeting, order=order, number=values.number, title=values.title, body=values.body,
                    outcome=values.outcome, agenda_item=values.agenda_item)
    try:
        with transaction.atomic():
            save_with_history(minute, by, "minute written")
    except IntegrityError:
        _refuse_taken(meeting, values.number)
    return minute


@transaction.atomic
def change_minute(minute: Minute, values: MinuteValues, by: Any, version: str | None = None) -> None:
    """Raises `scorecards.stale_edits.Changed` when someone saved the minute since `version`."""
    _refuse_if_approved(minute.meeting)
    check_history_version(Minute.objects.select_for_update().get(pk=minute.pk), version, by)
    minute.number, minute.title, minute.body = values.number, values.title, values.body
    minute.outcome, minute.agenda_item = values.outcome, values.agenda_item
    try:
        with transaction.atomic():
            save_with_history(minute, by, "minute changed")
    except IntegrityError:
        _refuse_taken(minute.meeting, values.number)


def _refuse_if_approved(meeting: Meeting) -> None:
    if Minutes.objects.filter(meeting=meeting, state=MinutesState.APPROVED).exists():
        raise Refused("These minutes are approved: they are no longer changed.")


# -- resolutions ------------------------------------------------------------------------------


@transaction.atomic
def add_resolution(minute: Minute, text: str, by: Any) -> Resolution:
    _refuse_if_approved(minute.meeting)
    number = (minute.resolutions.aggregate(top=Max("number"))["top"] or 0) + 1
    resolution = Resolution(minute=minute, number=number, text=text)
    save_with_history(resolution, by, "resolution added")
    return resolution


@transaction.atomic
def change_resolution(resolution: Resolution, text: str, by: Any) -> None:
    _refuse_if_approved(resolution.minute.meeting)
    resolution.text = text
    save_with_history(resolution, by, "resolution changed")


def _renumber(minute: Minute, ordered: list[Resolution], by: Any, reason: str) -> None:
    """Give the resolutions 1, 2, ... in `ordered`'s order. Each moved row first steps out of the
    way (a number past the end), as (minute, number) is unique at every save."""
    moved = [(place, row) for place, row in enumerate(ordered, start=1) if row.number != place]
    top = max([len(ordered), *(row.number for row in ordered)]) + 1
    for offset, (_, row) in enumerate(moved):
        Resolution.objects.filter(pk=row.pk).update(number=top + offset)
    for place, row in moved:
        row.number = place
        save_with_history(row, by, reason)


@transaction.atomic
def remove_resolution(resolution: Resolution, by: Any) -> None:
    minute = resolution.minute
    _refuse_if_approved(minute.meeting)
    delete_with_history(resolution, by, "resolution removed")
    _renumber(minute, list(minute.resolutions.order_by("number")), by, "renumbered")


@transaction.atomic
def move_resolution(resolution: Resolution, step: int, by: Any) -> None:
    """Up (-1) or down (+1) one place; at either end it stays."""
    minute = resolution.minute
    _refuse_if_approved(minute.meeting)
    rows = list(minute.resolutions.select_for_update().order_by("number"))
    place = next(index for index, row in enumerate(rows) if row.pk == resolution.pk)
    other = place + step
    if not 0 <= other < len(rows):
        return
    rows[place], rows[other] = rows[other], rows[place]
    _renumber(minute, rows, by, "moved")


# -- actions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionValues:
    description: str
    owner: str
    due: datetime.date | None
    done: bool


@transaction.atomic
def save_action(minute: Minute, values: ActionValues, by: Any, action: Action | None = None) -> Action:
    row = action or Action(minute=minute)
    row.description, row.owner, row.due, row.done = values.description, values.owner, values.due, values.done
    save_with_history(row, by, "action changed" if action else "action added")
    return row


@transaction.atomic
def remove_action(action: Action, by: Any) -> None:
    delete_with_history(action, by, "action removed")


@transaction.atomic
def set_action_done(action: Action, done: bool, by: Any, note: str = "") -> None:
    row = Action.objects.select_for_update().get(pk=action.pk)
    if row.done == done:
        return
    row.done = done
    reason = "marked done" if done else "reopened"
    save_with_history(row, by, f"{reason}: {note}" if note else reason)


# -- publishing and approving -----------------------------------------------------------------


@transaction.atomic
def publish_minutes(meeting: Meeting, by: Any) -> None:
    """Draft to published for approval: public from now on, labelled unconfirmed."""
    record = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if record is None or not meeting.minutes.exists():
        raise Refused("There are no minutes to publish: write them first.")
    if record.state != MinutesState.DRAFT:
        raise Refused(f"These minutes are already {MinutesState(record.state).label.lower()}: "
                      "only draft minutes are published for approval.")
    record.state = MinutesState.PUBLISHED
    save_with_history(record, by, "published for approval")


@transaction.atomic
def approve_minutes(approver: Meeting, record: Minutes, item: AgendaItem, by: Any) -> None:
    """Approve `record` under `approver`'s minutes item; the form has checked it may be."""
    record = Minutes.objects.select_for_update().select_related("meeting").get(pk=record.pk)
    if record.state != MinutesState.PUBLISHED:
        raise Refused(f"The minutes of {record.meeting.date:%-d %B %Y} are no longer awaiting approval.")
    record.state, record.approved_at = MinutesState.APPROVED, approver
    record.full_clean()  # a later meeting of the same committee (Minutes.clean)
    save_with_history(record, by, f"approved at the meeting of {approver.date:%-d %B %Y}")
    if item.item_type == ItemType.MINUTES and item.previous_meeting_date is None:
        item.previous_meeting_date = record.meeting.date
        save_with_history(item, by, "names the minutes it approved")


# The roles a member's seat gives them at a meeting: the same words (AttendanceRole).
def seat_role(membership_role: str) -> str:
    return AttendanceRole(membership_role).value
