"""The members' scorecard page in a real browser: list, table, month picker, filters, live switch,
small screens and the real CSP; axe-core clean throughout, with a screenshot of each state."""

from urllib.parse import parse_qs, urlsplit

import pytest

from scorecards.compute.periods import Month
from scorecards.models import Scorecard
from scorecards.presentation import dot_key
from portal.demo import DEMO_USERS, load_demo
from scorecards.services.publishing import publish_scorecard
from scorecards.templatetags.scorecard_tags import month_long
from tests.browser.conftest import SCREENSHOTS, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SLUG = "corporate-parenting"
PAGE = f"/scorecards/{SLUG}/2020-12/"
# The demo scorecards and the month each was presented (portal.demo.DEMO_SCORECARDS).
DEMO_PUBLISHED = {"corporate-parenting": "2020-12", "safeguarding-children-families": "2016-03"}
COLUMN_GROUPS = [
    "Indicator",
    "Figures",
    "Performance",
    "Target and tolerances 2020/21",
    "Year on year trend",
    "Latest benchmarking",
]
DOT_WORDS = {item.state: item.words for item in dot_key()}

# The table as members read it: each section's title and, for each indicator, its cells keyed by
# column heading; text hidden from assistive technology (arrows, shapes) is left out, as a screen
# reader would.
READ_TABLE = """() => {
  const text = el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[aria-hidden="true"]').forEach(n => n.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const table = document.querySelector('table.app-scorecard');
  if (!table) return null;
  const headings = [...table.tHead.rows[1].cells].map(text);
  return [...table.tBodies].map(body => ({
    section: text(body.rows[0].querySelector('th[scope=rowgroup] .app-section__title')),
    rows: [...body.rows].slice(1).map(row => {
      const cells = Object.fromEntries([...row.cells].map((cell, i) => [headings[i], text(cell)]));
      cells.number = text(row.querySelector('.app-number'));
      return cells;
    }),
  }));
}"""


@pytest.fixture(autouse=True)
def demo(transactional_db) -> None:
    load_demo()


def live_warning(page):
    return page.locator(".govuk-warning-text").filter(has_text="Live figures:")


def demo_password(username: str) -> str:
    return next(user.password for user in DEMO_USERS if user.username == username)


def read_table(page) -> list[dict] | None:
    return page.evaluate(READ_TABLE)


def all_rows(table: list[dict]) -> list[dict]:
    return [row for group in table for row in group["rows"]]


def headline_rag(row: dict) -> str:
    """The rating members see first: in month, else year end (as the RAG filter reads it)."""
    return row["RAG in month"] if row["RAG in month"] != "no rating" else row["RAG year end"]


def numbers(rows: list[dict]) -> list[str]:
    return [row["number"] for row in rows]


def apply_filters(page, section: str = "", rag: str = "", dot: str = "", exceptions: bool = False) -> None:
    """Fill in the filter form as a member would, then press "Apply filters"."""
    details = page.locator("details.govuk-details")
    if details.get_attribute("open") is None:
        page.get_by_text("Filter indicators").click()
    page.get_by_label("Section", exact=True).select_option(section)
    page.get_by_label("Rating (RAG)").select_option(rag)
    page.get_by_label("Direction of travel").select_option(dot)
    page.get_by_label("Exceptions only").set_checked(exceptions)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def shown_count(page) -> int:
    """The count the status line gives, after checking the line reads as it should."""
    status = page.get_by_role("status").first.inner_text()
    assert status.startswith("Showing ") and status.endswith(" indicators that match the filters.")
    return int(status.split()[1])


