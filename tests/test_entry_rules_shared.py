"""One set of entry rules (compute.entry): the workbook import and the models refuse the same
mistakes in the same words, and so does any model form the site builds on them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.forms import modelform_factory
from django.core.exceptions import ValidationError
from django.urls import reverse

from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Scorecard, Section, Target
from scorecards.workbook.reader import Cell, RawSheet, RawWorkbook
from scorecards.workbook.validate import validate_workbook

pytestmark = pytest.mark.django_db

D = Decimal

# The same three indicators in a workbook and in the database; the year starts in April.
INDICATORS = [
    ["number", "name", "polarity", "unit", "frequency", "decimals"],
    ["6.9", "% of children adopted", "High", "percentage", "monthly", "1"],
    ["6.1", "Number of Looked After Children", "Info", "count", "monthly", "0"],
    ["10.4", "Average days to adoption", "Low", "days", "quarterly", "1"],
]


def workbook(sheet_name: str, columns: dict[str, str]) -> RawWorkbook:
    """A raw workbook, built as tests/test_workbook_validate.py builds them, with one data row."""
    sheets = {"scorecard": [["slug"], ["corporate-parenting"]], "indicators": INDICATORS,
              sheet_name: [list(columns), list(columns.values())]}
    return RawWorkbook("test.xlsx", {
        name: RawSheet(name, [str(column) for column in rows[0]], [
            (number, {column: Cell(value.strip() or None) for column, value in zip(rows[0], row)})
            for number, row in enumerate(rows[1:], start=2)
        ])
        for name, rows in sheets.items()
    })


@pytest.fixture
def indicators() -> dict[str, Indicator]:
    scorecard = Scorecard.objects.create(slug="corporate-parenting", title="Corporate Parenting")
    made = {}
    for number, name, polarity, unit, frequency, decimals in INDICATORS[1:]:
        made[number] = Indicator.objects.create(scorecard=scorecard, number=number, name=name, polarity=polarity,
                                                unit=unit, frequency=frequency, decimals=int(decimals))
    return made


def model_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    return refused.value.message_dict


# Each mistake: the workbook sheet and row, the same entry as a model, the fields at fault and the words.
MISTAKES = [
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "value": "105"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "value": D("105")},
        ["value"], 'expected a percentage from 0 to 100 (indicator 6.9); found "105"', id="percentage-over-100",
    ),
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "value": "-0.5"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "value": D("-0.5")},
        ["value"], 'expected a percentage from 0 to 100 (indicator 6.9); found "-0.5"', id="percentage-below-0",
    ),
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "numerator": "20", "denominator": "19"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "numerator": D("20"), "denominator": D("19")},
        ["numerator"], "numerator 20 is above its denominator 19 on a percentage indicator",
        id="numerator-over-denominator",
    ),
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "numerator": "5"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "numerator": D("5")},
        ["denominator"], "numerator 5 is given without a denominator: give both or neither",
        id="numerator-without-denominator",
    ),
    pytest.param(
        "values", {"number": "6.1", "period": "2020-12", "numerator": "3", "denominator": "0"},
        Observation, {"number": "6.1", "period": date(2020, 12, 1), "numerator": D("3"), "denominator": D("0")},
        ["denominator"], "numerator 3 is over a denominator of 0", id="over-a-zero-denominator",
    ),
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "numerator": "-1", "denominator": "5"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "numerator": D("-1"), "denominator": D("5")},
        ["numerator"], "numerator -1 is below zero: numerators are zero or more", id="negative-numerator",
    ),
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "value": "50.0", "numerator": "5", "denominator": "9"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "value": D("50.0"), "numerator": D("5"),
                      "denominator": D("9")},
        ["value", "numerator", "denominator"], "value 50.0 does not match numerator / denominator 5/9 = 55.6",
        id="value-against-numerator-and-denominator",
    ),
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "value": "[x]", "numerator": "3"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "mark": "[x]", "numerator": D("3")},
        ["numerator"], "expected no numerator with the mark [x] in the value column (a mark stands in place of a "
                       'figure); found numerator "3"', id="mark-with-a-numerator",
    ),
    pytest.param(
        "values", {"number": "10.4", "period": "2020-11", "value": "427.3"},
        Observation, {"number": "10.4", "period": date(2020, 11, 1), "value": D("427.3")},
        ["period"], "expected a period in Mar, Jun, Sep, Dec (indicator 10.4 is quarterly); found Nov-20",
        id="period-not-allowed-by-the-frequency",
    ),
    pytest.param(
        "values", {"number": "6.1", "period": "2020-12", "value": "123456789012345"},
        Observation, {"number": "6.1", "period": date(2020, 12, 1), "value": D("123456789012345")},
        ["value"], "expected a number, a mark ([x], [z], [c], n/a) or empty of at most 14 digits before the decimal "
                   'point; found "123456789012345"', id="figure-too-large",
    ),
    pytest.param(
        "values", {"number": "6.9", "period": "2020-12", "numerator": "1.1234567", "denominator": "3"},
        Observation, {"number": "6.9", "period": date(2020, 12, 1), "numerator": D("1.1234567"),
                      "denominator": D("3")},
        ["numerator"], "expected a numerator (a number, zero or more) with at most 6 decimal places; "
                       'found "1.1234567"', id="numerator-with-too-many-places",
    ),
    pytest.param(
        "targets", {"number": "6.9", "year": "2020/21", "red": "<<90%", "amber": "", "green": "95%+"},
        Target, {"number": "6.9", "year": "2020/21", "red": "<<90%", "green": "95%+"},
        ["red"], 'red cell "<<90%" has two operators: expected a threshold such as "<90%", ">12%", "13%+" or "90%"',
        id="target-two-operators",
    ),
    pytest.param(
        "targets", {"number": "6.9", "year": "2020/21", "red": "<90%", "amber": "90%>", "green": ""},
        Target, {"number": "6.9", "year": "2020/21", "red": "<90%", "amber": "90%>"},
        ["red", "amber", "green"], 'red "<90%" and amber "90%>" given without a green target: enter the target in '
                                   'the green cell (e.g. "95%+"), or leave all three cells empty for no target',
        id="target-without-green",
    ),
    pytest.param(
        "targets", {"number": "6.9", "year": "2020/21", "red": "<20%", "amber": "25%>", "green": "22.7%+"},
        Target, {"number": "6.9", "year": "2020/21", "red": "<20%", "amber": "25%>", "green": "22.7%+"},
        ["amber"], 'amber cell "25%>" must lie between red "<20%" and green "22.7%+" (high is good for a High '
                   "indicator)", id="target-against-its-direction",
    ),
    pytest.param(
        "targets", {"number": "6.9", "year": "2020", "red": "", "amber": "", "green": "95%+"},
        Target, {"number": "6.9", "year": "2020", "green": "95%+"},
        ["year"], "expected a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: this "
                  'scorecard\'s year starts in April); found "2020"', id="target-year-label",
    ),
    pytest.param(
        "outturns", {"number": "6.9", "year": "2019/20", "value": "100.04"},
        Outturn, {"number": "6.9", "year": "2019/20", "value": D("100.04")},
        ["value"], 'expected a percentage from 0 to 100 (indicator 6.9); found "100.04"', id="outturn-over-100",
    ),
    pytest.param(
        "outturns", {"number": "6.9", "year": "2019/21", "value": "11.2"},
        Outturn, {"number": "6.9", "year": "2019/21", "value": D("11.2")},
        ["year"], "expected a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: this "
                  'scorecard\'s year starts in April); found "2019/21"', id="outturn-year-label",
    ),
    pytest.param(
        "benchmarks", {"number": "6.9", "measure": "national_average", "value": "120"},
        Benchmark, {"number": "6.9", "measure": "national_average", "value": D("120"), "decimals": 0},
        ["value"], 'expected a percentage from 0 to 100 (indicator 6.9); found "120"', id="benchmark-over-100",
    ),
    pytest.param(
        "benchmarks", {"number": "6.9", "measure": "national_average", "value": "17.1234567"},
        Benchmark, {"number": "6.9", "measure": "national_average", "value": D("17.1234567"), "decimals": 7},
        ["value"], 'expected a number, or empty for no benchmark with at most 6 decimal places; found "17.1234567"',
        id="benchmark-with-too-many-places",
    ),
]


@pytest.mark.parametrize(("sheet", "cells", "model", "fields", "field_names", "message"), MISTAKES)
def test_the_import_and_the_model_refuse_a_mistake_in_the_same_words(
    indicators, sheet, cells, model, fields, field_names, message
) -> None:
    content = validate_workbook(workbook(sheet, cells))
    assert [(issue.sheet, issue.row, issue.column, issue.message) for issue in content.errors] == [
        (sheet, 2, ", ".join(field_names), message)
    ]

    fields = dict(fields)
    instance = model(indicator=indicators[fields.pop("number")], **fields)
    assert model_errors(instance) == {name: [message] for name in field_names}


# -- what only a form can get wrong (a workbook cannot write these) -----------------------


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"period": date(2020, 12, 15), "value": D("16.7")},
         {"period": ["expected the first day of a month (a period is a whole month: 2020-12-01 for Dec-20); "
                     "found 2020-12-15"]}),
        ({"period": date(2020, 12, 1), "value": D("16.7"), "mark": "[c]"},
         {"value": ['expected no value with the mark [c] (a mark stands in place of a figure); found value "16.7"']}),
    ],
    ids=["mid-month-period", "mark-with-a-value"],
)
def test_the_model_refuses_what_the_database_constraint_would_name(indicators, fields, errors) -> None:
    assert model_errors(Observation(indicator=indicators["6.9"], **fields)) == errors


def test_commentary_period_is_the_first_of_a_month(indicators) -> None:
    scorecard = indicators["6.9"].scorecard
    note = Commentary(scorecard=scorecard, indicator=indicators["6.9"], period=date(2020, 12, 31), kind="exception",
                      text="Delays.")
    assert model_errors(note) == {
        "period": ["expected the first day of a month (a period is a whole month: 2020-12-01 for Dec-20); "
                   "found 2020-12-31"],
    }
    section = Section.objects.create(scorecard=scorecard, title="LOOKED AFTER CHILDREN")
    note = Commentary(scorecard=scorecard, indicator=indicators["6.9"], section=section, period=date(2020, 12, 1),
                      kind="exception", text="Delays.")
    both = 'expected an indicator or a section, not both; found indicator "6.9" and section "LOOKED AFTER CHILDREN"'
    assert model_errors(note) == {"indicator": [both], "section": [both]}


# -- what the model stores, as the import stores it -----------------------------------------


def test_the_model_stores_the_figures_the_import_stores(indicators) -> None:
    content = validate_workbook(workbook("values", {"number": "6.9", "period": "2020-12", "value": "",
                                                    "numerator": "5", "denominator": "10"}))
    derived = Observation(indicator=indicators["6.9"], period=date(2020, 12, 1), numerator=D("5"), denominator=D("10"))
    derived.full_clean()
    assert str(derived.value) == str(content.values[0].value) == "50.0"

    rounded = Observation(indicator=indicators["6.9"], period=date(2020, 11, 1), value=D("16.65"))
    rounded.full_clean()
    assert str(rounded.value) == "16.7"

    # More places than the column holds: rounded to the indicator's, as the import rounds them.
    rounded = Observation(indicator=indicators["6.9"], period=date(2020, 9, 1), value=D("16.6666667"))
    rounded.full_clean()
    assert str(rounded.value) == "16.7"

    outturn = Outturn(indicator=indicators["6.9"], year="2019-20", value=D("12.55"))
    outturn.full_clean()
    assert (outturn.year, str(outturn.value)) == ("2019/20", "12.6")

    marked = Observation(indicator=indicators["6.9"], period=date(2020, 10, 1), mark="[x]")
    marked.full_clean()
    assert marked.value is None


@pytest.mark.parametrize(
    ("cells", "year", "kind"),
    [
        ({"red": "<20%", "amber": "20%>", "green": "22.7%+"}, "2020/21", "bands"),
        ({"green": "n/a"}, "2020/21", "none"),
        ({"green": "Above stat neigh (79.7%)"}, "2020/21", "words"),
        ({}, "2020/21", "none"),
    ],
)
def test_the_model_reads_the_target_kind_and_year_label(indicators, cells, year, kind) -> None:
    target = Target(indicator=indicators["6.9"], year="2020-21", kind="bands", **cells)
    target.full_clean()
    assert (target.year, target.kind) == (year, kind)


def test_stored_figures_pass_again(indicators) -> None:
    """A row as the database gives it back (36.800000) is clean as it stands."""
    Observation.objects.create(indicator=indicators["6.9"], period=date(2020, 12, 1), value=D("36.8"),
                               numerator=D("7"), denominator=D("19"))
    stored = Observation.objects.get()
    stored.full_clean()
    assert stored.value == D("36.8")


# -- through a model form (the site's forms build on them; the Django admin is read-only) ------


def model_form(model, data):
    return modelform_factory(model, fields="__all__")(data)


def test_a_model_form_refuses_a_mid_month_period_in_the_users_words(indicators) -> None:
    form = model_form(Observation, {
        "indicator": indicators["6.9"].pk, "period": "2020-12-15", "value": "16.7", "numerator": "",
        "denominator": "", "mark": "", "status": "final",
    })
    message = "expected the first day of a month (a period is a whole month: 2020-12-01 for Dec-20); found 2020-12-15"
    assert not form.is_valid()
    assert form.errors == {"period": [message]}
    assert "observation_period_first_of_month" not in str(form.errors)
    assert Observation.objects.count() == 0


def test_a_model_form_refuses_an_unparseable_target_in_the_users_words(indicators) -> None:
    form = model_form(Target, {
        "indicator": indicators["6.9"].pk, "year": "2020/21", "red": "<<90%", "amber": "", "green": "95%+",
        "kind": "bands",
    })
    message = 'red cell "<<90%" has two operators: expected a threshold such as "<90%", ">12%", "13%+" or "90%"'
    assert not form.is_valid()
    assert form.errors == {"red": [message]}


def test_a_model_form_stores_a_target_as_the_import_would(indicators) -> None:
    form = model_form(Target, {
        "indicator": indicators["6.9"].pk, "year": "2020-21", "red": "", "amber": "",
        "green": "Above stat neigh (79.7%)", "kind": "bands",
    })
    assert form.is_valid(), form.errors
    form.save()
    target = Target.objects.get()
    assert (target.year, target.kind, target.green) == ("2020/21", "words", "Above stat neigh (79.7%)")


def test_the_django_admin_adds_no_figure_or_target(client, admin_user, indicators) -> None:
    client.force_login(admin_user)
    assert client.post(reverse("admin:scorecards_observation_add"), {
        "indicator": indicators["6.9"].pk, "period": "2020-12-01", "value": "16.7", "status": "final",
    }).status_code == 403
    assert client.post(reverse("admin:scorecards_target_add"), {
        "indicator": indicators["6.9"].pk, "year": "2020/21", "green": "95%+", "kind": "bands",
    }).status_code == 403
    assert Observation.objects.count() == 0 and Target.objects.count() == 0
