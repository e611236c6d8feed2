"""Entering one figure (compute.entry): every rule as a table, with its exact words. No Django."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from scorecards.compute.entry import (
    Figure,
    IndicatorRules,
    Problem,
    check_benchmark,
    check_observation,
    check_outturn,
    check_period_allowed,
    check_read_observation,
    check_target,
    check_unit,
    check_value_figure,
    found,
    read_choice,
    read_count,
    read_figure,
    read_mark,
    read_observation,
    read_period,
    read_status,
    read_value,
    read_year,
)
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Frequency, Mark, ObservationStatus, Polarity, Unit

D = Decimal
VALUE_FORMS = "a number, a mark ([x], [z], [c], n/a) or empty"
PERIOD_FORMS = "2020-12, Dec-20, Dec 20, Dec-2020, Dec 2020 or a date cell"

# The indicators of tests/test_workbook_validate.py, as compute.entry sees them.
COUNT = IndicatorRules("6.1", Unit.COUNT, 0)
PERCENT = IndicatorRules("6.9", Unit.PERCENTAGE, 1)
NUMBER = IndicatorRules("2.1", Unit.NUMBER, 1)
RATE = IndicatorRules("6.2", Unit.RATE, 1)
QUARTERLY = IndicatorRules("10.4", Unit.DAYS, 1, Frequency.QUARTERLY)
TERMLY = IndicatorRules("10.7", Unit.DAYS, 1, Frequency.TERMLY)
ANNUAL = IndicatorRules("11.1", Unit.COUNT, 0, Frequency.ANNUAL)


def problems(*pairs: tuple[str | tuple[str, ...], str]) -> tuple[Problem, ...]:
    return tuple(Problem((fields,) if isinstance(fields, str) else fields, message) for fields, message in pairs)


# -- words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "words"),
    [
        (None, "an empty cell"),
        ("abc", '"abc"'),
        (D("12.50"), '"12.50"'),
        (Figure(D("36.8"), "36.8%", True, 1), '"36.8%"'),
        (datetime.date(2020, 12, 1), "the date 2020-12-01"),
        (Month(2020, 11), "Nov-20"),
    ],
)
def test_found_says_what_was_found(written, words: str) -> None:
    assert found(written) == words


def test_problem_names_its_fields_as_the_import_names_columns() -> None:
    assert Problem(("value", "numerator", "denominator"), "m").field == "value, numerator, denominator"
    assert Problem((), "m").field is None
    assert str(Problem(("value",), "m")) == "m"


# -- figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "number", "percent", "places"),
    [
        ("36.8%", "36.8", True, 1),
        ("92.8 %", "92.8", True, 1),
        ("1,092", "1092", False, 0),
        ("1,234,567", "1234567", False, 0),
        (".5", "0.5", False, 1),
        ("-0.2", "-0.2", False, 1),
        ("\u22120.2", "-0.2", False, 1),
        ("17.30", "17.30", False, 2),
        (" 607 ", "607", False, 0),
        (D("36.800000"), "36.800000", False, 6),
        (D("607"), "607", False, 0),
        (Figure(D("36.8"), "36.8%", True, 1), "36.8", True, 1),
    ],
)
def test_figures_read_as_printed(written, number: str, percent: bool, places: int) -> None:
    read = read_figure(written, "value", VALUE_FORMS)
    assert read.problem is None
    assert read.figure is not None
    assert (str(read.figure.number), read.figure.percent, read.figure.places) == (number, percent, places)


@pytest.mark.parametrize("written", [None, "", " ", "-", " - ", "tbc", "TBC"])
def test_no_figure(written) -> None:
    assert read_figure(written, "value", VALUE_FORMS).figure is None
    assert read_figure(written, "value", VALUE_FORMS).problem is None


@pytest.mark.parametrize(
    ("written", "what", "options", "message"),
    [
        ("abc", VALUE_FORMS, {}, f'expected {VALUE_FORMS}; found "abc"'),
        ("1,09", VALUE_FORMS, {}, f'expected {VALUE_FORMS}; found "1,09"'),
        ("1.2.3", VALUE_FORMS, {}, f'expected {VALUE_FORMS}; found "1.2.3"'),
        ("1e3", VALUE_FORMS, {}, f'expected {VALUE_FORMS}; found "1e3"'),
        ("+5", VALUE_FORMS, {}, f'expected {VALUE_FORMS}; found "+5"'),
        ("12 3", VALUE_FORMS, {}, f'expected {VALUE_FORMS}; found "12 3"'),
        (datetime.date(2020, 12, 1), VALUE_FORMS, {}, f"expected {VALUE_FORMS}; found the date 2020-12-01"),
        ("5%", "a numerator", {"allow_percent": False}, 'expected a numerator, not a percentage; found "5%"'),
        (Figure(D("5"), "5.0%", True, 1), "a numerator", {"allow_percent": False},
         'expected a numerator, not a percentage; found "5.0%"'),
        ("123456789012345", "a number", {}, 'expected a number of at most 14 digits before the decimal point; '
                                            'found "123456789012345"'),
        (D("-123456789012345.5"), "a number", {}, 'expected a number of at most 14 digits before the decimal point; '
                                                  'found "-123456789012345.5"'),
        ("1.1234567", "a number", {"kept_as_entered": True},
         'expected a number with at most 6 decimal places; found "1.1234567"'),
    ],
)
def test_figures_refused(written, what: str, options: dict, message: str) -> None:
    read = read_figure(written, "value", what, **options)
    assert read.figure is None
    assert read.problem == Problem(("value",), message)


def test_places_are_refused_only_where_figures_are_kept_as_entered() -> None:
    # A value or outturn is rounded to the indicator's places, so any places are read.
    assert read_figure("1.1234567", "value", VALUE_FORMS).problem is None
    assert read_figure("99999999999999", "value", VALUE_FORMS).problem is None


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("3", None),
        ("1,092", None),
        ("5%", 'expected a numerator (a number, zero or more), not a percentage; found "5%"'),
        ("five", 'expected a numerator (a number, zero or more); found "five"'),
        ("1.0000001", 'expected a numerator (a number, zero or more) with at most 6 decimal places; found "1.0000001"'),
    ],
)
def test_counts(written: str, message: str | None) -> None:
    assert read_count(written, "numerator").problem == (None if message is None else Problem(("numerator",), message))


# -- marks and value cells --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "mark"),
    [("[x]", Mark.NOT_AVAILABLE), ("[Z]", Mark.NOT_APPLICABLE), ("[ c ]", Mark.CONFIDENTIAL),
     ("n/a", Mark.NOT_APPLICABLE), ("N/A", Mark.NOT_APPLICABLE), ("[p]", None), ("x", None), ("36.8", None)],
)
def test_marks(written: str, mark: Mark | None) -> None:
    assert read_mark(written) == mark
    read = read_value(written)
    if mark is not None:
        assert (read.mark, read.mark_shown, read.figure, read.problem) == (mark, written, None, None)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("[p]", f'expected {VALUE_FORMS}; found "[p]", which comes from the status column (provisional)'),
        ("[r]", f'expected {VALUE_FORMS}; found "[r]", which comes from the history of revisions'),
        ("[ R ]", f'expected {VALUE_FORMS}; found "[ R ]", which comes from the history of revisions'),
        ("abc", f'expected {VALUE_FORMS}; found "abc"'),
    ],
)
def test_value_cells_refused(written: str, message: str) -> None:
    assert read_value(written).problem == Problem(("value",), message)


# -- status, choices, periods, years ----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "status", "message"),
    [
        ("provisional", ObservationStatus.PROVISIONAL, None),
        ("Final", ObservationStatus.FINAL, None),
        (" FINAL ", ObservationStatus.FINAL, None),
        ("", None, None),
        (None, None, None),
        ("draft", None, 'expected provisional or final; found "draft"'),
        (datetime.date(2020, 12, 1), None, "expected provisional or final; found the date 2020-12-01"),
    ],
)
def test_status(written, status: ObservationStatus | None, message: str | None) -> None:
    read = read_status(written)
    assert read.value == status
    assert read.problem == (None if message is None else Problem(("status",), message))


@pytest.mark.parametrize(
    ("written", "value", "message"),
    [
        ("within_limits", Polarity.WITHIN_LIMITS, None),
        ("WITHIN  LIMITS", Polarity.WITHIN_LIMITS, None),
        ("Higher", None, 'expected High, Low, Info or Within Limits; found "Higher"'),
        (None, None, "expected High, Low, Info or Within Limits; found an empty cell"),
    ],
)
def test_required_choice(written, value, message) -> None:
    read = read_choice(written, Polarity, "polarity", required=True)
    assert read.value == value
    assert read.problem == (None if message is None else Problem(("polarity",), message))


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("2020-12", Month(2020, 12)), ("Dec-20", Month(2020, 12)), ("Dec 20", Month(2020, 12)),
        ("Dec-2020", Month(2020, 12)), ("Dec 2020", Month(2020, 12)), ("DEC-20", Month(2020, 12)),
        (Month(2021, 1), Month(2021, 1)), (datetime.date(2020, 12, 1), Month(2020, 12)),
    ],
)
def test_periods(written, month: Month) -> None:
    assert read_period(written).value == month
    assert read_period(written).problem is None


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("13/2020", f'expected a period written {PERIOD_FORMS}; found "13/2020"'),
        ("2020-13", f'expected a period written {PERIOD_FORMS}; found "2020-13"'),
        ("Decembre 2020", f'expected a period written {PERIOD_FORMS}; found "Decembre 2020"'),
        (None, f"expected a period written {PERIOD_FORMS}; found an empty cell"),
        ("", f"expected a period written {PERIOD_FORMS}; found an empty cell"),
        (datetime.date(2020, 12, 15),
         "expected the first day of a month (a period is a whole month: 2020-12-01 for Dec-20); found 2020-12-15"),
        (datetime.date(2021, 1, 31),
         "expected the first day of a month (a period is a whole month: 2021-01-01 for Jan-21); found 2021-01-31"),
    ],
)
def test_periods_refused(written, message: str) -> None:
    read = read_period(written)
    assert read.value is None
    assert read.problem == Problem(("period",), message)


APRIL_YEARS = ("a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: this "
               "scorecard's year starts in April)")


@pytest.mark.parametrize(
    ("written", "start_month", "label", "message"),
    [
        ("2020/21", 4, "2020/21", None),
        ("2020-21", 4, "2020/21", None),
        ("2020/2021", 4, "2020/21", None),
        (" 2020 / 21 ", 4, "2020/21", None),
        ("2020", 1, "2020", None),
        ("2019/20", 9, "2019/20", None),
        ("2020", 4, None, f'expected {APRIL_YEARS}; found "2020"'),
        ("2019/21", 4, None, f'expected {APRIL_YEARS}; found "2019/21"'),
        ("2020/21", 1, None, "expected a reporting year written 2020 (this scorecard's year starts in January); "
                             'found "2020/21"'),
        (None, 4, None, f"expected {APRIL_YEARS}; found an empty cell"),
        (datetime.date(2020, 4, 1), 4, None, f"expected {APRIL_YEARS}; found the date 2020-04-01"),
    ],
)
def test_year_labels(written, start_month: int, label: str | None, message: str | None) -> None:
    read = read_year(written, start_month)
    assert read.value == label
    assert read.problem == (None if message is None else Problem(("year",), message))


# -- a figure against its indicator -----------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "written", "message"),
    [
        (COUNT, "36.8%", 'expected a plain number: indicator 6.1\'s unit is count, not percentage; '
                         'found the percentage "36.8%"'),
        (NUMBER, Figure(D("36.8"), "36.8%", True, 1),
         'expected a plain number: indicator 2.1\'s unit is number, not percentage; found the percentage "36.8%"'),
        (PERCENT, "100.01", 'expected a percentage from 0 to 100 (indicator 6.9); found "100.01"'),
        (PERCENT, "-0.1%", 'expected a percentage from 0 to 100 (indicator 6.9); found "-0.1%"'),
        (PERCENT, D("105"), 'expected a percentage from 0 to 100 (indicator 6.9); found "105"'),
        (PERCENT, "100%", None),
        (PERCENT, "0", None),
        (PERCENT, "36.8", None),
        (COUNT, "-3", 'expected zero or more: indicator 6.1 is a count; found "-3"'),
        (RATE, "-0.5", 'expected zero or more: indicator 6.2 is a rate per 10,000; found "-0.5"'),
        (QUARTERLY, "-1", 'expected zero or more: indicator 10.4 is a number of days; found "-1"'),
        (COUNT, "0", None),
        (COUNT, "-0", None),  # -0 is 0
        (NUMBER, "-0.2", None),  # a number may describe a difference
        (IndicatorRules("x", None, None), "36.8%", None),  # unit unknown (in error elsewhere): not checked
    ],
)
def test_unit_rules(indicator: IndicatorRules, written, message: str | None) -> None:
    figure = read_figure(written, "value", VALUE_FORMS).figure
    assert figure is not None
    assert check_unit(figure, indicator) == (None if message is None else Problem(("value",), message))


@pytest.mark.parametrize(
    ("indicator", "written", "stored", "warning"),
    [
        (COUNT, "12.5", "13", "12.5 rounded to 13: indicator 6.1 is shown to 0 decimal places"),
        (NUMBER, "3.14", "3.1", "3.14 rounded to 3.1: indicator 2.1 is shown to 1 decimal place"),
        (PERCENT, "36.84%", "36.8", "36.84 rounded to 36.8: indicator 6.9 is shown to 1 decimal place"),
        (PERCENT, "16.65", "16.7", "16.65 rounded to 16.7: indicator 6.9 is shown to 1 decimal place"),
        (IndicatorRules("6.9", Unit.PERCENTAGE, 2), "36.844", "36.84",
         "36.844 rounded to 36.84: indicator 6.9 is shown to 2 decimal places"),
        (NUMBER, "-0.04", "0.0", "-0.04 rounded to 0.0: indicator 2.1 is shown to 1 decimal place"),
        (PERCENT, "36.80", "36.8", None),
        (PERCENT, "50", "50.0", None),
        (COUNT, "12.0", "12", None),
        (PERCENT, D("36.800000"), "36.8", None),
    ],
)
def test_rounding_warns_when_it_changes_the_figure(indicator, written, stored: str, warning: str | None) -> None:
    figure = read_figure(written, "value", VALUE_FORMS).figure
    assert figure is not None
    checked = check_value_figure(figure, indicator)
    assert checked.problems == ()
    assert str(checked.value) == stored
    assert checked.warnings == (() if warning is None else problems(("value", warning)))


@pytest.mark.parametrize(
    ("indicator", "start_month", "allowed", "refused", "months"),
    [
        (QUARTERLY, 4, ["2020-06", "2020-09", "2020-12", "2021-03"], ["2020-04", "2020-11", "2021-01"],
         "Mar, Jun, Sep, Dec"),
        (QUARTERLY, 1, ["2020-03", "2020-06", "2020-09", "2020-12"], ["2020-04", "2020-01"], "Mar, Jun, Sep, Dec"),
        (QUARTERLY, 5, ["2020-07", "2020-10", "2021-01", "2021-04"], ["2020-06"], "Jan, Apr, Jul, Oct"),
        (TERMLY, 4, ["2020-07", "2020-12", "2021-03"], ["2020-09", "2021-04"], "Mar, Jul, Dec"),
        (ANNUAL, 4, ["2021-03"], ["2020-12", "2021-04"], "Mar"),
        (ANNUAL, 1, ["2020-12"], ["2021-03"], "Dec"),
        (COUNT, 4, [f"2020-{m:02d}" for m in range(1, 13)], [], ""),
    ],
)
def test_figures_sit_on_the_months_their_frequency_allows(indicator, start_month, allowed, refused, months) -> None:
    rules = IndicatorRules(indicator.number, indicator.unit, indicator.decimals, indicator.frequency, start_month)
    for period in allowed:
        assert check_period_allowed(Month.parse(period), rules) is None
    for period in refused:
        month = Month.parse(period)
        assert check_period_allowed(month, rules) == Problem(
            ("period",),
            f"expected a period in {months} (indicator {rules.number} is {rules.frequency.value}); "
            f"found {month.abbreviation()}",
        )


# -- one observation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "entered", "stored"),
    [
        (COUNT, {"value": "607"}, (D("607"), None, None, None, None)),
        (COUNT, {"value": "607", "status": "final"}, (D("607"), None, None, None, "final")),
        (PERCENT, {"value": "36.8", "numerator": "7", "denominator": "19"}, (D("36.8"), D("7"), D("19"), None, None)),
        (PERCENT, {"numerator": "5", "denominator": "10"}, (D("50.0"), D("5"), D("10"), None, None)),
        (PERCENT, {"numerator": "1", "denominator": "3"}, (D("33.3"), D("1"), D("3"), None, None)),
        (PERCENT, {"numerator": "2", "denominator": "3"}, (D("66.7"), D("2"), D("3"), None, None)),
        (PERCENT, {"numerator": "0", "denominator": "0"}, (None, D("0"), D("0"), None, None)),
        (PERCENT, {"numerator": "1,092", "denominator": "2,000"}, (D("54.6"), D("1092"), D("2000"), None, None)),
        (RATE, {"numerator": "615", "denominator": "57,530"}, (D("106.9"), D("615"), D("57530"), None, None)),
        (COUNT, {"value": "[x]"}, (None, None, None, "[x]", None)),
        (COUNT, {"value": "n/a"}, (None, None, None, "[z]", None)),
        (COUNT, {"mark": "[c]"}, (None, None, None, "[c]", None)),
        (COUNT, {"value": "", "status": "provisional"}, (None, None, None, None, "provisional")),
        (PERCENT, {"value": D("36.8"), "numerator": D("7.000000"), "denominator": D("19")},
         (D("36.8"), D("7.000000"), D("19"), None, None)),
    ],
)
def test_observations_stored(indicator, entered: dict, stored: tuple) -> None:
    checked = check_observation(indicator, period="2020-12", **entered)
    assert checked.problems == ()
    assert checked.ok
    assert checked.period == Month(2020, 12)
    assert (checked.value, checked.numerator, checked.denominator, checked.mark, checked.status) == stored
    if checked.value is not None:
        assert str(checked.value) == str(stored[0])  # written with exactly the indicator's places


@pytest.mark.parametrize("written", ["", "-", "tbc", None])
def test_an_observation_saying_nothing_has_nothing_to_store(written) -> None:
    checked = check_observation(QUARTERLY, period="2020-11", value=written)
    assert checked.ok  # not even the month is refused: there is no figure on it
    assert (checked.value, checked.mark, checked.status) == (None, None, None)
    assert read_observation(period="2020-11", value=written).says_nothing


@pytest.mark.parametrize(
    ("indicator", "entered", "expected"),
    [
        # percentages and units
        (PERCENT, {"value": "105%"}, problems(("value", 'expected a percentage from 0 to 100 (indicator 6.9); found "105%"'))),
        (PERCENT, {"value": "-0.5"}, problems(("value", 'expected a percentage from 0 to 100 (indicator 6.9); found "-0.5"'))),
        (COUNT, {"value": "36.8%"}, problems(("value", "expected a plain number: indicator 6.1's unit is count, not "
                                                        'percentage; found the percentage "36.8%"'))),
        (COUNT, {"value": "abc"}, problems(("value", f'expected {VALUE_FORMS}; found "abc"'))),
        (COUNT, {"value": "123456789012345"},
         problems(("value", f"expected {VALUE_FORMS} of at most 14 digits before the decimal point; "
                            'found "123456789012345"'))),
        # numerators and denominators
        (PERCENT, {"numerator": "-1", "denominator": "5"},
         problems(("numerator", "numerator -1 is below zero: numerators are zero or more"))),
        (PERCENT, {"numerator": "1", "denominator": "-5"},
         problems(("denominator", "denominator -5 is below zero: denominators are zero or more"))),
        (COUNT, {"numerator": "3", "denominator": "0"},
         problems(("denominator", "numerator 3 is over a denominator of 0"))),
        (PERCENT, {"numerator": "6", "denominator": "5"},
         problems(("numerator", "numerator 6 is above its denominator 5 on a percentage indicator"))),
        (PERCENT, {"numerator": "5"},
         problems(("denominator", "numerator 5 is given without a denominator: give both or neither"))),
        (PERCENT, {"value": "40.0", "denominator": "5"},
         problems(("numerator", "denominator 5 is given without a numerator: give both or neither"))),
        (PERCENT, {"value": "40.0", "numerator": "1", "denominator": "3"},
         problems((("value", "numerator", "denominator"), "value 40.0 does not match numerator / denominator 1/3 = 33.3"))),
        (PERCENT, {"numerator": "5%", "denominator": "10"},
         problems(("numerator", 'expected a numerator (a number, zero or more), not a percentage; found "5%"'))),
        (PERCENT, {"numerator": "five", "denominator": "10"},
         problems(("numerator", 'expected a numerator (a number, zero or more); found "five"'))),
        # a value in error is not also checked against its numerator and denominator
        (PERCENT, {"value": "140", "numerator": "1", "denominator": "3"},
         problems(("value", 'expected a percentage from 0 to 100 (indicator 6.9); found "140"'))),
        # marks stand alone
        (PERCENT, {"value": "[x]", "denominator": "3"},
         problems(("denominator", "expected no denominator with the mark [x] in the value column "
                                  '(a mark stands in place of a figure); found denominator "3"'))),
        (PERCENT, {"value": "[c]", "numerator": "3", "denominator": "4"},
         problems((("numerator", "denominator"), "expected no numerator or denominator with the mark [c] in the "
                   'value column (a mark stands in place of a figure); found numerator "3" and denominator "4"'))),
        (PERCENT, {"mark": "[x]", "value": D("36.8")},
         problems(("value", 'expected no value with the mark [x] (a mark stands in place of a figure); '
                            'found value "36.8"'))),
        (PERCENT, {"mark": "[q]"}, problems(("mark", 'expected a mark ([x], [z], [c], n/a) or empty; found "[q]"'))),
        (PERCENT, {"mark": "[x]", "value": "[z]"},
         problems((("value", "mark"), 'expected one mark; found "[z]" as the value and "[x]" as the mark'))),
        # status and period
        (COUNT, {"value": "5", "status": "draft"}, problems(("status", 'expected provisional or final; found "draft"'))),
        (QUARTERLY, {"value": "5", "period": "2020-11"},
         problems(("period", "expected a period in Mar, Jun, Sep, Dec (indicator 10.4 is quarterly); found Nov-20"))),
        (TERMLY, {"value": "5", "period": "Oct-20"},
         problems(("period", "expected a period in Mar, Jul, Dec (indicator 10.7 is termly); found Oct-20"))),
        (COUNT, {"value": "5", "period": datetime.date(2020, 12, 15)},
         problems(("period", "expected the first day of a month (a period is a whole month: 2020-12-01 for "
                             "Dec-20); found 2020-12-15"))),
        (COUNT, {"value": "5", "period": None}, problems(("period", f"expected a period written {PERIOD_FORMS}; "
                                                                    "found an empty cell"))),
        # several at once, in the order the fields are entered
        (PERCENT, {"value": "abc", "denominator": "x", "status": "draft"}, problems(
            ("value", f'expected {VALUE_FORMS}; found "abc"'),
            ("denominator", 'expected a denominator (a number, zero or more); found "x"'),
            ("status", 'expected provisional or final; found "draft"'),
        )),
    ],
)
def test_observations_refused(indicator, entered: dict, expected: tuple[Problem, ...]) -> None:
    entered = {"period": "2020-12", **entered}
    checked = check_observation(indicator, **entered)
    assert checked.problems == expected
    assert not checked.ok


def test_an_observation_warns_when_rounding_changed_it() -> None:
    checked = check_observation(PERCENT, period="2020-12", value="16.67")
    assert (checked.value, checked.problems) == (D("16.7"), ())
    assert checked.warnings == problems(("value", "16.67 rounded to 16.7: indicator 6.9 is shown to 1 decimal place"))


def test_an_unknown_indicator_checks_only_that_a_mark_stands_alone() -> None:
    entry = read_observation(period="2020-11", value="[x]", numerator="3")
    checked = check_read_observation(entry, None)
    assert [problem.fields for problem in checked.problems] == [("numerator",)]
    assert check_read_observation(read_observation(period="2020-11", value="500%"), None).ok


def test_reading_and_checking_are_two_halves() -> None:
    entry = read_observation(period="Nov-20", value="abc", numerator="1", denominator="3")
    assert entry.failed("value") and not entry.failed("numerator")
    assert [problem.fields for problem in entry.problems] == [("value",)]
    # The rules add the month refused; the value in error is not compared with 1/3.
    checked = check_read_observation(entry, QUARTERLY)
    assert [problem.fields for problem in checked.problems] == [("period",)]


# -- outturns and benchmarks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "written", "value", "expected", "warnings"),
    [
        (PERCENT, "11.2", D("11.2"), (), ()),
        (PERCENT, "12.55", D("12.6"), (), problems(("value", "12.55 rounded to 12.6: indicator 6.9 is shown to 1 decimal place"))),
        (PERCENT, "", None, (), ()),
        (PERCENT, "100.04", None, problems(("value", 'expected a percentage from 0 to 100 (indicator 6.9); found "100.04"')), ()),
        (PERCENT, "[x]", None, problems(("value", 'expected a number, or empty for no outturn; found "[x]"')), ()),
        (COUNT, D("595.000000"), D("595"), (), ()),
    ],
)
def test_outturns(indicator, written, value, expected, warnings) -> None:
    checked = check_outturn(indicator, written)
    assert (checked.value, checked.problems, checked.warnings) == (value, expected, warnings)
    if value is not None:
        assert str(checked.value) == str(value)


@pytest.mark.parametrize(
    ("indicator", "written", "value", "expected"),
    [
        (PERCENT, "42.0%", "42.0", ()),
        (PERCENT, "17.30", "17.30", ()),
        (COUNT, "1,092", "1092", ()),
        (NUMBER, ".5", "0.5", ()),
        (PERCENT, "", None, ()),
        (PERCENT, "120", None, problems(("value", 'expected a percentage from 0 to 100 (indicator 6.9); found "120"'))),
        (COUNT, "12.5%", None, problems(("value", "expected a plain number: indicator 6.1's unit is count, not "
                                                  'percentage; found the percentage "12.5%"'))),
        (NUMBER, "1.1234567", None, problems(("value", "expected a number, or empty for no benchmark with at most 6 "
                                                       'decimal places; found "1.1234567"'))),
    ],
)
def test_benchmarks_kept_as_entered(indicator, written, value, expected) -> None:
    checked = check_benchmark(indicator, written)
    assert (None if checked.value is None else str(checked.value), checked.problems) == (value, expected)


# -- targets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("red", "amber", "green", "polarity", "kind"),
    [
        (None, None, None, Polarity.HIGH, "none"),
        ("", "", "", Polarity.HIGH, "none"),
        ("-", "-", "-", Polarity.HIGH, "none"),
        (None, None, "tbc", Polarity.HIGH, "none"),
        ("range to be set", None, None, Polarity.HIGH, "none"),
        ("<90%", "90%>", "95%+", Polarity.HIGH, "bands"),
        (None, None, "99.1", "high", "bands"),
        ("13%+", "13%<", "10.8%<", Polarity.LOW, "bands"),
        ("more than +/-15", "+/-15", "+/-5 of 158.8", Polarity.WITHIN_LIMITS, "bands"),
    ],
)
def test_targets(red, amber, green, polarity, kind: str) -> None:
    checked = check_target(red, amber, green, polarity)
    assert (checked.kind, checked.problems, checked.warnings) == (kind, (), ())
    assert checked.tolerance is not None and checked.ok


def test_a_target_in_words_is_kept_with_a_warning() -> None:
    checked = check_target(None, None, "Above stat neigh (79.7%)", Polarity.HIGH)
    assert (checked.kind, checked.words, checked.problems) == ("words", "Above stat neigh (79.7%)", ())
    assert checked.warnings == problems((
        "green", 'the target "Above stat neigh (79.7%)" is in words: it is kept as written and gives no RAG '
                 "(a form such as 95%+ is rated)",
    ))


@pytest.mark.parametrize(
    ("red", "amber", "green", "polarity", "fields", "message"),
    [
        ("<90%", None, None, Polarity.HIGH, ("red", "green"),
         'red "<90%" given without a green target: enter the target in the green cell (e.g. "95%+"), or leave all '
         "three cells empty for no target"),
        ("<<90%", None, "95%+", Polarity.HIGH, ("red",),
         'red cell "<<90%" has two operators: expected a threshold such as "<90%", ">12%", "13%+" or "90%"'),
        ("below target", None, "95%", Polarity.HIGH, ("red",),
         'red cell "below target" is text: expected a threshold such as "<90%", ">12%", "13%+" or "90%"'),
        ("<6%", None, "10.8%<", Polarity.LOW, ("red",),
         'red cell "<6%" must lie on the bad side of green "10.8%<" (low is good for a Low indicator): expected '
         'a red cell such as ">10.8%" or "10.8%"'),
        ("<20%", "25%>", "22.7%+", Polarity.HIGH, ("amber",),
         'amber cell "25%>" must lie between red "<20%" and green "22.7%+" (high is good for a High indicator)'),
        ("n/a", None, "95%", Polarity.HIGH, ("red", "green"),
         'red cell "n/a" is a no-target marker, which stands alone, but green "95%" is also given: clear the '
         "other cells or enter a target"),
    ],
)
def test_targets_refused_name_the_cells(red, amber, green, polarity, fields, message) -> None:
    checked = check_target(red, amber, green, polarity)
    assert checked.tolerance is None and checked.kind is None
    assert checked.problems == (Problem(fields, message),)
