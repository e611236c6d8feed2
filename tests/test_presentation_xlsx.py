"""The presentation workbook says what the members' page says, laid out like the printed scorecard."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scorecards.compute.vocabulary import STATES, Mark
from scorecards.compute.periods import Month
from scorecards.models import Indicator, Observation, Scorecard, Target
from scorecards.presentation import ARROW_GLYPHS, GLOSSARY
from scorecards.presentation_xlsx import excel_number, markdown_to_text, presentation_workbook
from scorecards.selectors import scorecard_export, scorecard_view

pytestmark = pytest.mark.django_db

CORPORATE = ("corporate-parenting", Month(2020, 12))
FILLS = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE"}


@pytest.fixture
def demo(published_demo, db):
    """The demo scorecards, loaded once for the module; each test's changes are rolled back."""


def open_workbook(slug: str, as_at: Month, live: bool = False) -> Workbook:
    scorecard = Scorecard.objects.get(slug=slug)
    content = presentation_workbook(scorecard_view(scorecard, as_at, live=live))
    return load_workbook(io.BytesIO(content))


def header_row(ws: Worksheet) -> int:
    """The row of column headings (the grouped headings are the row above)."""
    return next(cell.row for cell in ws["A"] if cell.value == "No.")


def indicator_rows(ws: Worksheet) -> dict[str, dict[str, object]]:
    """Each indicator's cells, by number and then by column heading."""
    top = header_row(ws)
    headings = [cell.value for cell in ws[top]]
    rows = {}
    for cells in ws.iter_rows(min_row=top + 1):
        if cells[1].value is not None and cells[0].value is not None:  # a section row fills column A only
            rows[cells[0].value] = {heading: cell for heading, cell in zip(headings, cells)}
    return rows


def column_texts(ws: Worksheet, column: str = "A") -> list[str]:
    return [cell.value for cell in ws[column] if cell.value is not None]


def expected_format(value: str, unit: str, decimals: int) -> str:
    """The indicator's decimals (more only where the figure carries more); `%` shown, not divided."""
    places = max(decimals, len(value.partition(".")[2]))
    pattern = "0." + "0" * places if places else "0"
    return pattern + '"%"' if unit == "percentage" else pattern


def note_of(cell) -> str:
    return cell.comment.text if cell.comment else ""


def assert_figure(cell, value: str | None, unit: str, decimals: int, where, absent: str = "-") -> None:
    """A figure is a number cell holding exactly the published figure; no figure is text."""
    if value is None:
        assert (cell.data_type, cell.value) == ("s", absent), where
        return
    assert cell.data_type == "n", where
    assert isinstance(cell.value, (int, float)), where
    assert Decimal(str(cell.value)) == Decimal(value), where
    assert cell.number_format == expected_format(value, unit, decimals), where


