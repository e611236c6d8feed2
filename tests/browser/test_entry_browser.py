"""The month-end entry grid in a real browser, by keyboard alone: tab to a figure, type, submit;
the error summary's link puts the focus on the field; fix it and submit. axe-core clean, at
1366 px and 320 px."""

import pytest

from portal.demo import DEMO_USERS, load_demo
from scorecards.models import Observation
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
OFFICER = next(demo for demo in DEMO_USERS if demo.username == "officer")
ENTRY = "/scorecards/corporate-parenting/2021-01/entry/"


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def test_entry_by_keyboard_alone(live_server, axe_page):
    page = axe_page
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server.url, OFFICER.username, OFFICER.password)
    page.goto(f"{live_server.url}{ENTRY}")
    assert page.get_by_role("heading", level=1).inner_text() == "Corporate Parenting Monthly Performance Report: January 2021"
    assert_accessible(page, "entry-grid-1366")
    target = page.locator('input[name$="-value"]').first.get_attribute("id")

    for _ in range(80):  # Tab from the top of the page to the first figure
        page.keyboard.press("Tab")
        if focused_id(page) == target:
            break
    assert focused_id(page) == target
    page.keyboard.type("abc")
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_load_state()

    summary = page.locator(".govuk-error-summary")
    assert "expected a number, a mark ([x], [z], [c], n/a) or empty; found \"abc\"" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.locator(f"#{target}").input_value() == "abc"
    assert_accessible(page, "entry-grid-error-1366")
    # GOV.UK Frontend focuses the summary; the next Tab reaches its link, Enter follows it.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(page) == target

    page.keyboard.press("Control+A")
    page.keyboard.type("45")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Saved 1 change." in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.locator(f"#{target}").input_value() != "abc"
    assert Observation.objects.filter(period="2021-01-01").count() == 1
    assert_accessible(page, "entry-grid-saved-1366")

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}{ENTRY}")
    assert_accessible(page, "entry-grid-320")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 320 px"
