"""Tolerances as printed (docs/rules.md section 6): every form, boundary and error, as tables."""

from decimal import Decimal

import pytest

from scorecards.compute.tolerance import (
    Tolerance,
    ToleranceError,
    format_number,
    parse_tolerance,
)
from scorecards.compute.vocabulary import Polarity, Rag, Unit

R, A, G = Rag.RED, Rag.AMBER, Rag.GREEN
HIGH, LOW, INFO, LIMITS = Polarity.HIGH, Polarity.LOW, Polarity.INFO, Polarity.WITHIN_LIMITS

# (red, amber, green, polarity, value, rag); each row is a value on a threshold or just beside it.
RATINGS = [
    # High threshold: `90%>` amber is the good side of 90 inclusive, `95%+` is 95 or more.
    ("<90%", "90%>", "95%+", HIGH, "95", G),
    ("<90%", "90%>", "95%+", HIGH, "94.9", A),
    ("<90%", "90%>", "95%+", HIGH, "90", A),
    ("<90%", "90%>", "95%+", HIGH, "89.9", R),
    ("<90%", "90%>", "95%+", HIGH, "100", G),
    ("<90%", "90%<", "95%", HIGH, "95", G),  # bare green: a target met exactly is green
    ("<90%", "90%<", "95%", HIGH, "94.99", A),
    ("<90%", "90%<", "95%", HIGH, "90", A),
    ("<90%", "90%>", "95%>", HIGH, "95", G),
    ("<90%", "90%>", "95%>", HIGH, "94.9", A),
    # 2024 form: `84%+` means 84 or more, so 84 itself is amber.
    ("<84%", "84%+", "92%+", HIGH, "92", G),
    ("<84%", "84%+", "92%+", HIGH, "91.9", A),
    ("<84%", "84%+", "92%+", HIGH, "84", A),
    ("<84%", "84%+", "92%+", HIGH, "83.9", R),
    # Low threshold: `13%+` red is 13 or more, so 13 is red; `10.8%<` green is at or below.
    ("13%+", "13%<", "10.8%<", LOW, "13", R),
    ("13%+", "13%<", "10.8%<", LOW, "12.9", A),
    ("13%+", "13%<", "10.8%<", LOW, "10.9", A),
    ("13%+", "13%<", "10.8%<", LOW, "10.8", G),
    ("13%+", "13%<", "10.8%<", LOW, "0", G),
    # `>12%` is exactly that comparison: 12 is not red; amber `12%>` on Low is at or below 12.
    (">12%", "12%>", "10%", LOW, "12.1", R),
    (">12%", "12%>", "10%", LOW, "12", A),
    (">12%", "12%>", "10%", LOW, "10.1", A),
    (">12%", "12%>", "10%", LOW, "10", G),
    # `<8%` green is below 8 only; `8%+` amber takes 8 itself.
    ("16%+", "8%+", "<8%", LOW, "16", R),
    ("16%+", "8%+", "<8%", LOW, "15.9", A),
    ("16%+", "8%+", "<8%", LOW, "8", A),
    ("16%+", "8%+", "<8%", LOW, "7.9", G),
    # 20.5 meets neither red (21 or more) nor amber (20 or less, the good side of 20), but the
    # amber cell is given between a red and a green, so it is amber.
    ("21+", "20<", "18<", LOW, "20.5", A),
    ("21+", "20<", "18<", LOW, "21", R),
    ("21+", "20<", "18<", LOW, "20", A),
    ("21+", "20<", "18<", LOW, "18.1", A),
    ("21+", "20<", "18<", LOW, "18", G),
    ("21+", "20>", "18", LOW, "20.5", A),
    ("25+", "24>", "22", LOW, "24.5", A),
    ("25+", "24>", "22", LOW, "25", R),
    ("25+", "24>", "22", LOW, "22", G),
    # A bare red is the bad side exclusive: bare `12` red on High is below 12, so 12 is amber.
    ("12", "12>", "15", HIGH, "12", A),
    ("12", "12>", "15", HIGH, "11.9", R),
    ("12", "12>", "15", HIGH, "15", G),
    # Leading operators, including the typographic ones.
    ("<=89", "90>", ">=95", HIGH, "89", R),
    ("<=89", "90>", ">=95", HIGH, "89.5", A),  # between red and green, amber cell given
    ("<=89", "90>", ">=95", HIGH, "95", G),
    ("≤89", "90>", "≥95", HIGH, "89", R),
    ("≤89", "90>", "≥95", HIGH, "95", G),
    ("<90", "90>", ">95", HIGH, "95", A),  # `>95`: 95 is not green
    ("<90", "90>", ">95", HIGH, "95.01", G),
    (">=20", "<20", "<=15", LOW, "20", R),
    (">=20", "<20", "<=15", LOW, "15", G),
    (">=20", "<20", "<=15", LOW, "15.5", A),
    # Two bands: red and green with amber empty or `-`, or a target alone.
    ("227.1+", "-", "<227.1", LOW, "227.1", R),
    ("227.1+", "-", "<227.1", LOW, "227.09", G),
    ("<98%", "", "98%+", HIGH, "98", G),
    ("<98%", None, "98%+", HIGH, "97.9", R),
    ("<90%", "-", "95%+", HIGH, "92", R),  # no amber: anything not green is red
    (None, None, "85%>", HIGH, "85", G),
    (None, None, "85%>", HIGH, "84.9", R),
    ("", "-", "99.1", LOW, "99.1", G),
    ("", "-", "99.1", LOW, "99.2", R),
    ("-", "-", "95%+", HIGH, "95", G),
    ("-", "-", "95%+", HIGH, "94.9", R),
    # Amber with no red: amber where it reads, red below it.
    ("-", "90%>", "95%+", HIGH, "90", A),
    ("-", "90%>", "95%+", HIGH, "89.9", R),
    (None, "50-70%", "70%", HIGH, "69.9", A),  # an amber range reaching the target, no red
    (None, "50-70%", "70%", HIGH, "49.9", R),
    # Amber as a range, as it reads.
    ("<50%", "50-70%", "70%", HIGH, "70", G),
    ("<50%", "50-70%", "70%", HIGH, "69.9", A),
    ("<50%", "50-70%", "70%", HIGH, "50", A),
    ("<50%", "50-70%", "70%", HIGH, "49.9", R),
    ("<50%", "55-60%", "70%", HIGH, "52", A),  # outside the amber range but between red and green
    # Info and Within Limits: direction from comparing green with red (45 above 40: high good).
    ("<40%", "40%<", "45%", INFO, "45", G),
    ("<40%", "40%<", "45%", INFO, "44.9", A),
    ("<40%", "40%<", "45%", INFO, "40", A),
    ("<40%", "40%<", "45%", INFO, "39.9", R),
    (">12", "12>", "10", INFO, "10", G),  # 10 below 12: low is good
    (">12", "12>", "10", INFO, "12", A),
    (">12", "12>", "10", INFO, "12.1", R),
    ("<50%", "50-70%", "70%", INFO, "69.9", A),
    (None, "70>", "75", INFO, "70", A),  # no red: compared with the amber number
    (None, "70>", "75", INFO, "69", R),
    # ... or from the green operator.
    ("227.1+", "-", "<227.1", INFO, "227", G),
    ("227.1+", "-", "<227.1", INFO, "227.1", R),
    (None, None, "95%+", LIMITS, "95", G),
    (None, None, "95%+", LIMITS, "94", R),
    (None, None, "<=5", INFO, "5", G),
    (None, None, "<=5", INFO, "5.1", R),
    ("<5", "5>", "8+", LIMITS, "7", A),
    # Range with distance cells: `1+` outside is red from exactly 1 outside.
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "14", G),
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "17", G),
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "20", G),
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "20.5", A),
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "20.99", A),
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "21", R),
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "13.01", A),
    ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, "13", R),
    # `over 1` is more than 1 outside; `1% above range` is within 1 unit, inclusive, both sides.
    ("over 1% above range", "1% above range", "14-20", LIMITS, "21", A),
    ("over 1% above range", "1% above range", "14-20", LIMITS, "21.01", R),
    ("over 1% above range", "1% above range", "14-20", LIMITS, "13", A),
    ("over 1% above range", "1% above range", "14-20", LIMITS, "12.99", R),
    ("over 1% above range", "1% above range", "16-22", LIMITS, "15.5", A),
    ("over 2 below range", "2 below range", "10-20", LIMITS, "22", A),  # one side names both
    ("over 2 below range", "2 below range", "10-20", LIMITS, "22.1", R),
    ("over 2 below range", "2 below range", "10-20", LIMITS, "8", A),
    ("2+ above range", "1 above range", "10-20", LIMITS, "21.5", A),  # between red and green
    ("2+ above range", "1 above range", "10-20", LIMITS, "22", R),
    ("over 1 above range", "1 above range", "14-20", HIGH, "13", A),  # polarity ignored
    ("over 1 above range", "1 above range", "14-20", LOW, "21", A),
    ("1+ above range", "-", "14-20", LIMITS, "20.5", R),  # no amber: red
    (None, None, "-0.5--0.1", LIMITS, "-0.5", G),
    (None, None, "-0.5--0.1", LIMITS, "-0.1", G),
    (None, None, "-0.5--0.1", LIMITS, "-0.51", R),
    (None, None, "-0.5--0.1", LIMITS, "0", R),
    # Band around a reference: green within 5 of 158.8, amber within 15, red beyond.
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "158.8", G),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "163.8", G),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "153.8", G),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "163.9", A),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "153.7", A),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "173.8", A),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "143.8", A),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "173.9", R),
    ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, "143.7", R),
    ("more than +/5", "+/-5", "up to +/2 of 73.5", INFO, "75.5", G),
    ("more than +/5", "+/-5", "up to +/2 of 73.5", INFO, "71.5", G),
    ("more than +/5", "+/-5", "up to +/2 of 73.5", INFO, "75.6", A),
    ("more than +/5", "+/-5", "up to +/2 of 73.5", INFO, "78.5", A),
    ("more than +/5", "+/-5", "up to +/2 of 73.5", INFO, "78.6", R),
    ("more than ±10", "+-10", "±5 of 52.3", LOW, "57.3", G),  # polarity ignored
    ("more than ±10", "+-10", "±5 of 52.3", LOW, "47.3", G),
    ("more than ±10", "+-10", "±5 of 52.3", LOW, "62.3", A),
    ("more than ±10", "+-10", "±5 of 52.3", LOW, "62.4", R),
    ("more than ±10", "+/-10 of 52.3", "+/5 of 52.3", HIGH, "42.3", A),
    ("more than ±10", "+/-10 of 52.3", "+/5 of 52.3", HIGH, "42.2", R),
    ("more than +/-20", "up to +/-10", "+/-5 of 100", INFO, "112", A),  # between: amber given
    ("more than +/-20", "up to +/-10", "+/-5 of 100", INFO, "120.1", R),
    (None, None, "+/-5 of 100", HIGH, "105", G),
    (None, None, "+/-5 of 100", HIGH, "105.1", R),
    ("more than +/-10", None, "+/-5 of 100", INFO, "107", R),  # no amber: red
    # `%`, spaces and thousands separators are ignored; numbers may be signed.
    ("< 1,092", "1,092 >", "1,200 +", HIGH, "1200", G),
    ("< 1,092", "1,092 >", "1,200 +", HIGH, "1199", A),
    ("< 1,092", "1,092 >", "1,200 +", HIGH, "1092", A),
    ("< 1,092", "1,092 >", "1,200 +", HIGH, "1091.9", R),
    (None, None, "92.8 %", HIGH, "92.8", G),
    (None, None, "92.8 %", HIGH, "92.79", R),
    ("  <90% ", " 90%> ", " 95%+ ", HIGH, "94", A),
    ("<-0.5", "-0.5>", "-0.2+", HIGH, "-0.2", G),
    ("<-0.5", "-0.5>", "-0.2+", HIGH, "-0.3", A),
    ("<-0.5", "-0.5>", "-0.2+", HIGH, "-0.5", A),
    ("<-0.5", "-0.5>", "-0.2+", HIGH, "-0.51", R),
]


