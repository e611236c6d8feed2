"""Submit and sign-off in a real browser on the demo: the officer's submission is refused with
the rows lacking exception notes, accepted once they are written; the month-end page; the
scorecard's owner signs off and publishes Issue 1 of January 2021. axe-core clean at 1366 px
and 320 px."""

from datetime import date

import pytest

from portal.demo import DEMO_USERS, load_demo
from scorecards import month_end
from scorecards.compute.entry import figure_due
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Frequency
from scorecards.models import Commentary, Indicator, Observation, Publication, Scorecard
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
OFFICER = next(demo for demo in DEMO_USERS if demo.username == "officer")
SLUG, JAN = "corporate-parenting", Month(2021, 1)
BASE = f"/scorecards/{SLUG}/2021-01"


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def enter_january_as_december(scorecard: Scorecard) -> None:
    """January's due figures as December's (a mark where December had none): quicker than typing
    them on the grid, which tests/browser/test_entry_browser.py covers."""
    december = {o.indicator_id: o for o in Observation.objects.filter(indicator__scorecard=scorecard, period=date(2020, 12, 1))}
    for indicator in Indicator.objects.filter(scorecard=scorecard):
        if not figure_due(JAN, Frequency(indicator.frequency), scorecard.year_start_month):
            continue
        before = december.get(indicator.pk)
        if before is None or (before.value is None and not before.mark):
            Observation.objects.create(indicator=indicator, period=date(2021, 1, 1), mark="[x]")
        else:
            Observation.objects.create(indicator=indicator, period=date(2021, 1, 1), value=before.value,
                                       numerator=before.numerator, denominator=before.denominator, mark=before.mark)


def test_submit_refused_then_accepted_and_sign_off_publishes(live_server, axe_page):
    page = axe_page
    page.set_viewport_size({"width": 1366, "height": 900})
    scorecard = Scorecard.objects.get(slug=SLUG)
    enter_january_as_december(scorecard)
    sign_in(page, live_server.url, OFFICER.username, OFFICER.password)

    page.goto(f"{live_server.url}/")
    assert "Corporate Parenting" in page.locator("#month-end + .app-officer-months").inner_text()
    assert_accessible(page, "home-officer-1366")

    page.goto(f"{live_server.url}{BASE}/entry/")
    page.get_by_role("button", name="Submit my figures for January 2021").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "with no exception note for January 2021" in summary.inner_text()
    lacking = [row for row in month_end.month_rows(scorecard, JAN) if row.note_missing]
    assert lacking and summary.locator("a").count() == len(lacking)
    assert_accessible(page, "submit-refused-1366")
    summary.locator("a").first.click()  # to the row on the grid
    page.wait_for_load_state()
    assert page.url.endswith(f"/entry/#i{lacking[0].indicator_id}")

    for row in lacking:  # the notes, written as the grid's save would store them
        Commentary.objects.create(scorecard=scorecard, indicator_id=row.indicator_id, period=date(2021, 1, 1),
                                  kind="exception", text="Placements fell; the recovery plan is on track.")
    page.get_by_role("button", name="Submit my figures for January 2021").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{BASE}/month-end/")
    assert "Submitted your" in page.locator(".govuk-notification-banner--success").inner_text()
    assert page.locator("#month-stage").inner_text().startswith("Submitted")
    assert_accessible(page, "month-end-submitted-1366")
    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    assert_accessible(page, "month-end-submitted-320")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 320 px"

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}{BASE}/sign-off/")
    assert_accessible(page, "sign-off-1366")
    page.get_by_role("button", name="Sign off and publish January 2021").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{BASE}/")
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert "Signed off and published: Issue 1, published" in banner and "by Demo Performance Officer" in banner
    publication = Publication.objects.get(scorecard=scorecard, as_at=date(2021, 1, 1))
    assert publication.published_by.username == OFFICER.username and publication.forced_reason == ""
    assert_accessible(page, "signed-off-scorecard-1366")

    page.goto(f"{live_server.url}{BASE}/month-end/")
    assert page.locator("#month-stage").inner_text().startswith("Published as Issue 1")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/month-end/")
    assert_accessible(page, "month-end-list-320")
