"""Every read of the committee pages (docs/architecture.md, meetings pages).

Each page is read in a fixed number of queries whatever the number of meetings, items or
minutes (tests/test_meetings_pages.py counts them). `meeting_page` is the one place the rules
of `meetings.visibility` are applied to a meeting: what it returns holds nothing the viewer may
not see, so a template cannot leak what it was never given.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.http import Http404

from accounts.models import Person
from accounts.roles import Action, Role, can, user_roles
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
)
from meetings.visibility import Viewer, sees_document, sees_exempt, sees_item_in_full, sees_minutes
from meetings.vocabulary import (
    AttendanceKind,
    MeetingStatus,
    MembershipRole,
    MinutesState,
    exempt_notice,
    municipal_year,
    municipal_year_label,
)
from scorecards.models import Publication, Scorecard
from scorecards.selectors import scorecard_list

# A meeting still to come that may be someone's next: not called off.
EXPECTED = (MeetingStatus.SCHEDULED, MeetingStatus.HELD)
PUBLIC_MINUTES = (MinutesState.PUBLISHED, MinutesState.APPROVED)
ROLE_ORDER = {role.value: place for place, role in enumerate(MembershipRole)}


def viewer_for(user) -> Viewer:
    """Who is asking: one query for a councillor's seats, none for anyone else."""
    if not user.is_authenticated:
        return Viewer()
    roles = user_roles(user)
    seats: frozenset[tuple[int, int]] = frozenset()
    if Role.COUNCILLOR in roles:
        seats = frozenset(Membership.objects.filter(person__user=user).values_list("committee_id", "municipal_year"))
    return Viewer(
        signed_in=True,
        sees_drafts=can(user, Action.VIEW_DRAFTS),
        sees_all_exempt=bool(roles & {Role.GOVERNANCE_ADVISOR, Role.ADMIN}),
        seats=seats,
    )


def visible_minutes_q(viewer: Viewer, prefix: str = "") -> Q:
    """Meetings (through ``prefix``) whose minutes, attendance and declarations ``viewer`` may read."""
    if viewer.sees_drafts:
        return Q()
    return Q(**{f"{prefix}minutes_record__state__in": PUBLIC_MINUTES})


# -- /committees/ -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitteeSummary:
    committee: Committee
    next_meeting: Meeting | None


def committee_summaries(today: datetime.date) -> list[CommitteeSummary]:
    """Each committee with its next meeting not called off: two queries."""
    following: dict[int, Meeting] = {}
    for meeting in Meeting.objects.filter(date__gte=today, status__in=EXPECTED).order_by("-date"):
        following[meeting.committee_id] = meeting  # the earliest is written last
    return [CommitteeSummary(committee, following.get(committee.pk)) for committee in Committee.objects.all()]


# -- /committees/<slug>/ ----------------------------------------------------------------------


@dataclass(frozen=True)
class CommitteePage:
    committee: Committee
    members_year: int | None  # the municipal year whose members are listed
    members_year_is_current: bool
    members: list[Membership]
    upcoming: list[Meeting]
    past: list[Meeting]
    scorecards: list[Scorecard]

    @property
    def members_year_label(self) -> str:
        return municipal_year_label(self.members_year) if self.members_year is not None else ""


def sorted_members(memberships) -> list[Membership]:
    """Chair, vice-chair, members, co-opted members, substitutes; by name within each."""
    return sorted(memberships, key=lambda m: (ROLE_ORDER.get(m.role, 99), m.person.name.casefold()))


def committee_page(slug: str, today: datetime.date) -> CommitteePage:
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        raise Http404("No committee has that address.")
    current = municipal_year(today)
    years = set(committee.memberships.values_list("municipal_year", flat=True).distinct())
    # This year's members, or those of the latest year that has any (the record may be historic).
    year = current if current in years else max((y for y in years if y <= current), default=max(years, default=None))
    members = committee.memberships.filter(municipal_year=year).select_related("person", "substitute_for")
    meetings = list(committee.meetings.order_by("date"))
    return CommitteePage(
        committee=committee,
        members_year=year,
        members_year_is_current=year == current,
        members=sorted_members(members),
        upcoming=[meeting for meeting in meetings if meeting.date >= today],
        past=[meeting for meeting in reversed(meetings) if meeting.date < today],
        # As published: a title changed since is not public yet (the scorecard list's rule).
        scorecards=list(scorecard_list().filter(committees=committee)),
    )