def test_scorecard_list_links_each_scorecard_at_its_latest_published_month(live_server, axe_page):
    axe_page.goto(live_server.url + "/scorecards/")
    items = axe_page.locator(".app-scorecard-list > li")
    assert items.count() == len(DEMO_PUBLISHED)
    for slug, month in DEMO_PUBLISHED.items():
        scorecard = Scorecard.objects.get(slug=slug)
        item = items.filter(has=axe_page.get_by_role("heading", name=scorecard.title, exact=True))
        assert item.count() == 1
        assert f"Latest published month: {month_long(month)}." in item.inner_text()
        assert item.get_by_role("link", name=scorecard.title, exact=True).get_attribute("href") == (
            f"/scorecards/{slug}/{month}/"
        )
    assert_accessible(axe_page, "scorecard-list")

    for slug, month in DEMO_PUBLISHED.items():
        scorecard = Scorecard.objects.get(slug=slug)
        axe_page.goto(live_server.url + "/scorecards/")
        axe_page.get_by_role("link", name=scorecard.title, exact=True).click()
        axe_page.wait_for_load_state()
        assert axe_page.url == f"{live_server.url}/scorecards/{slug}/{month}/"
        assert axe_page.get_by_role("heading", level=1).inner_text() == scorecard.title
        assert axe_page.locator(".govuk-caption-l").inner_text() == f"As at month end: {month_long(month)}"
        assert_accessible(axe_page, f"scorecard-{slug}-{month}")
        # The scorecard's own address goes to the same month.
        axe_page.goto(f"{live_server.url}/scorecards/{slug}/")
        assert axe_page.url == f"{live_server.url}/scorecards/{slug}/{month}/"


def test_published_scorecard_page_at_desktop_width(live_server, axe_page):
    scorecard = Scorecard.objects.get(slug=SLUG)
    axe_page.goto(live_server.url + PAGE)
    assert axe_page.title().startswith(f"{scorecard.title}, December 2020")
    assert axe_page.get_by_role("heading", level=1).inner_text() == scorecard.title
    assert "Issue 1, published" in axe_page.locator(".app-document-status").inner_text()
    assert live_warning(axe_page).count() == 0
    assert axe_page.get_by_role("link", name="Show the live figures").count() == 0

    table = axe_page.get_by_role("table")
    assert table.locator("caption").inner_text() == f"{scorecard.title} as at December 2020"
    # The scroll region is named by the caption, so it is announced as the table it holds.
    assert axe_page.get_by_role("region", name=f"{scorecard.title} as at December 2020").count() == 1

    groups = table.locator("thead tr").first.locator("th[scope=colgroup]")
    assert groups.all_inner_texts() == COLUMN_GROUPS
    spans = sum(int(group.get_attribute("colspan")) for group in groups.all())
    columns = table.locator("thead tr").nth(1).locator("th[scope=col]")
    assert spans == columns.count()
    assert columns.first.inner_text() == "No. and indicator"

    rows = read_table(axe_page)
    # The filter lists the sections in the scorecard's order (hidden while the filters are closed).
    sections = axe_page.get_by_label("Section", exact=True).locator("option").all_text_contents()[1:]
    assert [group["section"] for group in rows] == sections
    assert len(sections) >= 2
    assert table.locator("th[scope=rowgroup]").count() == len(sections)
    assert all(group["rows"] for group in rows)
    shown = all_rows(rows)
    assert len(shown) == int(axe_page.locator("#summary").inner_text().split()[0])
    assert len(set(numbers(shown))) == len(shown)
    # Each row's direction of travel is in words from the key (or says there is none).
    assert {row["Direction of travel"] for row in shown} <= {*DOT_WORDS.values(), "no comparison"}
    assert "improvement in performance" in {row["Direction of travel"] for row in shown}
    ratings = {row["RAG in month"] for row in shown} | {row["RAG year end"] for row in shown}
    assert {"Red", "Amber", "Green"} <= ratings <= {"Red", "Amber", "Green", "no rating"}
    # Colour is never the only signal: each rating carries its word beside a shape.
    red = table.locator(".app-rag--red").first
    assert red.inner_text() == "■ Red"

    key = axe_page.locator(".app-key").first.locator("li")
    assert key.count() == 10
    assert [text.split(" ", 1)[1] for text in key.all_inner_texts()] == list(DOT_WORDS.values())
    assert_accessible(axe_page, "scorecard-published-1280px")


