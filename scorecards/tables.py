"""The members' scorecard table, rendered in Python from the column specification (`columns`).

The grouped scorecard table (row groups per section, two header rows, a sparkline per row)
does not fit django-tables2's one-row-per-record model, and rendering its ~1,800 cells through
the template engine took most of the page's time. Every text is escaped here; the sparkline
SVG comes from `charts`, which escapes its own label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from html import escape
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from scorecards.charts import SparkPoint, sparkline_svg, sparkline_text
from scorecards.columns import Cell, CellKind, Column, Layout
from scorecards.compute.vocabulary import Mark
from scorecards.presentation import RAG_SHAPES, UNIT_SUFFIXES, DisplayRow, IndicatorNotes, SectionGroup
from scorecards.templatetags.scorecard_tags import render_markdown

INCOMPLETE = "incomplete: months held back as confidential or not available are left out"
CELL = '<td class="govuk-table__cell">'
NUMERIC = '<td class="govuk-table__cell govuk-table__cell--numeric">'
HEADER = "govuk-table__header"


def rag_html(rag: str | None) -> str:
    """A rating as a shape, a word and a colour: never colour alone."""
    if rag not in RAG_SHAPES:
        return '<span class="app-muted">no rating</span>'
    return (
        f'<span class="app-rag app-rag--{rag}"><span aria-hidden="true">{RAG_SHAPES[rag]}</span> '
        f"{rag.capitalize()}</span>"
    )


def dot_html(row: DisplayRow) -> str:
    if row.dot is None:
        return '<span class="app-muted">no comparison</span>'
    return (
        f'<span class="app-dot app-dot--{escape(row.dot.colour)}"><span class="app-dot__arrow" aria-hidden="true">'
        f"{row.dot.glyph}</span> {escape(row.dot.words)}</span>"
    )


def sparkline_html(row: DisplayRow) -> str:
    """The sparkline with its text alternative beside it, for screen readers."""
    svg, alternative = _sparkline(row.number, row.spark, row.band, UNIT_SUFFIXES.get(row.unit, ""))
    return f'{svg}<span class="govuk-visually-hidden">{escape(alternative)}</span>'


def sparkline_only(row: DisplayRow) -> str:
    """The sparkline SVG alone, for print, where the figures are printed beside it."""
    return _sparkline(row.number, row.spark, row.band, UNIT_SUFFIXES.get(row.unit, ""))[0]


@lru_cache(maxsize=4096)
def _sparkline(number: str, spark: tuple, band: tuple | None, suffix: str) -> tuple[str, str]:
    """Drawing is pure and published figures never change, so each drawing is made once."""
    points = [SparkPoint(label=label, value=value) for label, value in spark]
    svg = sparkline_svg(points, band, label=f"Trend of {number} over the last 12 months")
    return svg, sparkline_text(points, suffix)


def marks_html(marks: Sequence[str]) -> str:
    meanings = Mark.labels()
    return "".join(f' <abbr title="{escape(meanings.get(m, ""))}">{escape(m)}</abbr>' for m in marks)


def cell_html(column: Column, cell: Cell, row: DisplayRow, link: str) -> str:
    """One cell of the members' table, drawn by its kind."""
    kind = column.kind
    if kind == CellKind.INDICATOR:
        return (
            f'<th scope="row" class="{HEADER} app-sticky"><span class="app-number">{escape(row.number)}</span> '
            f'<a class="govuk-link" href="{link}">{escape(cell.text)}</a></th>'
        )
    if kind == CellKind.SPARKLINE:
        return f'<td class="govuk-table__cell app-spark">{sparkline_html(row)}</td>'
    opening = NUMERIC if column.numeric else CELL
    if kind == CellKind.FIGURE:
        content = escape(cell.text) + marks_html(cell.marks)
    elif kind == CellKind.YTD:
        incomplete = f' <abbr title="{INCOMPLETE}">(incomplete)</abbr>' if cell.incomplete else ""
        content = escape(cell.text) + incomplete
    elif kind == CellKind.DOT:
        content = dot_html(row)
    elif kind == CellKind.RAG:
        content = rag_html(cell.rag)
    elif kind == CellKind.TOLERANCE:
        content = escape(cell.text) or "-"
    elif kind == CellKind.BENCHMARK:
        dated = f' <span class="app-muted">({escape(cell.note)})</span>' if cell.note else ""
        content = escape(cell.text) + dated
    else:
        content = escape(cell.text)
    return f"{opening}{content}</td>"


