"""The presentation workbook: the scorecard laid out as councils print it, for members to open in Excel.

Every word and figure comes from the same DisplayRow objects the members' page draws from
(`scorecards.presentation`), so the file says what the page says.

How figures are held (issue 11, item 4), so that a reader can sum, sort, filter and chart them:

* Every figure (the shown months, YTD, the outturns and the benchmarks) is a number cell holding
  the published figure exactly (`Cell.number`, a Decimal, handed to openpyxl only once it is
  known to read back unchanged). Its number format gives the indicator's decimal places (more
  only where the figure itself carries more, so Excel never shows a figure rounded differently
  from the page) and its unit: a percentage is held as printed, 36.8 formatted `0.0"%"`, never
  divided by 100; a count `0`; others `0.0`, `0.00` by their decimals.
* One column per figure. What the page prints beside a figure goes in the cell's note (comment)
  so that the cell stays a number: its marks (`[p]` with its meaning), "(incomplete)" on a year
  to date, a benchmark's year. Notes are not printed.
* Text only where there is no figure: the marks that stand in its place (`[c]`, `[x]`), else
  `-`. A column that is not a figure (the tolerances, words) stays text, and text that looks
  like a formula stays words.
* The Commentary sheet holds officers' Markdown turned into plain text (`markdown_to_text`).
* The Exceptions sheet lists every exception (`presentation.exceptions`) with why, and its
  exception note as plain text or "No exception note": a sheet of its own, so the table's
  autofilter and frozen panes stay as they are.
* The table has an autofilter over its heading row and rows, panes frozen below the headings and
  right of the number and name, and prints landscape on A3 one page wide. Section rows are not
  merged across, so that sorting inside the filter works; the title spills over the empty cells.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from html.parser import HTMLParser

import markdown as markdown_lib

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scorecards import columns
from scorecards.columns import Cell, CellKind, Column, Layout, Output
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Mark, Rag, Unit
from scorecards.presentation import (
    GLOSSARY,
    NO_EXCEPTION_NOTE,
    RAG_MEANINGS,
    DisplayRow,
    ExceptionItem,
    SectionGroup,
    dot_key,
    exceptions,
    indicator_notes,
    section_groups,
)
from scorecards.selectors import ScorecardView

SCORECARD_SHEET = "Scorecard"
KEY_SHEET = "Key"
COMMENTARY_SHEET = "Commentary"
EXCEPTIONS_SHEET = "Exceptions"
EXCEPTIONS_HEADINGS = ("No.", "Indicator", "Why it is an exception", "Exception note")
NO_EXCEPTIONS = "No exceptions this month."

REVISION_NOTE = "Data reports are not dynamic: figures are re-run and may be revised after publication."
PUBLISHED_NOTE = " This file shows them as published."
LIVE_STATUS = "Live figures (not published)"
LIVE_WARNING = (
    "Live figures: these are the figures as they stand now, not as published. "
    "They may change before or after publication."
)
NO_COMPARISON = "no comparison"
NO_RATING = "no rating"
INCOMPLETE = " (incomplete)"
INCOMPLETE_MEANING = "year to date leaves out months held back as confidential or not available"
NOTE_AUTHOR = "Scorecard"
# Excel keeps 15 significant digits; a figure with more is written as the page's text instead.
EXCEL_DIGITS = 15
# Excel refuses a cell of more than 32,767 characters; commentary is cut there, with a word why.
EXCEL_CELL_CHARACTERS = 32767
TRUNCATED = "\n[The rest of this commentary is on the scorecard's web page.]"

# Excel's own "good / neutral / bad" pairs: a pale fill with dark text of the same hue, so the
# word stays legible in print and for readers who cannot tell the fills apart.
RAG_FILLS = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE"}
RAG_FONTS = {"green": "006100", "amber": "9C5700", "red": "9C0006"}
DOT_FONTS = {**RAG_FONTS, "neutral": "000000"}

HEADER_FILL = "1D3557"
SECTION_FILL = "DCE6F1"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
WRAP_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")

# Landscape A3 is how the summary table is printed at committee: 23 columns on A4 are unreadable.
PAPER_A3 = 8
LINE_HEIGHT_POINTS = 15
MAX_ROW_POINTS = 409  # Excel's tallest row


def document_status(view: ScorecardView) -> str:
    """As the page words it: `Issue 1, published 3 February 2021 by Jane Smith`."""
    return LIVE_STATUS if view.publication is None else view.publication.status_line


def cell_text(column: Column, cell: Cell) -> str:
    """What a cell of the workbook says, by the column's kind, where it holds words: the words
    the page shows, or for a figure cell without a figure, its marks or `-`."""
    kind = column.kind
    if kind == CellKind.FIGURE:
        return " ".join(cell.marks) if cell.marks else cell.text
    if kind == CellKind.YTD:
        return cell.text
    rated = f", {cell.rated.abbreviation}" if cell.rated else ""
    if kind == CellKind.DOT:
        return f"{cell.dot.glyph} {cell.dot.words}{rated}" if cell.dot else NO_COMPARISON
    if kind == CellKind.RAG:
        return f"{Rag(cell.rag).label}{rated}" if cell.rag else NO_RATING
    if kind == CellKind.TOLERANCE:
        return cell.text or "-"
    return cell.text


def cell_note(column: Column, cell: Cell) -> str | None:
    """What the page prints beside a figure, for the cell's note: marks, incomplete, a year."""
    lines = [f"{mark} {Mark.labels().get(mark, '')}".strip() for mark in cell.marks]
    if column.kind == CellKind.YTD and cell.incomplete:
        lines.append(f"{INCOMPLETE.strip()}: {INCOMPLETE_MEANING}")
    if column.kind == CellKind.BENCHMARK and cell.note:
        lines.append(f"Year: {cell.note}")
    return "\n".join(lines) or None


