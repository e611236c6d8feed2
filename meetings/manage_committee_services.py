"""Writes of the advisor's committee screens (docs/committees-screens.md): committees, their
standard items, memberships and the yearly rollover.

The forms (`manage_committee_forms`) have read every value; each function here is one user's
action, all or nothing (`transaction.atomic`), and leaves history with who and, as its change
reason, what changed in words. `StandardItem` keeps no history of its own (adding it needs a
migration), so a change to the template is recorded as a history row of its committee.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Max

from accounts.history import save_with_history
from accounts.models import Person
from meetings.manage_committee_selectors import ONE_A_YEAR, rollover_plan
from meetings.models import Committee, Membership, StandardItem
from meetings.vocabulary import CommitteeKind, ItemType, MembershipRole, municipal_year_label, printed_name
from scorecards.compute.ordering import swap_places
from scorecards.models import Scorecard
from scorecards.stale_edits import check_history_version

# Moved out of the way while the template is reordered (places are unique per era).
REORDER_OFFSET = 100_000


def _words(values: list[str]) -> str:
    return ", ".join(values) if values else "none"


# -- committees -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitteeValues:
    """A committee as the form read it: every value checked, the slug made when left blank."""

    name: str
    slug: str
    kind: CommitteeKind
    description: str
    scorecard_ids: frozenset[int]


def _scorecard_titles(ids: frozenset[int]) -> list[str]:
    return list(Scorecard.objects.filter(pk__in=ids).order_by("title").values_list("title", flat=True))


def create_committee(values: CommitteeValues, by: Any) -> Committee:
    with transaction.atomic():
        committee = Committee(name=values.name, slug=values.slug, kind=values.kind, description=values.description)
        save_with_history(committee, by, "Created")
        committee.scorecards.set(values.scorecard_ids)
        return committee


def change_committee(committee: Committee, values: CommitteeValues, by: Any, version: str | None) -> list[str]:
    """Save the committee's new values; the changes in words (none: nothing saved). Raises
    `stale_edits.Changed` when someone saved it after the form was drawn."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        check_history_version(committee, version, by)
        changes = []
        for field, label in (("name", "Name"), ("slug", "Web address"), ("kind", "Kind")):
            old, new = getattr(committee, field), getattr(values, field)
            if old != new:
                words = (CommitteeKind(old).label, CommitteeKind(new).label) if field == "kind" else (old, new)
                changes.append(f"{label}: {words[0]} to {words[1]}")
                setattr(committee, field, new)
        if committee.description != values.description:
            changes.append("Description changed")
            committee.description = values.description
        stored = frozenset(committee.scorecards.values_list("pk", flat=True))
        if stored != values.scorecard_ids:
            changes.append(f"Scorecards: {_words(_scorecard_titles(stored))} to "
                           f"{_words(_scorecard_titles(values.scorecard_ids))}")
            committee.scorecards.set(values.scorecard_ids)
        if changes:  # a history row even when only the scorecards changed (not a column)
            save_with_history(committee, by, "; ".join(changes))
        return changes


# -- standard items ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemValues:
    item_type: ItemType
    title: str
    description: str


def _template_changed(committee: Committee, by: Any, what: str) -> None:
    """The committee's history records each change of its template (StandardItem keeps none)."""
    save_with_history(committee, by, what)


def start_era(committee: Committee, era_from: datetime.date, by: Any) -> int:
    """A new era from ``era_from``, its items copied from the latest era as a start; how many."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        latest = committee.standard_items.order_by("-era_from").values_list("era_from", flat=True).first()
        copied = [StandardItem(committee=committee, era_from=era_from, order=item.order, item_type=item.item_type,
                               title=item.title, description=item.description)
                  for item in committee.standard_items.filter(era_from=latest)] if latest else []
        StandardItem.objects.bulk_create(copied)
        source = f", copied from the era from {latest:%-d %B %Y}" if latest else ""
        _template_changed(committee, by, f"Standard items: new era from {era_from:%-d %B %Y}{source}")
        return len(copied)


def add_standard_item(committee: Committee, era_from: datetime.date, values: ItemValues, by: Any) -> StandardItem:
    """Add an item at the end of the era's template."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        last = committee.standard_items.filter(era_from=era_from).aggregate(last=Max("order"))["last"] or 0
        item = StandardItem.objects.create(committee=committee, era_from=era_from, order=last + 1,
                                           item_type=values.item_type, title=values.title,
                                           description=values.description)
        _template_changed(committee, by, f"Standard items from {era_from:%-d %B %Y}: added “{values.title}”")
        return item


