"""Direction of travel (docs/rules.md section 8)."""

from decimal import Decimal

import pytest

from scorecards.compute.dot import (
    STATES,
    Arrow,
    Colour,
    DotResult,
    DotState,
    Judgement,
    Movement,
    Qualifier,
    comparison_period,
    current_period,
    direction_of_travel,
    dot_arrow,
    dot_state,
    judgement,
    month_basis_dot,
    movement,
    qualifier,
    year_basis_dot,
)
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import ArrowConvention, DotBasis, Frequency, Polarity, Rag, Unit, YtdMethod
from scorecards.compute.ytd import Observation, YtdSeries

D = Decimal


def values(**cells: str) -> dict[Month, Observation]:
    """m2020_12="36.8" is a value; "[z]" a mark; "-" a row with no figure."""
    result = {}
    for key, cell in cells.items():
        period = Month.parse(key.removeprefix("m").replace("_", "-"))
        if cell.startswith("["):
            result[period] = Observation(period, None, mark=cell)
        else:
            result[period] = Observation(period, None if cell == "-" else D(cell))
    return result


# The state table of docs/rules.md section 8, word for word.
@pytest.mark.parametrize(
    ("state", "words", "arrow", "colour"),
    [
        (DotState.INCREASE, "increase in numbers (no good or bad performance)", Arrow.UP, Colour.NEUTRAL),
        (DotState.STABLE, "stable with last period (no good or bad performance)", Arrow.FLAT, Colour.NEUTRAL),
        (DotState.DECREASE, "decrease in numbers (no good or bad performance)", Arrow.DOWN, Colour.NEUTRAL),
        (DotState.IMPROVEMENT, "improvement in performance", Arrow.UP, Colour.GREEN),
        (DotState.DECLINE_WITHIN_TARGET, "decline in performance but still within limits of target", Arrow.DOWN, Colour.AMBER),
        (DotState.DECLINE_NOT_ON_TARGET, "decline in performance, not on target", Arrow.DOWN, Colour.RED),
        (DotState.DECLINE, "decline in performance", Arrow.DOWN, Colour.AMBER),
        (DotState.NO_MOVEMENT_WITHIN_TARGET, "no movement but within limits of target", Arrow.FLAT, Colour.GREEN),
        (DotState.NO_MOVEMENT_NOT_ON_TARGET, "no movement, not on target", Arrow.FLAT, Colour.RED),
        (DotState.NO_MOVEMENT, "no movement", Arrow.FLAT, Colour.NEUTRAL),
    ],
)
def test_state_table(state: DotState, words: str, arrow: Arrow, colour: Colour) -> None:
    key = STATES[state]
    assert (key.words, key.performance_arrow, key.colour) == (words, arrow, colour)


def test_state_table_has_exactly_ten_states() -> None:
    assert set(STATES) == set(DotState)
    assert [str(state) for state in DotState] == [
        "increase", "stable", "decrease", "improvement", "decline_within_target", "decline_not_on_target",
        "decline", "no_movement_within_target", "no_movement_not_on_target", "no_movement",
    ]


@pytest.mark.parametrize(
    ("current", "comparison", "expected"),
    [("36.8", "50.0", Movement.DOWN), ("50.0", "36.8", Movement.UP), ("0.0", "0.0", Movement.SAME),
     ("50.0", "50", Movement.SAME), ("-0.2", "-0.1", Movement.DOWN)],
)
def test_movement(current: str, comparison: str, expected: Movement) -> None:
    assert movement(D(current), D(comparison)) == expected


