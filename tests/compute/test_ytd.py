"""Year to date, the year's figure and the previous year's figure (docs/rules.md section 4)."""

from decimal import Decimal

import pytest

from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Mark, Unit, YtdMethod
from scorecards.compute.ytd import (
    Observation,
    YearFigure,
    YtdResult,
    YtdSeries,
    compute_ytd,
    previous_year_figure,
    year_figure,
)

D = Decimal
Cell = str | tuple[str, str] | tuple[str | None, str, str] | None


def observations(first: Month, cells: list[Cell]) -> dict[Month, Observation]:
    """Consecutive months from ``first``: "12" a value, "[c]" a mark, ("54", "615") a numerator
    and denominator, (value, numerator, denominator), None no row at all."""
    result: dict[Month, Observation] = {}
    for offset, cell in enumerate(cells):
        period = first.plus(offset)
        if cell is None:
            continue
        if isinstance(cell, tuple):
            if len(cell) == 2:
                result[period] = Observation(period, None, D(cell[0]), D(cell[1]))
            else:
                value, numerator, denominator = cell
                result[period] = Observation(period, None if value is None else D(value), D(numerator), D(denominator))
        elif cell.startswith("["):
            result[period] = Observation(period, None, mark=cell)
        elif cell == "-":
            result[period] = Observation(period, None)
        else:
            result[period] = Observation(period, D(cell))
    return result


# Seed 000, Admissions of Looked After Children, Jan-20 to Dec-20 (monthly table, line 768).
ADMISSIONS = observations(Month(2020, 1), ["15", "11", "18", "19", "12", "11", "11", "25", "20", "12", "16", "14"])


@pytest.mark.parametrize(
    ("as_at", "expected"),
    [
        (Month(2020, 12), "140"),  # docs/rules.md section 4: admissions 2020/21 to Dec: 140
        (Month(2020, 4), "19"),  # the first month of the year holds only itself
        (Month(2020, 9), "98"),
        (Month(2020, 3), "44"),  # Jan-Mar 2020 close 2019/20: 15 + 11 + 18 (Apr-Dec 2019 absent)
        (Month(2021, 1), "140"),  # Jan-21 has no figure yet: still Apr..Dec 2020
        (Month(2021, 4), None),  # a new year with no figures: empty, not 0
    ],
)
def test_sum_admissions(as_at: Month, expected: str | None) -> None:
    result = compute_ytd(YtdMethod.SUM, ADMISSIONS, as_at, 4, Unit.COUNT, 0)
    assert result == YtdResult(None if expected is None else D(expected), False)


def test_sum_with_a_january_start_restarts_in_january() -> None:
    assert compute_ytd(YtdMethod.SUM, ADMISSIONS, Month(2020, 12), 1, Unit.COUNT, 0).value == D(184)
    assert compute_ytd(YtdMethod.SUM, ADMISSIONS, Month(2020, 2), 1, Unit.COUNT, 0).value == D(26)


# Seed 000 ADOPTIONS table (line 1072), Apr-20 to Dec-20: 10.3 "% of adoptions completed within
# 12 months" is 10.2 (adoptions within 12 months) over 10.1 (adoptions); May and Jun are 0 of 0,
# printed "-". The summary prints YTD 15.4% (4 / 26).
ADOPTIONS_WITHIN_12_MONTHS = observations(
    Month(2020, 4),
    [("100.0", "1", "1"), ("0", "0"), ("0", "0"), ("0.0", "0", "1"), ("100.0", "1", "1"),
     ("11.1", "1", "9"), ("14.3", "1", "7"), ("0.0", "0", "5"), ("0.0", "0", "2")],
)


