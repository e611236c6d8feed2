"""Reads of the advisor's committee screens (docs/committees-screens.md): the list of committees,
one committee's screen, a municipal year's seats, the standard items' eras, and the rollover's
plan. Each read takes the same number of queries whatever the number of committees or seats.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import Person
from meetings.models import Committee, Membership, StandardItem
from meetings.selectors import sorted_members
from meetings.vocabulary import (
    CommitteeKind,
    ItemType,
    MembershipRole,
    municipal_year_label,
    printed_name,
)
from scorecards.manage_selectors import LastChange, history_who, latest_record
from scorecards.models import Scorecard

# The municipal years an address may name: those whose days the date converter accepts.
FIRST_YEAR, LAST_YEAR = 1990, 2098
# The roles a committee has one of a year (Membership's constraints).
ONE_A_YEAR = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


def committee_or_404(slug: str) -> Committee:
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        raise Http404("No committee has that address.")
    return committee


def year_or_404(year: int) -> int:
    """A municipal year an address may name; any other is not found (not a server error)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No municipal year has that number.")
    return year


# What a history record without a reason did (the import and the Django admin give none).
HISTORY_WORDS = {"+": "created", "~": "changed", "-": "deleted"}


def last_change(row) -> LastChange | None:
    """Who last changed a committee or a seat, when, and why (or what they did, when no reason)."""
    record = latest_record(row.history.all())
    if record is None:
        return None
    return LastChange(history_who(record), record.history_date,
                      record.history_change_reason or HISTORY_WORDS.get(record.history_type, "changed"))


def is_current(seat: Membership, today: datetime.date) -> bool:
    """A seat ended on a day is no longer held from that day (Membership.ended_on)."""
    return seat.ended_on is None or seat.ended_on > today


# -- /manage/committees/ ----------------------------------------------------------------------


@dataclass(frozen=True)
class YearSummary:
    year: int
    seats: int

    @property
    def label(self) -> str:
        return municipal_year_label(self.year)


@dataclass(frozen=True)
class CommitteeRow:
    """One line of the advisor's list: a committee and this municipal year's seats."""

    slug: str
    name: str
    kind: str
    members: int  # seats held today in the current municipal year
    chair: str  # this year's chair, or ""
    year: int
    latest: YearSummary | None = None  # the latest year with seats, when this one has none


def committee_rows(year: int, today: datetime.date) -> list[CommitteeRow]:
    """Every committee with the year's seats held today and its chair, and the latest year with
    seats for a committee without any this year (a record kept from its papers): three queries."""
    held = Q(memberships__municipal_year=year) & (Q(memberships__ended_on__isnull=True)
                                                   | Q(memberships__ended_on__gt=today))
    committees = Committee.objects.order_by("name").annotate(seats=Count("memberships", filter=held))
    chairs = {seat.committee_id: str(seat.person) for seat in Membership.objects.filter(
        municipal_year=year, role=MembershipRole.CHAIR).select_related("person")}
    latest: dict[int, YearSummary] = {}
    for row in Membership.objects.values("committee_id", "municipal_year").annotate(seats=Count("id")).order_by(
            "municipal_year"):
        latest[row["committee_id"]] = YearSummary(row["municipal_year"], row["seats"])  # the latest is last
    return [CommitteeRow(slug=committee.slug, name=committee.name, kind=CommitteeKind(committee.kind).label,
                         members=committee.seats, chair=chairs.get(committee.pk, ""), year=year,
                         latest=None if committee.seats or committee.pk not in latest else latest[committee.pk])
            for committee in committees]


# -- one committee ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Era:
    """One era of a committee's standard items: from its first day, how many items."""

    era_from: datetime.date
    items: int


@dataclass(frozen=True)
class CommitteeScreen:
    committee: Committee
    year: int  # the current municipal year
    members: list[Membership]  # its seats held today
    years: list[YearSummary]  # every year with seats, latest first
    eras: list[Era]
    scorecards: list[str]
    last_change: LastChange | None

    @property
    def year_label(self) -> str:
        return municipal_year_label(self.year)


def committee_screen(committee: Committee, year: int, today: datetime.date) -> CommitteeScreen:
    seats = committee.memberships.filter(municipal_year=year).select_related("person", "substitute_for")
    return CommitteeScreen(
        committee=committee,
        year=year,
        members=sorted_members(seat for seat in seats if is_current(seat, today)),
        years=seat_years(committee),
        eras=eras(committee),
        scorecards=list(committee.scorecards.order_by("title").values_list("title", flat=True)),
        last_change=last_change(committee),
    )


