"""Reads of the advisor's meeting and agenda screens (docs/meetings-screens.md). The advisor
sees everything (exempt items and papers, drafts), so nothing here applies `visibility`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.shortcuts import get_object_or_404

from meetings.models import AgendaItem, Committee, Document, Meeting, Pack
from meetings.vocabulary import ItemStatus, PackState, exempt_notice


def committee(slug: str) -> Committee:
    return get_object_or_404(Committee, slug=slug)



def latest_front_sheet(found: Committee) -> dict:
    """A new meeting starts from the committee's latest front sheet: the same time, place and people."""
    last = Meeting.objects.filter(committee=found).order_by("-date").first()
    names = ("start_time", "venue", "is_virtual", "webcast_url", "contact", "pre_meeting", "signed_by")
    return {name: getattr(last, name) for name in names} if last else {}


def agenda_is_published(found: Meeting) -> bool:
    """Whether a published pack of the meeting exists: an item added now is added as urgent."""
    return Pack.objects.filter(meeting=found, state=PackState.PUBLISHED).exists()


def agenda_item(found: Meeting, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("publication__scorecard").defer("publication__snapshot"),
                             pk=item_id, meeting=found)


@dataclass(frozen=True)
class ItemRow:
    """One agenda item as the meeting screen lists it."""

    item: AgendaItem
    first: bool
    last: bool

    @property
    def notice(self) -> str:
        return exempt_notice(self.item.exempt_paragraphs) if self.item.exempt else ""

    @property
    def struck(self) -> bool:
        return self.item.status in (ItemStatus.WITHDRAWN, ItemStatus.DEFERRED)


@dataclass(frozen=True)
class MeetingScreen:
    meeting: Meeting
    rows: tuple[ItemRow, ...]
    published: bool  # a published pack exists: items added now are urgent


def meeting_screen(found: Meeting) -> MeetingScreen:
    """The meeting and its agenda with each item's papers and publication, in a fixed number of
    queries however long the agenda."""
    items = list(
        found.agenda_items.select_related("publication__scorecard").defer("publication__snapshot")
        .prefetch_related(Prefetch("documents", queryset=Document.objects.order_by("order")))
        .order_by("order")
    )
    rows = tuple(ItemRow(item, index == 0, index == len(items) - 1) for index, item in enumerate(items))
    return MeetingScreen(meeting=found, rows=rows, published=agenda_is_published(found))


@dataclass(frozen=True)
class CommitteeMeetings:
    """The committee screen's meetings panel: upcoming (soonest first) and past (latest first)."""

    committee: Committee
    upcoming: tuple[Meeting, ...]
    past: tuple[Meeting, ...]


def committee_meetings(found: Committee, today: datetime.date) -> CommitteeMeetings:
    meetings = list(Meeting.objects.filter(committee=found).select_related("committee").order_by("date"))
    return CommitteeMeetings(
        committee=found,
        upcoming=tuple(m for m in meetings if m.date >= today),
        past=tuple(reversed([m for m in meetings if m.date < today])),
    )


def taken_dates(found: Committee, dates: list[datetime.date]) -> set[datetime.date]:
    """The dates among `dates` the committee already meets on."""
    return set(Meeting.objects.filter(committee=found, date__in=dates).values_list("date", flat=True))


def meeting_screen_url(meeting: Meeting) -> str:
    """The advisor's screen of a meeting: where every other advisor's screen of it leads back."""
    return reverse("meetings:manage_meeting", kwargs={"committee": meeting.committee.slug, "day": meeting.date})
