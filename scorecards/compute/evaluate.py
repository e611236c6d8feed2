"""Every computed figure of one indicator as at a month: what a scorecard row and its export need.

``evaluate_series`` is what a publication freezes (each of its 24 months); it shares one
YTD pass per reporting year across all the months it is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from scorecards.compute.dot import DotResult, current_period, month_basis_dot, year_basis_dot
from scorecards.compute.periods import Month, reporting_year_label
from scorecards.compute.precision import default_decimals, format_figure
from scorecards.compute.rag import Targets, rag_in_month, rag_year_end
from scorecards.compute.vocabulary import (
    ArrowConvention,
    DotBasis,
    Frequency,
    Polarity,
    Rag,
    Unit,
    YtdMethod,
)
from scorecards.compute.ytd import Observation, YearFigure, YtdSeries, previous_year_figure, year_figure


@dataclass(frozen=True)
class IndicatorSpec:
    """What the rules need to know of an indicator; ``decimals`` defaults from the unit."""

    number: str
    polarity: Polarity
    unit: Unit = Unit.NUMBER
    frequency: Frequency = Frequency.MONTHLY
    ytd_method: YtdMethod = YtdMethod.NONE
    decimals: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "polarity", Polarity(self.polarity))
        object.__setattr__(self, "unit", Unit(self.unit))
        object.__setattr__(self, "frequency", Frequency(self.frequency))
        object.__setattr__(self, "ytd_method", YtdMethod(self.ytd_method))
        if self.decimals is None:
            object.__setattr__(self, "decimals", default_decimals(self.unit))
        elif self.decimals < 0:
            raise ValueError(f"indicator {self.number}: decimal places must be zero or more, not {self.decimals}")

    @property
    def places(self) -> int:
        assert self.decimals is not None
        return self.decimals


@dataclass(frozen=True)
class ScorecardSettings:
    start_month: int = 4
    dot_basis: DotBasis = DotBasis.MONTH
    arrow_convention: ArrowConvention = ArrowConvention.PERFORMANCE

    def __post_init__(self) -> None:
        if not 1 <= self.start_month <= 12:
            raise ValueError(f"reporting year start month must be 1 to 12, not {self.start_month}")
        object.__setattr__(self, "dot_basis", DotBasis(self.dot_basis))
        object.__setattr__(self, "arrow_convention", ArrowConvention(self.arrow_convention))


@dataclass(frozen=True)
class IndicatorFigures:
    as_at: Month
    reporting_year: str
    current_period: Month | None
    ytd: Decimal | None
    ytd_incomplete: bool
    year_figure: YearFigure | None
    previous_year_figure: YearFigure | None
    dot: DotResult
    rag_in_month: Rag | None
    rag_year_end: Rag | None
    decimals: int = field(repr=False, default=0)

    def as_export(self) -> dict[str, Any]:
        """The computed keys of a JSON export row (docs/workbook.md), figures as decimal strings."""
        return {
            "current_period": None if self.current_period is None else str(self.current_period),
            "ytd": format_figure(self.ytd, self.decimals),
            "ytd_incomplete": self.ytd_incomplete,
            "year_figure": None
            if self.year_figure is None
            else {"value": format_figure(self.year_figure.value, self.decimals), "source": self.year_figure.source},
            "dot": self.dot.as_export(),
            "rag": {
                "in_month": None if self.rag_in_month is None else str(self.rag_in_month),
                "year_end": None if self.rag_year_end is None else str(self.rag_year_end),
            },
        }


def _figures_at(
    spec: IndicatorSpec,
    settings: ScorecardSettings,
    observations: Mapping[Month, Observation],
    targets: Targets,
    outturns: Mapping[str, Decimal | None],
    ytd: YtdSeries,
    as_at: Month,
) -> IndicatorFigures:
    start_month = settings.start_month
    current = current_period(observations, as_at, spec.frequency)
    ytd_result = ytd.at(as_at)
    this_year = year_figure(ytd, as_at, outturns)
    in_month = rag_in_month(spec.ytd_method, observations, current, start_month, targets)
    year_end = rag_year_end(spec.ytd_method, this_year, as_at, start_month, targets)
    if settings.dot_basis == DotBasis.YEAR:
        dot = year_basis_dot(ytd, as_at, outturns, spec.polarity, settings.arrow_convention, year_end)
    else:
        dot = month_basis_dot(observations, current, spec.polarity, settings.arrow_convention, in_month)
    return IndicatorFigures(
        as_at=as_at,
        reporting_year=reporting_year_label(as_at, start_month),
        current_period=current,
        ytd=ytd_result.value,
        ytd_incomplete=ytd_result.incomplete,
        year_figure=this_year,
        previous_year_figure=previous_year_figure(ytd, as_at, outturns),
        dot=dot,
        rag_in_month=in_month,
        rag_year_end=year_end,
        decimals=spec.places,
    )


def evaluate_series(
    spec: IndicatorSpec,
    settings: ScorecardSettings,
    observations: Mapping[Month, Observation],
    targets: Targets,
    outturns: Mapping[str, Decimal | None],
    months: Iterable[Month],
) -> dict[Month, IndicatorFigures]:
    """Figures as at each of ``months``, in the order given.

    Each reporting year's YTD is accumulated once and shared; per month the remaining work
    is a bounded look-back (at most N months for the current period, twelve for the
    comparison).
    """
    ytd = YtdSeries(spec.ytd_method, observations, settings.start_month, spec.unit, spec.places)
    return {
        as_at: _figures_at(spec, settings, observations, targets, outturns, ytd, as_at) for as_at in months
    }


def evaluate_indicator(
    spec: IndicatorSpec,
    settings: ScorecardSettings,
    observations: Mapping[Month, Observation],
    targets: Targets,
    outturns: Mapping[str, Decimal | None],
    as_at: Month,
) -> IndicatorFigures:
    return evaluate_series(spec, settings, observations, targets, outturns, [as_at])[as_at]
