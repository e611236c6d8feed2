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
from scorecards.presentation import RAG_SHAPES, UNIT_SUFFIXES, ChangedMark, DisplayRow, DotDisplay, IndicatorNotes, RatedMonth, SectionGroup
from scorecards.templatetags.scorecard_tags import render_markdown

INCOMPLETE = "incomplete: months held back as confidential or not available are left out"
HEADER = "govuk-table__header"


def rated_html(rated: RatedMonth | None, spoken: bool = True) -> str:
    """", Dec-20" after a rating of an earlier month's figure; a screen reader hears the month in
    full. Print (`spoken=False`) has no hidden words: the PDF's text is what it shows."""
    if rated is None:
        return ""
    if not spoken:
        return f'<span class="app-rated-month">, {escape(rated.abbreviation)}</span>'
    return (
        f'<span class="app-rated-month">, <span aria-hidden="true">{escape(rated.abbreviation)}</span>'
        f'<span class="govuk-visually-hidden">on the {escape(rated.long_name)} figure</span></span>'
    )


def rag_html(rag: str | None, rated: RatedMonth | None = None, spoken: bool = True) -> str:
    """A rating as a shape, a word and a colour: never colour alone."""
    if rag not in RAG_SHAPES:
        return '<span class="app-muted">no rating</span>'
    return (
        f'<span class="app-rag app-rag--{rag}"><span aria-hidden="true">{RAG_SHAPES[rag]}</span> '
        f"{rag.capitalize()}{rated_html(rated, spoken)}</span>"
    )


