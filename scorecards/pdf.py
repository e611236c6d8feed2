"""The scorecard as a PDF, laid out like the council's printed performance report.

WeasyPrint renders templates/scorecards/scorecard_pdf.html with static/css/scorecard-pdf.css,
both read from disk: the renderer may read files under the static folder and nothing else, so
a PDF never waits on the network or reads a file it should not.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as format_date

from scorecards.compute.vocabulary import BenchmarkMeasure, Mark
from scorecards.models import Publication, Scorecard
from scorecards.presentation import GLOSSARY, dot_key, section_groups, summarise
from scorecards.selectors import ScorecardView

TEMPLATE = "scorecards/scorecard_pdf.html"
STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC_DIR / "css" / "scorecard-pdf.css"

# Indicator: number, name, good performance is, data note.
INDICATOR_COLUMNS = 4
# Direction of travel, RAG in month, RAG year end; then red, amber, green.
PERFORMANCE_COLUMNS = 3
TOLERANCE_COLUMNS = 3


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


def scorecard_html(scorecard: Scorecard, view: ScorecardView) -> str:
    """The HTML WeasyPrint lays out: every indicator of the scorecard, no filters."""
    export = view.export
    rows = export["rows"]
    groups = section_groups(view.data, export, rows)
    first = groups[0].rows[0] if groups else None
    outturn_years = first.outturns if first else ()
    benchmark_labels = [label for label, _, _ in first.benchmarks] if first else list(BenchmarkMeasure.labels().values())
    # The months, YTD and the sparkline.
    figures_span = len(export["periods"]) + 2
    context = {
        "scorecard": scorecard,
        "view": view,
        "export": {**export, "title": scorecard.title},
        "status": document_status(view.publication),
        "council_name": settings.COUNCIL_NAME,
        "summary": summarise(rows),
        "groups": groups,
        # "Percentage; Financial Year": each note on a line of its own, as the printed report has them.
        "data_notes": {row.number: row.data_note.split("; ") for group in groups for row in group.rows},
        "has_narratives": any(group.definition or group.significant_changes for group in groups),
        "outturn_years": outturn_years,
        "benchmark_labels": benchmark_labels,
        "figures_span": figures_span,
        "column_count": INDICATOR_COLUMNS
        + figures_span
        + PERFORMANCE_COLUMNS
        + TOLERANCE_COLUMNS
        + len(outturn_years)
        + len(benchmark_labels),
        "dot_key": dot_key(),
        "marks": Mark.labels(),
        "glossary": GLOSSARY,
    }
    return render_to_string(TEMPLATE, context)


def scorecard_pdf(scorecard: Scorecard, view: ScorecardView) -> bytes:
    """The scorecard as at the view's month as an A4 landscape PDF, tagged for screen readers."""
    html = weasyprint.HTML(
        string=scorecard_html(scorecard, view),
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=StaticFilesOnly(),
    )
    return html.write_pdf(stylesheets=[_stylesheet(STYLESHEET.stat().st_mtime)], pdf_tags=True)
