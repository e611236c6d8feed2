"""The month-end entry grid as read: who may enter what, and each row's stored figure, notes,
versions and context (docs/architecture.md, the entry grid).

Reads only, like `selectors` (kept apart so that the grid's reads sit together); writes are in
`services/entry.py`. A fixed number of queries whatever the number of indicators.

Who sees which rows follows `can()`'s ownership rules: `Indicator.is_owned_by` gives the entry
of an indicator's figures and notes to its owners alone, so an officer sees the rows of the
indicators they own; an admin sees every row. A section's narrative ("significant changes") is
written by the scorecard's owners and the owners of any indicator in the section, as in a
workbook (`workbook/permissions.py`). An owner of the scorecard who owns none of its indicators
sees the narratives only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from accounts.roles import Action, Role, can, user_roles

from scorecards.compute.entry import IndicatorRules, figure_due, needs_exception_note
from scorecards.compute.periods import Month, allowed_months, reporting_year_label
from scorecards.compute.precision import format_figure
from scorecards.compute.vocabulary import CommentaryKind, Frequency, Unit
from scorecards.figures import PUBLISHED_MONTHS, Figures, compute_figures
from scorecards.models import Commentary, Indicator, Observation, Publication, Scorecard, Section
from scorecards.presentation import dot_display, figure_text
from scorecards.selectors import date_month, live_data, month_date
from scorecards.snapshot import decimal_text

# The hidden version of a row with nothing stored yet.
NEW = "new"
NOTE_KINDS = (CommentaryKind.COMMENTARY, CommentaryKind.EXCEPTION)


def version_of(updated_at: datetime.datetime | None) -> str:
    """A stored row's version as the grid carries it: when it was last saved, to the microsecond."""
    return NEW if updated_at is None else updated_at.isoformat()


@dataclass(frozen=True)
class EntryRights:
    """What one person may enter on a scorecard's grid."""

    indicator_ids: frozenset[int]
    section_ids: frozenset[int]  # the sections whose narrative they may write

    @property
    def any(self) -> bool:
        return bool(self.indicator_ids or self.section_ids)


def entry_rights(scorecard: Scorecard, user: Any) -> EntryRights:
    """The indicators and section narratives `user` may enter (two queries at most)."""
    if not can(user, Action.ENTER_FIGURES):
        return EntryRights(frozenset(), frozenset())
    indicators = Indicator.objects.filter(scorecard=scorecard)
    if Role.ADMIN not in user_roles(user):
        indicators = indicators.filter(owners=user)  # as Indicator.is_owned_by reads ownership
    owned = list(indicators.values_list("pk", "section_id"))
    if can(user, Action.ENTER_FIGURES, scorecard):  # admins, and the scorecard's owners
        sections = frozenset(Section.objects.filter(scorecard=scorecard).values_list("pk", flat=True))
    else:
        sections = frozenset(section for _, section in owned if section is not None)
    return EntryRights(frozenset(pk for pk, _ in owned), sections)


@dataclass(frozen=True)
class StoredFigure:
    """An observation as stored, written as the grid's inputs show it."""

    value: str
    numerator: str
    denominator: str
    mark: str
    status: str
    version: str

    def as_initial(self) -> dict[str, str]:
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator,
                "mark": self.mark, "status": self.status, "version": self.version}


@dataclass(frozen=True)
class StoredNote:
    text: str
    version: str


NO_FIGURE = StoredFigure("", "", "", "", "final", NEW)
NO_NOTE = StoredNote("", NEW)


@dataclass(frozen=True)
class AsSaved:
    """The month's computed figures from what is stored: what the row shows after a save."""

    ytd: str
    rag_in_month: str | None
    rag_year_end: str | None
    dot: str | None


@dataclass(frozen=True)
class EntryRow:
    indicator_id: int
    number: str
    name: str
    unit: str
    decimals: int
    rules: IndicatorRules
    due: bool  # a figure is due this month (its frequency reports in it)
    next_due: Month | None  # when not due: the next month one is
    figure: StoredFigure
    commentary: StoredNote
    exception: StoredNote
    previous: tuple[tuple[str, str], ...]  # the three figures before the month: ("Nov-20", "45.0%")
    target_words: str
    as_saved: AsSaved | None  # None when the month has no figure
    needs_exception_note: bool  # red in month or at year end (compute.entry)

    @property
    def key(self) -> str:
        """The prefix of the row's fields in the form: i<indicator id>."""
        return f"i{self.indicator_id}"


@dataclass(frozen=True)
class EntrySection:
    section_id: int | None
    title: str
    rows: tuple[EntryRow, ...]
    narrative_editable: bool
    narrative: StoredNote

    @property
    def key(self) -> str:
        return f"s{self.section_id}"


@dataclass(frozen=True)
class EntryGrid:
    scorecard: Scorecard
    month: Month
    sections: tuple[EntrySection, ...]
    published: bool  # the month is shown in a publication: changing a figure needs a reason

    @property
    def rows(self) -> tuple[EntryRow, ...]:
        return tuple(row for section in self.sections for row in section.rows)


def month_published(scorecard: Scorecard, month: Month) -> bool:
    """Whether a publication shows `month`: one as at the month or up to 23 months after it."""
    return month in months_published(scorecard)


def months_published(scorecard: Scorecard) -> frozenset[Month]:
    """Every month some publication shows: each publication's month and the 23 before it (one query).

    The one statement of the rule: the grid asks it of one month, an import of every month it writes."""
    as_ats = Publication.objects.filter(scorecard=scorecard).values_list("as_at", flat=True).distinct()
    return frozenset(date_month(as_at).plus(-back) for as_at in as_ats for back in range(PUBLISHED_MONTHS))