def test_month_picker_goes_to_the_month_chosen(live_server, axe_page):
    scorecard = Scorecard.objects.get(slug=SLUG)
    # A second published month, so that the picker has a real choice to make.
    publish_scorecard(scorecard, Month(2020, 11))
    requested = []
    axe_page.on("request", lambda request: requested.append(request.url))

    axe_page.goto(f"{live_server.url}/scorecards/{SLUG}/")
    assert axe_page.url == live_server.url + PAGE
    picker = axe_page.get_by_label("Month", exact=True)
    assert picker.locator("option").all_inner_texts() == ["Dec-20", "Nov-20"]

    picker.select_option("2020-11")
    axe_page.get_by_role("button", name="Show month").click()
    axe_page.wait_for_load_state()
    assert axe_page.url == f"{live_server.url}/scorecards/{SLUG}/2020-11/"
    assert f"{live_server.url}/scorecards/{SLUG}/?month=2020-11" in requested
    assert axe_page.get_by_role("table").locator("caption").inner_text() == f"{scorecard.title} as at November 2020"
    assert picker.input_value() == "2020-11"

    axe_page.get_by_label("Month", exact=True).select_option("2020-12")
    axe_page.get_by_role("button", name="Show month").click()
    axe_page.wait_for_load_state()
    assert axe_page.url == live_server.url + PAGE
    assert axe_page.locator(".govuk-caption-l").inner_text() == "As at month end: December 2020"
    assert picker.input_value() == "2020-12"
    assert_accessible(axe_page, "scorecard-month-picked")


def test_section_and_rating_filters(live_server, axe_page):
    axe_page.goto(live_server.url + PAGE)
    everything = read_table(axe_page)
    section = everything[1]["section"]

    apply_filters(axe_page, section=section)
    assert query(axe_page)["section"] == [section]
    table = read_table(axe_page)
    assert [group["section"] for group in table] == [section]
    assert numbers(all_rows(table)) == numbers(everything[1]["rows"])
    assert shown_count(axe_page) == len(all_rows(table))
    assert axe_page.get_by_label("Section", exact=True).input_value() == section
    assert_accessible(axe_page, "scorecard-filter-section")

    apply_filters(axe_page, rag="red")
    assert query(axe_page)["rag"] == ["red"]
    shown = all_rows(read_table(axe_page))
    assert shown and {headline_rag(row) for row in shown} == {"Red"}
    assert numbers(shown) == numbers([row for row in all_rows(everything) if headline_rag(row) == "Red"])
    assert shown_count(axe_page) == len(shown)
    assert_accessible(axe_page, "scorecard-filter-rag-red")

    apply_filters(axe_page, rag="none")
    shown = all_rows(read_table(axe_page))
    assert shown and {headline_rag(row) for row in shown} == {"no rating"}
    assert numbers(shown) == numbers([row for row in all_rows(everything) if headline_rag(row) == "no rating"])


def test_direction_of_travel_and_exceptions_filters(live_server, axe_page):
    axe_page.goto(live_server.url + PAGE)
    everything = all_rows(read_table(axe_page))

    apply_filters(axe_page, dot="improvement")
    assert query(axe_page)["dot"] == ["improvement"]
    shown = all_rows(read_table(axe_page))
    assert shown and {row["Direction of travel"] for row in shown} == {DOT_WORDS["improvement"]}
    assert numbers(shown) == numbers([r for r in everything if r["Direction of travel"] == DOT_WORDS["improvement"]])
    assert shown_count(axe_page) == len(shown)
    assert_accessible(axe_page, "scorecard-filter-dot-improvement")

    apply_filters(axe_page, dot="none")
    shown = all_rows(read_table(axe_page))
    assert shown and {row["Direction of travel"] for row in shown} == {"no comparison"}

    apply_filters(axe_page, exceptions=True)
    assert query(axe_page)["exceptions"] == ["on"]
    assert axe_page.get_by_label("Exceptions only").is_checked()
    shown = all_rows(read_table(axe_page))
    red = [row for row in everything if "Red" in (row["RAG in month"], row["RAG year end"])]
    # Every red indicator is an exception; the others must have declined (twice running, which the
    # page cannot show, so only the latest decline is checked here).
    assert set(numbers(red)) <= set(numbers(shown))
    assert len(shown) > len(red)
    for row in shown:
        assert "Red" in (row["RAG in month"], row["RAG year end"]) or row["Direction of travel"].startswith("decline")
    assert numbers(shown) == [number for number in numbers(everything) if number in set(numbers(shown))]
    assert shown_count(axe_page) == len(shown)
    assert_accessible(axe_page, "scorecard-filter-exceptions")


