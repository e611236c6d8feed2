"""The advisor's committee screens in a real browser, by keyboard alone: create a committee
(refused first, with what was typed kept), then seat its chair; axe-core clean at 1366 px and
the seats page at 320 px, without scrolling sideways."""

import pytest

from accounts.roles import Role
from meetings.models import Committee, Membership
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_advisor_creates_a_committee_and_seats_its_chair_by_keyboard(live_server, axe_page):
    page = axe_page
    page.set_viewport_size({"width": 1366, "height": 900})
    make_user("clerk", Role.GOVERNANCE_ADVISOR)
    sign_in(page, live_server.url, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/manage/committees/")
    assert_accessible(page, "manage-committees-1366")

    page.get_by_role("button", name="Create a committee").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/manage/committees/new/")
    page.get_by_label("Name", exact=True).focus()
    page.keyboard.type("Corporate Parenting Panel")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # no kind chosen yet
    assert "Select what kind of committee it is" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Name", exact=True).input_value() == "Corporate Parenting Panel"
    assert_accessible(page, "manage-committee-new-errors-1366")

    page.get_by_label("Panel", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Create the committee").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    committee = Committee.objects.get()
    assert (committee.slug, committee.kind) == ("corporate-parenting-panel", "panel")
    assert "Created the committee" in page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(page, "manage-committee-1366")

    page.get_by_role("link", name="Add a member for").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/add/")
    page.get_by_label("Title (optional)").focus()
    page.keyboard.type("Councillor")
    page.get_by_label("Name", exact=True).focus()
    page.keyboard.type("A. Chair")
    page.get_by_label("Chair", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Add the member").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    seat = Membership.objects.get()
    assert (str(seat.person), seat.role) == ("Councillor A. Chair", "chair")
    assert "Councillor A. Chair" in page.locator("main").inner_text()
    assert_accessible(page, "manage-memberships-1366")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "manage-memberships-320")