def stored_figures(indicator_ids: frozenset[int], month: Month) -> dict[int, Observation]:
    return {o.indicator_id: o for o in Observation.objects.filter(indicator_id__in=indicator_ids, period=month_date(month))}


def stored_notes(scorecard: Scorecard, month: Month) -> dict[tuple[str, int, str], Commentary]:
    """The month's commentary, exception notes and narratives by ("i" or "s", id, kind)."""
    notes = {}
    for note in Commentary.objects.filter(scorecard=scorecard, period=month_date(month),
                                          kind__in=[*NOTE_KINDS, CommentaryKind.SIGNIFICANT_CHANGES]):
        owner = ("i", note.indicator_id) if note.indicator_id else ("s", note.section_id)
        notes[(*owner, note.kind)] = note
    return notes


def stored_figure(observation: Observation | None, decimals: int) -> StoredFigure:
    if observation is None:
        return NO_FIGURE
    return StoredFigure(
        value=format_figure(observation.value, decimals) or "",
        numerator=decimal_text(observation.numerator) or "",
        denominator=decimal_text(observation.denominator) or "",
        mark=observation.mark,
        status=observation.status,
        version=version_of(observation.updated_at),
    )


def stored_note(note: Commentary | None) -> StoredNote:
    return NO_NOTE if note is None else StoredNote(note.text, version_of(note.updated_at))


def next_due(month: Month, frequency: Frequency, start_month: int) -> Month:
    allowed = allowed_months(frequency, start_month)
    later = month.plus(1)
    while later.month not in allowed:
        later = later.plus(1)
    return later


def as_saved(figures: Figures, unit: str, month: Month) -> AsSaved | None:
    if figures.current_period != str(month):
        return None
    dot = dot_display(figures.dot)
    return AsSaved(
        ytd=figure_text(figures.ytd, unit) + (" (incomplete)" if figures.ytd_incomplete else ""),
        rag_in_month=None if figures.rag_in_month is None else str(figures.rag_in_month),
        rag_year_end=None if figures.rag_year_end is None else str(figures.rag_year_end),
        dot=None if dot is None else dot.words,
    )


def entry_grid(scorecard: Scorecard, month: Month, rights: EntryRights) -> EntryGrid:
    """The grid of `month` for someone with `rights`: their rows grouped by section, in the
    scorecard's order, with each section whose narrative they may write."""
    data = live_data(scorecard, month)
    figures = compute_figures(data, [month])
    # An indicator retired by this month is not in it (nor in `data`): it has no row.
    indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=rights.indicator_ids)
                  .reported_in(month_date(month)).select_related("section")}
    by_number = {i.number: i for i in data.indicators}
    observations = stored_figures(rights.indicator_ids, month)
    notes = stored_notes(scorecard, month)
    start = scorecard.year_start_month
    rows: dict[int | None, list[EntryRow]] = {}
    for indicator in sorted(indicators.values(), key=lambda i: i.sort_key):
        stored = by_number[indicator.number]
        computed = figures[indicator.number][str(month)]
        earlier = sorted((p for p in stored.observations if p < str(month)), reverse=True)[:3]
        tolerance = stored.tolerance_for(reporting_year_label(month, start))
        frequency = Frequency(indicator.frequency)
        due = figure_due(month, frequency, start)
        rows.setdefault(indicator.section_id, []).append(EntryRow(
            indicator_id=indicator.pk,
            number=indicator.number,
            name=indicator.name,
            unit=indicator.unit,
            decimals=indicator.decimals,
            rules=IndicatorRules(indicator.number, Unit(indicator.unit), indicator.decimals, frequency, start),
            due=due,
            next_due=None if due else next_due(month, frequency, start),
            figure=stored_figure(observations.get(indicator.pk), indicator.decimals),
            commentary=stored_note(notes.get(("i", indicator.pk, CommentaryKind.COMMENTARY))),
            exception=stored_note(notes.get(("i", indicator.pk, CommentaryKind.EXCEPTION))),
            previous=tuple(
                (Month.parse(p).abbreviation(), _shown(stored.observations[p].value, stored.observations[p].mark, indicator.unit))
                for p in reversed(earlier)
            ),
            target_words=tolerance.describe(indicator.unit) if tolerance else "no target set for this year",
            as_saved=as_saved(computed, indicator.unit, month),
            # Only once the month has its own figure: a red rated on an earlier month's figure
            # was explained in that month.
            needs_exception_note=computed.current_period == str(month)
            and needs_exception_note(computed.rag_in_month, computed.rag_year_end),
        ))
    sections = []
    for section in Section.objects.filter(scorecard=scorecard).order_by("order", "id"):
        editable = section.pk in rights.section_ids
        if editable or section.pk in rows:
            sections.append(EntrySection(
                section_id=section.pk,
                title=section.title,
                rows=tuple(rows.get(section.pk, ())),
                narrative_editable=editable,
                narrative=stored_note(notes.get(("s", section.pk, CommentaryKind.SIGNIFICANT_CHANGES))),
            ))
    if None in rows:  # indicators in no section: no narrative to write
        sections.append(EntrySection(None, "Other indicators", tuple(rows[None]), False, NO_NOTE))
    return EntryGrid(scorecard, month, tuple(sections), month_published(scorecard, month))


def _shown(value: str | None, mark: str | None, unit: str) -> str:
    return mark if mark else figure_text(value, unit)
