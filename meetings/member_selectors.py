"""A councillor's committees on the home page (docs/architecture.md, the join): for each
committee they sit on, the next meeting, the latest scorecard presented to it and the minutes
awaiting approval, and the open actions of their minutes (meetings.member_action_selectors).
Six queries however many committees, meetings, minutes or actions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models.fields.json import KeyTextTransform, KeyTransform

from meetings.member_action_selectors import OpenAction, open_actions_by_committee
from meetings.models import AgendaItem, Committee, Meeting, Membership, Minutes
from meetings.selectors import EXPECTED, viewer_for
from meetings.visibility import sees_exempt, sees_item_in_full
from meetings.vocabulary import MinutesState, municipal_year, municipal_year_label
from scorecards.compute.periods import Month


@dataclass(frozen=True)
class PresentedScorecard:
    title: str  # as the publication froze it
    slug: str
    as_at: Month
    meeting: Meeting
    # The meeting is still ahead: the home page says "to be presented", not "presented" (a
    # meeting scheduled with its performance report reads wrongly otherwise).
    upcoming: bool = False


@dataclass(frozen=True)
class MyCommittee:
    committee: Committee
    role: str
    next_meeting: Meeting | None
    latest_scorecard: PresentedScorecard | None
    awaiting_approval: tuple[Meeting, ...]  # meetings whose minutes are published, not yet approved
    open_actions: tuple[OpenAction, ...] = ()  # of minutes they may read, due soonest first


@dataclass(frozen=True)
class MyCommittees:
    year: int
    is_current: bool
    committees: tuple[MyCommittee, ...]

    @property
    def year_label(self) -> str:
        return municipal_year_label(self.year)


def my_committees(user, today: datetime.date) -> MyCommittees | None:
    """The committees ``user``'s person sits on this municipal year, or in the latest year they
    sat (the record may be historic, as the committee page lists its latest members); None when
    they hold no seat at all."""
    if not user.is_authenticated:
        return None
    seats = list(Membership.objects.filter(person__user=user).select_related("committee").order_by("committee__name"))
    if not seats:
        return None
    current = municipal_year(today)
    years = {seat.municipal_year for seat in seats}
    year = current if current in years else max((y for y in years if y <= current), default=max(years))
    seats = [seat for seat in seats if seat.municipal_year == year]
    ids = [seat.committee_id for seat in seats]
    following: dict[int, Meeting] = {}
    for meeting in Meeting.objects.filter(committee_id__in=ids, date__gte=today, status__in=EXPECTED).order_by("-date"):
        following[meeting.committee_id] = meeting  # the earliest is written last
    viewer = viewer_for(user)
    latest: dict[int, PresentedScorecard] = {}
    items = (
        AgendaItem.objects.filter(meeting__committee_id__in=ids, publication__isnull=False)
        .select_related("meeting", "publication__scorecard").defer("publication__snapshot")
        .annotate(presented_title=KeyTextTransform("title", KeyTransform("data", "publication__snapshot")))
        .order_by("meeting__date", "order")
    )
    for item in items:  # the latest is written last
        meeting = item.meeting
        if sees_item_in_full(item.exempt, sees_exempt(viewer, meeting.committee_id, meeting.municipal_year)):
            publication = item.publication
            latest[meeting.committee_id] = PresentedScorecard(
                title=item.presented_title or publication.scorecard.title, slug=publication.scorecard.slug,
                as_at=Month(publication.as_at.year, publication.as_at.month), meeting=meeting,
                upcoming=meeting.date > today,
            )
    awaiting: dict[int, list[Meeting]] = {}
    for record in Minutes.objects.filter(meeting__committee_id__in=ids, state=MinutesState.PUBLISHED).select_related(
        "meeting"
    ).order_by("meeting__date"):
        awaiting.setdefault(record.meeting.committee_id, []).append(record.meeting)
    actions = open_actions_by_committee(viewer, ids)
    return MyCommittees(
        year=year, is_current=year == current,
        committees=tuple(
            MyCommittee(
                committee=seat.committee, role=seat.get_role_display(),
                next_meeting=following.get(seat.committee_id), latest_scorecard=latest.get(seat.committee_id),
                awaiting_approval=tuple(awaiting.get(seat.committee_id, ())),
                open_actions=actions.get(seat.committee_id, ()),
            )
            for seat in seats
        ),
    )
