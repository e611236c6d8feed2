"""Properties of the tolerance parser (docs/rules.md section 6) over generated cells."""

import re
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from scorecards.compute.tolerance import Tolerance, ToleranceError, format_number, parse_tolerance
from scorecards.compute.vocabulary import Polarity, Rag, Unit

RANK = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

TOKENS = [
    *"0123456789", "12", "0.5", "95", "1,092", "%", "<", ">", "<=", ">=", "≤", "≥", "+", "-", "+/-",
    "+/", "+-", "±", "of", "above", "below", "range", "limit", "over", "more than", "up to", "/",
    " ", ".", ",", "n/a", "tbc", "range to be set", "Above",
]
grammar_text = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)
any_cell = st.none() | st.text() | grammar_text
polarities = st.sampled_from([*Polarity, *(member.value for member in Polarity)])
numbers = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=2)
values = st.decimals(min_value=-1100, max_value=1100, allow_nan=False, allow_infinity=False, places=3)
widths = st.decimals(min_value=0, max_value=50, allow_nan=False, allow_infinity=False, places=1)


def parse_or_error(red: str | None, amber: str | None, green: str | None, polarity: Polarity | str) -> Tolerance | None:
    try:
        return parse_tolerance(red, amber, green, polarity)
    except ToleranceError as error:
        assert error.cells, "an error names at least one cell"
        assert set(error.cells) <= {"red", "amber", "green"}
        assert str(error)
        return None


def assert_describe_names_boundaries(tolerance: Tolerance) -> None:
    for unit in (Unit.NUMBER, Unit.PERCENTAGE):
        named = set(NUMBER.findall(tolerance.describe(unit)))
        assert {format_number(boundary) for boundary in tolerance.boundaries()} <= named


@given(any_cell, any_cell, any_cell, polarities)
def test_any_text_gives_a_tolerance_or_a_tolerance_error(
    red: str | None, amber: str | None, green: str | None, polarity: Polarity | str
) -> None:
    tolerance = parse_or_error(red, amber, green, polarity)
    if tolerance is None:
        return
    assert tolerance.kind in ("bands", "none", "words")
    assert (tolerance.red, tolerance.amber, tolerance.green) == tuple(
        None if cell is None or not cell.strip() else cell for cell in (red, amber, green)
    )
    boundaries = tolerance.boundaries()
    assert list(boundaries) == sorted(set(boundaries))
    for boundary in boundaries:
        rags = {tolerance.rate(boundary + step) for step in (Decimal("-0.001"), Decimal(0), Decimal("0.001"))}
        assert len(rags) > 1, "the rating changes at a boundary"
    assert tolerance.describe()
    if tolerance.kind == "bands":
        assert tolerance.green_zone() is not None
        assert_describe_names_boundaries(tolerance)
    else:
        assert tolerance.green_zone() is None
        assert tolerance.rate(Decimal(0)) is None


@st.composite
def thresholds(draw: st.DrawFn, good_high: bool) -> tuple[str | None, str | None, str, Polarity]:
    """Valid threshold cells: red number on the bad side of the green number, amber between."""
    first, second = draw(numbers), draw(numbers)
    assume(first != second)
    low, high = sorted((first, second))
    red_number, green_number = (low, high) if good_high else (high, low)
    middle = draw(st.decimals(min_value=low, max_value=high, places=2))
    other = draw(st.decimals(min_value=low, max_value=high, places=2))
    pct = draw(st.sampled_from(["", "%"]))
    r, g, m = (f"{number}{pct}" for number in (red_number, green_number, middle))
    if good_high:
        reds = [f"<{r}", f"<={r}", f"≤{r}", r, f"{r}<", f"{r}>"]
        greens = [f"{g}+", f">={g}", f"≥{g}", f">{g}", g, f"{g}>", f"{g}<"]
        ambers = [f"{m}>", f"{m}<", f"{m}+", f">={m}", f">{m}", m]
        bad_ambers = [f"<{m}", f"<={m}"]
    else:
        reds = [f">{r}", f">={r}", f"≥{r}", f"{r}+", r, f"{r}<", f"{r}>"]
        greens = [f"<{g}", f"<={g}", f"≤{g}", g, f"{g}<", f"{g}>"]
        ambers = [f"{m}>", f"{m}<", f"<={m}", f"<{m}", m]
        bad_ambers = [f">{m}", f"{m}+"]
    red = draw(st.sampled_from([*reds, None, "-"]))
    amber_forms = list(ambers)
    if red not in (None, "-"):
        amber_forms += bad_ambers
        if middle != other:
            amber_forms.append(f"{min(middle, other)}-{max(middle, other)}{pct}")
    elif middle != green_number:
        # With no red cell to stop it, an amber must reach the target and not run to the bad side.
        amber_forms.append(f"{min(middle, green_number)}-{max(middle, green_number)}{pct}")
    amber = draw(st.sampled_from([*amber_forms, None, "-", ""]))
    green = draw(st.sampled_from(greens))
    polarity = Polarity.HIGH if good_high else Polarity.LOW
    if red not in (None, "-") and draw(st.booleans()):
        polarity = draw(st.sampled_from([Polarity.INFO, Polarity.WITHIN_LIMITS]))  # direction from the cells
    return red, amber, green, polarity