@pytest.mark.parametrize(("red", "amber", "green", "polarity", "value", "rag"), RATINGS)
def test_rating(red: str | None, amber: str | None, green: str, polarity: Polarity, value: str, rag: Rag) -> None:
    tolerance = parse_tolerance(red, amber, green, polarity)
    assert tolerance.kind == "bands"
    assert tolerance.rate(Decimal(value)) is rag


@pytest.mark.parametrize(
    ("red", "amber", "green"),
    [
        (None, None, "n/a"),
        (None, None, "N/A"),
        (None, None, " tbc "),
        ("TBC", None, None),
        ("range to be set", None, None),
        ("Range To Be Set", "-", ""),
        (None, "n/a", None),
        (None, None, None),
        ("", " ", "-"),
        ("-", "-", "-"),
    ],
)
def test_no_target(red: str | None, amber: str | None, green: str | None) -> None:
    tolerance = parse_tolerance(red, amber, green, HIGH)
    assert tolerance.kind == "none"
    assert tolerance.words is None
    assert tolerance.rate(Decimal("50")) is None
    assert tolerance.boundaries() == ()
    assert tolerance.green_zone() is None
    assert tolerance.describe() == "no target set"


@pytest.mark.parametrize(
    ("red", "amber", "green", "words"),
    [
        (None, None, "Above stat neigh (79.7%)", "Above stat neigh (79.7%)"),
        ("", "-", " Better than national average ", "Better than national average"),
        (None, None, "above 5", "above 5"),
    ],
)
def test_target_in_words(red: str | None, amber: str | None, green: str, words: str) -> None:
    tolerance = parse_tolerance(red, amber, green, Polarity.HIGH)
    assert tolerance.kind == "words"
    assert tolerance.words == words
    assert tolerance.green == green  # printed back as entered
    assert tolerance.rate(Decimal("80")) is None
    assert tolerance.green_zone() is None
    assert tolerance.describe() == f'target in words: "{words}"; not rated'


