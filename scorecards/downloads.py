"""The scorecard as files: what the page shows, published or live."""

import io

from scorecards.export import workbook_sheets, write_csv_zip, write_xlsx
from scorecards.models import Scorecard
from scorecards.pdf import scorecard_pdf
from scorecards.presentation_xlsx import presentation_workbook
from scorecards.selectors import ScorecardView


def render(name: str, scorecard: Scorecard, view: ScorecardView) -> bytes:
    if name == "scorecard.pdf":
        return scorecard_pdf(scorecard, view)
    if name == "scorecard.xlsx":
        return presentation_workbook(scorecard, view)
    buffer = io.BytesIO()
    writer = write_xlsx if name == "workbook.xlsx" else write_csv_zip
    writer(workbook_sheets(view.data), buffer)
    return buffer.getvalue()
