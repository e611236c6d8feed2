"""Exceptions in the paper (issue 11, item 3): every exception with its note, in the page, the PDF
and the presentation Excel; the page's notes switch; and the warning staff see on live figures
of reds with no exception note.

A built scorecard as at December 2020 holds the four cases that matter:

* 1.1 red in month, with an exception note for December (and a commentary);
* 1.2 red in month, with no exception note for December (only one for November, which does not count);
* 1.3 declined in each of the last two periods and not red;
* 1.4 declined once (November improved): not an exception, but with a commentary for December;
* 1.5 amber, improving: nothing to say.

After publishing, a live exception note is added to 1.2: the published outputs never show it.
"""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from scorecards.compute.periods import Month
from scorecards.models import Commentary, Indicator, Observation, Scorecard
from scorecards.pdf import scorecard_pdf
from scorecards.presentation import (
    DECLINED_TWICE,
    RED_AT_YEAR_END,
    RED_IN_MONTH,
    ExceptionItem,
    exceptions,
    indicator_notes,
    is_exception,
    missing_exception_notes,
    missing_notes_words,
)
from scorecards.presentation_xlsx import EXCEPTIONS_SHEET, presentation_workbook
from scorecards.selectors import scorecard_view
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db

AS_AT = Month(2020, 12)
PAGE = "/scorecards/test-card/2020-12/"
EXCEPTION_NOTE = "**Recruitment** of foster carers paused:\n\n- two panels cancelled\n- a campaign in January"
COMMENTARY_1_1 = "Placements fell in the autumn."
COMMENTARY_1_4 = "A _seasonal_ dip, as every December."
NOVEMBER_NOTE = "November's note on 1.2, not December's."
LIVE_NOTE = "Written after publishing: only the live figures show this."
# Percentages (a numerator of 100) for October, November and December 2020.
FIGURES = {
    "1.1": (44, 45, 30),  # red in month
    "1.2": (45, 46, 35),  # red in month
    "1.3": (62, 56, 52),  # green, declined in November and December
    "1.4": (46, 48, 45),  # amber, declined in December only
    "1.5": (41, 42, 43),  # amber, improving
}


def set_figures(scorecard: Scorecard) -> None:
    for number, values in FIGURES.items():
        indicator = Indicator.objects.get(scorecard=scorecard, number=number)
        for month, value in zip((10, 11, 12), values):
            Observation.objects.filter(indicator=indicator, period=date(2020, month, 1)).update(
                numerator=Decimal(value), value=Decimal(value).quantize(Decimal("0.1"))
            )


def note(scorecard: Scorecard, number: str, month: int, kind: str, text: str) -> None:
    Commentary.objects.create(
        scorecard=scorecard,
        indicator=Indicator.objects.get(scorecard=scorecard, number=number),
        period=date(2020, month, 1),
        kind=kind,
        text=text,
    )


@pytest.fixture
def card() -> Scorecard:
    scorecard = build_scorecard(indicator_count=5)
    set_figures(scorecard)
    note(scorecard, "1.1", 12, "exception", EXCEPTION_NOTE)
    note(scorecard, "1.1", 12, "commentary", COMMENTARY_1_1)
    note(scorecard, "1.2", 11, "exception", NOVEMBER_NOTE)
    note(scorecard, "1.4", 12, "commentary", COMMENTARY_1_4)
    publish_scorecard(scorecard, AS_AT)
    note(scorecard, "1.2", 12, "exception", LIVE_NOTE)
    return scorecard


def listed(scorecard: Scorecard, live: bool) -> tuple[ExceptionItem, ...]:
    view = scorecard_view(scorecard, AS_AT, live=live)
    return exceptions(view.rows, view.previous, indicator_notes(view.data, AS_AT))


# -- the presentation function ---------------------------------------------------------------------------------


