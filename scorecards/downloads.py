"""The scorecard as files: what the page shows, published or live."""

import io
from dataclasses import dataclass

from scorecards.exports import workbook_sheets, write_csv_zip, write_xlsx
from scorecards.pdf import scorecard_pdf
from scorecards.pdf_store import published_pdf
from scorecards.presentation_xlsx import presentation_workbook
from scorecards.selectors import ScorecardView


@dataclass(frozen=True)
class Download:
    content_type: str
    description: str


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# By the file name in the URL.
DOWNLOADS = {
    "scorecard.pdf": Download("application/pdf", "PDF, laid out like the printed report"),
    "scorecard.xlsx": Download(XLSX, "Excel, laid out like the printed scorecard"),
    "workbook.xlsx": Download(XLSX, "Excel workbook for re-import"),
    "workbook-csv.zip": Download("application/zip", "CSV files (zip) for re-import"),
}


def render(name: str, view: ScorecardView, publication_frequency: str) -> bytes:
    """The file `name` of the view; the scorecard's publication frequency is for the workbooks."""
    if name == "scorecard.pdf":
        # A publication's PDF is rendered once and stored; live figures are rendered every time.
        if view.live:
            return scorecard_pdf(view)
        return published_pdf(view.publication, lambda: scorecard_pdf(view))
    if name == "scorecard.xlsx":
        return presentation_workbook(view)
    buffer = io.BytesIO()
    writer = write_xlsx if name == "workbook.xlsx" else write_csv_zip
    writer(workbook_sheets(view.data, publication_frequency), buffer)
    return buffer.getvalue()
