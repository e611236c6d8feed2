"""What a meeting still lacks before its pack can go out, and which draft minutes are overdue
(docs/advisor-home.md): the governance advisor's home page.

Pure rules over frozen dataclasses: no Django (`meetings.advisor_selectors` reads the database
into these facts). Working days are those of `scorecards.compute.working_days` (weekdays that
are not bank holidays of England and Wales), as the month-end deadline counts them.

The rules (research/meetings_domain.md section 10, "validation before publishing"):

- every paginated item is backed by a document: not the items that never carry pages (apologies,
  declarations, exclusion, urgent business, date of next meeting), not the minutes item (its paper
  is the previous minutes, checked on their own), not an unnumbered statement, not an item
  withdrawn or deferred, not one whose papers are marked "to follow";
- a performance report item names the scorecard publication it presents;
- the previous meeting's minutes are approved: draft ones cannot be printed in the pack, and
  unconfirmed ones are still to be approved (at this meeting);
- within five working days of the meeting an agenda pack is published (the Local Government Act
  1972, s.100B: five clear days' notice).
"""

from __future__ import annotations

import datetime
from collections.abc import Container
from dataclasses import dataclass
from enum import StrEnum

from meetings.vocabulary import ItemStatus, ItemType, MinutesState
from scorecards.compute.working_days import working_days_between

# Items that never carry a page range in a pack (research 1, pagination), and the minutes item,
# whose paper is the previous meeting's minutes from the record.
UNPAGINATED_TYPES = frozenset({
    ItemType.APOLOGIES, ItemType.DECLARATIONS, ItemType.URGENT_BUSINESS, ItemType.NEXT_MEETING,
    ItemType.EXCLUSION, ItemType.MINUTES,
})
# Items that will not be taken at the meeting: nothing is needed for them.
NOT_TAKEN = frozenset({ItemStatus.WITHDRAWN, ItemStatus.DEFERRED})
# The agenda is published five clear working days before the meeting.
PACK_NOTICE_WORKING_DAYS = 5


class GapKind(StrEnum):
    NO_DOCUMENT = "no_document"
    NO_PUBLICATION = "no_publication"
    PREVIOUS_MINUTES = "previous_minutes"
    NO_PACK = "no_pack"


@dataclass(frozen=True)
class ItemFacts:
    """One agenda item as the rules need it."""

    number: int | None
    title: str
    item_type: str
    status: str = ItemStatus.LISTED
    to_follow: bool = False
    held_documents: int = 0  # uploaded PDFs or written text; a paper named but not held is 0
    has_publication: bool = False

    @property
    def label(self) -> str:
        """"Item 8, Corporate Parenting Performance Report"."""
        return f"Item {self.number}, {self.title}" if self.number is not None else self.title


@dataclass(frozen=True)
class PreviousMeeting:
    """The committee's meeting before this one, and where its minutes stand (None: not begun)."""

    date: datetime.date
    minutes_state: str | None


@dataclass(frozen=True)
class MeetingFacts:
    date: datetime.date
    items: tuple[ItemFacts, ...]
    previous: PreviousMeeting | None  # None: the committee's first meeting in the record
    has_published_pack: bool


@dataclass(frozen=True)
class Gap:
    """One thing missing, in words an advisor acts on."""

    kind: GapKind
    text: str


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def needs_document(item: ItemFacts) -> bool:
    """Is this an item whose papers the pack must hold?"""
    return (
        item.number is not None
        and item.item_type not in UNPAGINATED_TYPES
        and item.status not in NOT_TAKEN
        and not item.to_follow
    )


def items_without_documents(items: tuple[ItemFacts, ...]) -> tuple[ItemFacts, ...]:
    return tuple(item for item in items if needs_document(item) and item.held_documents == 0)


def reports_without_publication(items: tuple[ItemFacts, ...]) -> tuple[ItemFacts, ...]:
    return tuple(
        item for item in items
        if item.item_type == ItemType.PERFORMANCE_REPORT and item.status not in NOT_TAKEN and not item.has_publication
    )


def previous_minutes_gap(previous: PreviousMeeting | None) -> Gap | None:
    """The previous meeting's minutes, unless approved (or there is no previous meeting)."""
    if previous is None or previous.minutes_state == MinutesState.APPROVED:
        return None
    when = long_date(previous.date)
    if previous.minutes_state is None:
        text = f"Minutes of {when}: not written yet"
    elif previous.minutes_state == MinutesState.DRAFT:
        text = f"Minutes of {when}: still draft, so not published for approval"
    else:
        text = f"Minutes of {when}: unconfirmed, to be approved"
    return Gap(GapKind.PREVIOUS_MINUTES, text)


def working_days_until(today: datetime.date, day: datetime.date, bank_holidays: Container[datetime.date]) -> int:
    """Working days from ``today`` up to and including ``day`` (0 on the day itself or after)."""
    return working_days_between(today, day, bank_holidays)


def pack_gap(facts: MeetingFacts, today: datetime.date, bank_holidays: Container[datetime.date]) -> Gap | None:
    """No published pack once the meeting is within the notice period."""
    if facts.has_published_pack:
        return None
    left = working_days_until(today, facts.date, bank_holidays)
    if left > PACK_NOTICE_WORKING_DAYS:
        return None
    when = "the meeting is today" if left == 0 else f"the meeting is {left} working day{'s' if left != 1 else ''} away"
    return Gap(GapKind.NO_PACK, f"No agenda pack published, and {when}")


def missing(facts: MeetingFacts, today: datetime.date, bank_holidays: Container[datetime.date]) -> tuple[Gap, ...]:
    """Everything the meeting still lacks: the pack first (its deadline is the hardest), then the
    previous minutes, then item by item in agenda order. A performance report may lack both its
    cover report and its publication (research 7: the scorecard is the cover report's appendix)."""
    gaps: list[Gap] = []
    pack = pack_gap(facts, today, bank_holidays)
    if pack is not None:
        gaps.append(pack)
    minutes = previous_minutes_gap(facts.previous)
    if minutes is not None:
        gaps.append(minutes)
    undocumented = set(items_without_documents(facts.items))
    unpublished = set(reports_without_publication(facts.items))
    for item in facts.items:  # in agenda order
        if item in undocumented:
            gaps.append(Gap(GapKind.NO_DOCUMENT, f"{item.label}: no document"))
        if item in unpublished:
            gaps.append(Gap(GapKind.NO_PUBLICATION, f"{item.label}: no scorecard publication chosen"))
    return tuple(gaps)


def overdue_draft_age(
    meeting_date: datetime.date, today: datetime.date, limit: int, bank_holidays: Container[datetime.date]
) -> int | None:
    """How many working days old draft minutes are (counted from their meeting) once that is more
    than ``limit`` (the site setting); None while they are not overdue."""
    age = working_days_between(meeting_date, today, bank_holidays)
    return age if age > limit else None