def excel_number(value: Decimal) -> float | None:
    """The float Excel will hold for a figure, or None when it would not hold the figure exactly."""
    if not value.is_finite() or len(value.as_tuple().digits) > EXCEL_DIGITS:
        return None
    number = float(value)
    return number if Decimal(repr(number)) == value else None


def number_format(unit: str, decimals: int, value: Decimal) -> str:
    """`0`, `0.0`, `0.00`; `0.0"%"` for a percentage, which is held as printed (36.8, not 0.368)."""
    exponent = value.as_tuple().exponent
    places = max(decimals, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    pattern = "0." + "0" * places if places else "0"
    return pattern + '"%"' if unit == Unit.PERCENTAGE else pattern


def shown_number(unit: str, decimals: int, value: Decimal) -> str:
    """What Excel shows for a number cell, for sizing rows."""
    places = number_format(unit, decimals, value).count("0") - 1
    return f"{value:.{places}f}" + ("%" if unit == Unit.PERCENTAGE else "")


def put(ws: Worksheet, row: int, column: int, text: str | None) -> SheetCell:
    """Write text that stays text: officers' words must never become a formula or break the file."""
    cell = ws.cell(row=row, column=column)
    if text is None:
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    # openpyxl reads a leading "=" as a formula; a target such as "=0" is words here.
    cell.data_type = "s"
    return cell


def lines_needed(text: str, width: float) -> int:
    """Roughly how many lines wrapped text takes in a column, so printed rows are not clipped."""
    characters = max(int(width) - 1, 1)
    return sum(max(math.ceil(len(line) / characters), 1) for line in text.split("\n"))


def fit_height(ws: Worksheet, row: int, texts: Sequence[tuple[str, float]]) -> None:
    lines = max((lines_needed(text, width) for text, width in texts), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = min(lines * LINE_HEIGHT_POINTS, MAX_ROW_POINTS)


def write_title(ws: Worksheet, view: ScorecardView, last_column: int) -> int:
    """Title, month, document status and the revision note; returns the next free row."""
    as_at = view.as_at
    lines: list[tuple[str, Font]] = [
        (view.title, Font(bold=True, size=16)),
        (f"As at {as_at.long_name()}", Font(bold=True, size=12)),
        (document_status(view), Font(bold=view.live, color="9C0006" if view.live else None)),
        (REVISION_NOTE + ("" if view.live else PUBLISHED_NOTE), Font(italic=True)),
    ]
    if view.live:
        lines.append((LIVE_WARNING, Font(bold=True, color="9C0006")))
    for index, (text, font) in enumerate(lines, start=1):
        put(ws, index, 1, text).font = font
        ws.merge_cells(start_row=index, start_column=1, end_row=index, end_column=last_column)
    return len(lines) + 2


def write_header(ws: Worksheet, layout: Layout, top: int) -> None:
    """The group row at `top`, the column headings on the row below."""
    bottom = top + 1
    style = {"font": Font(bold=True, color="FFFFFF"), "fill": PatternFill("solid", fgColor=HEADER_FILL)}
    first = 1
    for group in layout.groups:
        last = first + len(group.columns) - 1
        for column in range(first, last + 1):
            cell = ws.cell(row=top, column=column)
            cell.fill, cell.border = style["fill"], BORDER
        cell = put(ws, top, first, group.header)
        cell.font, cell.alignment = style["font"], WRAP_CENTRE
        if last > first:
            ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        first = last + 1
    for index, column in enumerate(layout.columns, start=1):
        cell = put(ws, bottom, index, column.header)
        cell.font, cell.fill, cell.border, cell.alignment = style["font"], style["fill"], BORDER, WRAP_CENTRE
    fit_height(ws, bottom, [(column.header, column.width) for column in layout.columns])


def write_section(ws: Worksheet, row: int, group: SectionGroup, last_column: int) -> None:
    fill = PatternFill("solid", fgColor=SECTION_FILL)
    for column in range(1, last_column + 1):
        cell = ws.cell(row=row, column=column)
        cell.fill, cell.border = fill, BORDER
    # Not merged: merged cells inside the autofilter stop Excel sorting. Unwrapped, the title
    # spills over the empty cells to its right.
    cell = put(ws, row, 1, group.title)
    cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=False, vertical="center")


def put_number(ws: Worksheet, row: int, column: int, value: Decimal, unit: str, decimals: int) -> SheetCell | None:
    """Write a figure as a number cell, formatted by its unit and decimals; None if it cannot be exact."""
    number = excel_number(value)
    if number is None:
        return None
    cell = ws.cell(row=row, column=column)
    cell.value = number
    cell.number_format = number_format(unit, decimals, value)
    return cell


def write_indicator(ws: Worksheet, row: int, display: DisplayRow, layout: Layout) -> None:
    texts = []
    for index, column in enumerate(layout.columns, start=1):
        value = column.value(display)
        cell = None
        if value.number is not None:
            cell = put_number(ws, row, index, value.number, display.unit, display.decimals)
            text = shown_number(display.unit, display.decimals, value.number)
        if cell is None:  # no figure, or one Excel cannot hold exactly: the page's words
            text = cell_text(column, value) if value.number is None else value.text
            cell = put(ws, row, index, text)
        texts.append((text, column.width))
        note = cell_note(column, value)
        if note:
            cell.comment = Comment(note, NOTE_AUTHOR, width=260, height=20 + 20 * (note.count("\n") + 1))
        cell.border = BORDER
        cell.alignment = WRAP_RIGHT if column.numeric else WRAP
        if column.kind == CellKind.DOT and value.dot:
            cell.font = Font(color=DOT_FONTS.get(value.dot.colour, "000000"))
        if column.kind == CellKind.RAG:
            if value.rag:
                cell.fill = PatternFill("solid", fgColor=RAG_FILLS[value.rag])
                cell.font = Font(bold=True, color=RAG_FONTS[value.rag])
            cell.alignment = WRAP_CENTRE
    fit_height(ws, row, texts)


def write_scorecard_sheet(ws: Worksheet, view: ScorecardView, groups: Sequence[SectionGroup]) -> None:
    layout = columns.layout(view.table_context, Output.XLSX)
    last_column = len(layout.columns)
    header_row = write_title(ws, view, last_column)
    write_header(ws, layout, header_row)
    first_data_row = header_row + 2
    row = first_data_row
    for group in groups:
        write_section(ws, row, group, last_column)
        row += 1
        for display in group.rows:
            write_indicator(ws, row, display, layout)
            row += 1
    last_row = row - 1
    last_letter = get_column_letter(last_column)

    for index, column in enumerate(layout.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    # Number and name stay in view while scrolling across; the headers while scrolling down.
    ws.freeze_panes = f"C{first_data_row}"
    ws.auto_filter.ref = f"A{header_row + 1}:{last_letter}{max(last_row, header_row + 1)}"
    ws.print_title_rows = f"{header_row}:{header_row + 1}"
    ws.print_area = f"A1:{last_letter}{max(last_row, header_row + 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Page &P of &N"
    # "&" starts a header/footer code in Excel, so a title's own ampersands are doubled.
    footer = f"{view.title}, {view.as_at.long_name()}"[:120]
    ws.oddFooter.left.text = footer.replace("&", "&&")


def write_key_sheet(ws: Worksheet) -> None:
    bold = Font(bold=True, size=12)
    row = 1
    put(ws, row, 1, "Direction of travel").font = bold
    row += 1
    for item in dot_key():
        put(ws, row, 1, item.glyph).font = Font(bold=True, color=DOT_FONTS.get(item.colour, "000000"))
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        put(ws, row, 2, item.words)
        row += 1
    row += 1
    put(ws, row, 1, "Ratings (RAG)").font = bold
    row += 1
    for rag, meaning in RAG_MEANINGS.items():
        cell = put(ws, row, 1, rag.label)
        cell.fill = PatternFill("solid", fgColor=RAG_FILLS[rag])
        cell.font = Font(bold=True, color=RAG_FONTS[rag])
        cell.alignment = Alignment(horizontal="center")
        put(ws, row, 2, meaning)
        row += 1
    put(ws, row, 1, NO_RATING).alignment = Alignment(horizontal="center")
    put(ws, row, 2, "no target, or no figure to rate")
    row += 2
    put(ws, row, 1, "Marks on a figure (in the figure's note, or in place of a figure)").font = bold
    row += 1
    for mark, meaning in Mark.labels().items():
        put(ws, row, 1, mark).alignment = Alignment(horizontal="center")
        put(ws, row, 2, meaning)
        row += 1
    put(ws, row, 1, INCOMPLETE.strip()).alignment = Alignment(horizontal="center", wrap_text=True)
    put(ws, row, 2, INCOMPLETE_MEANING + " (in the YTD figure's note)")
    row += 2
    put(ws, row, 1, "Glossary").font = bold
    row += 1
    for term, meaning in GLOSSARY.items():
        put(ws, row, 1, term).font = Font(bold=True)
        ws.cell(row=row, column=1).alignment = WRAP
        put(ws, row, 2, meaning).alignment = WRAP
        fit_height(ws, row, [(term, 18), (meaning, 100)])
        row += 1
    two_column_portrait(ws, 18, 100)


def two_column_portrait(ws: Worksheet, first: int, second: int) -> None:
    """Column widths and print setup of the two-column Key and Commentary sheets."""
    ws.column_dimensions["A"].width = first
    ws.column_dimensions["B"].width = second
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr", "div"}


class _PlainText(HTMLParser):
    """Rendered Markdown to plain lines: a paragraph or heading a line with a blank line after,
    `• item` (or `1. item`) a list line, indented by nesting, a link `text (url)`, a table row
    its cells joined by `; `. Every other tag is dropped and its text kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.prefix = ""  # a list item's bullet or number, put before its first line
        self.lists: list[list[int]] = []  # per open list: [next number] for <ol>, [] for <ul>
        self.links: list[tuple[str | None, int]] = []  # (href, where its text starts in the line)
        self.cells = 0

    def flush(self, blank: bool = False) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(self.prefix + text)
            self.prefix = ""
        self.line = []
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            # Inside a list (a "loose" list wraps items in paragraphs) no blank lines are left.
            self.flush(blank=not self.lists)
        elif tag in ("ul", "ol"):
            self.flush(blank=not self.lists)
            self.lists.append([1] if tag == "ol" else [])
        elif tag == "li":
            self.flush()
            indent = "  " * max(len(self.lists) - 1, 0)
            numbering = self.lists[-1] if self.lists else []
            if numbering:
                self.prefix = f"{indent}{numbering[0]}. "
                numbering[0] += 1
            else:
                self.prefix = f"{indent}• "
        elif tag in ("br", "tr"):
            self.flush()
            self.cells = 0
        elif tag in ("td", "th"):
            if self.cells:
                self.line = ["".join(self.line).rstrip(), "; "]
            self.cells += 1
        elif tag == "a":
            self.links.append((dict(attrs).get("href"), len("".join(self.line))))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.flush(blank=not self.lists)
        elif tag in ("ul", "ol"):
            self.flush(blank=len(self.lists) == 1)
            if self.lists:
                self.lists.pop()
        elif tag in ("li", "tr"):
            self.flush()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            shown = "".join(self.line)[start:].strip()
            if href and href != shown:
                self.line.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.line.append(data)

    def text(self) -> str:
        self.flush()
        return "\n".join(self.lines).strip()


@lru_cache(maxsize=256)
def markdown_to_text(text: str) -> str:
    """Officers' Markdown as plain text for a cell: no `#`, `*` or `_` syntax left.

    Bounded: no more than a cell's worth of Markdown is read (Excel's limit, 32,767 characters),
    and the text is cut there with a word that the rest is on the web page.
    """
    source = text[:EXCEL_CELL_CHARACTERS]
    parser = _PlainText()
    parser.feed(markdown_lib.markdown(source, extensions=["tables"]))
    parser.close()
    plain = parser.text()
    if len(text) > EXCEL_CELL_CHARACTERS or len(plain) > EXCEL_CELL_CHARACTERS:
        plain = plain[: EXCEL_CELL_CHARACTERS - len(TRUNCATED)] + TRUNCATED
    return plain


def write_commentary_sheet(ws: Worksheet, groups: Sequence[SectionGroup], as_at: Month) -> None:
    put(ws, 1, 1, f"Definitions and significant changes, {as_at.long_name()}").font = Font(bold=True, size=14)
    row = 3
    for group in groups:
        put(ws, row, 1, group.title).font = Font(bold=True, size=12)
        ws.cell(row=row, column=1).fill = PatternFill("solid", fgColor=SECTION_FILL)
        ws.cell(row=row, column=2).fill = PatternFill("solid", fgColor=SECTION_FILL)
        row += 1
        for heading, text in (
            ("Definition", group.definition),
            ("Significant changes and concerns", group.significant_changes),
        ):
            put(ws, row, 1, heading).font = Font(bold=True)
            ws.cell(row=row, column=1).alignment = WRAP
            plain = markdown_to_text(text) if text else ""
            put(ws, row, 2, plain or "None for this month.").alignment = WRAP
            fit_height(ws, row, [(plain, 110)])
            row += 1
        row += 1
    two_column_portrait(ws, 22, 110)


def write_exceptions_sheet(ws: Worksheet, listed: Sequence[ExceptionItem], as_at: Month) -> None:
    put(ws, 1, 1, f"Exceptions, {as_at.long_name()}").font = Font(bold=True, size=14)
    put(ws, 2, 1, "Red in month or at year end, or declined in each of the last two periods.").font = Font(italic=True)
    widths = (8, 40, 30, 90)
    if not listed:
        put(ws, 4, 1, NO_EXCEPTIONS)
    else:
        style = {"font": Font(bold=True, color="FFFFFF"), "fill": PatternFill("solid", fgColor=HEADER_FILL)}
        for index, heading in enumerate(EXCEPTIONS_HEADINGS, start=1):
            cell = put(ws, 4, index, heading)
            cell.font, cell.fill, cell.border, cell.alignment = style["font"], style["fill"], BORDER, WRAP
        for row, item in enumerate(listed, start=5):
            note = markdown_to_text(item.note) if item.note else ""
            texts = (item.number, item.name, item.why, note or NO_EXCEPTION_NOTE)
            for index, text in enumerate(texts, start=1):
                cell = put(ws, row, index, text)
                cell.border, cell.alignment = BORDER, WRAP
            fit_height(ws, row, list(zip(texts, widths)))
        ws.freeze_panes = "A5"
        ws.print_title_rows = "4:4"
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def presentation_workbook(view: ScorecardView) -> bytes:
    """The scorecard as at the view's month, published or live, as an .xlsx file's bytes."""
    groups = section_groups(view.data, view.rows, view.as_at)
    as_at = view.as_at
    workbook = Workbook()
    workbook.properties.title = f"{view.title}, {as_at.long_name()}"
    workbook.properties.subject = document_status(view)
    sheet = workbook.active
    sheet.title = SCORECARD_SHEET
    write_scorecard_sheet(sheet, view, groups)
    # The view's own notes: a publication's frozen exception notes, never the live ones.
    listed = exceptions(view.rows, view.previous, indicator_notes(view.data, as_at))
    write_exceptions_sheet(workbook.create_sheet(EXCEPTIONS_SHEET), listed, as_at)
    write_key_sheet(workbook.create_sheet(KEY_SHEET))
    write_commentary_sheet(workbook.create_sheet(COMMENTARY_SHEET), groups, as_at)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
