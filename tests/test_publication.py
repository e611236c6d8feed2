"""Publishing a scorecard as at a month freezes it (docs/architecture.md, the domain)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from scorecards.compute.periods import Month
from scorecards.models import Observation, Publication
from scorecards.selectors import published_data
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db
DEC_2020 = Month(2020, 12)


def test_publication_freezes_24_months_and_their_computed_figures(officer):
    scorecard = build_scorecard(indicator_count=2, months=30)
    publication, created = publish_scorecard(scorecard, DEC_2020, user=officer)
    assert created and publication.issue == 1 and publication.document_status == "Issue 1"
    assert publication.published_by == officer

    data = published_data(publication)
    periods = sorted(data.indicators[0].observations)
    assert periods[0] == "2019-01" and periods[-1] == "2020-12" and len(periods) == 24
    computed = publication.snapshot["computed"]["1.1"]
    assert sorted(computed) == periods
    assert computed["2020-12"]["ytd"] is not None
    assert computed["2020-12"]["dot"]["basis"] == "month"
    assert data.indicators[0].targets["2020/21"] == {"red": "<40%", "amber": "40%>", "green": "50%+"}
    assert data.indicators[0].benchmarks["national_average"]["year"] == "2018/19"


def test_publishing_again_with_nothing_changed_does_nothing():
    scorecard = build_scorecard(indicator_count=2)
    first, _ = publish_scorecard(scorecard, DEC_2020)
    again, created = publish_scorecard(scorecard, DEC_2020)
    assert not created and again.pk == first.pk
    assert Publication.objects.count() == 1


def test_a_revision_makes_the_next_issue_and_never_changes_the_first():
    scorecard = build_scorecard(indicator_count=2)
    first, _ = publish_scorecard(scorecard, DEC_2020)
    frozen = first.snapshot
    observation = Observation.objects.get(indicator__number="1.1", period=date(2020, 12, 1))
    observation.value, observation.numerator = Decimal("60.0"), Decimal("60")
    observation.save()

    second, created = publish_scorecard(scorecard, DEC_2020)
    assert created and second.issue == 2
    first.refresh_from_db()
    assert first.snapshot == frozen
    assert published_data(first).indicators[0].observations["2020-12"].value != "60.0"
    assert published_data(second).indicators[0].observations["2020-12"].value == "60.0"


def test_a_change_outside_the_frozen_months_still_counts_when_it_moves_a_computed_figure():
    scorecard = build_scorecard(indicator_count=1, months=40)
    publish_scorecard(scorecard, DEC_2020)
    # November 2018 is outside the 24 months but is the comparison month of the earliest one.
    Observation.objects.filter(period=date(2018, 12, 1)).update(value=Decimal("99.9"), numerator=None, denominator=None)
    _, created = publish_scorecard(scorecard, DEC_2020)
    assert created


def test_publish_command(capsys):
    build_scorecard(indicator_count=1, slug="cp")
    call_command("publish_scorecard", "cp", "--as-at", "2020-12")
    call_command("publish_scorecard", "cp", "--as-at", "2020-12")
    output = capsys.readouterr().out
    assert "Published cp as at 2020-12: Issue 1." in output
    assert "no new issue made" in output


def test_a_figure_changed_after_publication_is_marked_revised_r():
    from scorecards.selectors import scorecard_export

    scorecard = build_scorecard(indicator_count=2)
    for row in Observation.objects.filter(period=date(2020, 11, 1)):
        row.save()  # the builder bulk-creates without history; record the figures as entered
    publish_scorecard(scorecard, DEC_2020)
    observation = Observation.objects.get(indicator__number="1.1", period=date(2020, 11, 1))
    observation.value, observation.numerator = Decimal("59.0"), Decimal("59")
    observation.save()
    status_only = Observation.objects.get(indicator__number="1.2", period=date(2020, 11, 1))
    status_only.status = "provisional"
    status_only.save()

    live = {row["number"]: row for row in scorecard_export(scorecard, DEC_2020, live=True)["rows"]}
    assert live["1.1"]["marks"] == {"2020-11": ["[r]"]}
    assert live["1.2"]["marks"] == {"2020-11": ["[p]"]}  # a status change is not a revision
    published = scorecard_export(scorecard, DEC_2020, live=False)
    assert published["rows"][0]["marks"] == {}

    second, created = publish_scorecard(scorecard, DEC_2020)
    assert created
    republished = {row["number"]: row for row in scorecard_export(scorecard, DEC_2020, live=False)["rows"]}
    assert republished["1.1"]["marks"] == {"2020-11": ["[r]"]}
