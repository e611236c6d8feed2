"""Decimal places, rounding, and values from numerators and denominators (docs/rules.md and docs/rules.md section 4)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.compute.precision import (
    FigureError,
    default_decimals,
    format_figure,
    resolve_observation,
    round_figure,
    unit_multiplier,
)
from scorecards.compute.vocabulary import Unit

D = Decimal


@pytest.mark.parametrize(
    ("unit", "decimals", "multiplier"),
    [
        (Unit.COUNT, 0, D(1)),
        (Unit.PERCENTAGE, 1, D(100)),
        (Unit.RATE, 1, D(10000)),
        (Unit.AVERAGE, 1, D(1)),
        (Unit.DAYS, 1, D(1)),
        (Unit.NUMBER, 1, D(1)),
    ],
)
def test_unit_defaults(unit: Unit, decimals: int, multiplier: Decimal) -> None:
    assert default_decimals(unit) == decimals
    assert unit_multiplier(unit) == multiplier


@pytest.mark.parametrize(
    ("value", "decimals", "printed"),
    [
        ("36.8", 1, "36.8"),
        ("607", 0, "607"),
        ("50", 1, "50.0"),
        ("0.5", 1, "0.5"),
        ("36.75", 1, "36.8"),  # half up, not half even
        ("36.85", 1, "36.9"),
        ("36.849999", 1, "36.8"),
        ("2.5", 0, "3"),
        ("3.5", 0, "4"),
        ("-2.5", 0, "-3"),  # half away from zero
        ("-0.04", 1, "0.0"),  # never "-0.0"
        ("0", 2, "0.00"),
        ("1E+3", 0, "1000"),
        ("12165", 0, "12165"),
        ("338.45", 1, "338.5"),
        ("5.43", 1, "5.4"),
        ("0.125", 2, "0.13"),
    ],
)
def test_round_figure(value: str, decimals: int, printed: str) -> None:
    rounded = round_figure(D(value), decimals)
    assert str(rounded) == printed
    assert format_figure(D(value), decimals) == printed
    assert rounded.as_tuple().exponent == -decimals


def test_format_figure_of_nothing() -> None:
    assert format_figure(None, 1) is None


def test_negative_places_refused() -> None:
    with pytest.raises(ValueError, match="decimal places"):
        round_figure(D(1), -1)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False), st.integers(0, 3))
def test_rounding_is_stable(value: Decimal, decimals: int) -> None:
    once = round_figure(value, decimals)
    assert round_figure(once, decimals) == once
    assert abs(once - value) <= D("0.5") * D(10) ** -decimals


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "unit", "decimals", "expected"),
    [
        # numerators and denominators as the council prints them ("54 of 615")
        (None, "54", "615", Unit.PERCENTAGE, 1, "8.8"),
        ("8.8", "54", "615", Unit.PERCENTAGE, 1, "8.8"),
        ("8.78", "54", "615", Unit.PERCENTAGE, 1, "8.8"),  # agrees after rounding
        (None, "1231", "1281", Unit.PERCENTAGE, 1, "96.1"),
        (None, "1", "8", Unit.PERCENTAGE, 0, "13"),  # 12.5 rounds half up
        (None, "615", "575300", Unit.RATE, 1, "10.7"),
        (None, "10", "4", Unit.AVERAGE, 1, "2.5"),
        (None, "7", "2", Unit.COUNT, 0, "4"),
        (None, "0", "615", Unit.PERCENTAGE, 1, "0.0"),
        (None, "615", "615", Unit.PERCENTAGE, 1, "100.0"),
        (None, "0", "0", Unit.PERCENTAGE, 1, None),  # 0 of 0: nothing counted, printed "-"
        ("12.0", "0", "0", Unit.PERCENTAGE, 1, "12.0"),
        ("36.84", None, None, Unit.PERCENTAGE, 1, "36.8"),
        (None, None, None, Unit.PERCENTAGE, 1, None),
        (None, "3", "2", Unit.NUMBER, 0, "2"),  # only percentages cap the numerator; 1.5 rounds up
    ],
)
def test_resolve_observation(
    value: str | None, numerator: str | None, denominator: str | None, unit: Unit, decimals: int, expected: str | None
) -> None:
    def dec(text: str | None) -> Decimal | None:
        return None if text is None else D(text)

    result = resolve_observation(dec(value), dec(numerator), dec(denominator), unit, decimals)
    assert (None if result is None else str(result)) == expected


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "unit", "message"),
    [
        (None, "54", None, Unit.PERCENTAGE, "numerator 54 is given without a denominator"),
        ("8.8", None, "615", Unit.PERCENTAGE, "denominator 615 is given without a numerator"),
        (None, "3", "0", Unit.PERCENTAGE, "numerator 3 is over a denominator of 0"),
        (None, "3", "0", Unit.COUNT, "numerator 3 is over a denominator of 0"),
        (None, "616", "615", Unit.PERCENTAGE, "numerator 616 is above its denominator 615"),
        (None, "-1", "615", Unit.PERCENTAGE, "numerator -1 is below zero"),
        (None, "1", "-615", Unit.RATE, "denominator -615 is below zero"),
        ("8.9", "54", "615", Unit.PERCENTAGE, r"value 8\.9 does not match numerator / denominator 54/615 = 8\.8"),
        ("9", "54", "615", Unit.PERCENTAGE, r"value 9\.0 does not match"),
    ],
)
def test_resolve_observation_errors(
    value: str | None, numerator: str | None, denominator: str | None, unit: Unit, message: str
) -> None:
    def dec(text: str | None) -> Decimal | None:
        return None if text is None else D(text)

    with pytest.raises(FigureError, match=message):
        resolve_observation(dec(value), dec(numerator), dec(denominator), unit, 1)


def test_figure_error_is_a_value_error() -> None:
    assert issubclass(FigureError, ValueError)


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_value_from_its_own_numerator_and_denominator_is_accepted(numerator: int, denominator: int) -> None:
    computed = resolve_observation(None, D(numerator), D(denominator), Unit.RATE, 1)
    assert computed is not None
    assert resolve_observation(computed, D(numerator), D(denominator), Unit.RATE, 1) == computed
