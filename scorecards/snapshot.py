"""A scorecard's stored figures as plain data: what a publication freezes and what exports read.

`ScorecardData` is built either from the database (the live figures, in `selectors`) or from a
publication's snapshot (the figures as presented). Everything here is plain JSON-ready values
(figures as decimal strings), so a publication stores exactly this and pages drawn from it
never touch the live tables.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from scorecards.compute.evaluate import IndicatorSpec, ScorecardSettings
from scorecards.compute.periods import Month
from scorecards.compute.tolerance import Tolerance, ToleranceError, parse_tolerance
from scorecards.compute.vocabulary import Mark, ObservationStatus
from scorecards.compute.ytd import Observation

SNAPSHOT_FORMAT = 1


def decimal_text(value: Decimal | None) -> str | None:
    """A figure kept as entered: no exponent, no trailing zeros beyond what was written."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


@lru_cache(maxsize=8192)
def stored_tolerance(red: str | None, amber: str | None, green: str | None, polarity: str) -> Tolerance | None:
    """The parsed form of stored cells. Parsing is pure and Tolerance is frozen, so each distinct
    triple is parsed once per process."""
    try:
        return parse_tolerance(red, amber, green, polarity)
    except ToleranceError:
        # Stored targets were validated on entry; one that no longer parses rates nothing.
        return None


def to_decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@dataclass
class ObservationData:
    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    mark: str | None = None
    status: str = ObservationStatus.FINAL.value
    revised: bool = False  # changed since first published ([r], docs/rules.md section 9)

    def marks(self) -> list[str]:
        """The marks shown beside the figure: a value mark, [p] from the status, [r] from history."""
        marks = [self.mark] if self.mark else []
        if self.status == ObservationStatus.PROVISIONAL:
            marks.append(Mark.PROVISIONAL.value)
        if self.revised:
            marks.append(Mark.REVISED.value)
        return marks


@dataclass
class IndicatorData:
    number: str
    name: str
    polarity: str
    section: str | None = None
    data_note: str = ""
    unit: str = "number"
    frequency: str = "monthly"
    ytd_method: str = "none"
    decimals: int = 1
    definition: str = ""
    observations: dict[str, ObservationData] = field(default_factory=dict)  # by period "2020-12"
    targets: dict[str, dict[str, str | None]] = field(default_factory=dict)  # by year: red, amber, green
    outturns: dict[str, str] = field(default_factory=dict)  # by year
    benchmarks: dict[str, dict[str, str | None]] = field(default_factory=dict)  # by measure: value, year, source

    @property
    def spec(self) -> IndicatorSpec:
        return IndicatorSpec(
            number=self.number,
            polarity=self.polarity,
            unit=self.unit,
            frequency=self.frequency,
            ytd_method=self.ytd_method,
            decimals=self.decimals,
        )

    def compute_observations(self) -> dict[Month, Observation]:
        return {
            Month.parse(period): Observation(
                period=Month.parse(period),
                value=to_decimal(o.value),
                numerator=to_decimal(o.numerator),
                denominator=to_decimal(o.denominator),
                mark=o.mark,
            )
            for period, o in self.observations.items()
        }

    def tolerance_for(self, year: str) -> Tolerance | None:
        cells = self.targets.get(year)
        if cells is None:
            return None
        return stored_tolerance(cells["red"], cells["amber"], cells["green"], self.polarity)

    def tolerances(self) -> dict[str, Tolerance | None]:
        return {
            year: stored_tolerance(cells["red"], cells["amber"], cells["green"], self.polarity)
            for year, cells in self.targets.items()
        }

    def compute_outturns(self) -> dict[str, Decimal | None]:
        return {year: Decimal(value) for year, value in self.outturns.items()}


@dataclass
class CommentaryData:
    period: str
    kind: str
    text: str
    number: str | None = None
    section: str | None = None
    author: str | None = None


@dataclass
class ScorecardData:
    slug: str
    title: str
    year_start_month: int = 4
    dot_basis: str = "month"
    arrow_convention: str = "performance"
    sections: list[str] = field(default_factory=list)
    indicators: list[IndicatorData] = field(default_factory=list)
    commentary: list[CommentaryData] = field(default_factory=list)

    @property
    def settings(self) -> ScorecardSettings:
        return ScorecardSettings(
            start_month=self.year_start_month, dot_basis=self.dot_basis, arrow_convention=self.arrow_convention
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScorecardData:
        indicators = [
            IndicatorData(
                **{
                    **item,
                    "observations": {p: ObservationData(**o) for p, o in item["observations"].items()},
                }
            )
            for item in data["indicators"]
        ]
        commentary = [CommentaryData(**item) for item in data["commentary"]]
        return cls(**{**data, "indicators": indicators, "commentary": commentary})


def content_hash(content: dict[str, Any]) -> str:
    """A stable fingerprint of frozen content, to tell a republication with no change."""
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