@pytest.mark.parametrize(
    "slug, as_at, count",
    [(*CORPORATE, 41), ("safeguarding-children-families", Month(2016, 3), 76)],
)
def test_every_published_row_has_the_pages_figures_as_numbers_dot_words_and_rag(demo, slug, as_at, count):
    exported = scorecard_export(Scorecard.objects.get(slug=slug), as_at, live=False)
    ws = open_workbook(slug, as_at)["Scorecard"]
    shown = indicator_rows(ws)
    assert len(shown) == len(exported["rows"]) == count
    numbers = 0
    for row in exported["rows"]:
        cells = shown[row["number"]]
        texts = {heading: cell.value for heading, cell in cells.items()}
        unit, decimals = row["unit"], row["decimals"]
        assert texts["Indicator"] == row["name"]
        assert texts["Good performance is"] == row["polarity"]
        assert texts["Data note"] == row["data_note"]
        for period in exported["periods"]:
            cell = cells[Month.parse(period).abbreviation()]
            marks = row["marks"].get(period, [])
            assert_figure(cell, row["values"][period], unit, decimals, (row["number"], period),
                          absent=" ".join(marks) or "-")
            # Marks go in the cell's note, each with its meaning; a cell without marks has none.
            assert note_of(cell) == "\n".join(f"{mark} {Mark.labels()[mark]}" for mark in marks), (row["number"], period)
            numbers += row["values"][period] is not None
        assert_figure(cells["YTD"], row["ytd"], unit, decimals, (row["number"], "ytd"))
        assert ("(incomplete)" in note_of(cells["YTD"])) == row["ytd_incomplete"], row["number"]
        dot = row["dot"]
        assert texts["Direction of travel"] == (
            f"{ARROW_GLYPHS[dot['arrow']]} {dot['words']}" if dot["state"] else "no comparison"
        ), row["number"]
        for heading, key in [("RAG in month", "in_month"), ("RAG year end", "year_end")]:
            rag = row["rag"][key]
            assert texts[heading] == (rag.capitalize() if rag else "no rating"), (row["number"], key)
            fill = cells[heading].fill
            if rag:
                assert (fill.fill_type, fill.fgColor.rgb[-6:]) == ("solid", FILLS[rag]), (row["number"], key)
            else:
                assert fill.fill_type is None, (row["number"], key)
        target = row["target"] or {}
        assert [texts[h] for h in ("Red", "Amber", "Green (target)")] == [
            target.get(band) or "-" for band in ("red", "amber", "green")
        ]
        assert all(cells[h].data_type == "s" for h in ("Red", "Amber", "Green (target)"))
        for year, value in row["outturns"].items():
            assert_figure(cells[year], value, unit, decimals, (row["number"], year))
        for measure, bench in row["benchmarks"].items():
            label = BENCHMARK_HEADINGS[measure]
            assert_figure(cells[label], bench["value"], unit, decimals, (row["number"], measure))
            assert note_of(cells[label]) == (f"Year: {bench['year']}" if bench["year"] else ""), (row["number"], measure)
        for measure in set(BENCHMARK_HEADINGS) - set(row["benchmarks"]):
            assert (cells[BENCHMARK_HEADINGS[measure]].value, note_of(cells[BENCHMARK_HEADINGS[measure]])) == ("-", "")
    assert numbers > count  # the demo's months are mostly figures, not gaps


BENCHMARK_HEADINGS = {
    "stat_neighbour_average": "Statistical neighbour average",
    "best_stat_neighbour": "Best statistical neighbour",
    "national_average": "National average",
    "national_top_quartile": "National top quartile threshold",
}


