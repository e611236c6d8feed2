"""Writes of the advisor's meeting and agenda screens (docs/meetings-screens.md).

The forms (`manage_meeting_forms.py`) have read and checked every value. Each function here is
one user action, all or nothing (`transaction.atomic`), and leaves history on every row it
changes with who (`_history_user`) and why in words (`_change_reason`). A saved change to a
meeting's front sheet or status raises `Meeting.sequence` by one, so calendars subscribed to the
feed (meetings/ical.py) take the new version; a save that changes nothing writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction
from django.db.models import F, Max

from accounts.history import stamp_history
from meetings.manage_meeting_selectors import agenda_is_published
from meetings.models import AgendaItem, Committee, Meeting
from meetings.schedule import restate_date
from meetings.services import REORDER_OFFSET
from meetings.vocabulary import ItemStatus, ItemType, MeetingStatus
from scorecards.compute.ordering import swap_places
from scorecards.stale_edits import check_history_version


@dataclass(frozen=True)
class FrontSheet:
    """What an advisor sets on a meeting's front sheet."""

    date: datetime.date
    start_time: datetime.time | None
    venue: str
    is_virtual: bool
    webcast_url: str
    contact: str
    pre_meeting: str
    signed_by: str


# The front sheet's words for the history's change reasons.
SHEET_WORDS = {"date": "date", "start_time": "time", "venue": "venue", "is_virtual": "virtual",
               "webcast_url": "webcast link", "contact": "contact", "pre_meeting": "pre-meeting",
               "signed_by": "signed by"}


@dataclass(frozen=True)
class ItemValues:
    """What an advisor sets on an agenda item (its place and status are set by their own actions,
    but for withdrawing or deferring, which the item's form carries with its reason)."""

    number: int | None
    title: str
    description: str
    item_type: str
    section: str
    sub_items: tuple[str, ...]
    to_follow: bool
    exempt: bool
    exempt_paragraphs: tuple[int, ...]
    exempt_reason: str
    publication_id: int | None
    status: str
    status_reason: str


ITEM_WORDS = {"number": "number", "title": "title", "description": "description", "item_type": "type",
              "section": "section", "sub_items": "sub-items", "to_follow": "to follow", "exempt": "exempt",
              "exempt_paragraphs": "Schedule 12A paragraphs", "exempt_reason": "grounds",
              "publication_id": "publication", "status": "status", "status_reason": "status reason"}


def _differences(row: Any, values: dict[str, Any]) -> list[str]:
    """Set `values` on `row`; the names of those that differed."""
    changed = []
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    return changed


def previous_meeting_date(committee: Committee, day: datetime.date) -> datetime.date | None:
    """The committee's last meeting before `day` not called off: the one whose minutes the
    new meeting's minutes item names."""
    return (Meeting.objects.filter(committee=committee, date__lt=day)
            .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
            .order_by("-date").values_list("date", flat=True).first())


def _schedule(committee: Committee, sheet: FrontSheet, by: Any, reason: str) -> Meeting:
    meeting = Meeting(committee=committee, **{f.name: getattr(sheet, f.name) for f in fields(FrontSheet)})
    stamp_history(meeting, by, reason)
    meeting.save()
    # The standard items of the era the date falls in, numbered in their order as a new agenda
    # prints them (research 4.2); the substantive business is added, and moved into place, after.
    previous = previous_meeting_date(committee, sheet.date)
    for place, standard in enumerate(committee.standard_items_on(sheet.date), start=1):
        minutes = standard.item_type == ItemType.MINUTES
        item = AgendaItem(meeting=meeting, number=place, order=place, item_type=standard.item_type,
                          title=restate_date(standard.title, previous) if minutes else standard.title,
                          description=restate_date(standard.description, previous) if minutes else standard.description,
                          previous_meeting_date=previous if minutes else None)
        stamp_history(item, by, "From the committee's standard items")
        item.save()
    return meeting


@transaction.atomic
def schedule_meeting(committee: Committee, sheet: FrontSheet, by: Any) -> Meeting:
    """A new meeting, its agenda filled from the committee's standard items in force that day."""
    return _schedule(committee, sheet, by, "Scheduled")


@dataclass(frozen=True)
class SeriesResult:
    created: tuple[Meeting, ...]
    skipped: tuple[datetime.date, ...]  # a meeting of the committee was already on that day


@transaction.atomic
def schedule_series(committee: Committee, dates: Iterable[datetime.date], sheet: FrontSheet, by: Any,
                    rule_words: str) -> SeriesResult:
    """A meeting on each date (the time and venue of `sheet`), skipping the dates the committee
    already meets on, checked again here in case one was scheduled since the preview."""
    dates = list(dates)
    taken = set(Meeting.objects.filter(committee=committee, date__in=dates).values_list("date", flat=True))
    created = []
    for day in dates:
        if day not in taken:
            one = FrontSheet(**{**{f.name: getattr(sheet, f.name) for f in fields(FrontSheet)}, "date": day})
            created.append(_schedule(committee, one, by, f"Scheduled in a series: {rule_words}"[:100]))
    return SeriesResult(tuple(created), tuple(sorted(taken)))


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def update_front_sheet(meeting: Meeting, sheet: FrontSheet, by: Any, version: str | None = None) -> list[str]:
    """Change the front sheet; the words of what changed (none: nothing saved). Raises
    `stale_edits.Changed` when someone saved the meeting since `version` was read."""
    row = _lock(meeting)
    check_history_version(row, version, by)
    changed = _differences(row, {f.name: getattr(sheet, f.name) for f in fields(FrontSheet)})
    if not changed:
        return []
    words = [SHEET_WORDS[name] for name in changed]
    row.sequence += 1  # the row is held (select_for_update)
    stamp_history(row, by, "Front sheet changed: " + ", ".join(words))
    row.save()
    return words


