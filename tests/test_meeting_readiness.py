"""What a meeting still lacks (meetings.readiness): the pure rules of the governance advisor's
home page (issue 15, part 7; docs/advisor-home.md). No database."""

import datetime

import pytest

from meetings.readiness import (
    GapKind,
    ItemFacts,
    MeetingFacts,
    PreviousMeeting,
    items_without_documents,
    missing,
    needs_document,
    overdue_draft_age,
    pack_gap,
    previous_minutes_gap,
    reports_without_publication,
)
from meetings.vocabulary import ItemStatus, ItemType, MinutesState
from scorecards.compute.working_days import bank_holidays_england_and_wales

HOLIDAYS = bank_holidays_england_and_wales([2024, 2025, 2026, 2027])
MONDAY = datetime.date(2026, 11, 30)


def item(number=5, title="Fostering Annual Report", item_type=ItemType.REPORT, **kwargs) -> ItemFacts:
    return ItemFacts(number=number, title=title, item_type=item_type, **kwargs)


@pytest.mark.parametrize("item_type", [
    ItemType.APOLOGIES, ItemType.DECLARATIONS, ItemType.URGENT_BUSINESS, ItemType.NEXT_MEETING, ItemType.EXCLUSION,
    ItemType.MINUTES,
])
def test_items_that_never_carry_pages_need_no_document(item_type):
    assert not needs_document(item(item_type=item_type))


@pytest.mark.parametrize("item_type", [ItemType.REPORT, ItemType.PERFORMANCE_REPORT, ItemType.PRESENTATION,
                                       ItemType.WORK_PROGRAMME, ItemType.OTHER])
def test_a_paginated_item_needs_a_document(item_type):
    assert needs_document(item(item_type=item_type))


@pytest.mark.parametrize("facts", [
    item(status=ItemStatus.WITHDRAWN),
    item(status=ItemStatus.DEFERRED),
    item(to_follow=True),
    item(number=None, title="The Chair will make a statement"),
], ids=["withdrawn", "deferred", "to follow", "unnumbered"])
def test_items_not_taken_or_to_follow_need_no_document(facts):
    assert not needs_document(facts)


def test_an_urgent_item_added_after_publication_still_needs_its_papers():
    assert needs_document(item(status=ItemStatus.ADDED_AS_URGENT))


def test_items_without_documents_are_those_with_none_held():
    listed = (
        item(1, "Apologies for Absence", ItemType.APOLOGIES),
        item(5, "Fostering Annual Report", held_documents=2),
        item(6, "Virtual School Update"),
        item(7, "LAC Council Update", to_follow=True),
    )
    assert [(facts.number, facts.title) for facts in items_without_documents(listed)] == [(6, "Virtual School Update")]


def test_a_performance_report_without_a_publication():
    listed = (
        item(8, "Performance Report", ItemType.PERFORMANCE_REPORT, has_publication=True),
        item(9, "Quarterly Scorecard", ItemType.PERFORMANCE_REPORT),
        item(10, "Old Scorecard", ItemType.PERFORMANCE_REPORT, status=ItemStatus.WITHDRAWN),
        item(11, "A Report"),
    )
    assert [facts.number for facts in reports_without_publication(listed)] == [9]


@pytest.mark.parametrize("state, words", [
    (None, "Minutes of 5 January 2021: not written yet"),
    (MinutesState.DRAFT, "Minutes of 5 January 2021: still draft, so not published for approval"),
    (MinutesState.PUBLISHED, "Minutes of 5 January 2021: unconfirmed, to be approved"),
    (MinutesState.APPROVED, None),
])
def test_the_previous_minutes_until_approved_name_that_meeting(state, words):
    gap = previous_minutes_gap(PreviousMeeting(datetime.date(2021, 1, 5), state))
    assert (gap.text if gap else None) == words


def test_a_committees_first_meeting_has_no_previous_minutes_to_approve():
    assert previous_minutes_gap(None) is None


def meeting_on(day: datetime.date, has_published_pack: bool = False, items=(), previous=None) -> MeetingFacts:
    return MeetingFacts(date=day, items=tuple(items), previous=previous, has_published_pack=has_published_pack)


