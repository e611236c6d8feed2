"""The scorecard table's body, rendered in Python.

The grouped scorecard table (row groups per section, two header rows, a sparkline per row)
does not fit django-tables2's one-row-per-record model, and rendering its ~1,800 cells through
the template engine took most of the page's time. Every text is escaped here; the sparkline
SVG comes from `charts`, which escapes its own label.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from scorecards.compute.vocabulary import Mark
from scorecards.charts import SparkPoint, sparkline_svg, sparkline_text
from scorecards.presentation import RAG_SHAPES, UNIT_SUFFIXES, DisplayRow, SectionGroup

COLUMNS = 23
INCOMPLETE = "incomplete: months held back as confidential or not available are left out"
CELL = '<td class="govuk-table__cell">'
NUMERIC = '<td class="govuk-table__cell govuk-table__cell--numeric">'


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


def row_html(row: DisplayRow, indicator_url: str, query: str) -> str:
    link = f"{indicator_url}{quote(row.number)}/" + (f"?{escape(query)}" if query else "")
    cells = [
        f'<th scope="row" class="govuk-table__header app-sticky"><span class="app-number">{escape(row.number)}</span> '
        f'<a class="govuk-link" href="{link}">{escape(row.name)}</a></th>',
        f"{CELL}{escape(row.polarity)}</td>",
        f"{CELL}{escape(row.data_note)}</td>",
    ]
    for figure in row.figures:
        marks = "".join(f' <abbr title="{escape(Mark.labels().get(m, ""))}">{escape(m)}</abbr>' for m in figure.marks)
        cells.append(f"{NUMERIC}{escape(figure.text)}{marks}</td>")
    incomplete = f' <abbr title="{INCOMPLETE}">(incomplete)</abbr>' if row.ytd_incomplete else ""
    cells.append(f"{NUMERIC}{escape(row.ytd)}{incomplete}</td>")
    cells.append(f'<td class="govuk-table__cell app-spark">{sparkline_html(row)}</td>')
    cells.append(f"{CELL}{dot_html(row)}</td>")
    cells.append(f"{CELL}{rag_html(row.rag_in_month)}</td>")
    cells.append(f"{CELL}{rag_html(row.rag_year_end)}</td>")
    cells += [f"{CELL}{escape(cell) or '-'}</td>" for cell in row.target]
    cells += [f"{NUMERIC}{escape(value)}</td>" for _, value in row.outturns]
    for _, value, year in row.benchmarks:
        dated = f' <span class="app-muted">({escape(year)})</span>' if year else ""
        cells.append(f"{NUMERIC}{escape(value)}{dated}</td>")
    return '<tr class="govuk-table__row">' + "".join(cells) + "</tr>"


def section_html(group: SectionGroup, indicator_url: str, query: str) -> str:
    title = escape(group.title)
    link = ""
    if group.definition or group.significant_changes:
        link = (
            f' <a class="govuk-link app-section__link" href="#{group.anchor}-narrative">definition and significant '
            f'changes<span class="govuk-visually-hidden"> for {title}</span></a>'
        )
    heading = (
        f'<tr class="govuk-table__row app-section-row"><th scope="rowgroup" colspan="{COLUMNS}" '
        f'class="govuk-table__header app-section" id="{group.anchor}"><span class="app-sticky-inline">'
        f'<span class="app-section__title">{title}</span>{link}</span></th></tr>'
    )
    rows = "".join(row_html(row, indicator_url, query) for row in group.rows)
    return f'<tbody class="govuk-table__body">{heading}{rows}</tbody>'


def scorecard_bodies(groups: Sequence[SectionGroup], indicator_url: str, query: str) -> SafeString:
    """One `<tbody>` per section. `indicator_url` ends with `/indicators/`."""
    return mark_safe("".join(section_html(group, indicator_url, query) for group in groups))
