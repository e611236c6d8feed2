"""Commentary and exception notes on the scorecard page in a real browser (issue 11, item 3): the
notes switch works without JavaScript, the notes stay in view beside the sticky indicator column,
the staff warning lists the demo's ten reds with no exception note; axe-core clean, screenshots at
1366 px."""

from datetime import date

import pytest

from portal.demo import DEMO_USERS, load_demo
from scorecards.models import Commentary, Indicator, Scorecard
from tests.browser.conftest import SCREENSHOTS, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "/scorecards/corporate-parenting/2020-12/"
OFFICER = next(user for user in DEMO_USERS if user.username == "officer")
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()
    scorecard = Scorecard.objects.get(slug="corporate-parenting")
    indicator = Indicator.objects.get(scorecard=scorecard, number="6.9")
    for kind, text in (
        ("commentary", "Fewer children left care for a **permanent** home this quarter."),
        ("exception", "Court delays held back three adoptions:\n\n- two hearings moved to January\n- one awaiting a report"),
    ):
        Commentary.objects.create(scorecard=scorecard, indicator=indicator, period=date(2020, 12, 1), kind=kind, text=text)


def test_live_page_with_notes_switched_on_at_a_laptops_width(live_server, axe_page):
    axe_page.set_viewport_size(LAPTOP)
    sign_in(axe_page, live_server.url, OFFICER.username, OFFICER.password)
    axe_page.goto(f"{live_server.url}{PAGE}?live=1")
    warning = axe_page.locator("#missing-exception-notes")
    # 6.9 has its note now: nine of the demo's ten reds are left without one.
    assert "9 red ratings have no exception note" in warning.inner_text()
    assert warning.get_by_role("listitem").count() == 9

    axe_page.get_by_role("link", name="Show commentary and exception notes").click()
    axe_page.wait_for_load_state()
    assert axe_page.url.endswith("?live=1&notes=1")
    notes = axe_page.locator("tr.app-notes-row")
    assert notes.count() == 1
    assert "Court delays held back three adoptions" in notes.inner_text()
    # The notes row sits under 6.9's own row and spans the whole table.
    assert axe_page.evaluate(
        "() => document.querySelector('tr.app-notes-row').previousElementSibling.querySelector('th').innerText"
    ).startswith("6.9")
    row = notes.bounding_box()
    table = axe_page.locator("table.app-scorecard").bounding_box()
    assert abs(row["width"] - table["width"]) <= 2
    # Its text starts within the window, and stays there when the table scrolls sideways.
    axe_page.locator(".app-table-scroll").evaluate("region => region.scrollLeft = 800")
    text = axe_page.locator(".app-notes__text").bounding_box()
    assert 0 <= text["x"] < LAPTOP["width"] / 2
    axe_page.locator(".app-table-scroll").evaluate("region => region.scrollLeft = 0")
    notes.scroll_into_view_if_needed()
    axe_page.screenshot(path=str(SCREENSHOTS / "scorecard-notes-1366.png"))
    axe_page.locator("#exceptions").scroll_into_view_if_needed()
    axe_page.screenshot(path=str(SCREENSHOTS / "scorecard-exceptions-1366.png"))
    assert_accessible(axe_page, "scorecard-live-notes-1366")