@pytest.mark.parametrize(
    ("move", "polarity", "expected"),
    [
        (Movement.UP, Polarity.HIGH, Judgement.IMPROVED),
        (Movement.DOWN, Polarity.HIGH, Judgement.DECLINED),
        (Movement.SAME, Polarity.HIGH, Judgement.UNCHANGED),
        (Movement.UP, Polarity.LOW, Judgement.DECLINED),
        (Movement.DOWN, Polarity.LOW, Judgement.IMPROVED),
        (Movement.SAME, Polarity.LOW, Judgement.UNCHANGED),
        (Movement.UP, Polarity.INFO, None),
        (Movement.DOWN, Polarity.INFO, None),
        (Movement.SAME, Polarity.INFO, None),
        (Movement.UP, Polarity.WITHIN_LIMITS, None),
        (Movement.DOWN, Polarity.WITHIN_LIMITS, None),
        (Movement.SAME, Polarity.WITHIN_LIMITS, None),
    ],
)
def test_judgement(move: Movement, polarity: Polarity, expected: Judgement | None) -> None:
    assert judgement(move, polarity) == expected


@pytest.mark.parametrize(
    ("judged", "rag", "expected"),
    [
        (Judgement.DECLINED, Rag.GREEN, Qualifier.WITHIN_TARGET),
        (Judgement.DECLINED, Rag.AMBER, Qualifier.WITHIN_TARGET),
        (Judgement.DECLINED, Rag.RED, Qualifier.NOT_ON_TARGET),
        (Judgement.DECLINED, None, None),
        (Judgement.UNCHANGED, Rag.GREEN, Qualifier.WITHIN_TARGET),
        (Judgement.UNCHANGED, Rag.AMBER, Qualifier.WITHIN_TARGET),
        (Judgement.UNCHANGED, Rag.RED, Qualifier.NOT_ON_TARGET),
        (Judgement.UNCHANGED, None, None),
        (Judgement.IMPROVED, Rag.RED, None),
        (Judgement.IMPROVED, Rag.GREEN, None),
        (None, Rag.RED, None),  # Info and Within Limits: no qualifier even with tolerances
    ],
)
def test_qualifier(judged: Judgement | None, rag: Rag | None, expected: Qualifier | None) -> None:
    assert qualifier(judged, rag) == expected


# Every polarity x movement x RAG: state, and the arrow and colour under both conventions.
@pytest.mark.parametrize(
    ("polarity", "move", "rag", "state", "performance_arrow", "movement_arrow", "colour"),
    [
        (Polarity.INFO, Movement.UP, Rag.RED, DotState.INCREASE, Arrow.UP, Arrow.UP, Colour.NEUTRAL),
        (Polarity.INFO, Movement.SAME, None, DotState.STABLE, Arrow.FLAT, Arrow.FLAT, Colour.NEUTRAL),
        (Polarity.WITHIN_LIMITS, Movement.DOWN, Rag.GREEN, DotState.DECREASE, Arrow.DOWN, Arrow.DOWN, Colour.NEUTRAL),
        (Polarity.HIGH, Movement.UP, Rag.RED, DotState.IMPROVEMENT, Arrow.UP, Arrow.UP, Colour.GREEN),
        (Polarity.LOW, Movement.DOWN, None, DotState.IMPROVEMENT, Arrow.UP, Arrow.DOWN, Colour.GREEN),
        (Polarity.HIGH, Movement.DOWN, Rag.AMBER, DotState.DECLINE_WITHIN_TARGET, Arrow.DOWN, Arrow.DOWN, Colour.AMBER),
        (Polarity.LOW, Movement.UP, Rag.GREEN, DotState.DECLINE_WITHIN_TARGET, Arrow.DOWN, Arrow.UP, Colour.AMBER),
        (Polarity.HIGH, Movement.DOWN, Rag.RED, DotState.DECLINE_NOT_ON_TARGET, Arrow.DOWN, Arrow.DOWN, Colour.RED),
        (Polarity.LOW, Movement.UP, Rag.RED, DotState.DECLINE_NOT_ON_TARGET, Arrow.DOWN, Arrow.UP, Colour.RED),
        (Polarity.LOW, Movement.UP, None, DotState.DECLINE, Arrow.DOWN, Arrow.UP, Colour.AMBER),
        (Polarity.HIGH, Movement.SAME, Rag.GREEN, DotState.NO_MOVEMENT_WITHIN_TARGET, Arrow.FLAT, Arrow.FLAT, Colour.GREEN),
        (Polarity.LOW, Movement.SAME, Rag.RED, DotState.NO_MOVEMENT_NOT_ON_TARGET, Arrow.FLAT, Arrow.FLAT, Colour.RED),
        (Polarity.HIGH, Movement.SAME, None, DotState.NO_MOVEMENT, Arrow.FLAT, Arrow.FLAT, Colour.NEUTRAL),
    ],
)
def test_states_and_arrows(
    polarity: Polarity, move: Movement, rag: Rag | None, state: DotState,
    performance_arrow: Arrow, movement_arrow: Arrow, colour: Colour,
) -> None:
    judged = judgement(move, polarity)
    assert dot_state(move, judged, qualifier(judged, rag)) == state
    assert dot_arrow(state, move, ArrowConvention.PERFORMANCE) == performance_arrow
    assert dot_arrow(state, move, ArrowConvention.MOVEMENT) == movement_arrow
    current, comparison = {Movement.UP: (D(2), D(1)), Movement.DOWN: (D(1), D(2)), Movement.SAME: (D(1), D(1))}[move]
    for convention, arrow in ((ArrowConvention.PERFORMANCE, performance_arrow), (ArrowConvention.MOVEMENT, movement_arrow)):
        result = direction_of_travel(DotBasis.MONTH, convention, polarity, current, comparison, rag)
        assert (result.state, result.arrow, result.colour, result.words) == (state, arrow, colour, STATES[state].words)


