"""GET /scorecards/<slug>/<yyyy-mm>.json and the export's shape (docs/workbook.md)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scorecards.compute.periods import Month
from scorecards.models import Observation
from scorecards.selectors import scorecard_export
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db
URL = "/scorecards/test-card/2020-12.json"


@pytest.fixture
def published():
    scorecard = build_scorecard(indicator_count=3)
    publish_scorecard(scorecard, Month(2020, 12))
    return scorecard


def test_public_gets_the_latest_publication_in_the_documented_shape(client, published):
    response = client.get(URL)
    assert response.status_code == 200
    payload = response.json()
    assert payload["scorecard"] == "test-card"
    assert payload["as_at"] == "2020-12"
    assert payload["reporting_year"] == "2020/21"
    assert payload["periods"] == ["2020-10", "2020-11", "2020-12"]
    assert payload["figures"] == "published"
    assert payload["publication"]["document_status"] == "Issue 1"
    row = payload["rows"][0]
    for key in [
        "number", "section", "name", "polarity", "unit", "values", "marks", "current_period", "ytd",
        "ytd_incomplete", "year_figure", "dot", "rag", "target", "outturns", "benchmarks",
    ]:
        assert key in row
    assert row["number"] == "1.1" and row["section"] == "LOOKED AFTER CHILDREN"
    assert set(row["values"]) == {"2020-10", "2020-11", "2020-12"}
    assert all(isinstance(v, str) and v.count(".") == 1 and len(v.split(".")[1]) == 1 for v in row["values"].values())
    assert row["current_period"] == "2020-12"
    assert set(row["rag"]) == {"in_month", "year_end"}
    assert {"basis", "movement", "judgement", "qualifier", "state", "arrow"} <= set(row["dot"])
    assert row["target"] == {
        "year": "2020/21", "red": "<40%", "amber": "40%>", "green": "50%+", "kind": "bands", "words": None,
    }
    assert list(row["outturns"]) == ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20"]
    assert row["benchmarks"]["national_average"] == {"value": "47.0", "year": "2018/19", "source": "DfE"}
    assert "no-store" not in response["Cache-Control"]


def test_404_when_the_month_has_no_publication(client, published):
    assert client.get("/scorecards/test-card/2020-11.json").status_code == 404
    assert client.get("/scorecards/no-such-card/2020-12.json").status_code == 404


def test_staff_see_live_figures_with_live_1_and_the_public_never_does(client, published, officer, councillor):
    Observation.objects.filter(indicator__number="1.1", period=date(2020, 12, 1)).update(
        value=Decimal("61.0"), numerator=Decimal("61")
    )
    assert client.get(URL + "?live=1").json()["rows"][0]["values"]["2020-12"] != "61.0"

    client.force_login(councillor)
    assert client.get(URL + "?live=1").json()["figures"] == "published"

    client.force_login(officer)
    live = client.get(URL + "?live=1")
    assert live.json()["figures"] == "live"
    assert live.json()["rows"][0]["values"]["2020-12"] == "61.0"
    assert live["Cache-Control"] == "private, no-store"
    assert client.get(URL).json()["rows"][0]["values"]["2020-12"] != "61.0"


def test_live_export_without_publication_for_staff(client, officer):
    build_scorecard(indicator_count=1)
    client.force_login(officer)
    assert client.get(URL + "?live=1").json()["figures"] == "live"


@pytest.mark.parametrize("live", [True, False])
def test_export_query_count_does_not_grow_with_indicators(live):
    counts = []
    for size, slug in [(5, "small"), (200, "large")]:
        scorecard = build_scorecard(indicator_count=size, slug=slug, months=3)
        if not live:
            publish_scorecard(scorecard, Month(2020, 12))
        with CaptureQueriesContext(connection) as queries:
            payload = scorecard_export(scorecard, Month(2020, 12), live=live)
        assert len(payload["rows"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_live_figures_equal_the_published_ones_when_nothing_changed(published_demo, db):
    """The live export reads only the months it needs; the publication computed each of its 24
    months from a longer window. With nothing changed they must agree on every figure."""
    from scorecards.models import Scorecard

    for slug, as_at in [("corporate-parenting", Month(2020, 12)), ("safeguarding-children-families", Month(2016, 3))]:
        scorecard = Scorecard.objects.get(slug=slug)
        live = scorecard_export(scorecard, as_at, live=True)
        published = scorecard_export(scorecard, as_at, live=False)
        assert live["rows"] == published["rows"]
