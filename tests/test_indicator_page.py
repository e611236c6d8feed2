"""The indicator page: the series, the chart's data, words about targets and benchmarks, history."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from scorecards.figures import BenchmarkFigure
from scorecards.models import Observation
from scorecards.presentation import benchmark_sentences

pytestmark = pytest.mark.django_db
BASE = "/scorecards/corporate-parenting/2020-12/indicators"


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once for the module); each test's changes roll back."""


def chart_figure(html: str) -> dict:
    match = re.search(r'<script id="trend-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("number", ["6.9", "6.1", "11.5"])  # a percentage, a count, a Within Limits range
def test_indicator_page_shows_series_chart_data_and_words(client, demo, number):
    response = client.get(f"{BASE}/{number}/")
    assert response.status_code == 200
    html = response.content.decode()
    figure = chart_figure(html)
    series = figure["data"][0]
    assert len(series["x"]) == 24 and series["x"][-1].startswith("2020-12")
    assert "Figures by month" in html and "Outturns" in html and "Benchmarks" in html
    assert "Revision history" not in html  # the public never sees it
    assert '<script src="/static/vendor/plotly/plotly-strict.min.js"></script>' in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp + ";" and "'unsafe-eval'" not in csp
    assert "style-src 'self' 'unsafe-inline'" in csp  # plotly's injected styles, on this page alone


def test_percentage_indicator_figures_and_sentences(client, demo):
    html = client.get(f"{BASE}/6.9/").content.decode()
    assert "16.7% (Dec-20)" in html
    assert "Green at 22.7% or more, amber from 20% to under 22.7%, red below 20%" in html
    assert "Worse than the statistical neighbour average (17.3%, 2018/19)." in html
    assert "Better than the national average (12.0%, 2018/19)." in html
    assert "26/120" not in html  # counts are per month, not the YTD
    figure = chart_figure(html)
    assert figure["data"][0]["y"][-1] == pytest.approx(16.7)


def test_within_limits_indicator_describes_its_range(client, demo):
    html = client.get(f"{BASE}/11.5/").content.decode()
    assert "green from 14 to 20" in html.lower()


def test_unknown_indicator_is_404(client, demo):
    assert client.get(f"{BASE}/99.9/").status_code == 404


def test_navigation_keeps_the_month_and_filters(client, demo):
    html = client.get(f"{BASE}/6.9/?rag=red&section=LOOKED+AFTER+CHILDREN").content.decode()
    assert 'href="/scorecards/corporate-parenting/2020-12/?rag=red&amp;section=LOOKED+AFTER+CHILDREN">Back to the scorecard' in html
    assert f'href="{BASE}/6.8/?rag=red&amp;section=LOOKED+AFTER+CHILDREN" rel="prev"' in html
    assert f'href="{BASE}/6.10/?rag=red&amp;section=LOOKED+AFTER+CHILDREN" rel="next"' in html
    page = client.get("/scorecards/corporate-parenting/2020-12/?rag=red").content.decode()
    assert f'href="{BASE}/6.9/?rag=red"' in page


def test_staff_see_live_figures_and_the_revision_history(client, demo, officer):
    observation = Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1))
    observation.value = Decimal("620")
    observation._change_reason = "late entries"
    observation._history_user = officer
    observation.save()

    public = client.get(f"{BASE}/6.1/?live=1").content.decode()
    assert "Revision history" not in public and "Live figures" not in public
    assert chart_figure(public)["data"][0]["y"][-1] == 615

    client.force_login(officer)
    published = client.get(f"{BASE}/6.1/").content.decode()
    assert "Revision history" in published and "late entries" in published
    assert chart_figure(published)["data"][0]["y"][-1] == 615
    live = client.get(f"{BASE}/6.1/?live=1").content.decode()
    assert "Live figures" in live
    assert '<abbr title="revised since it was first published">[r]</abbr>' in live
    assert chart_figure(live)["data"][0]["y"][-1] == 620


@pytest.mark.parametrize(
    "value, polarity, expected",
    [
        ("50.0", "High", "Better than the national average (12.0%, 2018/19)."),
        ("5.0", "High", "Worse than the national average (12.0%, 2018/19)."),
        ("5.0", "Low", "Better than the national average (12.0%, 2018/19)."),
        ("50.0", "Info", "Higher than the national average (12.0%, 2018/19)."),
        ("12.0", "High", "The same as the national average (12.0%, 2018/19)."),
    ],
)
def test_benchmark_sentences_follow_polarity(value, polarity, expected):
    benchmarks = {"national_average": BenchmarkFigure(value="12.0", year="2018/19", source="DfE")}
    assert benchmark_sentences(value, benchmarks, polarity, "percentage") == [expected]