@pytest.mark.parametrize(("current", "comparison"), [(None, D(1)), (D(1), None), (None, None)])
def test_nothing_to_compare(current: Decimal | None, comparison: Decimal | None) -> None:
    result = direction_of_travel(DotBasis.YEAR, ArrowConvention.PERFORMANCE, Polarity.HIGH, current, comparison, Rag.RED)
    assert result == DotResult(DotBasis.YEAR)
    assert result.as_export() == {
        "basis": "year", "movement": None, "judgement": None, "qualifier": None, "state": None,
        "arrow": None, "colour": None, "words": None, "compared_with": None,
    }


# Current period: the latest period with a value in the N months ending at M.
@pytest.mark.parametrize(
    ("frequency", "cells", "as_at", "expected"),
    [
        (Frequency.MONTHLY, {"m2020_12": "615"}, Month(2020, 12), Month(2020, 12)),
        (Frequency.MONTHLY, {"m2020_10": "607", "m2020_11": "613"}, Month(2020, 12), Month(2020, 11)),
        (Frequency.MONTHLY, {"m2020_10": "607"}, Month(2020, 12), Month(2020, 10)),  # N = 3: the window's edge
        (Frequency.MONTHLY, {"m2020_09": "607"}, Month(2020, 12), None),  # four months back: outside
        (Frequency.MONTHLY, {"m2020_10": "607", "m2020_12": "-"}, Month(2020, 12), Month(2020, 10)),
        (Frequency.MONTHLY, {"m2020_10": "607", "m2020_12": "[z]"}, Month(2020, 12), Month(2020, 10)),
        (Frequency.MONTHLY, {"m2021_01": "607"}, Month(2020, 12), None),  # after M never counts
        (Frequency.QUARTERLY, {"m2020_09": "50.0"}, Month(2020, 11), Month(2020, 9)),
        (Frequency.QUARTERLY, {"m2020_09": "50.0"}, Month(2020, 12), None),
        (Frequency.TERMLY, {"m2020_07": "98.9"}, Month(2020, 11), Month(2020, 7)),  # N = 5
        (Frequency.TERMLY, {"m2020_07": "98.9"}, Month(2020, 12), None),  # seed 000 6.13 at Dec-20: n/a
        (Frequency.TERMLY, {"m2019_12": "94.3"}, Month(2020, 2), Month(2019, 12)),
        (Frequency.ANNUAL, {"m2020_03": "12.0"}, Month(2021, 2), Month(2020, 3)),  # N = 12
        (Frequency.ANNUAL, {"m2020_03": "12.0"}, Month(2021, 3), None),
        (Frequency.MONTHLY, {}, Month(2020, 12), None),
    ],
)
def test_current_period(frequency: Frequency, cells: dict[str, str], as_at: Month, expected: Month | None) -> None:
    assert current_period(values(**cells), as_at, frequency) == expected


