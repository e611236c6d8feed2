"""Months, reporting years and where quarterly, termly and annual figures sit (docs/rules.md, docs/workbook.md and docs/architecture.md)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.compute.periods import (
    Month,
    allowed_months,
    is_reporting_year_end,
    months_ending,
    previous_year_labels,
    parse_period,
    parse_year_label,
    period_allowed,
    reporting_year_end,
    reporting_year_label,
    reporting_year_months,
    reporting_year_start,
)
from scorecards.compute.vocabulary import Frequency

months = st.builds(Month, st.integers(1900, 2200), st.integers(1, 12))
# The months a period may be written for: January 1990 to December 2099.
accepted_months = st.builds(Month, st.integers(1990, 2099), st.integers(1, 12))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2020-12", Month(2020, 12)), ("2021-01", Month(2021, 1)), (" 2016-03 ", Month(2016, 3))],
)
def test_month_parse_and_str_round_trip(text: str, expected: Month) -> None:
    assert Month.parse(text) == expected
    assert str(expected) == text.strip()


@pytest.mark.parametrize("text", ["2020-13", "2020-00", "2020-1", "20-12", "Dec-20", "", "2020/12"])
def test_month_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="period"):
        Month.parse(text)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (Month(2020, 12), 1, Month(2021, 1)),
        (Month(2020, 12), -12, Month(2019, 12)),
        (Month(2020, 1), -1, Month(2019, 12)),
        (Month(2020, 4), 11, Month(2021, 3)),
        (Month(2020, 4), 0, Month(2020, 4)),
        (Month(2016, 3), -13, Month(2015, 2)),
        (Month(2016, 3), 25, Month(2018, 4)),
    ],
)
def test_month_plus(start: Month, n: int, expected: Month) -> None:
    assert start.plus(n) == expected
    assert start.months_until(expected) == n
    assert expected.months_until(start) == -n


@given(months, st.integers(-500, 500))
def test_plus_and_months_until_are_inverse(m: Month, n: int) -> None:
    assert m.months_until(m.plus(n)) == n
    assert m.plus(n).plus(-n) == m


@given(months, months)
def test_month_order_follows_time(a: Month, b: Month) -> None:
    assert (a < b) == (a.months_until(b) > 0)


def test_month_rejects_month_13() -> None:
    with pytest.raises(ValueError, match="month must be 1 to 12"):
        Month(2020, 13)


@pytest.mark.parametrize(
    ("month", "start_month", "first", "label"),
    [
        (Month(2020, 12), 4, Month(2020, 4), "2020/21"),
        (Month(2021, 3), 4, Month(2020, 4), "2020/21"),
        (Month(2020, 4), 4, Month(2020, 4), "2020/21"),
        (Month(2020, 3), 4, Month(2019, 4), "2019/20"),
        (Month(2016, 3), 4, Month(2015, 4), "2015/16"),
        (Month(2020, 1), 1, Month(2020, 1), "2020"),
        (Month(2020, 12), 1, Month(2020, 1), "2020"),
        (Month(2020, 8), 9, Month(2019, 9), "2019/20"),
        (Month(2020, 9), 9, Month(2020, 9), "2020/21"),
        (Month(2021, 1), 2, Month(2020, 2), "2020/21"),
        (Month(2020, 2), 2, Month(2020, 2), "2020/21"),
        (Month(2000, 6), 7, Month(1999, 7), "1999/00"),
        (Month(2020, 12), 12, Month(2020, 12), "2020/21"),
        (Month(2020, 11), 12, Month(2019, 12), "2019/20"),
    ],
)
def test_reporting_year(month: Month, start_month: int, first: Month, label: str) -> None:
    assert reporting_year_start(month, start_month) == first
    assert reporting_year_label(month, start_month) == label
    assert reporting_year_end(month, start_month) == first.plus(11)
    assert reporting_year_months(month, start_month) == [first.plus(i) for i in range(12)]
    assert parse_year_label(label, start_month) == first


@pytest.mark.parametrize("start_month", range(1, 13))
def test_every_start_month_labels_its_twelve_months_alike(start_month: int) -> None:
    first = Month(2020, start_month)
    labels = {reporting_year_label(first.plus(i), start_month) for i in range(12)}
    assert labels == {"2020" if start_month == 1 else "2020/21"}
    assert reporting_year_label(first.plus(-1), start_month) == ("2019" if start_month == 1 else "2019/20")
    assert reporting_year_label(first.plus(12), start_month) == ("2021" if start_month == 1 else "2021/22")
    assert [is_reporting_year_end(first.plus(i), start_month) for i in range(12)] == [False] * 11 + [True]


@pytest.mark.parametrize("start_month", [0, 13])
def test_start_month_out_of_range(start_month: int) -> None:
    with pytest.raises(ValueError, match="start month"):
        reporting_year_start(Month(2020, 5), start_month)


@pytest.mark.parametrize(
    ("text", "start_month", "first"),
    [
        ("2020/21", 4, Month(2020, 4)),
        ("2020-21", 4, Month(2020, 4)),
        ("2020/2021", 4, Month(2020, 4)),
        ("2020-2021", 4, Month(2020, 4)),
        ("2020 / 21", 4, Month(2020, 4)),  # as the council's monthly tables print it
        ("1999/00", 4, Month(1999, 4)),
        ("2020/21", 9, Month(2020, 9)),
        ("2020", 1, Month(2020, 1)),
    ],
)
def test_parse_year_label(text: str, start_month: int, first: Month) -> None:
    assert parse_year_label(text, start_month) == first


@pytest.mark.parametrize(
    ("text", "start_month", "message"),
    [
        ("2020/22", 4, "consecutive"),
        ("2020/2022", 4, "consecutive"),
        ("2020/19", 4, "consecutive"),
        ("2020", 4, "needs both years"),
        ("2020/21", 1, "starts in January"),
        ("20/21", 4, "not of the form"),
        ("2020/1", 4, "not of the form"),
        ("FY2020", 4, "not of the form"),
        ("", 4, "not of the form"),
    ],
)
def test_parse_year_label_rejects(text: str, start_month: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_year_label(text, start_month)


# docs/architecture.md, the domain: quarterly figures on the last month of each quarter of the reporting year,
# termly on December (autumn), March (spring) and July (summer), annual on the last month.
@pytest.mark.parametrize(
    ("frequency", "start_month", "months_allowed"),
    [
        (Frequency.MONTHLY, 4, tuple(range(1, 13))),
        (Frequency.QUARTERLY, 4, (3, 6, 9, 12)),
        (Frequency.QUARTERLY, 1, (3, 6, 9, 12)),
        (Frequency.QUARTERLY, 9, (2, 5, 8, 11)),
        (Frequency.QUARTERLY, 2, (1, 4, 7, 10)),
        (Frequency.TERMLY, 4, (3, 7, 12)),
        (Frequency.TERMLY, 1, (3, 7, 12)),
        (Frequency.TERMLY, 9, (3, 7, 12)),
        (Frequency.ANNUAL, 4, (3,)),
        (Frequency.ANNUAL, 1, (12,)),
        (Frequency.ANNUAL, 9, (8,)),
    ],
)
def test_where_figures_sit(frequency: Frequency, start_month: int, months_allowed: tuple[int, ...]) -> None:
    assert allowed_months(frequency, start_month) == months_allowed
    for month in range(1, 13):
        assert period_allowed(Month(2020, month), frequency, start_month) == (month in months_allowed)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-12", Month(2020, 12)),
        ("Dec-20", Month(2020, 12)),
        ("Dec 20", Month(2020, 12)),
        ("Dec-2020", Month(2020, 12)),
        ("Dec 2020", Month(2020, 12)),
        ("Oct-20", Month(2020, 10)),
        ("Feb 16", Month(2016, 2)),  # as seed 003 prints its month headings
        ("Jan-16", Month(2016, 1)),
        ("DEC-20", Month(2020, 12)),
        ("sep 2015", Month(2015, 9)),
        (" Mar 16 ", Month(2016, 3)),
    ],
)
def test_parse_period(text: str, expected: Month) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    "text",
    ["December 2020", "Dec/20", "Dec-202", "2020-13", "12-2020", "Dec", "Sept 20", "Autumn Term (2019/20)", ""],
)
def test_parse_period_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="period"):
        parse_period(text)


@given(accepted_months)
def test_parse_period_reads_what_the_council_prints(m: Month) -> None:
    assert parse_period(str(m)) == m
    if 2000 <= m.year <= 2099:
        assert parse_period(m.abbreviation()) == m


def test_months_ending() -> None:
    assert months_ending(Month(2020, 12), 3) == [Month(2020, 10), Month(2020, 11), Month(2020, 12)]
    assert months_ending(Month(2021, 1), 24)[0] == Month(2019, 2)
    assert months_ending(Month(2021, 1), 0) == []


@pytest.mark.parametrize(
    ("month", "start_month", "labels"),
    [
        (Month(2020, 12), 4, ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20"]),  # seed 000's trend columns
        (Month(2016, 3), 4, ["2010/11", "2011/12", "2012/13", "2013/14", "2014/15"]),
        (Month(2021, 3), 1, ["2016", "2017", "2018", "2019", "2020"]),
    ],
)
def test_previous_year_labels(month: Month, start_month: int, labels: list[str]) -> None:
    assert previous_year_labels(month, start_month, 5) == labels
