"""Year to date, the year's figure and the previous year's figure (docs/rules.md section 4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from scorecards.compute.periods import (
    Month,
    is_reporting_year_end,
    reporting_year_end,
    reporting_year_label,
    reporting_year_start,
)
from scorecards.compute.precision import DECIMAL_CONTEXT, ratio_figure, round_figure
from scorecards.compute.vocabulary import Mark, Unit, YtdMethod

# A month holding one of these was left out of the total for a reason members should see.
INCOMPLETE_MARKS = frozenset({Mark.CONFIDENTIAL, Mark.NOT_AVAILABLE})


@dataclass(frozen=True)
class Observation:
    """One period's figure as stored: the value is already rounded to the indicator's places."""

    period: Month
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    mark: str | None = None


@dataclass(frozen=True)
class YtdResult:
    value: Decimal | None
    # True when a sum or ratio left out a month holding [c] or [x]; never set on an empty YTD.
    incomplete: bool = False


YearFigureSource = Literal["ytd", "outturn"]


@dataclass(frozen=True)
class YearFigure:
    value: Decimal
    source: YearFigureSource


class _Accumulator:
    """Running YTD over one reporting year, month by month, so a whole year is one pass."""

    def __init__(self, method: YtdMethod, unit: Unit, decimals: int) -> None:
        self.method = method
        self.unit = unit
        self.decimals = decimals
        self.total = Decimal(0)
        self.count = 0
        self.numerators = Decimal(0)
        self.denominators = Decimal(0)
        self.latest: Decimal | None = None
        self.skipped_marked = False

    def add(self, observation: Observation | None) -> None:
        if observation is None or self.method == YtdMethod.NONE:
            return
        if self.method == YtdMethod.RATIO:
            counted = observation.numerator is not None and observation.denominator is not None
        else:
            counted = observation.value is not None
        if not counted:
            if observation.mark in INCOMPLETE_MARKS:
                self.skipped_marked = True
            return
        if self.method == YtdMethod.RATIO:
            assert observation.numerator is not None and observation.denominator is not None
            self.numerators = DECIMAL_CONTEXT.add(self.numerators, observation.numerator)
            self.denominators = DECIMAL_CONTEXT.add(self.denominators, observation.denominator)
            self.count += 1
            return
        assert observation.value is not None
        self.total = DECIMAL_CONTEXT.add(self.total, observation.value)
        self.count += 1
        self.latest = observation.value

    def result(self) -> YtdResult:
        value = self._value()
        incomplete = (
            value is not None and self.skipped_marked and self.method in (YtdMethod.SUM, YtdMethod.RATIO)
        )
        return YtdResult(value, incomplete)

    def _value(self) -> Decimal | None:
        if self.method == YtdMethod.NONE or self.count == 0:
            return None
        if self.method == YtdMethod.SUM:
            return round_figure(self.total, self.decimals)
        if self.method == YtdMethod.MEAN:
            return round_figure(DECIMAL_CONTEXT.divide(self.total, Decimal(self.count)), self.decimals)
        if self.method == YtdMethod.LATEST:
            assert self.latest is not None
            return round_figure(self.latest, self.decimals)
        if self.method == YtdMethod.RATIO:
            if self.denominators == 0:
                return None
            return ratio_figure(self.numerators, self.denominators, self.unit, self.decimals)
        raise ValueError(f"unknown YTD method {self.method!r}")


class YtdSeries:
    """YTD of one indicator as at any month, each reporting year computed once and kept."""

    def __init__(
        self,
        method: YtdMethod,
        observations: Mapping[Month, Observation],
        start_month: int,
        unit: Unit,
        decimals: int,
    ) -> None:
        self.method = YtdMethod(method)
        self.observations = observations
        self.start_month = start_month
        self.unit = unit
        self.decimals = decimals
        self._results: dict[Month, YtdResult] = {}

    def at(self, as_at: Month) -> YtdResult:
        if as_at not in self._results:
            self._compute_year(reporting_year_start(as_at, self.start_month))
        return self._results[as_at]

    def _compute_year(self, start: Month) -> None:
        accumulator = _Accumulator(self.method, self.unit, self.decimals)
        for offset in range(12):
            month = start.plus(offset)
            accumulator.add(self.observations.get(month))
            self._results[month] = accumulator.result()


def compute_ytd(
    method: YtdMethod,
    observations: Mapping[Month, Observation],
    as_at: Month,
    start_month: int,
    unit: Unit,
    decimals: int,
) -> YtdResult:
    """YTD as at ``as_at`` over the observations of its reporting year up to it."""
    return YtdSeries(method, observations, start_month, unit, decimals).at(as_at)


def _outturn(outturns: Mapping[str, Decimal | None], label: str, decimals: int) -> Decimal | None:
    value = outturns.get(label)
    return None if value is None else round_figure(value, decimals)


def year_figure(ytd: YtdSeries, as_at: Month, outturns: Mapping[str, Decimal | None]) -> YearFigure | None:
    """The year's figure as at ``as_at``: the outturn at the year's last month when entered, else the YTD."""
    if is_reporting_year_end(as_at, ytd.start_month):
        outturn = _outturn(outturns, reporting_year_label(as_at, ytd.start_month), ytd.decimals)
        if outturn is not None:
            return YearFigure(outturn, "outturn")
    if ytd.method == YtdMethod.NONE:
        return None
    value = ytd.at(as_at).value
    return None if value is None else YearFigure(value, "ytd")


def previous_year_figure(
    ytd: YtdSeries, as_at: Month, outturns: Mapping[str, Decimal | None]
) -> YearFigure | None:
    """What the year's figure as at ``as_at`` is compared with on the ``year`` basis.

    For ``sum`` the previous year's YTD as at the same month (its outturn at the last
    month), since a part-year total only compares with the same part of last year;
    otherwise the previous year's outturn, else its YTD as at its last month.
    """
    same_month_last_year = as_at.plus(-12)
    if ytd.method == YtdMethod.SUM:
        return year_figure(ytd, same_month_last_year, outturns)
    outturn = _outturn(outturns, reporting_year_label(same_month_last_year, ytd.start_month), ytd.decimals)
    if outturn is not None:
        return YearFigure(outturn, "outturn")
    if ytd.method == YtdMethod.NONE:
        return None
    value = ytd.at(reporting_year_end(same_month_last_year, ytd.start_month)).value
    return None if value is None else YearFigure(value, "ytd")