def row_html(layout: Layout, row: DisplayRow, indicator_url: str, query: str) -> str:
    link = f"{indicator_url}{quote(row.number)}/" + (f"?{escape(query)}" if query else "")
    cells = "".join(cell_html(column, column.value(row), row, link) for column in layout.columns)
    return f'<tr class="govuk-table__row">{cells}</tr>'


def notes_row_html(layout: Layout, row: DisplayRow, notes: IndicatorNotes | None, month: str) -> str:
    """The indicator's commentary and exception note for the month, in a row under it spanning
    every column; nothing when it has neither. The Markdown goes through the narratives'
    sanitised path (`render_markdown`)."""
    if notes is None or not (notes.commentary or notes.exception_note):
        return ""
    about = f'<span class="govuk-visually-hidden"> on {escape(row.number)} {escape(row.name)}</span>'
    parts = []
    for heading, text in (("Commentary", notes.commentary), ("Exception note", notes.exception_note)):
        if text:
            parts.append(
                f'<h3 class="govuk-heading-s app-notes__heading">{heading}{about}, {escape(month)}</h3>'
                f'<div class="govuk-body app-markdown">{render_markdown(text)}</div>'
            )
    # The text stays in view while the wide table scrolls sideways, like a section heading.
    return (
        f'<tr class="govuk-table__row app-notes-row"><td class="govuk-table__cell app-notes" '
        f'colspan="{len(layout.columns)}"><div class="app-notes__text">{"".join(parts)}</div></td></tr>'
    )


def section_html(
    layout: Layout,
    group: SectionGroup,
    indicator_url: str,
    query: str,
    notes: Mapping[str, IndicatorNotes] | None = None,
    month: str = "",
) -> str:
    title = escape(group.title)
    link = ""
    if group.definition or group.significant_changes:
        link = (
            f' <a class="govuk-link app-section__link" href="#{group.anchor}-narrative">definition and significant '
            f'changes<span class="govuk-visually-hidden"> for {title}</span></a>'
        )
    heading = (
        f'<tr class="govuk-table__row app-section-row"><th scope="rowgroup" colspan="{len(layout.columns)}" '
        f'class="{HEADER} app-section" id="{group.anchor}"><span class="app-sticky-inline">'
        f'<span class="app-section__title">{title}</span>{link}</span></th></tr>'
    )
    rows = "".join(
        row_html(layout, row, indicator_url, query)
        + (notes_row_html(layout, row, notes.get(row.number), month) if notes is not None else "")
        for row in group.rows
    )
    return f'<tbody class="govuk-table__body">{heading}{rows}</tbody>'


def header_html(layout: Layout) -> str:
    groups = "".join(
        f'<th scope="colgroup" colspan="{len(group.columns)}" class="{HEADER} app-group">{escape(group.header)}</th>'
        for group in layout.groups
    )
    columns = []
    for column in layout.columns:
        classes = [HEADER]
        if column.kind == CellKind.INDICATOR:
            classes.append("app-sticky")
        if column.numeric:
            classes.append("govuk-table__header--numeric")
        columns.append(f'<th scope="col" class="{" ".join(classes)}">{escape(column.header)}</th>')
    return (
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{groups}</tr>'
        f'<tr class="govuk-table__row">{"".join(columns)}</tr></thead>'
    )


def scorecard_table(
    layout: Layout,
    groups: Sequence[SectionGroup],
    indicator_url: str,
    query: str,
    notes: Mapping[str, IndicatorNotes] | None = None,
    month: str = "",
) -> SafeString:
    """The table's header rows and one `<tbody>` per section. `indicator_url` ends with `/indicators/`.

    With `notes` (the "show commentary and exception notes" switch), each indicator with a note
    for the month (`month`, in words) gets a row under it holding them."""
    bodies = "".join(section_html(layout, group, indicator_url, query, notes, month) for group in groups)
    return mark_safe(header_html(layout) + bodies)