def committee_meetings(slug: str) -> tuple[Committee, list[Meeting]]:
    """A committee and all its meetings, for the iCalendar feed."""
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        raise Http404("No committee has that address.")
    return committee, list(committee.meetings.order_by("date"))


# -- /committees/<slug>/<date>/ ---------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    """An agenda item as the viewer may see it: in full, or number, title and notice."""

    item: AgendaItem
    in_full: bool
    notice: str  # the Schedule 12A notice of an exempt item ("" when not exempt)
    documents: tuple[Document, ...]  # the papers the viewer may open or read the title of
    withheld: int  # how many papers are withheld from this viewer
    publication: Publication | None  # the scorecard as presented (a performance report)


@dataclass(frozen=True)
class MinuteView:
    minute: Minute
    in_full: bool
    notice: str


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    exempt_allowed: bool
    items: tuple[ItemView, ...]
    minutes_state: str | None  # None: no minutes recorded
    minutes_shown: bool
    minutes: tuple[MinuteView, ...]
    attendance: tuple[Attendance, ...]
    declarations: tuple[Declaration, ...]
    members: list[Membership]
    approved_at: Meeting | None
    # Whether the page holds material the public may not see (exempt papers or draft minutes).
    holds_restricted: bool
    by_kind: dict[str, list[Attendance]] = field(default_factory=dict)


def find_meeting(slug: str, day: datetime.date) -> Meeting:
    meeting = (
        Meeting.objects.select_related("committee", "minutes_record__approved_at")
        .filter(committee__slug=slug, date=day).first()
    )
    if meeting is None:
        raise Http404("No meeting of that committee on that date.")
    return meeting


def minutes_record(meeting: Meeting) -> Minutes | None:
    try:
        return meeting.minutes_record
    except Minutes.DoesNotExist:
        return None