# (red, amber, green, polarity, cells at fault, words the message must hold)
ERRORS = [
    ("<90%", None, None, HIGH, ("red", "green"), 'red "<90%" given without a green target'),
    (None, "90%>", "-", HIGH, ("amber", "green"), 'amber "90%>" given without a green target'),
    ("<90%", "90%>", None, HIGH, ("red", "amber", "green"), "without a green target"),
    ("<90%+", "90%>", "95%+", HIGH, ("red",), "both a leading operator and a trailing mark"),
    (">=12%<", "12%>", "10%", LOW, ("red",), "both a leading operator and a trailing mark"),
    ("<<90%", "90%>", "95%+", HIGH, ("red",), 'red cell "<<90%" has two operators'),
    ("<90%", "90%>", "95%++", HIGH, ("green",), 'green cell "95%++" has two operators'),
    (None, None, "20-14", LIMITS, ("green",), 'green cell "20-14" is a reversed range'),
    (None, None, "14-14", LIMITS, ("green",), "reversed range"),
    ("<50%", "70-50%", "70%", HIGH, ("amber",), 'amber cell "70-50%" is a reversed range'),
    ("Below average", "90%>", "95%+", HIGH, ("red",), 'red cell "Below average" is text'),
    ("<90%", "amber", "95%+", HIGH, ("amber",), 'amber cell "amber" is text'),
    ("Below", "Above", "95%+", HIGH, ("red", "amber"), "is text"),
    ("<90%", "90%>", "9x5", HIGH, ("green",), 'green cell "9x5" is not a form'),
    ("<90%", "90%>", "1 2", HIGH, ("green",), 'green cell "1 2"'),
    ("<1,09", "90%>", "95%+", HIGH, ("red",), 'red cell "<1,09"'),
    ("<90", None, "Above average", HIGH, ("red", "green"), "reads as a target in words"),
    ("n/a", "", "95%+", HIGH, ("red", "green"), "is a no-target marker, which stands alone"),
    ("<90", None, "tbc", HIGH, ("red", "green"), 'green cell "tbc" is a no-target marker'),
    (None, None, "99.1", INFO, ("green",), "alone does not show the direction of good performance"),
    (None, None, "99.1>", LIMITS, ("green",), "alone does not show the direction"),
    ("<79", "79<", "79", INFO, ("red", "green"), "do not show the direction of good performance"),
    (None, "79>", "79", INFO, ("amber", "green"), "do not show the direction"),
    ("<50", "50-80", "70", LIMITS, ("amber",), 'amber cell "50-80" must lie between'),
    (None, "50-80", "70", INFO, ("amber", "green"), "do not show the direction"),
    # The cells must run in the good direction.
    ("<79", "79<", "74.1", INFO, ("red",), 'red cell "<79" must lie on the bad side of green "74.1"'),
    ("<6%", "6%>", "4%", LOW, ("red",), 'red cell "<6%" must lie on the bad side of green "4%"'),
    ("90%+", "90%>", "95%+", HIGH, ("red",), "must lie on the bad side"),
    ("<97%", "96%>", "95%+", HIGH, ("red",), "must lie on the bad side"),
    ("<97%", "90%>", "95%+", HIGH, ("red", "amber"), "must lie on the bad side"),
    ("<=95", "95>", "95+", HIGH, ("red",), "must lie on the bad side"),  # 95 both red and green
    ("<90", "97>", "95+", HIGH, ("amber",), 'amber cell "97>" must lie between red "<90" and green "95+"'),
    ("13+", "9<", "10<", LOW, ("amber",), "must lie between"),
    ("<50", "40-70", "70", HIGH, ("amber",), "must lie between"),
    (None, "97>", "95+", HIGH, ("amber",), "must lie on the bad side of green"),
    (None, "<=92", "95+", HIGH, ("amber",), "runs on to the bad side with no red cell"),
    (None, ">=12", "10", LOW, ("amber",), "runs on to the bad side with no red cell"),
    (None, "50-60%", "70%", HIGH, ("amber",), 'amber cell "50-60%" stops short of green "70%"'),
    (None, "12-16", "<10", LOW, ("amber",), 'such as "10-16"'),
    (None, None, "<95%", HIGH, ("green",), 'green cell "<95%" points to the bad side'),
    (None, None, "95%+", LOW, ("green",), "points to the bad side"),
    ("<5%", "5%>", "<3%", HIGH, ("green",), "points to the bad side"),
    # A cell whose form does not go with the green cell's form.
    ("<14", "1 above range", "14-20", LIMITS, ("red",), 'red cell "<14" does not go with green "14-20"'),
    ("1 above range", "1 above range", "14-20", LIMITS, ("red",), "does not go with"),
    ("1+ above range", "over 1 above range", "14-20", LIMITS, ("amber",), "does not go with"),
    ("1+ above range", "13", "14-20", LIMITS, ("amber",), "does not go with"),
    ("+/-15", "+/-15", "+/-5 of 158.8", INFO, ("red",), "does not go with"),
    ("more than +/-15", "more than +/-10", "+/-5 of 158.8", INFO, ("amber",), "does not go with"),
    ("more than +/-15", "1 above range", "+/-5 of 158.8", INFO, ("amber",), "does not go with"),
    ("more than +/-15 of 100", "+/-15", "+/-5 of 158.8", INFO, ("red",), "another reference"),
    ("more than +/-5", "90>", "95+", HIGH, ("red",), "does not go with"),
    ("<90", "+/-5", "95+", HIGH, ("amber",), "does not go with"),
    ("<90", "1 above range", "95+", HIGH, ("amber",), "does not go with"),
    ("14-20", "90>", "95+", HIGH, ("red",), "does not go with"),
    (None, None, "+/-5", INFO, ("green",), 'green cell "+/-5" is a red or amber form'),
    (None, None, "more than +/-5 of 10", INFO, ("green",), "is a red or amber form"),
    (None, None, "over 1 above range", LIMITS, ("green",), "is a red or amber form"),
    (None, None, "1 above range", LIMITS, ("green",), "is a red or amber form"),
    ("-1+ above range", "1 above range", "14-20", LIMITS, ("red",), "negative distance"),
    ("over 1+ above range", "1 above range", "14-20", LIMITS, ("red",), 'both "over" and a trailing "+"'),
    (None, None, "+/--5 of 10", INFO, ("green",), "negative band width"),
    (None, None, Decimal("0.95"), HIGH, ("green",), "not the text as printed"),
]


