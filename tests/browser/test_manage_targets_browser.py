"""The target form in a real browser, as the demo's admin: used by keyboard alone (Tab, typing,
Enter), its preview following the typing under the real CSP, then "Check the tolerance" without
the script's help, then saved. The target pages, the rollover, its review and month end's
warning are axe-core clean at 1366 px and 320 px."""

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_USERS, load_demo
from scorecards.models import Indicator, Target
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
ADMIN = next(demo for demo in DEMO_USERS if demo.username == "admin")
SLUG = "corporate-parenting"


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def indicator() -> Indicator:
    return Indicator.objects.get(scorecard__slug=SLUG, number="6.8")


def tab_to(page, describe: str, test: str, limit: int = 60) -> None:
    """Press Tab until the focused element passes `test` (a JS predicate on it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {describe}")


def preview_text(page) -> str:
    return " ".join(page.locator("#tolerance-preview").inner_text().split())


def test_an_admin_adds_a_target_by_keyboard_with_the_live_preview(live_server, page):
    sign_in(page, live_server.url, ADMIN.username, ADMIN.password)
    pk = indicator().pk
    page.goto(f"{live_server.url}/manage/indicators/{pk}/targets/new/?year=2021/22")
    assert "No cells typed" in preview_text(page)

    tab_to(page, "the red cell", "element.id === 'id_red'")
    page.keyboard.type("<85%")
    expect(page.locator("#tolerance-preview")).to_contain_text("without a green target")
    page.keyboard.press("Tab")
    page.keyboard.type("85%>")
    page.keyboard.press("Tab")
    page.keyboard.type("92%+")
    expect(page.locator("#tolerance-preview")).to_contain_text("92% or more")
    assert "In words: Green at 92% or more, amber from 85% to under 92%, red below 85%." in preview_text(page)
    assert not Target.objects.filter(indicator_id=pk, year="2021/22").exists()

    # The same preview without the script: Check is a full submit that saves nothing.
    page.keyboard.press("Control+a")
    page.keyboard.type("90%+")
    tab_to(page, "the Check button", "element.textContent.trim() === 'Check the tolerance'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "In words: Green at 90% or more, amber from 85% to under 90%, red below 85%." in preview_text(page)
    assert page.get_by_label("Green", exact=True).input_value() == "90%+"
    assert not Target.objects.filter(indicator_id=pk, year="2021/22").exists()

    tab_to(page, "the Save button", "element.textContent.trim() === 'Save the target'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Added the target of 6.8 for 2021/22." in page.locator(".govuk-notification-banner").inner_text()
    target = Target.objects.get(indicator_id=pk, year="2021/22")
    assert (target.red, target.amber, target.green, target.kind, target.draft) == ("<85%", "85%>", "90%+", "bands", False)
    assert target.history.get().history_user.username == ADMIN.username
    assert not [message for message in page.console_messages if "Content Security Policy" in message]


def both_widths(page, name: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    assert_accessible(page, f"{name}-1366")
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page, f"{name}-320")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_the_target_pages_are_accessible(live_server, axe_page):
    page = axe_page
    sign_in(page, live_server.url, ADMIN.username, ADMIN.password)
    pk = indicator().pk
    page.goto(f"{live_server.url}/manage/scorecards/{SLUG}/")
    page.get_by_role("link", name="Targets: yearly rollover and review").click()
    both_widths(page, "manage-target-rollover")
    page.goto(f"{live_server.url}/manage/indicators/{pk}/targets/")
    both_widths(page, "manage-target-list")
    page.goto(f"{live_server.url}/manage/indicators/{pk}/targets/new/")
    both_widths(page, "manage-target-form-empty")
    page.get_by_label("Reporting year").fill("2020")
    page.get_by_label("Red", exact=True).fill("<85<90%")
    page.get_by_role("button", name="Save the target").click()
    page.wait_for_load_state()
    assert 'found "2020"' in page.locator(".govuk-error-summary").inner_text()
    both_widths(page, "manage-target-form-errors")
    page.goto(f"{live_server.url}/manage/indicators/{pk}/targets/2020-21/")
    assert "In words: Green at 95% or more" in preview_text(page)
    both_widths(page, "manage-target-form-preview")

    page.goto(f"{live_server.url}/manage/scorecards/{SLUG}/targets/rollover/")
    page.get_by_role("button", name="Copy to the next year as drafts").click()
    page.wait_for_load_state()
    assert "as drafts" in page.locator(".govuk-notification-banner").inner_text()
    both_widths(page, "manage-target-review")
    page.goto(f"{live_server.url}/scorecards/{SLUG}/2021-04/month-end/")
    assert "only a draft target for 2021/22" in page.locator(".govuk-warning-text").first.inner_text()
    both_widths(page, "month-end-draft-targets")
