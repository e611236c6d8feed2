"""The whole month end of issue 12, in one browser session after another, as the demo's people
would do it:

1. the demo officer enters January 2021 for the Corporate Parenting scorecard on the grid, hits one
   validation error and fixes it without retyping anything;
2. uploads a workbook correcting two December figures (with a reason), writes exception notes for
   the reds and submits;
3. the scorecard's owner signs off and publishes Issue 1 of January 2021;
4. a councillor sees January 2021, and the December 2020 publication unchanged;
5. the changes page shows the two revised December figures as presented and now.

axe-core clean at every step, with a screenshot of each (test-output/screenshots/scenario-*).
"""

from datetime import date
from decimal import Decimal

import pytest

from portal.demo import DEMO_USERS, load_demo
from scorecards import month_end
from scorecards.compute.entry import figure_due
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Frequency
from scorecards.exports import write_xlsx
from scorecards.models import Commentary, Indicator, Observation, Publication, Scorecard
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SLUG, JAN = "corporate-parenting", Month(2021, 1)
OFFICER = next(demo for demo in DEMO_USERS if demo.username == "officer")
COUNCILLOR = next(demo for demo in DEMO_USERS if demo.username == "councillor")
DECEMBER_PAGE = f"/scorecards/{SLUG}/2020-12/"


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def january_inputs(scorecard: Scorecard) -> dict[int, tuple[str, str]]:
    """For each indicator due in January: (field, text) an officer would type, from December's
    figure (its value, or its mark where December had none)."""
    december = {o.indicator_id: o for o in Observation.objects.filter(indicator__scorecard=scorecard,
                                                                      period=date(2020, 12, 1))}
    inputs = {}
    for indicator in Indicator.objects.filter(scorecard=scorecard).order_by("sort_key"):
        if not figure_due(JAN, Frequency(indicator.frequency), scorecard.year_start_month):
            continue
        before = december.get(indicator.pk)
        if before is not None and before.value is not None:
            inputs[indicator.pk] = ("value", format(before.value, "f"))
        else:
            inputs[indicator.pk] = ("mark", "[x]")
    return inputs


def step(page, name: str) -> None:
    page.wait_for_load_state()
    assert_accessible(page, f"scenario-{name}")


def test_a_month_end_from_entry_to_the_councillors_view(live_server, axe_page, tmp_path):
    page = axe_page
    page.set_viewport_size({"width": 1366, "height": 900})
    scorecard = Scorecard.objects.get(slug=SLUG)
    grid = f"{live_server.url}/scorecards/{SLUG}/2021-01/entry/"

    # 1. The officer enters January from the home page's link, with one mistake.
    sign_in(page, live_server.url, OFFICER.username, OFFICER.password)
    page.goto(f"{live_server.url}/")
    page.locator(".app-officer-months").get_by_role("link", name="Enter figures").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(grid)
    inputs = january_inputs(scorecard)
    assert len(inputs) > 20
    mistaken = next(pk for pk, (field, _) in inputs.items() if field == "value")
    for pk, (field, text) in inputs.items():
        if field == "mark":
            page.locator(f"#id_i{pk}-mark").select_option(text)
        else:
            page.locator(f"#id_i{pk}-value").fill("12,3x" if pk == mistaken else text)
    page.get_by_role("button", name="Save").first.click()
    step(page, "1-entry-error")
    assert Observation.objects.filter(indicator__scorecard=scorecard, period=date(2021, 1, 1)).count() == 0
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("a").count() == 1
    summary.locator("a").first.click()
    assert page.evaluate("() => document.activeElement.id") == f"id_i{mistaken}-value"
    # Nothing else needs typing again: every other value is still in its input.
    for pk, (field, text) in inputs.items():
        if field == "value" and pk != mistaken:
            assert page.locator(f"#id_i{pk}-value").input_value() == text
    page.keyboard.press("Control+A")
    page.keyboard.type(inputs[mistaken][1])
    page.get_by_role("button", name="Save").first.click()
    step(page, "1-entry-saved")
    assert Observation.objects.filter(indicator__scorecard=scorecard, period=date(2021, 1, 1)).count() == len(inputs)

    # 2. The officer uploads two December corrections, with the reason.
    workbook = tmp_path / "december-recount.xlsx"
    with workbook.open("wb") as out:
        write_xlsx({"values": [["number", "period", "value"], ["6.1", "2020-12", "616"], ["6.3", "2020-12", "15"]]}, out)
    page.goto(f"{live_server.url}/scorecards/{SLUG}/upload/")
    page.get_by_label("Workbook").set_input_files(str(workbook))
    page.get_by_role("button", name="Upload and check the changes").click()
    step(page, "2-upload-preview")
    page.get_by_label("Reason for correcting published figures").fill("December recounted after the audit")
    page.get_by_role("button", name="Apply these changes").click()
    step(page, "2-upload-applied")
    assert page.get_by_role("heading", level=1).inner_text() == "Workbook applied"

    # ... writes an exception note for each red on the grid, and submits.
    lacking = [row for row in month_end.month_rows(scorecard, JAN) if row.note_missing]
    assert lacking, "the demo's January, copied from December, has reds"
    page.goto(grid)
    for row in lacking:
        page.locator(f"#id_i{row.indicator_id}-exception").fill("Below target; the recovery plan is on track.")
    page.get_by_role("button", name="Save").first.click()
    step(page, "2-notes-saved")
    assert Commentary.objects.filter(period=date(2021, 1, 1), kind="exception").count() == len(lacking)
    page.get_by_role("button", name="Submit my figures for January 2021").click()
    step(page, "2-submitted")
    assert page.locator("#month-stage").inner_text().startswith("Submitted")

    # 3. The scorecard's owner (the demo officer owns it) signs off and publishes.
    page.goto(f"{live_server.url}/scorecards/{SLUG}/2021-01/sign-off/")
    page.get_by_role("button", name="Sign off and publish January 2021").click()
    step(page, "3-published")
    january = Publication.objects.get(scorecard=scorecard, as_at=date(2021, 1, 1))
    assert (january.issue, january.published_by.username) == (1, OFFICER.username)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    # 4. A councillor reads January 2021, and December 2020 as it was presented.
    sign_in(page, live_server.url, COUNCILLOR.username, COUNCILLOR.password)
    page.goto(f"{live_server.url}/scorecards/{SLUG}/")
    assert page.url.endswith("/2021-01/")
    assert "Issue 1, published" in page.locator(".app-document-status").inner_text()
    step(page, "4-councillor-january")
    page.goto(live_server.url + DECEMBER_PAGE)
    row = page.locator("table.app-scorecard tbody tr").filter(has=page.locator(".app-number", has_text="6.1")).first
    assert "\t607\t613\t615\t" in row.inner_text() and "Dec-20: 615" in row.inner_text()  # as printed
    assert Publication.objects.get(scorecard=scorecard, as_at=date(2020, 12, 1)).issue == 1
    step(page, "4-councillor-december")

    # 5. As presented and now: the two revised December figures, with the reason, not who.
    page.get_by_role("link", name="What has changed since").click()
    step(page, "5-changes")
    figures = page.get_by_role("table", name="Figures").inner_text()
    assert "615" in figures and "616" in figures and "December recounted after the audit" in figures
    assert "Dec-20" in figures and len(page.get_by_role("table", name="Figures").locator("tbody tr").all()) == 2
    assert OFFICER.username not in figures
    assert Observation.objects.get(indicator__scorecard=scorecard, indicator__number="6.3",
                                   period=date(2020, 12, 1)).value == Decimal(15)
