"""The council's own tolerances (fixtures/source/scorecards.json, seeds 000 and 003)."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scorecards.compute.tolerance import ToleranceError, parse_tolerance
from scorecards.compute.vocabulary import Rag

SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "source" / "scorecards.json"
ROWS: list[dict[str, Any]] = json.loads(SOURCE.read_text(encoding="utf-8"))

# docs/rules.md section 6: seed 003 prints these reds on the good side of the green.
MISPRINTED = {("003", "6.2b"), ("003", "6.8"), ("003", "6.9"), ("003", "6.10"), ("003", "6.11")}
PRINTED_RAG = {"🟢": Rag.GREEN, "🟡": Rag.AMBER, "🔴": Rag.RED}


def key(row: dict[str, Any]) -> tuple[str, str]:
    return (row["seed"][:3], row["number"])


def parse(row: dict[str, Any]):  # type: ignore[no-untyped-def]
    cells = row["tolerance"]
    return parse_tolerance(cells["red"], cells["amber"], cells["green"], row["polarity"])


def figure(printed: str) -> Decimal:
    return Decimal(printed.replace("%", "").replace(",", "").strip())


def test_every_row_is_read() -> None:
    assert len(ROWS) == 117
    failing = {}
    for row in ROWS:
        try:
            parse(row)
        except ToleranceError as error:
            failing[key(row)] = error
    assert set(failing) == MISPRINTED
    for error in failing.values():
        assert "red" in error.cells
        assert "must lie on the bad side of green" in str(error)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("6.2b", 'red cell "<79" must lie on the bad side of green "74.1" (low is good here, as green '
                 '"74.1" is below red "<79"): expected a red cell such as ">79" or "79+"'),
        ("6.8", 'red cell "<6%" must lie on the bad side of green "4%" (low is good for a Low '
                'indicator): expected a red cell such as ">6%" or "6%+"'),
        ("6.9", 'red cell "<16%" must lie on the bad side of green "14%" (low is good for a Low '
                'indicator): expected a red cell such as ">16%" or "16%+"'),
        ("6.10", 'red cell "<3.6%" must lie on the bad side of green "2.6%" (low is good for a Low '
                 'indicator): expected a red cell such as ">3.6%" or "3.6%+"'),
        ("6.11", 'red cell "<6.5%" must lie on the bad side of green "4.5%" (low is good for a Low '
                 'indicator): expected a red cell such as ">6.5%" or "6.5%+"'),
    ],
)
def test_misprinted_rows_name_the_red_cell(number: str, message: str) -> None:
    (row,) = [row for row in ROWS if key(row) == ("003", number)]
    with pytest.raises(ToleranceError) as caught:
        parse(row)
    assert caught.value.cells == ("red",)
    assert str(caught.value) == message


def test_kinds_follow_the_cells() -> None:
    """Empty cells and markers give no target, the rest give bands; no row is a target in words."""
    for row in ROWS:
        if key(row) in MISPRINTED:
            continue
        cells = row["tolerance"]
        tolerance = parse(row)
        texts = [cell for cell in cells.values() if cell]
        if not texts or texts[0].casefold() in ("n/a", "range to be set", "tbc"):
            assert tolerance.kind == "none", key(row)
        else:
            assert tolerance.kind == "bands", key(row)
        assert (tolerance.red, tolerance.amber, tolerance.green) == (cells["red"], cells["amber"], cells["green"])


RATED = [row for row in ROWS if row["rag_in_month"] or row["rag_year_end"]]


def test_printed_rag_rows_are_the_ones_design_names() -> None:
    assert {key(row) for row in RATED} == {
        ("003", number) for number in ("2.2", "2.6", "2.7", "2.8", "3.2", "3.4", "4.3")
    }


@pytest.mark.parametrize("row", RATED, ids=[row["number"] for row in RATED])
def test_rag_in_month_is_the_latest_month_rated(row: dict[str, Any]) -> None:
    latest = list(row["months"].values())[-1]
    assert parse(row).rate(figure(latest)) is PRINTED_RAG[row["rag_in_month"]]


YEAR_END = [row for row in RATED if row["rag_year_end"]]


@pytest.mark.parametrize("row", YEAR_END, ids=[row["number"] for row in YEAR_END])
def test_rag_year_end_is_the_ytd_rated(row: dict[str, Any]) -> None:
    # March is the last month of the reporting year and no outturn is printed for 2015/16, so
    # the year's figure is the printed YTD.
    assert parse(row).rate(figure(row["ytd"])) is PRINTED_RAG[row["rag_year_end"]]


def test_indicator_3_4_is_green_in_month_and_amber_at_year_end() -> None:
    (row,) = [row for row in ROWS if key(row) == ("003", "3.4")]
    tolerance = parse(row)
    assert tolerance.rate(figure(row["months"]["Mar 16"])) is Rag.GREEN  # 51.8 against 45
    assert tolerance.rate(figure(row["ytd"])) is Rag.AMBER  # 43.6: below 45, not below 40