@pytest.mark.parametrize(("red", "amber", "green", "polarity", "cells", "words"), ERRORS)
def test_error(
    red: str | None, amber: str | None, green: str | None, polarity: Polarity, cells: tuple[str, ...], words: str
) -> None:
    with pytest.raises(ToleranceError) as caught:
        parse_tolerance(red, amber, green, polarity)
    assert caught.value.cells == cells
    assert words in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_error_names_the_form_expected() -> None:
    with pytest.raises(ToleranceError) as caught:
        parse_tolerance("<6%", "6%>", "4%", LOW)
    assert str(caught.value) == (
        'red cell "<6%" must lie on the bad side of green "4%" (low is good for a Low indicator): '
        'expected a red cell such as ">6%" or "6%+"'
    )
    with pytest.raises(ToleranceError) as caught:
        parse_tolerance("Below average", "90%>", "95%+", HIGH)
    assert str(caught.value) == (
        'red cell "Below average" is text: expected a threshold such as "<90%", ">12%", "13%+" or "90%"'
    )
    with pytest.raises(ToleranceError) as caught:
        parse_tolerance("<90", "90>", None, HIGH)
    assert str(caught.value) == (
        'red "<90" and amber "90>" given without a green target: enter the target in the green '
        'cell (e.g. "95%+"), or leave all three cells empty for no target'
    )


