"""RAG in month and at year end (docs/rules.md section 7), against a stand-in for the parsed tolerance."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from scorecards.compute.periods import Month
from scorecards.compute.rag import Rates, rag_in_month, rag_year_end, target_for
from scorecards.compute.vocabulary import Rag, YtdMethod
from scorecards.compute.ytd import Observation, YearFigure

D = Decimal


@dataclass
class HighTarget:
    """Green at ``green`` or more, amber from ``amber``, red below; records what it rated."""

    amber: Decimal
    green: Decimal
    rated: list[Decimal] = field(default_factory=list)

    def rate(self, value: Decimal) -> Rag | None:
        self.rated.append(value)
        if value >= self.green:
            return Rag.GREEN
        return Rag.AMBER if value >= self.amber else Rag.RED


class NoTarget:
    """A no-target marker (``n/a``) or a target in words: it rates nothing."""

    def rate(self, value: Decimal) -> Rag | None:
        return None


def month_values(**values: str) -> dict[Month, Observation]:
    result = {}
    for key, value in values.items():
        period = Month.parse(key.removeprefix("m").replace("_", "-"))
        result[period] = Observation(period, None if value == "-" else D(value))
    return result


def test_fakes_satisfy_the_protocol() -> None:
    target: Rates = HighTarget(D(40), D(45))
    words: Rates = NoTarget()
    assert target.rate(D(50)) == Rag.GREEN
    assert words.rate(D(50)) is None


# Seed 003 row 3.4 (Info; <40% / 40%< / 45%): March 2016 51.8% is green in month and
# the year's 43.6% amber at year end (docs/rules.md section 7).
def test_row_3_4_green_in_month_amber_at_year_end() -> None:
    target = HighTarget(D(40), D(45))
    targets = {"2015/16": target}
    data = month_values(m2016_01="41.9", m2016_02="42.9", m2016_03="51.8")
    assert rag_in_month(YtdMethod.RATIO, data, Month(2016, 3), 4, targets) == Rag.GREEN
    assert rag_year_end(YtdMethod.RATIO, YearFigure(D("43.6"), "ytd"), Month(2016, 3), 4, targets) == Rag.AMBER
    assert target.rated == [D("51.8"), D("43.6")]


@pytest.mark.parametrize(
    ("method", "current", "targets", "expected"),
    [
        (YtdMethod.RATIO, Month(2020, 12), {"2020/21": HighTarget(D(90), D(95))}, Rag.AMBER),
        (YtdMethod.NONE, Month(2020, 12), {"2020/21": HighTarget(D(95), D(98))}, Rag.RED),
        (YtdMethod.MEAN, Month(2020, 12), {"2020/21": HighTarget(D(80), D(90))}, Rag.GREEN),
        (YtdMethod.LATEST, Month(2020, 12), {"2020/21": HighTarget(D(80), D(90))}, Rag.GREEN),
        # the target is for the year's total: a sum indicator has no RAG in month
        (YtdMethod.SUM, Month(2020, 12), {"2020/21": HighTarget(D(80), D(90))}, None),
        # the target of the year that contains the current period, not of M's year
        (YtdMethod.NONE, Month(2021, 3), {"2020/21": HighTarget(D(80), D(90)), "2021/22": HighTarget(D(99), D(100))}, Rag.GREEN),
        (YtdMethod.NONE, Month(2021, 3), {"2021/22": HighTarget(D(80), D(90))}, None),
        # no current period, no target row, an empty row, a no-target marker or words: no RAG
        (YtdMethod.NONE, None, {"2020/21": HighTarget(D(80), D(90))}, None),
        (YtdMethod.NONE, Month(2020, 12), {}, None),
        (YtdMethod.NONE, Month(2020, 12), {"2020/21": None}, None),
        (YtdMethod.NONE, Month(2020, 12), {"2020/21": NoTarget()}, None),
        (YtdMethod.NONE, Month(2020, 11), {"2020/21": HighTarget(D(80), D(90))}, None),  # Nov has no value
    ],
)
def test_rag_in_month(method: YtdMethod, current: Month | None, targets: dict, expected: Rag | None) -> None:
    data = month_values(m2020_10="97.1", m2020_11="-", m2020_12="91.9", m2021_03="92.0")
    assert rag_in_month(method, data, current, 4, targets) == expected


def test_rag_in_month_with_a_january_start() -> None:
    data = month_values(m2020_12="91.9")
    targets = {"2020": HighTarget(D(80), D(90)), "2020/21": HighTarget(D(95), D(99))}
    assert rag_in_month(YtdMethod.NONE, data, Month(2020, 12), 1, targets) == Rag.GREEN
    assert target_for(targets, Month(2020, 12), 4) is targets["2020/21"]


@pytest.mark.parametrize(
    ("method", "figure", "as_at", "expected"),
    [
        (YtdMethod.RATIO, YearFigure(D("96.1"), "ytd"), Month(2020, 12), Rag.GREEN),
        (YtdMethod.RATIO, YearFigure(D("21.7"), "ytd"), Month(2020, 12), Rag.RED),
        (YtdMethod.MEAN, YearFigure(D("92.0"), "ytd"), Month(2020, 6), Rag.AMBER),
        (YtdMethod.NONE, YearFigure(D("96.0"), "outturn"), Month(2021, 3), Rag.GREEN),
        # sum: nine months' total is not rated against a year's target ...
        (YtdMethod.SUM, YearFigure(D("140"), "ytd"), Month(2020, 12), None),
        (YtdMethod.SUM, YearFigure(D("140"), "ytd"), Month(2021, 2), None),
        # ... only the year's last month is
        (YtdMethod.SUM, YearFigure(D("140"), "ytd"), Month(2021, 3), Rag.GREEN),
        (YtdMethod.SUM, YearFigure(D("80"), "outturn"), Month(2021, 3), Rag.RED),
        # no year's figure: no RAG
        (YtdMethod.RATIO, None, Month(2020, 12), None),
    ],
)
def test_rag_year_end(method: YtdMethod, figure: YearFigure | None, as_at: Month, expected: Rag | None) -> None:
    targets = {"2020/21": HighTarget(D(90), D(95)), "2019/20": HighTarget(D(0), D(1))}
    if method == YtdMethod.SUM:
        targets = {"2020/21": HighTarget(D(100), D(120))}
    assert rag_year_end(method, figure, as_at, 4, targets) == expected


def test_rag_year_end_uses_the_target_of_as_at_year() -> None:
    targets = {"2019/20": HighTarget(D(0), D(1)), "2020/21": HighTarget(D(90), D(95))}
    assert rag_year_end(YtdMethod.RATIO, YearFigure(D("50.0"), "ytd"), Month(2020, 4), 4, targets) == Rag.RED
    assert rag_year_end(YtdMethod.RATIO, YearFigure(D("50.0"), "ytd"), Month(2020, 3), 4, targets) == Rag.GREEN
    # targets do not carry forward
    assert rag_year_end(YtdMethod.RATIO, YearFigure(D("50.0"), "ytd"), Month(2021, 4), 4, targets) is None
    assert rag_year_end(YtdMethod.RATIO, YearFigure(D("50.0"), "ytd"), Month(2020, 12), 4, {"2020/21": NoTarget()}) is None
