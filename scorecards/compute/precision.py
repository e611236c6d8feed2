"""Decimal places, rounding and figures from numerators and denominators (docs/rules.md and docs/rules.md section 4).

The stored figure, written with exactly the indicator's decimal places, is the one shown,
exported, rated and compared, so every computed figure passes through ``round_figure``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

from scorecards.compute.vocabulary import Unit

# Enough digits that a ratio of whole counts never loses a digit before the final rounding.
DECIMAL_CONTEXT = Context(prec=50)


class FigureError(ValueError):
    """A value, numerator and denominator that cannot stand together."""


def default_decimals(unit: Unit) -> int:
    return 0 if unit == Unit.COUNT else 1


def unit_multiplier(unit: Unit) -> Decimal:
    """What numerator / denominator is multiplied by to give a figure in the indicator's unit."""
    if unit == Unit.PERCENTAGE:
        return Decimal(100)
    if unit == Unit.RATE:
        # Council rates are per 10,000 population.
        return Decimal(10000)
    return Decimal(1)


def round_figure(value: Decimal, decimals: int) -> Decimal:
    """Round half up to exactly ``decimals`` places (``str()`` then gives ``36.8``, ``607``, ``50.0``)."""
    if decimals < 0:
        raise ValueError(f"decimal places must be zero or more, not {decimals}")
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=DECIMAL_CONTEXT)
    # -0.04 rounds to -0.0, which would print as "-0.0" beside a plain 0.0.
    return rounded.copy_abs() if rounded.is_zero() else rounded


def format_figure(value: Decimal | None, decimals: int) -> str | None:
    if value is None:
        return None
    return format(round_figure(value, decimals), "f")


def ratio_figure(numerator: Decimal, denominator: Decimal, unit: Unit, decimals: int) -> Decimal:
    """numerator / denominator in the unit's terms, rounded like a value; the denominator must not be 0."""
    scaled = DECIMAL_CONTEXT.divide(DECIMAL_CONTEXT.multiply(numerator, unit_multiplier(unit)), denominator)
    return round_figure(scaled, decimals)


def resolve_observation(
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    unit: Unit,
    decimals: int,
) -> Decimal | None:
    """The figure to store for one period, from what was entered.

    Raises ``FigureError`` naming what is wrong when the numerator and denominator are
    incomplete, out of range, or disagree with the value.
    """
    rounded_value = None if value is None else round_figure(value, decimals)
    if numerator is None and denominator is None:
        return rounded_value
    if numerator is None:
        raise FigureError(f"denominator {denominator} is given without a numerator: give both or neither")
    if denominator is None:
        raise FigureError(f"numerator {numerator} is given without a denominator: give both or neither")
    if numerator < 0:
        raise FigureError(f"numerator {numerator} is below zero: numerators are zero or more")
    if denominator < 0:
        raise FigureError(f"denominator {denominator} is below zero: denominators are zero or more")
    if denominator == 0:
        if numerator != 0:
            raise FigureError(f"numerator {numerator} is over a denominator of 0")
        # 0 of 0 is a month with nothing to count (printed "-"): no figure to derive or check.
        return rounded_value
    if unit == Unit.PERCENTAGE and numerator > denominator:
        raise FigureError(f"numerator {numerator} is above its denominator {denominator} on a percentage indicator")
    computed = ratio_figure(numerator, denominator, unit, decimals)
    if rounded_value is None:
        return computed
    if rounded_value != computed:
        raise FigureError(
            f"value {format(rounded_value, 'f')} does not match numerator / denominator "
            f"{numerator}/{denominator} = {format(computed, 'f')}"
        )
    return rounded_value
