"""The changes page ("as presented and now") in a real browser: staff compare a publication with
the live figures, the public compare two publications; axe-core clean, with screenshots."""

from datetime import date
from decimal import Decimal

import pytest

from portal.demo import DEMO_USERS, load_demo
from scorecards.compute.periods import Month
from scorecards.models import Observation, Scorecard
from scorecards.services.publishing import publish_scorecard
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "/scorecards/corporate-parenting/2020-12/changes/"


@pytest.fixture(autouse=True)
def corrected(transactional_db) -> None:
    """The demo, then 6.1's December figure corrected with a reason."""
    load_demo()
    observation = Observation.objects.get(indicator__scorecard__slug="corporate-parenting",
                                          indicator__number="6.1", period=date(2020, 12, 1))
    observation.value = Decimal(617)
    observation._change_reason = "Two late admissions recorded after the report"
    observation.save()


def password(username: str) -> str:
    return next(user.password for user in DEMO_USERS if user.username == username)


def changed_rows(page) -> list[str]:
    return page.locator("table.app-changes").first.locator("tbody tr").all_inner_texts()


@pytest.mark.parametrize("width", [1366, 320])
def test_staff_see_the_correction_against_the_live_figures(live_server, browser, width):
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "officer", password("officer"))
        page.goto(live_server.url + "/scorecards/corporate-parenting/2020-12/")
        page.get_by_role("link", name="What has changed since").click()
        assert page.url == live_server.url + PAGE
        assert page.get_by_role("heading", level=1).inner_text() == "As presented and now"
        rows = changed_rows(page)
        assert len(rows) == 1
        assert "6.1" in rows[0] and "615" in rows[0] and "617" in rows[0]
        assert "Two late admissions recorded after the report" in rows[0]
        assert page.get_by_label("Compare with").input_value() == "live"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page, f"changes-staff-{width}px")
    finally:
        context.close()


def test_the_public_compare_two_publications(live_server, axe_page):
    axe_page.goto(live_server.url + PAGE)
    assert "There is no later issue to compare with yet" in axe_page.get_by_role("status").inner_text()
    assert_accessible(axe_page, "changes-public-nothing-later")
    publish_scorecard(Scorecard.objects.get(slug="corporate-parenting"), Month(2021, 1))
    axe_page.goto(live_server.url + PAGE)
    rows = changed_rows(axe_page)
    assert any("615" in row and "617" in row and "Two late admissions" in row for row in rows)
    assert "(the system," not in " ".join(rows)  # who and when are for staff
    assert_accessible(axe_page, "changes-public-two-issues")
