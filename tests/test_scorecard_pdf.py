"""The scorecard PDF, read back with pypdf: laid out like the council's printed report.

Every indicator is printed on one page, its number, name, figures and direction-of-travel words
in one row; the grouped headers repeat on every page of the table; every page carries its page
number, the document status and the title; the key lists all ten DOT states; the narratives
follow. Built once per scorecard from the demo publications (and once from live figures).
"""

import html
import io
import re
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from scorecards.compute.vocabulary import STATES
from scorecards.compute.periods import Month
from scorecards.models import Scorecard
from scorecards.pdf import STYLESHEET, StaticFilesOnly, scorecard_pdf
from scorecards.presentation import section_groups
from scorecards.selectors import scorecard_view
from scorecards.templatetags.scorecard_tags import markdown, month_long

DEMO = {
    "corporate-parenting": (Month(2020, 12), 41),
    "safeguarding-children-families": (Month(2016, 3), 76),
}
GROUP_HEADERS = ["Indicator", "Figures", "Performance", "Target and tolerances", "Year on year trend", "Latest benchmarking"]
A4_LANDSCAPE = (842, 595)  # points
ARROW = r"(?:[↑↓→] )?"


@dataclass(frozen=True)
class Printed:
    export: dict
    reader: PdfReader
    pages: list[str]  # each page's text, whitespace collapsed to single spaces
    outline: list[tuple[int, str, int]]  # (depth, title, page index)
    groups: list  # presentation.SectionGroup, for the narratives


def collapse(text: str) -> str:
    """pypdf gives a cell's wrapped lines on lines of their own; the words are what matter."""
    return " ".join(text.split())


def read(pdf: bytes, view) -> Printed:
    reader = PdfReader(io.BytesIO(pdf))
    outline: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                outline.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    pages = [collapse(page.extract_text()) for page in reader.pages]
    groups = section_groups(view.data, view.rows, view.as_at)
    export = {
        "title": view.title,
        "as_at": str(view.as_at),
        "reporting_year": view.reporting_year,
        "periods": list(view.table_context.periods),
        "rows": [row.as_export() for row in view.rows],
    }
    return Printed(export, reader, pages, outline, groups)


@pytest.fixture(scope="module")
def printed(published_demo, django_db_blocker):
    with django_db_blocker.unblock():
        documents = {}
        for slug, (as_at, _) in DEMO.items():
            scorecard = Scorecard.objects.get(slug=slug)
            view = scorecard_view(scorecard, as_at, live=False)
            documents[slug] = read(scorecard_pdf(view), view)
        scorecard = Scorecard.objects.get(slug="corporate-parenting")
        view = scorecard_view(scorecard, DEMO["corporate-parenting"][0], live=True)
        documents["live"] = read(scorecard_pdf(view), view)
    return documents


def figure(value: str | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value}%" if unit == "percentage" else value


def row_pattern(row: dict, periods: list[str]) -> re.Pattern:
    """The row as read across the printed page: number, name, good performance is, data note,
    the three months, YTD, then (after the sparkline, which has no text) the DOT arrow and words."""
    cells = [row["number"], row["name"], row["polarity"], row["data_note"].replace("; ", " ")]
    for period in periods:
        cells.append(" ".join([figure(row["values"].get(period), row["unit"]), *row["marks"].get(period, [])]))
    cells.append(figure(row["ytd"], row["unit"]) + (" (incomplete)" if row["ytd_incomplete"] else ""))
    dot = row["dot"]["words"] if row["dot"].get("state") else "no comparison"
    return re.compile(r"(?<![\w.])" + " ".join(re.escape(cell) for cell in cells) + " " + ARROW + re.escape(dot))


def row_pages(document: Printed) -> dict[str, list[int]]:
    return {
        row["number"]: [
            index
            for index, text in enumerate(document.pages)
            if row_pattern(row, document.export["periods"]).search(text)
        ]
        for row in document.export["rows"]
    }


def table_pages(document: Printed) -> range:
    return range(max(page for pages in row_pages(document).values() for page in pages) + 1)


def outline_page(document: Printed, title: str) -> int:
    return next(page for _, text, page in document.outline if text == title)


@pytest.mark.parametrize("slug", DEMO)
def test_every_indicator_is_printed_whole_on_one_page_with_its_dot_words(printed, slug):
    document = printed[slug]
    assert len(document.export["rows"]) == DEMO[slug][1]
    pages = row_pages(document)
    missing = [number for number, found in pages.items() if len(found) != 1]
    assert missing == [], f"rows not found once, whole, on one page: {missing}"


@pytest.mark.parametrize("slug", DEMO)
def test_grouped_headers_repeat_on_every_page_of_the_table(printed, slug):
    document = printed[slug]
    pages = table_pages(document)
    assert len(pages) >= 2, "the table should run over more than one page, so the repeat is tested"
    year = document.export["reporting_year"]
    for index in pages:
        headers = " ".join([*GROUP_HEADERS[:3], f"Target and tolerances {year}", *GROUP_HEADERS[4:]])
        assert headers in document.pages[index], f"page {index + 1} lacks the grouped headers"


@pytest.mark.parametrize("slug", DEMO)
def test_sections_are_row_groups_in_the_scorecards_order(printed, slug):
    document = printed[slug]
    sections = list(dict.fromkeys(row["section"] for row in document.export["rows"]))
    table_bookmarks = [(title, page) for depth, title, page in document.outline if depth == 1 and title in sections]
    assert [title for title, _ in table_bookmarks] == sections
    # A section's heading row is never left at the foot of a page without its first indicator.
    pages = row_pages(document)
    first_rows = {}
    for row in document.export["rows"]:
        first_rows.setdefault(row["section"], pages[row["number"]][0])
    assert dict(table_bookmarks) == first_rows


