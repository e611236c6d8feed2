"""Red / amber / green status in month and at year end (docs/rules.md section 7).

A target is anything that can rate a figure (the parsed tolerance of 4.4); ``rate`` gives
None for a no-target marker or a target in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol

from scorecards.compute.periods import Month, is_reporting_year_end, reporting_year_label
from scorecards.compute.vocabulary import Rag, YtdMethod
from scorecards.compute.ytd import Observation, YearFigure


class Rates(Protocol):
    def rate(self, value: Decimal) -> Rag | None: ...


# Targets per reporting year label ("2020/21"); a year without a row has no RAG, because
# targets are reviewed every year and never carry forward.
Targets = Mapping[str, Rates | None]


def target_for(targets: Targets, period: Month, start_month: int) -> Rates | None:
    """The target of the reporting year that contains ``period``."""
    return targets.get(reporting_year_label(period, start_month))


def rag_in_month(
    method: YtdMethod,
    observations: Mapping[Month, Observation],
    current_period: Month | None,
    start_month: int,
    targets: Targets,
) -> Rag | None:
    """The current period's value against the target of the reporting year containing it."""
    if method == YtdMethod.SUM:
        # A sum indicator's target is for the year's total; one month's count is not rated by it.
        return None
    if current_period is None:
        return None
    observation = observations.get(current_period)
    if observation is None or observation.value is None:
        return None
    target = target_for(targets, current_period, start_month)
    return None if target is None else target.rate(observation.value)


def rag_year_end(
    method: YtdMethod,
    figure: YearFigure | None,
    as_at: Month,
    start_month: int,
    targets: Targets,
) -> Rag | None:
    """The year's figure as at ``as_at`` against the target of ``as_at``'s reporting year."""
    if method == YtdMethod.SUM and not is_reporting_year_end(as_at, start_month):
        # Nine months' total is not rated against a whole year's target.
        return None
    if figure is None:
        return None
    target = target_for(targets, as_at, start_month)
    return None if target is None else target.rate(figure.value)
