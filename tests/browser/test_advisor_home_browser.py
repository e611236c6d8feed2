"""The governance advisor's home page with the demo and a meeting to come, and the live scorecard's
"changed since presented" mark, in a real browser: axe-core clean and no sideways scrolling at
1366 and 320 px."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Committee, Document, Meeting
from meetings.vocabulary import DocumentKind, ItemType
from portal.demo import DEMO_USERS, load_demo
from scorecards.models import Observation
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
ADVISOR = next(demo for demo in DEMO_USERS if demo.username == "advisor")
OFFICER = next(demo for demo in DEMO_USERS if demo.username == "officer")
WIDTHS = (1366, 320)


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def next_panel_meeting() -> datetime.date:
    """The panel's next meeting three weeks ahead, its agenda half done."""
    day = timezone.localdate() + datetime.timedelta(days=21)
    meeting = Meeting.objects.create(committee=Committee.objects.get(slug="corporate-parenting-panel"), date=day,
                                     start_time=datetime.time(16, 0))
    items = [("Apologies for Absence", ItemType.APOLOGIES), ("Corporate Parenting Performance Report",
             ItemType.PERFORMANCE_REPORT), ("Virtual School Update", ItemType.REPORT)]
    for number, (title, kind) in enumerate(items, start=1):
        item = AgendaItem.objects.create(meeting=meeting, number=number, order=number, title=title, item_type=kind)
    Document.objects.create(agenda_item=item, order=1, kind=DocumentKind.COVER_REPORT, title="Cover", text="Written.")
    return day


def test_the_advisors_home_page_lists_what_each_meeting_lacks(live_server, axe_page):
    day = next_panel_meeting()
    sign_in(axe_page, live_server.url, ADVISOR.username, ADVISOR.password)
    for width in WIDTHS:
        axe_page.set_viewport_size({"width": width, "height": 900})
        axe_page.goto(f"{live_server.url}/")
        assert axe_page.get_by_role("heading", name="Meetings ahead").is_visible()
        link = axe_page.get_by_role("link", name=f"Corporate Parenting Panel, {day:%A} {day.day} {day:%B %Y}")
        assert link.get_attribute("href") == f"/manage/committees/corporate-parenting-panel/{day.isoformat()}/"
        assert axe_page.get_by_text("Item 2, Corporate Parenting Performance Report: no scorecard publication chosen").is_visible()
        assert axe_page.get_by_text("Minutes of 2 March 2021: not written yet").is_visible()
        assert axe_page.get_by_text("Virtual School Update").count() == 0  # its paper is held
        assert axe_page.evaluate("document.documentElement.scrollWidth") <= width
        if width > 640:  # the header leads to the committee record (in the menu button below)
            assert axe_page.get_by_role("link", name="Governance").get_attribute("href") == "/manage/committees/"
        assert_accessible(axe_page, f"advisor-home-{width}")


def test_the_live_scorecard_marks_a_changed_figure_on_its_row(live_server, axe_page):
    Observation.objects.filter(indicator__scorecard__slug="corporate-parenting", indicator__number="6.1",
                               period=datetime.date(2020, 12, 1)).update(value=Decimal("999"))
    sign_in(axe_page, live_server.url, OFFICER.username, OFFICER.password)
    for width in WIDTHS:
        axe_page.set_viewport_size({"width": width, "height": 900})
        axe_page.goto(f"{live_server.url}/scorecards/corporate-parenting/2020-12/?live=1")
        visible = axe_page.locator(".app-changed-mark:visible")
        assert visible.count() == 1  # the table's, or below 641 px the stacked summary's
        # Short words in view, the meeting and the figure as presented for screen readers.
        assert visible.text_content() == "changed since presented to Corporate Parenting Panel, 2 March 2021, as 615"
        assert visible.locator(".govuk-visually-hidden").count() == 1
        assert_accessible(axe_page, f"scorecard-changed-since-presented-{width}")
