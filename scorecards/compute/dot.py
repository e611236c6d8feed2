"""Direction of travel: current period, movement, judgement, qualifier, state and arrow (docs/rules.md section 8)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from scorecards.compute.periods import Month, reporting_year_label
from scorecards.compute.vocabulary import (
    STATES,
    Arrow,
    ArrowConvention,
    Colour,
    DotBasis,
    DotState,
    Frequency,
    Judgement,
    Movement,
    Polarity,
    Qualifier,
    Rag,
)
from scorecards.compute.ytd import Observation, YtdSeries, previous_year_figure, year_figure

# How far back from M the current period may lie: long enough to reach the previous
# figure of each frequency (a termly figure sits on Jul, Dec or Mar, up to five months apart).
CURRENT_PERIOD_WINDOW = {
    Frequency.MONTHLY: 3,
    Frequency.QUARTERLY: 3,
    Frequency.TERMLY: 5,
    Frequency.ANNUAL: 12,
}

# The month-basis comparison looks back at most this many months from the current period.
COMPARISON_LOOKBACK = 12


_MOVEMENT_ARROWS = {Movement.UP: Arrow.UP, Movement.DOWN: Arrow.DOWN, Movement.SAME: Arrow.FLAT}


@dataclass(frozen=True)
class DotResult:
    """Direction of travel as exported; everything but ``basis`` is None when nothing is compared."""

    basis: DotBasis
    movement: Movement | None = None
    judgement: Judgement | None = None
    qualifier: Qualifier | None = None
    state: DotState | None = None
    arrow: Arrow | None = None
    colour: Colour | None = None
    words: str | None = None
    # What the current figure was compared with: a period ("2020-10") or a year ("2019/20").
    compared_with: str | None = None

    def as_export(self) -> dict[str, Any]:
        def text(member: StrEnum | None) -> str | None:
            return None if member is None else str(member)

        return {
            "basis": str(self.basis),
            "movement": text(self.movement),
            "judgement": text(self.judgement),
            "qualifier": text(self.qualifier),
            "state": text(self.state),
            "arrow": text(self.arrow),
            "colour": text(self.colour),
            "words": self.words,
            "compared_with": self.compared_with,
        }


def _value(observations: Mapping[Month, Observation], month: Month) -> Decimal | None:
    observation = observations.get(month)
    return None if observation is None else observation.value


def current_period(observations: Mapping[Month, Observation], as_at: Month, frequency: Frequency) -> Month | None:
    """The latest period with a value in the N months ending at ``as_at``."""
    for back in range(CURRENT_PERIOD_WINDOW[Frequency(frequency)]):
        month = as_at.plus(-back)
        if _value(observations, month) is not None:
            return month
    return None


def comparison_period(observations: Mapping[Month, Observation], current: Month) -> Month | None:
    """The nearest earlier period with a value, at most twelve months back, across reporting years."""
    for back in range(1, COMPARISON_LOOKBACK + 1):
        month = current.plus(-back)
        if _value(observations, month) is not None:
            return month
    return None


def movement(current: Decimal, comparison: Decimal) -> Movement:
    if current > comparison:
        return Movement.UP
    if current < comparison:
        return Movement.DOWN
    return Movement.SAME


def judgement(move: Movement, polarity: Polarity) -> Judgement | None:
    """Better or worse by polarity; Info and Within Limits have no good or bad direction."""
    if move == Movement.SAME:
        return Judgement.UNCHANGED if polarity in (Polarity.HIGH, Polarity.LOW) else None
    if polarity == Polarity.HIGH:
        return Judgement.IMPROVED if move == Movement.UP else Judgement.DECLINED
    if polarity == Polarity.LOW:
        return Judgement.IMPROVED if move == Movement.DOWN else Judgement.DECLINED
    return None


def qualifier(judged: Judgement | None, rag: Rag | None) -> Qualifier | None:
    """For a decline or no movement: whether the current figure (never the comparison) is on target."""
    if judged not in (Judgement.DECLINED, Judgement.UNCHANGED) or rag is None:
        return None
    return Qualifier.NOT_ON_TARGET if rag == Rag.RED else Qualifier.WITHIN_TARGET


def dot_state(move: Movement, judged: Judgement | None, qualified: Qualifier | None) -> DotState:
    if judged is None:
        return {Movement.UP: DotState.INCREASE, Movement.SAME: DotState.STABLE, Movement.DOWN: DotState.DECREASE}[move]
    if judged == Judgement.IMPROVED:
        return DotState.IMPROVEMENT
    if judged == Judgement.DECLINED:
        return {
            Qualifier.WITHIN_TARGET: DotState.DECLINE_WITHIN_TARGET,
            Qualifier.NOT_ON_TARGET: DotState.DECLINE_NOT_ON_TARGET,
            None: DotState.DECLINE,
        }[qualified]
    return {
        Qualifier.WITHIN_TARGET: DotState.NO_MOVEMENT_WITHIN_TARGET,
        Qualifier.NOT_ON_TARGET: DotState.NO_MOVEMENT_NOT_ON_TARGET,
        None: DotState.NO_MOVEMENT,
    }[qualified]


def dot_arrow(state: DotState, move: Movement, convention: ArrowConvention) -> Arrow:
    """``performance``: up means better (the seeds' key); ``movement``: the arrow follows the numbers."""
    if ArrowConvention(convention) == ArrowConvention.MOVEMENT:
        return _MOVEMENT_ARROWS[move]
    return STATES[state].performance_arrow


def direction_of_travel(
    basis: DotBasis,
    convention: ArrowConvention,
    polarity: Polarity,
    current: Decimal | None,
    comparison: Decimal | None,
    rag: Rag | None,
    compared_with: str | None = None,
) -> DotResult:
    """DOT of a current figure against its comparison figure, both as stored.

    ``rag`` is the current figure's RAG: in month on the ``month`` basis, at year end on
    the ``year`` basis. The colour says better or worse under either convention.
    """
    basis = DotBasis(basis)
    if current is None or comparison is None:
        return DotResult(basis)
    move = movement(current, comparison)
    judged = judgement(move, Polarity(polarity))
    qualified = qualifier(judged, rag)
    state = dot_state(move, judged, qualified)
    key = STATES[state]
    return DotResult(
        basis=basis,
        movement=move,
        judgement=judged,
        qualifier=qualified,
        state=state,
        arrow=dot_arrow(state, move, convention),
        colour=key.colour,
        words=key.words,
        compared_with=compared_with,
    )


def month_basis_dot(
    observations: Mapping[Month, Observation],
    current: Month | None,
    polarity: Polarity,
    convention: ArrowConvention,
    rag_in_month: Rag | None,
) -> DotResult:
    """The current period's value against the nearest earlier value (no current period: no DOT)."""
    if current is None:
        return DotResult(DotBasis.MONTH)
    earlier = comparison_period(observations, current)
    if earlier is None:
        return DotResult(DotBasis.MONTH)
    return direction_of_travel(
        DotBasis.MONTH,
        convention,
        polarity,
        _value(observations, current),
        _value(observations, earlier),
        rag_in_month,
        compared_with=str(earlier),
    )


def year_basis_dot(
    ytd: YtdSeries,
    as_at: Month,
    outturns: Mapping[str, Decimal | None],
    polarity: Polarity,
    convention: ArrowConvention,
    rag_year_end: Rag | None,
) -> DotResult:
    """The year's figure as at ``as_at`` against the previous year's figure."""
    this_year = year_figure(ytd, as_at, outturns)
    last_year = previous_year_figure(ytd, as_at, outturns)
    if this_year is None or last_year is None:
        return DotResult(DotBasis.YEAR)
    return direction_of_travel(
        DotBasis.YEAR,
        convention,
        polarity,
        this_year.value,
        last_year.value,
        rag_year_end,
        compared_with=reporting_year_label(as_at.plus(-12), ytd.start_month),
    )
