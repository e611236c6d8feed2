"""The advisor's meeting screens in a real browser, by keyboard only: schedule a meeting from the
committee's standard items, add an item to its agenda, and mark an item exempt (refused without a
paragraph, then previewed and saved). axe-core clean at 1366 px and at 320 px."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from meetings.models import AgendaItem, Committee, Meeting, StandardItem
from meetings.vocabulary import ItemType
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def panel(transactional_db) -> Committee:
    committee = Committee.objects.create(name="Keyboard Panel", slug="keyboard-panel")
    for order, (kind, title) in enumerate([(ItemType.APOLOGIES, "Apologies for Absence"),
                                           (ItemType.MINUTES, "Minutes of the previous meeting"),
                                           (ItemType.URGENT_BUSINESS, "Urgent Business")], start=1):
        StandardItem.objects.create(committee=committee, era_from=datetime.date(2020, 5, 1), order=order,
                                    item_type=kind, title=title)
    make_user("keyboard-advisor", Role.GOVERNANCE_ADVISOR)
    return committee


def type_into(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def press(page, locator, key: str = "Enter") -> None:
    """Focus `locator` and press `key`; Enter follows a link or submits, and waits for the page."""
    locator.focus()
    if key == "Enter":
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def test_an_advisor_schedules_a_meeting_builds_its_agenda_and_marks_an_item_exempt(live_server, axe_page, panel):
    page = axe_page
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server.url, "keyboard-advisor", PASSWORD)
    day = timezone.localdate() + datetime.timedelta(days=40)
    page.goto(f"{live_server.url}/manage/committees/keyboard-panel/meetings/new/")
    assert_accessible(page, "meetings-manage-new-1366")

    type_into(page, "Date", day.isoformat())
    type_into(page, "Time", "5:30pm")
    type_into(page, "Venue", "Town Hall")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form from a text box
    meeting = Meeting.objects.get(committee=panel)
    assert meeting.date == day and meeting.start_time == datetime.time(17, 30)
    assert "Its agenda starts with the committee's 3 standard items" in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator(".app-manage-agenda__item h3").all_inner_texts() == [
        "1. Apologies for Absence", "2. Minutes of the previous meeting", "3. Urgent Business"]
    assert_accessible(page, "meetings-manage-screen-1366")

    press(page, page.get_by_role("link", name="Add an item"))
    assert page.get_by_label("Number", exact=True).input_value() == "4"
    type_into(page, "Title", "Looked after children sufficiency")
    press(page, page.get_by_role("button", name="Add the item"))
    item = AgendaItem.objects.get(meeting=meeting, title="Looked after children sufficiency")
    assert (item.number, item.order) == (4, 4)
    press(page, page.get_by_role("button", name="Move up 4. Looked after children sufficiency"))
    assert page.locator(".app-manage-agenda__item h3").all_inner_texts()[2:] == [
        "3. Looked after children sufficiency", "4. Urgent Business"]

    press(page, page.get_by_role("link", name="Edit 3. Looked after children sufficiency"))
    press(page, page.get_by_label("Exempt: not for publication"), "Space")
    press(page, page.get_by_role("button", name="Save the item"))
    assert page.locator(".govuk-error-summary").inner_text().endswith(
        "An exempt item needs the Schedule 12A paragraphs (1 to 7) that make it exempt.")
    assert page.get_by_label("Exempt: not for publication").is_checked()
    assert_accessible(page, "meetings-manage-item-error-1366")
    press(page, page.get_by_label("1. Information relating to any individual."), "Space")
    press(page, page.get_by_label("2. Information which is likely to reveal the identity of an individual."), "Space")
    press(page, page.get_by_role("button", name="Preview the public notice"))
    assert "By virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A" in page.locator("#notice-preview").inner_text()
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "meetings-manage-item-exempt-320")
    press(page, page.get_by_role("button", name="Save the item"))
    item.refresh_from_db()
    assert (item.exempt, item.exempt_paragraphs) == (True, [1, 2])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "meetings-manage-screen-320")

    # A series, previewed: the date already taken is named as skipped.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/manage/committees/keyboard-panel/meetings/series/")
    which = ["First", "Second", "Third", "Fourth", "Last"][(day.day - 1) // 7]  # the rule the meeting's date keeps
    page.get_by_label("Which one in the month").select_option(label=which)
    page.get_by_label("Day of the week").select_option(label=f"{day:%A}")
    type_into(page, "Every how many months", "1")
    type_into(page, "From", day.replace(day=1).isoformat())
    type_into(page, "To", (day.replace(day=1) + datetime.timedelta(days=70)).isoformat())
    type_into(page, "Venue", "Town Hall")
    press(page, page.get_by_role("button", name="Show the dates"))
    dates = page.locator(".app-series-dates li").all_inner_texts()
    assert f"{day:%A} {day.day} {day:%B %Y} Already a meeting: skipped" in dates and len(dates) >= 2
    assert_accessible(page, "meetings-manage-series-1366")
