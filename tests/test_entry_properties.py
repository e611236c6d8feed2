"""Whatever is typed, the entry rules and the importer give a result or a listed error, never an
exception (issue 10, item 8): arbitrary text and numbers, huge exponents, infinities, NaN."""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecards.compute.entry import (
    IndicatorRules,
    Problem,
    check_benchmark,
    check_observation,
    check_outturn,
    check_target,
    read_indicator_number,
    read_narrative,
    read_period,
    read_slug,
    read_text,
    read_year,
)
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Frequency, Polarity, Unit
from scorecards.workbook.validate import Issue

# Any text a cell may hold (no lone surrogates: no file can carry one), weighted towards the
# characters the rules are about.
TRICKY = st.sampled_from(["[", "]", "(", ")", ">", "- ", "\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85", "\u202e",
                          "\u200d", "%", ",", ".", "-", "e", "E", "9", "0", "/", "n/a", "[x]", "tbc", "Dec-20",
                          "2020/21", "<", "+", " "])
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.lists(TRICKY, max_size=30).map("".join),
)
WRITTEN = st.one_of(st.none(), TEXT)
# Decimals of every kind, exponents up to a billion either way included.
DECIMALS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
              st.integers(0, 1), st.lists(st.integers(0, 9), min_size=1, max_size=40),
              st.integers(-10**9, 10**9)),
)
FIGURE = st.one_of(WRITTEN, DECIMALS)
RULES = st.builds(IndicatorRules, st.sampled_from(["6.9", "6.1"]), st.sampled_from(list(Unit)),
                  st.integers(0, 6), st.sampled_from(list(Frequency)), st.integers(1, 12))
PERIOD = st.one_of(WRITTEN, st.dates(), st.builds(Month, st.integers(1, 9999), st.integers(1, 12)))
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def listed(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    """Each problem is one the rules list: named fields, and words with no control character
    and no whole long text quoted back."""
    return all(
        isinstance(problem, Problem) and all(isinstance(name, str) for name in problem.fields)
        and isinstance(problem.message, str) and not CONTROL.search(problem.message) and len(problem.message) < 1200
        for problem in problems
    )


@settings(max_examples=300, deadline=None)
@given(RULES, PERIOD, FIGURE, FIGURE, FIGURE, WRITTEN, WRITTEN)
def test_check_observation_never_raises(rules, period, value, numerator, denominator, mark, status) -> None:
    checked = check_observation(rules, period=period, value=value, numerator=numerator, denominator=denominator,
                                mark=mark, status=status)
    assert listed(checked.problems) and listed(checked.warnings)
    if checked.ok and checked.value is not None:
        assert checked.value.is_finite() and checked.value.adjusted() < 14


@settings(max_examples=200, deadline=None)
@given(RULES, FIGURE)
def test_outturns_and_benchmarks_never_raise(rules, value) -> None:
    for checked in (check_outturn(rules, value), check_benchmark(rules, value)):
        assert listed(checked.problems) and listed(checked.warnings)


@settings(max_examples=300, deadline=None)
@given(WRITTEN, WRITTEN, WRITTEN, st.sampled_from(list(Polarity)))
def test_check_target_never_raises(red, amber, green, polarity) -> None:
    checked = check_target(red, amber, green, polarity)
    assert listed(checked.problems) and listed(checked.warnings)


@settings(max_examples=200, deadline=None)
@given(PERIOD, st.one_of(WRITTEN, st.dates()), st.integers(1, 12))
def test_periods_and_years_never_raise(period, year, start_month) -> None:
    read = read_period(period)
    assert (read.value is None) != (read.problem is None) or (read.value is None and read.problem is None) is False
    assert read.problem is None or listed([read.problem])
    if read.value is not None:
        assert Month(1990, 1) <= read.value <= Month(2099, 12)
    label = read_year(year, start_month)
    assert (label.value is None) != (label.problem is None)
    assert label.problem is None or listed([label.problem])


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_texts_names_numbers_and_narratives_never_raise(text) -> None:
    for read in (read_text(text, "name", 500), read_narrative(text), read_indicator_number(text), read_slug(text)):
        assert (read.value is None) != (read.problem is None)
        assert read.problem is None or listed([read.problem])
        if read.value is not None:
            assert "\r" not in read.value and "\x00" not in read.value


# -- the importer ---------------------------------------------------------------------------

INDICATORS = [["number", "name", "polarity", "unit", "decimals", "section"],
              ["6.9", "% of children adopted", "High", "percentage", "1", "LOOKED AFTER CHILDREN"],
              ["6.2", "Rate per 10,000", "Low", "rate", "1", "LOOKED AFTER CHILDREN"]]
CELL = st.one_of(TEXT, st.sampled_from(["16.7", "1,092", "36.8%", "[x]", "2020-12", "Dec-20", "6.9", "6.2", "-0",
                                        "99999999999999.99", "0.000001", "1" * 40]))


@pytest.mark.django_db
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(name=CELL, number=CELL, period=CELL, value=CELL, numerator=CELL, denominator=CELL, text=CELL, green=CELL)
def test_the_importer_never_raises_on_a_csv_workbook(name, number, period, value, numerator, denominator, text,
                                                     green) -> None:
    from scorecards.services.imports import import_workbook

    sheets = {
        "scorecard": [["slug"], ["corporate-parenting"]],
        "indicators": [*INDICATORS, ["6.1", name, "Info", "count", "0", "LOOKED AFTER CHILDREN"]],
        "values": [["number", "period", "value", "numerator", "denominator"],
                   [number, period, value, numerator, denominator]],
        "commentary": [["number", "period", "kind", "text"], ["6.9", period, "commentary", text]],
        "targets": [["number", "year", "red", "amber", "green"], ["6.9", "2020/21", "", "", green]],
    }
    with tempfile.TemporaryDirectory() as folder:
        for sheet, rows in sheets.items():
            with open(Path(folder) / f"{sheet}.csv", "w", newline="", encoding="utf-8") as file:
                csv.writer(file).writerows(rows)
        report = import_workbook(Path(folder))
    assert all(isinstance(issue, Issue | str) for issue in report.errors + report.warnings)
    assert not any(CONTROL.search(str(issue)) for issue in report.errors + report.warnings)
    if report.ok:
        assert report.scorecard is not None


def test_a_date_far_outside_is_a_listed_problem() -> None:
    assert read_period(datetime.date.max).problem.message == (
        "expected a period from January 1990 to December 2099; found the date 9999-12-31"
    )
