"""The governance advisor's home page (docs/advisor-home.md): the meetings of the next eight
weeks with what each still lacks (`meetings.readiness`), and draft minutes older than the site's
setting. Three queries (four when the site settings are not cached), however many meetings,
items or minutes (tests/test_advisor_home.py counts them)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse

from accounts.models import SiteSettings
from meetings.models import AgendaItem, Document, Meeting, Minutes, Pack
from meetings.readiness import Gap, GapKind, ItemFacts, MeetingFacts, PreviousMeeting, missing, overdue_draft_age, working_days_until
from meetings.selectors import EXPECTED
from meetings.vocabulary import MinutesState, PackState
from scorecards.compute.working_days import bank_holidays_england_and_wales

# How far ahead the page looks: two months of a council's cycle, so the next meeting of each
# committee that meets every other month is on it.
UPCOMING_DAYS = 56


def manage_meeting_url(slug: str, day: datetime.date) -> str:
    """The advisor's screen of one meeting."""
    return reverse("meetings:manage_meeting", kwargs={"committee": slug, "day": day})


def manage_committees_url() -> str:
    """The advisor's committee screens."""
    return reverse("meetings:manage_committees")


@dataclass(frozen=True)
class MeetingReadiness:
    meeting: Meeting  # with its committee
    working_days_away: int
    gaps: tuple[Gap, ...]
    manage_url: str
    # Where the previous meeting's minutes and this meeting's pack are kept: a gap about either is
    # fixed on another screen than the meeting's own, so the home page links it there.
    previous_minutes_url: str = ""
    pack_url: str = ""

    @property
    def ready(self) -> bool:
        return not self.gaps

    def gap_url(self, gap: Gap) -> str:
        """The screen where ``gap`` is fixed: the previous minutes, the pack, else the meeting."""
        if gap.kind == GapKind.PREVIOUS_MINUTES and self.previous_minutes_url:
            return self.previous_minutes_url
        if gap.kind == GapKind.NO_PACK and self.pack_url:
            return self.pack_url
        return self.manage_url

    @property
    def linked_gaps(self) -> tuple[tuple[Gap, str], ...]:
        return tuple((gap, self.gap_url(gap)) for gap in self.gaps)


@dataclass(frozen=True)
class OverdueDraft:
    meeting: Meeting  # with its committee
    age: int  # working days since the meeting
    manage_url: str


@dataclass(frozen=True)
class AdvisorHome:
    today: datetime.date
    until: datetime.date
    meetings: tuple[MeetingReadiness, ...]
    overdue_drafts: tuple[OverdueDraft, ...]
    draft_limit: int  # SiteSettings.draft_minutes_working_days
    committees_url: str


def upcoming_meetings(today: datetime.date, until: datetime.date):
    """Meetings from today to ``until`` not called off, each with its previous meeting (of the
    committee, not called off) and that one's minutes state, and whether a pack is published:
    one query."""
    previous = Meeting.objects.filter(
        committee_id=OuterRef("committee_id"), date__lt=OuterRef("date"), status__in=EXPECTED
    ).order_by("-date")
    return (
        Meeting.objects.filter(date__gte=today, date__lte=until, status__in=EXPECTED)
        .select_related("committee")
        .annotate(
            previous_date=Subquery(previous.values("date")[:1]),
            previous_state=Subquery(previous.values("minutes_record__state")[:1]),
            pack_published=Exists(Pack.objects.filter(meeting_id=OuterRef("pk"), state=PackState.PUBLISHED)),
        )
        .order_by("date", "start_time", "committee__name")
    )


def item_facts(meeting_ids: list[int]) -> dict[int, list[ItemFacts]]:
    """Every agenda item of those meetings as the rules need it, in agenda order: one query."""
    # Held as Document.is_held says: an uploaded file, or text that is not only blanks (of any
    # kind: SQL's TRIM takes spaces alone, a regular expression takes line breaks too).
    held = Document.objects.filter(Q(agenda_item_id=OuterRef("pk")) & (~Q(file="") | Q(text__regex=r"\S")))
    items: dict[int, list[ItemFacts]] = {meeting_id: [] for meeting_id in meeting_ids}
    rows = (
        AgendaItem.objects.filter(meeting_id__in=meeting_ids)
        .annotate(has_held=Exists(held))
        .order_by("meeting_id", "order")
        .values_list("meeting_id", "number", "title", "item_type", "status", "to_follow", "has_held", "publication_id")
    )
    for meeting_id, number, title, item_type, status, to_follow, has_held, publication_id in rows:
        items[meeting_id].append(ItemFacts(
            number=number, title=title, item_type=item_type, status=status, to_follow=to_follow,
            held_documents=int(has_held), has_publication=publication_id is not None,
        ))
    return items


def advisor_home(today: datetime.date) -> AdvisorHome:
    limit = SiteSettings.current().draft_minutes_working_days
    until = today + datetime.timedelta(days=UPCOMING_DAYS)
    meetings = list(upcoming_meetings(today, until))
    items = item_facts([meeting.pk for meeting in meetings])
    # Draft minutes can be overdue only once ``limit`` calendar days have passed (a working day is
    # at least a day): the database leaves out the recent ones, the rule decides the rest.
    drafts = list(
        Minutes.objects.filter(state=MinutesState.DRAFT, meeting__date__lte=today - datetime.timedelta(days=limit))
        .select_related("meeting__committee").order_by("meeting__date", "meeting__committee__name")
    )
    first_year = min([today.year, *(record.meeting.date.year for record in drafts)])
    bank_holidays = bank_holidays_england_and_wales(range(first_year, until.year + 1))
    readiness = []
    for meeting in meetings:
        previous = (
            PreviousMeeting(meeting.previous_date, meeting.previous_state) if meeting.previous_date is not None else None
        )
        facts = MeetingFacts(
            date=meeting.date, items=tuple(items[meeting.pk]), previous=previous,
            has_published_pack=meeting.pack_published,
        )
        readiness.append(MeetingReadiness(
            meeting=meeting, working_days_away=working_days_until(today, meeting.date, bank_holidays),
            gaps=missing(facts, today, bank_holidays),
            manage_url=manage_meeting_url(meeting.committee.slug, meeting.date),
            previous_minutes_url=(
                reverse("meetings:manage_minutes", kwargs={"committee": meeting.committee.slug, "day": previous.date})
                if previous is not None else ""
            ),
            pack_url=reverse("meetings:manage_pack", kwargs={"committee": meeting.committee.slug, "day": meeting.date}),
        ))
    overdue = []
    for record in drafts:
        age = overdue_draft_age(record.meeting.date, today, limit, bank_holidays)
        if age is not None:
            overdue.append(OverdueDraft(
                meeting=record.meeting, age=age,
                manage_url=manage_meeting_url(record.meeting.committee.slug, record.meeting.date),
            ))
    return AdvisorHome(
        today=today, until=until, meetings=tuple(readiness), overdue_drafts=tuple(overdue),
        draft_limit=limit, committees_url=manage_committees_url(),
    )