@pytest.mark.parametrize("slug", DEMO)
def test_every_page_of_the_table_names_the_section_of_its_first_row(printed, slug):
    """A page that continues a section has no heading row of its own: the margin names it."""
    document = printed[slug]
    pages = row_pages(document)
    first_row_section: dict[int, str] = {}
    for row in document.export["rows"]:
        first_row_section.setdefault(pages[row["number"]][0], row["section"])
    assert sorted(first_row_section) == list(table_pages(document))
    for page, section in first_row_section.items():
        assert f"Section: {section}" in document.pages[page]
        assert document.pages[page].count("Section: ") == 1


@pytest.mark.parametrize("slug", [*DEMO, "live"])
def test_every_page_is_a4_landscape(printed, slug):
    for page in printed[slug].reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_LANDSCAPE[0]) <= 1 and abs(height - A4_LANDSCAPE[1]) <= 1


@pytest.mark.parametrize("slug", DEMO)
def test_every_page_has_its_number_title_and_document_status(printed, slug):
    document = printed[slug]
    count = len(document.pages)
    assert "Page 1 of" in document.pages[0]
    for index, text in enumerate(document.pages):
        assert f"Page {index + 1} of {count}" in text
        assert "Issue 1, published" in text
        assert f"{document.export['title']}, as at {month_long(document.export['as_at'])}" in text
    assert document.reader.metadata.title.startswith(document.export["title"])


@pytest.mark.parametrize("slug", [*DEMO, "live"])
def test_the_pdf_is_tagged_in_british_english_for_screen_readers(printed, slug):
    catalog = printed[slug].reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"


def test_live_figures_say_so_on_every_page(printed):
    document = printed["live"]
    for text in document.pages:
        assert "Live figures, not a publication" in text
        assert "Issue 1" not in text


@pytest.mark.parametrize("slug", DEMO)
def test_the_key_lists_all_ten_dot_states_ratings_and_marks(printed, slug):
    document = printed[slug]
    key = document.pages[outline_page(document, "Key")]
    key = key[key.index("Key Direction of travel") :]
    words = [state.words for state in STATES.values()]
    assert len(words) == 10
    assert re.search(" ".join(ARROW + re.escape(w) for w in words), key), "the DOT key, in order"
    for shape, rating in (("●", "Green"), ("▲", "Amber"), ("■", "Red")):
        assert f"{shape} {rating}" in key
    for mark in ("[p]", "[r]", "[x]", "[z]", "[c]"):
        assert mark in key
    assert "Glossary" in key


@pytest.mark.parametrize("slug", DEMO)
def test_page_one_points_to_the_key_and_the_narratives(printed, slug):
    document = printed[slug]
    key, narratives = outline_page(document, "Key"), outline_page(document, "Definitions and significant changes")
    assert f"arrows, ratings and marks is on page {key + 1};" in document.pages[0]
    assert f"for each section start on page {narratives + 1}." in document.pages[0]


@pytest.mark.parametrize("slug", DEMO)
def test_narratives_follow_the_table_one_bookmark_per_section(printed, slug):
    document = printed[slug]
    start = outline_page(document, "Definitions and significant changes")
    assert start >= max(table_pages(document))
    sections = [group.title for group in document.groups if group.definition or group.significant_changes]
    assert sections, "the demo scorecards carry narratives"
    bookmarked = [title for depth, title, page in document.outline if depth == 2 and page >= start]
    assert bookmarked == sections


@pytest.mark.parametrize("slug", DEMO)
def test_narratives_read_as_the_markdown_filter_renders_them(printed, slug):
    """The opening words of every section's definition and significant changes, as the page's
    markdown filter renders them (tags stripped), are in the PDF after the table."""
    document = printed[slug]
    narrative_text = " ".join(document.pages[outline_page(document, "Definitions and significant changes") :])
    checked = 0
    for group in document.groups:
        for note in (group.definition, group.significant_changes):
            if note:
                words = collapse(html.unescape(re.sub(r"<[^>]+>", " ", str(markdown(note))))).split()[:8]
                assert " ".join(words) in narrative_text, (group.title, words)
                checked += 1
    assert checked >= len(document.groups)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/scorecard.css",
        "https://example.org/font.woff2",
        "ftp://example.org/file",
        "data:text/css,body{}",
        "file:///etc/passwd",
        STYLESHEET.parent.parent.parent.as_uri() + "/config/settings.py",
        STYLESHEET.parent.as_uri() + "/../../config/settings.py",
    ],
)
def test_the_renderer_reads_nothing_but_static_files(url):
    with pytest.raises(ValueError):
        StaticFilesOnly().fetch(url)


def test_the_renderer_reads_its_stylesheet():
    response = StaticFilesOnly().fetch(STYLESHEET.as_uri())
    try:
        assert b"@page" in response.read()
    finally:
        response.close()


@pytest.mark.django_db
def test_the_scorecard_page_links_its_print_stylesheet_for_print_only(printed, client):
    page = client.get("/scorecards/corporate-parenting/2020-12/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in page
    print_css = (STYLESHEET.parent / "print.css").read_text()
    assert print_css.lstrip().startswith("/*") and "@media print {" in print_css
    for rule in ("size: A4 landscape", "display: table-header-group", "break-inside: avoid", "overflow: visible"):
        assert rule in print_css
