"""The scorecard's columns, specified once: groups, headers, cells, alignment, and which outputs
show each. The members' page (`tables`), the PDF (`pdf`) and the presentation workbook
(`presentation_xlsx`) all lay their tables out from `layout()`; adding a column is one entry in
`scorecard_columns` (docs/architecture.md).

A column's `value` turns a `DisplayRow` into a `Cell`; each output draws a cell by its `kind`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import BenchmarkMeasure, ColumnView
from scorecards.presentation import ChangedMark, DisplayRow, DotDisplay, RatedMonth


class Output(StrEnum):
    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"


EVERY_OUTPUT = frozenset(Output)


class CellKind(StrEnum):
    TEXT = "text"
    INDICATOR = "indicator"  # number and name, the name linking to the indicator's page
    DATA_NOTE = "data_note"  # "Percentage; Financial Year": one note per line in print
    FIGURE = "figure"  # a figure with its marks
    YTD = "ytd"  # a figure that may be incomplete
    SPARKLINE = "sparkline"
    DOT = "dot"
    RAG = "rag"
    TOLERANCE = "tolerance"  # a target cell as printed, "-" when empty
    BENCHMARK = "benchmark"  # a figure with the year it describes


@dataclass(frozen=True)
class Cell:
    text: str = ""
    marks: tuple[str, ...] = ()
    incomplete: bool = False
    note: str | None = None  # a benchmark's year
    rag: str | None = None
    dot: DotDisplay | None = None
    # The figure `text` shows, for the Excel file to hold as a number; None where there is no
    # figure (the text is then "-" or a mark). The page and the PDF draw `text` alone.
    number: Decimal | None = None
    # The month a DOT or RAG in month rates, where it is not the month shown: every output
    # names it beside the rating ("Red, Dec-20").
    rated: RatedMonth | None = None
    # The live page's "changed since presented" mark (DESIGN 4.6) on a figure, or on the
    # indicator when the changed figure's month has no column. Rows carry it only on the page
    # (`presentation.with_changed_marks`), so the PDF and the Excel file never see one.
    changed: ChangedMark | None = None


@dataclass(frozen=True)
class Column:
    key: str
    group: str  # the heading of the group of columns it sits in
    header: str
    kind: CellKind
    value: Callable[[DisplayRow], Cell]
    outputs: frozenset[Output] = EVERY_OUTPUT
    numeric: bool = False
    print_header: str | None = None  # a shorter heading where print is narrow (PDF)
    print_class: str = ""  # the PDF's <col> class, which sets its width
    width: float = 11  # characters, in the workbook
    # The choice of column groups on the page that shows this column; None: every choice
    # (the indicator's own columns).
    view: ColumnView | None = None

    def header_for(self, output: Output) -> str:
        return self.print_header if output == Output.PDF and self.print_header else self.header


@dataclass(frozen=True)
class TableContext:
    """What the columns depend on besides the row: the month shown and its reporting year."""

    periods: tuple[str, ...]  # the months shown, "2020-12"
    reporting_year: str
    outturn_years: tuple[str, ...]


@dataclass(frozen=True)
class ColumnGroup:
    header: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Layout:
    output: Output
    columns: tuple[Column, ...]

    @property
    def groups(self) -> tuple[ColumnGroup, ...]:
        """Consecutive columns of one group, in order, for the grouped header row."""
        groups: list[ColumnGroup] = []
        for column in self.columns:
            if groups and groups[-1].header == column.group:
                groups[-1] = ColumnGroup(column.group, (*groups[-1].columns, column))
            else:
                groups.append(ColumnGroup(column.group, (column,)))
        return tuple(groups)

    def headers(self) -> list[str]:
        return [column.header_for(self.output) for column in self.columns]


def _text(read: Callable[[DisplayRow], str]) -> Callable[[DisplayRow], Cell]:
    return lambda row: Cell(text=read(row))


def _figure(index: int) -> Callable[[DisplayRow], Cell]:
    def value(row: DisplayRow) -> Cell:
        figure = row.figures[index]
        changed = row.changed if row.changed is not None and row.changed.period == figure.period else None
        return Cell(text=figure.text, marks=figure.marks, number=figure.value, changed=changed)

    return value


def _indicator(row: DisplayRow) -> Cell:
    return Cell(text=row.name, changed=row.changed if row.changed_off_table else None)


def _ytd(row: DisplayRow) -> Cell:
    return Cell(text=row.ytd, incomplete=row.ytd_incomplete, number=row.ytd_value)


def _number_at(values: tuple[Decimal | None, ...], index: int) -> Decimal | None:
    return values[index] if index < len(values) else None


def _outturn(index: int) -> Callable[[DisplayRow], Cell]:
    return lambda row: Cell(text=row.outturns[index][1], number=_number_at(row.outturn_values, index))


def _tolerance(index: int) -> Callable[[DisplayRow], Cell]:
    return lambda row: Cell(text=row.target[index])


def _benchmark(measure: BenchmarkMeasure) -> Callable[[DisplayRow], Cell]:
    def value(row: DisplayRow) -> Cell:
        index, (label, text, year) = next(
            (index, item) for index, item in enumerate(row.benchmarks) if item[0] == measure.label
        )
        return Cell(text=text, note=year, number=_number_at(row.benchmark_values, index))

    return value


HTML_AND_PDF = frozenset({Output.HTML, Output.PDF})
PRINTED = frozenset({Output.PDF, Output.XLSX})

INDICATOR = "Indicator"
FIGURES = "Figures"
PERFORMANCE = "Performance"
TREND = "Year on year trend"
BENCHMARKS = "Latest benchmarking"


def scorecard_columns(context: TableContext) -> tuple[Column, ...]:
    """Every column of the scorecard, left to right, as the council prints it."""
    target = f"Target and tolerances {context.reporting_year}"
    return (
        Column("indicator", INDICATOR, "No. and indicator", CellKind.INDICATOR, _indicator,
               outputs=frozenset({Output.HTML})),
        Column("number", INDICATOR, "No.", CellKind.TEXT, _text(lambda row: row.number), outputs=PRINTED,
               print_class="c-number", width=7),
        Column("name", INDICATOR, "Indicator", CellKind.TEXT, _text(lambda row: row.name), outputs=PRINTED,
               print_class="c-name", width=46),
        Column("polarity", INDICATOR, "Good performance is", CellKind.TEXT, _text(lambda row: row.polarity),
               print_header="Good perf. is", print_class="c-polarity", width=12),
        Column("data_note", INDICATOR, "Data note", CellKind.DATA_NOTE, _text(lambda row: row.data_note),
               print_class="c-note", width=16),
        *(
            Column(f"figure-{period}", FIGURES, Month.parse(period).abbreviation(), CellKind.FIGURE, _figure(index),
                   numeric=True, print_class="c-figure", width=9, view=ColumnView.FIGURES)
            for index, period in enumerate(context.periods)
        ),
        Column("ytd", FIGURES, "YTD", CellKind.YTD, _ytd,
               numeric=True, print_class="c-figure", width=10, view=ColumnView.FIGURES),
        Column("sparkline", FIGURES, "Last 12 months", CellKind.SPARKLINE, lambda row: Cell(), outputs=HTML_AND_PDF,
               print_class="c-spark", view=ColumnView.FIGURES),
        Column("dot", PERFORMANCE, "Direction of travel", CellKind.DOT, lambda row: Cell(dot=row.dot, rated=row.rated),
               print_class="c-dot", width=26, view=ColumnView.FIGURES),
        Column("rag_in_month", PERFORMANCE, "RAG in month", CellKind.RAG,
               lambda row: Cell(rag=row.rag_in_month, rated=row.rated),
               print_class="c-rag", width=10, view=ColumnView.FIGURES),
        Column("rag_year_end", PERFORMANCE, "RAG year end", CellKind.RAG, lambda row: Cell(rag=row.rag_year_end),
               print_class="c-rag", width=10, view=ColumnView.FIGURES),
        Column("red", target, "Red", CellKind.TOLERANCE, _tolerance(0), print_class="c-tolerance",
               view=ColumnView.TARGETS),
        Column("amber", target, "Amber", CellKind.TOLERANCE, _tolerance(1), print_class="c-tolerance",
               view=ColumnView.TARGETS),
        Column("green", target, "Green (target)", CellKind.TOLERANCE, _tolerance(2), print_class="c-tolerance",
               view=ColumnView.TARGETS),
        *(
            Column(f"outturn-{year}", TREND, year, CellKind.TEXT, _outturn(index), numeric=True,
                   print_class="c-outturn", width=9, view=ColumnView.TREND)
            for index, year in enumerate(context.outturn_years)
        ),
        *(
            Column(f"benchmark-{measure.value}", BENCHMARKS, measure.label, CellKind.BENCHMARK, _benchmark(measure),
                   numeric=True, print_class="c-benchmark", width=14, view=ColumnView.BENCHMARKS)
            for measure in BenchmarkMeasure
        ),
    )


def layout(context: TableContext, output: Output) -> Layout:
    """The columns one output shows, in order."""
    return Layout(output, tuple(column for column in scorecard_columns(context) if output in column.outputs))
