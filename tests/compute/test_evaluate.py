"""Every computed figure of an indicator as at a month, as the JSON export row needs them (docs/rules.md and docs/workbook.md)."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

import pytest

from scorecards.compute.dot import DotResult
from scorecards.compute.evaluate import IndicatorSpec, ScorecardSettings, evaluate_indicator, evaluate_series
from scorecards.compute.periods import Month, months_ending
from scorecards.compute.vocabulary import ArrowConvention, DotBasis, Frequency, Polarity, Rag, Unit, YtdMethod
from scorecards.compute.ytd import Observation, YearFigure

D = Decimal


@dataclass
class HighTarget:
    red_below: Decimal
    green_from: Decimal

    def rate(self, value: Decimal) -> Rag | None:
        if value >= self.green_from:
            return Rag.GREEN
        return Rag.RED if value < self.red_below else Rag.AMBER


def ratio_months(first: Month, pairs: list[tuple[int, int]], unit_multiplier: int = 100) -> dict[Month, Observation]:
    result = {}
    for offset, (numerator, denominator) in enumerate(pairs):
        period = first.plus(offset)
        value = (D(numerator) * unit_multiplier / D(denominator)).quantize(D("0.1")) if denominator else None
        result[period] = Observation(period, value, D(numerator), D(denominator))
    return result


# Seed 000 row 6.9 "% of children adopted": adoptions (10.1) over children ceasing to be looked
# after (6.4), Apr-20 to Dec-20; Oct 7/19 = 36.8%, Nov 5/10 = 50.0%, Dec 2/12 = 16.7%, YTD 26/120.
ADOPTED = ratio_months(Month(2020, 4), [(1, 11), (0, 12), (0, 11), (1, 11), (1, 12), (9, 22), (7, 19), (5, 10), (2, 12)])
ADOPTED_SPEC = IndicatorSpec("6.9", Polarity.HIGH, Unit.PERCENTAGE, Frequency.MONTHLY, YtdMethod.RATIO)
ADOPTED_TARGETS = {"2020/21": HighTarget(D(20), D("22.7"))}  # <20% / 20%> / 22.7%+


def test_design_export_example_row_6_9() -> None:
    figures = evaluate_indicator(ADOPTED_SPEC, ScorecardSettings(), ADOPTED, ADOPTED_TARGETS, {}, Month(2020, 12))
    assert [str(ADOPTED[m].value) for m in months_ending(Month(2020, 12), 3)] == ["36.8", "50.0", "16.7"]
    exported = figures.as_export()
    assert exported == {
        "current_period": "2020-12",
        "ytd": "21.7",
        "ytd_incomplete": False,
        "year_figure": {"value": "21.7", "source": "ytd"},
        "dot": {
            "basis": "month", "movement": "down", "judgement": "declined", "qualifier": "not_on_target",
            "state": "decline_not_on_target", "arrow": "down", "colour": "red",
            "words": "decline in performance, not on target", "compared_with": "2020-11",
        },
        "rag": {"in_month": "red", "year_end": "amber"},
    }
    assert figures.reporting_year == "2020/21"


def test_spec_defaults_and_validation() -> None:
    assert IndicatorSpec("6.1", "Info", "count").decimals == 0
    assert IndicatorSpec("6.5", "High", "percentage").decimals == 1
    spec = IndicatorSpec("11.5", "Within Limits", "average", "termly", "mean", 2)
    assert (spec.polarity, spec.frequency, spec.ytd_method, spec.decimals) == (
        Polarity.WITHIN_LIMITS, Frequency.TERMLY, YtdMethod.MEAN, 2,
    )
    with pytest.raises(ValueError, match="decimal places"):
        IndicatorSpec("1", Polarity.HIGH, decimals=-1)
    with pytest.raises(ValueError):
        IndicatorSpec("1", "Sideways")
    with pytest.raises(ValueError, match="start month"):
        ScorecardSettings(start_month=0)
    assert ScorecardSettings(4, "year", "movement").dot_basis == DotBasis.YEAR


def counts(first: Month, cells: list[str | None]) -> dict[Month, Observation]:
    return {
        first.plus(offset): Observation(first.plus(offset), D(cell)) for offset, cell in enumerate(cells) if cell is not None
    }


# Seed 000 row 6.3, admissions (a sum, Info): Jan-20 .. Dec-20.
ADMISSIONS = counts(Month(2020, 1), ["15", "11", "18", "19", "12", "11", "11", "25", "20", "12", "16", "14"])
ADMISSIONS_SPEC = IndicatorSpec("6.3", Polarity.INFO, Unit.COUNT, ytd_method=YtdMethod.SUM)


def test_sum_indicator_admissions_ytd_140() -> None:
    figures = evaluate_indicator(ADMISSIONS_SPEC, ScorecardSettings(), ADMISSIONS, {}, {}, Month(2020, 12))
    assert (figures.ytd, figures.ytd_incomplete, figures.year_figure) == (D(140), False, YearFigure(D(140), "ytd"))
    assert (figures.dot.movement, figures.dot.state, figures.dot.arrow) == ("down", "decrease", "down")
    assert figures.as_export()["ytd"] == "140"


def test_sum_rag_only_at_year_end() -> None:
    data = counts(Month(2020, 4), ["10"] * 12)
    spec = IndicatorSpec("9.4", Polarity.HIGH, Unit.COUNT, ytd_method=YtdMethod.SUM)
    targets = {"2020/21": HighTarget(D(100), D(120))}
    by_month = evaluate_series(spec, ScorecardSettings(), data, targets, {}, months_ending(Month(2021, 3), 12))
    assert [figures.rag_in_month for figures in by_month.values()] == [None] * 12
    assert [figures.rag_year_end for figures in by_month.values()] == [None] * 11 + [Rag.GREEN]
    # with the outturn entered, the last month rates the outturn instead of the YTD
    with_outturn = evaluate_indicator(spec, ScorecardSettings(), data, targets, {"2020/21": D(99)}, Month(2021, 3))
    assert (with_outturn.year_figure, with_outturn.rag_year_end) == (YearFigure(D(99), "outturn"), Rag.RED)
    assert with_outturn.as_export()["year_figure"] == {"value": "99", "source": "outturn"}


def test_no_current_period_empties_rag_in_month_and_month_dot_but_not_year_dot() -> None:
    data = counts(Month(2019, 4), ["50.0"] * 12 + ["60.0"] * 5)  # Apr-19 .. Aug-20
    spec = IndicatorSpec("1", Polarity.HIGH, Unit.PERCENTAGE, ytd_method=YtdMethod.MEAN)
    targets = {"2020/21": HighTarget(D(55), D(58))}
    as_at = Month(2020, 12)  # nothing in Oct-Dec
    month = evaluate_indicator(spec, ScorecardSettings(), data, targets, {}, as_at)
    assert (month.current_period, month.rag_in_month, month.dot) == (None, None, DotResult(DotBasis.MONTH))
    assert month.rag_year_end == Rag.GREEN  # the year's figure, 60.0, does not need a current period
    year = evaluate_indicator(spec, ScorecardSettings(dot_basis=DotBasis.YEAR), data, targets, {}, as_at)
    assert (year.dot.basis, year.dot.movement, year.dot.judgement, year.dot.state) == ("year", "up", "improved", "improvement")
    assert year.previous_year_figure == YearFigure(D("50.0"), "ytd")
    assert month.as_export()["current_period"] is None


def test_rag_in_month_uses_current_periods_year_and_year_end_uses_m() -> None:
    data = counts(Month(2021, 3), ["80.0"])
    spec = IndicatorSpec("1", Polarity.HIGH, Unit.PERCENTAGE, ytd_method=YtdMethod.LATEST)
    targets = {"2020/21": HighTarget(D(70), D(75)), "2021/22": HighTarget(D(85), D(90))}
    figures = evaluate_indicator(spec, ScorecardSettings(), data, targets, {}, Month(2021, 5))
    assert figures.current_period == Month(2021, 3)
    assert figures.rag_in_month == Rag.GREEN  # Mar-21 against 2020/21
    assert figures.year_figure is None  # no figure yet in 2021/22
    assert figures.rag_year_end is None
    assert figures.reporting_year == "2021/22"


def test_movement_convention_year_basis_example() -> None:
    spec = IndicatorSpec("B.12", Polarity.LOW, Unit.PERCENTAGE, Frequency.ANNUAL, YtdMethod.NONE)
    settings = ScorecardSettings(4, DotBasis.YEAR, ArrowConvention.MOVEMENT)
    data = counts(Month(2023, 3), ["4.3"]) | counts(Month(2024, 3), ["4.4"])
    outturns = {"2022/23": D("4.3"), "2023/24": D("4.4")}
    low_target = {"2023/24": _LowTarget(D(5), D(4))}
    figures = evaluate_indicator(spec, settings, data, low_target, outturns, Month(2024, 3))
    assert figures.year_figure == YearFigure(D("4.4"), "outturn")
    dot = figures.dot
    assert (dot.movement, dot.judgement, dot.arrow, dot.colour) == ("up", "declined", "up", "amber")
    assert figures.rag_year_end == Rag.AMBER


@dataclass
class _LowTarget:
    red_above: Decimal
    green_to: Decimal

    def rate(self, value: Decimal) -> Rag | None:
        if value <= self.green_to:
            return Rag.GREEN
        return Rag.RED if value > self.red_above else Rag.AMBER


def test_incomplete_ytd_is_exported() -> None:
    data = counts(Month(2020, 4), ["3", None, "4"])
    data[Month(2020, 5)] = Observation(Month(2020, 5), None, mark="[c]")
    spec = IndicatorSpec("1", Polarity.INFO, Unit.COUNT, ytd_method=YtdMethod.SUM)
    exported = evaluate_indicator(spec, ScorecardSettings(), data, {}, {}, Month(2020, 6)).as_export()
    assert (exported["ytd"], exported["ytd_incomplete"]) == ("7", True)


def test_termly_indicator_as_at_each_month() -> None:
    # Seed 000 6.13 "% of LAC with a PEP (Termly)": autumn 2019 94.3, spring 97.7, summer 98.9.
    data = counts(Month(2019, 12), ["94.3"]) | counts(Month(2020, 3), ["97.7"]) | counts(Month(2020, 7), ["98.9"])
    spec = IndicatorSpec("6.13", Polarity.HIGH, Unit.PERCENTAGE, Frequency.TERMLY)
    targets = {"2019/20": HighTarget(D(90), D(95)), "2020/21": HighTarget(D(90), D(95))}
    by_month = evaluate_series(spec, ScorecardSettings(), data, targets, {}, months_ending(Month(2020, 12), 13))
    current = {str(m): None if f.current_period is None else str(f.current_period) for m, f in by_month.items()}
    assert current == {
        "2019-12": "2019-12", "2020-01": "2019-12", "2020-02": "2019-12", "2020-03": "2020-03",
        "2020-04": "2020-03", "2020-05": "2020-03", "2020-06": "2020-03", "2020-07": "2020-07",
        "2020-08": "2020-07", "2020-09": "2020-07", "2020-10": "2020-07", "2020-11": "2020-07",
        "2020-12": None,  # printed n/a in the December 2020 summary
    }
    assert by_month[Month(2020, 7)].dot.state == "improvement"
    assert by_month[Month(2020, 7)].dot.compared_with == "2020-03"
    assert by_month[Month(2019, 12)].dot == DotResult(DotBasis.MONTH)  # no earlier term within twelve months
    assert by_month[Month(2020, 12)].rag_in_month is None
    assert by_month[Month(2020, 11)].rag_in_month == Rag.GREEN  # Jul-20 is in 2019/20


class CountingMapping(Mapping[Month, Observation]):
    """Observations that count how often they are looked up."""

    def __init__(self, data: dict[Month, Observation]) -> None:
        self.data = data
        self.lookups = 0

    def __getitem__(self, key: Month) -> Observation:
        self.lookups += 1
        return self.data[key]

    def get(self, key: Month, default: Observation | None = None) -> Observation | None:  # type: ignore[override]
        self.lookups += 1
        return self.data.get(key, default)

    def __iter__(self) -> Iterator[Month]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


@pytest.mark.parametrize("basis", [DotBasis.MONTH, DotBasis.YEAR])
def test_series_of_24_months_matches_one_at_a_time_in_bounded_work(basis: DotBasis) -> None:
    first = Month(2018, 1)
    data: dict[Month, Observation] = {}
    for offset in range(40):
        period = first.plus(offset)
        if offset % 7 == 3:
            data[period] = Observation(period, None, mark="[c]")
        elif offset % 5 != 4:
            data[period] = Observation(period, D(offset % 9), D(offset % 9), D(10))
    months = months_ending(Month(2020, 12), 24)
    targets = {"2018/19": HighTarget(D(3), D(6)), "2019/20": HighTarget(D(3), D(6)), "2020/21": HighTarget(D(4), D(7))}
    outturns = {"2018/19": D("4.5")}
    for method in YtdMethod:
        spec = IndicatorSpec("1", Polarity.LOW, Unit.NUMBER, Frequency.MONTHLY, method)
        settings = ScorecardSettings(4, basis, ArrowConvention.MOVEMENT)
        counting = CountingMapping(data)
        series = evaluate_series(spec, settings, counting, targets, outturns, months)
        # one YTD pass per reporting year touched (3 years, the one before the first month
        # included), then at most 3 + 12 look-ups a month for the current period and comparison
        assert counting.lookups <= 4 * 12 + 24 * (3 + 12 + 1)
        assert list(series) == months
        for month in months:
            assert series[month] == evaluate_indicator(spec, settings, data, targets, outturns, month)
