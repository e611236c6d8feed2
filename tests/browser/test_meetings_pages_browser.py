"""The committee pages in a real browser, axe-core clean: a committee, a meeting as the public and
as a member of the panel sees it, and a person."""

import pytest

from accounts.models import Person
from portal.demo import DEMO_USERS, load_demo
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
MEETING = "/committees/corporate-parenting-panel/2021-03-02/"
NOTICE = "By virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A of the Local Government Act 1972."
COUNCILLOR = next(demo for demo in DEMO_USERS if demo.username == "councillor")


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def test_the_committee_list_and_page_are_accessible(live_server, axe_page):
    axe_page.goto(f"{live_server.url}/")
    axe_page.get_by_role("link", name="Committees").click()
    assert_accessible(axe_page, "meetings-committees")
    axe_page.get_by_role("link", name="Corporate Parenting Panel").click()
    assert axe_page.get_by_role("heading", level=1).inner_text() == "Corporate Parenting Panel"
    assert_accessible(axe_page, "meetings-committee")


def test_the_meeting_page_as_the_public_sees_it(live_server, axe_page):
    axe_page.goto(f"{live_server.url}{MEETING}")
    assert axe_page.get_by_text(NOTICE).count() == 1
    assert axe_page.get_by_text("Exempt: not for publication").count() == 0
    assert_accessible(axe_page, "meetings-meeting-public")
    axe_page.get_by_role("link", name="Corporate Parenting Monthly Performance Report, December 2020, Issue 1").click()
    assert axe_page.url == f"{live_server.url}/scorecards/corporate-parenting/2020-12/"


def test_the_meeting_page_as_a_member_sees_it(live_server, axe_page):
    sign_in(axe_page, live_server.url, COUNCILLOR.username, COUNCILLOR.password)
    axe_page.goto(f"{live_server.url}{MEETING}")
    assert axe_page.get_by_text("Exempt: not for publication").count() == 1
    assert axe_page.get_by_text("To receive an update presentation").count() == 1
    axe_page.get_by_text("Membership in 2020/21").click()
    assert axe_page.get_by_role("link", name="Councillor Demo Councillor").is_visible()
    assert_accessible(axe_page, "meetings-meeting-member")


def test_the_person_page_is_accessible(live_server, axe_page):
    axe_page.goto(f"{live_server.url}/people/{Person.objects.get(name='Cusworth').slug}/")
    assert axe_page.get_by_role("heading", level=1).inner_text() == "Councillor Cusworth"
    assert_accessible(axe_page, "meetings-person")
    axe_page.goto(f"{live_server.url}/committees/improving-lives-select-commission/2020-03-03/")
    assert_accessible(axe_page, "meetings-minutes")


@pytest.mark.parametrize("width", [1366, 320])
def test_the_councillors_home_page_shows_their_committees(live_server, axe_page, width):
    axe_page.set_viewport_size({"width": width, "height": 900})
    sign_in(axe_page, live_server.url, COUNCILLOR.username, COUNCILLOR.password)
    axe_page.goto(f"{live_server.url}/")
    assert axe_page.get_by_role("heading", name="My committees").is_visible()
    assert axe_page.get_by_role("link", name="Minutes of 5 January 2021").is_visible()
    assert axe_page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(axe_page, f"portal-home-councillor-{width}")
    axe_page.get_by_role("link", name="Corporate Parenting Panel").first.click()
    assert axe_page.get_by_role("heading", level=1).inner_text() == "Corporate Parenting Panel"