def change_standard_item(item: StandardItem, values: ItemValues, by: Any) -> bool:
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=item.committee_id)
        item = StandardItem.objects.get(pk=item.pk)
        if (item.item_type, item.title, item.description) == (values.item_type, values.title, values.description):
            return False
        item.item_type, item.title, item.description = values.item_type, values.title, values.description
        item.save()
        _template_changed(committee, by, f"Standard items from {item.era_from:%-d %B %Y}: changed “{item.title}”")
        return True


def _renumber(ordered: list[StandardItem]) -> None:
    """Give ``ordered`` the places 1, 2, 3 ... (moved out of the way first: places are unique)."""
    StandardItem.objects.filter(pk__in=[item.pk for item in ordered]).update(order=F("order") + REORDER_OFFSET)
    for place, item in enumerate(ordered, start=1):
        StandardItem.objects.filter(pk=item.pk).update(order=place)


def remove_standard_item(item: StandardItem, by: Any) -> None:
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=item.committee_id)
        StandardItem.objects.filter(pk=item.pk).delete()
        _renumber(list(committee.standard_items.filter(era_from=item.era_from).order_by("order")))
        _template_changed(committee, by, f"Standard items from {item.era_from:%-d %B %Y}: removed “{item.title}”")


def move_standard_item(item: StandardItem, up: bool, by: Any) -> bool:
    """Move an item one place up or down its era; False when it is already first or last."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=item.committee_id)
        items = list(committee.standard_items.filter(era_from=item.era_from).order_by("order"))
        places = swap_places([each.pk for each in items], item.pk, up)
        if places is None:
            return False
        place, other = places
        items[place], items[other] = items[other], items[place]
        _renumber(items)
        _template_changed(committee, by, f"Standard items from {item.era_from:%-d %B %Y}: moved “{item.title}” "
                                         f"{'up' if up else 'down'}")
        return True


# -- memberships ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeatValues:
    """A seat's role and details as the form read them (only a co-opted member's organisation
    and scope, only a substitute's member)."""

    role: MembershipRole
    capacity: str
    represents: str
    scope: str
    substitute_for_id: int | None
    ended_on: datetime.date | None = None


@dataclass(frozen=True)
class NewPerson:
    title: str
    name: str


class RoleTaken(Exception):
    """The chair or vice-chair of that year is someone else's, and moving it was not asked for."""

    def __init__(self, holder: Membership) -> None:
        self.holder = holder
        super().__init__(role_taken_message(holder))


def role_taken_message(holder: Membership) -> str:
    role = MembershipRole(holder.role).label.lower()
    return (f"{holder.person} is already the {role} in {municipal_year_label(holder.municipal_year)}. "
            f"Tick “Move the {role} role to this person” to make {holder.person} a member instead")


def _free_role(committee: Committee, year: int, role: str, seat_pk: int | None, move: bool, by: Any,
               taker: str) -> None:
    """Make ``role`` free in ``year`` for the seat ``seat_pk`` (None: a new seat): the holder
    becomes a member when ``move``, else `RoleTaken`. Called holding the committee."""
    if role not in ONE_A_YEAR:
        return
    holder = (Membership.objects.filter(committee=committee, municipal_year=year, role=role)
              .exclude(pk=seat_pk).select_related("person").first())
    if holder is None:
        return
    if not move:
        raise RoleTaken(holder)
    holder.role = MembershipRole.MEMBER
    save_with_history(holder, by, f"Role: {MembershipRole(role).label} to Member ({MembershipRole(role).label} moved to {taker})")


def _seat_fields(seat: SeatValues) -> dict:
    return {"role": seat.role, "capacity": seat.capacity, "represents": seat.represents, "scope": seat.scope,
            "substitute_for_id": seat.substitute_for_id}


