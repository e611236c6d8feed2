"""What changed between a scorecard as presented and as it stands now (or as a later issue
presented it): figures, directions of travel, ratings and notes. Pure functions over two frozen
or live `ScorecardData` with their computed figures; who changed what, when and why comes from
the history (`selectors.change_report`). No Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import CommentaryKind, Rag
from scorecards.figures import ComputedFigures, Figures
from scorecards.presentation import dot_display, figure_text
from scorecards.snapshot import IndicatorData, ObservationData, ScorecardData


@dataclass(frozen=True)
class FigureChange:
    number: str
    name: str
    period: str  # "2020-12"
    before: str  # as printed: "607", "36.8%", "[x]", or "no figure"
    after: str


@dataclass(frozen=True)
class RatingChange:
    number: str
    name: str
    measure: str  # "Direction of travel", "RAG in month", "RAG year end"
    before: str
    after: str


@dataclass(frozen=True)
class NoteChange:
    subject: str  # "6.2 Rate of Looked After Children..." or a section's title
    period: str
    kind: str  # the commentary kind's label
    before: str | None  # Markdown; None where there was no note
    after: str | None
    number: str | None  # the indicator's, for an indicator's note
    section: str | None  # the section's title, for a section's narrative
    kind_value: str  # the commentary kind as stored


@dataclass(frozen=True)
class Changes:
    as_at: str  # the month the ratings are compared as at
    months: tuple[str, ...]  # the months both sides hold, oldest first
    figures: tuple[FigureChange, ...]
    ratings: tuple[RatingChange, ...]
    notes: tuple[NoteChange, ...]
    added: tuple[str, ...]  # indicators only the later side has ("6.12 Name")
    removed: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.figures) + len(self.ratings) + len(self.notes) + len(self.added) + len(self.removed)


def shown_figure(observation: ObservationData | None, unit: str) -> str:
    """A figure as the scorecard prints it, its value mark and provisional status included."""
    if observation is None or (observation.value is None and not observation.mark):
        return "no figure"
    text = observation.mark if observation.value is None else figure_text(observation.value, unit)
    return f"{text} [p]" if observation.status == "provisional" else text


def _figure_key(observation: ObservationData | None) -> tuple:
    if observation is None:
        return (None, None, None, None, "final")
    return (observation.value, observation.numerator, observation.denominator, observation.mark, observation.status)


def _rating_texts(figures: Figures | None) -> dict[str, str]:
    if figures is None:
        return {}
    dot = dot_display(figures.dot)
    return {
        "Direction of travel": dot.words if dot else "no comparison",
        "RAG in month": Rag(figures.rag_in_month).label if figures.rag_in_month else "no rating",
        "RAG year end": Rag(figures.rag_year_end).label if figures.rag_year_end else "no rating",
    }


def _notes(data: ScorecardData, months: set[str]) -> dict[tuple[str | None, str | None, str, str], str]:
    return {
        (note.number, note.section, note.period, note.kind): note.text
        for note in data.commentary
        if note.period in months
    }


def compare(
    before: ScorecardData,
    before_computed: ComputedFigures,
    after: ScorecardData,
    after_computed: ComputedFigures,
    as_at: Month,
    months: tuple[str, ...],
) -> Changes:
    """Every difference between two states of a scorecard over `months` (which both hold), with
    ratings compared as at `as_at`."""
    shown_months = set(months)
    before_by_number = {indicator.number: indicator for indicator in before.indicators}
    after_by_number = {indicator.number: indicator for indicator in after.indicators}
    names: dict[str, IndicatorData] = {**before_by_number, **after_by_number}
    figures: list[FigureChange] = []
    ratings: list[RatingChange] = []
    month = str(as_at)
    for number, indicator in after_by_number.items():
        earlier = before_by_number.get(number)
        if earlier is None:
            continue
        for period in months:
            old, new = earlier.observations.get(period), indicator.observations.get(period)
            if _figure_key(old) != _figure_key(new):
                figures.append(
                    FigureChange(number, indicator.name, period, shown_figure(old, earlier.unit), shown_figure(new, indicator.unit))
                )
        old_ratings = _rating_texts(before_computed.get(number, {}).get(month))
        new_ratings = _rating_texts(after_computed.get(number, {}).get(month))
        for measure, text in new_ratings.items():
            if old_ratings.get(measure, text) != text:
                ratings.append(RatingChange(number, indicator.name, measure, old_ratings[measure], text))
    order = {indicator.number: index for index, indicator in enumerate(after.indicators)}
    old_notes, new_notes = _notes(before, shown_months), _notes(after, shown_months)
    notes = []
    for key in sorted(old_notes.keys() | new_notes.keys(), key=lambda k: (k[2], k[0] or "", k[1] or "", k[3])):
        if old_notes.get(key) == new_notes.get(key):
            continue
        number, section, period, kind = key
        subject = f"{number} {names[number].name}" if number in names else (section or number or "")
        notes.append(
            NoteChange(
                subject, period, CommentaryKind(kind).label, old_notes.get(key), new_notes.get(key), number, section, kind
            )
        )
    return Changes(
        as_at=month,
        months=months,
        figures=tuple(sorted(figures, key=lambda c: (c.period, order[c.number]))),
        ratings=tuple(ratings),
        notes=tuple(notes),
        added=tuple(f"{n} {after_by_number[n].name}" for n in after_by_number if n not in before_by_number),
        removed=tuple(f"{n} {before_by_number[n].name}" for n in before_by_number if n not in after_by_number),
    )


def common_months(first: Month, second: Month, kept: int) -> tuple[str, ...]:
    """The months two publications both hold: each keeps `kept` months up to its own month."""
    latest = min(first, second)
    earliest = max(first, second).plus(1 - kept)
    months = []
    month = earliest
    while month <= latest:
        months.append(str(month))
        month = month.plus(1)
    return tuple(months)
