"""The scorecard as a PDF, laid out like the council's printed performance report.

WeasyPrint renders templates/scorecards/scorecard_pdf.html with static/css/scorecard-pdf.css,
both read from disk: the renderer may read files under the static folder and nothing else, so
a PDF never waits on the network or reads a file it should not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString, mark_safe

from accounts.models import council_name
from scorecards.compute.vocabulary import Mark
from scorecards import columns
from scorecards.columns import Cell, CellKind, Column, Layout, Output
from scorecards.models import Publication
from scorecards.presentation import (
    GLOSSARY,
    RAG_MEANINGS,
    DisplayRow,
    SectionGroup,
    dot_key,
    exceptions,
    indicator_notes,
    section_groups,
    summarise,
)
from scorecards.selectors import ScorecardView
from scorecards.tables import rag_html, rated_html, sparkline_only

TEMPLATE = "scorecards/scorecard_pdf.html"
STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC_DIR / "css" / "scorecard-pdf.css"


class StaticFilesOnly(weasyprint.URLFetcher):
    """Lets WeasyPrint read files under the static folder and refuses every other URL."""

    def fetch(self, url: str, headers: dict | None = None) -> weasyprint.urls.URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise ValueError(f"the scorecard PDF reads no {parts.scheme or 'relative'} URLs: {url}")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(STATIC_DIR.resolve()):
            raise ValueError(f"the scorecard PDF reads files under {STATIC_DIR} only, not {path}")
        return super().fetch(url, headers)


@lru_cache(maxsize=1)
def _stylesheet(modified: float) -> weasyprint.CSS:
    # Keyed on the file's modification time, so an edited stylesheet is read again.
    return weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=StaticFilesOnly())


def document_status(publication: Publication | None, produced_at: datetime | None = None) -> str:
    """What the page margins say about the document: which issue, when and by whom; or that
    these are live figures, which no committee was shown."""
    if publication is None:
        produced_at = timezone.localtime(produced_at or timezone.now())
        return f"Live figures, not a publication: as they stood at {format_date(produced_at, 'H:i, j F Y')}"
    return publication.status_line


def pdf_cell(column: Column, cell: Cell, row: DisplayRow) -> str:
    """One cell of the printed table, drawn by its kind (the same kinds the page draws)."""
    kind = column.kind
    if column.key == "number":
        return f'<th scope="row" class="number">{escape(cell.text)}</th>'
    if kind == CellKind.SPARKLINE:
        return f'<td class="spark">{sparkline_only(row)}</td>'
    if kind == CellKind.DATA_NOTE:
        # "Percentage; Financial Year": each note on a line of its own, as the printed report has them.
        parts = "".join(f'<span class="note__part">{escape(part)}</span>' for part in cell.text.split("; ") if part)
        return f'<td class="note">{parts}</td>'
    if kind == CellKind.DOT:
        if cell.dot is None:
            return '<td class="dot"><span class="app-muted">no comparison</span></td>'
        return (
            f'<td class="dot"><span class="dot__arrow dot__arrow--{escape(cell.dot.colour)}">{cell.dot.glyph}</span> '
            f'<span class="dot__words">{escape(cell.dot.words)}{rated_html(cell.rated, spoken=False)}</span></td>'
        )
    if kind == CellKind.RAG:
        return f"<td>{rag_html(cell.rag, cell.rated, spoken=False) if cell.rag else '-'}</td>"
    marks = "".join(f' <span class="mark">{escape(mark)}</span>' for mark in cell.marks)
    if kind == CellKind.YTD and cell.incomplete:
        marks = ' <span class="mark">(incomplete)</span>'
    if kind == CellKind.BENCHMARK and cell.note:
        marks = f'<span class="benchmark-year">({escape(cell.note)})</span>'
    text = escape(cell.text) or ("-" if kind == CellKind.TOLERANCE else "")
    classes = " ".join(filter(None, ["num" if column.numeric else "", "name" if column.key == "name" else ""]))
    return f'<td class="{classes}">{text}{marks}</td>' if classes else f"<td>{text}{marks}</td>"


def pdf_table(layout: Layout, groups: Sequence[SectionGroup]) -> SafeString:
    """The printed table: columns, grouped headers (repeated on every page) and one body per section."""
    cols = "".join(f'<col class="{column.print_class}">' for column in layout.columns)
    group_row = "".join(
        f'<th scope="colgroup" colspan="{len(group.columns)}">{escape(group.header)}</th>' for group in layout.groups
    )
    headers = []
    for column in layout.columns:
        # Numeric headings: benchmarks and periods (months, years) get their own widths in print.
        kind = {CellKind.BENCHMARK: " benchmark", CellKind.YTD: ""}.get(column.kind, " period")
        attribute = f' class="num{kind}"' if column.numeric else ""
        headers.append(f'<th scope="col"{attribute}>{escape(column.header_for(Output.PDF))}</th>')
    bodies = []
    for group in groups:
        rows = "".join(
            f'<tr class="indicator" data-section="{escape(group.title)}">'
            + "".join(pdf_cell(column, column.value(row), row) for column in layout.columns)
            + "</tr>"
            for row in group.rows
        )
        bodies.append(
            f'<tbody class="section"><tr class="section-row"><th scope="rowgroup" colspan="{len(layout.columns)}" '
            f'id="{group.anchor}">{escape(group.title)}</th></tr>{rows}</tbody>'
        )
    return mark_safe(
        f'<table class="scorecard"><colgroup>{cols}</colgroup><thead><tr class="groups">{group_row}</tr>'
        f'<tr class="columns">{"".join(headers)}</tr></thead>{"".join(bodies)}</table>'
    )


def scorecard_html(view: ScorecardView) -> str:
    """The HTML WeasyPrint lays out: every indicator of the scorecard, no filters."""
    groups = section_groups(view.data, view.rows, view.as_at)
    context = {
        "view": view,
        # Everything a publication shows comes from the publication, its title too.
        "title": view.title,
        "status": document_status(view.publication),
        "council_name": council_name(),
        "summary": summarise(view.rows, view.as_at, view.data.year_start_month),
        "groups": groups,
        "table": pdf_table(columns.layout(view.table_context, Output.PDF), groups),
        "has_narratives": any(group.definition or group.significant_changes for group in groups),
        # From the view's own data: a publication's frozen exception notes, never the live ones.
        "exceptions": exceptions(view.rows, view.previous, indicator_notes(view.data, view.as_at)),
        "dot_key": dot_key(),
        "rag_key": RAG_MEANINGS,
        "marks": Mark.labels(),
        "glossary": GLOSSARY,
    }
    return render_to_string(TEMPLATE, context)


def scorecard_pdf(view: ScorecardView) -> bytes:
    """The scorecard as at the view's month as an A4 landscape PDF, tagged for screen readers."""
    html = weasyprint.HTML(
        string=scorecard_html(view),
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=StaticFilesOnly(),
    )
    return html.write_pdf(stylesheets=[_stylesheet(STYLESHEET.stat().st_mtime)], pdf_tags=True)
