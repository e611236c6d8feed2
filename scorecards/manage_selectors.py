"""Reads of the management screens (docs/architecture.md, managing scorecards): the list of
scorecards with their settings in words, who changed one last, the officers who may own things,
and each indicator with its owners. Each read takes the same number of queries whatever the size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet

from accounts.roles import Role
from scorecards.compute.vocabulary import (
    ARROW_CONVENTION_WORDS,
    DOT_BASIS_WORDS,
    MONTH_NAMES,
    ArrowConvention,
    DotBasis,
    PublicationFrequency,
)
from scorecards.models import Indicator, Outturn, Publication, Scorecard, Target


def person_name(user) -> str:
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class ScorecardSettingsRow:
    """One line of the management list: a scorecard's settings in the council's words."""

    slug: str
    title: str
    year_start: str
    dot_basis: str
    arrows: str
    published: str
    deadline: str
    owners: str
    sections: int
    indicators: int


def scorecard_settings_rows() -> list[ScorecardSettingsRow]:
    scorecards = (Scorecard.objects.order_by("title")
                  .annotate(section_count=Count("sections", distinct=True),
                            indicator_count=Count("indicators", distinct=True))
                  .prefetch_related("owners"))
    return [
        ScorecardSettingsRow(
            slug=scorecard.slug,
            title=scorecard.title,
            year_start=MONTH_NAMES[scorecard.year_start_month],
            dot_basis=DOT_BASIS_WORDS[DotBasis(scorecard.dot_basis)].name,
            arrows=ARROW_CONVENTION_WORDS[ArrowConvention(scorecard.arrow_convention)].name,
            published=PublicationFrequency(scorecard.publication_frequency).label,
            deadline=f"Working day {scorecard.deadline_working_day}",
            owners=", ".join(sorted(person_name(user) for user in scorecard.owners.all())) or "None",
            sections=scorecard.section_count,
            indicators=scorecard.indicator_count,
        )
        for scorecard in scorecards
    ]


@dataclass(frozen=True)
class LastChange:
    who: str
    when: datetime.datetime
    what: str


def last_change(scorecard: Scorecard) -> LastChange | None:
    """The latest management write to the scorecard, its settings or sections (see
    services/manage.py: they keep no history of their own, so the admin log holds them)."""
    entry = (LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Scorecard),
                                     object_id=str(scorecard.pk))
             .select_related("user").order_by("-action_time", "-pk").first())
    if entry is None:
        return None
    return LastChange(person_name(entry.user), entry.action_time, entry.get_change_message())


def last_owner_change(scorecard: Scorecard) -> LastChange | None:
    """The latest change kept in the history of the scorecard's indicators."""
    record = latest_record(Indicator.history.filter(scorecard_id=scorecard.pk))
    if record is None:
        return None
    return LastChange(history_who(record), record.history_date,
                      f"{record.number}: {record.history_change_reason or 'changed'}")


def has_publications(scorecard: Scorecard) -> bool:
    return Publication.objects.filter(scorecard=scorecard).exists()


def performance_officers() -> QuerySet:
    """Who may own scorecards and indicators: active users with the performance officer role."""
    return (get_user_model().objects.filter(is_active=True, groups__name=Role.PERFORMANCE_OFFICER.value)
            .distinct().order_by("first_name", "last_name", "username"))


@dataclass(frozen=True)
class IndicatorOwners:
    indicator_id: int
    number: str
    name: str
    section: str
    owner_ids: frozenset[int]


def indicator_owners(scorecard: Scorecard) -> list[IndicatorOwners]:
    indicators = (Indicator.objects.filter(scorecard=scorecard).select_related("section")
                  .prefetch_related("owners").order_by("section__order", "section__id", "sort_key"))
    return [
        IndicatorOwners(indicator.pk, indicator.number, indicator.name,
                        indicator.section.title if indicator.section else "",
                        frozenset(owner.pk for owner in indicator.owners.all()))
        for indicator in indicators
    ]


def shown_in_a_publication(row: Target | Outturn) -> bool:
    """Has a publication frozen this target's or outturn's present value? Every publication
    holds every (confirmed) target and outturn of its scorecard, whatever the year, so it has
    when an issue was published after the row was last written. Changing it then needs a
    reason in its history (issue 13, item 8); a draft target was never published."""
    if getattr(row, "draft", False):
        return False
    written = row.history.order_by("-history_date").values_list("history_date", flat=True).first()
    published = Publication.objects.filter(scorecard_id=row.indicator.scorecard_id)
    return published.filter(published_at__gte=written).exists() if written else published.exists()


def latest_record(history: QuerySet):
    """The latest of some django-simple-history records, with who wrote it (one query)."""
    return history.select_related("history_user").order_by("-history_date", "-history_id").first()


def history_who(record) -> str:
    """Who wrote a history record, as the "last changed by" lines name them."""
    return person_name(record.history_user) if record.history_user else "the system"


def last_history_change(row) -> LastChange | None:
    """Who last changed a row that keeps django-simple-history, when, and the reason given."""
    record = latest_record(row.history.all())
    if record is None:
        return None
    return LastChange(history_who(record), record.history_date, record.history_change_reason or "")