def test_filters_that_match_nothing_say_so(live_server, axe_page):
    axe_page.goto(live_server.url + PAGE)
    # Green yet "not on target" cannot both hold.
    apply_filters(axe_page, rag="green", dot="decline_not_on_target")
    assert query(axe_page)["rag"] == ["green"] and query(axe_page)["dot"] == ["decline_not_on_target"]
    assert axe_page.get_by_role("table").count() == 0
    assert shown_count(axe_page) == 0
    message = axe_page.get_by_role("status").filter(has_text="No indicators match")
    assert message.inner_text() == "No indicators match the filters. Clear the filters to see them all."
    # The filters stay open and filled in, so the member can see what they asked for.
    assert axe_page.locator("details.govuk-details").get_attribute("open") is not None
    assert axe_page.get_by_label("Rating (RAG)").input_value() == "green"
    assert_accessible(axe_page, "scorecard-filter-no-results")

    message.get_by_role("link", name="Clear the filters").click()
    axe_page.wait_for_load_state()
    assert axe_page.url == live_server.url + PAGE
    assert axe_page.get_by_role("table").count() == 1


def test_officer_switches_between_live_and_published_figures(live_server, axe_page):
    scorecard = Scorecard.objects.get(slug=SLUG)
    sign_in(axe_page, live_server.url, "officer", demo_password("officer"))
    axe_page.goto(live_server.url + PAGE)
    assert live_warning(axe_page).count() == 0

    axe_page.get_by_role("link", name="Show the live figures").click()
    axe_page.wait_for_load_state()
    assert axe_page.url == live_server.url + PAGE + "?live=1"
    assert live_warning(axe_page).is_visible()
    assert axe_page.title().startswith(f"{scorecard.title}, December 2020 (live)")
    assert axe_page.get_by_role("table").locator("caption").inner_text().endswith("(live figures)")
    assert "not a publication" in axe_page.locator(".app-document-status").inner_text()
    assert_accessible(axe_page, "scorecard-live-officer")

    # Filtering live figures keeps them live.
    apply_filters(axe_page, rag="red")
    assert query(axe_page)["live"] == ["1"]
    assert live_warning(axe_page).is_visible()

    axe_page.get_by_role("link", name="Show the published figures").click()
    axe_page.wait_for_load_state()
    assert axe_page.url == live_server.url + PAGE
    assert live_warning(axe_page).count() == 0
    assert "Issue 1, published" in axe_page.locator(".app-document-status").inner_text()
    assert axe_page.get_by_role("link", name="Show the live figures").is_visible()


@pytest.mark.parametrize("username", [None, "councillor"], ids=["public", "councillor"])
def test_no_live_figures_for_the_public_or_councillors(live_server, axe_page, username):
    if username:
        sign_in(axe_page, live_server.url, username, demo_password(username))
        assert f"({username})" in axe_page.locator(".app-header__user").inner_text()
    for path in [PAGE, f"/scorecards/{SLUG}/"]:
        axe_page.goto(f"{live_server.url}{path}?live=1")
        assert axe_page.url.startswith(live_server.url + PAGE)
        assert live_warning(axe_page).count() == 0
        assert axe_page.get_by_role("link", name="Show the live figures").count() == 0
        assert axe_page.get_by_role("link", name="Show the published figures").count() == 0
        assert "Issue 1, published" in axe_page.locator(".app-document-status").inner_text()
        assert not axe_page.get_by_role("table").locator("caption").inner_text().endswith("(live figures)")
    assert_accessible(axe_page, f"scorecard-live-refused-{username or 'public'}")


