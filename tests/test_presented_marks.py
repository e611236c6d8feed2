"""A live figure changed since presented is marked on its own row (issue 14, the join; DESIGN 4.6):
"changed since presented to <committee>, <date>" in the figure's cell of the live table and in
the narrow screen's stacked summary, for staff only; the list above the table stays as a summary.
The published page, the public and the PDF never carry the mark."""

import datetime
import re
from decimal import Decimal

import pytest

from accounts.roles import Role
from scorecards import columns
from scorecards.columns import Output
from scorecards.compute.periods import Month
from scorecards.models import Observation, Scorecard
from scorecards.pdf import scorecard_html
from scorecards.presentation import ChangedMark, section_groups, with_changed_marks
from scorecards.selectors import scorecard_view
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PAGE = "/scorecards/corporate-parenting/2020-12/"
MARK = "changed since presented"
SPOKEN = "to Corporate Parenting Panel, 2 March 2021, as 615"


@pytest.fixture
def demo(published_demo, db):
    """The demo with its meetings (loaded once for the module); each test's changes roll back."""


def change_6_1() -> None:
    """December 2020's figure of 6.1 changes after issue 1 was presented on 2 March 2021 (615)."""
    Observation.objects.filter(indicator__scorecard__slug="corporate-parenting", indicator__number="6.1",
                               period=datetime.date(2020, 12, 1)).update(value=Decimal("999"))


def staff(client) -> None:
    client.force_login(make_user("officer-m", Role.PERFORMANCE_OFFICER))


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def table_row(page: str, number: str) -> str:
    """The live table's row of indicator ``number``."""
    table = page[page.index('<table class="govuk-table app-scorecard'):]
    return re.search(rf'<tr class="govuk-table__row"><th scope="row"[^>]*><span class="app-number">{re.escape(number)}</span>.*?</tr>',
                     table, re.S).group(0)


def cells(row: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


def stacked_item(page: str, number: str) -> str:
    return re.search(rf'<li class="app-stacked__item">(?:(?!</li>).)*?<span class="app-number">{re.escape(number)}</span>.*?</li>',
                     page, re.S).group(0)


def test_a_changed_figure_is_marked_in_its_own_cell_of_its_row(client, demo):
    change_6_1()
    staff(client)
    page = page_of(client, PAGE + "?live=1")
    row = table_row(page, "6.1")
    marked = [cell for cell in cells(row) if MARK in cell]
    assert len(marked) == 1
    assert marked[0].startswith("999")  # the December 2020 figure's cell
    assert (f'<span class="app-changed-mark">{MARK}<span class="govuk-visually-hidden"> {SPOKEN}</span></span>'
            in marked[0])
    # Unchanged rows carry nothing; the summary above the table still lists the change.
    assert MARK not in table_row(page, "6.2") and MARK not in table_row(page, "6.3")
    assert page.count('class="app-changed-mark"') == 2  # the table and the narrow screen's summary
    assert "changed since presented to Corporate Parenting Panel, 2 March 2021: 615 then, 999 now" in page


def test_the_narrow_screens_summary_marks_the_latest_figure(client, demo):
    change_6_1()
    staff(client)
    page = page_of(client, PAGE + "?live=1")
    item = stacked_item(page, "6.1")
    assert re.search(rf"<dt>Latest figure</dt><dd>999 \(Dec-20\)<span class=\"app-changed-mark\">{MARK}", item)
    assert MARK not in stacked_item(page, "6.2")


def test_live_figures_as_presented_carry_no_mark(client, demo):
    staff(client)
    page = page_of(client, PAGE + "?live=1")
    assert "No figure differs from issue 1" in page
    assert "app-changed-mark" not in page


@pytest.mark.parametrize("who", ["public", "staff, published figures", "public asking for live"])
def test_the_published_and_public_views_never_carry_the_mark(client, demo, who):
    change_6_1()
    url = PAGE + ("?live=1" if who == "public asking for live" else "")
    if who.startswith("staff"):
        staff(client)
    page = page_of(client, url)
    assert "app-changed-mark" not in page and MARK not in page


def test_the_pdf_of_live_figures_never_carries_the_mark(demo):
    change_6_1()
    view = scorecard_view(Scorecard.objects.get(slug="corporate-parenting"), Month(2020, 12), live=True)
    html = scorecard_html(view)
    assert "999" in html and MARK not in html


def test_a_figure_whose_month_has_no_column_is_marked_beside_the_indicator(demo):
    view = scorecard_view(Scorecard.objects.get(slug="corporate-parenting"), Month(2020, 12), live=True)
    groups = section_groups(view.data, view.rows, Month(2020, 12))
    mark = ChangedMark(period="2019-03", committee="Corporate Parenting Panel",
                       meeting_date=datetime.date(2021, 3, 2), then="600")
    row = with_changed_marks(groups, {"6.1": mark})[0].rows[0]
    assert row.number == "6.1" and row.changed_off_table
    layout = columns.layout(view.table_context, Output.HTML)
    marked = {column.key: column.value(row).changed for column in layout.columns if column.value(row).changed}
    assert marked == {"indicator": mark}
    assert mark.words == "changed since presented to Corporate Parenting Panel, 2 March 2021"
    # A mark for a month shown goes on that figure alone.
    shown = with_changed_marks(groups, {"6.1": ChangedMark("2020-11", "Panel", datetime.date(2021, 3, 2), "1")})[0].rows[0]
    assert [column.key for column in layout.columns if column.value(shown).changed] == ["figure-2020-11"]