@pytest.mark.parametrize(
    ("method", "cells", "unit", "decimals", "expected"),
    [
        # ratio: sum of numerators / sum of denominators, times the unit's multiplier
        (YtdMethod.RATIO, [("1", "3"), ("1", "3"), ("1", "3")], Unit.PERCENTAGE, 1, "33.3"),
        (YtdMethod.RATIO, [("136", "140"), ("161", "167"), ("128", "133")], Unit.PERCENTAGE, 1, "96.6"),
        (YtdMethod.RATIO, [("12", "56400"), ("14", "56400")], Unit.RATE, 1, "2.3"),
        (YtdMethod.RATIO, [("30", "4"), ("10", "4")], Unit.DAYS, 1, "5.0"),
        (YtdMethod.RATIO, [("30", "4"), ("10", "4")], Unit.COUNT, 0, "5"),
        # a month counts only when both are given: the value-only month is left out
        (YtdMethod.RATIO, [("1", "4"), "90.0", ("1", "4")], Unit.PERCENTAGE, 1, "25.0"),
        (YtdMethod.RATIO, [("0", "0"), ("1", "4")], Unit.PERCENTAGE, 1, "25.0"),
        # empty when the denominators sum to 0, or when no month has both
        (YtdMethod.RATIO, [("0", "0"), ("0", "0")], Unit.PERCENTAGE, 1, None),
        (YtdMethod.RATIO, ["50.0", "60.0"], Unit.PERCENTAGE, 1, None),
        # mean of the values present: a missing month is skipped, never counted as zero
        (YtdMethod.MEAN, ["10", "-", "20"], Unit.AVERAGE, 1, "15.0"),
        (YtdMethod.MEAN, ["10", None, "20"], Unit.AVERAGE, 1, "15.0"),
        (YtdMethod.MEAN, ["18.2", "18.1", "16.7"], Unit.AVERAGE, 1, "17.7"),
        (YtdMethod.MEAN, ["1", "2"], Unit.COUNT, 0, "2"),  # 1.5 rounds half up like a value
        (YtdMethod.MEAN, ["-", "[z]"], Unit.AVERAGE, 1, None),
        # latest value at or before M in the reporting year: a position at month end
        (YtdMethod.LATEST, ["607", "613", "-"], Unit.COUNT, 0, "613"),
        (YtdMethod.LATEST, ["607", "613", "615"], Unit.COUNT, 0, "615"),
        (YtdMethod.LATEST, ["-", "-"], Unit.COUNT, 0, None),
        # sum skips missing months, never zero-fills
        (YtdMethod.SUM, ["7", "-", "2"], Unit.COUNT, 0, "9"),
        (YtdMethod.SUM, ["0", "0"], Unit.COUNT, 0, "0"),  # zero figures are figures
        (YtdMethod.SUM, ["9.2", "8.5", "2.8"], Unit.RATE, 1, "20.5"),
        (YtdMethod.SUM, [], Unit.COUNT, 0, None),
        # none: snapshots, rolling-12-month and "YTD average" measures have no YTD
        (YtdMethod.NONE, ["607", "613", "615"], Unit.COUNT, 0, None),
    ],
)
def test_ytd_methods(method: YtdMethod, cells: list[Cell], unit: Unit, decimals: int, expected: str | None) -> None:
    first = Month(2020, 4)
    as_at = first.plus(max(len(cells) - 1, 0))
    result = compute_ytd(method, observations(first, cells), as_at, 4, unit, decimals)
    assert result.value == (None if expected is None else D(expected))
    if result.value is not None:
        assert result.value.as_tuple().exponent == -decimals  # rounded like a value


def test_ratio_adoptions_within_twelve_months() -> None:
    result = compute_ytd(YtdMethod.RATIO, ADOPTIONS_WITHIN_12_MONTHS, Month(2020, 12), 4, Unit.PERCENTAGE, 1)
    assert result == YtdResult(D("15.4"), False)


def test_ratio_ignores_months_after_as_at_and_before_the_year() -> None:
    cells: list[Cell] = [("1", "1")] * 3 + [("0", "1")] * 12 + [("1", "1")] * 3
    data = observations(Month(2020, 1), cells)  # Jan-20 .. Jun-21
    # 2020/21 Apr-20 .. Mar-21 are all 0 of 1
    assert compute_ytd(YtdMethod.RATIO, data, Month(2021, 3), 4, Unit.PERCENTAGE, 1).value == D("0.0")
    assert compute_ytd(YtdMethod.RATIO, data, Month(2020, 3), 4, Unit.PERCENTAGE, 1).value == D("100.0")


