"""Writes of the management screens (docs/architecture.md, managing scorecards): creating a
scorecard and changing its settings, its sections and who owns it and its indicators.

The forms (`manage_forms.py`) have already applied the entry rules; each write here is all or
nothing. `Scorecard` and `Section` keep no django-simple-history (adding it needs a migration),
so each of their writes is recorded as an entry in Django's admin log (`LogEntry`, a table the
project already has) against the scorecard: who, when, what changed in words, and the reason.
`manage_selectors.last_change` reads it back for "last changed by". Indicators do keep history:
an owner change saves a history row whose change reason names the owners.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max

from scorecards.compute.ordering import swap_places
from scorecards.compute.vocabulary import (
    ARROW_CONVENTION_WORDS,
    DOT_BASIS_WORDS,
    MONTH_NAMES,
    ArrowConvention,
    DotBasis,
    PublicationFrequency,
)
from scorecards.models import Indicator, Publication, Scorecard, Section
from scorecards.stale_edits import check_scorecard_version


@dataclass(frozen=True)
class ScorecardSettings:
    """A scorecard's settings as the form read them (every value already checked)."""

    title: str
    year_start_month: int
    dot_basis: DotBasis
    arrow_convention: ArrowConvention
    publication_frequency: PublicationFrequency
    deadline_working_day: int
    owner_ids: frozenset[int]


class ReasonRequired(Exception):
    """A change to live computed figures of a published scorecard came without a reason."""


def settings_of(scorecard: Scorecard) -> ScorecardSettings:
    return ScorecardSettings(
        title=scorecard.title,
        year_start_month=scorecard.year_start_month,
        dot_basis=DotBasis(scorecard.dot_basis),
        arrow_convention=ArrowConvention(scorecard.arrow_convention),
        publication_frequency=PublicationFrequency(scorecard.publication_frequency),
        deadline_working_day=scorecard.deadline_working_day,
        owner_ids=frozenset(scorecard.owners.values_list("pk", flat=True)),
    )


def changes_live_figures(scorecard: Scorecard, new: ScorecardSettings) -> bool:
    """Would `new` change figures already computed for a published scorecard? The reporting
    year start moves every year to date and target year; the DOT basis every arrow. Publications
    keep what they froze, but the live pages and the next issue would differ."""
    if scorecard.pk is None or not Publication.objects.filter(scorecard=scorecard).exists():
        return False
    return (new.year_start_month != scorecard.year_start_month
            or new.dot_basis != scorecard.dot_basis)


def owner_names(ids: Iterable[int]) -> str:
    users = get_user_model().objects.filter(pk__in=list(ids)).order_by("first_name", "last_name", "username")
    return ", ".join(user.get_full_name() or user.username for user in users) or "nobody"


def describe_changes(old: ScorecardSettings, new: ScorecardSettings) -> list[str]:
    """Each changed setting in words, for the log and the success message."""
    words = {
        "title": ("Title", lambda value: f"\u201c{value}\u201d"),
        "year_start_month": ("Reporting year starts in", MONTH_NAMES.__getitem__),
        "dot_basis": ("Direction of travel", lambda value: DOT_BASIS_WORDS[value].name),
        "arrow_convention": ("Arrows", lambda value: ARROW_CONVENTION_WORDS[value].name),
        "publication_frequency": ("Published", lambda value: PublicationFrequency(value).label),
        "deadline_working_day": ("Month-end deadline", lambda value: f"working day {value}"),
        "owner_ids": ("Owners", owner_names),
    }
    changes = []
    for name, (label, say) in words.items():
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(f"{label}: {say(before)} to {say(after)}")
    return changes


def _log(scorecard: Scorecard, by: Any, flag: int, message: str) -> None:
    LogEntry.objects.log_actions(by.pk, [scorecard], flag, change_message=message, single_object=True)


def _with_reason(message: str, reason: str | None) -> str:
    return f"{message}. Reason: {reason}" if reason else message


@transaction.atomic
def create_scorecard(slug: str, settings: ScorecardSettings, by: Any) -> Scorecard:
    scorecard = Scorecard.objects.create(
        slug=slug,
        title=settings.title,
        year_start_month=settings.year_start_month,
        dot_basis=settings.dot_basis,
        arrow_convention=settings.arrow_convention,
        publication_frequency=settings.publication_frequency,
        deadline_working_day=settings.deadline_working_day,
    )
    scorecard.owners.set(settings.owner_ids)
    _log(scorecard, by, ADDITION, "Created the scorecard")
    return scorecard