@pytest.mark.parametrize(
    ("red", "amber", "green", "polarity", "unit", "text"),
    [
        ("<90%", "90%>", "95%+", HIGH, Unit.PERCENTAGE,
         "green at 95% or more, amber from 90% to under 95%, red below 90%"),
        ("<90%", "90%>", "95%+", HIGH, "percentage",
         "green at 95% or more, amber from 90% to under 95%, red below 90%"),
        ("<85%", "85%<", "90.0%", HIGH, Unit.PERCENTAGE,
         "green at 90% or more, amber from 85% to under 90%, red below 85%"),
        ("13%+", "13%<", "10.8%<", LOW, Unit.PERCENTAGE,
         "green at 10.8% or less, amber over 10.8% to under 13%, red at 13% or more"),
        (">12%", "12%>", "10%", LOW, Unit.PERCENTAGE,
         "green at 10% or less, amber over 10% to 12%, red above 12%"),
        ("511+", "511<", "487<", LOW, Unit.COUNT,
         "green at 487 or less, amber over 487 to under 511, red at 511 or more"),
        # 20 is printed in the amber cell but changes no colour, so the words do not need it.
        ("21+", "20<", "18<", LOW, Unit.NUMBER, "green at 18 or less, amber over 18 to under 21, red at 21 or more"),
        ("227.1+", "-", "<227.1", LOW, Unit.RATE, "green below 227.1, red at 227.1 or more"),
        (None, None, "85%>", HIGH, Unit.PERCENTAGE, "green at 85% or more, red below 85%"),
        ("<50%", "50-70%", "70%", HIGH, Unit.PERCENTAGE,
         "green at 70% or more, amber from 50% to under 70%, red below 50%"),
        ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, Unit.AVERAGE,
         "green from 14 to 20, amber over 13 to under 14 or over 20 to under 21, red at 13 or less or at 21 or more"),
        ("over 1% above range", "1% above range", "16-22", LIMITS, Unit.AVERAGE,
         "green from 16 to 22, amber from 15 to under 16 or over 22 to 23, red below 15 or above 23"),
        ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, Unit.RATE,
         "around 158.8: green from 153.8 to 163.8, amber from 143.8 to under 153.8 or over 163.8 to 173.8, "
         "red below 143.8 or above 173.8"),
        (None, None, "+/-0 of 5", INFO, Unit.NUMBER, "around 5: green at 5, red below 5 or above 5"),
        ("<-0.5", "-0.5>", "-0.2+", HIGH, Unit.NUMBER,
         "green at -0.2 or more, amber from -0.5 to under -0.2, red below -0.5"),
    ],
)
def test_describe(
    red: str | None, amber: str | None, green: str, polarity: Polarity, unit: Unit | str, text: str
) -> None:
    assert parse_tolerance(red, amber, green, polarity).describe(unit) == text