@pytest.mark.parametrize(
    "width, name",
    [(320, "scorecard-320px"), (640, "scorecard-zoom-200pc")],
    ids=["320px", "200pc-zoom"],
)
def test_small_screens_and_zoom_show_each_indicator_as_a_stacked_summary(live_server, browser, width, name):
    """320 px is WCAG 1.4.10 reflow; 640 px is a 1280 px screen at 200% zoom (1.4.4). Below 641 px
    the table gives way to a summary of each indicator: nothing scrolls sideways, nothing is hidden."""
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + PAGE)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.get_by_text("Filter indicators").click()
        for label in ["Section", "Rating (RAG)", "Direction of travel"]:
            field = page.get_by_label(label, exact=True)
            assert field.bounding_box()["x"] + field.bounding_box()["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page, name)

        assert not page.locator(".app-table-scroll").is_visible()
        table = read_table(page)  # the table is in the page, for print; the summaries stand in for it
        summaries = page.locator(".app-stacked__item")
        assert summaries.count() == len(all_rows(table)) == int(page.locator("#summary").inner_text().split()[0])
        for index, row in enumerate(all_rows(table)):
            item = summaries.nth(index)
            assert item.is_visible()
            box = item.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            link = item.get_by_role("link")
            assert link.inner_text().split()[0] == row["number"]
            assert link.get_attribute("href").startswith(f"{PAGE}indicators/")
            facts = item.locator("dl").inner_text()
            # The same words as the table: direction of travel and both ratings, in words.
            assert row["Direction of travel"].split(",")[0] in facts
            assert f"RAG in month\n{row['RAG in month'].split(',')[0]}" in facts.replace("■ ", "").replace("▲ ", "").replace("● ", "")
        sections = page.locator(".app-stacked h3")
        assert sections.all_inner_texts() == [group["section"] for group in table]
    finally:
        context.close()


def visible_headers(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('table.app-scorecard thead th')]
        .filter(th => th.offsetParent !== null)
        .map(th => { const box = th.getBoundingClientRect();
                     return {text: th.textContent.trim(), left: box.left, right: box.right}; })""")


@pytest.mark.parametrize(
    "choice, link, groups",
    [
        ("", None, ["Indicator", "Figures", "Performance"]),
        ("targets", "Targets and tolerances", ["Indicator", "Target and tolerances 2020/21"]),
        ("trend", "Year on year", ["Indicator", "Year on year trend"]),
        ("benchmarks", "Benchmarks", ["Indicator", "Latest benchmarking"]),
    ],
    ids=["figures-default", "targets", "trend", "benchmarks"],
)
def test_each_choice_of_columns_fits_a_1366px_laptop(live_server, browser, choice, link, groups):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(live_server.url + PAGE)
        if link:  # one click away, and the choice lives in the URL
            page.get_by_role("navigation", name="Columns shown beside each indicator").get_by_role("link", name=link).click()
            page.wait_for_load_state()
            assert query(page) == {"columns": [choice]}
        current = page.locator(".app-column-views [aria-current=page]")
        assert current.count() == 1
        headers = visible_headers(page)
        assert [h["text"] for h in headers[: len(groups)]] == groups
        assert all(0 <= h["left"] and h["right"] <= 1366 for h in headers), headers
        region = page.locator(".app-table-scroll")
        assert region.evaluate("el => el.scrollWidth <= el.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        # No scroll bar out of reach: the scroll region is no taller than the window.
        assert region.evaluate("el => el.getBoundingClientRect().height") <= 768
        assert_accessible(page, f"scorecard-1366px-columns-{choice or 'figures'}")
    finally:
        context.close()


def test_all_columns_and_print_keep_every_column(live_server, browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(live_server.url + PAGE + "?columns=all")
        texts = [h["text"] for h in visible_headers(page)]
        assert [group for group in COLUMN_GROUPS if group in texts] == COLUMN_GROUPS
        assert_accessible(page, "scorecard-1366px-columns-all")
        # Print shows every column whatever the screen's choice.
        page.goto(live_server.url + PAGE)
        on_screen = len(visible_headers(page))
        page.emulate_media(media="print")
        assert len(visible_headers(page)) > on_screen
        assert [group for group in COLUMN_GROUPS if group in [h["text"] for h in visible_headers(page)]] == COLUMN_GROUPS
    finally:
        context.close()


def test_the_header_rows_stay_in_view_while_the_table_scrolls(live_server, browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(live_server.url + PAGE)
        region = page.locator(".app-table-scroll")
        region.scroll_into_view_if_needed()
        region.hover()
        for _ in range(10):  # 2,000 px of mouse wheel over the table
            page.mouse.wheel(0, 200)
        page.wait_for_function("() => document.querySelector('.app-table-scroll').scrollTop >= 1500")
        seen = page.evaluate("""() => {
            const region = document.querySelector('.app-table-scroll').getBoundingClientRect();
            return [...document.querySelector('table.app-scorecard thead').rows].map(row => {
                const th = [...row.cells].find(cell => cell.offsetParent !== null);
                const box = th.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                return {inside: box.top >= region.top - 1 && box.bottom <= region.bottom && box.top >= 0,
                        onTop: th.contains(hit)};
            });
        }""")
        assert seen == [{"inside": True, "onTop": True}, {"inside": True, "onTop": True}]
        page.screenshot(path=str(SCREENSHOTS / "scorecard-1366px-scrolled.png"))
    finally:
        context.close()


def test_the_choice_of_columns_survives_filters_and_the_month_picker(live_server, axe_page):
    axe_page.goto(live_server.url + PAGE + "?columns=benchmarks")
    apply_filters(axe_page, rag="red")
    assert query(axe_page)["columns"] == ["benchmarks"]
    assert axe_page.locator(".app-column-views [aria-current=page]").inner_text() == "Benchmarks"
    axe_page.get_by_label("Month", exact=True).select_option("2020-12")
    axe_page.get_by_role("button", name="Show month").click()
    axe_page.wait_for_load_state()
    assert query(axe_page) == {"columns": ["benchmarks"]}


def test_an_unknown_choice_of_columns_says_so_and_shows_the_default(live_server, axe_page):
    axe_page.goto(live_server.url + PAGE + "?columns=everything")
    message = axe_page.locator(".app-column-views .govuk-error-message")
    assert "There is no choice of columns called \u201ceverything\u201d" in message.inner_text()
    assert axe_page.locator(".app-column-views [aria-current=page]").inner_text() == "Figures and performance"
    assert_accessible(axe_page, "scorecard-columns-unknown")


def test_scorecard_page_runs_under_the_real_csp(live_server, page, axe_page):
    """No CSP bypass: the sparklines, the site's script and the filters load with nothing refused."""
    page.goto(live_server.url + PAGE)
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    assert page.locator(".app-spark svg").count() == len(all_rows(read_table(page)))
    apply_filters(page, rag="amber")
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    assert {headline_rag(row) for row in all_rows(read_table(page))} == {"Amber"}
    violations = [m for m in page.console_messages if "Content Security Policy" in m]
    assert violations == []

    # axe-core cannot be injected under the real CSP: the same page is checked in a bypassing context.
    axe_page.goto(page.url)
    assert_accessible(axe_page, "scorecard-filter-rag-amber")


def test_a_bad_filter_in_the_address_shows_the_error_summary(live_server, axe_page):
    axe_page.goto(live_server.url + PAGE + "?rag=purple")
    axe_page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    assert axe_page.title().startswith("Error: ")
    summary = axe_page.locator(".govuk-error-summary")
    assert summary.get_by_role("heading", level=2).inner_text() == "There is a problem"
    assert axe_page.locator("details.govuk-details").get_attribute("open") is not None
    assert_accessible(axe_page, "scorecard-filter-error")

    summary.get_by_role("link", name="Select a rating from the list").click()
    assert axe_page.evaluate("document.activeElement.id") == "id_rag"
    # The table is still there, unfiltered: a bad filter is ignored, and said so.
    assert axe_page.get_by_role("table").count() == 1