def values_near(cells: tuple[str | None, ...]) -> st.SearchStrategy[Decimal]:
    printed = [Decimal(found) for cell in cells if cell for found in NUMBER.findall(cell)]
    return values | st.sampled_from(printed) if printed else values


@given(st.booleans(), st.data())
def test_threshold_rating_is_monotonic(good_high: bool, data: st.DataObject) -> None:
    red, amber, green, polarity = data.draw(thresholds(good_high))
    tolerance = parse_tolerance(red, amber, green, polarity)
    nearby = values_near((red, amber, green))
    first, second = sorted((data.draw(nearby), data.draw(nearby)))
    lower, higher = RANK[tolerance.rate(first)], RANK[tolerance.rate(second)]  # type: ignore[index]
    if good_high:
        assert lower <= higher  # a higher value never rates worse
    else:
        assert lower >= higher  # a higher value never rates better
    assert_describe_names_boundaries(tolerance)


@st.composite
def ranges(draw: st.DrawFn) -> tuple[str | None, str | None, str, Decimal, Decimal]:
    first, second = draw(numbers), draw(numbers)
    assume(first != second)
    low, high = sorted((first, second))
    red = draw(st.sampled_from(["{}+ above range limit", "over {}% above range", "over {} below range", None]))
    amber = draw(st.sampled_from(["{} above / below range limit", "{}% above range", "{} below range", "-"]))
    red = red and red.format(draw(widths))
    amber = amber.format(draw(widths))
    return red, amber, f"{low}-{high}", low, high


@given(ranges(), values, values, polarities)
def test_range_rating_never_improves_further_out(
    cells: tuple[str | None, str | None, str, Decimal, Decimal], first: Decimal, second: Decimal, polarity: Polarity
) -> None:
    red, amber, green, low, high = cells
    tolerance = parse_tolerance(red, amber, green, polarity)
    assert tolerance.green_zone() == (low, high)

    def outside(value: Decimal) -> Decimal:
        return max(low - value, value - high, Decimal(0))

    nearer, further = sorted((first, second), key=outside)
    assert RANK[tolerance.rate(nearer)] >= RANK[tolerance.rate(further)]  # type: ignore[index]
    assert_describe_names_boundaries(tolerance)


@st.composite
def bands(draw: st.DrawFn) -> tuple[str | None, str | None, str, Decimal]:
    reference = draw(numbers)
    sign = draw(st.sampled_from(["+/-", "+/", "+-", "±"]))
    green = f"{draw(st.sampled_from(['', 'up to ']))}{sign}{draw(widths)} of {reference}"
    red = draw(st.sampled_from([f"more than {sign}{{}}", None, "-"]))
    amber = draw(st.sampled_from([f"{sign}{{}}", f"up to {sign}{{}}", f"{sign}{{}} of {reference}", None]))
    red = red and red.format(draw(widths))
    amber = amber and amber.format(draw(widths))
    return red, amber, green, reference


@given(bands(), values, values, polarities)
def test_band_rating_never_improves_further_out(
    cells: tuple[str | None, str | None, str, Decimal], first: Decimal, second: Decimal, polarity: Polarity
) -> None:
    red, amber, green, reference = cells
    tolerance = parse_tolerance(red, amber, green, polarity)
    nearer, further = sorted((first, second), key=lambda value: abs(value - reference))
    assert RANK[tolerance.rate(nearer)] >= RANK[tolerance.rate(further)]  # type: ignore[index]
    assert tolerance.rate(reference) is Rag.GREEN
    assert_describe_names_boundaries(tolerance)