def test_the_exceptions_are_the_rows_the_one_definition_holds_for_in_scorecard_order(card):
    view = scorecard_view(card, AS_AT, live=False)
    expected = [row.number for row in view.rows if is_exception(row, view.previous.get(row.number))]
    assert expected == ["1.1", "1.2", "1.3"]
    items = listed(card, live=False)
    assert [item.number for item in items] == expected
    assert [item.name for item in items] == ["Indicator 1", "Indicator 2", "Indicator 3"]
    assert {item.section for item in items} == {"LOOKED AFTER CHILDREN"}


def test_each_exception_says_why_in_words_and_carries_its_note_for_the_month(card):
    first, second, third = listed(card, live=False)
    assert first.reasons == (RED_IN_MONTH,) and first.why == "Red in month"
    assert first.note == EXCEPTION_NOTE
    assert second.reasons == (RED_IN_MONTH,)
    assert second.note is None  # November's note is not December's; the live one is not published
    assert third.reasons == (DECLINED_TWICE,) and third.why == DECLINED_TWICE
    assert third.note is None
    assert [item.note_missing for item in (first, second, third)] == [False, True, False]
    assert [item.number for item in missing_exception_notes((first, second, third))] == ["1.2"]


def test_live_figures_read_the_live_notes(card):
    items = {item.number: item for item in listed(card, live=True)}
    assert items["1.2"].note == LIVE_NOTE
    assert missing_exception_notes(items.values()) == ()


def test_why_joins_the_reasons_in_one_phrase():
    def item(*reasons: str) -> ExceptionItem:
        return ExceptionItem("1", "One", None, reasons, None, needs_note=RED_IN_MONTH in reasons)

    assert item(RED_AT_YEAR_END).why == "Red at year end"
    assert item(RED_IN_MONTH, RED_AT_YEAR_END).why == "Red in month and at year end"
    assert item(RED_IN_MONTH, DECLINED_TWICE).why == "Red in month; declined in each of the last two periods"


def test_the_warning_counts_in_words():
    assert missing_notes_words(1) == "1 red rating has no exception note"
    assert missing_notes_words(10) == "10 red ratings have no exception note"


def test_indicator_notes_are_the_months_commentary_and_exception_note(card):
    view = scorecard_view(card, AS_AT, live=False)
    notes = indicator_notes(view.data, AS_AT)
    assert set(notes) == {"1.1", "1.4"}
    assert notes["1.1"].commentary == COMMENTARY_1_1 and notes["1.1"].exception_note == EXCEPTION_NOTE
    assert notes["1.4"].commentary == COMMENTARY_1_4 and notes["1.4"].exception_note is None
    assert indicator_notes(view.data, Month(2020, 11))["1.2"].exception_note == NOVEMBER_NOTE


# -- the page ------------------------------------------------------------------------------------------------


def exceptions_section(html: str) -> str:
    start = html.index('<section class="app-exceptions" id="exceptions"')
    return html[start : html.index("</section>", start)]


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",")


def test_the_page_lists_every_exception_with_its_note_and_a_link_to_its_page(client, card):
    section = exceptions_section(client.get(PAGE).content.decode())
    text = words(section)
    assert re.search(
        r"1\.1 Indicator 1 Red in month .*Recruitment of foster carers paused: two panels cancelled a campaign in January"
        r" 1\.2 Indicator 2 Red in month .*No exception note"
        r" 1\.3 Indicator 3 Declined in each of the last two periods .*No exception note",
        text,
    ), text
    assert "Indicator 4" not in text and "Indicator 5" not in text
    assert "<strong>Recruitment</strong>" in section  # the note's Markdown, rendered
    assert LIVE_NOTE not in section
    for number in ("1.1", "1.2", "1.3"):
        assert f'href="/scorecards/test-card/2020-12/indicators/{number}/"' in section


def test_the_page_says_when_there_are_no_exceptions(client, card):
    Observation.objects.filter(indicator__scorecard=card, period__gte=date(2020, 10, 1)).update(
        numerator=Decimal(55), value=Decimal("55.0")
    )
    publish_scorecard(card, AS_AT)
    assert "No exceptions this month." in words(exceptions_section(client.get(PAGE).content.decode()))