def seat_years(committee: Committee) -> list[YearSummary]:
    """Every municipal year the committee has seats in, latest first, with how many."""
    rows = committee.memberships.values("municipal_year").annotate(seats=Count("id")).order_by("-municipal_year")
    return [YearSummary(row["municipal_year"], row["seats"]) for row in rows]


def eras(committee: Committee) -> list[Era]:
    """The eras of the committee's standard items, latest first."""
    rows = committee.standard_items.values("era_from").annotate(items=Count("id")).order_by("-era_from")
    return [Era(row["era_from"], row["items"]) for row in rows]


def era_items(committee: Committee, era_from: datetime.date) -> list[StandardItem]:
    return list(committee.standard_items.filter(era_from=era_from).order_by("order"))


def item_type_words(item_type: str) -> str:
    return ItemType.labels().get(item_type, item_type)


def scorecard_choices() -> QuerySet[Scorecard]:
    return Scorecard.objects.order_by("title")


def people() -> QuerySet[Person]:
    return Person.objects.order_by("name", "title")


# -- one municipal year's seats ---------------------------------------------------------------


def year_seats(committee: Committee, year: int) -> list[Membership]:
    """The year's seats, chair first, ended ones included (their attendance names them)."""
    seats = committee.memberships.filter(municipal_year=year).select_related("person", "substitute_for")
    return sorted_members(seats)


def role_holder(committee: Committee, year: int, role: str, *, besides: int | None = None) -> Membership | None:
    """Who holds the chair or vice-chair in ``year``, other than the seat ``besides``."""
    if role not in ONE_A_YEAR:
        return None
    seats = Membership.objects.filter(committee=committee, municipal_year=year, role=role).select_related("person")
    return seats.exclude(pk=besides).first() if besides else seats.first()


# -- the rollover -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedSeat:
    """A seat of one year as it would be in the next: ``role`` is the role it keeps, or member
    when the next year's chair or vice-chair is already someone else (``note`` says so)."""

    membership_id: int
    person: str
    role: str
    note: str = ""

    @property
    def role_label(self) -> str:
        return MembershipRole(self.role).label


@dataclass(frozen=True)
class SkippedSeat:
    person: str
    reason: str


@dataclass(frozen=True)
class RolloverPlan:
    year: int
    carried: tuple[PlannedSeat, ...]
    skipped: tuple[SkippedSeat, ...]

    @property
    def next_year(self) -> int:
        return self.year + 1

    @property
    def label(self) -> str:
        return municipal_year_label(self.year)

    @property
    def next_label(self) -> str:
        return municipal_year_label(self.year + 1)


def rollover_plan(committee: Committee, year: int) -> RolloverPlan:
    """What rolling ``year``'s seats into the next year would do, in two queries: every seat not
    ended is carried, but for a person who already has a seat in the next year (never
    overwritten, never doubled); a chair or vice-chair whose role the next year already gives to
    someone is carried as a member."""
    following = year + 1
    later = {seat.person_id: seat for seat in Membership.objects.filter(committee=committee, municipal_year=following)
             .select_related("person")}
    taken = {seat.role: seat for seat in later.values() if seat.role in ONE_A_YEAR}
    carried, skipped = [], []
    for seat in year_seats(committee, year):
        name = str(seat.person)
        if seat.ended_on is not None:
            skipped.append(SkippedSeat(name, f"their seat ended on {seat.ended_on:%-d %B %Y}"))
        elif seat.person_id in later:
            there = later[seat.person_id]
            skipped.append(SkippedSeat(name, f"already {MembershipRole(there.role).label.lower()} in "
                                             f"{municipal_year_label(following)}"))
        elif seat.role in taken:
            holder = printed_name(taken[seat.role].person.title, taken[seat.role].person.name)
            carried.append(PlannedSeat(seat.pk, name, MembershipRole.MEMBER,
                                       f"was {MembershipRole(seat.role).label.lower()}: {holder} is already "
                                       f"{MembershipRole(seat.role).label.lower()} in {municipal_year_label(following)}"))
        else:
            carried.append(PlannedSeat(seat.pk, name, seat.role))
    return RolloverPlan(year, tuple(carried), tuple(skipped))
