"""The members' scorecard page: what it shows, published or live, and how many queries it takes."""

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import council_name
from scorecards.compute.periods import Month
from scorecards.figures import Dot
from scorecards.models import Observation
from scorecards.presentation import dot_display, figure_text
from scorecards.selectors import scorecard_export
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db
PAGE = "/scorecards/corporate-parenting/2020-12/"


class TableRows(HTMLParser):
    """Text of each cell of each table row, header cells included."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "svg":
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "svg":
            self.hidden -= 1

    def handle_data(self, data):
        if self.cell is not None and not self.hidden:
            self.cell.append(data)


def table_rows(html: str) -> dict[str, list[str]]:
    parser = TableRows()
    parser.feed(html)
    rows = {}
    for cells in parser.rows:
        if cells and cells[0][:1].isdigit():
            rows[cells[0].split()[0]] = cells
    return rows


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once for the module); each test's changes roll back."""


def test_every_published_row_shows_the_published_figures_dot_words_and_rag(client, demo):
    from scorecards.models import Scorecard

    exported = scorecard_export(Scorecard.objects.get(slug="corporate-parenting"), Month(2020, 12), live=False)
    response = client.get(PAGE)
    assert response.status_code == 200
    shown = table_rows(response.content.decode())
    assert len(shown) == len(exported["rows"]) == 41
    for row in exported["rows"]:
        cells = shown[row["number"]]
        assert cells[0] == f"{row['number']} {row['name']}"
        assert cells[1] == row["polarity"]
        figures = [figure_text(row["values"][p], row["unit"]) for p in exported["periods"]]
        assert [cell.split(" [")[0] for cell in cells[3:6]] == figures, row["number"]
        assert cells[6].startswith(figure_text(row["ytd"], row["unit"]))
        dot = dot_display(Dot(**row["dot"]))
        assert cells[8] == (f"{dot.glyph} {dot.words}" if dot else "no comparison")
        for index, key in [(9, "in_month"), (10, "year_end")]:
            rag = row["rag"][key]
            assert cells[index].endswith(rag.capitalize() if rag else "no rating"), (row["number"], key)


def test_a_revision_changes_the_live_page_but_not_the_published_one(client, demo, officer):
    Observation.objects.filter(indicator__number="6.1", period=date(2020, 12, 1)).update(value=Decimal("699"))
    assert table_rows(client.get(PAGE).content.decode())["6.1"][5] == "615"

    client.force_login(officer)
    assert table_rows(client.get(PAGE).content.decode())["6.1"][5] == "615"
    live = client.get(PAGE + "?live=1").content.decode()
    assert "Live figures" in live
    # Marked on its row as changed since the panel saw 615 (tests/test_presented_marks.py).
    assert table_rows(live)["6.1"][5] == "699changed since presented to Corporate Parenting Panel, 2 March 2021, as 615"


def test_the_public_and_councillors_never_see_live_figures(client, demo, councillor):
    Observation.objects.filter(indicator__number="6.1", period=date(2020, 12, 1)).update(value=Decimal("699"))
    for user in (None, councillor):
        if user:
            client.force_login(user)
        page = client.get(PAGE + "?live=1").content.decode()
        assert "Live figures" not in page
        assert "Show the live figures" not in page
        assert table_rows(page)["6.1"][5] == "615"


def test_latest_month_redirect_month_picker_and_404s(client, demo):
    assert client.get("/scorecards/corporate-parenting/")["Location"] == PAGE
    assert client.get("/scorecards/corporate-parenting/?month=2020-12")["Location"] == PAGE
    assert client.get("/scorecards/corporate-parenting/2020-11/").status_code == 404
    assert client.get("/scorecards/nothing-here/2020-12/").status_code == 404


@pytest.mark.parametrize(
    "query, expected",
    [
        ("section=CARE+LEAVERS", lambda row: row["section"] == "CARE LEAVERS"),
        ("rag=red", lambda row: (row["rag"]["in_month"] or row["rag"]["year_end"]) == "red"),
        ("dot=improvement", lambda row: row["dot"]["state"] == "improvement"),
        ("exceptions=on", lambda row: "red" in row["rag"].values() or row["dot"]["judgement"] == "declined"),
    ],
)
def test_filters_show_only_matching_rows(client, demo, query, expected):
    from scorecards.models import Scorecard

    exported = scorecard_export(Scorecard.objects.get(slug="corporate-parenting"), Month(2020, 12), live=False)
    shown = set(table_rows(client.get(f"{PAGE}?{query}").content.decode()))
    assert shown
    assert all(expected(row) for row in exported["rows"] if row["number"] in shown)
    if query != "exceptions=on":  # exceptions also need a decline the month before
        assert shown == {row["number"] for row in exported["rows"] if expected(row)}