def notes_rows(html: str) -> list[str]:
    return [words(row) for row in re.findall(r'<tr class="govuk-table__row app-notes-row">.*?</tr>', html, re.S)]


def test_the_notes_switch_adds_a_full_width_row_under_each_indicator_with_a_note(client, card):
    page = client.get(PAGE).content.decode()
    assert notes_rows(page) == []
    assert f'href="{PAGE}?notes=1">Show commentary and exception notes</a>' in page

    shown = client.get(PAGE + "?notes=1").content.decode()
    rows = notes_rows(shown)
    assert rows == [
        "Commentary on 1.1 Indicator 1, December 2020 Placements fell in the autumn. "
        "Exception note on 1.1 Indicator 1, December 2020 Recruitment of foster carers paused: "
        "two panels cancelled a campaign in January",
        "Commentary on 1.4 Indicator 4, December 2020 A seasonal dip, as every December.",
    ]
    # Each notes row sits right under its indicator's row and spans every column.
    columns = len(re.findall(r'<th scope="col"', shown))
    assert shown.count(f'<td class="govuk-table__cell app-notes" colspan="{columns}">') == 2
    assert re.search(r"Indicator 1</a></th>.*?</tr><tr class=\"govuk-table__row app-notes-row\">", shown, re.S)
    assert "<em>seasonal</em>" in shown
    assert f'href="{PAGE}">Hide commentary and exception notes</a>' in shown


def test_the_notes_switch_is_kept_with_the_filters_and_live_figures(client, card, officer):
    client.force_login(officer)
    page = client.get(PAGE + "?live=1&section=LOOKED+AFTER+CHILDREN&notes=1").content.decode()
    assert '<input type="hidden" name="notes" value="1">' in page
    assert '<input type="hidden" name="live" value="1">' in page
    assert f'href="{PAGE}?live=1&amp;section=LOOKED+AFTER+CHILDREN">Hide commentary' in page
    assert f'href="{PAGE}?live=1&amp;notes=1">Clear filters</a>' in page
    # Live, the notes rows read the live notes.
    assert "Exception note on 1.2 Indicator 2, December 2020 " + LIVE_NOTE in notes_rows(page)
    published = client.get(PAGE + "?notes=1&section=LOOKED+AFTER+CHILDREN").content.decode()
    assert f'href="{PAGE}?section=LOOKED+AFTER+CHILDREN">Hide commentary' in published
    assert LIVE_NOTE not in published


@pytest.mark.parametrize("live", [False, True])
def test_the_notes_switch_and_the_exceptions_take_no_extra_queries(client, card, officer, live):
    client.force_login(officer)
    # Once first: the site settings and a publication's content are read once and cached.
    client.get(PAGE + ("?live=1" if live else ""))
    counts = []
    for query in ("", "notes=1"):
        url = PAGE + "?" + "&".join(filter(None, ["live=1" if live else "", query]))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def missing_notes_warning(html: str) -> str | None:
    match = re.search(r'<div class="app-missing-notes".*?</ul>', html, re.S)
    return words(match.group(0)) if match else None


def test_staff_on_live_figures_see_the_reds_with_no_exception_note(client, card, officer):
    client.force_login(officer)
    Commentary.objects.filter(indicator__number="1.2", period=date(2020, 12, 1)).delete()
    page = client.get(PAGE + "?live=1").content.decode()
    warning = missing_notes_warning(page)
    assert warning.startswith("! Warning 1 red rating has no exception note")
    assert "1.2 Indicator 2 (red in month)" in warning and "1.1" not in warning
    assert 'href="/scorecards/test-card/2020-12/indicators/1.2/?live=1"' in page
    # With the note written, the warning goes.
    note(card, "1.2", 12, "exception", LIVE_NOTE)
    assert missing_notes_warning(client.get(PAGE + "?live=1").content.decode()) is None


