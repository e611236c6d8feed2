"""A rating of an earlier month's figure names its month (issue 11, item 2).

By the current-period rule (docs/rules.md) a row with no figure for the month shown is rated on
its latest earlier figure. Every output says which month: the page (and its screen-reader words),
the PDF, the presentation workbook and the JSON (`current_period`) agree. The summary counts such
ratings apart only where the month shown had a figure due.
"""

import html as html_module
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from scorecards.compute.periods import Month
from scorecards.models import Observation, Target
from scorecards.pdf import scorecard_pdf
from scorecards.presentation import rated_month, summarise
from scorecards.presentation_xlsx import presentation_workbook
from scorecards.selectors import scorecard_export, scorecard_view
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db

JANUARY = Month(2021, 1)


@pytest.fixture
def scorecard():
    """1.1 monthly with no January figure; 1.2 quarterly (Jun, Sep, Dec, Mar); 1.3 monthly with
    a January figure. All three are red in December and January where they have figures."""
    card = build_scorecard(indicator_count=3, months=15)
    monthly, quarterly, complete = card.indicators.order_by("sort_key")
    quarterly.frequency = "quarterly"
    quarterly.save()
    Observation.objects.filter(indicator=quarterly).exclude(period__month__in=[3, 6, 9, 12]).delete()
    Observation.objects.create(indicator=complete, period=date(2021, 1, 1), numerator=30, denominator=100, value=30)
    # A target every figure misses: all three are red.
    Target.objects.filter(indicator__scorecard=card).update(red="<90%", amber="90%>", green="95%+")
    publish_scorecard(card, JANUARY)
    return card


def test_the_rated_month_is_named_only_where_it_is_not_the_month_shown(scorecard):
    view = scorecard_view(scorecard, JANUARY, live=False)
    rows = {row.number: row for row in view.rows}
    assert rated_month(rows["1.1"], JANUARY).abbreviation == "Dec-20"
    assert rated_month(rows["1.1"], JANUARY).long_name == "December 2020"
    assert rated_month(rows["1.2"], JANUARY).abbreviation == "Dec-20"
    assert rated_month(rows["1.3"], JANUARY) is None


def test_the_summary_counts_a_missing_monthly_figure_apart_but_not_a_quarterly_one(scorecard):
    view = scorecard_view(scorecard, JANUARY, live=False)
    summary = summarise(view.rows, JANUARY, view.data.year_start_month)
    assert summary.red == 3
    assert summary.earlier == {"red": 1}  # 1.1 only: the quarterly 1.2 had no January figure due
    assert "3 red (1 of them on an earlier month's figure)" in summary.ratings_sentence()
    # In December every figure was due and given: nothing is counted apart.
    december = scorecard_view(scorecard, Month(2020, 12), live=True)
    assert "of them on an earlier month" not in summarise(december.rows, Month(2020, 12), 4).ratings_sentence()


def page_row(html: str, number: str) -> str:
    match = re.search(rf'<tr class="govuk-table__row[^"]*">(?:(?!</tr>).)*?>{re.escape(number)}</span>.*?</tr>', html, re.S)
    assert match, f"no row {number}"
    return match.group(0)


def visible_text(fragment: str) -> str:
    """What a sighted reader sees: tags and visually hidden words dropped."""
    fragment = re.sub(r'<span class="govuk-visually-hidden">[^<]*</span>', "", fragment)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))


def spoken_text(fragment: str) -> str:
    """What a screen reader says: aria-hidden parts dropped."""
    fragment = re.sub(r'<span (?:class="[^"]*" )?aria-hidden="true">[^<]*</span>', "", fragment)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))


def test_the_page_names_the_rated_month_beside_the_rag_and_the_dot(client, scorecard):
    html = client.get(f"/scorecards/{scorecard.slug}/2021-01/").content.decode()
    monthly = page_row(html, "1.1")
    assert "Red, Dec-20" in visible_text(monthly)
    assert len(re.findall(r", Dec-20", visible_text(monthly))) == 2  # the RAG in month and the DOT
    assert "Red, on the December 2020 figure" in spoken_text(monthly)
    quarterly = page_row(html, "1.2")
    assert "Red, Dec-20" in visible_text(quarterly)
    complete = page_row(html, "1.3")
    assert "Dec-20" not in visible_text(complete)
    assert "Red" in visible_text(complete)
    summary = html_module.unescape(re.search(r'<p class="govuk-body app-summary" id="summary">(.*?)</p>', html, re.S).group(1))
    assert "3 red (1 of them on an earlier month's figure)" in summary


def test_the_indicator_page_names_the_rated_month(client, scorecard):
    html = client.get(f"/scorecards/{scorecard.slug}/2021-01/indicators/1.1/").content.decode()
    summary = html.split("RAG in month</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Red, Dec-20" in visible_text(summary)
    assert "on the December 2020 figure" in spoken_text(summary)


def test_pdf_excel_and_json_agree_with_the_page(scorecard):
    view = scorecard_view(scorecard, JANUARY, live=False)
    export = {row["number"]: row for row in scorecard_export(scorecard, JANUARY, live=False)["rows"]}
    assert export["1.1"]["current_period"] == "2020-12"
    assert export["1.2"]["current_period"] == "2020-12"
    assert export["1.3"]["current_period"] == "2021-01"

    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(scorecard_pdf(view))).pages))
    assert text.count("■ Red, Dec-20") == 2  # 1.1 and 1.2; 1.3 is rated on its own month
    assert "3 red (1 of them on an earlier month's figure)" in text

    ws = load_workbook(io.BytesIO(presentation_workbook(view)))["Scorecard"]
    top = next(cell.row for cell in ws["A"] if cell.value == "No.")
    headings = [cell.value for cell in ws[top]]
    rag, dot = headings.index("RAG in month"), headings.index("Direction of travel")
    cells = {row[0].value: row for row in ws.iter_rows(min_row=top + 1) if row[1].value is not None and row[0].value}
    for number in ("1.1", "1.2"):
        assert cells[number][rag].value == "Red, Dec-20"
        assert cells[number][dot].value.endswith(", Dec-20")
    assert cells["1.3"][rag].value == "Red"
    assert "Dec-20" not in cells["1.3"][dot].value


def test_the_summary_sentence_agrees_with_one():
    from scorecards.presentation import Summary

    summary = Summary(indicators=1, with_target=1, green=1, amber=0, red=0, no_target=0, improved=0, declined=0,
                      unchanged=0, not_judged=1)
    assert summary.ratings_sentence() == "1 indicator. 1 has a target: 1 green, 0 amber, 0 red. 0 have no target."