def test_a_filter_with_no_results_says_so(client, demo):
    page = client.get(f"{PAGE}?section=CARE+LEAVERS&rag=green&dot=stable").content.decode()
    assert "No indicators match the filters" in page
    assert table_rows(page) == {}


@pytest.mark.parametrize("live", [False, True])
def test_page_query_count_does_not_grow_with_indicators(client, officer, live):
    client.force_login(officer)
    council_name()  # the site settings are read once per cache period, not once per page
    counts = []
    for size, slug in [(5, "small"), (200, "large")]:
        scorecard = build_scorecard(indicator_count=size, slug=slug, months=14)
        publish_scorecard(scorecard, Month(2020, 12))
        url = f"/scorecards/{slug}/2020-12/" + ("?live=1" if live else "")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(table_rows(response.content.decode())) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_scorecard_page_keeps_the_strict_policy(client, demo):
    csp = client.get(PAGE)["Content-Security-Policy"]
    assert "style-src 'self';" in csp + ";"
    assert "script-src 'self';" in csp + ";"
    assert "unsafe" not in csp


def test_live_pages_are_never_kept_by_shared_caches(client, demo, officer):
    client.force_login(officer)
    for url in (PAGE, "/scorecards/corporate-parenting/2020-12/indicators/6.1/"):
        assert "no-store" not in client.get(url).get("Cache-Control", "")
        live = client.get(url + "?live=1")["Cache-Control"]
        assert "private" in live and "no-store" in live


def test_the_choice_of_columns_hides_the_other_groups_on_screen_only(client, demo):
    """Every column is in the page whatever the choice (print shows them all); the choice names
    the table's class, and the stylesheet hides the other groups' cells on screen."""
    default = client.get(PAGE).content.decode()
    assert 'class="govuk-table app-scorecard app-scorecard--figures"' in default
    benchmarks = client.get(PAGE + "?columns=benchmarks").content.decode()
    assert 'class="govuk-table app-scorecard app-scorecard--benchmarks"' in benchmarks
    for html in (default, benchmarks):
        for view in ("figures", "targets", "trend", "benchmarks"):
            assert f"app-view-{view}" in html
    css = (Path(__file__).resolve().parents[1] / "static" / "build" / "app.css").read_text()
    assert re.search(r"@media screen\s*\{[^@]*\.app-scorecard--benchmarks \.app-view-figures\s*[,{]", css)
    assert ".app-scorecard--all .app-view" not in css


def test_column_links_keep_the_other_parameters_and_mark_the_current_choice(client, demo):
    html = client.get(PAGE + "?rag=red&columns=trend").content.decode()
    nav = html.split('<nav class="app-column-views"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'href="([^"]+)"( aria-current="page")?>([^<]+)<', nav)
    assert [(href.replace("&amp;", "&"), bool(current), label) for href, current, label in links] == [
        ("?rag=red", False, "Figures and performance"),
        ("?rag=red&columns=targets", False, "Targets and tolerances"),
        ("?rag=red&columns=trend", True, "Year on year"),
        ("?rag=red&columns=benchmarks", False, "Benchmarks"),
        ("?rag=red&columns=all", False, "All columns"),
    ]


def test_the_month_picker_keeps_the_choice_of_columns(client, demo):
    response = client.get("/scorecards/corporate-parenting/?month=2020-12&columns=benchmarks")
    assert response.status_code == 302
    assert response["Location"] == PAGE + "?columns=benchmarks"


def test_an_unknown_choice_of_columns_is_named_in_an_error(client, demo):
    html = client.get(PAGE + "?columns=%3Cscript%3E").content.decode()
    assert "There is no choice of columns called \u201c&lt;script&gt;\u201d" in html
    assert "app-scorecard--figures" in html
