"""Issue 10's entry rules (compute.entry): texts, narratives, indicator numbers, figures past
what the database holds, and the months accepted. Every rule with its exact words. No Django."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from scorecards.compute.entry import (
    NARRATIVE_LENGTH,
    Figure,
    IndicatorRules,
    Problem,
    block_depth,
    check_narrative,
    check_observation,
    check_outturn,
    check_target,
    found,
    read_count,
    read_indicator_number,
    read_narrative,
    read_period,
    read_slug,
    read_text,
    read_value,
    read_year,
)
from scorecards.compute.periods import FIRST_MONTH, LAST_MONTH, Month, MonthOutOfRange, parse_period, parse_year_label
from scorecards.compute.vocabulary import Polarity, Unit

D = Decimal
COUNT = IndicatorRules("6.1", Unit.COUNT, 0)
PERCENT = IndicatorRules("6.9", Unit.PERCENTAGE, 1)
RATE = IndicatorRules("6.2", Unit.RATE, 1)
VALUE_FORMS = "a number, a mark ([x], [z], [c], n/a) or empty"


# -- line breaks and control characters ----------------------------------------------


def test_line_breaks_from_excel_are_newlines() -> None:
    assert read_narrative("First.\r\nSecond.\rThird.\n").value == "First.\nSecond.\nThird.\n"
    assert read_text("A\r\nB", "name", 500).problem == Problem(
        ("name",), "expected one line of text, without tabs or line breaks; found a line break (U+000A) at character 2"
    )


@pytest.mark.parametrize(
    ("text", "lines", "message"),
    [
        ("Esc\x1b[31m", False, "expected text without control characters; found U+001B at character 4"),
        ("Esc\x1b[31m", True, "expected text without control characters; found U+001B at character 4"),
        ("\x00", True, "expected text without control characters; found U+0000 at character 1"),
        ("a\x7f", False, "expected text without control characters; found U+007F at character 2"),
        ("a\x85b", True, "expected text without control characters; found U+0085 at character 2"),
        ("a\x0cb", True, "expected text without control characters; found U+000C at character 2"),
        ("abc\u202edcba", False, "expected text without control characters; found U+202E at character 4"),
        ("abc\u2067x", True, "expected text without control characters; found U+2067 at character 4"),
        ("a\tb", False, "expected one line of text, without tabs or line breaks; found a tab (U+0009) at character 2"),
        ("ab\nc", False,
         "expected one line of text, without tabs or line breaks; found a line break (U+000A) at character 3"),
    ],
    ids=["escape", "escape-in-a-narrative", "nul", "del", "c1-next-line", "form-feed", "rtl-override",
         "rtl-isolate", "tab-on-one-line", "line-break-on-one-line"],
)
def test_control_characters_are_refused_naming_the_first(text: str, lines: bool, message: str) -> None:
    read = read_narrative(text, "text") if lines else read_text(text, "name", 500)
    assert read == type(read)(None, Problem(("text",) if lines else ("name",), message))


@pytest.mark.parametrize("text", ["Tab\tand\nline breaks", "Émoji 📈 and a zero\u200dwidth joiner", "Arabic نص"])
def test_a_narrative_keeps_tabs_line_breaks_and_any_script(text: str) -> None:
    assert read_narrative(text).value == text


def test_messages_never_carry_a_control_character_or_a_whole_long_text() -> None:
    assert found("a\x1bb\nc") == '"a<U+001B>b<U+000A>c"'
    assert found("1" * 10_000) == '"' + "1" * 40 + '…" (10,000 characters)'


# -- lengths --------------------------------------------------------------------------


def test_a_text_longer_than_its_column_is_refused_with_the_limit() -> None:
    assert read_text("x" * 612, "name", 500).problem == Problem(
        ("name",), "expected at most 500 characters; found 612"
    )
    assert read_text("x" * 500, "name", 500).value == "x" * 500


@pytest.mark.parametrize(
    ("cells", "fields", "message"),
    [
        ({"red": "<" + "9" * 100}, ("red",), "expected at most 100 characters; found 101"),
        ({"amber": "a" * 101}, ("amber",), "expected at most 100 characters; found 101"),
        ({"green": "Above stat neigh " + "x" * 595}, ("green",), "expected at most 200 characters; found 612"),
        ({"green": "95%+\x1b"}, ("green",), "expected text without control characters; found U+001B at character 5"),
    ],
    ids=["red", "amber", "green-in-words", "control"],
)
def test_target_cells_fit_their_columns(cells: dict[str, str], fields: tuple[str, ...], message: str) -> None:
    written = {"red": None, "amber": None, "green": None, **cells}
    checked = check_target(written["red"], written["amber"], written["green"], Polarity.HIGH)
    assert checked.problems == (Problem(fields, message),)


# -- narratives -------------------------------------------------------------------------


def test_a_narrative_is_at_most_10000_characters() -> None:
    assert read_narrative("x" * NARRATIVE_LENGTH).value is not None
    assert read_narrative("[]" * 12_288).problem == Problem(
        ("text",), "expected at most 10,000 characters; found 24,576"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("> " * 4000 + "x", "expected block quotes and lists nested at most 10 levels deep (each >, list marker or 4 "
                             "spaces of indent is a level); found 4,000 on line 1"),
        ("Intro\n" + "- " * 11 + "x", "expected block quotes and lists nested at most 10 levels deep (each >, list "
                                      "marker or 4 spaces of indent is a level); found 11 on line 2"),
        ("[" * 11 + "x" + "]" * 11, 'expected brackets nested at most 10 deep; found 11 "[" open at once at character 11'),
        ("[)" * 20, 'expected brackets nested at most 10 deep; found 20 "[" open at once at character 39'),
        ("(" * 4096, 'expected brackets nested at most 10 deep; found 4,096 "(" open at once at character 4,096'),
    ],
    ids=["deep-quotes", "deep-list", "nested-brackets", "brackets-closed-by-the-other-kind", "unclosed-parens"],
)
def test_a_narrative_nests_at_most_10_deep(text: str, message: str) -> None:
    assert check_narrative(text) == Problem(("text",), message)


@pytest.mark.parametrize(
    ("line", "depth"),
    [("plain", 0), ("> quoted", 1), ("> > - item", 3), ("    - nested item", 2), ("\t\t- b", 3), (">>>> x", 4),
     ("1. 2. x", 2), ("2020. A year", 1), ("-not a marker", 0)],
)
def test_block_depth(line: str, depth: int) -> None:
    assert block_depth(line) == depth


def test_a_narrative_within_the_limits_passes() -> None:
    text = "### Heading\n\n> quoted (see [link](https://example.org)) and [a [nested] one].\n\n- a\n    - b\n        - c\n"
    assert check_narrative(text) is None
    assert check_narrative("[" * 10 + "x" + "]" * 10 + "(" * 10 + ")" * 10) is None


# -- indicator numbers and slugs ------------------------------------------------------------


@pytest.mark.parametrize("number", ["6.2a", "B.12", "10.1", "6.10", "1.1", "6-1", "CP_3", "7"])
def test_indicator_numbers_as_the_council_prints_them(number: str) -> None:
    assert read_indicator_number(number).value == number


NUMBER_RULE = ('expected an indicator number of letters, digits, ".", "-" and "_", starting with a letter or digit '
               "(e.g. 6.2a, B.12, 10.1); found ")


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("6/1", NUMBER_RULE + '"6/1"'),
        ("6 1", NUMBER_RULE + '"6 1"'),
        ("#3", NUMBER_RULE + '"#3"'),
        ("?", NUMBER_RULE + '"?"'),
        ("%2F", NUMBER_RULE + '"%2F"'),
        (".", NUMBER_RULE + '"."'),
        ("..", NUMBER_RULE + '".."'),
        ("6.1\u200d", NUMBER_RULE + '"6.1\u200d"'),
        ("é1", NUMBER_RULE + '"é1"'),
        ("6.1\u202e", "expected text without control characters; found U+202E at character 4"),
        ("1" * 10_000, "expected at most 20 characters; found 10,000"),
        ("", "expected an indicator number; found an empty cell"),
    ],
    ids=["slash", "space", "hash", "question-mark", "percent-encoded", "dot", "dot-dot", "zero-width-joiner",
         "accented", "rtl-override", "ten-thousand-digits", "empty"],
)
def test_indicator_numbers_are_url_safe(number: str, message: str) -> None:
    assert read_indicator_number(number).problem == Problem(("number",), message)


def test_slugs() -> None:
    assert read_slug("corporate-parenting").value == "corporate-parenting"
    assert read_slug("a" * 101).problem == Problem(("slug",), "expected at most 100 characters; found 101")
    assert read_slug("a b").problem == Problem(
        ("slug",), 'expected a slug of letters, digits, - and _ (e.g. corporate-parenting); found "a b"'
    )


# -- figures past what the database holds -----------------------------------------------------


BIG = "of at most 14 digits before the decimal point; found "


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1" + "0" * 28, f'expected {VALUE_FORMS} {BIG}"1{"0" * 28}"'),
        ("9" * 60, f'expected {VALUE_FORMS} {BIG}"{"9" * 40}…" (60 characters)'),
        (D("1E+28"), f'expected {VALUE_FORMS} {BIG}"10000000000000000000000000000"'),
        (D("1E+999999999"), f'expected {VALUE_FORMS} {BIG}"1E+999999999"'),
        (D("Infinity"), f'expected {VALUE_FORMS}; found "Infinity"'),
        (D("-Infinity"), f'expected {VALUE_FORMS}; found "-Infinity"'),
        (D("NaN"), f'expected {VALUE_FORMS}; found "NaN"'),
        (D("sNaN"), f'expected {VALUE_FORMS}; found "sNaN"'),
        (Figure(D("Infinity"), "1E+999"), f'expected {VALUE_FORMS}; found "1E+999"'),
        ("1e28", f'expected {VALUE_FORMS}; found "1e28"'),
        ("NaN", f'expected {VALUE_FORMS}; found "NaN"'),
        ("Infinity", f'expected {VALUE_FORMS}; found "Infinity"'),
    ],
    ids=["29-digits", "60-digits", "1e28-decimal", "huge-exponent", "infinity", "minus-infinity", "nan", "snan",
         "xlsx-infinity", "1e28-text", "nan-text", "infinity-text"],
)
def test_any_number_is_read_or_refused_never_raised(written, message: str) -> None:
    assert read_value(written).problem == Problem(("value",), message)


def test_a_tiny_exponent_is_refused_where_kept_as_entered_and_rounded_elsewhere() -> None:
    assert read_count(D("1E-999999999"), "numerator").problem == Problem(
        ("numerator",), 'expected a numerator (a number, zero or more) with at most 6 decimal places; found "1E-999999999"'
    )
    checked = check_observation(COUNT, period="2020-12", value=D("1E-30"))
    assert (checked.value, checked.problems) == (D("0"), ())
    assert [warning.message for warning in checked.warnings] == [
        "0.000000000000000000000000000001 rounded to 0: indicator 6.1 is shown to 0 decimal places"
    ]


def test_negative_zero_is_zero() -> None:
    checked = check_observation(PERCENT, period="2020-12", numerator="-0", denominator="5")
    assert checked.ok and (str(checked.numerator), str(checked.value)) == ("0", "0.0")


def test_a_value_that_rounds_past_14_digits_is_refused() -> None:
    checked = check_observation(COUNT, period="2020-12", value="99999999999999.5")
    assert checked.problems == (Problem(("value",), (
        'expected at most 14 digits before the decimal point; found "99999999999999.5", which rounds to '
        "100000000000000 (indicator 6.1 is shown to 0 decimal places)"
    )),)
    assert check_outturn(COUNT, "99999999999999.5").problems[0].message.startswith("expected at most 14 digits")


def test_a_value_derived_past_14_digits_is_refused() -> None:
    checked = check_observation(RATE, period="2020-12", numerator="99999999999999", denominator="0.000001")
    assert checked.problems == (Problem(("numerator", "denominator"), (
        "expected numerator / denominator x 10,000 to give a value of at most 14 digits before the decimal point; "
        "found 99999999999999/0.000001 x 10,000 = 999999999999990000000000.0"
    )),)
    assert check_observation(RATE, period="2020-12", numerator="9999", denominator="1").ok


def test_a_percentage_just_over_100_is_refused() -> None:
    assert check_observation(PERCENT, period="2020-12", value="100.00001").problems == (
        Problem(("value",), 'expected a percentage from 0 to 100 (indicator 6.9); found "100.00001"'),
    )


# -- the months accepted --------------------------------------------------------------------


def test_the_months_accepted() -> None:
    assert (FIRST_MONTH, LAST_MONTH) == (Month(1990, 1), Month(2099, 12))
    assert Month.parse_accepted("1990-01") == FIRST_MONTH and parse_period("Dec 2099") == LAST_MONTH
    assert Month.parse("0001-01") == Month(1, 1)  # reads back any Month; what someone wrote is parse_accepted's
    with pytest.raises(MonthOutOfRange, match="period 0001-01 is outside the months accepted"):
        Month.parse_accepted("0001-01")
    for text in ("0001-01", "9999-12", "0001-02", "1989-12", "2100-01", "Jan-1989"):
        with pytest.raises(MonthOutOfRange, match="outside the months accepted, January 1990 to December 2099"):
            parse_period(text)
    with pytest.raises(MonthOutOfRange, match="1990/91 to 2098/99"):
        parse_year_label("2099/00", 4)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("0001-01", 'expected a period from January 1990 to December 2099; found "0001-01"'),
        ("Dec-1989", 'expected a period from January 1990 to December 2099; found "Dec-1989"'),
        (datetime.date(1, 1, 1), "expected a period from January 1990 to December 2099; found the date 0001-01-01"),
        (Month(9999, 12), "expected a period from January 1990 to December 2099; found December 9999"),
        ("2020-13", 'expected a period written 2020-12, Dec-20, Dec 20, Dec-2020, Dec 2020 or a date cell; '
                    'found "2020-13"'),
    ],
)
def test_a_period_outside_the_months_accepted(written, message: str) -> None:
    assert read_period(written).problem == Problem(("period",), message)


@pytest.mark.parametrize(
    ("written", "start_month", "message"),
    [
        ("2099/00", 4, 'expected a reporting year from 1990/91 to 2098/99; found "2099/00"'),
        ("1989/90", 4, 'expected a reporting year from 1990/91 to 2098/99; found "1989/90"'),
        ("2100", 1, 'expected a reporting year from 1990 to 2099; found "2100"'),
    ],
)
def test_a_reporting_year_outside_the_months_accepted(written: str, start_month: int, message: str) -> None:
    assert read_year(written, start_month).problem == Problem(("year",), message)
    assert read_year("2098/99", 4).value == "2098/99"
