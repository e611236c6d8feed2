"""Indicator pages in a real browser: axe-core clean, the plotly chart drawn under the real CSP."""

from datetime import date
from decimal import Decimal

import pytest

from scorecards.models import Observation
from portal.demo import DEMO_USERS, load_demo
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
BASE = "/scorecards/corporate-parenting/2020-12/indicators"
OFFICER = next(demo for demo in DEMO_USERS if demo.username == "officer")


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


@pytest.mark.parametrize(
    "number, kind",
    [("6.9", "percentage"), ("6.1", "count"), ("11.5", "within-limits")],
)
def test_indicator_pages_are_accessible(live_server, axe_page, number, kind):
    axe_page.goto(f"{live_server.url}{BASE}/{number}/")
    axe_page.wait_for_selector("#trend-chart svg.main-svg")
    assert axe_page.get_by_role("heading", level=1).inner_text().startswith(number)
    assert_accessible(axe_page, f"indicator-{kind}-{number}")


def test_chart_draws_under_the_real_csp_with_no_script_violation(live_server, page):
    page.goto(f"{live_server.url}{BASE}/6.9/")
    page.wait_for_selector("#trend-chart svg.main-svg", timeout=15000)
    # One point per month with a figure, drawn by plotly from the JSON in the page.
    assert page.locator("#trend-chart .scatterlayer .trace").count() >= 1
    script_violations = [m for m in page.console_messages if "Content Security Policy" in m and "script" in m.lower()]
    assert script_violations == []
    # The strict policy is still strict for scripts on this page.
    response = page.request.get(f"{live_server.url}{BASE}/6.9/")
    assert "script-src 'self';" in response.headers["content-security-policy"] + ";"


def test_back_and_next_links_keep_month_and_filters(live_server, page):
    page.goto(f"{live_server.url}/scorecards/corporate-parenting/2020-12/?rag=red")
    page.get_by_role("link", name="Rate of Looked After Children per 10,000 population aged under 18 (Council Plan Indicator)").click()
    assert page.url == f"{live_server.url}{BASE}/6.2/?rag=red"
    page.get_by_role("link", name="Next indicator").click()
    assert page.url == f"{live_server.url}{BASE}/6.3/?rag=red"
    page.get_by_role("link", name="Back to the scorecard").click()
    assert page.url == f"{live_server.url}/scorecards/corporate-parenting/2020-12/?rag=red"


def test_public_never_sees_live_figures_or_history_and_staff_do(live_server, axe_page):
    Observation.objects.filter(indicator__number="6.1", period=date(2020, 12, 1)).update(value=Decimal("630"))
    axe_page.goto(f"{live_server.url}{BASE}/6.1/?live=1")
    text = axe_page.locator("main").inner_text()
    assert "Live figures" not in text and "Revision history" not in text
    assert "615 (Dec-20)" in text

    sign_in(axe_page, live_server.url, OFFICER.username, OFFICER.password)
    axe_page.goto(f"{live_server.url}{BASE}/6.1/")
    axe_page.get_by_role("link", name="Show the live figures").click()
    axe_page.wait_for_selector("#trend-chart svg.main-svg")
    text = axe_page.locator("main").inner_text()
    assert "Live figures" in text and "630 (Dec-20)" in text and "Revision history" in text
    assert_accessible(axe_page, "indicator-live-officer-6.1")