def dot_html(dot: DotDisplay | None, rated: RatedMonth | None = None) -> str:
    if dot is None:
        return '<span class="app-muted">no comparison</span>'
    return (
        f'<span class="app-dot app-dot--{escape(dot.colour)}"><span class="app-dot__arrow" aria-hidden="true">'
        f"{dot.glyph}</span> {escape(dot.words)}{rated_html(rated)}</span>"
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


def changed_html(mark: ChangedMark | None) -> str:
    """The live page's mark on a figure changed since a meeting saw it (DESIGN 4.6): short words
    in view, the meeting and the figure as presented for screen readers; never colour alone."""
    if mark is None:
        return ""
    return (
        f'<span class="app-changed-mark">changed since presented<span class="govuk-visually-hidden"> to '
        f"{escape(mark.meeting)}, as {escape(mark.then)}</span></span>"
    )


def view_class(column: Column) -> str:
    """The class that hides the column on screen unless its group of columns is chosen (the
    stylesheet's `.app-scorecard--<choice>` rules); print shows every column."""
    return f" app-view-{column.view}" if column.view else ""


def cell_html(column: Column, cell: Cell, row: DisplayRow, link: str) -> str:
    """One cell of the members' table, drawn by its kind."""
    kind = column.kind
    if kind == CellKind.INDICATOR:
        return (
            f'<th scope="row" class="{HEADER} app-sticky"><span class="app-number">{escape(row.number)}</span> '
            f'<a class="govuk-link" href="{link}">{escape(cell.text)}</a>{changed_html(cell.changed)}</th>'
        )
    if kind == CellKind.SPARKLINE:
        return f'<td class="govuk-table__cell app-spark{view_class(column)}">{sparkline_html(row)}</td>'
    numeric = " govuk-table__cell--numeric" if column.numeric else ""
    opening = f'<td class="govuk-table__cell{numeric}{view_class(column)}">'
    if kind == CellKind.FIGURE:
        content = escape(cell.text) + marks_html(cell.marks) + changed_html(cell.changed)
    elif kind == CellKind.YTD:
        incomplete = f' <abbr title="{INCOMPLETE}">(incomplete)</abbr>' if cell.incomplete else ""
        content = escape(cell.text) + incomplete
    elif kind == CellKind.DOT:
        content = dot_html(cell.dot, cell.rated)
    elif kind == CellKind.RAG:
        content = rag_html(cell.rag, cell.rated)
    elif kind == CellKind.TOLERANCE:
        content = escape(cell.text) or "-"
    elif kind == CellKind.BENCHMARK:
        dated = f' <span class="app-muted">({escape(cell.note)})</span>' if cell.note else ""
        content = escape(cell.text) + dated
    else:
        content = escape(cell.text)
    return f"{opening}{content}</td>"


def indicator_link(indicator_url: str, number: str, query: str) -> str:
    """The indicator's page, keeping the scorecard page's query (month, filters, switches) for the way back."""
    return f"{indicator_url}{quote(number)}/" + (f"?{escape(query)}" if query else "")


def row_html(layout: Layout, row: DisplayRow, indicator_url: str, query: str) -> str:
    link = indicator_link(indicator_url, row.number, query)
    cells = "".join(cell_html(column, column.value(row), row, link) for column in layout.columns)
    return f'<tr class="govuk-table__row">{cells}</tr>'


def notes_html(row: DisplayRow, notes: IndicatorNotes | None, month: str, level: int = 3) -> str:
    """The indicator's commentary and exception note for the month, each under a heading; nothing
    when it has neither. The Markdown goes through the narratives' sanitised path (`render_markdown`)."""
    if notes is None:
        return ""
    about = f'<span class="govuk-visually-hidden"> on {escape(row.number)} {escape(row.name)}</span>'
    return "".join(
        f'<h{level} class="govuk-heading-s app-notes__heading">{heading}{about}, {escape(month)}</h{level}>'
        f'<div class="govuk-body app-markdown">{render_markdown(text)}</div>'
        for heading, text in (("Commentary", notes.commentary), ("Exception note", notes.exception_note))
        if text
    )


def notes_row_html(layout: Layout, row: DisplayRow, notes: IndicatorNotes | None, month: str) -> str:
    """The notes (`notes_html`) in a row under the indicator's, spanning every column."""
    parts = notes_html(row, notes, month)
    if not parts:
        return ""
    # The text stays in view while the wide table scrolls sideways, like a section heading.
    return (
        f'<tr class="govuk-table__row app-notes-row"><td class="govuk-table__cell app-notes" '
        f'colspan="{len(layout.columns)}"><div class="app-notes__text">{parts}</div></td></tr>'
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
        f'<th scope="colgroup" colspan="{len(group.columns)}" class="{HEADER} app-group{view_class(group.columns[0])}">'
        f"{escape(group.header)}</th>"
        for group in layout.groups
    )
    columns = []
    for column in layout.columns:
        classes = [HEADER]
        if column.kind == CellKind.INDICATOR:
            classes.append("app-sticky")
        if column.numeric:
            classes.append("govuk-table__header--numeric")
        columns.append(f'<th scope="col" class="{" ".join(classes)}{view_class(column)}">{escape(column.header)}</th>')
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


def stacked_item_html(row: DisplayRow, indicator_url: str, query: str, notes: IndicatorNotes | None, month: str) -> str:
    link = indicator_link(indicator_url, row.number, query)
    latest = escape(row.latest) + (f" ({escape(row.latest_period)})" if row.latest_period else "")
    latest += changed_html(row.changed)
    facts = (
        ("Latest figure", latest),
        ("Direction of travel", dot_html(row.dot, row.rated)),
        ("RAG in month", rag_html(row.rag_in_month, row.rated)),
        ("RAG year end", rag_html(row.rag_year_end)),
    )
    items = "".join(f"<div><dt>{term}</dt><dd>{value}</dd></div>" for term, value in facts)
    return (
        f'<li class="app-stacked__item"><a class="govuk-link app-stacked__name" href="{link}">'
        f'<span class="app-number">{escape(row.number)}</span> {escape(row.name)}</a>'
        f'<dl class="app-stacked__facts">{items}</dl>{notes_html(row, notes, month, level=4)}</li>'
    )


def stacked_summary(
    groups: Sequence[SectionGroup],
    indicator_url: str,
    query: str,
    notes: Mapping[str, IndicatorNotes] | None = None,
    month: str = "",
) -> SafeString:
    """The scorecard on a narrow screen (below 641 px): each indicator as a short stacked summary
    linking to its page, one list per section, instead of a table too wide to read there; with
    each one's notes when the notes switch is on (`notes`)."""
    notes = notes or {}
    sections = []
    for group in groups:
        items = "".join(
            stacked_item_html(row, indicator_url, query, notes.get(row.number), month) for row in group.rows
        )
        sections.append(
            f'<h3 class="govuk-heading-s app-stacked__section" id="{group.anchor}-stacked">{escape(group.title)}</h3>'
            f'<ul class="govuk-list app-stacked__list" aria-labelledby="{group.anchor}-stacked">{items}</ul>'
        )
    return mark_safe("".join(sections))
