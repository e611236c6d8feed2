"""Plain constructors for scorecard data in tests (no factories)."""

from datetime import date
from decimal import Decimal

from scorecards.models import Benchmark, Indicator, Observation, Outturn, Scorecard, Section, Target


def build_scorecard(indicator_count: int = 5, slug: str = "test-card", months: int = 15) -> Scorecard:
    """A scorecard of percentage indicators with monthly figures up to December 2020."""
    scorecard = Scorecard.objects.create(slug=slug, title=f"Test scorecard {slug}")
    section = Section.objects.create(scorecard=scorecard, title="LOOKED AFTER CHILDREN", order=1)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            scorecard=scorecard,
            section=section,
            number=f"1.{n}",
            sort_key=f"1.{n:06d}",
            name=f"Indicator {n}",
            polarity="High",
            unit="percentage",
            ytd_method="ratio",
            decimals=1,
        )
        for n in range(1, indicator_count + 1)
    )
    observations, targets, outturns, benchmarks = [], [], [], []
    for indicator in indicators:
        for back in range(months):
            year, month = divmod(2020 * 12 + 11 - back, 12)
            numerator = Decimal(40 + (back * 7) % 13)
            observations.append(
                Observation(
                    indicator=indicator,
                    period=date(year, month + 1, 1),
                    numerator=numerator,
                    denominator=Decimal(100),
                    value=numerator.quantize(Decimal("0.1")),
                )
            )
        targets.append(Target(indicator=indicator, year="2020/21", red="<40%", amber="40%>", green="50%+"))
        outturns += [Outturn(indicator=indicator, year=f"{y}/{(y + 1) % 100:02d}", value=Decimal("45.5")) for y in range(2015, 2020)]
        benchmarks.append(Benchmark(indicator=indicator, measure="national_average", value=Decimal("47.0"), decimals=1, year="2018/19", source="DfE"))
    Observation.objects.bulk_create(observations)
    Target.objects.bulk_create(targets)
    Outturn.objects.bulk_create(outturns)
    Benchmark.objects.bulk_create(benchmarks)
    return scorecard