@pytest.mark.parametrize(
    ("method", "cells", "value", "incomplete"),
    [
        (YtdMethod.SUM, ["3", "[c]", "4"], "7", True),
        (YtdMethod.SUM, ["3", "[x]", "4"], "7", True),
        (YtdMethod.SUM, ["3", "[z]", "4"], "7", False),  # not applicable: nothing is missing
        (YtdMethod.SUM, ["3", "-", "4"], "7", False),
        (YtdMethod.SUM, ["3", None, "4"], "7", False),
        (YtdMethod.SUM, [Mark.CONFIDENTIAL.value, "4"], "4", True),
        (YtdMethod.RATIO, [("1", "2"), "[c]", ("1", "2")], "50.0", True),
        (YtdMethod.RATIO, [("1", "2"), "[x]"], "50.0", True),
        (YtdMethod.RATIO, [("1", "2"), "[z]"], "50.0", False),
        (YtdMethod.MEAN, ["3", "[c]", "5"], "4.0", False),  # only sum and ratio are marked
        (YtdMethod.LATEST, ["3", "[x]"], "3.0", False),
        (YtdMethod.SUM, ["[c]", "[x]"], None, False),  # no figures: an empty YTD, not an incomplete one
    ],
)
def test_incomplete(method: YtdMethod, cells: list[Cell], value: str | None, incomplete: bool) -> None:
    first = Month(2020, 4)
    unit = Unit.PERCENTAGE if method == YtdMethod.RATIO else Unit.NUMBER
    decimals = 0 if method == YtdMethod.SUM else 1
    result = compute_ytd(method, observations(first, cells), first.plus(len(cells) - 1), 4, unit, decimals)
    assert result == YtdResult(None if value is None else D(value), incomplete)


def test_incomplete_looks_only_at_the_year_up_to_as_at() -> None:
    data = observations(Month(2020, 2), ["[c]", "5", "3", "4", "[x]"])  # Feb-20 .. Jun-20
    assert compute_ytd(YtdMethod.SUM, data, Month(2020, 5), 4, Unit.COUNT, 0) == YtdResult(D(7), False)
    assert compute_ytd(YtdMethod.SUM, data, Month(2020, 6), 4, Unit.COUNT, 0) == YtdResult(D(7), True)
    assert compute_ytd(YtdMethod.SUM, data, Month(2020, 3), 4, Unit.COUNT, 0) == YtdResult(D(5), True)


def series(method: YtdMethod, data: dict[Month, Observation], unit: Unit = Unit.COUNT, decimals: int = 0) -> YtdSeries:
    return YtdSeries(method, data, 4, unit, decimals)


# Two reporting years of a monthly count: 2019/20 has 10 a month, 2020/21 has 12 a month.
TWO_YEARS = observations(Month(2019, 4), ["10"] * 12 + ["12"] * 12)


@pytest.mark.parametrize(
    ("method", "as_at", "outturns", "expected"),
    [
        # not the last month: the YTD, even with an outturn entered
        (YtdMethod.SUM, Month(2020, 12), {"2020/21": D(150)}, YearFigure(D(108), "ytd")),
        # the last month with the year's outturn entered: the outturn
        (YtdMethod.SUM, Month(2021, 3), {"2020/21": D(150)}, YearFigure(D(150), "outturn")),
        # the last month without one: the YTD
        (YtdMethod.SUM, Month(2021, 3), {"2019/20": D(99)}, YearFigure(D(144), "ytd")),
        (YtdMethod.SUM, Month(2021, 3), {"2020/21": None}, YearFigure(D(144), "ytd")),
        (YtdMethod.MEAN, Month(2020, 6), {}, YearFigure(D(12), "ytd")),
        # none: a year's figure only at the last month, and only when its outturn is entered
        (YtdMethod.NONE, Month(2020, 12), {"2020/21": D(150)}, None),
        (YtdMethod.NONE, Month(2021, 3), {"2020/21": D(150)}, YearFigure(D(150), "outturn")),
        (YtdMethod.NONE, Month(2021, 3), {}, None),
        # no figures yet: nothing
        (YtdMethod.SUM, Month(2021, 5), {}, None),
    ],
)
def test_year_figure(method: YtdMethod, as_at: Month, outturns: dict[str, Decimal | None], expected: YearFigure | None) -> None:
    assert year_figure(series(method, TWO_YEARS), as_at, outturns) == expected


