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
    page.get_by_role("link", name="Rate of Looked After Children per 10,000 population aged under 18 (Council Plan Indicator)", exact=True).click()
    assert page.url == f"{live_server.url}{BASE}/6.2/?rag=red"
    page.get_by_role("link", name="Next: 6.3 Admissions of Looked After Children").click()
    assert page.url == f"{live_server.url}{BASE}/6.3/?rag=red"
    page.get_by_role("link", name="Back to the scorecard").click()
    assert page.url == f"{live_server.url}/scorecards/corporate-parenting/2020-12/?rag=red"


BOXES = """() => {
  const box = element => {
    const r = element.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const chart = document.querySelector("#trend-chart");
  return {
    svg: box(chart.querySelector(".main-svg")),
    titles: [...chart.querySelectorAll(".gtitle")].map(box),
    ytitle: box(chart.querySelector(".ytitle")),
    lines: [...chart.querySelectorAll(".gtitle tspan.line")].map(line => line.textContent),
    text: chart.querySelector(".gtitle").textContent,
  };
}"""


def inside(box, frame) -> bool:
    left, top, right, bottom = box
    return left >= frame[0] - 0.5 and top >= frame[1] - 0.5 and right <= frame[2] + 0.5 and bottom <= frame[3] + 0.5


@pytest.mark.parametrize("width", [320, 768, 1366, 1920])
def test_the_chart_title_and_axis_title_are_whole_at_every_width(live_server, page, width):
    # 6.2 has the demo's longest title and a "per 10,000" unit on its y axis.
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{BASE}/6.2/")
    page.wait_for_selector("#trend-chart svg.main-svg .gtitle")
    page.wait_for_timeout(300)  # the script settles the title after the first draw
    boxes = page.evaluate(BOXES)
    assert boxes["titles"] and all(inside(box, boxes["svg"]) for box in boxes["titles"]), boxes
    assert inside(boxes["ytitle"], boxes["svg"]), boxes
    assert (len(boxes["lines"]) > 1) == (width <= 768), boxes  # wrapped where one line would not fit
    text = " ".join(boxes["lines"]) or boxes["text"]
    assert " ".join(text.split()) == "6.2 Rate of Looked After Children per 10,000 population aged under 18 (Council Plan Indicator)"


def test_the_chart_title_rewraps_when_the_window_changes(live_server, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{BASE}/6.2/")
    page.wait_for_selector("#trend-chart svg.main-svg .gtitle")
    page.set_viewport_size({"width": 320, "height": 900})
    for _ in range(30):  # no wait_for_function: the page's CSP forbids its eval
        page.wait_for_timeout(100)
        boxes = page.evaluate(BOXES)
        if len(boxes["lines"]) > 1:
            break
    page.wait_for_timeout(300)
    boxes = page.evaluate(BOXES)
    assert len(boxes["lines"]) > 1, boxes
    assert all(inside(box, boxes["svg"]) for box in boxes["titles"]), boxes
    assert inside(boxes["ytitle"], boxes["svg"]), boxes


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
