"""Import, export as a workbook, import into an empty database, export again: nothing changes."""

from pathlib import Path

import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from scorecards.compute.periods import Month
from scorecards.exports import workbook_sheets, write_csv_zip, write_xlsx
from scorecards.models import Observation, Publication, Scorecard
from scorecards.selectors import load_scorecard_data, scorecard_export
from scorecards.services.imports import import_workbook
from scorecards.services.publishing import publish_scorecard

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = [("corporate-parenting.xlsx", Month(2020, 12)), ("safeguarding-children-families.xlsx", Month(2016, 3))]


def xlsx_cells(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path, read_only=True)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


@pytest.mark.parametrize("file_name, as_at", CASES)
@pytest.mark.parametrize("writer, suffix", [(write_xlsx, ".xlsx"), (write_csv_zip, ".zip")])
def test_round_trip_keeps_every_cell_and_the_json(tmp_path, file_name, as_at, writer, suffix):
    first = import_workbook(FIXTURES / file_name)
    assert first.ok, first.lines()
    scorecard = first.scorecard
    sheets_before = workbook_sheets(load_scorecard_data(scorecard, as_at), scorecard.publication_frequency)
    json_before = scorecard_export(scorecard, as_at, live=True)
    exported = tmp_path / f"export{suffix}"
    with exported.open("wb") as out:
        writer(sheets_before, out)

    Scorecard.objects.all().delete()
    second = import_workbook(exported)
    assert second.ok, second.lines()
    assert second.warnings == []
    sheets_after = workbook_sheets(load_scorecard_data(second.scorecard, as_at), second.scorecard.publication_frequency)
    assert sheets_after == sheets_before
    assert scorecard_export(second.scorecard, as_at, live=True) == json_before

    again = tmp_path / f"again{suffix}"
    with again.open("wb") as out:
        writer(sheets_after, out)
    if suffix == ".xlsx":
        assert xlsx_cells(again) == xlsx_cells(exported)


def test_export_command_writes_each_format(tmp_path):
    import_workbook(FIXTURES / "corporate-parenting.xlsx")
    for fmt, name in [("json", "cp.json"), ("xlsx", "cp.xlsx"), ("csv", "cp.zip")]:
        call_command("export_scorecard", "corporate-parenting", "--as-at", "2020-12", "--format", fmt, "--output", str(tmp_path / name))
    assert (tmp_path / "cp.json").read_text().startswith("{")
    assert load_workbook(tmp_path / "cp.xlsx").sheetnames == [
        "scorecard", "indicators", "targets", "values", "commentary", "outturns", "benchmarks",
    ]
    assert sorted(zipfile.ZipFile(tmp_path / "cp.zip").namelist())[0] == "benchmarks.csv"


def test_published_export_needs_a_publication(tmp_path):
    import_workbook(FIXTURES / "corporate-parenting.xlsx")
    with pytest.raises(CommandError, match="has not been published as at 2020-12"):
        call_command("export_scorecard", "corporate-parenting", "--as-at", "2020-12", "--published", "--output", str(tmp_path / "x.json"))


def test_import_records_the_file_name_in_history(tmp_path):
    import_workbook(FIXTURES / "corporate-parenting.xlsx")
    scorecard = Scorecard.objects.get()
    sheets = workbook_sheets(load_scorecard_data(scorecard, Month(2020, 12)), scorecard.publication_frequency)
    header, *rows = sheets["values"]
    value_col = header.index("value")
    for row in rows:
        if row[0] == "6.1" and row[1] == "2020-12":
            row[value_col] = "616"
    revised = tmp_path / "revision.xlsx"
    with revised.open("wb") as out:
        write_xlsx(sheets, out)
    report = import_workbook(revised)
    assert report.ok
    assert "values: 0 created, 1 updated" in " ".join(report.counts)
    observation = Observation.objects.get(indicator__number="6.1", period="2020-12-01")
    latest = observation.history.first()
    assert str(latest.value).startswith("616")
    assert latest.history_change_reason == "import of revision.xlsx"
    assert observation.history.count() == 2


def test_the_publication_frequency_goes_out_and_comes_back(tmp_path):
    """The annual report stays annual through an export (live or published) and a new import; a
    workbook without the column makes a monthly scorecard and leaves a stored one as it was."""
    scorecard = import_workbook(FIXTURES / "safeguarding-children-families.xlsx").scorecard
    assert scorecard.publication_frequency == "annual"
    publish_scorecard(scorecard, Month(2016, 3))
    for published in ([], ["--published"]):
        exported = tmp_path / f"export{len(published)}.xlsx"
        call_command(
            "export_scorecard", scorecard.slug, "--as-at", "2016-03", "--format", "xlsx", *published,
            "--output", str(exported),
        )
        header, row = xlsx_cells(exported)["scorecard"]
        assert dict(zip(header, row))["publication_frequency"] == "annual"
    Publication.objects.all().delete()
    Scorecard.objects.all().delete()
    assert import_workbook(exported).scorecard.publication_frequency == "annual"

    without = tmp_path / "without"
    without.mkdir()
    (without / "scorecard.csv").write_text("slug,title\nnew-card,New\n")
    assert import_workbook(without).scorecard.publication_frequency == "monthly"
    (without / "scorecard.csv").write_text(f"slug,publication_frequency\n{scorecard.slug},\n")
    assert import_workbook(without).ok
    assert Scorecard.objects.get(slug=scorecard.slug).publication_frequency == "annual"
