"""Imports know who is importing (docs/architecture.md, who may do what): an officer's workbook carries values and
commentary for the officer's own indicators only; admins import anything, others nothing."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.roles import Role
from scorecards.compute.periods import Month
from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Scorecard, Section, Target
from scorecards.services.imports import import_workbook
from scorecards.workbook.permissions import SYSTEM, Importer, Standing, StoredScorecard, import_issues
from scorecards.workbook.validate import (
    CommentaryRecord,
    IndicatorRecord,
    ScorecardRecord,
    TargetRecord,
    ValueRecord,
    WorkbookContent,
)
from tests.conftest import make_user

ROOT = Path(__file__).resolve().parent
DEMO = ROOT.parent / "fixtures" / "corporate-parenting.xlsx"
SLUG = "corporate-parenting"
TITLE = "Corporate Parenting Monthly Performance Report"
MODELS = [Scorecard, Section, Indicator, Target, Observation, Outturn, Benchmark, Commentary]


def fingerprint() -> list:
    """Every row of every table an import writes, history included."""
    rows = [list(model.objects.order_by("pk").values()) for model in MODELS]
    for model in MODELS:
        if hasattr(model, "history"):
            rows.append(list(model.history.order_by("pk").values()))
    return rows


def workbook(tmp_path: Path, **sheets: str) -> Path:
    """A CSV folder: one file per sheet, the scorecard sheet giving only the slug unless given."""
    folder = tmp_path / "officer-upload"
    folder.mkdir(parents=True)
    sheets.setdefault("scorecard", f"slug\n{SLUG}\n")
    for name, text in sheets.items():
        (folder / f"{name}.csv").write_text(text)
    return folder


OWN_VALUES = "number,period,value,numerator,denominator\n6.1,2020-12,616,,\n6.1,2021-01,620,,\n6.9,2021-01,,3,12\n"
OWN_COMMENTARY = (
    "number,section,period,kind,text\n"
    "6.1,,2020-12,commentary,Numbers steady after the autumn rise.\n"
    ",LOOKED AFTER CHILDREN,2021-01,significant_changes,Admissions slowed in January.\n"
)


@pytest.fixture
def stored(db):
    """The demo scorecard, imported by the system; officer1 owns 6.1 and 6.9, officer2 owns 6.3."""
    report = import_workbook(DEMO)
    assert report.ok, report.lines()
    return Scorecard.objects.get(slug=SLUG)


@pytest.fixture
def officer(stored):
    user = make_user("officer1", Role.PERFORMANCE_OFFICER)
    for indicator in Indicator.objects.filter(scorecard=stored, number__in=["6.1", "6.9"]):
        indicator.owners.add(user)
    return user


@pytest.fixture
def other_officer(stored):
    user = make_user("officer2", Role.PERFORMANCE_OFFICER)
    Indicator.objects.get(scorecard=stored, number="6.3").owners.add(user)
    return user


# -- the database half ------------------------------------------------------------------


def test_another_officers_indicator_is_refused_by_number_and_nothing_is_written(tmp_path, officer, other_officer):
    folder = workbook(tmp_path, values="number,period,value\n6.1,2021-01,620\n6.3,2021-01,14\n")
    before = fingerprint()
    report = import_workbook(folder, user=officer)
    assert not report.ok
    assert [str(issue) for issue in report.errors] == [
        'values, row 3, column "number": indicator "6.3" is not yours to enter: officer1 may enter figures and '
        "commentary only for the indicators they own (6.1, 6.9); ask an owner of 6.3 or an admin"
    ]
    assert fingerprint() == before  # 6.1's own row is not written either: all or nothing
    assert "nothing was changed" in report.lines()[0]


def test_another_officers_indicator_in_commentary_is_refused(tmp_path, officer, other_officer):
    folder = workbook(tmp_path, commentary="number,period,kind,text\n6.3,2020-12,exception,Not mine.\n")
    before = fingerprint()
    report = import_workbook(folder, user=officer)
    assert [str(issue) for issue in report.errors] == [
        'commentary, row 2, column "number": indicator "6.3" is not yours to comment on: officer1 may enter '
        "figures and commentary only for the indicators they own (6.1, 6.9); ask an owner of 6.3 or an admin"
    ]
    assert fingerprint() == before


def test_an_officer_imports_values_and_commentary_of_their_own_indicators(tmp_path, officer):
    folder = workbook(tmp_path, values=OWN_VALUES, commentary=OWN_COMMENTARY)
    report = import_workbook(folder, user=officer)
    assert report.ok, report.lines()
    december = Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1))
    assert december.value == Decimal("616")
    assert december.history.first().history_user == officer
    january = Observation.objects.get(indicator__number="6.9", period=date(2021, 1, 1))
    assert january.value == Decimal("25.0")
    note = Commentary.objects.get(section__title="LOOKED AFTER CHILDREN", period=date(2021, 1, 1))
    assert note.author == officer and note.history.get().history_user == officer


def test_section_commentary_needs_an_indicator_of_the_section_or_the_scorecard(tmp_path, officer):
    text = "number,section,period,kind,text\n,CARE LEAVERS,2021-01,significant_changes,More care leavers.\n"
    before = fingerprint()
    report = import_workbook(workbook(tmp_path, commentary=text), user=officer)
    assert [str(issue) for issue in report.errors] == [
        'commentary, row 2, column "section": section "CARE LEAVERS" is not yours to comment on: section '
        "commentary needs an owner of the scorecard or of an indicator in that section (officer1 owns 6.1, 6.9)"
    ]
    assert fingerprint() == before
    Scorecard.objects.get(slug=SLUG).owners.add(officer)
    assert import_workbook(workbook(tmp_path / "again", commentary=text), user=officer).ok


@pytest.mark.parametrize(
    "sheets, expected",
    [
        (
            {"targets": "number,year,red,amber,green\n6.1,2021/22,,,n/a\n"},
            "targets: the targets sheet needs an admin (row 2): a performance officer's workbook may carry only "
            "values and commentary for the officer's own indicators; remove the sheet or ask an admin",
        ),
        (
            {"indicators": "number,name,polarity\n6.1,Looked After Children,Info\n6.9,Adoptions,High\n"},
            "indicators: the indicators sheet needs an admin (2 rows, from row 2): a performance officer's "
            "workbook may carry only values and commentary for the officer's own indicators; remove the sheet or "
            "ask an admin",
        ),
        ({"outturns": "number,year,value\n6.1,2019/20,596\n"}, "outturns: the outturns sheet needs an admin"),
        ({"benchmarks": "number,measure,value\n6.9,national_average,12\n"}, "benchmarks: the benchmarks sheet needs"),
        (
            {"scorecard": f"slug,title,year_start_month\n{SLUG},Corporate Parenting,4\n"},
            'scorecard, column "title": changing the scorecard\'s title needs an admin: expected the stored title '
            f'"{TITLE}" or an empty cell; found "Corporate Parenting"',
        ),
        (
            {"scorecard": f"slug,dot_basis\n{SLUG},year\n"},
            'scorecard, column "dot_basis": changing the scorecard\'s dot_basis needs an admin: expected the '
            'stored dot_basis "month" or an empty cell; found "year"',
        ),
        (
            {"scorecard": f"slug,publication_frequency\n{SLUG},annual\n"},
            'scorecard, column "publication_frequency": changing the scorecard\'s publication_frequency needs an '
            'admin: expected the stored publication_frequency "monthly" or an empty cell; found "annual"',
        ),
    ],
    ids=["targets", "indicators", "outturns", "benchmarks", "title", "dot_basis", "publication_frequency"],
)
def test_an_officer_may_not_change_what_defines_the_scorecard(tmp_path, officer, sheets, expected):
    folder = workbook(tmp_path, values=OWN_VALUES, **sheets)
    before = fingerprint()
    report = import_workbook(folder, user=officer)
    assert len(report.errors) == 1
    assert str(report.errors[0]).startswith(expected)
    assert fingerprint() == before


def test_an_officer_may_repeat_the_scorecards_settings_unchanged(tmp_path, officer):
    scorecard = (
        "slug,title,year_start_month,dot_basis,arrow_convention,publication_frequency\n"
        f"{SLUG},{TITLE},4,month,performance,Monthly\n"
    )
    assert import_workbook(workbook(tmp_path, scorecard=scorecard, values=OWN_VALUES), user=officer).ok


def test_an_officer_may_not_create_a_scorecard(db, tmp_path):
    officer = make_user("officer1", Role.PERFORMANCE_OFFICER)
    report = import_workbook(DEMO, user=officer)
    assert [str(issue) for issue in report.errors] == [
        'scorecard, column "slug": there is no scorecard "corporate-parenting" to update: a performance officer '
        "may not create a scorecard; ask an admin to create it and give you its indicators"
    ]
    assert not Scorecard.objects.exists() and not Indicator.history.exists()


def test_an_admin_may_import_everything(db, tmp_path, admin_user):
    assert import_workbook(DEMO, user=admin_user).ok
    created = Indicator.objects.get(number="6.3").history.get()
    assert created.history_user == admin_user
    folder = workbook(
        tmp_path,
        scorecard=f"slug,title\n{SLUG},Corporate Parenting\n",
        targets="number,year,red,amber,green\n6.1,2021/22,,,n/a\n",
        values="number,period,value\n6.3,2021-01,14\n",
    )
    report = import_workbook(folder, user=admin_user)
    assert report.ok, report.lines()
    assert Scorecard.objects.get(slug=SLUG).title == "Corporate Parenting"
    assert Target.objects.get(indicator__number="6.1", year="2021/22").history.get().history_user == admin_user


def test_a_superuser_may_import_everything(db):
    superuser = make_user("root", None)
    superuser.is_superuser = True
    superuser.save()
    assert import_workbook(DEMO, user=superuser).ok


@pytest.mark.parametrize(
    "role, described",
    [(Role.GOVERNANCE_ADVISOR, "a governance advisor"), (Role.COUNCILLOR, "a councillor"), (None, "no role")],
)
def test_anyone_else_may_import_nothing(tmp_path, stored, role, described):
    user = make_user("someone", role)
    Indicator.objects.get(scorecard=stored, number="6.1").owners.add(user)  # owning is not enough
    before = fingerprint()
    report = import_workbook(workbook(tmp_path, values=OWN_VALUES), user=user)
    assert [str(issue) for issue in report.errors] == [
        f"scorecard: someone ({described}) may not import a workbook: importing figures and commentary needs a "
        "performance officer (for their own indicators) or an admin"
    ]
    assert fingerprint() == before


def test_an_inactive_officer_may_import_nothing(tmp_path, officer):
    officer.is_active = False
    officer.save()
    report = import_workbook(workbook(tmp_path, values=OWN_VALUES), user=officer)
    assert not report.ok and "may not import a workbook" in str(report.errors[0])


# -- the command ------------------------------------------------------------------------


def test_the_command_imports_as_the_user_named_and_the_history_says_so(tmp_path, officer, capsys):
    folder = workbook(tmp_path, values=OWN_VALUES, commentary=OWN_COMMENTARY)
    call_command("import_scorecard", str(folder), user="officer1")
    assert "Imported as officer1." in capsys.readouterr().out
    # Updated rows (bulk_update_with_history) and created rows (INSERT ... SELECT) alike.
    updated = Observation.objects.get(indicator__number="6.1", period=date(2020, 12, 1)).history.first()
    created = Observation.objects.get(indicator__number="6.1", period=date(2021, 1, 1)).history.get()
    assert (updated.history_type, created.history_type) == ("~", "+")
    for row in (updated, created):
        assert row.history_user == officer
        assert row.history_change_reason == "import of officer-upload"
    notes = Commentary.history.filter(history_date__gte=updated.history_date)
    assert {note.history_type for note in notes} == {"+"}
    assert notes.count() == 2 and {note.history_user for note in notes} == {officer}


def test_the_command_refuses_for_the_user_named(tmp_path, officer, other_officer, capsys):
    folder = workbook(tmp_path, values="number,period,value\n6.3,2021-01,14\n")
    with pytest.raises(CommandError, match="the database is unchanged"):
        call_command("import_scorecard", str(folder), user="officer1")
    assert 'indicator "6.3" is not yours to enter' in capsys.readouterr().out
    assert not Observation.objects.filter(period=date(2021, 1, 1)).exists()


def test_without_a_user_the_command_imports_as_the_system(tmp_path, stored, capsys):
    folder = workbook(tmp_path, values=OWN_VALUES, targets="number,year,red,amber,green\n6.1,2021/22,,,n/a\n")
    call_command("import_scorecard", str(folder))
    assert "Imported as the system" in capsys.readouterr().out
    created = Observation.objects.get(indicator__number="6.1", period=date(2021, 1, 1)).history.get()
    assert created.history_user is None and created.history_change_reason == "import of officer-upload"


@pytest.mark.parametrize("username", ["nobody", "officer1"])
def test_an_unknown_or_inactive_user_is_a_clear_error(tmp_path, officer, username):
    officer.is_active = False
    officer.save()
    before = fingerprint()
    with pytest.raises(CommandError, match=f'"{username}"'):
        call_command("import_scorecard", str(workbook(tmp_path, values=OWN_VALUES)), user=username)
    assert fingerprint() == before


# -- the rule alone ---------------------------------------------------------------------

STORED = StoredScorecard(SLUG, TITLE, 4, "month", "performance", "monthly")
OFFICER = Importer(Standing.OFFICER, "officer1", "a performance officer", frozenset({"6.1"}), frozenset({"LAC"}))


def content(**records) -> WorkbookContent:
    scorecard = records.pop("scorecard", ScorecardRecord(SLUG, None, None, None, None))
    return WorkbookContent(source_name="upload", scorecard=scorecard, **records)


def value(row: int, number: str) -> ValueRecord:
    return ValueRecord(row, number, Month(2021, 1), Decimal("1"), None, None, None, None)


def note(row: int, number: str | None = None, section: str | None = None) -> CommentaryRecord:
    return CommentaryRecord(row, number, section, Month(2021, 1), "commentary", "Text.")


def test_the_rule_lets_the_system_and_admins_import_anything():
    everything = content(
        scorecard=ScorecardRecord("new", "New", 1, None, None),
        targets=[TargetRecord(2, "6.1", "2021", None, None, "n/a", "none", None)],
        values=[value(2, "6.3")],
    )
    assert import_issues(everything, None, SYSTEM) == []
    assert import_issues(everything, None, Importer(Standing.ADMIN, "admin1", "an admin")) == []


def test_the_rule_lists_every_refusal_of_an_officers_workbook():
    issues = import_issues(
        content(
            scorecard=ScorecardRecord(SLUG, TITLE, 1, None, None),
            indicators=[IndicatorRecord(2, "6.1", "LAC", "Info", None, None, None, None, None, None, None)],
            values=[value(2, "6.1"), value(3, "6.3"), value(4, "6.10")],
            commentary=[note(2, number="6.1"), note(3, section="LAC"), note(4, section="Care leavers"), note(5, "6.2")],
        ),
        STORED,
        OFFICER,
    )
    assert [(issue.sheet, issue.row, issue.column) for issue in issues] == [
        ("scorecard", None, "year_start_month"),
        ("indicators", None, None),
        ("values", 3, "number"),
        ("values", 4, "number"),
        ("commentary", 4, "section"),
        ("commentary", 5, "number"),
    ]
    assert '"6.10" is not yours' in issues[3].message


def test_the_rule_names_what_an_officer_owns_in_natural_order():
    many = Importer(Standing.OFFICER, "officer1", "", frozenset(f"6.{n}" for n in range(1, 16)))
    [issue] = import_issues(content(values=[value(2, "7.1")]), STORED, many)
    assert "(6.1, 6.2, 6.3, 6.4, 6.5, 6.6, 6.7, 6.8, 6.9, 6.10, 6.11, 6.12 and 3 more)" in issue.message
    nothing = Importer(Standing.OFFICER, "officer1", "")
    [issue] = import_issues(content(values=[value(2, "7.1")]), STORED, nothing)
    assert "(none of this scorecard's indicators)" in issue.message
