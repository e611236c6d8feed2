"""Every change to a figure is kept: who, when, old value, new value, reason (docs/architecture.md, the domain)."""

from datetime import date
from decimal import Decimal

import pytest
from simple_history.utils import update_change_reason

from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Publication, Scorecard, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    scorecard = Scorecard.objects.create(slug="cp", title="Corporate Parenting")
    return Indicator.objects.create(scorecard=scorecard, number="6.1", name="Number of LAC", polarity="Info", decimals=0)


def test_observation_change_is_recorded_with_old_and_new_value_who_and_why(indicator, officer):
    observation = Observation.objects.create(indicator=indicator, period=date(2020, 12, 1), value=Decimal("615"))
    observation.value = Decimal("616")
    observation._history_user = officer
    observation._change_reason = "re-run of the December extract"
    observation.save()

    latest, first = observation.history.all()[:2]
    assert first.value == Decimal("615") and first.history_type == "+"
    assert latest.value == Decimal("616") and latest.history_type == "~"
    assert latest.history_user == officer
    assert latest.history_change_reason == "re-run of the December extract"
    assert latest.history_date is not None
    delta = latest.diff_against(first)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("value", Decimal("615"), Decimal("616"))]


@pytest.mark.parametrize(
    "model, create, change",
    [
        (Target, {"year": "2020/21", "green": "n/a"}, {"green": "95%+"}),
        (Outturn, {"year": "2019/20", "value": Decimal("595")}, {"value": Decimal("596")}),
        (Benchmark, {"measure": "national_average", "value": Decimal("67.0"), "decimals": 1}, {"value": Decimal("68.0")}),
    ],
)
def test_targets_outturns_benchmarks_keep_history(indicator, model, create, change):
    row = model.objects.create(indicator=indicator, **create)
    for field, value in change.items():
        setattr(row, field, value)
    row.save()
    update_change_reason(row, "annual target review")
    assert row.history.count() == 2
    assert row.history.first().history_change_reason == "annual target review"


def test_commentary_and_publication_keep_history(indicator):
    commentary = Commentary.objects.create(
        scorecard=indicator.scorecard, indicator=indicator, period=date(2020, 12, 1), kind="exception", text="Plan in place."
    )
    commentary.text = "Plan in place; review in January."
    commentary.save()
    assert commentary.history.count() == 2

    publication = Publication.objects.create(
        scorecard=indicator.scorecard,
        as_at=date(2020, 12, 1),
        issue=1,
        published_at="2021-01-15T10:00:00Z",
        content_hash="0" * 64,
        snapshot={"rows": []},
    )
    assert publication.history.count() == 1
    assert publication.document_status == "Issue 1"
