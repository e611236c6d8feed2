"""The database half of an import: all or nothing, upsert rules, history (docs/workbook.md)."""

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Scorecard, Target
from scorecards.services.imports import import_workbook

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent
GOOD = ROOT / "workbooks" / "good"
BROKEN = sorted((ROOT / "workbooks" / "broken").iterdir())
FIXTURES = ROOT.parent / "fixtures"
MODELS = [Scorecard, Indicator, Target, Observation, Outturn, Benchmark, Commentary]


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def fingerprint() -> list:
    return [list(model.objects.order_by("pk").values()) for model in MODELS]


@pytest.mark.parametrize("case", BROKEN, ids=lambda p: p.name)
def test_broken_workbook_changes_nothing_and_reports_every_error(case):
    # Another scorecard is already stored: a failed import must leave every table as it was.
    assert import_workbook(FIXTURES / "safeguarding-children-families.xlsx").ok
    before = fingerprint()
    report = import_workbook(case / "workbook")
    assert not report.ok
    expected = [line.removeprefix("error: ") for line in (case / "expected.txt").read_text().splitlines() if line.startswith("error: ")]
    assert [str(issue) for issue in report.errors] == expected
    assert fingerprint() == before


def test_good_workbook_imports_and_a_second_run_changes_nothing():
    first = import_workbook(GOOD)
    assert first.ok, first.lines()
    counts = table_counts()
    assert counts["Scorecard"] == 1 and counts["Indicator"] > 0 and counts["Observation"] > 0
    second = import_workbook(GOOD)
    assert second.ok
    assert table_counts() == counts
    assert all(" 0 created, 0 updated" in line for line in second.counts)


def write_values(folder: Path, rows: list[str]) -> None:
    (folder / "values.csv").write_text("number,period,value,numerator,denominator\n" + "\n".join(rows) + "\n")


def test_empty_cells_never_clear_and_a_mark_replaces_a_figure(tmp_path):
    assert import_workbook(FIXTURES / "corporate-parenting.xlsx").ok
    folder = tmp_path / "update"
    folder.mkdir()
    (folder / "scorecard.csv").write_text("slug\ncorporate-parenting\n")
    write_values(folder, ["6.1,2020-12,,,", "6.3,2020-12,[c],,"])
    report = import_workbook(folder)
    assert report.ok, report.lines()
    lac = Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1))
    assert lac.value == Decimal("615")
    admissions = Observation.objects.get(indicator__number="6.3", period=date(2020, 12, 1))
    assert admissions.value is None and admissions.mark == "[c]"
    assert admissions.history.first().history_change_reason == "import of update"
    scorecard = Scorecard.objects.get(slug="corporate-parenting")
    assert scorecard.title == "Corporate Parenting Monthly Performance Report"  # absent column: unchanged


def test_import_command_exits_with_an_error_and_lists_messages(capsys):
    with pytest.raises(CommandError, match="the database is unchanged"):
        call_command("import_scorecard", str(ROOT / "workbooks" / "broken" / "several_errors" / "workbook"))
    output = capsys.readouterr().out
    assert output.count("ERROR ") > 1
    assert table_counts()["Scorecard"] == 0


def test_unreadable_file_is_a_clear_error(tmp_path):
    bogus = tmp_path / "scores.txt"
    bogus.write_text("not a workbook")
    report = import_workbook(bogus)
    assert not report.ok
    assert "scores.txt" in str(report.errors[0])


def test_zip_of_csv_imports_like_the_folder(tmp_path):
    archive = shutil.make_archive(str(tmp_path / "good"), "zip", GOOD)
    assert import_workbook(Path(archive)).ok
    from_zip = table_counts()
    Scorecard.objects.all().delete()
    assert import_workbook(GOOD).ok
    assert table_counts() == from_zip


@pytest.mark.parametrize(
    "row, message",
    [
        ('6.1,2020-12,"123,456,789,012,345",,', "at most 14 digits before the decimal point"),
        ("6.5,2020-12,,1.1234567,12", "at most 6 decimal places"),
    ],
)
def test_figures_too_large_to_store_are_refused(tmp_path, row, message):
    assert import_workbook(FIXTURES / "corporate-parenting.xlsx").ok
    before = fingerprint()
    folder = tmp_path / "update"
    folder.mkdir()
    (folder / "scorecard.csv").write_text("slug\ncorporate-parenting\n")
    write_values(folder, [row])
    report = import_workbook(folder)
    assert not report.ok
    assert message in str(report.errors[0])
    assert fingerprint() == before


def test_a_corrected_value_without_counts_clears_the_old_numerator_and_denominator(tmp_path):
    assert import_workbook(FIXTURES / "corporate-parenting.xlsx").ok
    folder = tmp_path / "update"
    folder.mkdir()
    (folder / "scorecard.csv").write_text("slug\ncorporate-parenting\n")
    write_values(folder, ["6.5,2020-12,50.0,,"])
    assert import_workbook(folder).ok
    corrected = Observation.objects.get(indicator__number="6.5", period=date(2020, 12, 1))
    assert (corrected.value, corrected.numerator, corrected.denominator) == (Decimal("50.0"), None, None)


def test_created_rows_get_their_history_row_with_the_file_name_and_user(admin_user):
    # An admin: creating a scorecard is not an officer's to do (tests/test_import_permissions.py).
    report = import_workbook(FIXTURES / "corporate-parenting.xlsx", user=admin_user)
    assert report.ok
    for model in (Indicator, Target, Observation, Outturn, Benchmark, Commentary):
        assert model.history.filter(history_type="+").count() == model.objects.count() > 0, model.__name__
    created = Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1)).history.get()
    assert created.history_type == "+"
    assert created.value == Decimal("615")
    assert created.history_change_reason == "import of corporate-parenting.xlsx"
    assert created.history_user == admin_user
    assert created.history_date is not None


def test_a_status_alone_marks_a_stored_figure_provisional(tmp_path):
    assert import_workbook(FIXTURES / "corporate-parenting.xlsx").ok
    folder = tmp_path / "update"
    folder.mkdir()
    (folder / "scorecard.csv").write_text("slug\ncorporate-parenting\n")
    (folder / "values.csv").write_text("number,period,value,status\n6.1,2020-12,,provisional\n6.1,2030-12,,provisional\n")
    report = import_workbook(folder)
    assert report.ok, report.lines()
    observation = Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1))
    assert (observation.value, observation.status) == (Decimal("615"), "provisional")
    assert not Observation.objects.filter(period=date(2030, 12, 1)).exists()
