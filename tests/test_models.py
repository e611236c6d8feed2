"""Model constraints of the scorecard domain (docs/architecture.md, the domain)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Scorecard, Section, Target, natural_sort_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def scorecard():
    return Scorecard.objects.create(slug="corporate-parenting", title="Corporate Parenting")


@pytest.fixture
def indicator(scorecard):
    return Indicator.objects.create(
        scorecard=scorecard, number="6.9", name="% of children adopted", polarity="High", unit="percentage", decimals=1
    )


def test_duplicate_observation_for_a_period_is_refused(indicator):
    Observation.objects.create(indicator=indicator, period=date(2020, 12, 1), value=Decimal("16.7"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(indicator=indicator, period=date(2020, 12, 1), value=Decimal("20.0"))


def test_observation_period_must_be_first_of_month(indicator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(indicator=indicator, period=date(2020, 12, 15), value=Decimal("1"))


def test_mark_cannot_sit_beside_a_value_or_numerator(indicator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(indicator=indicator, period=date(2020, 11, 1), value=Decimal("1"), mark="[c]")
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(indicator=indicator, period=date(2020, 11, 1), numerator=Decimal("1"), mark="[x]")
    Observation.objects.create(indicator=indicator, period=date(2020, 11, 1), mark="[c]")


def test_indicator_number_unique_within_a_scorecard_only(scorecard, indicator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(scorecard=scorecard, number="6.9", name="Again", polarity="High", decimals=1)
    other = Scorecard.objects.create(slug="other", title="Other scorecard")
    Indicator.objects.create(scorecard=other, number="6.9", name="Same number elsewhere", polarity="Low", decimals=0)
    assert Indicator.objects.filter(number="6.9").count() == 2


def test_one_target_per_indicator_and_year(indicator):
    Target.objects.create(indicator=indicator, year="2020/21", red="<20%", amber="20%>", green="22.7%+")
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(indicator=indicator, year="2020/21", green="25%+")
    Target.objects.create(indicator=indicator, year="2021/22", green="25%+")


def test_one_outturn_per_year_and_one_benchmark_per_measure(indicator):
    Outturn.objects.create(indicator=indicator, year="2019/20", value=Decimal("11.2"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Outturn.objects.create(indicator=indicator, year="2019/20", value=Decimal("12.0"))
    Benchmark.objects.create(indicator=indicator, measure="national_average", value=Decimal("12.0"), decimals=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Benchmark.objects.create(indicator=indicator, measure="national_average", value=Decimal("13.0"), decimals=1)


def test_commentary_belongs_to_an_indicator_or_a_section_not_both(scorecard, indicator):
    section = Section.objects.create(scorecard=scorecard, title="LOOKED AFTER CHILDREN")
    with pytest.raises(IntegrityError), transaction.atomic():
        Commentary.objects.create(
            scorecard=scorecard, indicator=indicator, section=section, period=date(2020, 12, 1), kind="commentary", text="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Commentary.objects.create(scorecard=scorecard, period=date(2020, 12, 1), kind="commentary", text="x")
    Commentary.objects.create(scorecard=scorecard, section=section, period=date(2020, 12, 1), kind="definition", text="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Commentary.objects.create(scorecard=scorecard, section=section, period=date(2020, 12, 1), kind="definition", text="y")


def test_figures_are_decimals(indicator):
    Observation.objects.create(indicator=indicator, period=date(2020, 10, 1), value=Decimal("36.8"))
    value = Observation.objects.get().value
    assert isinstance(value, Decimal)
    assert value == Decimal("36.8")


@pytest.mark.parametrize(
    "numbers",
    [["6.1", "6.2", "6.2a", "6.2b", "6.10", "6.11", "B.2", "B.12"]],
)
def test_indicator_numbers_sort_naturally(numbers):
    assert sorted(reversed(numbers), key=natural_sort_key) == numbers