def test_describe_defaults_to_plain_numbers() -> None:
    assert parse_tolerance("<90%", "90%>", "95%+", HIGH).describe() == (
        "green at 95 or more, amber from 90 to under 95, red below 90"
    )


@pytest.mark.parametrize(
    ("red", "amber", "green", "polarity", "boundaries", "green_zone"),
    [
        ("<90%", "90%>", "95%+", HIGH, ("90", "95"), ("95", None)),
        ("13%+", "13%<", "10.8%<", LOW, ("10.8", "13"), (None, "10.8")),
        ("21+", "20<", "18<", LOW, ("18", "21"), (None, "18")),  # 20 changes no colour
        ("<84%", "84%+", "92%+", HIGH, ("84", "92"), ("92", None)),
        ("227.1+", "-", "<227.1", LOW, ("227.1",), (None, "227.1")),
        (None, None, "99.1", LOW, ("99.1",), (None, "99.1")),
        ("1+ above range limit", "1 above / below range limit", "14-20", LIMITS, ("13", "14", "20", "21"), ("14", "20")),
        ("more than +/-15", "+/-15", "+/-5 of 158.8", INFO, ("143.8", "153.8", "163.8", "173.8"), ("153.8", "163.8")),
        (None, None, "-0.5--0.1", LIMITS, ("-0.5", "-0.1"), ("-0.5", "-0.1")),
    ],
)
def test_boundaries_and_green_zone(
    red: str | None,
    amber: str | None,
    green: str,
    polarity: Polarity,
    boundaries: tuple[str, ...],
    green_zone: tuple[str | None, str | None],
) -> None:
    tolerance = parse_tolerance(red, amber, green, polarity)
    assert tolerance.boundaries() == tuple(Decimal(number) for number in boundaries)
    assert tolerance.green_zone() == tuple(None if end is None else Decimal(end) for end in green_zone)


