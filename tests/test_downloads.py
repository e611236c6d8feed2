"""Downloads from the scorecard page: PDF, presentation Excel, workbook (xlsx and CSV zip)."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from scorecards.models import Observation

pytestmark = pytest.mark.django_db
PAGE = "/scorecards/corporate-parenting/2020-12/"


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once for the module); each test's changes roll back."""


@pytest.mark.parametrize(
    "name, content_type, magic",
    [
        ("scorecard.pdf", "application/pdf", b"%PDF"),
        ("scorecard.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("workbook.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("workbook-csv.zip", "application/zip", b"PK"),
    ],
)
def test_each_download_is_linked_and_served(client, demo, name, content_type, magic):
    assert f'href="{PAGE}{name}"' in client.get(PAGE).content.decode()
    response = client.get(PAGE + name)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"] == f'attachment; filename="corporate-parenting-2020-12-issue-1-{name}"'


def test_unknown_download_and_unpublished_month_are_404(client, demo):
    assert client.get(PAGE + "scorecard.doc").status_code == 404
    assert client.get("/scorecards/corporate-parenting/2020-11/scorecard.pdf").status_code == 404


def values_cell(workbook_bytes: bytes, number: str, period: str) -> str:
    sheet = load_workbook(io.BytesIO(workbook_bytes))["values"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("number")] == number and row[header.index("period")] == period:
            return row[header.index("value")]
    raise AssertionError(f"no value for {number} {period}")


def test_workbook_download_is_published_for_the_public_and_live_for_staff(client, demo, officer):
    Observation.objects.filter(indicator__number="6.1", period=date(2020, 12, 1)).update(value=Decimal("640"))
    assert values_cell(client.get(PAGE + "workbook.xlsx?live=1").content, "6.1", "2020-12") == "615"
    client.force_login(officer)
    live = client.get(PAGE + "workbook.xlsx?live=1")
    assert live["Content-Disposition"].endswith('-live-workbook.xlsx"')
    assert live["Cache-Control"] == "private, no-store"
    assert values_cell(live.content, "6.1", "2020-12") == "640"
    archive = zipfile.ZipFile(io.BytesIO(client.get(PAGE + "workbook-csv.zip?live=1").content))
    assert "6.1,2020-12,640," in archive.read("values.csv").decode()