def meeting_page(slug: str, day: datetime.date, viewer: Viewer) -> MeetingPage:
    """The meeting as ``viewer`` may see it, in a fixed number of queries."""
    meeting = find_meeting(slug, day)
    exempt_allowed = sees_exempt(viewer, meeting.committee_id, meeting.municipal_year)
    # The scorecard's title as the publication froze it: a title changed since is not public yet.
    items = meeting.agenda_items.select_related("publication__scorecard").defer(
        "publication__snapshot"
    ).annotate(
        presented_title=KeyTextTransform("title", KeyTransform("data", "publication__snapshot"))
    ).prefetch_related(
        Prefetch("documents", queryset=Document.objects.order_by("order"))
    )
    item_views = tuple(item_view(item, exempt_allowed) for item in items)
    record = minutes_record(meeting)
    state = record.state if record else None
    shown = sees_minutes(viewer, state)
    minute_views: tuple[MinuteView, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    if shown:
        minute_views = tuple(
            minute_view(minute, exempt_allowed)
            for minute in meeting.minutes.select_related("agenda_item").prefetch_related("resolutions", "actions")
        )
        attendance = tuple(
            meeting.attendances.select_related("person", "left_at", "joined_at", "took_chair_at")
            .prefetch_related("for_minutes", "absent_for")
        )
        declarations = tuple(meeting.declarations.select_related("person", "agenda_item", "minute"))
    by_kind: dict[str, list[Attendance]] = defaultdict(list)
    for entry in attendance:
        by_kind[entry.kind].append(entry)
    members = Membership.objects.filter(
        committee_id=meeting.committee_id, municipal_year=meeting.municipal_year
    ).select_related("person", "substitute_for")
    restricted = (
        (shown and state not in PUBLIC_MINUTES and bool(minute_views or attendance or declarations))
        or any(view.item.exempt and view.in_full for view in item_views)
        or any(document.exempt for view in item_views for document in view.documents)
    )
    return MeetingPage(
        meeting=meeting, exempt_allowed=exempt_allowed, items=item_views, minutes_state=state, minutes_shown=shown,
        minutes=minute_views, attendance=attendance, declarations=declarations, members=sorted_members(members),
        approved_at=record.approved_at if record and state == MinutesState.APPROVED else None,
        holds_restricted=restricted,
        by_kind={kind.value: by_kind.get(kind.value, []) for kind in AttendanceKind},
    )


def item_view(item: AgendaItem, exempt_allowed: bool) -> ItemView:
    in_full = sees_item_in_full(item.exempt, exempt_allowed)
    documents = tuple(d for d in item.documents.all() if sees_document(item.exempt, d.exempt, exempt_allowed))
    return ItemView(
        item=item, in_full=in_full,
        notice=exempt_notice(item.exempt_paragraphs) if item.exempt else "",
        documents=documents if in_full else (),
        withheld=len(item.documents.all()) - (len(documents) if in_full else 0),
        publication=item.publication if in_full else None,
    )


def minute_view(minute: Minute, exempt_allowed: bool) -> MinuteView:
    """The minute of an exempt item is exempt too: its number and title only for the public."""
    item = minute.agenda_item
    exempt = item is not None and item.exempt
    return MinuteView(
        minute=minute, in_full=sees_item_in_full(exempt, exempt_allowed),
        notice=exempt_notice(item.exempt_paragraphs) if exempt else "",
    )


@dataclass(frozen=True)
class DocumentAnswer:
    document: Document
    meeting: Meeting
    allowed: bool
    restricted: bool  # exempt: never cached where the public could read it


def document_for(slug: str, day: datetime.date, document_id: int, viewer: Viewer) -> DocumentAnswer:
    """A held document of that meeting, and whether ``viewer`` may read it."""
    document = (
        Document.objects.select_related("agenda_item__meeting__committee")
        .filter(pk=document_id, agenda_item__meeting__committee__slug=slug, agenda_item__meeting__date=day).first()
    )
    if document is None or not document.is_held:
        raise Http404("No document of that meeting has that number.")
    item = document.agenda_item
    meeting = item.meeting
    exempt_allowed = sees_exempt(viewer, meeting.committee_id, meeting.municipal_year)
    return DocumentAnswer(
        document=document, meeting=meeting,
        allowed=sees_document(item.exempt, document.exempt, exempt_allowed),
        restricted=item.exempt or document.exempt,
    )


# -- /people/<slug>/ --------------------------------------------------------------------------


@dataclass(frozen=True)
class YearOfSeats:
    year: int
    label: str
    memberships: list[Membership]


@dataclass(frozen=True)
class PersonPage:
    person: Person
    years: list[YearOfSeats]
    attendances: list[Attendance]
    attended: int
    apologies: int
    of_meetings: int
    declarations: list[Declaration]


def person_page(slug: str, viewer: Viewer) -> PersonPage:
    """A person's seats by municipal year, and their record in the minutes ``viewer`` may read."""
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        raise Http404("No person has that address.")
    memberships = list(person.memberships.select_related("committee").order_by("-municipal_year", "committee__name"))
    by_year: dict[int, list[Membership]] = defaultdict(list)
    for membership in memberships:
        by_year[membership.municipal_year].append(membership)
    seen = visible_minutes_q(viewer, "meeting__")
    attendances = list(
        person.attendances.filter(seen).select_related("meeting__committee").order_by("-meeting__date")
    )
    # Of how many: the meetings with minutes to read of the committees they sat on in each year,
    # and any other meeting the minutes record them at.
    seats = Q(pk__in=[])
    for membership in memberships:
        seats |= Q(committee_id=membership.committee_id, municipal_year=membership.municipal_year)
    expected = set(Meeting.objects.filter(seats).filter(visible_minutes_q(viewer)).values_list("pk", flat=True))
    expected |= {entry.meeting_id for entry in attendances if entry.kind != AttendanceKind.IN_ATTENDANCE}
    declarations = list(
        person.declarations.filter(seen).select_related("meeting__committee", "agenda_item").order_by("-meeting__date")
    )
    return PersonPage(
        person=person,
        years=[YearOfSeats(year, municipal_year_label(year), seats_) for year, seats_ in by_year.items()],
        attendances=attendances,
        attended=sum(entry.kind in (AttendanceKind.PRESENT, AttendanceKind.SUBSTITUTE) for entry in attendances),
        apologies=sum(entry.kind == AttendanceKind.APOLOGIES for entry in attendances),
        of_meetings=len(expected),
        declarations=declarations,
    )