@pytest.mark.parametrize(
    ("red", "amber", "green", "polarity", "kept"),
    [
        ("  <90% ", " 90%> ", "95%+", HIGH, ("  <90% ", " 90%> ", "95%+")),
        ("227.1+", "-", "<227.1", LOW, ("227.1+", "-", "<227.1")),
        ("<98%", "", "98%+", HIGH, ("<98%", None, "98%+")),
        ("   ", None, "85%>", HIGH, (None, None, "85%>")),
        ("more than +/15", "+/-15", "up to +/2 of 73.5", INFO, ("more than +/15", "+/-15", "up to +/2 of 73.5")),
        (None, None, "N/A", INFO, (None, None, "N/A")),
        ("-", "-", "-", LIMITS, ("-", "-", "-")),
        (None, None, "Above stat neigh (79.7%) ", HIGH, (None, None, "Above stat neigh (79.7%) ")),
    ],
)
def test_cells_printed_back_as_entered(
    red: str | None, amber: str | None, green: str | None, polarity: Polarity, kept: tuple[str | None, ...]
) -> None:
    tolerance = parse_tolerance(red, amber, green, polarity)
    assert (tolerance.red, tolerance.amber, tolerance.green) == kept


@pytest.mark.parametrize("polarity", [Polarity.LOW, "Low", "low"])
def test_polarity_by_enum_or_value(polarity: Polarity | str) -> None:
    tolerance = parse_tolerance("13%+", "13%<", "10.8%<", polarity)
    assert tolerance.rate(Decimal("10.8")) is G
    assert tolerance.rate(Decimal("13")) is R


def test_unknown_polarity_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown polarity"):
        parse_tolerance(None, None, "95%+", "Sideways")


def test_tolerance_is_frozen() -> None:
    tolerance = parse_tolerance(None, None, "95%+", HIGH)
    assert isinstance(tolerance, Tolerance)
    with pytest.raises(AttributeError):
        tolerance.green = "96%+"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("number", "text"),
    [("90.0", "90"), ("95", "95"), ("10.80", "10.8"), ("-0.50", "-0.5"), ("0.00", "0"), ("-0", "0"),
     ("1E+2", "100"), ("1200", "1200"), ("0.0000001", "0.0000001")],
)
def test_format_number(number: str, text: str) -> None:
    assert format_number(Decimal(number)) == text
