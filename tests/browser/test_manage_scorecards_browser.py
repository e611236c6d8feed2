"""The scorecard form in a real browser, as the demo's admin: reached from Manage, refused with an
error summary that keeps what was typed, then created; its settings page with a section added.
axe-core clean at 1366 px and 320 px."""

import pytest

from portal.demo import DEMO_USERS, load_demo
from scorecards.models import Scorecard
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
ADMIN = next(demo for demo in DEMO_USERS if demo.username == "admin")


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def test_an_admin_creates_a_scorecard_and_adds_a_section(live_server, axe_page):
    page = axe_page
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server.url, ADMIN.username, ADMIN.password)
    page.get_by_role("link", name="Manage", exact=True).click()
    assert_accessible(page, "manage-index-1366")
    page.get_by_role("link", name="Scorecards", exact=True).last.click()
    assert_accessible(page, "manage-scorecards-1366")
    page.get_by_role("button", name="Create a scorecard").click()

    page.get_by_label("Title").fill("Adult social care")
    page.get_by_label("Short name for its web address").fill("adult care!")
    page.get_by_label("Reporting year starts in").select_option(label="January")
    page.get_by_label("Year on year: each month is compared with the same month a year before").check()
    page.get_by_label("Month-end deadline: working day after the month ends").fill("24")
    page.get_by_role("button", name="Create the scorecard").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert 'found "adult care!"' in summary and 'found "24"' in summary
    assert page.get_by_label("Title").input_value() == "Adult social care"
    assert page.get_by_label("Reporting year starts in").input_value() == "1"
    assert_accessible(page, "manage-scorecard-new-error-1366")
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, "manage-scorecard-new-error-320")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.get_by_label("Short name for its web address").fill("adult-care")
    page.get_by_label("Month-end deadline: working day after the month ends").fill("12")
    page.get_by_role("button", name="Create the scorecard").click()
    page.wait_for_load_state()
    assert "Created the scorecard" in page.locator(".govuk-notification-banner").inner_text()
    card = Scorecard.objects.get(slug="adult-care")
    assert (card.year_start_month, card.dot_basis, card.deadline_working_day) == (1, "year", 12)

    page.get_by_role("button", name="Add a section").click()
    page.get_by_label("Section title").fill("SAFEGUARDING")
    page.get_by_role("button", name="Add the section").click()
    page.wait_for_load_state()
    assert card.sections.get().title == "SAFEGUARDING"
    assert_accessible(page, "manage-scorecard-settings-1366")
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, "manage-scorecard-settings-320")

    page.goto(f"{live_server.url}/manage/scorecards/corporate-parenting/")
    assert_accessible(page, "manage-scorecard-published-320")
    page.goto(f"{live_server.url}/manage/scorecards/")
    assert_accessible(page, "manage-scorecards-320")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/manage/scorecards/corporate-parenting/indicator-owners/")
    assert_accessible(page, "manage-indicator-owners-1366")