def test_rows_sit_under_their_section_heading_in_the_scorecards_order(demo):
    exported = scorecard_export(Scorecard.objects.get(slug=CORPORATE[0]), CORPORATE[1], live=False)
    ws = open_workbook(*CORPORATE)["Scorecard"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    seen: list[tuple[str, str]] = []
    section = None
    for cells in ws.iter_rows(min_row=header_row(ws) + 1):
        if cells[0].value is not None and cells[1].value is None:
            section = cells[0].value
            assert cells[0].font.b
            assert all(cell.fill.fill_type == "solid" for cell in cells)
            # Not merged, so that sorting inside the autofilter works; the title spills across.
            assert not any(f"A{cells[0].row}:" in r for r in merged)
            assert not cells[0].alignment.wrap_text
        elif cells[0].value is not None:
            seen.append((section, cells[0].value))
    assert seen == [(row["section"], row["number"]) for row in exported["rows"]]


@pytest.mark.parametrize(
    "group, headings",
    [
        ("Indicator", ["No.", "Indicator", "Good performance is", "Data note"]),
        ("Figures", ["Oct-20", "Nov-20", "Dec-20", "YTD"]),
        ("Performance", ["Direction of travel", "RAG in month", "RAG year end"]),
        ("Target and tolerances 2020/21", ["Red", "Amber", "Green (target)"]),
        ("Year on year trend", ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20"]),
        (
            "Latest benchmarking",
            ["Statistical neighbour average", "Best statistical neighbour", "National average", "National top quartile threshold"],
        ),
    ],
)
def test_grouped_headers_are_merged_over_their_columns(demo, group, headings):
    ws = open_workbook(*CORPORATE)["Scorecard"]
    top = header_row(ws) - 1
    spans = [r for r in ws.merged_cells.ranges if r.min_row == r.max_row == top and ws.cell(top, r.min_col).value == group]
    assert len(spans) == 1
    span = spans[0]
    assert [ws.cell(top + 1, column).value for column in range(span.min_col, span.max_col + 1)] == headings


def test_groups_follow_the_pages_order_and_the_sheet_prints_like_the_report(demo):
    ws = open_workbook(*CORPORATE)["Scorecard"]
    top = header_row(ws)
    groups = [cell.value for cell in ws[top - 1] if cell.value is not None]
    assert groups == [
        "Indicator", "Figures", "Performance", "Target and tolerances 2020/21", "Year on year trend", "Latest benchmarking",
    ]
    assert ws.freeze_panes == f"C{top + 1}"
    last = get_column_letter(ws.max_column)
    assert ws.auto_filter.ref == f"A{top}:{last}{ws.max_row}"
    assert ws.print_area == f"'Scorecard'!$A$1:${last}${ws.max_row}"
    assert ws.print_title_rows == f"${top - 1}:${top}"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["B"].width > ws.column_dimensions["E"].width
    assert ws["B" + str(top + 2)].alignment.wrap_text


def test_title_rows_give_the_month_the_issue_and_the_revision_warning(demo):
    scorecard = Scorecard.objects.get(slug=CORPORATE[0])
    publication = scorecard.publications.get()
    ws = open_workbook(*CORPORATE)["Scorecard"]
    published = timezone.localtime(publication.published_at)
    assert column_texts(ws)[:4] == [
        "Corporate Parenting Monthly Performance Report",
        "As at December 2020",
        f"Issue 1, published {published.day} {published:%B %Y} by Demo Performance Officer",
        "Data reports are not dynamic: figures are re-run and may be revised after publication. "
        "This file shows them as published.",
    ]


def test_key_lists_all_ten_dot_states_the_rag_words_marks_and_glossary(demo):
    ws = open_workbook(*CORPORATE)["Key"]
    pairs = [(row[0].value, row[1].value) for row in ws.iter_rows(max_col=2)]
    dot_pairs = [(ARROW_GLYPHS[key.performance_arrow], key.words) for key in STATES.values()]
    assert len(dot_pairs) == 10
    assert all(pair in pairs for pair in dot_pairs)
    rag_cells = {row[0].value: row[0] for row in ws.iter_rows(max_col=1) if row[0].value in ("Green", "Amber", "Red")}
    assert {word: cell.fill.fgColor.rgb[-6:] for word, cell in rag_cells.items()} == {
        "Green": FILLS["green"], "Amber": FILLS["amber"], "Red": FILLS["red"],
    }
    assert all(pair in pairs for pair in Mark.labels().items())
    assert all(pair in pairs for pair in GLOSSARY.items())


def test_commentary_sheet_has_each_sections_definition_and_significant_changes(demo):
    exported = scorecard_export(Scorecard.objects.get(slug=CORPORATE[0]), CORPORATE[1], live=False)
    scorecard = Scorecard.objects.get(slug=CORPORATE[0])
    data = scorecard_view(scorecard, CORPORATE[1], live=False).data
    ws = open_workbook(*CORPORATE)["Commentary"]
    texts = column_texts(ws, "B")
    sections = column_texts(ws, "A")
    for section in dict.fromkeys(row["section"] for row in exported["rows"]):
        assert section in sections
        for kind in ("definition", "significant_changes"):
            notes = sorted(
                (n for n in data.commentary if n.section == section and n.kind == kind and n.period <= exported["as_at"]),
                key=lambda n: n.period,
            )
            assert notes, (section, kind)  # the demo has both narratives for every section
            assert markdown_to_text(notes[-1].text) in texts, (section, kind)


@pytest.mark.parametrize("slug, as_at", [CORPORATE, ("safeguarding-children-families", Month(2016, 3))])
def test_commentary_sheet_is_plain_text_without_markdown_syntax(demo, slug, as_at):
    data = scorecard_view(Scorecard.objects.get(slug=slug), as_at, live=False).data
    sources = {markdown_to_text(note.text): note.text for note in data.commentary if note.section}
    texts = column_texts(open_workbook(slug, as_at)["Commentary"], "B")
    narratives = [text for text in texts if text != "None for this month."]
    assert len(narratives) >= 4
    assert any("**" in sources[text] or "###" in sources[text] for text in narratives)  # the demo writes Markdown
    for text in narratives:
        source = sources[text]
        for syntax in ("#", "_", "](", "<", "`"):
            assert syntax not in text, (syntax, text[:80])
        # The only asterisks left are those the officer escaped (`\\*` footnote marks), as on the page.
        assert text.count("*") == source.count("\\*"), text[:80]
    if slug == CORPORATE[0]:
        # "### Looked After Children" is a plain line of its own, then the paragraph.
        assert any(text.startswith("Looked After Children\n\nChildren in care") for text in narratives)


def test_a_live_workbook_shows_a_revised_figure_the_published_one_does_not(demo):
    Observation.objects.filter(indicator__number="6.1", period=date(2020, 12, 1)).update(value=Decimal("699"))

    published = open_workbook(*CORPORATE)["Scorecard"]
    assert indicator_rows(published)["6.1"]["Dec-20"].value == 615
    assert "Live figures (not published)" not in column_texts(published)

    live = open_workbook(*CORPORATE, live=True)["Scorecard"]
    assert indicator_rows(live)["6.1"]["Dec-20"].value == 699
    titles = column_texts(live)
    assert titles[2] == "Live figures (not published)"
    assert any(text.startswith("Live figures: these are the figures as they stand now") for text in titles)
    assert not any(text.endswith("This file shows them as published.") for text in titles)


def test_officers_words_that_look_like_formulas_stay_words(demo):
    Indicator.objects.filter(number="6.1").update(name="=HYPERLINK(\"http://example.com\")")
    Target.objects.filter(indicator__number="6.2", year="2020/21").update(green="=0")
    rows = indicator_rows(open_workbook(*CORPORATE, live=True)["Scorecard"])
    assert (rows["6.1"]["Indicator"].value, rows["6.1"]["Indicator"].data_type) == ("=HYPERLINK(\"http://example.com\")", "s")
    assert (rows["6.2"]["Green (target)"].value, rows["6.2"]["Green (target)"].data_type) == ("=0", "s")


def first_row_of_unit(exported, unit: str) -> dict:
    return next(row for row in exported["rows"] if row["unit"] == unit)


@pytest.mark.parametrize("unit, number_format", [("percentage", '0.0"%"'), ("count", "0"), ("rate", "0.0")])
def test_number_formats_follow_the_unit_and_decimals_and_percentages_are_not_divided(demo, unit, number_format):
    exported = scorecard_export(Scorecard.objects.get(slug=CORPORATE[0]), CORPORATE[1], live=False)
    row = first_row_of_unit(exported, unit)
    cell = indicator_rows(open_workbook(*CORPORATE)["Scorecard"])[row["number"]]["Dec-20"]
    assert cell.number_format == number_format
    assert (cell.data_type, Decimal(str(cell.value))) == ("n", Decimal(row["values"]["2020-12"]))
    if unit == "percentage":
        assert cell.value > 1  # 36.8 shown as 36.8%, not 0.368


def test_a_marked_figure_stays_a_number_and_a_missing_one_is_text(demo):
    observations = Observation.objects.filter(indicator__number="6.3")
    observations.filter(period=date(2020, 12, 1)).update(status="provisional")
    observations.filter(period=date(2020, 11, 1)).update(value=None, numerator=None, denominator=None, mark="[c]")
    Observation.objects.filter(indicator__number="6.1", period=date(2020, 10, 1)).delete()
    rows = indicator_rows(open_workbook(*CORPORATE, live=True)["Scorecard"])

    provisional = rows["6.3"]["Dec-20"]
    assert (provisional.data_type, provisional.value) == ("n", 14)
    assert provisional.comment.text == "[p] provisional: the figure may change"
    confidential = rows["6.3"]["Nov-20"]
    assert (confidential.data_type, confidential.value) == ("s", "[c]")
    assert confidential.comment.text.startswith("[c] confidential")
    ytd = rows["6.3"]["YTD"]
    assert ytd.data_type == "n"
    assert "(incomplete)" in ytd.comment.text
    missing = rows["6.1"]["Oct-20"]
    assert (missing.data_type, missing.value, missing.comment) == ("s", "-", None)


def test_a_figure_is_handed_to_excel_only_when_it_reads_back_exactly():
    assert excel_number(Decimal("36.8")) == 36.8
    assert excel_number(Decimal("607")) == 607
    assert excel_number(Decimal("0.1")) == 0.1
    assert excel_number(Decimal("1234567890.1234567")) is None  # more digits than Excel keeps
    assert excel_number(Decimal("NaN")) is None


def test_markdown_becomes_plain_lines():
    text = markdown_to_text(
        "### Heading\n\nSome **bold** and _em_ with [a link](https://example.gov.uk) and `code`.\n\n"
        "- one\n- two\n    - nested\n\nThen:\n\n1. first\n2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert text == (
        "Heading\n\nSome bold and em with a link (https://example.gov.uk) and code.\n\n"
        "• one\n• two\n  • nested\n\nThen:\n\n1. first\n2. second\n\na; b\n1; 2"
    )


def test_long_markdown_is_cut_at_a_cells_worth():
    text = markdown_to_text("word " * 20000)
    assert len(text) == 32767
    assert text.endswith("[The rest of this commentary is on the scorecard's web page.]")
