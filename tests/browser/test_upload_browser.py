"""Uploading a workbook in a real browser: the demo officer uploads a workbook correcting two
December 2020 figures and entering one for January 2021, sees the preview (old and new values,
published months flagged), gives the reason and applies. axe-core clean on the upload, preview
and done pages, at 1366 px and 320 px, with no sideways scrolling at 320 px."""

from datetime import date
from decimal import Decimal

import pytest

from portal.demo import DEMO_USERS, load_demo
from scorecards.exports import write_xlsx
from scorecards.models import Observation
from tests.browser.conftest import SCREENSHOTS, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
OFFICER = next(demo for demo in DEMO_USERS if demo.username == "officer")
UPLOAD = "/scorecards/corporate-parenting/upload/"


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def no_sideways_scroll(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"


@pytest.mark.parametrize("width", [1366, 320])
def test_upload_preview_and_apply(live_server, axe_page, tmp_path, width):
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})
    workbook = tmp_path / "december-corrections.xlsx"
    with workbook.open("wb") as out:
        write_xlsx({"values": [["number", "period", "value"], ["6.1", "2020-12", "616"], ["6.3", "2020-12", "15"],
                               ["6.4", "2021-01", "11"]]}, out)
    sign_in(page, live_server.url, OFFICER.username, OFFICER.password)
    page.goto(f"{live_server.url}/scorecards/corporate-parenting/2020-12/")
    page.get_by_role("link", name="Upload a workbook").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Upload a workbook"
    assert_accessible(page, f"upload-{width}")
    no_sideways_scroll(page)

    page.get_by_label("Workbook").set_input_files(str(workbook))
    page.get_by_role("button", name="Upload and check the changes").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Check the changes before applying them"
    changed = page.get_by_role("table", name="Changed figures")
    assert "615" in changed.inner_text() and "616" in changed.inner_text() and "Published" in changed.inner_text()
    assert "January 2021" in page.get_by_role("table", name="New figures").inner_text()
    assert Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1)).value == Decimal("615")
    assert_accessible(page, f"upload-preview-{width}")
    no_sideways_scroll(page)

    page.get_by_role("button", name="Apply these changes").click()  # no reason yet
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("() => document.activeElement.id") == "id_reason"
    assert_accessible(page, f"upload-reason-error-{width}")
    page.keyboard.type("December recounted after the audit")
    page.get_by_role("button", name="Apply these changes").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Workbook applied"
    assert_accessible(page, f"upload-done-{width}")
    no_sideways_scroll(page)
    december = Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1))
    assert december.value == Decimal("616")
    assert december.history.latest().history_change_reason == (
        "December recounted after the audit (import of december-corrections.xlsx)")
    assert (SCREENSHOTS / f"upload-done-{width}.png").exists()