@transaction.atomic
def change_scorecard(scorecard: Scorecard, new: ScorecardSettings, by: Any, reason: str | None,
                     version: str | None = None) -> list[str]:
    """Save `new`; the changes made, in words (none: nothing is written). `version`: the
    scorecard's version the form was drawn from; `stale_edits.Changed` when it moved on."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    check_scorecard_version(scorecard, version, by)
    if changes_live_figures(scorecard, new) and not reason:
        raise ReasonRequired(scorecard.slug)
    changes = describe_changes(settings_of(scorecard), new)
    if not changes:
        return []
    for name in ("title", "year_start_month", "dot_basis", "arrow_convention", "publication_frequency",
                 "deadline_working_day"):
        setattr(scorecard, name, getattr(new, name))
    scorecard.save()
    scorecard.owners.set(new.owner_ids)
    _log(scorecard, by, CHANGE, _with_reason("; ".join(changes), reason))
    return changes


# -- sections


def _renumber(scorecard: Scorecard) -> list[Section]:
    """The sections in their order, numbered 1, 2, 3... (orders loaded from a workbook may repeat
    or skip; moving one needs each to have its own place)."""
    sections = list(Section.objects.select_for_update().filter(scorecard=scorecard).order_by("order", "id"))
    for place, section in enumerate(sections, start=1):
        section.order = place
    Section.objects.bulk_update(sections, ["order"])
    return sections


@transaction.atomic
def add_section(scorecard: Scorecard, title: str, by: Any) -> Section:
    last = Section.objects.filter(scorecard=scorecard).aggregate(last=Max("order"))["last"] or 0
    section = Section.objects.create(scorecard=scorecard, title=title, order=last + 1)
    _log(scorecard, by, CHANGE, f"Added the section \u201c{title}\u201d")
    return section


@transaction.atomic
def rename_section(section: Section, title: str, by: Any) -> bool:
    """Rename a section. Indicators and notes point at the section's row, not its title, so
    they follow; publications froze the title they were published with and keep it."""
    old = section.title
    if old == title:
        return False
    section.title = title
    section.save(update_fields=["title"])
    _log(section.scorecard, by, CHANGE, f"Renamed the section \u201c{old}\u201d to \u201c{title}\u201d")
    return True


@transaction.atomic
def move_section(section: Section, up: bool, by: Any) -> bool:
    """Swap the section with the one above (or below); False when it is already first (last)."""
    sections = _renumber(section.scorecard)
    places = swap_places([each.pk for each in sections], section.pk, up)
    if places is None:
        return False
    place, other = places
    mine, theirs = sections[place], sections[other]
    mine.order, theirs.order = theirs.order, mine.order
    Section.objects.bulk_update([mine, theirs], ["order"])
    _log(section.scorecard, by, CHANGE, f"Moved the section \u201c{section.title}\u201d {'up' if up else 'down'}")
    return True


# -- indicator owners


@transaction.atomic
def set_indicator_owners(scorecard: Scorecard, owners: Mapping[int, frozenset[int]], by: Any) -> list[str]:
    """Give each indicator of `scorecard` named in `owners` exactly those owners; the numbers of
    the indicators changed. Each change is kept in the indicator's history with the owners in words."""
    indicators = Indicator.objects.filter(scorecard=scorecard, pk__in=list(owners)).prefetch_related("owners")
    changed = []
    for indicator in indicators:
        before = frozenset(owner.pk for owner in indicator.owners.all())
        after = owners[indicator.pk]
        if before == after:
            continue
        indicator.owners.set(after)
        # Owners are many-to-many, which the history does not hold: a saved row with the
        # change in its reason says who changed the owners, when, and to whom.
        indicator._history_user = by
        indicator._change_reason = f"owners: {owner_names(before)} to {owner_names(after)}"
        indicator.save()
        changed.append(indicator.number)
    if changed:
        _log(scorecard, by, CHANGE, f"Changed the owners of indicators {', '.join(changed)}")
    return changed