def test_no_missing_notes_warning_on_published_figures_or_for_councillors(client, card, officer, councillor):
    Commentary.objects.filter(indicator__number="1.2", period=date(2020, 12, 1)).delete()
    assert missing_notes_warning(client.get(PAGE).content.decode()) is None
    client.force_login(officer)
    assert missing_notes_warning(client.get(PAGE).content.decode()) is None
    client.force_login(councillor)
    assert missing_notes_warning(client.get(PAGE + "?live=1").content.decode()) is None


def test_the_demo_counts_its_ten_reds_with_no_exception_note(client, published_demo, db, officer):
    url = "/scorecards/corporate-parenting/2020-12/"
    client.force_login(officer)
    page = client.get(url + "?live=1").content.decode()
    warning = missing_notes_warning(page)
    assert warning.startswith("! Warning 10 red ratings have no exception note")
    assert warning.count("(red ") == 10
    assert missing_notes_warning(client.get(url).content.decode()) is None


# -- the PDF and the presentation Excel -----------------------------------------------------------------


def pdf_exceptions(scorecard: Scorecard, live: bool) -> str:
    reader = PdfReader(io.BytesIO(scorecard_pdf(scorecard_view(scorecard, AS_AT, live=live))))
    starts: dict[str, int] = {}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                starts.setdefault(item.title, reader.get_destination_page_number(item))

    walk(reader.outline)
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages[starts["Exceptions"] : starts["Key"] + 1])
    start = re.search(r"Exceptions (Every indicator|No exceptions)", text).start()
    return text[start : text.index("Key Direction of travel")]


def test_the_pdf_lists_every_exception_with_its_note_after_the_table(card):
    text = pdf_exceptions(card, live=False)
    assert re.search(
        r"1\.1 Indicator 1 Red in month .*Recruitment of foster carers paused: .*two panels cancelled .*a campaign in January"
        r" 1\.2 Indicator 2 Red in month .*No exception note"
        r" 1\.3 Indicator 3 Declined in each of the last two periods .*No exception note",
        text,
    ), text
    assert "Indicator 4" not in text and "**" not in text
    assert LIVE_NOTE not in text
    assert LIVE_NOTE in pdf_exceptions(card, live=True)


def test_the_pdf_says_when_there_are_no_exceptions(card):
    Observation.objects.filter(indicator__scorecard=card, period__gte=date(2020, 10, 1)).update(
        numerator=Decimal(55), value=Decimal("55.0")
    )
    assert "No exceptions this month." in pdf_exceptions(card, live=True)


def exceptions_sheet(scorecard: Scorecard, live: bool) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(presentation_workbook(scorecard_view(scorecard, AS_AT, live=live))))
    assert workbook.sheetnames.index(EXCEPTIONS_SHEET) == 1  # straight after the table
    return [row for row in workbook[EXCEPTIONS_SHEET].iter_rows(values_only=True) if any(row)]


def test_the_excel_file_has_an_exceptions_sheet_with_notes_as_plain_text(card):
    rows = exceptions_sheet(card, live=False)
    assert rows[0][0] == "Exceptions, December 2020"
    assert rows[2] == ("No.", "Indicator", "Why it is an exception", "Exception note")
    assert rows[3:] == [
        ("1.1", "Indicator 1", "Red in month",
         "Recruitment of foster carers paused:\n\n• two panels cancelled\n• a campaign in January"),
        ("1.2", "Indicator 2", "Red in month", "No exception note"),
        ("1.3", "Indicator 3", DECLINED_TWICE, "No exception note"),
    ]
    live = exceptions_sheet(card, live=True)
    assert live[4] == ("1.2", "Indicator 2", "Red in month", LIVE_NOTE)


def test_the_excel_file_says_when_there_are_no_exceptions(card):
    Observation.objects.filter(indicator__scorecard=card, period__gte=date(2020, 10, 1)).update(
        numerator=Decimal(55), value=Decimal("55.0")
    )
    assert [row[0] for row in exceptions_sheet(card, live=True)][-1] == "No exceptions this month."