@pytest.mark.parametrize("day, expected", [
    (datetime.date(2026, 12, 7), "No agenda pack published, and the meeting is 5 working days away"),
    (datetime.date(2026, 12, 8), None),  # six working days: still time
    (datetime.date(2026, 12, 1), "No agenda pack published, and the meeting is 1 working day away"),
    (MONDAY, "No agenda pack published, and the meeting is today"),
])
def test_no_published_pack_matters_within_five_working_days(day, expected):
    gap = pack_gap(meeting_on(day), MONDAY, HOLIDAYS)
    assert (gap.text if gap else None) == expected


def test_bank_holidays_do_not_count_towards_the_five_days():
    # From Wednesday 23 December 2026: Christmas Day (Friday), Boxing Day's substitute (Monday 28)
    # and New Year's Day (Friday) are not working days, so Monday 4 January is five working days
    # away (24, 29, 30, 31 December and 4 January) and Tuesday 5 January six.
    wednesday = datetime.date(2026, 12, 23)
    assert pack_gap(meeting_on(datetime.date(2026, 12, 31)), wednesday, HOLIDAYS).text.endswith("4 working days away")
    assert pack_gap(meeting_on(datetime.date(2027, 1, 4)), wednesday, HOLIDAYS).text.endswith("5 working days away")
    assert pack_gap(meeting_on(datetime.date(2027, 1, 5)), wednesday, HOLIDAYS) is None


def test_a_published_pack_is_never_missing():
    assert pack_gap(meeting_on(MONDAY, has_published_pack=True), MONDAY, HOLIDAYS) is None


def test_everything_missing_in_order_pack_minutes_then_items_by_agenda_order():
    facts = meeting_on(
        datetime.date(2026, 12, 3),
        previous=PreviousMeeting(datetime.date(2026, 10, 6), MinutesState.DRAFT),
        items=[
            item(1, "Apologies for Absence", ItemType.APOLOGIES),
            item(2, "Minutes of the previous meeting", ItemType.MINUTES),
            item(6, "Corporate Parenting Performance Report", ItemType.PERFORMANCE_REPORT),
            item(7, "Fostering Service Annual Report"),
            item(8, "Virtual School Update", held_documents=1),
        ],
    )
    gaps = missing(facts, MONDAY, HOLIDAYS)
    assert [(gap.kind, gap.text) for gap in gaps] == [
        (GapKind.NO_PACK, "No agenda pack published, and the meeting is 3 working days away"),
        (GapKind.PREVIOUS_MINUTES, "Minutes of 6 October 2026: still draft, so not published for approval"),
        (GapKind.NO_DOCUMENT, "Item 6, Corporate Parenting Performance Report: no document"),
        (GapKind.NO_PUBLICATION, "Item 6, Corporate Parenting Performance Report: no scorecard publication chosen"),
        (GapKind.NO_DOCUMENT, "Item 7, Fostering Service Annual Report: no document"),
    ]


def test_a_ready_meeting_lacks_nothing():
    facts = meeting_on(
        datetime.date(2026, 12, 3), has_published_pack=True,
        previous=PreviousMeeting(datetime.date(2026, 10, 6), MinutesState.APPROVED),
        items=[item(6, "Performance Report", ItemType.PERFORMANCE_REPORT, held_documents=1, has_publication=True)],
    )
    assert missing(facts, MONDAY, HOLIDAYS) == ()


@pytest.mark.parametrize("meeting_date, limit, age", [
    (datetime.date(2026, 11, 16), 10, None),  # exactly ten working days: not yet overdue
    (datetime.date(2026, 11, 13), 10, 11),
    (datetime.date(2026, 11, 27), 1, None),  # Friday to Monday is one working day
    (datetime.date(2026, 11, 26), 1, 2),
    (MONDAY, 1, None),
])
def test_draft_minutes_are_overdue_past_the_working_days_setting(meeting_date, limit, age):
    assert overdue_draft_age(meeting_date, MONDAY, limit, HOLIDAYS) == age


def test_draft_minutes_age_skips_bank_holidays():
    # Tuesday 22 December 2026 to Tuesday 5 January 2027: Christmas, Boxing Day's substitute
    # (28 December) and New Year's Day are not counted: 7 working days, not 10.
    assert overdue_draft_age(datetime.date(2026, 12, 22), datetime.date(2027, 1, 5), 6, HOLIDAYS) == 7
    assert overdue_draft_age(datetime.date(2026, 12, 22), datetime.date(2027, 1, 5), 7, HOLIDAYS) is None
