"""The presentation workbook: the scorecard laid out as councils print it, for members to open in Excel.

Every word and figure comes from the same DisplayRow objects the members' page draws from
(`scorecards.presentation`), so the file says what the page says. Figures are written as the
text the page shows (`36.8%`, `607`, `-`): this file is for reading and printing; the data
workbook (`scorecards.exports`) is the one for calculation.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scorecards import columns
from scorecards.columns import Cell, CellKind, Column, Layout, Output
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Mark, Rag
from scorecards.presentation import GLOSSARY, RAG_MEANINGS, DisplayRow, SectionGroup, dot_key, section_groups
from scorecards.selectors import ScorecardView

SCORECARD_SHEET = "Scorecard"
KEY_SHEET = "Key"
COMMENTARY_SHEET = "Commentary"

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


def document_status(view: ScorecardView) -> str:
    """As the page words it: `Issue 1, published 3 February 2021 by Jane Smith`."""
    return LIVE_STATUS if view.publication is None else view.publication.status_line


def cell_text(column: Column, cell: Cell) -> str:
    """What a cell of the workbook says, by the column's kind: the words the page shows."""
    kind = column.kind
    if kind == CellKind.FIGURE:
        return " ".join([cell.text, *cell.marks])
    if kind == CellKind.YTD:
        return cell.text + (INCOMPLETE if cell.incomplete else "")
    if kind == CellKind.DOT:
        return f"{cell.dot.glyph} {cell.dot.words}" if cell.dot else NO_COMPARISON
    if kind == CellKind.RAG:
        return Rag(cell.rag).label if cell.rag else NO_RATING
    if kind == CellKind.TOLERANCE:
        return cell.text or "-"
    if kind == CellKind.BENCHMARK:
        return f"{cell.text} ({cell.note})" if cell.note else cell.text
    return cell.text


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
        ws.row_dimensions[row].height = lines * LINE_HEIGHT_POINTS


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
    put(ws, row, 1, group.title).font = Font(bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)


def write_indicator(ws: Worksheet, row: int, display: DisplayRow, layout: Layout) -> None:
    texts = []
    for index, column in enumerate(layout.columns, start=1):
        value = column.value(display)
        text = cell_text(column, value)
        texts.append((text, column.width))
        cell = put(ws, row, index, text)
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

    for index, column in enumerate(layout.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    # Number and name stay in view while scrolling across; the headers while scrolling down.
    ws.freeze_panes = f"C{first_data_row}"
    ws.print_title_rows = f"{header_row}:{header_row + 1}"
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
    put(ws, row, 1, "Marks beside a figure").font = bold
    row += 1
    for mark, meaning in Mark.labels().items():
        put(ws, row, 1, mark).alignment = Alignment(horizontal="center")
        put(ws, row, 2, meaning)
        row += 1
    put(ws, row, 1, INCOMPLETE.strip()).alignment = Alignment(horizontal="center", wrap_text=True)
    put(ws, row, 2, "year to date leaves out months held back as confidential or not available")
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
            # Commentary is officers' Markdown; its plain text reads well enough in a cell.
            put(ws, row, 2, text or "None for this month.").alignment = WRAP
            fit_height(ws, row, [(text or "", 110)])
            row += 1
        row += 1
    two_column_portrait(ws, 22, 110)


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
    write_key_sheet(workbook.create_sheet(KEY_SHEET))
    write_commentary_sheet(workbook.create_sheet(COMMENTARY_SHEET), groups, as_at)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
