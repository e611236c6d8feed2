"""The indicator page: the series, the chart's data, words about targets and benchmarks, history."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from scorecards.figures import BenchmarkFigure
from scorecards.compute.periods import Month, reporting_year_label
from scorecards.models import Indicator, Observation
from scorecards.presentation import benchmark_sentences, indicator_details
from scorecards.selectors import indicator_view
from tests.builders import build_scorecard

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
    # The demo's figures begin in January 2020: no empty year before them.
    assert series["x"][0].startswith("2020-01") and len(series["x"]) == 12 and series["x"][-1].startswith("2020-12")
    assert f"{number} by month, January 2020 to December 2020" in html
    assert ">Jan-20</th>" in html and ">Dec-19</th>" not in html
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
    assert f'href="{BASE}/6.8/?rag=red&amp;section=LOOKED+AFTER+CHILDREN" rel="prev">Previous: 6.8 ' in html
    assert f'href="{BASE}/6.10/?rag=red&amp;section=LOOKED+AFTER+CHILDREN" rel="next">Next: 6.10 ' in html
    page = client.get("/scorecards/corporate-parenting/2020-12/?rag=red").content.decode()
    assert f'href="{BASE}/6.9/?rag=red"' in page


def test_previous_and_next_links_name_their_indicators(client, demo):
    html = client.get(f"{BASE}/6.2/").content.decode()
    assert f'href="{BASE}/6.1/" rel="prev">Previous: 6.1 Number of Looked After Children</a>' in html
    assert f'href="{BASE}/6.3/" rel="next">Next: 6.3 Admissions of Looked After Children</a>' in html
    first = client.get(f"{BASE}/6.1/").content.decode()
    assert 'rel="prev"' not in first and "Next: 6.2 Rate of Looked After Children" in first


def test_previous_and_next_names_come_from_the_live_figures_too(client, demo, officer):
    Indicator.objects.filter(scorecard__slug="corporate-parenting", number="6.3").update(name="Children newly looked after")
    client.force_login(officer)
    assert "Next: 6.3 Admissions of Looked After Children" in client.get(f"{BASE}/6.2/").content.decode()
    assert "Next: 6.3 Children newly looked after" in client.get(f"{BASE}/6.2/?live=1").content.decode()


@pytest.mark.parametrize(
    "months_of_figures, first, count",
    [
        (24, Month(2019, 1), 24),  # every month has a figure: all 24 shown
        (19, Month(2019, 6), 19),  # figures from June 2019: the series starts there
        (15, Month(2019, 10), 15),  # from October 2019, mid-way through 2019/20
        (7, Month(2020, 4), 9),  # from June 2020: the year 2020/21 is still shown from April
    ],
)
def test_the_series_starts_at_the_first_figure(db, months_of_figures, first, count):
    scorecard = build_scorecard(indicator_count=2, months=months_of_figures)
    view = indicator_view(scorecard, Month(2020, 12), "1.1", live=True)
    details = indicator_details(view.indicator, view.row, view.computed, view.months, view.data)

    assert [row.period for row in details["series"]][-1] == str(first)
    assert len(details["series"]) == count
    assert details["series"][0].period == "2020-12"  # newest first
    chart = details["figure"]["data"][0]
    assert chart["x"][0] == str(first) and len(chart["x"]) == count
    assert details["series_span"] == f"{first.long_name()} to December 2020"
    assert details["figure"]["layout"]["xaxis"]["range"][0] == f"{first.plus(-1)}-16"
    # No year before the series in the year-to-date table.
    assert [year for year, _, _ in details["ytd_years"]][-1] == reporting_year_label(first, 4)


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
