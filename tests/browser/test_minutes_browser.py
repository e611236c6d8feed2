"""The minutes screens in a real browser, by keyboard, as the demo's advisor: record the attendance
of the Corporate Parenting Panel of 2 March 2021, write a minute with a resolution and an action,
publish the minutes, approve the minutes of 5 January 2021 there; then the demo councillor's
home page lists the open action. axe-core clean at 1366 px and 320 px."""

import datetime

import pytest

from meetings.models import Action, Attendance, Meeting, Minute, Minutes
from meetings.vocabulary import AttendanceKind, MinutesState
from portal.demo import DEMO_USERS, load_demo
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
ADVISOR = next(demo for demo in DEMO_USERS if demo.username == "advisor")
COUNCILLOR = next(demo for demo in DEMO_USERS if demo.username == "councillor")
MEETING = "/manage/committees/corporate-parenting-panel/2021-03-02/"


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def both_widths(page, name: str) -> None:
    assert_accessible(page, f"{name}-1366")
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size({"width": 1366, "height": 900})


def press(page, locator, key: str = "Enter") -> None:
    """Activate a control from the keyboard: focus it, press the key, wait for the page."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press(key)


def test_an_advisor_records_attendance_writes_and_publishes_minutes_by_keyboard(live_server, axe_page):
    page = axe_page
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server.url, ADVISOR.username, ADVISOR.password)
    meeting = Meeting.objects.get(committee__slug="corporate-parenting-panel", date=datetime.date(2021, 3, 2))

    page.goto(f"{live_server.url}{MEETING}attendance/")
    chair = page.get_by_role("group", name="Councillor Watson, chair")
    chair.get_by_label("Present").focus()
    page.keyboard.press("Space")
    member = page.get_by_role("group", name="Councillor Jarvis, member")
    member.get_by_label("Apologies").focus()
    page.keyboard.press("Space")
    page.get_by_label("Reason for Councillor Jarvis's apologies (optional)").focus()
    page.keyboard.type("Unwell")
    page.locator("#id_other-0-name").focus()
    page.keyboard.type("Alex Newman")
    page.locator("#id_other-0-note").focus()
    page.keyboard.type("Strategic Director")
    press(page, page.get_by_role("button", name="Save the attendance"))
    assert "Saved the attendance: 1 present, 1 apologies" in page.locator(".govuk-notification-banner").inner_text()
    kinds = dict(Attendance.objects.filter(meeting=meeting).values_list("person__name", "kind"))
    assert kinds == {"Watson": AttendanceKind.PRESENT, "Jarvis": AttendanceKind.APOLOGIES,
                     "Alex Newman": AttendanceKind.IN_ATTENDANCE}
    both_widths(page, "minutes-attendance")

    page.goto(f"{live_server.url}{MEETING}minutes/")
    press(page, page.get_by_role("button", name="Write a minute"))
    # 5 January 2021 was numbered 73 to 78: the year's numbering runs on.
    assert page.get_by_label("Minute number").input_value() == "79"
    page.get_by_label("Title").focus()
    page.keyboard.type("CORPORATE PARENTING PERFORMANCE REPORT")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    minute = Minute.objects.get(meeting=meeting)
    assert (minute.number, minute.title) == (79, "CORPORATE PARENTING PERFORMANCE REPORT")

    page.locator("#id_new-resolution-text").focus()
    page.keyboard.type("That the report be noted.")
    press(page, page.get_by_role("button", name="Add the resolution"))
    page.locator("#id_new-action-description").focus()
    page.keyboard.type("Circulate the placement figures to members")
    page.locator("#id_new-action-owner").focus()
    page.keyboard.type("Assistant Director")
    page.locator("#id_new-action-due").focus()
    page.keyboard.type("31/03/2021")
    press(page, page.get_by_role("button", name="Add the action"))
    assert list(minute.resolutions.values_list("number", "text")) == [(1, "That the report be noted.")]
    assert Action.objects.get(minute=minute).due == datetime.date(2021, 3, 31)
    both_widths(page, "minutes-minute")

    page.goto(f"{live_server.url}{MEETING}minutes/")
    press(page, page.get_by_role("button", name="Publish for approval"))
    both_widths(page, "minutes-publish")
    press(page, page.get_by_role("button", name="Publish the minutes for approval"))
    assert Minutes.objects.get(meeting=meeting).state == MinutesState.PUBLISHED
    both_widths(page, "minutes-page")

    page.goto(f"{live_server.url}{MEETING}minutes/approve/")
    both_widths(page, "minutes-approve")
    press(page, page.get_by_role("button", name="Approve the minutes"))
    earlier = Minutes.objects.get(meeting__committee=meeting.committee, meeting__date=datetime.date(2021, 1, 5))
    assert (earlier.state, earlier.approved_at) == (MinutesState.APPROVED, meeting)

    page.goto(f"{live_server.url}/manage/actions/")
    both_widths(page, "minutes-actions")

    page.context.clear_cookies()
    sign_in(page, live_server.url, COUNCILLOR.username, COUNCILLOR.password)
    assert "Circulate the placement figures to members" in page.locator("#my-committees ~ .app-my-committee").inner_text()
    both_widths(page, "minutes-councillor-home")