def add_membership(committee: Committee, year: int, seat: SeatValues, by: Any, *, person: Person | None = None,
                   new_person: NewPerson | None = None, move_role: bool = False) -> Membership:
    """Seat an existing person, or one created here, on the committee for ``year``."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        if person is None:
            person = Person(title=new_person.title, name=new_person.name)
            person.save()  # its slug is made on save (accounts.models.unique_person_slug)
        taker = printed_name(person.title, person.name)
        _free_role(committee, year, seat.role, None, move_role, by, taker)
        membership = Membership(committee=committee, person=person, municipal_year=year, **_seat_fields(seat))
        save_with_history(membership, by, f"Added as {seat.role.label} for {municipal_year_label(year)}")
        return membership


def change_membership(membership: Membership, seat: SeatValues, by: Any, version: str | None, *,
                      move_role: bool = False) -> list[str]:
    """Change a seat's role, details or end; the changes in words. Raises `stale_edits.Changed`
    when someone saved the seat after the form was drawn, `RoleTaken` as `add_membership`."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=membership.committee_id)
        membership = Membership.objects.select_for_update(of=("self",)).select_related("person", "substitute_for").get(
            pk=membership.pk)
        check_history_version(membership, version, by)
        changes = _seat_changes(membership, seat)
        if not changes:
            return []
        _free_role(committee, membership.municipal_year, seat.role, membership.pk, move_role, by,
                   str(membership.person))
        for field, value in _seat_fields(seat).items():
            setattr(membership, field, value)
        membership.ended_on = seat.ended_on
        save_with_history(membership, by, "; ".join(changes))
        return changes


def _seat_changes(membership: Membership, seat: SeatValues) -> list[str]:
    changes = []
    if membership.role != seat.role:
        changes.append(f"Role: {MembershipRole(membership.role).label} to {seat.role.label}")
    for field, label in (("capacity", "Capacity"), ("represents", "Represents"), ("scope", "Attends")):
        old, new = getattr(membership, field), getattr(seat, field)
        if old != new:
            changes.append(f"{label}: {old or 'none'} to {new or 'none'}")
    if membership.substitute_for_id != seat.substitute_for_id:
        names = {person.pk: str(person) for person in Person.objects.filter(
            pk__in=[pk for pk in (membership.substitute_for_id, seat.substitute_for_id) if pk])}
        changes.append(f"Stands in for: {names.get(membership.substitute_for_id, 'nobody')} to "
                       f"{names.get(seat.substitute_for_id, 'nobody')}")
    if membership.ended_on != seat.ended_on:
        changes.append(f"Ended on {seat.ended_on:%-d %B %Y}" if seat.ended_on else "No longer ended")
    return changes


# -- the rollover -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RolloverResult:
    carried: tuple[str, ...]  # "Councillor Watson (Chair)"
    skipped: tuple[str, ...]  # "Councillor Jarvis: already member in 2021/22"


def roll_over(committee: Committee, year: int, chosen: frozenset[int], by: Any) -> RolloverResult:
    """Carry the seats ``chosen`` on the preview into the next year, as the plan made now says:
    a seat the next year gained meanwhile is skipped, never overwritten or doubled."""
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        plan = rollover_plan(committee, year)
        seats = {seat.pk: seat for seat in committee.memberships.filter(municipal_year=year, pk__in=chosen)}
        carried, skipped = [], [f"{seat.person}: {seat.reason}" for seat in plan.skipped]
        reason = f"Rolled over from {municipal_year_label(year)}"
        for planned in plan.carried:
            old = seats.get(planned.membership_id)
            if old is None:
                continue  # not ticked on the preview
            new = Membership(committee=committee, person_id=old.person_id, municipal_year=year + 1,
                             role=planned.role, capacity=old.capacity, represents=old.represents, scope=old.scope,
                             substitute_for_id=old.substitute_for_id)
            save_with_history(new, by, reason)
            carried.append(f"{planned.person} ({planned.role_label})")
        return RolloverResult(tuple(carried), tuple(skipped))