@pytest.mark.parametrize(
    ("cells", "current", "expected"),
    [
        ({"m2020_11": "50.0", "m2020_12": "66.7"}, Month(2020, 12), Month(2020, 11)),
        # "0.0%, -, 0.0%" compares the two 0.0% (docs/rules.md section 8)
        ({"m2020_10": "0.0", "m2020_11": "-", "m2020_12": "0.0"}, Month(2020, 12), Month(2020, 10)),
        ({"m2020_10": "0.0", "m2020_12": "0.0"}, Month(2020, 12), Month(2020, 10)),
        ({"m2020_10": "0.0", "m2020_11": "[x]", "m2020_12": "0.0"}, Month(2020, 12), Month(2020, 10)),
        # across reporting years
        ({"m2020_03": "5", "m2020_04": "6"}, Month(2020, 4), Month(2020, 3)),
        # twelve months back is found, thirteen is not
        ({"m2019_12": "94.3", "m2020_12": "97.7"}, Month(2020, 12), Month(2019, 12)),
        ({"m2019_11": "94.3", "m2020_12": "97.7"}, Month(2020, 12), None),
        ({"m2020_12": "97.7"}, Month(2020, 12), None),
    ],
)
def test_comparison_period(cells: dict[str, str], current: Month, expected: Month | None) -> None:
    assert comparison_period(values(**cells), current) == expected


def test_zero_dash_zero_is_no_movement() -> None:
    data = values(m2020_10="0.0", m2020_11="-", m2020_12="0.0")
    result = month_basis_dot(data, Month(2020, 12), Polarity.HIGH, ArrowConvention.PERFORMANCE, Rag.RED)
    assert (result.movement, result.state, result.arrow, result.compared_with) == (
        Movement.SAME, DotState.NO_MOVEMENT_NOT_ON_TARGET, Arrow.FLAT, "2020-10",
    )


def test_month_basis_without_current_period_or_comparison() -> None:
    data = values(m2020_12="1")
    for current in (None, Month(2020, 12)):  # no current period; a current period with nothing before it
        result = month_basis_dot(data, current, Polarity.HIGH, ArrowConvention.PERFORMANCE, None)
        assert result == DotResult(DotBasis.MONTH)


def test_month_basis_uses_the_rag_it_is_given_for_the_current_figure() -> None:
    data = values(m2020_11="50.0", m2020_12="16.7")  # seed 000 6.9: 50.0% to 16.7%, red in month
    result = month_basis_dot(data, Month(2020, 12), Polarity.HIGH, ArrowConvention.PERFORMANCE, Rag.RED)
    assert result.as_export() == {
        "basis": "month", "movement": "down", "judgement": "declined", "qualifier": "not_on_target",
        "state": "decline_not_on_target", "arrow": "down", "colour": "red",
        "words": "decline in performance, not on target", "compared_with": "2020-11",
    }


def _ytd(method: YtdMethod, data: dict[Month, Observation], unit: Unit = Unit.PERCENTAGE) -> YtdSeries:
    return YtdSeries(method, data, 4, unit, 1)


