"""Writes of the target screens (docs/architecture.md, managing targets; docs/rules.md section 6):
adding and changing one indicator's target for a year, the yearly rollover that copies a year's
targets to the next as drafts, and confirming drafts.

The forms (`manage_target_forms.py`) have already applied the entry rules; each write here is all
or nothing, and every row written keeps a history record with who and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from scorecards.manage_selectors import shown_in_a_publication
from scorecards.manage_target_selectors import next_year, year_start
from scorecards.models import Indicator, Scorecard, Target
from scorecards.stale_edits import check_history_version
from scorecards.workbook.apply import record_creations

ADDED = "added on the targets screen"
CHANGED = "changed on the targets screen"
CONFIRMED = "draft confirmed"


@dataclass(frozen=True)
class Cells:
    """A target's three cells as typed, and the kind the entry rules read from them."""

    red: str
    amber: str
    green: str
    kind: str

    @classmethod
    def of(cls, target: Target) -> Cells:
        return cls(target.red, target.amber, target.green, target.kind)


class TargetExists(Exception):
    """The indicator already has a target for the year (added meanwhile by someone else)."""


class ReasonRequired(Exception):
    """A change to a target a publication shows came without a reason."""


class NothingToCopy(Exception):
    """The year to roll over from has no confirmed targets in the scorecard."""


def _history(target: Target, by: Any, reason: str) -> None:
    target._history_user = by
    target._change_reason = reason


@transaction.atomic
def add_target(indicator: Indicator, year: str, cells: Cells, by: Any, reason: str | None) -> Target:
    """A new target, confirmed: an admin typed it."""
    if Target.objects.filter(indicator=indicator, year=year).exists():
        raise TargetExists(year)
    target = Target(indicator=indicator, year=year, red=cells.red, amber=cells.amber, green=cells.green,
                    kind=cells.kind, draft=False)
    _history(target, by, reason or ADDED)
    target.save()
    return target


def describe_changes(target: Target, cells: Cells, confirm: bool) -> list[str]:
    """Each change in words, for the success message."""
    changes = [f"{name} \u201c{getattr(target, name)}\u201d to \u201c{getattr(cells, name)}\u201d"
               for name in ("red", "amber", "green") if getattr(target, name) != getattr(cells, name)]
    if confirm and target.draft:
        changes.append("confirmed")
    return changes


@transaction.atomic
def change_target(target: Target, cells: Cells, by: Any, reason: str | None, confirm: bool,
                  version: str | None = None) -> list[str]:
    """Save the cells (and confirm a draft when `confirm`); the changes made, in words (none:
    nothing is written). A draft saved without `confirm` stays a draft. `version`: the history
    version the form was drawn from; `stale_edits.Changed` when it moved on."""
    target = Target.objects.select_for_update().select_related("indicator").get(pk=target.pk)
    check_history_version(target, version, by)
    changes = describe_changes(target, cells, confirm)
    if not changes:
        return []
    if shown_in_a_publication(target) and not reason:
        raise ReasonRequired(target.year)
    target.red, target.amber, target.green, target.kind = cells.red, cells.amber, cells.green, cells.kind
    if confirm:
        target.draft = False
    _history(target, by, reason or (CONFIRMED if changes == ["confirmed"] else CHANGED))
    target.save()
    return changes


@dataclass(frozen=True)
class Rollover:
    """What a rollover did: the numbers of the indicators whose target it copied, those it left
    because they already had one for the new year, and those retired by then."""

    from_year: str
    to_year: str
    copied: tuple[str, ...]
    skipped: tuple[str, ...]
    retired: tuple[str, ...]


@transaction.atomic
def roll_over(scorecard: Scorecard, from_year: str, by: Any) -> Rollover:
    """Copy each confirmed target of `from_year` to the next year as a draft, for indicators
    still reported when that year starts, never over a target the next year already has."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)  # one rollover at a time
    to_year = next_year(from_year, scorecard.year_start_month)
    sources = list(Target.objects.filter(indicator__scorecard=scorecard, year=from_year, draft=False)
                   .select_related("indicator").order_by("indicator__sort_key"))
    if not sources:
        raise NothingToCopy(from_year)
    reported = set(Indicator.objects.filter(scorecard=scorecard)
                   .reported_in(year_start(to_year, scorecard.year_start_month)).values_list("pk", flat=True))
    existing = set(Target.objects.filter(indicator__scorecard=scorecard, year=to_year)
                   .values_list("indicator_id", flat=True))
    copies, skipped, retired = [], [], []
    for source in sources:
        number = source.indicator.number
        if source.indicator_id not in reported:
            retired.append(number)
        elif source.indicator_id in existing:
            skipped.append(number)
        else:
            copies.append(Target(indicator=source.indicator, year=to_year, red=source.red, amber=source.amber,
                                 green=source.green, kind=source.kind, draft=True))
    created = Target.objects.bulk_create(copies)
    record_creations(Target, [target.pk for target in created], by, f"copied from {from_year} by the yearly rollover")
    return Rollover(from_year, to_year, tuple(target.indicator.number for target in created), tuple(skipped),
                    tuple(retired))


@transaction.atomic
def confirm_drafts(scorecard: Scorecard, year: str, ids: Iterable[int], by: Any) -> list[str]:
    """Confirm the drafts among `ids` (those of the scorecard and year still drafts); the numbers
    of the indicators confirmed. From now on their targets rate."""
    drafts = list(Target.objects.select_for_update()
                  .filter(indicator__scorecard=scorecard, year=year, draft=True, pk__in=list(ids))
                  .select_related("indicator").order_by("indicator__sort_key"))
    for target in drafts:
        target.draft = False
    bulk_update_with_history(drafts, Target, ["draft"], default_user=by, default_change_reason=CONFIRMED)
    return [target.indicator.number for target in drafts]