@transaction.atomic
def change_status(meeting: Meeting, status: str, reason: str, by: Any) -> bool:
    """Scheduled, held, cancelled or postponed, with the reason the public page shows; False when
    neither changed."""
    row = _lock(meeting)
    if not _differences(row, {"status": status, "status_reason": reason}):
        return False
    row.sequence += 1  # the row is held (select_for_update)
    stamp_history(row, by, (f"{MeetingStatus(status).label}: {reason}" if reason else MeetingStatus(status).label)[:100])
    row.save()
    return True


# -- agenda items ---------------------------------------------------------------------------


def next_number(meeting: Meeting) -> int:
    """The number a new item is proposed: one after the highest on the agenda."""
    return (meeting.agenda_items.aggregate(most=Max("number"))["most"] or 0) + 1


def _item_columns(values: ItemValues) -> dict[str, Any]:
    columns = {f.name: getattr(values, f.name) for f in fields(ItemValues)}
    columns["sub_items"] = list(values.sub_items)
    columns["exempt_paragraphs"] = sorted(values.exempt_paragraphs)
    return columns


@transaction.atomic
def add_item(meeting: Meeting, values: ItemValues, by: Any) -> AgendaItem:
    """A new item at the end of the agenda. After the agenda's publication it is added as urgent
    (the form asked why), whatever status was asked for."""
    _lock(meeting)  # one at a time: the next place is read and taken in one go
    order = (meeting.agenda_items.aggregate(most=Max("order"))["most"] or 0) + 1
    item = AgendaItem(meeting=meeting, order=order, **_item_columns(values))
    if agenda_is_published(meeting):
        item.status = ItemStatus.ADDED_AS_URGENT
        stamp_history(item, by, "Added as urgent after the agenda's publication")
    else:
        item.status = ItemStatus.LISTED
        stamp_history(item, by, "Added")
    item.full_clean(exclude=["meeting"])
    item.save()
    return item


@transaction.atomic
def update_item(item: AgendaItem, values: ItemValues, by: Any, version: str | None = None) -> list[str]:
    """Change an item; the words of what changed (none: nothing saved). Raises
    `stale_edits.Changed` when someone saved the item since `version` was read."""
    row = AgendaItem.objects.select_for_update().get(pk=item.pk)
    check_history_version(row, version, by)
    changed = _differences(row, _item_columns(values))
    if not changed:
        return []
    words = [ITEM_WORDS[name] for name in changed]
    reason = "Changed: " + ", ".join(words)
    if "status" in changed and row.status in (ItemStatus.WITHDRAWN, ItemStatus.DEFERRED):
        reason = f"{ItemStatus(row.status).label}: {row.status_reason}"
    stamp_history(row, by, reason[:100])
    # Not full_clean(): the form checked what it changes, and an imported row's other fields
    # (pages as printed, say) are kept as the import read them.
    row.save()
    return words


def renumbered(items: list[AgendaItem]) -> list[tuple[AgendaItem, int, int | None]]:
    """Each item (in its new order) with its place and number: places run 1, 2 ...; the numbered
    items take the agenda's numbers in ascending order, so numbers follow the order; an
    unnumbered statement stays unnumbered."""
    numbers = iter(sorted(item.number for item in items if item.number is not None))
    return [(item, place, None if item.number is None else next(numbers))
            for place, item in enumerate(items, start=1)]


@transaction.atomic
def move_item(item: AgendaItem, up: bool, by: Any) -> bool:
    """Swap the item with the one above (below); False when it is already first (last)."""
    _lock(item.meeting)
    items = list(AgendaItem.objects.filter(meeting_id=item.meeting_id).order_by("order"))
    places = swap_places([each.pk for each in items], item.pk, up)
    if places is None:
        return False
    place, other = places
    items[place], items[other] = items[other], items[place]
    moving = [(row, order, number) for row, order, number in renumbered(items)
              if (row.order, row.number) != (order, number)]
    # Out of the way first: places and numbers are unique in a meeting at every step.
    AgendaItem.objects.filter(pk__in=[row.pk for row, _, _ in moving]).update(
        order=F("order") + REORDER_OFFSET, number=F("number") + REORDER_OFFSET)
    for row, order, number in moving:
        row.order, row.number = order, number
        stamp_history(row, by, f"Moved {'up' if up else 'down'}" if row.pk == item.pk else "Renumbered by a move")
        row.save()
    return True