# docs/rules.md section 8: a Low indicator whose 2023/24 outturn is 4.4% against 4.3% in 2022/23 moves up,
# is declined, and under the movement convention its arrow points up, coloured red or amber.
@pytest.mark.parametrize(
    ("rag", "qualified", "state", "colour"),
    [
        (Rag.RED, Qualifier.NOT_ON_TARGET, DotState.DECLINE_NOT_ON_TARGET, Colour.RED),
        (Rag.AMBER, Qualifier.WITHIN_TARGET, DotState.DECLINE_WITHIN_TARGET, Colour.AMBER),
        (Rag.GREEN, Qualifier.WITHIN_TARGET, DotState.DECLINE_WITHIN_TARGET, Colour.AMBER),
        (None, None, DotState.DECLINE, Colour.AMBER),
    ],
)
def test_year_basis_movement_convention_example(
    rag: Rag | None, qualified: Qualifier | None, state: DotState, colour: Colour
) -> None:
    outturns = {"2022/23": D("4.3"), "2023/24": D("4.4")}
    result = year_basis_dot(_ytd(YtdMethod.NONE, {}), Month(2024, 3), outturns, Polarity.LOW, ArrowConvention.MOVEMENT, rag)
    assert (result.basis, result.movement, result.judgement, result.qualifier) == (
        DotBasis.YEAR, Movement.UP, Judgement.DECLINED, qualified,
    )
    assert (result.state, result.arrow, result.colour, result.compared_with) == (state, Arrow.UP, colour, "2022/23")
    performance = year_basis_dot(
        _ytd(YtdMethod.NONE, {}), Month(2024, 3), outturns, Polarity.LOW, ArrowConvention.PERFORMANCE, rag
    )
    assert (performance.arrow, performance.colour) == (Arrow.DOWN, colour)


def test_year_basis_none_method_without_outturns_has_no_dot() -> None:
    data = values(m2023_03="4.3", m2024_03="4.4")
    for as_at in (Month(2024, 3), Month(2023, 12)):
        result = year_basis_dot(_ytd(YtdMethod.NONE, data), as_at, {}, Polarity.LOW, ArrowConvention.MOVEMENT, None)
        assert result == DotResult(DotBasis.YEAR)


def test_year_basis_none_method_only_at_year_end() -> None:
    outturns = {"2022/23": D("4.3"), "2023/24": D("4.4")}
    result = year_basis_dot(_ytd(YtdMethod.NONE, {}), Month(2024, 2), outturns, Polarity.LOW, ArrowConvention.MOVEMENT, None)
    assert result == DotResult(DotBasis.YEAR)


def test_year_basis_sum_compares_same_part_of_last_year() -> None:
    # 2019/20: 10 a month; 2020/21: 9 a month. At Dec-20, 81 against 90 for Apr-Dec 2019.
    data = {}
    for offset in range(21):
        period = Month(2019, 4).plus(offset)
        data[period] = Observation(period, D(10) if offset < 12 else D(9))
    ytd = YtdSeries(YtdMethod.SUM, data, 4, Unit.COUNT, 0)
    result = year_basis_dot(ytd, Month(2020, 12), {"2019/20": D(130)}, Polarity.HIGH, ArrowConvention.PERFORMANCE, None)
    assert (result.movement, result.state, result.compared_with) == (Movement.DOWN, DotState.DECLINE, "2019/20")
    # Apr-20 against Apr-19: the part-year totals, never the 130 outturn
    equal = year_basis_dot(ytd, Month(2020, 4), {"2019/20": D(130)}, Polarity.HIGH, ArrowConvention.PERFORMANCE, None)
    assert equal.movement == Movement.DOWN  # 9 against 10


def test_year_basis_compares_rounded_figures() -> None:
    # 1/3 and 33.3 are the same figure once the YTD is rounded: no movement.
    data = {Month(2020, 4): Observation(Month(2020, 4), None, D(1), D(3))}
    ytd = _ytd(YtdMethod.RATIO, data)
    result = year_basis_dot(ytd, Month(2020, 4), {"2019/20": D("33.3")}, Polarity.HIGH, ArrowConvention.PERFORMANCE, Rag.AMBER)
    assert (result.movement, result.state) == (Movement.SAME, DotState.NO_MOVEMENT_WITHIN_TARGET)