def test_outturn_is_rounded_like_a_value() -> None:
    figure = year_figure(series(YtdMethod.RATIO, {}, Unit.PERCENTAGE, 1), Month(2021, 3), {"2020/21": D("4.36")})
    assert figure == YearFigure(D("4.4"), "outturn")
    assert str(figure.value) == "4.4"


@pytest.mark.parametrize(
    ("method", "as_at", "outturns", "expected"),
    [
        # sum: the previous year's YTD as at the same month ...
        (YtdMethod.SUM, Month(2020, 12), {"2019/20": D(125)}, YearFigure(D(90), "ytd")),
        (YtdMethod.SUM, Month(2020, 4), {}, YearFigure(D(10), "ytd")),
        # ... its outturn when M is the last month, else its full-year YTD
        (YtdMethod.SUM, Month(2021, 3), {"2019/20": D(125)}, YearFigure(D(125), "outturn")),
        (YtdMethod.SUM, Month(2021, 3), {}, YearFigure(D(120), "ytd")),
        # sum with no figures a year earlier: nothing to compare
        (YtdMethod.SUM, Month(2019, 12), {}, None),
        # otherwise: the previous year's outturn, at any month ...
        (YtdMethod.MEAN, Month(2020, 6), {"2019/20": D(11)}, YearFigure(D(11), "outturn")),
        # ... else its YTD as at its last month
        (YtdMethod.MEAN, Month(2020, 6), {}, YearFigure(D(10), "ytd")),
        (YtdMethod.LATEST, Month(2021, 3), {"2020/21": D(1)}, YearFigure(D(10), "ytd")),
        # none: the outturn or nothing
        (YtdMethod.NONE, Month(2020, 6), {"2019/20": D(11)}, YearFigure(D(11), "outturn")),
        (YtdMethod.NONE, Month(2020, 6), {}, None),
    ],
)
def test_previous_year_figure(
    method: YtdMethod, as_at: Month, outturns: dict[str, Decimal | None], expected: YearFigure | None
) -> None:
    assert previous_year_figure(series(method, TWO_YEARS), as_at, outturns) == expected


def test_previous_year_ratio_uses_its_full_year() -> None:
    data = observations(Month(2019, 4), [("1", "2")] * 6 + [("0", "2")] * 6 + [("2", "2")] * 3)
    ytd = series(YtdMethod.RATIO, data, Unit.PERCENTAGE, 1)
    assert ytd.at(Month(2019, 9)).value == D("50.0")
    assert previous_year_figure(ytd, Month(2020, 6), {}) == YearFigure(D("25.0"), "ytd")
    assert year_figure(ytd, Month(2020, 6), {}) == YearFigure(D("100.0"), "ytd")


def test_series_matches_one_off_computation_for_every_month() -> None:
    data = observations(Month(2019, 1), [str(n) if n % 5 else "[c]" for n in range(36)])
    ytd = series(YtdMethod.SUM, data)
    for offset in range(36):
        month = Month(2019, 1).plus(offset)
        assert ytd.at(month) == compute_ytd(YtdMethod.SUM, data, month, 4, Unit.COUNT, 0)


def test_ratio_month_with_only_one_of_numerator_and_denominator_is_not_counted() -> None:
    # Entry refuses these (precision.resolve_observation); if one is stored regardless, the
    # YTD leaves the month out rather than counting half of it.
    first = Month(2020, 4)
    data = {
        first: Observation(first, D("50.0"), D(1), D(2)),
        first.plus(1): Observation(first.plus(1), None, D(5), None),
        first.plus(2): Observation(first.plus(2), None, None, D(5)),
    }
    assert compute_ytd(YtdMethod.RATIO, data, first.plus(2), 4, Unit.PERCENTAGE, 1) == YtdResult(D("50.0"), False)
