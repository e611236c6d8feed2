"""Reads for where a scorecard was presented (docs/architecture.md, the join): the meetings
from `scorecards.presentations`, the figures from each publication's frozen snapshot, never
recomputed from the live records."""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.compute.periods import Month
from scorecards.models import Scorecard
from scorecards.presentation import ChangedMark, figure_text
from scorecards.presentations import Presentation, presentations_of
from scorecards.selectors import _published_rows, date_month, publications


@dataclass(frozen=True)
class PresentedFigure:
    """An indicator's figure as a meeting saw it: the publication's month and issue, and the
    latest figure that publication showed (None when it showed none)."""

    presentation: Presentation
    as_at: Month
    issue: int
    value: str | None
    period: str | None  # the month the figure is for, "2020-12"
    percentage: bool


def presented_figures(scorecard: Scorecard, number: str, user) -> list[PresentedFigure]:
    """Each meeting ``user`` may see that a publication of ``scorecard`` was presented to, with
    indicator ``number`` as that publication showed it: two queries, and one a publication not
    read yet by this process (its frozen content is kept)."""
    issues = {publication.pk: publication for publication in publications(scorecard)}
    found = presentations_of(issues, user)
    figures = []
    for pk, listed in found.items():
        publication = issues[pk]
        as_at = date_month(publication.as_at)
        rows = {row.number: row for row in _published_rows(publication.pk, publication.content_hash, as_at)}
        row = rows.get(number)  # an indicator added since was never presented
        if row is None:
            continue
        for presentation in listed:
            figures.append(PresentedFigure(
                presentation=presentation, as_at=as_at, issue=publication.issue,
                value=row.current_value, period=row.figures.current_period, percentage=row.unit == "percentage",
            ))
    return sorted(figures, key=lambda figure: (figure.presentation.meeting_date, figure.presentation.committee))


@dataclass(frozen=True)
class ChangedFigure:
    number: str
    name: str
    then: str | None  # as presented
    now: str | None  # live
    percentage: bool
    # The month of the figure that differs: the live one's, else (no live figure) the presented one's.
    period: str | None = None
    unit: str = ""


@dataclass(frozen=True)
class ChangedSincePresented:
    """The live figures of a month against the last presentation of that month's scorecard."""

    presentation: Presentation
    issue: int
    changed: tuple[ChangedFigure, ...]


def changed_since_presented(scorecard: Scorecard, as_at: Month, live_rows, user) -> ChangedSincePresented | None:
    """Staff's live view: each figure that differs from the one the latest meeting shown
    ``as_at``'s scorecard saw. None when no publication of the month was presented (to them)."""
    issues = {p.pk: p for p in publications(scorecard) if date_month(p.as_at) == as_at}
    found = presentations_of(issues, user)
    if not found:
        return None
    presentation = max((p for listed in found.values() for p in listed), key=lambda p: (p.meeting_date, issues[p.publication_pk].issue))
    publication = issues[presentation.publication_pk]
    presented = {row.number: row for row in _published_rows(publication.pk, publication.content_hash, as_at)}
    changed = tuple(
        ChangedFigure(row.number, row.name, presented[row.number].current_value, row.current_value,
                      row.unit == "percentage",
                      period=row.figures.current_period or presented[row.number].figures.current_period, unit=row.unit)
        for row in live_rows
        if row.number in presented and presented[row.number].current_value != row.current_value
    )
    return ChangedSincePresented(presentation=presentation, issue=publication.issue, changed=changed)


def changed_marks(changed_since: ChangedSincePresented | None) -> dict[str, ChangedMark]:
    """The mark each changed row carries in the live table (`presentation.with_changed_marks`),
    by indicator number: the summary above the table lists the same figures."""
    if changed_since is None:
        return {}
    presentation = changed_since.presentation
    return {
        figure.number: ChangedMark(
            period=figure.period, committee=presentation.committee, meeting_date=presentation.meeting_date,
            then=figure_text(figure.then, figure.unit) if figure.then is not None else "no figure",
        )
        for figure in changed_since.changed
        if figure.period is not None
    }
