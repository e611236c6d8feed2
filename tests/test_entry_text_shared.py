"""Issue 10's rules, shared: the workbook import and the models refuse a control character, a
text longer than its column, a narrative too long or too deep, an indicator number that is
no URL segment and a figure past what the database holds, in the same words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from scorecards.models import Benchmark, Commentary, Indicator, Observation, Scorecard, Section, Target
from scorecards.workbook.reader import Cell, RawSheet, RawWorkbook
from scorecards.workbook.validate import validate_workbook
from tests.test_entry_rules_shared import indicators, model_errors, workbook  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

D = Decimal
INDICATOR = {"number": "6.5", "name": "Care leavers in touch", "polarity": "High", "unit": "count", "decimals": "0"}
NUMBER_RULE = ('expected an indicator number of letters, digits, ".", "-" and "_", starting with a letter or digit '
               "(e.g. 6.2a, B.12, 10.1); found ")
DEEP = "expected block quotes and lists nested at most 10 levels deep (each >, list marker or 4 spaces of indent is a level)"


def make_indicator(scorecard, **fields):
    values = {**INDICATOR, "decimals": 0, **fields}
    return Indicator(scorecard=scorecard, **values)


def make_commentary(scorecard, indicator, **fields):
    return Commentary(scorecard=scorecard, indicator=indicator, period=date(2020, 12, 1), kind="commentary", **fields)


# Each: the workbook sheet and row; the same entry as a model (built from the scorecard and indicator 6.9);
# the field at fault (the import's column, the model's field); the words.
MISTAKES = [
    pytest.param("indicators", {**INDICATOR, "name": "x" * 612},
                 lambda s, i: make_indicator(s, name="x" * 612),
                 "name", "name", "expected at most 500 characters; found 612", id="name-too-long"),
    pytest.param("indicators", {**INDICATOR, "number": "6/1"},
                 lambda s, i: make_indicator(s, number="6/1"),
                 "number", "number", NUMBER_RULE + '"6/1"', id="number-with-a-slash"),
    pytest.param("indicators", {**INDICATOR, "number": "1" * 30},
                 lambda s, i: make_indicator(s, number="1" * 30),
                 "number", "number", "expected at most 20 characters; found 30", id="number-too-long"),
    pytest.param("indicators", {**INDICATOR, "name": "Care \x1b[31mleavers"},
                 lambda s, i: make_indicator(s, name="Care \x1b[31mleavers"),
                 "name", "name", "expected text without control characters; found U+001B at character 6",
                 id="escape-in-a-name"),
    pytest.param("indicators", {**INDICATOR, "name": "Care \u202eleavers"},
                 lambda s, i: make_indicator(s, name="Care \u202eleavers"),
                 "name", "name", "expected text without control characters; found U+202E at character 6",
                 id="rtl-override-in-a-name"),
    pytest.param("indicators", {**INDICATOR, "data_note": "Count\tper month"},
                 lambda s, i: make_indicator(s, data_note="Count\tper month"),
                 "data_note", "data_note", "expected one line of text, without tabs or line breaks; found a tab "
                                           "(U+0009) at character 6", id="tab-in-a-data-note"),
    pytest.param("indicators", {**INDICATOR, "definition": "> " * 11 + "deep"},
                 lambda s, i: make_indicator(s, definition="> " * 11 + "deep"),
                 "definition", "definition", DEEP + "; found 11 on line 1", id="definition-too-deep"),
    pytest.param("commentary", {"number": "6.9", "period": "2020-12", "kind": "commentary", "text": "[]" * 12_288},
                 lambda s, i: make_commentary(s, i, text="[]" * 12_288),
                 "text", "text", "expected at most 10,000 characters; found 24,576", id="commentary-too-long"),
    pytest.param("commentary", {"number": "6.9", "period": "2020-12", "kind": "commentary", "text": "a\x00b"},
                 lambda s, i: make_commentary(s, i, text="a\x00b"),
                 "text", "text", "expected text without control characters; found U+0000 at character 2",
                 id="nul-in-commentary"),
    pytest.param("commentary", {"number": "6.9", "period": "2020-12", "kind": "commentary",
                                "text": "[" * 4096 + "x"},
                 lambda s, i: make_commentary(s, i, text="[" * 4096 + "x"),
                 "text", "text", 'expected brackets nested at most 10 deep; found 4,096 "[" open at once at '
                                 "character 4,096", id="commentary-brackets"),
    pytest.param("benchmarks", {"number": "6.9", "measure": "national_average", "value": "17", "source": "D" * 201},
                 lambda s, i: Benchmark(indicator=i, measure="national_average", value=D("17"), source="D" * 201),
                 "source", "source", "expected at most 200 characters; found 201", id="source-too-long"),
    pytest.param("benchmarks", {"number": "6.9", "measure": "m" * 101, "value": "17"},
                 lambda s, i: Benchmark(indicator=i, measure="m" * 101, value=D("17")),
                 "measure", "measure", "expected at most 100 characters; found 101", id="measure-too-long"),
    pytest.param("targets", {"number": "6.9", "year": "2020/21", "red": "", "amber": "", "green": "Above " + "x" * 606},
                 lambda s, i: Target(indicator=i, year="2020/21", green="Above " + "x" * 606),
                 "green", "green", "expected at most 200 characters; found 612", id="green-too-long"),
    pytest.param("values", {"number": "6.1", "period": "2020-12", "value": "1" + "0" * 28},
                 lambda s, i: Observation(indicator=i.scorecard.indicators.get(number="6.1"), period=date(2020, 12, 1),
                                          value=D("1" + "0" * 28)),
                 "value", "value", "expected a number, a mark ([x], [z], [c], n/a) or empty of at most 14 digits "
                                   'before the decimal point; found "10000000000000000000000000000"',
                 id="value-of-29-digits"),
    pytest.param("values", {"number": "6.1", "period": "2020-12", "numerator": "99999999999999",
                            "denominator": "0.000001"},
                 lambda s, i: Observation(indicator=i.scorecard.indicators.get(number="6.1"), period=date(2020, 12, 1),
                                          numerator=D("99999999999999"), denominator=D("0.000001")),
                 "numerator, denominator", "numerator denominator",
                 "expected numerator / denominator to give a value of at most 14 digits before the decimal point; "
                 "found 99999999999999/0.000001 = 99999999999999000000", id="derived-past-14-digits"),
]


@pytest.mark.parametrize(("sheet", "cells", "build", "column", "fields", "message"), MISTAKES)
def test_the_import_and_the_model_refuse_a_hostile_entry_in_the_same_words(
    indicators, sheet, cells, build, column, fields, message  # noqa: F811 (fixture)
) -> None:
    content = validate_workbook(workbook(sheet, cells))
    assert [(issue.sheet, issue.row, issue.column, issue.message) for issue in content.errors] == [
        (sheet, 2, column, message)
    ]
    instance = build(indicators["6.9"].scorecard, indicators["6.9"])
    assert model_errors(instance) == {name: [message] for name in fields.split()}


def test_scorecard_and_section_titles(indicators) -> None:  # noqa: F811 (fixture)
    content = validate_workbook(workbook("scorecard", {"slug": "corporate-parenting", "title": "T" * 301}))
    assert [str(issue) for issue in content.errors] == [
        'scorecard, row 2, column "title": expected at most 300 characters; found 301'
    ]
    assert model_errors(Scorecard(slug="x", title="T" * 301)) == {"title": ["expected at most 300 characters; found 301"]}
    assert model_errors(Scorecard(slug="a b", title="T")) == {
        "slug": ['expected a slug of letters, digits, - and _ (e.g. corporate-parenting); found "a b"']
    }
    scorecard = indicators["6.9"].scorecard
    assert model_errors(Section(scorecard=scorecard, title="S" * 201)) == {
        "title": ["expected at most 200 characters; found 201"]
    }


def test_line_breaks_from_excel_are_stored_as_newlines(indicators) -> None:  # noqa: F811 (fixture)
    content = validate_workbook(workbook("commentary", {"number": "6.9", "period": "2020-12", "kind": "commentary",
                                                        "text": "First.\r\nSecond.\rThird."}))
    assert not content.errors and content.commentary[0].text == "First.\nSecond.\nThird."
    note = make_commentary(indicators["6.9"].scorecard, indicators["6.9"], text="First.\r\nSecond.\rThird.")
    note.full_clean()
    assert note.text == "First.\nSecond.\nThird."


def test_a_refused_cell_is_reported_once(indicators) -> None:  # noqa: F811 (fixture)
    """The number cell is refused for its characters; its row says nothing more of it, and the
    other cells are still checked."""
    content = validate_workbook(workbook("values", {"number": "6.\x1b1", "period": "2020-13", "value": "5"}))
    assert [str(issue) for issue in content.errors] == [
        'values, row 2, column "number": expected text without control characters; found U+001B at character 3',
        'values, row 2, column "period": expected a period written 2020-12, Dec-20, Dec 20, Dec-2020, Dec 2020 or '
        'a date cell; found "2020-13"',
    ]


def test_the_model_refuses_a_period_outside_the_months_accepted(indicators) -> None:  # noqa: F811 (fixture)
    content = validate_workbook(workbook("values", {"number": "6.9", "period": "0001-01", "value": "5"}))
    assert [str(issue) for issue in content.errors] == [
        'values, row 2, column "period": expected a period from January 1990 to December 2099; found "0001-01"'
    ]
    observation = Observation(indicator=indicators["6.9"], period=date(1, 1, 1), value=D("5"))
    assert model_errors(observation) == {
        "period": ["expected a period from January 1990 to December 2099; found the date 0001-01-01"]
    }


VALUE = "expected a number, a mark ([x], [z], [c], n/a) or empty"
COUNT = "expected a numerator (a number, zero or more)"
TOO_BIG = "of at most 14 digits before the decimal point; found"


@pytest.mark.parametrize(
    ("cell", "value", "numerator"),
    [
        (Cell("1e28", number=D("1E+28")), f'{VALUE} {TOO_BIG} "1e28"', f'{COUNT} {TOO_BIG} "1e28"'),
        (Cell("1e999", number=D("1E+999")), f'{VALUE} {TOO_BIG} "1e999"', f'{COUNT} {TOO_BIG} "1e999"'),
        (Cell("1E+999999999", number=D("1E+999999999")), f'{VALUE} {TOO_BIG} "1E+999999999"',
         f'{COUNT} {TOO_BIG} "1E+999999999"'),
        (Cell("inf", number=D("Infinity")), f'{VALUE}; found "inf"', f'{COUNT}; found "inf"'),
        (Cell("nan", number=D("NaN")), f'{VALUE}; found "nan"', f'{COUNT}; found "nan"'),
        (Cell("1e999%", number=D("Infinity"), percent=True), f'{VALUE}; found "1e999%"',
         f'{COUNT}, not a percentage; found "1e999%"'),
        (Cell("1e999999%", number=D("1E+999999"), percent=True), f'{VALUE} {TOO_BIG} "1e999999%"',
         f'{COUNT}, not a percentage; found "1e999999%"'),
    ],
    ids=["1e28", "1e999", "huge-exponent", "infinity", "nan", "infinite-percentage", "huge-percentage"],
)
def test_the_validator_reads_any_number_a_reader_gives(cell: Cell, value: str, numerator: str) -> None:
    """What reader.py makes of a numeric .xlsx cell, however large, is refused, never raised."""
    sheets = {"scorecard": RawSheet("scorecard", ["slug"], [(2, {"slug": Cell("corporate-parenting")})]),
              "indicators": RawSheet("indicators", ["number", "name", "polarity", "unit", "decimals"], [
                  (2, {"number": Cell("6.9"), "name": Cell("Adopted"), "polarity": Cell("High"),
                       "unit": Cell("percentage"), "decimals": cell}),
              ]),
              "values": RawSheet("values", ["number", "period", "value", "numerator"], [
                  (2, {"number": Cell("6.9"), "period": Cell("2020-12"), "value": cell}),
                  (3, {"number": Cell("6.9"), "period": Cell("2020-11"), "numerator": cell}),
              ])}
    content = validate_workbook(RawWorkbook("test.xlsx", sheets))
    assert [str(issue) for issue in content.errors] == [
        f'indicators, row 2, column "decimals": expected a whole number of decimal places from 0 to 6; '
        f'found "{cell.text}"',
        f'values, row 2, column "value": {value}',
        f'values, row 3, column "numerator": {numerator}',
    ]
