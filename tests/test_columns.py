"""One column specification (scorecards/columns.py): a column added there appears in the page,
the PDF and the presentation Excel file, and the outputs agree on the columns they share."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from scorecards import columns
from scorecards.columns import Cell, CellKind, Column, Output, TableContext, layout
from scorecards.compute.vocabulary import ColumnView

pytestmark = pytest.mark.django_db
PAGE = "/scorecards/corporate-parenting/2020-12/"
CONTEXT = TableContext(periods=("2020-10", "2020-11", "2020-12"), reporting_year="2020/21",
                       outturn_years=("2015/16", "2016/17", "2017/18", "2018/19", "2019/20"))


@pytest.fixture
def made_up_column(monkeypatch):
    """A benchmark column nobody asked for, added by one edit: appending it to the specification."""
    specified = columns.scorecard_columns

    def with_made_up(context):
        made_up = Column("made_up", columns.BENCHMARKS, "Madeup", CellKind.TEXT,
                         lambda row: Cell(text=f"Q{row.number}Q"), numeric=True, view=ColumnView.BENCHMARKS)
        return (*specified(context), made_up)

    monkeypatch.setattr(columns, "scorecard_columns", with_made_up)


def test_a_made_up_column_shows_in_the_page_the_pdf_and_the_excel_file(published_demo, client, made_up_column):
    page = client.get(PAGE).content.decode()
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric app-view-benchmarks">Madeup</th>' in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric app-view-benchmarks">Q6.1Q</td>' in page
    assert 'colspan="5" class="govuk-table__header app-group app-view-benchmarks">Latest benchmarking' in page

    pdf = PdfReader(io.BytesIO(client.get(PAGE + "scorecard.pdf").content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Madeup" in text
    # A narrow column wraps its text a character a line; the characters are what matter.
    squeezed = text.replace(" ", "")
    assert "Q6.1Q" in squeezed and "Q6.9Q" in squeezed

    workbook = load_workbook(io.BytesIO(client.get(PAGE + "scorecard.xlsx").content))
    sheet = workbook["Scorecard"]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Madeup" in values
    assert "Q6.1Q" in values and "Q6.9Q" in values


def test_without_it_the_column_is_nowhere(published_demo, client):
    assert "Madeup" not in client.get(PAGE).content.decode()


@pytest.mark.parametrize("output", list(Output))
def test_each_output_takes_its_columns_from_the_one_specification(output):
    shown = layout(CONTEXT, output)
    keys = [column.key for column in shown.columns]
    assert keys == [column.key for column in columns.scorecard_columns(CONTEXT) if output in column.outputs]
    # Every output shows the figures, ratings, tolerances, outturns and benchmarks, in one order.
    shared = [key for key in keys if key not in ("indicator", "number", "name", "sparkline")]
    assert shared == [
        "polarity", "data_note", "figure-2020-10", "figure-2020-11", "figure-2020-12", "ytd", "dot",
        "rag_in_month", "rag_year_end", "red", "amber", "green",
        "outturn-2015/16", "outturn-2016/17", "outturn-2017/18", "outturn-2018/19", "outturn-2019/20",
        "benchmark-stat_neighbour_average", "benchmark-best_stat_neighbour", "benchmark-national_average",
        "benchmark-national_top_quartile",
    ]


def test_groups_span_consecutive_columns_in_order():
    groups = layout(CONTEXT, Output.HTML).groups
    assert [(group.header, len(group.columns)) for group in groups] == [
        ("Indicator", 3), ("Figures", 5), ("Performance", 3), ("Target and tolerances 2020/21", 3),
        ("Year on year trend", 5), ("Latest benchmarking", 4),
    ]
    assert layout(CONTEXT, Output.PDF).headers()[2] == "Good perf. is"
    assert layout(CONTEXT, Output.XLSX).headers()[2] == "Good performance is"


def test_every_column_beside_the_indicator_belongs_to_one_choice_and_each_group_to_one():
    """The page hides groups by their choice (`ColumnView`): a group's columns must agree."""
    page = layout(CONTEXT, Output.HTML)
    for group in page.groups:
        assert len({column.view for column in group.columns}) == 1, group.header
    assert {column.view for column in page.columns} == {None, *(set(ColumnView) - {ColumnView.ALL})}
    assert all(column.view is None for column in page.columns if column.group == columns.INDICATOR)
