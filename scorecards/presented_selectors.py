"""Reads for where a scorecard was presented (docs/architecture.md, the join): the meetings
from `scorecards.presentations`, the figures from each publication's frozen snapshot, never
recomputed from the live records."""

from __future__ import annotations

from dataclasses import dataclass

from scorecards.compute.periods import Month
from scorecards.models import Scorecard
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
