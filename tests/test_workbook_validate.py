"""Validating workbooks (docs/rules.md and docs/workbook.md): records, defaults, and every error named in full."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import (
    ArrowConvention,
    DotBasis,
    Frequency,
    Polarity,
    PublicationFrequency,
    Unit,
    YtdMethod,
)
from scorecards.workbook.reader import Cell, RawSheet, RawWorkbook, read_workbook
from scorecards.workbook.validate import (
    BenchmarkRecord,
    CommentaryRecord,
    ExistingIndicator,
    ExistingScorecard,
    IndicatorRecord,
    Issue,
    OutturnRecord,
    ScorecardRecord,
    TargetRecord,
    ValueRecord,
    WorkbookContent,
    scorecard_slug,
    validate_workbook,
)
from workbooks.build import GOOD, broken_cases, xlsx_from_csv_folder

# -- building workbooks in memory -----------------------------------------------------

Row = list[str | Cell | None]

SCORECARD: list[Row] = [["slug"], ["corporate-parenting"]]
INDICATORS: list[Row] = [
    ["number", "name", "polarity", "unit", "frequency", "decimals", "section"],
    ["6.1", "Number of Looked After Children", "Info", "count", "", "", "LOOKED AFTER CHILDREN"],
    ["6.9", "% of children adopted", "High", "percentage", "", "1", "LOOKED AFTER CHILDREN"],
    ["2.1", "Average caseload", "Low", "", "", "", "CASELOADS"],
    ["10.4", "Average days to adoption", "Low", "days", "quarterly", "", "ADOPTION"],
]


def _cell(value: str | Cell | None) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell(value.strip() or None if value is not None else None)


def sheet(name: str, rows: list[Row]) -> RawSheet:
    header = [str(column).lower() for column in rows[0]]
    return RawSheet(
        name=name,
        columns=header,
        rows=[
            (number, {column: _cell(value) for column, value in zip(header, row)})
            for number, row in enumerate(rows[1:], start=2)
        ],
    )


def book(**sheets: list[Row]) -> RawWorkbook:
    sheets.setdefault("scorecard", SCORECARD)
    sheets.setdefault("indicators", INDICATORS)
    return RawWorkbook("test.xlsx", {name: sheet(name, rows) for name, rows in sheets.items()})


def messages(content: WorkbookContent) -> list[str]:
    return [str(issue) for issue in content.errors]


def warnings(content: WorkbookContent) -> list[str]:
    return [str(issue) for issue in content.warnings]


def one_value(number: str, value: str | Cell, **columns: str) -> WorkbookContent:
    header = ["number", "period", "value", *columns]
    return validate_workbook(book(values=[header, [number, "2020-12", value, *columns.values()]]))


# -- the corpus of broken workbooks ----------------------------------------------------


def _expected(case: Path) -> tuple[list[str], list[str]]:
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    errors = [line.removeprefix("error: ") for line in lines if line.startswith("error: ")]
    warned = [line.removeprefix("warning: ") for line in lines if line.startswith("warning: ")]
    assert len(errors) + len(warned) == len(lines), "every line of expected.txt is an error or a warning"
    return errors, warned


CASES = broken_cases()


def test_corpus_covers_the_cases_the_design_names() -> None:
    assert {case.name for case in CASES} >= {
        "unknown_sheet", "unknown_column", "missing_required_column", "missing_scorecard_sheet",
        "bad_polarity", "tolerance_red_without_green", "tolerance_two_operators",
        "tolerance_reversed_range", "tolerance_text_in_red", "tolerance_direction_violated",
        "non_numeric_value", "percentage_over_100", "numerator_over_denominator",
        "only_one_of_numerator_and_denominator", "duplicate_key", "bad_period", "frequency_month",
        "mark_with_numerator", "unknown_indicator_number", "several_errors",
    }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_workbook_reports_exactly_its_messages(case: Path) -> None:
    errors, warned = _expected(case)
    content = validate_workbook(read_workbook(case / "workbook"))
    assert errors, "a broken case has at least one error"
    assert messages(content) == errors
    assert warnings(content) == warned


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_workbook_as_xlsx_reports_the_same(case: Path, tmp_path: Path) -> None:
    errors, warned = _expected(case)
    content = validate_workbook(read_workbook(xlsx_from_csv_folder(case / "workbook", tmp_path / "case.xlsx")))
    assert messages(content) == errors
    assert warnings(content) == warned


def test_several_errors_are_all_reported_and_no_row_in_error_yields_a_record() -> None:
    content = validate_workbook(read_workbook(CASES[[c.name for c in CASES].index("several_errors")] / "workbook"))
    assert {issue.sheet for issue in content.errors} == {
        "scorecard", "indicators", "targets", "values", "commentary", "outturns", "benchmarks",
    }
    failed = {(issue.sheet, issue.row) for issue in content.errors}
    records = [
        *(("indicators", r.row) for r in content.indicators),
        *(("targets", r.row) for r in content.targets),
        *(("values", r.row) for r in content.values),
        *(("commentary", r.row) for r in content.commentary),
        *(("outturns", r.row) for r in content.outturns),
        *(("benchmarks", r.row) for r in content.benchmarks),
    ]
    assert not failed & set(records)
    assert content.scorecard is None  # its slug is in error


# -- the good workbook ---------------------------------------------------------------------


def test_good_workbook_validates_to_the_expected_records() -> None:
    content = validate_workbook(read_workbook(GOOD))

    assert content.errors == []
    assert warnings(content) == [
        'targets, row 5, column "green": the target "Above stat neigh (79.7%)" is in words: it is kept as '
        "written and gives no RAG (a form such as 95%+ is rated)",
        'values, row 7, column "value": 16.67 rounded to 16.7: indicator 6.9 is shown to 1 decimal place',
        'outturns, row 4, column "value": 12.55 rounded to 12.6: indicator 6.9 is shown to 1 decimal place',
    ]
    assert content.source_name == "good"
    # Absent columns are None: the import applies the defaults (4, month, performance) on create.
    assert content.scorecard == ScorecardRecord(
        "corporate-parenting", "Corporate Parenting Performance Report", None, None, None
    )
    lac = "LOOKED AFTER CHILDREN"
    assert content.indicators == [
        IndicatorRecord(2, "6.1", "Number of Looked After Children", Polarity.INFO, lac, "Count",
                        Unit.COUNT, None, None, None, None),
        IndicatorRecord(3, "6.9", "% of children adopted", Polarity.HIGH, lac, "Percentage",
                        Unit.PERCENTAGE, Frequency.MONTHLY, YtdMethod.RATIO, 1,
                        "Children adopted as a share of children ceasing to be looked after."),
        IndicatorRecord(4, "6.10", "% of LAC with up to date health assessments", Polarity.HIGH, lac,
                        "Percentage", Unit.PERCENTAGE, None, None, None, None),
        IndicatorRecord(5, "7.4", "% of care leavers in suitable accommodation", Polarity.HIGH, "CARE LEAVERS",
                        "Percentage", Unit.PERCENTAGE, None, YtdMethod.LATEST, None, None),
        IndicatorRecord(6, "8.2", "% of LAC with 3 or more placements", Polarity.LOW, "PLACEMENTS",
                        "Percentage", Unit.PERCENTAGE, Frequency.MONTHLY, YtdMethod.MEAN, 1, None),
        IndicatorRecord(7, "10.4", "Average days between entering care and moving in with adoptive family",
                        Polarity.LOW, "ADOPTION", "YTD Average", Unit.DAYS, Frequency.QUARTERLY,
                        YtdMethod.NONE, 1, None),
    ]
    assert content.targets == [
        TargetRecord(2, "6.9", "2020/21", "<20%", "20%>", "22.7%+", "bands", None),
        TargetRecord(3, "6.1", "2020/21", None, None, "n/a", "none", None),
        TargetRecord(4, "8.2", "2020/21", "13%+", "13%<", "10.8%<", "bands", None),
        TargetRecord(5, "7.4", "2020/21", None, None, "Above stat neigh (79.7%)", "words", "Above stat neigh (79.7%)"),
    ]
    d = Decimal
    assert content.values == [
        ValueRecord(2, "6.1", Month(2020, 10), d("607"), None, None, None, None),
        ValueRecord(3, "6.1", Month(2020, 11), d("613"), None, None, None, "final"),
        ValueRecord(4, "6.1", Month(2020, 12), d("1092"), None, None, None, None),
        # 7/19 is 36.84%: the value given agrees once rounded.
        ValueRecord(5, "6.9", Month(2020, 10), d("36.8"), d("7"), d("19"), None, None),
        # No value: derived from 5/10, written with the indicator's one place.
        ValueRecord(6, "6.9", Month(2020, 11), d("50.0"), d("5"), d("10"), None, "provisional"),
        ValueRecord(7, "6.9", Month(2020, 12), d("16.7"), None, None, None, None),
        ValueRecord(8, "6.10", Month(2020, 12), None, None, None, "[c]", None),
        ValueRecord(9, "8.2", Month(2020, 10), d("8.4"), None, None, None, None),
        # Row 10 ("-") and row 13 ("tbc") hold no figure: nothing to store.
        ValueRecord(11, "8.2", Month(2020, 12), None, None, None, "[z]", None),
        ValueRecord(12, "10.4", Month(2020, 12), d("427.3"), None, None, None, None),
    ]
    assert [str(value.value) for value in content.values if value.value is not None] == [
        "607", "613", "1092", "36.8", "50.0", "16.7", "8.4", "427.3",
    ]
    assert content.commentary == [
        CommentaryRecord(2, None, lac, Month(2020, 12), "significant_changes", "Adoptions slowed in December."),
        CommentaryRecord(3, "6.9", None, Month(2020, 12), "exception",
                         "Two adoption orders were delayed by court listings."),
        CommentaryRecord(4, "6.9", None, Month(2020, 12), "commentary",
                         "Three children were adopted, out of 18 ceasing care."),
    ]
    assert content.outturns == [
        OutturnRecord(2, "6.9", "2019/20", d("11.2")),
        OutturnRecord(3, "6.1", "2019/20", d("595")),
        OutturnRecord(4, "6.9", "2018/19", d("12.6")),
    ]
    assert content.benchmarks == [
        BenchmarkRecord(2, "6.9", "stat_neighbour_average", d("17.3"), 1, "2018/19", "DfE"),
        BenchmarkRecord(3, "6.9", "best_stat_neighbour", d("42.0"), 1, "2018/19", "DfE"),
        BenchmarkRecord(4, "6.9", "Regional average", d("15"), 0, "2018/19", None),
    ]
    assert str(content.benchmarks[1].value) == "42.0"


def test_effective_indicator_applies_defaults_on_create() -> None:
    content = validate_workbook(read_workbook(GOOD))
    assert content.effective_indicator("6.1") == ExistingIndicator(
        "6.1", Polarity.INFO, Unit.COUNT, Frequency.MONTHLY, YtdMethod.NONE, 0, "LOOKED AFTER CHILDREN"
    )
    assert content.effective_indicator("6.10") == ExistingIndicator(
        "6.10", Polarity.HIGH, Unit.PERCENTAGE, Frequency.MONTHLY, YtdMethod.NONE, 1, "LOOKED AFTER CHILDREN"
    )
    with pytest.raises(KeyError):
        content.effective_indicator("9.9")


def test_scorecard_slug() -> None:
    assert scorecard_slug(read_workbook(GOOD)) == "corporate-parenting"
    assert scorecard_slug(RawWorkbook("x", {"values": sheet("values", [["number"], ["6.1"]])})) is None
    assert scorecard_slug(RawWorkbook("x", {"scorecard": sheet("Scorecard", [["Title", "SLUG"], ["T", "cp"]])})) == "cp"
    assert scorecard_slug(RawWorkbook("x", {"scorecard": sheet("scorecard", [["slug"]])})) is None


# -- issues ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issue", "text"),
    [
        (Issue("values", 7, "value", 'expected a number; found "abc"'), 'values, row 7, column "value": expected a number; found "abc"'),
        (Issue("values", 3, "number, period", "duplicate"), 'values, row 3, columns "number", "period": duplicate'),
        (Issue("scorecard", 3, None, "one row"), "scorecard, row 3: one row"),
        (Issue("Glossary", None, None, "unknown sheet"), "Glossary: unknown sheet"),
    ],
)
def test_issue_text(issue: Issue, text: str) -> None:
    assert str(issue) == text


# -- sheets and columns --------------------------------------------------------------------


def test_columns_any_order_and_case_and_spaced_names() -> None:
    content = validate_workbook(
        book(indicators=[["POLARITY", "Data Note", "ytd method", "Name", "number"], ["high", "Count", "Sum", "Admissions", "6.3"]])
    )
    assert messages(content) == []
    (indicator,) = content.indicators
    assert (indicator.number, indicator.polarity, indicator.data_note, indicator.ytd_method) == (
        "6.3", Polarity.HIGH, "Count", YtdMethod.SUM,
    )


def test_repeated_and_headerless_columns() -> None:
    values = sheet("values", [["number", "period", "value", "Value"], ["6.1", "2020-12", "1", "2"]])
    values.headerless = ["F"]
    content = validate_workbook(RawWorkbook("x", {"scorecard": sheet("scorecard", SCORECARD),
                                                  "indicators": sheet("indicators", INDICATORS), "values": values}))
    assert messages(content) == [
        'values, row 1, column "value": column "value" appears twice: expected each column once',
        "values, row 1: column F holds data under an empty header: expected one of number, period, value, "
        "numerator, denominator, status",
    ]


def test_empty_optional_sheets_say_nothing() -> None:
    content = validate_workbook(book(values=[["number", "period", "value"]]))
    empty = RawWorkbook("x", {"scorecard": sheet("scorecard", SCORECARD), "targets": RawSheet("targets", [], [])})
    assert messages(content) == []
    assert messages(validate_workbook(empty)) == []


def test_scorecard_sheet_without_rows() -> None:
    assert messages(validate_workbook(book(scorecard=[["slug", "title"]]))) == [
        "scorecard, row 2: expected one row giving the scorecard's slug; found no rows",
    ]
    assert messages(validate_workbook(RawWorkbook("x", {"scorecard": RawSheet("scorecard", [], [])}))) == [
        'scorecard, row 1, column "slug": missing required column "slug"; found columns none',
    ]


def test_commentary_needs_number_or_section_column() -> None:
    content = validate_workbook(book(commentary=[["period", "kind", "text"], ["2020-12", "commentary", "x"]]))
    assert messages(content) == [
        'commentary, row 1, columns "number", "section": missing column "number" or "section" (each note is '
        "about an indicator or a section); found columns period, kind, text",
    ]


# -- scorecard --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "record"),
    [
        ({}, ScorecardRecord("cp", None, None, None, None)),
        ({"title": "CYPS", "year_start_month": "1", "dot_basis": "Year", "arrow_convention": "MOVEMENT"},
         ScorecardRecord("cp", "CYPS", 1, DotBasis.YEAR, ArrowConvention.MOVEMENT)),
        ({"year_start_month": "04"}, ScorecardRecord("cp", None, 4, None, None)),
        ({"year_start_month": Cell("9", Decimal("9"))}, ScorecardRecord("cp", None, 9, None, None)),
        ({"year_start_month": "12.0"}, ScorecardRecord("cp", None, 12, None, None)),
        ({"publication_frequency": "Annual"}, ScorecardRecord("cp", None, None, None, None, PublicationFrequency.ANNUAL)),
        ({"publication_frequency": " QUARTERLY "},
         ScorecardRecord("cp", None, None, None, None, PublicationFrequency.QUARTERLY)),
    ],
)
def test_scorecard_row(cells: dict[str, str | Cell], record: ScorecardRecord) -> None:
    content = validate_workbook(book(scorecard=[["slug", *cells], ["cp", *cells.values()]]))
    assert messages(content) == []
    assert content.scorecard == record


@pytest.mark.parametrize(
    ("column", "written", "message"),
    [
        ("year_start_month", "0", 'expected a month number from 1 to 12 (4 for April); found "0"'),
        ("year_start_month", "April", 'expected a month number from 1 to 12 (4 for April); found "April"'),
        ("year_start_month", "4.5", 'expected a month number from 1 to 12 (4 for April); found "4.5"'),
        ("dot_basis", "quarter", 'expected month or year; found "quarter"'),
        ("arrow_convention", "arrows", 'expected performance or movement; found "arrows"'),
        ("publication_frequency", "weekly", 'expected monthly, quarterly or annual; found "weekly"'),
        # A scorecard is published monthly, quarterly or annually: termly is an indicator's frequency only.
        ("publication_frequency", "termly", 'expected monthly, quarterly or annual; found "termly"'),
    ],
)
def test_scorecard_row_errors(column: str, written: str, message: str) -> None:
    content = validate_workbook(book(scorecard=[["slug", column], ["cp", written]]))
    assert messages(content) == [f'scorecard, row 2, column "{column}": {message}']


# -- indicators -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "polarity"),
    [("High", Polarity.HIGH), ("LOW", Polarity.LOW), ("info", Polarity.INFO),
     ("Within Limits", Polarity.WITHIN_LIMITS), ("within_limits", Polarity.WITHIN_LIMITS),
     ("WITHIN  LIMITS", Polarity.WITHIN_LIMITS)],
)
def test_polarity_forms(written: str, polarity: Polarity) -> None:
    content = validate_workbook(book(indicators=[["number", "name", "polarity"], ["1", "n", written]]))
    assert messages(content) == []
    assert content.indicators[0].polarity == polarity


@pytest.mark.parametrize(
    ("written", "decimals", "error"),
    [("0", 0, None), ("6", 6, None), ("2.0", 2, None), ("-1", None, '"-1"'), ("7", None, '"7"'),
     ("1.5", None, '"1.5"'), ("two", None, '"two"')],
)
def test_decimals(written: str, decimals: int | None, error: str | None) -> None:
    content = validate_workbook(book(indicators=[["number", "name", "polarity", "decimals"], ["1", "n", "High", written]]))
    if error is None:
        assert messages(content) == []
        assert content.indicators[0].decimals == decimals
    else:
        assert messages(content) == [
            f'indicators, row 2, column "decimals": expected a whole number of decimal places from 0 to 6; found {error}'
        ]


def test_numeric_number_cell_is_read_as_displayed_with_a_warning() -> None:
    numeric = Cell("6.1", Decimal("6.1"))
    content = validate_workbook(book(
        indicators=[["number", "name", "polarity"], [numeric, "n", "High"]],
        values=[["number", "period", "value"], [numeric, "2020-12", "5"]],
    ))
    assert messages(content) == []
    assert [issue.sheet for issue in content.warnings] == ["indicators", "values"]
    assert [indicator.number for indicator in content.indicators] == ["6.1"]
    assert [value.number for value in content.values] == ["6.1"]


def test_indicator_row_in_error_is_not_also_unknown_elsewhere() -> None:
    content = validate_workbook(book(
        indicators=[["number", "name", "polarity", "unit"], ["6.9", "n", "sideways", "percentage"]],
        targets=[["number", "year", "red", "amber", "green"], ["6.9", "2020/21", "<<1", "", "5"]],
        values=[["number", "period", "value"], ["6.9", "2020-12", "36.8%"]],
    ))
    # Its polarity is unknown, so its targets are not parsed; its values are still checked.
    assert messages(content) == [
        'indicators, row 2, column "polarity": expected High, Low, Info or Within Limits; found "sideways"',
    ]
    assert content.indicators == []
    assert [value.value for value in content.values] == [Decimal("36.8")]


# -- targets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "start_month", "label"),
    [("2020/21", 4, "2020/21"), ("2020-21", 4, "2020/21"), ("2020/2021", 4, "2020/21"),
     (" 2020 / 21 ", 4, "2020/21"), ("2020", 1, "2020"), ("2019/20", 9, "2019/20")],
)
def test_year_labels(written: str, start_month: int, label: str) -> None:
    content = validate_workbook(book(
        scorecard=[["slug", "year_start_month"], ["cp", str(start_month)]],
        targets=[["number", "year", "red", "amber", "green"], ["6.9", written, "", "", "22.7%+"]],
        outturns=[["number", "year", "value"], ["6.9", written, "11.2"]],
    ))
    assert messages(content) == []
    assert [target.year for target in content.targets] == [label]
    assert [outturn.year for outturn in content.outturns] == [label]


@pytest.mark.parametrize(
    ("written", "start_month", "expected"),
    [
        ("2020", 4, "a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: this "
                    "scorecard's year starts in April)"),
        ("2020/22", 4, "a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: this "
                       "scorecard's year starts in April)"),
        ("2020/21", 1, "a reporting year written 2020 (this scorecard's year starts in January)"),
    ],
)
def test_bad_year_labels(written: str, start_month: int, expected: str) -> None:
    content = validate_workbook(book(
        scorecard=[["slug", "year_start_month"], ["cp", str(start_month)]],
        targets=[["number", "year", "red", "amber", "green"], ["6.9", written, "", "", "22.7%+"]],
    ))
    assert messages(content) == [f'targets, row 2, column "year": expected {expected}; found "{written}"']


def test_percentage_cell_in_a_target_reads_with_percent() -> None:
    content = validate_workbook(book(targets=[
        ["number", "year", "red", "amber", "green"],
        ["6.9", "2020/21", "<20%", Cell("20%", Decimal("0.2"), True), Cell("95%", Decimal("0.95"), True)],
    ]))
    assert messages(content) == []
    assert content.targets == [TargetRecord(2, "6.9", "2020/21", "<20%", "20%", "95%", "bands", None)]


@pytest.mark.parametrize(
    ("red", "amber", "green", "kind"),
    [("", "", "", "none"), ("-", "-", "-", "none"), ("", "", "tbc", "none"), ("range to be set", "", "", "none"),
     ("<90%", "90%>", "95%+", "bands"), ("", "", "99.1", "bands")],
)
def test_target_kinds(red: str, amber: str, green: str, kind: str) -> None:
    content = validate_workbook(book(targets=[["number", "year", "red", "amber", "green"], ["6.9", "2020/21", red, amber, green]]))
    assert messages(content) == []
    assert warnings(content) == []
    assert [target.kind for target in content.targets] == [kind]


# -- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "written", "value", "mark"),
    [
        ("6.9", "36.8%", "36.8", None),
        ("6.9", "92.8 %", "92.8", None),
        ("6.9", "36.8", "36.8", None),
        ("6.9", "50", "50.0", None),
        ("6.9", "0", "0.0", None),
        ("6.9", "100%", "100.0", None),
        ("6.9", "16.65", "16.7", None),  # half up, not half even
        ("6.9", ".5", "0.5", None),
        ("6.1", "1,092", "1092", None),
        ("6.1", "1,234,567", "1234567", None),
        ("2.1", "-0.2", "-0.2", None),
        ("2.1", "\u22120.2", "-0.2", None),
        ("6.9", Cell("36.8%", Decimal("0.368"), True), "36.8", None),
        ("6.1", Cell("607", Decimal("607")), "607", None),
        ("6.1", "[x]", None, "[x]"),
        ("6.1", "[Z]", None, "[z]"),
        ("6.1", "[ c ]", None, "[c]"),
        ("6.1", "n/a", None, "[z]"),
        ("6.1", "N/A", None, "[z]"),
    ],
)
def test_value_forms(number: str, written: str | Cell, value: str | None, mark: str | None) -> None:
    content = one_value(number, written)
    assert messages(content) == []
    (record,) = content.values
    assert (None if record.value is None else str(record.value), record.mark) == (value, mark)


@pytest.mark.parametrize("written", ["", "-", "tbc", "TBC", " - "])
def test_no_figure_is_nothing_to_store(written: str) -> None:
    content = one_value("6.1", written)
    assert messages(content) == []
    assert content.values == []


@pytest.mark.parametrize("written", ["", "-", "tbc"])
def test_no_figure_with_a_status_keeps_the_status_alone(written: str) -> None:
    content = one_value("6.1", written, status="provisional")
    assert messages(content) == []
    (record,) = content.values
    assert (record.value, record.mark, record.numerator, record.status) == (None, None, None, "provisional")


@pytest.mark.parametrize(
    ("number", "written", "message"),
    [
        ("6.1", "abc", 'expected a number, a mark ([x], [z], [c], n/a) or empty; found "abc"'),
        ("6.1", "1,09", 'expected a number, a mark ([x], [z], [c], n/a) or empty; found "1,09"'),
        ("6.1", "1.2.3", 'expected a number, a mark ([x], [z], [c], n/a) or empty; found "1.2.3"'),
        ("6.1", "1e3", 'expected a number, a mark ([x], [z], [c], n/a) or empty; found "1e3"'),
        ("6.1", "+5", 'expected a number, a mark ([x], [z], [c], n/a) or empty; found "+5"'),
        ("6.1", "١٢", 'expected a number, a mark ([x], [z], [c], n/a) or empty; found "١٢"'),
        ("6.1", "[r]", 'expected a number, a mark ([x], [z], [c], n/a) or empty; found "[r]", which comes '
                       "from the history of revisions"),
        ("6.1", Cell("2020-12-01", date=datetime.date(2020, 12, 1)),
         "expected a number, a mark ([x], [z], [c], n/a) or empty; found the date 2020-12-01"),
        ("6.1", "36.8%", "expected a plain number: indicator 6.1's unit is count, not percentage; "
                         'found the percentage "36.8%"'),
        ("2.1", Cell("36.8%", Decimal("0.368"), True), "expected a plain number: indicator 2.1's unit is number, "
                                                       'not percentage; found the percentage "36.8%"'),
        ("6.9", "100.01", 'expected a percentage from 0 to 100 (indicator 6.9); found "100.01"'),
        ("6.9", "-0.1%", 'expected a percentage from 0 to 100 (indicator 6.9); found "-0.1%"'),
        ("6.9", Cell("101.0%", Decimal("1.01"), True), 'expected a percentage from 0 to 100 (indicator 6.9); found "101.0%"'),
    ],
)
def test_value_errors(number: str, written: str | Cell, message: str) -> None:
    content = one_value(number, written)
    assert messages(content) == [f'values, row 2, column "value": {message}']
    assert content.values == []


@pytest.mark.parametrize(
    ("number", "written", "stored", "warning"),
    [
        ("6.1", "12.5", "13", "12.5 rounded to 13: indicator 6.1 is shown to 0 decimal places"),
        ("2.1", "3.14", "3.1", "3.14 rounded to 3.1: indicator 2.1 is shown to 1 decimal place"),
        ("6.9", "36.84%", "36.8", "36.84 rounded to 36.8: indicator 6.9 is shown to 1 decimal place"),
        ("6.9", "36.80", "36.8", None),
        ("6.1", "12.0", "12", None),
    ],
)
def test_rounding_warns_when_it_changes_the_figure(number: str, written: str, stored: str, warning: str | None) -> None:
    content = one_value(number, written)
    assert messages(content) == []
    assert str(content.values[0].value) == stored
    assert warnings(content) == ([] if warning is None else [f'values, row 2, column "value": {warning}'])


@pytest.mark.parametrize(
    ("value", "numerator", "denominator", "stored"),
    [
        ("", "5", "10", "50.0"),
        ("", "1", "3", "33.3"),
        ("", "2", "3", "66.7"),
        ("33.3", "1", "3", "33.3"),
        ("", "0", "0", None),  # 0 of 0: nothing to count, but the counts are kept
        ("", "1,092", "2,000", "54.6"),
    ],
)
def test_numerator_and_denominator(value: str, numerator: str, denominator: str, stored: str | None) -> None:
    content = one_value("6.9", value, numerator=numerator, denominator=denominator)
    assert messages(content) == []
    (record,) = content.values
    assert (None if record.value is None else str(record.value)) == stored
    assert (record.numerator, record.denominator) == (Decimal(numerator.replace(",", "")), Decimal(denominator.replace(",", "")))


def test_rate_is_derived_per_10000() -> None:
    content = validate_workbook(book(
        indicators=[["number", "name", "polarity", "unit"], ["6.2", "Rate of LAC", "Low", "rate"]],
        values=[["number", "period", "value", "numerator", "denominator"], ["6.2", "2020-12", "", "615", "57,530"]],
    ))
    assert messages(content) == []
    assert str(content.values[0].value) == "106.9"


@pytest.mark.parametrize(
    ("number", "value", "numerator", "denominator", "column", "message"),
    [
        ("6.9", "", "-1", "5", "numerator", "numerator -1 is below zero: numerators are zero or more"),
        ("6.9", "", "1", "-5", "denominator", "denominator -5 is below zero: denominators are zero or more"),
        ("6.1", "", "3", "0", "denominator", "numerator 3 is over a denominator of 0"),
        ("6.9", "", "6", "5", "numerator", "numerator 6 is above its denominator 5 on a percentage indicator"),
        ("6.9", "", "5", "", "denominator", "numerator 5 is given without a denominator: give both or neither"),
        ("6.9", "40.0", "", "5", "numerator", "denominator 5 is given without a numerator: give both or neither"),
        ("6.9", "40.0", "1", "3", "value, numerator, denominator",
         "value 40.0 does not match numerator / denominator 1/3 = 33.3"),
        ("6.9", "", "5%", "10", "numerator", 'expected a numerator (a number, zero or more), not a percentage; found "5%"'),
        ("6.9", "", "five", "10", "numerator", 'expected a numerator (a number, zero or more); found "five"'),
        ("6.9", "[x]", "", "3", "denominator", "expected no denominator with the mark [x] in the value column "
                                                '(a mark stands in place of a figure); found denominator "3"'),
    ],
)
def test_numerator_and_denominator_errors(
    number: str, value: str, numerator: str, denominator: str, column: str, message: str
) -> None:
    content = one_value(number, value, numerator=numerator, denominator=denominator)
    assert content.errors == [Issue("values", 2, column, message)]
    assert content.values == []


@pytest.mark.parametrize(
    ("period", "month"),
    [("2020-12", Month(2020, 12)), ("Dec-20", Month(2020, 12)), ("Dec 20", Month(2020, 12)),
     ("Dec-2020", Month(2020, 12)), ("Dec 2020", Month(2020, 12)), ("DEC-20", Month(2020, 12)),
     (Cell("2020-12-31", date=datetime.date(2020, 12, 31)), Month(2020, 12)),
     (Cell("2021-01-01", date=datetime.date(2021, 1, 1)), Month(2021, 1))],
)
def test_period_forms(period: str | Cell, month: Month) -> None:
    content = validate_workbook(book(values=[["number", "period", "value"], ["6.1", period, "5"]]))
    assert messages(content) == []
    assert content.values[0].period == month


@pytest.mark.parametrize(
    ("frequency", "start_month", "allowed", "refused"),
    [
        ("quarterly", 4, ["2020-06", "2020-09", "2020-12", "2021-03"], ["2020-04", "2020-11", "2021-01"]),
        ("quarterly", 1, ["2020-03", "2020-06", "2020-09", "2020-12"], ["2020-04", "2020-01"]),
        ("termly", 4, ["2020-07", "2020-12", "2021-03"], ["2020-09", "2021-04"]),
        ("annual", 4, ["2021-03"], ["2020-12", "2021-04"]),
        ("annual", 1, ["2020-12"], ["2021-03"]),
    ],
)
def test_figures_sit_on_the_months_their_frequency_allows(
    frequency: str, start_month: int, allowed: list[str], refused: list[str]
) -> None:
    rows: list[Row] = [["number", "period", "value"]] + [["q", period, "1"] for period in allowed + refused]
    content = validate_workbook(book(
        scorecard=[["slug", "year_start_month"], ["cp", str(start_month)]],
        indicators=[["number", "name", "polarity", "frequency"], ["q", "n", "High", frequency]],
        values=rows,
    ))
    assert [str(value.period) for value in content.values] == allowed
    assert [(issue.row, issue.column) for issue in content.errors] == [
        (row, "period") for row in range(2 + len(allowed), 2 + len(allowed) + len(refused))
    ]


@pytest.mark.parametrize(("written", "status"), [("provisional", "provisional"), ("Final", "final"), ("", None)])
def test_status(written: str, status: str | None) -> None:
    content = one_value("6.1", "5", status=written)
    assert messages(content) == []
    assert content.values[0].status == status


@given(st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False, allow_infinity=False))
def test_printed_numbers_with_thousands_separators_read_back(number: Decimal) -> None:
    content = one_value("2.1", f"{number:,}")
    # decimals 1 for unit number: the stored figure is the printed one rounded half up.
    assert messages(content) == []
    assert content.values[0].value == (number.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP") or Decimal("0.0"))


# -- commentary ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "section", "kind", "text", "error"),
    [
        ("6.9", "", "exception", "Delays.", None),
        ("", "CASELOADS", "Significant Changes", "Steady.", None),
        ("", "CASELOADS", "definition", "", 'column "text": expected the note\'s text; found an empty cell'),
        ("", "", "commentary", "x", 'columns "number", "section": expected a number or a section; found both empty'),
        ("", "caseloads", "commentary", "x", 'column "section": unknown section "caseloads": expected a section of '
                                             'the indicators sheet; did you mean "CASELOADS"? (sections match exactly)'),
        ("6.9", "", "note", "x", 'column "kind": expected definition, significant_changes, commentary or exception; '
                                 'found "note"'),
    ],
)
def test_commentary(number: str, section: str, kind: str, text: str, error: str | None) -> None:
    content = validate_workbook(book(commentary=[["number", "section", "period", "kind", "text"],
                                                 [number, section, "2020-12", kind, text]]))
    if error is None:
        assert messages(content) == []
        (note,) = content.commentary
        assert (note.number, note.section, note.kind, note.text) == (number or None, section or None,
                                                                     kind.lower().replace(" ", "_"), text)
    else:
        assert messages(content) == [f"commentary, row 2, {error}"]
        assert content.commentary == []


# -- benchmarks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "written", "value", "decimals"),
    [
        ("6.9", "42.0%", "42.0", 1),
        ("6.9", "17.30", "17.30", 2),
        ("6.9", Cell("42.0%", Decimal("0.42"), True), "42.0", 1),
        ("6.1", "1,092", "1092", 0),
        ("2.1", ".5", "0.5", 1),
        ("2.1", Cell("42.0", Decimal("42")), "42.0", 1),
    ],
)
def test_benchmarks_kept_as_entered(number: str, written: str | Cell, value: str, decimals: int) -> None:
    content = validate_workbook(book(benchmarks=[["number", "measure", "value"], [number, "national_average", written]]))
    assert messages(content) == []
    assert warnings(content) == []
    (benchmark,) = content.benchmarks
    assert (str(benchmark.value), benchmark.decimals, benchmark.year, benchmark.source) == (value, decimals, None, None)


# -- updating a stored scorecard ----------------------------------------------------------


STORED = ExistingScorecard(
    slug="corporate-parenting",
    year_start_month=1,
    indicators={
        "6.9": ExistingIndicator("6.9", Polarity.HIGH, Unit.PERCENTAGE, Frequency.MONTHLY, YtdMethod.RATIO, 2,
                                 "LOOKED AFTER CHILDREN"),
        "9.1": ExistingIndicator("9.1", Polarity.LOW, Unit.COUNT, Frequency.QUARTERLY, YtdMethod.SUM, 0, "CARE LEAVERS"),
    },
)


def test_update_reads_numbers_sections_and_settings_from_the_database() -> None:
    raw = RawWorkbook("update.xlsx", {
        "scorecard": sheet("scorecard", SCORECARD),
        "values": sheet("values", [["number", "period", "value"], ["6.9", "2020-12", "36.844"], ["9.1", "2020-12", "4"],
                                   ["9.1", "2020-11", "3"]]),
        "targets": sheet("targets", [["number", "year", "red", "amber", "green"], ["9.1", "2020", "", "", "<5"]]),
        "commentary": sheet("commentary", [["section", "period", "kind", "text"],
                                           ["CARE LEAVERS", "2020-12", "significant_changes", "x"]]),
    })
    content = validate_workbook(raw, STORED)
    # A January start: quarters end in Mar, Jun, Sep, Dec, and the year is "2020".
    assert messages(content) == [
        'values, row 4, column "period": expected a period in Mar, Jun, Sep, Dec (indicator 9.1 is quarterly); found Nov-20',
    ]
    assert warnings(content) == [
        'values, row 2, column "value": 36.844 rounded to 36.84: indicator 6.9 is shown to 2 decimal places',
    ]
    assert [str(value.value) for value in content.values] == ["36.84", "4"]
    assert [target.year for target in content.targets] == ["2020"]
    assert content.effective_indicator("9.1") == STORED.indicators["9.1"]


def test_update_sheet_over_database_over_defaults() -> None:
    content = validate_workbook(
        book(indicators=[["number", "name", "polarity", "unit"], ["6.9", "% adopted", "High", ""],
                         ["7.1", "Care leavers", "Info", "count"]]),
        STORED,
    )
    assert messages(content) == []
    assert content.indicators[0].unit is None  # leave unchanged
    assert content.effective_indicator("6.9") == STORED.indicators["6.9"]
    assert content.effective_indicator("7.1") == ExistingIndicator(
        "7.1", Polarity.INFO, Unit.COUNT, Frequency.MONTHLY, YtdMethod.NONE, 0, None
    )


def test_update_with_a_changed_unit_keeps_the_stored_places() -> None:
    content = validate_workbook(
        book(indicators=[["number", "name", "polarity", "unit", "section"], ["9.1", "n", "Low", "percentage", ""]],
             values=[["number", "period", "value"], ["9.1", "2020-12", "4.5%"]]),
        STORED,
    )
    assert messages(content) == []
    assert warnings(content) == ['values, row 2, column "value": 4.5 rounded to 5: indicator 9.1 is shown to 0 decimal places']
    assert content.effective_indicator("9.1") == ExistingIndicator(
        "9.1", Polarity.LOW, Unit.PERCENTAGE, Frequency.QUARTERLY, YtdMethod.SUM, 0, "CARE LEAVERS"
    )


def test_update_errors_name_the_stored_scorecard() -> None:
    content = validate_workbook(
        book(scorecard=[["slug", "year_start_month"], ["other", "4"]],
             values=[["number", "period", "value"], ["9.9", "2020-12", "1"]]),
        STORED,
    )
    assert messages(content) == [
        'scorecard, row 2, column "slug": expected the slug of the scorecard being updated, "corporate-parenting"; '
        'found "other"',
        'values, row 2, column "number": unknown indicator number "9.9": expected a number listed in the '
        'indicators sheet or already in scorecard "corporate-parenting"',
    ]
    assert warnings(content) == [
        'scorecard, row 2, column "year_start_month": the reporting year start month changes from 1 to 4: '
        "targets and outturns already stored keep their year labels",
    ]
