"""The demo workbooks against the council's printed reports and docs/workbook.md (no database).

``fixtures/build_demo_workbooks.py`` builds the workbooks from ``fixtures/source/``; these
tests hold the committed workbooks to a fresh build, to the workbook format, and to every
figure the December 2020 and March 2016 summaries print, except the corrections listed here
(and explained in ``fixtures/DEMO_DATA.md``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SOURCE = FIXTURES / "source"

SLUGS = {
    "000_b63fa0ad23b09b6c.txt": "corporate-parenting",
    "003_da2d6b0ce92549f9.txt": "safeguarding-children-families",
}
TITLES = {
    "corporate-parenting": "Corporate Parenting Monthly Performance Report",
    "safeguarding-children-families": "Safeguarding Children and Families Annual Performance Report",
}
# The annual report is published once a year, the monthly report every month.
PUBLICATION_FREQUENCY = {"corporate-parenting": "monthly", "safeguarding-children-families": "annual"}
REPORT_YEAR = {"corporate-parenting": "2020/21", "safeguarding-children-families": "2015/16"}

# docs/workbook.md: every sheet and column a workbook may hold, and the required columns.
SHEETS = {
    "scorecard": {"slug", "title", "year_start_month", "dot_basis", "arrow_convention", "publication_frequency"},
    "indicators": {"number", "name", "polarity", "section", "data_note", "unit", "frequency",
                   "ytd_method", "decimals", "definition"},
    "targets": {"number", "year", "red", "amber", "green"},
    "values": {"number", "period", "value", "numerator", "denominator", "status"},
    "commentary": {"number", "section", "period", "kind", "text"},
    "outturns": {"number", "year", "value"},
    "benchmarks": {"number", "measure", "value", "year", "source"},
}
REQUIRED = {
    "scorecard": {"slug", "title"},
    "indicators": {"number", "name", "polarity"},
    "targets": {"number", "year"},
    "values": {"number", "period"},
    "commentary": {"period", "kind", "text"},
    "outturns": {"number", "year", "value"},
    "benchmarks": {"number", "measure", "value"},
}
CHOICES = {
    ("indicators", "polarity"): {"High", "Low", "Info", "Within Limits"},
    ("indicators", "unit"): {"count", "percentage", "rate", "average", "days", "number"},
    ("indicators", "frequency"): {"monthly", "quarterly", "termly", "annual"},
    ("indicators", "ytd_method"): {"sum", "ratio", "mean", "latest", "none"},
    ("values", "status"): {"provisional", "final"},
    ("commentary", "kind"): {"definition", "significant_changes", "commentary", "exception"},
}
ALLOWED_MONTHS = {"monthly": set(range(1, 13)), "quarterly": {3, 6, 9, 12}, "termly": {3, 7, 12}, "annual": {3}}
MARKS = {"[x]", "[z]", "[c]"}
MEASURES = {
    "stat_neigh_ave": "stat_neighbour_average",
    "best_stat_neigh": "best_stat_neighbour",
    "nat_ave": "national_average",
    "nat_top_quartile": "national_top_quartile",
}

SCF = "safeguarding-children-families"

# Printed summary figures the workbooks do not hold: (slug, number, item) -> reason.
CORRECTIONS: dict[tuple[str, str, str], str] = {
    (SCF, "10.1", "2016-01"): "summary 100.0%; the table's 0 of 3 is what reproduces the YTD 53.5%",
    (SCF, "10.1", "2016-03"): "summary 80.0%; table and narrative say 2 of 4 (50%)",
    (SCF, "4.7", "outturn 2014/15"): "-90.5% is impossible; left out",
    (SCF, "6.6", "outturn 2013/14"): "72.37 printed to 2 places; held as 72.4",
    (SCF, "6.6", "outturn 2014/15"): "93.05 printed to 2 places; held as 93.1",
    (SCF, "6.7", "outturn 2013/14"): "62.74 printed to 2 places; held as 62.7",
    (SCF, "6.7", "outturn 2014/15"): "85.38 printed to 2 places; held as 85.4",
    (SCF, "6.11", "outturn 2014/15"): "'20/478 4.18%' printed to 2 places; held as 4.2",
    (SCF, "7.5", "outturn 2013/14"): "'55 40.44%' printed to 2 places; held as 40.4",
    (SCF, "6.2b", "red"): "red '<79' lies on the good side of green 74.1; held as '>79'",
    (SCF, "6.8", "red"): "Low with red '<6%'; held as '>6%'",
    (SCF, "6.9", "red"): "Low with red '<16%'; held as '>16%'",
    (SCF, "6.10", "red"): "Low with red '<3.6%'; held as '>3.6%'",
    (SCF, "6.11", "red"): "Low with red '<6.5%'; held as '>6.5%'",
}

# Sum indicators whose months do not add to the printed YTD: (slug, number) -> the months' sum.
SUM_CONTRADICTIONS: dict[tuple[str, str], Decimal] = {
    (SCF, "4.1"): Decimal(1477),
    (SCF, "7.3"): Decimal(220),
    (SCF, "7.4"): Decimal(195),
}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo_workbooks", FIXTURES / "build_demo_workbooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the script is executed.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def sheet_rows(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path)
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


def records(path: Path) -> dict[str, list[dict]]:
    out = {}
    for name, rows in sheet_rows(path).items():
        header = rows[0]
        out[name] = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    return out


WORKBOOKS = {slug: records(FIXTURES / f"{slug}.xlsx") for slug in SLUGS.values()}
SUMMARY = [row for row in json.loads((SOURCE / "scorecards.json").read_text(encoding="utf-8")) if row["seed"] in SLUGS]


def printed_figure(cell: str) -> Decimal | None:
    """'36.8%', '92.8 %', '352/371 94.9%', '55 40.44%', '12.3% (2017)' -> the figure."""
    text = cell.strip()
    if text in ("", "-", "tbc") or text.lower() == "n/a":
        return None
    text = re.sub(r"\s*\([0-9/]+\)$", "", text)  # a year printed beside the figure
    text = text.split()[-1] if re.match(r"^[0-9/]+\s", text) else text
    return Decimal(text.replace("%", "").replace(" ", "").replace(",", ""))


def period_of(label: str) -> str:
    name, year = re.split(r"[- ]", label.strip())
    return f"20{year}-{MONTHS.index(name) + 1:02d}"


def indicator(slug: str, number: str) -> dict:
    return next(row for row in WORKBOOKS[slug]["indicators"] if row["number"] == number)


def values_of(slug: str, number: str) -> dict[str, dict]:
    return {row["period"]: row for row in WORKBOOKS[slug]["values"] if row["number"] == number}


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def test_committed_workbooks_equal_a_fresh_build(tmp_path: Path) -> None:
    paths = load_script().build_workbooks(tmp_path)
    assert sorted(path.name for path in paths) == sorted(f"{slug}.xlsx" for slug in SLUGS.values())
    for path in paths:
        assert sheet_rows(path) == sheet_rows(FIXTURES / path.name), path.name


@pytest.mark.parametrize("slug", SLUGS.values())
def test_sheets_and_columns_are_the_design_format(slug: str) -> None:
    rows = sheet_rows(FIXTURES / f"{slug}.xlsx")
    assert list(rows) == list(SHEETS)
    for name, sheet in rows.items():
        header = set(sheet[0])
        assert header <= SHEETS[name], (name, header - SHEETS[name])
        assert REQUIRED[name] <= header, (name, REQUIRED[name] - header)
    for (name, column), allowed in CHOICES.items():
        found = {row[column] for row in WORKBOOKS[slug][name]}
        assert found <= allowed, (name, column, found - allowed)
    assert WORKBOOKS[slug]["scorecard"] == [{
        "slug": slug, "title": TITLES[slug], "year_start_month": 4, "dot_basis": "month",
        "arrow_convention": "performance", "publication_frequency": PUBLICATION_FREQUENCY[slug],
    }]


@pytest.mark.parametrize("slug", SLUGS.values())
def test_numbers_and_tolerances_are_text_cells(slug: str) -> None:
    for name, sheet in WORKBOOKS[slug].items():
        for row in sheet:
            if "number" in row and row["number"] is not None:
                assert isinstance(row["number"], str), (name, row)
            if name == "targets":
                assert all(row[c] is None or isinstance(row[c], str) for c in ("red", "amber", "green"))


@pytest.mark.parametrize("slug", SLUGS.values())
def test_one_indicator_per_summary_row_in_printed_order(slug: str) -> None:
    printed = [(r["number"], r["section"], r["name"], r["polarity"]) for r in SUMMARY if SLUGS[r["seed"]] == slug]
    held = [(r["number"], r["section"], r["name"], r["polarity"]) for r in WORKBOOKS[slug]["indicators"]]
    assert held == printed
    assert len(held) == {"corporate-parenting": 41, SCF: 76}[slug]


@pytest.mark.parametrize("slug", SLUGS.values())
def test_values_are_well_formed(slug: str) -> None:
    keys = [(row["number"], row["period"]) for row in WORKBOOKS[slug]["values"]]
    assert len(keys) == len(set(keys))
    for row in WORKBOOKS[slug]["values"]:
        ind = indicator(slug, row["number"])
        decimals = int(ind["decimals"])
        assert int(row["period"][5:]) in ALLOWED_MONTHS[ind["frequency"]], row
        if row["value"] in MARKS:
            assert row["numerator"] is None and row["denominator"] is None, row
            continue
        value = Decimal(row["value"])
        # Exactly the indicator's places, so the import rounds nothing.
        assert value == round_half_up(value, decimals) and -value.as_tuple().exponent == decimals, row
        if ind["unit"] == "percentage":
            assert Decimal(0) <= value <= Decimal(100), row
        if row["numerator"] is not None or row["denominator"] is not None:
            numerator, denominator = Decimal(row["numerator"]), Decimal(row["denominator"])
            multiplier = {"percentage": Decimal(100), "rate": Decimal(10000)}.get(ind["unit"], Decimal(1))
            assert denominator > 0 and Decimal(0) <= numerator <= denominator, row
            assert round_half_up(numerator * multiplier / denominator, decimals) == value, row


def summary_cases() -> list:
    return [pytest.param(SLUGS[row["seed"]], row, id=f"{SLUGS[row['seed']]}-{row['number']}") for row in SUMMARY]


@pytest.mark.parametrize(("slug", "row"), summary_cases())
def test_workbook_holds_every_printed_summary_figure(slug: str, row: dict) -> None:
    number = row["number"]
    mismatches: list[str] = []
    corrected: set[str] = set()

    def compare(item: str, printed: Decimal | str | None, held: Decimal | str | None) -> None:
        if (slug, number, item) in CORRECTIONS:
            corrected.add(item)
            if printed == held:
                mismatches.append(f"{item}: listed as corrected but holds the printed {printed}")
        elif printed != held:
            mismatches.append(f"{item}: printed {printed}, workbook {held}")

    held_values = values_of(slug, number)
    for label, printed in row["months"].items():
        period = period_of(label)
        cell = held_values.get(period, {}).get("value")
        figure = None if printed is None else printed_figure(printed)
        compare(period, figure, None if cell is None else Decimal(cell) if cell not in MARKS else cell)

    outturns = {r["year"]: Decimal(r["value"]) for r in WORKBOOKS[slug]["outturns"] if r["number"] == number}
    for year, printed in row["year_on_year"].items():
        if printed is not None:  # a blank cell may be filled from the monthly table
            compare(f"outturn {year}", printed_figure(printed), outturns.get(year))

    benchmarks = {r["measure"]: r for r in WORKBOOKS[slug]["benchmarks"] if r["number"] == number}
    for key, printed in row["benchmarks"].items():
        if printed is None:
            continue
        held = benchmarks.get(MEASURES[key])
        compare(f"benchmark {MEASURES[key]}", printed_figure(printed), None if held is None else Decimal(held["value"]))
        year = re.search(r"\(([0-9/]+)\)$", printed.strip())
        if held is not None and year:
            assert held["year"] == year[1]

    targets = [r for r in WORKBOOKS[slug]["targets"] if r["number"] == number]
    assert len(targets) <= 1
    target = targets[0] if targets else {"year": REPORT_YEAR[slug], "red": None, "amber": None, "green": None}
    assert target["year"] == REPORT_YEAR[slug]
    for cell in ("red", "amber", "green"):
        compare(cell, row["tolerance"][cell], target[cell])

    assert not mismatches, mismatches
    listed = {item for (s, n, item) in CORRECTIONS if s == slug and n == number}
    assert corrected == listed


def test_demo_data_lists_every_correction_and_the_current_notes() -> None:
    notes = (FIXTURES / "DEMO_DATA.md").read_text(encoding="utf-8")
    for _, number, item in CORRECTIONS:
        assert f"| {number} | {item} |" in notes, (number, item)
    # The generated lists are the script's own, so a changed script needs a refreshed file.
    assert load_script().notes_markdown() in notes


def ytd_cases() -> list:
    cases = []
    for row in SUMMARY:
        slug = SLUGS[row["seed"]]
        if row["ytd"] is not None and row["ytd"].strip() not in ("", "-"):
            cases.append(pytest.param(slug, row["number"], row["ytd"], id=f"{slug}-{row['number']}"))
    return cases


def reporting_year_periods(slug: str) -> list[str]:
    if slug == SCF:
        return [f"2015-{m:02d}" for m in range(4, 13)] + [f"2016-{m:02d}" for m in range(1, 4)]
    return [f"2020-{m:02d}" for m in range(4, 13)]


@pytest.mark.parametrize(("slug", "number", "printed"), ytd_cases())
def test_ytd_from_the_workbook_is_the_printed_ytd(slug: str, number: str, printed: str) -> None:
    ind = indicator(slug, number)
    decimals = int(ind["decimals"])
    target = round_half_up(printed_figure(printed), decimals)
    held = values_of(slug, number)
    rows = [held[p] for p in reporting_year_periods(slug) if p in held and held[p]["value"] not in MARKS]
    if ind["ytd_method"] == "ratio":
        numerators = sum(Decimal(r["numerator"]) for r in rows if r["numerator"] is not None)
        denominators = sum(Decimal(r["denominator"]) for r in rows if r["denominator"] is not None)
        assert round_half_up(numerators * 100 / denominators, decimals) == target
    elif ind["ytd_method"] == "sum":
        total = sum(Decimal(r["value"]) for r in rows)
        assert total == SUM_CONTRADICTIONS.get((slug, number), target)
    else:
        # No YTD method reproduces it; at the year end the printed figure is the year's outturn.
        assert slug == SCF and ind["ytd_method"] == "none"
    if slug == SCF:
        outturns = {r["year"]: Decimal(r["value"]) for r in WORKBOOKS[slug]["outturns"] if r["number"] == number}
        assert outturns["2015/16"] == target


@pytest.mark.parametrize("slug", SLUGS.values())
def test_commentary_carries_each_section_narrative(slug: str) -> None:
    sections = {row["section"] for row in WORKBOOKS[slug]["indicators"]}
    period = {"corporate-parenting": "2020-12", SCF: "2016-03"}[slug]
    found = {(r["section"], r["kind"]) for r in WORKBOOKS[slug]["commentary"] if r["period"] == period and r["section"]}
    assert found == {(s, k) for s in sections for k in ("definition", "significant_changes")}
    for row in WORKBOOKS[slug]["commentary"]:
        assert (row["number"] is None) != (row["section"] is None), row
        assert row["text"] and "\t" not in row["text"] and "  " not in row["text"], row


def target_cases() -> list:
    return [
        pytest.param(slug, row, id=f"{slug}-{row['number']}")
        for slug in SLUGS.values()
        for row in WORKBOOKS[slug]["targets"]
    ]


@pytest.mark.parametrize(("slug", "row"), target_cases())
def test_every_target_parses_by_the_tolerance_grammar(slug: str, row: dict) -> None:
    from scorecards.compute.tolerance import parse_tolerance

    parse_tolerance(row["red"], row["amber"], row["green"], indicator(slug, row["number"])["polarity"])


@pytest.mark.parametrize(
    ("number", "cell"), [(n, item) for (s, n, item) in CORRECTIONS if s == SCF and item in ("red", "amber", "green")]
)
def test_the_corrected_tolerances_fail_as_printed(number: str, cell: str) -> None:
    from scorecards.compute.tolerance import ToleranceError, parse_tolerance

    printed = next(r for r in SUMMARY if SLUGS[r["seed"]] == SCF and r["number"] == number)
    with pytest.raises(ToleranceError):
        parse_tolerance(*(printed["tolerance"][c] for c in ("red", "amber", "green")), printed["polarity"])


RAG_SIGNS = {"🟢": "green", "🟡": "amber", "🔴": "red"}


def rag_cases() -> list:
    return [
        pytest.param(row, id=row["number"])
        for row in SUMMARY
        if SLUGS[row["seed"]] == SCF and (row["rag_in_month"] or row["rag_year_end"])
    ]


@pytest.mark.parametrize("row", rag_cases())
def test_printed_rag_follows_from_the_workbook(row: dict) -> None:
    """Seed 003 prints RAG: the March value and the 2015/16 year's figure rate the same."""
    from scorecards.compute.tolerance import parse_tolerance

    number = row["number"]
    target = next(r for r in WORKBOOKS[SCF]["targets"] if r["number"] == number)
    tolerance = parse_tolerance(target["red"], target["amber"], target["green"], row["polarity"])
    march = Decimal(values_of(SCF, number)["2016-03"]["value"])
    outturn = next((r["value"] for r in WORKBOOKS[SCF]["outturns"] if r["number"] == number and r["year"] == "2015/16"), None)
    in_month = tolerance.rate(march)
    year_end = None if outturn is None else tolerance.rate(Decimal(outturn))
    assert (in_month, year_end) == (RAG_SIGNS.get(row["rag_in_month"]), RAG_SIGNS.get(row["rag_year_end"]))
