"""Tolerances as printed (docs/rules.md section 6): the Red, Amber and Green cells of a target.

Officers type the three cells the way their sheets print them. `parse_tolerance` reads
them into zones of the number line (one per cell) and `Tolerance.rate` applies the
published rating order. The cells themselves are kept exactly as entered, because the
scorecard prints them back as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Context, Decimal

from .tolerance_words import (
    CELLS,
    EXPECTED,
    GREEN_FORMS,
    Band,
    Distance,
    Form,
    Marker,
    Span,
    Threshold,
    Unreadable,
    family,
    fits,
    is_empty,
    misread,
    read_cell,
    starts_with_letter,
)
from scorecards.compute.vocabulary import Polarity, Rag, Unit

# Band edges are sums of typed numbers; at this precision they stay exact for any cell a
# person types, so a boundary printed by describe() is the one rate() uses.
_EXACT = Context(prec=1000)


class ToleranceError(ValueError):
    """The cells do not make a tolerance; `cells` names those at fault, in printed order."""

    cells: tuple[str, ...]

    def __init__(self, message: str, cells: Iterable[str]) -> None:
        super().__init__(message)
        named = set(cells)
        self.cells = tuple(cell for cell in CELLS if cell in named)


@dataclass(frozen=True)
class Interval:
    """Part of the number line; a None end is unbounded."""

    low: Decimal | None
    low_inclusive: bool
    high: Decimal | None
    high_inclusive: bool

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (
            value < self.low or (value == self.low and not self.low_inclusive)
        ):
            return False
        return self.high is None or not (
            value > self.high or (value == self.high and not self.high_inclusive)
        )

    def ends(self) -> tuple[Decimal, ...]:
        return tuple(end for end in (self.low, self.high) if end is not None)


@dataclass(frozen=True)
class Zone:
    """The values a cell covers: inside the interval, or outside it (red distances and bands)."""

    interval: Interval
    outside: bool = False

    def meets(self, value: Decimal) -> bool:
        return self.interval.contains(value) != self.outside


def _above(bound: Decimal, inclusive: bool) -> Interval:
    return Interval(bound, inclusive, None, False)


def _below(bound: Decimal, inclusive: bool) -> Interval:
    return Interval(None, False, bound, inclusive)


def format_number(number: Decimal) -> str:
    """The one way describe() writes a number: no exponent, no trailing zeros (90.0 is 90)."""
    if number == 0:
        return "0"
    return format(number.normalize(_EXACT), "f")


@dataclass(frozen=True)
class Tolerance:
    """A target's three cells as entered, and what they mean.

    `kind` is "bands" (rated), "none" (no target: a marker or all cells empty) or "words"
    (a target in words, kept in `words`, not rated). `zones` holds the red, amber and green
    zones of a rated tolerance, None for an empty cell.
    """

    red: str | None
    amber: str | None
    green: str | None
    kind: str  # "bands", "none" or "words"
    words: str | None = None
    zones: tuple[Zone | None, Zone | None, Zone | None] = (None, None, None)  # red, amber, green
    reference: Decimal | None = None  # the R of a band `+/-N of R`, for describe()

    def rate(self, value: Decimal) -> Rag | None:
        if self.kind != "bands":
            return None
        red, amber, green = self.zones
        assert green is not None
        if green.meets(value):
            return Rag.GREEN
        if red is not None and red.meets(value):
            return Rag.RED
        # An amber cell between a red and a green covers the gap, as 20.5 in 21+ / 20< / 18<.
        if amber is not None and (amber.meets(value) or red is not None):
            return Rag.AMBER
        return Rag.RED

    def boundaries(self) -> tuple[Decimal, ...]:
        """The numbers where the rating changes, ascending.

        A number printed in a cell that changes no colour (the 20 of `21+` / `20<` / `18<`,
        where amber runs from 18 to 21) is not a boundary.
        """
        if self.kind != "bands":
            return ()
        pieces = self._pieces()
        # Pieces alternate open stretch, point, open stretch, ...: a point is a boundary when
        # its colour differs from either neighbour.
        return tuple(
            interval.low
            for (_, before), (interval, rag), (_, after) in zip(
                pieces[0::2], pieces[1::2], pieces[2::2]
            )
            if interval.low is not None and not before == rag == after
        )

    def green_zone(self) -> tuple[Decimal | None, Decimal | None] | None:
        if self.kind != "bands":
            return None
        green = self.zones[2]
        assert green is not None
        return (green.interval.low, green.interval.high)

    def describe(self, unit: Unit | str = Unit.NUMBER) -> str:
        if self.kind == "none":
            return "no target set"
        if self.kind == "words":
            return f'target in words: "{self.words}"; not rated'
        text = ", ".join(f"{colour.value} {' or '.join(parts)}" for colour, parts in self.bands(unit))
        if self.reference is not None:
            suffix = "%" if Unit(str(unit).casefold()) == Unit.PERCENTAGE else ""
            return f"around {format_number(self.reference)}{suffix}: {text}"
        return text

    def bands(self, unit: Unit | str = Unit.NUMBER) -> tuple[tuple[Rag, tuple[str, ...]], ...]:
        """Which values are green, amber and red, in that order, each as phrases ("at 95% or
        more"); a colour no value takes is left out. Empty for a tolerance that gives no RAG."""
        if self.kind != "bands":
            return ()
        suffix = "%" if Unit(str(unit).casefold()) == Unit.PERCENTAGE else ""
        spans: list[tuple[Interval, Rag]] = []
        for interval, rag in self._pieces():
            if spans and spans[-1][1] == rag:
                first = spans[-1][0]
                merged = Interval(
                    first.low, first.low_inclusive, interval.high, interval.high_inclusive
                )
                spans[-1] = (merged, rag)
            else:
                spans.append((interval, rag))
        found = []
        for colour in (Rag.GREEN, Rag.AMBER, Rag.RED):
            parts = tuple(_phrase(interval, suffix) for interval, rag in spans if rag == colour)
            if parts:
                found.append((colour, parts))
        return tuple(found)

    def _pieces(self) -> list[tuple[Interval, Rag]]:
        """The number line cut at every cell number: open stretches and the points between them."""
        ends = sorted({end for zone in self.zones if zone for end in zone.interval.ends()})
        stretches = [None, *ends, None]
        pieces: list[tuple[Interval, Rag]] = []
        for index, (low, high) in enumerate(zip(stretches, stretches[1:])):
            if low is not None and high is not None:
                sample = _EXACT.divide(_EXACT.add(low, high), 2)
            elif low is not None:
                sample = _EXACT.add(low, 1)
            else:
                sample = Decimal(0) if high is None else _EXACT.subtract(high, 1)
            if low is not None:
                pieces.append((Interval(low, True, low, True), self._rate(low)))
            pieces.append((Interval(low, False, high, False), self._rate(sample)))
        return pieces

    def _rate(self, value: Decimal) -> Rag:
        rag = self.rate(value)
        assert rag is not None  # only called on a tolerance that gives a RAG
        return rag


def _phrase(interval: Interval, suffix: str) -> str:
    low = None if interval.low is None else format_number(interval.low) + suffix
    high = None if interval.high is None else format_number(interval.high) + suffix
    if low is None and high is None:
        return "at any value"
    if low is None:
        return f"at {high} or less" if interval.high_inclusive else f"below {high}"
    if high is None:
        return f"at {low} or more" if interval.low_inclusive else f"above {low}"
    if interval.low == interval.high:
        return f"at {low}"
    start = f"from {low}" if interval.low_inclusive else f"over {low}"
    end = f"to {high}" if interval.high_inclusive else f"to under {high}"
    return f"{start} {end}"


def _polarity(polarity: Polarity | str) -> Polarity:
    # Workbooks write polarity in any case, with `_` or a space (docs/workbook.md).
    wanted = str(polarity).replace("_", " ").casefold()
    for member in Polarity:
        if member.value.casefold() == wanted:
            return member
    raise ValueError(
        f"unknown polarity {polarity!r}: expected one of High, Low, Info, Within Limits"
    )


def parse_tolerance(
    red: str | None, amber: str | None, green: str | None, polarity: Polarity | str
) -> Tolerance:
    """Read the three cells as printed; raise ToleranceError naming the cells at fault."""
    polarity = _polarity(polarity)
    cells = dict(zip(CELLS, (red, amber, green)))
    for cell, raw in cells.items():
        if raw is not None and not isinstance(raw, str):
            # A spreadsheet number (0.95 for 95%) needs the importer's reading, not a guess here.
            raise ToleranceError(f"{cell} cell holds {raw!r}, not the text as printed", [cell])
    kept = {cell: raw if raw and raw.strip() else None for cell, raw in cells.items()}
    given = {cell: raw.strip() for cell, raw in cells.items() if not is_empty(raw)}
    forms = {cell: read_cell(text) for cell, text in given.items()}
    if not given or any(isinstance(form, Marker) for form in forms.values()):
        _marker_stands_alone(given, forms)
        return Tolerance(**kept, kind="none")
    if "green" not in given:
        shown = " and ".join(f'{cell} "{text}"' for cell, text in given.items())
        raise ToleranceError(
            f"{shown} given without a green target: enter the target in the green cell "
            '(e.g. "95%+"), or leave all three cells empty for no target',
            [*given, "green"],
        )
    if forms["green"] == Unreadable() and starts_with_letter(given["green"]):
        _words_stand_alone(given)
        return Tolerance(**kept, kind="words", words=given["green"])
    green_family = _check_forms(given, forms)
    if green_family == "threshold":
        good_high, why = _direction(given, forms, polarity)
        zones = {
            cell: Zone(_threshold_interval(form, cell, good_high))
            if isinstance(form, Threshold)
            else Zone(_numbers_interval(form))
            for cell, form in forms.items()
        }
        _raise(_direction_faults(given, forms, zones, good_high, why))
        reference = None
    else:
        zones = _distance_zones(forms)
        reference = getattr(forms["green"], "reference", None)
    return Tolerance(
        **kept,
        kind="bands",
        zones=(zones.get("red"), zones.get("amber"), zones["green"]),
        reference=reference,
    )


def _marker_stands_alone(given: dict[str, str], forms: dict[str, Form]) -> None:
    for cell, form in forms.items():
        if isinstance(form, Marker) and len(given) > 1:
            others = " and ".join(f'{other} "{given[other]}"' for other in given if other != cell)
            raise ToleranceError(
                f'{cell} cell "{given[cell]}" is a no-target marker, which stands alone, but '
                f"{others} is also given: clear the other cells or enter a target",
                given,
            )


def _words_stand_alone(given: dict[str, str]) -> None:
    if len(given) > 1:
        others = " and ".join(f'{cell} "{given[cell]}"' for cell in given if cell != "green")
        raise ToleranceError(
            f'green cell "{given["green"]}" reads as a target in words, which stands alone, '
            f"but {others} is also given: clear it, or write the target as {GREEN_FORMS}",
            given,
        )


def _check_forms(given: dict[str, str], forms: dict[str, Form]) -> str:
    """Every cell must match a form, and red and amber the forms that go with the green's."""
    green = forms["green"]
    green_family = family(green)
    faults = []
    if green_family is None:
        faults.append(("green", misread("green", given["green"], green, GREEN_FORMS)))
    for cell in ("red", "amber"):
        form, expected = forms.get(cell), EXPECTED[cell][green_family]
        if isinstance(form, Unreadable):
            faults.append((cell, misread(cell, given[cell], form, expected)))
        elif form is None or green_family is None:
            continue
        elif not fits(cell, form, green_family):
            faults.append((cell, f'{cell} cell "{given[cell]}" does not go with green '
                           f'"{given["green"]}": expected {expected}'))
        elif isinstance(form, Band) and form.reference not in (None, getattr(green, "reference")):
            faults.append((cell, f'{cell} cell "{given[cell]}" is around another reference than '
                           f'green "{given["green"]}": expected {expected}'))
    _raise(faults)
    assert green_family is not None
    return green_family


def _raise(faults: list[tuple[str, str]]) -> None:
    if faults:
        message = "; ".join(message for _, message in faults)
        raise ToleranceError(message, [cell for cell, _ in faults])


def _distance_zones(forms: dict[str, Form]) -> dict[str, Zone]:
    """Range and band forms share a shape: a centre widened on both sides by each cell's distance.

    The centre of a range is the range itself; of a band, its reference.
    """
    green = forms["green"]
    if isinstance(green, Span):
        low, high, green_width = green.low, green.high, Decimal(0)
    else:
        assert isinstance(green, Band) and green.reference is not None
        low, high, green_width = green.reference, green.reference, green.width
    zones = {"green": Zone(_widen(low, high, green_width, inclusive=True))}
    for cell in ("red", "amber"):
        form = forms.get(cell)
        if isinstance(form, Distance) and form.kind == "within":
            zones[cell] = Zone(_widen(low, high, form.distance, inclusive=True))
        elif isinstance(form, Distance):
            # `N+ outside` includes the edge N away; `over N outside` starts beyond it.
            inclusive = form.kind == "more_than"
            zones[cell] = Zone(_widen(low, high, form.distance, inclusive), outside=True)
        elif isinstance(form, Band):
            wide = _widen(low, high, form.width, inclusive=True)
            zones[cell] = Zone(wide, outside=form.more_than)
    return zones


def _widen(low: Decimal, high: Decimal, by: Decimal, inclusive: bool) -> Interval:
    return Interval(_EXACT.subtract(low, by), inclusive, _EXACT.add(high, by), inclusive)


def _threshold_interval(threshold: Threshold, cell: str, good_high: bool) -> Interval:
    number = threshold.number
    if threshold.operator:
        # A leading operator is exactly that comparison, whatever the cell.
        inclusive = threshold.operator.endswith("=")
        below = threshold.operator[0] == "<"
        return _below(number, inclusive) if below else _above(number, inclusive)
    if threshold.mark == "+":
        return _above(number, True)
    # A bare number (or trailing < / >) is a boundary on the side the direction gives: a target
    # met exactly is green, and a red boundary is not itself red.
    if cell == "red":
        return _below(number, False) if good_high else _above(number, False)
    return _above(number, True) if good_high else _below(number, True)


def _numbers_interval(form: Form) -> Interval:
    assert isinstance(form, Span)
    return Interval(form.low, True, form.high, True)


def _numbers(form: Form) -> tuple[Decimal, ...]:
    if isinstance(form, Threshold):
        return (form.number,)
    assert isinstance(form, Span)
    return (form.low, form.high)


def _direction(
    given: dict[str, str], forms: dict[str, Form], polarity: Polarity
) -> tuple[bool, str]:
    """Whether high is good, and the words saying why (for the error messages)."""
    if polarity == Polarity.HIGH:
        return True, "high is good for a High indicator"
    if polarity == Polarity.LOW:
        return False, "low is good for a Low indicator"
    green = forms["green"]
    assert isinstance(green, Threshold)
    if green.operator in (">", ">=") or green.mark == "+":
        return True, "high is good here, as the green cell reads"
    if green.operator in ("<", "<="):
        return False, "low is good here, as the green cell reads"
    target = _printed(green.number, given["green"])
    fix = (
        f'write the green cell with an operator, e.g. "{target}+" if high is good or '
        f'"<={target}" if low is good'
    )
    other = next((cell for cell in ("red", "amber") if cell in forms), None)
    if other is None:
        raise ToleranceError(
            f'green cell "{given["green"]}" alone does not show the direction of good performance '
            f"for this {polarity.value} indicator: {fix}, or add a red cell",
            ["green"],
        )
    numbers = _numbers(forms[other])
    green_text, other_text = given["green"], given[other]
    if all(number < green.number for number in numbers):
        return True, f'high is good here, as green "{green_text}" is above {other} "{other_text}"'
    if all(number > green.number for number in numbers):
        return False, f'low is good here, as green "{green_text}" is below {other} "{other_text}"'
    raise ToleranceError(
        f'green "{given["green"]}" and {other} "{given[other]}" do not show the direction of good '
        f"performance for this {polarity.value} indicator (the numbers meet): {fix}",
        [other, "green"],
    )


def _printed(number: Decimal, text: str) -> str:
    return format_number(number) + ("%" if "%" in text else "")


def _wholly_below(lower: Interval, upper: Interval) -> bool:
    """Every value of `lower` is strictly below every value of `upper`."""
    if lower.high is None or upper.low is None:
        return False
    if lower.high == upper.low:
        return not (lower.high_inclusive and upper.low_inclusive)
    return lower.high < upper.low


def _direction_faults(
    given: dict[str, str],
    forms: dict[str, Form],
    zones: dict[str, Zone],
    good_high: bool,
    why: str,
) -> list[tuple[str, str]]:
    """The cells must run in the good direction: red wholly on the bad side, amber between."""
    green, target = zones["green"].interval, forms["green"]
    assert isinstance(target, Threshold)
    shown_target = _printed(target.number, given["green"])
    if (green.high if good_high else green.low) is not None:
        suggest = _good_side(shown_target, good_high)
        return [("green", f'green cell "{given["green"]}" points to the bad side ({why}): '
                 f"expected a target such as {suggest}")]
    faults = []
    red_form = forms.get("red")
    if isinstance(red_form, Threshold):
        red = zones["red"].interval
        if not (_wholly_below(red, green) if good_high else _wholly_below(green, red)):
            number = red_form.number
            beyond = number != target.number and (number < target.number) == good_high
            shown = _printed(number if beyond else target.number, given["red"])
            if good_high:
                suggest = f'"<{shown}" or "{shown}"'
            else:
                suggest = f'">{shown}" or "{shown}{"+" if beyond else ""}"'
            faults.append(("red", f'red cell "{given["red"]}" must lie on the bad side of green '
                           f'"{given["green"]}" ({why}): expected a red cell such as {suggest}'))
    if "amber" in zones:
        faults += _amber_faults(given, forms, zones["amber"].interval, good_high, why)
    return faults


def _amber_faults(
    given: dict[str, str], forms: dict[str, Form], amber: Interval, good_high: bool, why: str
) -> list[tuple[str, str]]:
    target, numbers = forms["green"], _numbers(forms["amber"])
    assert isinstance(target, Threshold)
    text = f'amber cell "{given["amber"]}"'
    red_form = forms.get("red")
    if isinstance(red_form, Threshold):
        low, high = sorted((red_form.number, target.number))
        if all(low <= number <= high for number in numbers):
            return []
        return [("amber", f'{text} must lie between red "{given["red"]}" and green '
                 f'"{given["green"]}" ({why})')]
    # With no red cell, red is whatever lies beyond the amber: the amber must stay on the bad
    # side of the green, reach it, and stop, or red would fall between amber and green.
    on_bad_side = (
        (number <= target.number) if good_high else (number >= target.number) for number in numbers
    )
    if not all(on_bad_side):
        side = "at or below" if good_high else "at or above"
        return [("amber", f'{text} must lie on the bad side of green "{given["green"]}" ({why}): '
                 f"expected a number {side} the target")]
    if (amber.low if good_high else amber.high) is None:
        suggest = _good_side(_printed(numbers[0], given["amber"]), good_high)
        return [("amber", f"{text} runs on to the bad side with no red cell ({why}): "
                 f"expected an amber such as {suggest}")]
    if len(numbers) == 2 and numbers[1 if good_high else 0] != target.number:
        start = numbers[0 if good_high else 1]
        ends = sorted((start, target.number))
        shown = "-".join(_printed(number, given["amber"]) for number in ends)
        return [("amber", f'{text} stops short of green "{given["green"]}" with no red cell '
                 f'({why}): expected an amber range reaching the target, such as "{shown}"')]
    return []


def _good_side(shown: str, good_high: bool) -> str:
    """Two ways to write a green or amber boundary facing the good side."""
    return f'"{shown}+" or "{shown}"' if good_high else f'"<={shown}" or "{shown}"'
