"""A large, valid scorecard workbook (docs/workbook.md) for the import/export benchmark.

500 indicators in ten sections, 120 months of figures each (April 2016 to March 2026: 60,000
value rows), targets for each of the ten reporting years, five outturns and four benchmarks per
indicator. The mix of units, YTD methods and tolerance forms follows the council scorecards the
application is built for, so the import runs every path a real workbook does: printed numbers
(`1,092`, `92.8%`), ratio indicators checked against their numerators and denominators, marks,
provisional figures, and each tolerance form of docs/rules.md section 6.

The same seed gives the same workbook. Figures are built from whole numbers and Decimal only.

    .venv/bin/python bench/generate_workbook.py OUTPUT_FOLDER [--indicators 500] [--xlsx FILE]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scorecards.compute.precision import ratio_figure, round_figure  # noqa: E402
from scorecards.compute.vocabulary import Unit  # noqa: E402

SLUG = "bench-performance-scorecard"
FIRST_YEAR = 2016  # the reporting year 2016/17 starts in April 2016
YEARS = 10
MONTHS = YEARS * 12
SECTIONS = [
    "LOOKED AFTER CHILDREN",
    "CHILDREN IN NEED",
    "CHILD PROTECTION",
    "EARLY HELP",
    "CARE LEAVERS",
    "EDUCATION",
    "ADULT SOCIAL CARE",
    "HOUSING",
    "ENVIRONMENT",
    "CORPORATE HEALTH",
]
MEASURES = ["stat_neighbour_average", "best_stat_neighbour", "national_average", "national_top_quartile"]
# The last quarter of the ten years is still provisional, as it would be at the March meeting.
PROVISIONAL_FROM = (2026, 1)
COLUMNS = {
    "scorecard": ["slug", "title", "year_start_month", "dot_basis", "arrow_convention"],
    "indicators": ["number", "section", "name", "polarity", "unit", "frequency", "ytd_method", "decimals", "data_note", "definition"],
    "targets": ["number", "year", "red", "amber", "green"],
    "values": ["number", "period", "value", "numerator", "denominator", "status"],
    "outturns": ["number", "year", "value"],
    "benchmarks": ["number", "measure", "value", "year", "source"],
}


def year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def months() -> list[tuple[int, int]]:
    """(year, month) from April 2016, 120 of them."""
    return [(FIRST_YEAR + (3 + i) // 12, (3 + i) % 12 + 1) for i in range(MONTHS)]


@dataclass
class Figure:
    """One month's entry: the cells as written, and the parts the outturn is computed from."""

    value: str
    numerator: int | None = None
    denominator: int | None = None
    amount: Decimal | None = None  # None for a mark


@dataclass
class Kind:
    """A kind of indicator: what it counts, how it is rated and what its figures look like."""

    label: str
    unit: Unit
    ytd_method: str
    polarity: str
    figure: Callable[[random.Random, int], Figure]
    tolerance: Callable[[random.Random, int], tuple[str, str, str]]
    benchmark: Callable[[random.Random], str]
    weight: int
    names: list[str] = field(default_factory=list)


def _chance(rng: random.Random, per_thousand: int) -> bool:
    return rng.randrange(1000) < per_thousand


def _percent_text(value: Decimal, rng: random.Random) -> str:
    # Officers type percentages both ways; the import reads both.
    return f"{value}%" if _chance(rng, 300) else str(value)


def _count_text(value: int) -> str:
    return f"{value:,}"


def _tenths(low: int, high: int, rng: random.Random) -> Decimal:
    return Decimal(rng.randint(low * 10, high * 10)).scaleb(-1)


# -- figures -----------------------------------------------------------------------------------


def percentage_ratio(rng: random.Random, year: int) -> Figure:
    denominator = rng.randint(40, 400)
    numerator = rng.randint(denominator * 7 // 10, denominator)
    value = ratio_figure(Decimal(numerator), Decimal(denominator), Unit.PERCENTAGE, 1)
    # Half the rows give the value as well, so the import checks it against the ratio.
    text = _percent_text(value, rng) if _chance(rng, 500) else ""
    return Figure(text, numerator, denominator, value)


def percentage_position(rng: random.Random, year: int) -> Figure:
    value = _tenths(55, 99, rng)
    return Figure(_percent_text(value, rng), amount=value)


def percentage_low_position(rng: random.Random, year: int) -> Figure:
    value = _tenths(2, 25, rng)
    return Figure(_percent_text(value, rng), amount=value)


def count_flow(rng: random.Random, year: int) -> Figure:
    value = rng.randint(0, 80)
    return Figure(_count_text(value), amount=Decimal(value))


def count_position(rng: random.Random, year: int) -> Figure:
    value = rng.randint(700, 1400)
    return Figure(_count_text(value), amount=Decimal(value))


def count_in_limits(rng: random.Random, year: int) -> Figure:
    value = rng.randint(10, 24)
    return Figure(str(value), amount=Decimal(value))


def rate_ratio(rng: random.Random, year: int) -> Figure:
    # Per 10,000 population: a month's events over the population of the area.
    denominator = rng.randint(45000, 60000)
    numerator = rng.randint(5, 60)
    value = ratio_figure(Decimal(numerator), Decimal(denominator), Unit.RATE, 1)
    return Figure(str(value) if _chance(rng, 500) else "", numerator, denominator, value)


def rate_position(rng: random.Random, year: int) -> Figure:
    value = _tenths(140, 175, rng)
    return Figure(str(value), amount=value)


# -- tolerances (docs/rules.md section 6), drifting a little from year to year ---------------------------------


def high_percentage(rng: random.Random, year: int) -> tuple[str, str, str]:
    green = 85 + (year % 4) + rng.randint(0, 5)
    red = green - rng.randint(3, 8)
    form = rng.randrange(3)
    if form == 0:
        return f"<{red}%", f"{red}%>", f"{green}%+"
    if form == 1:
        return f"<{red}%", f"{red}%+", f"{green}%+"
    return f"<{green}%", "", f"{green}%+"


def low_percentage(rng: random.Random, year: int) -> tuple[str, str, str]:
    green = Decimal(rng.randint(60, 120)).scaleb(-1)
    red = int(green) + rng.randint(2, 5)
    if _chance(rng, 500):
        return f"{red}%+", f"{red}%<", f"{green}%<"
    return f">{red}%", f"{red}%>", f"{green}%"


def high_count(rng: random.Random, year: int) -> tuple[str, str, str]:
    green = rng.randint(900, 1100)
    return f"<{green - 100}", f"{green - 100}>", f"{green}+"


def low_count(rng: random.Random, year: int) -> tuple[str, str, str]:
    green = rng.randint(30, 50)
    red = green + rng.randint(10, 20)
    return f"{red}+", f"{red}<", f"{green}<"


def within_limits(rng: random.Random, year: int) -> tuple[str, str, str]:
    low = rng.randint(12, 15)
    if _chance(rng, 500):
        return "1+ above range limit", "1 above / below range limit", f"{low}-{low + 6}"
    return "over 1% above range", "1% above range", f"{low}-{low + 6}"


def band(rng: random.Random, year: int) -> tuple[str, str, str]:
    reference = _tenths(150, 165, rng)
    return "more than +/-15", "+/-15", f"+/-5 of {reference}"


def low_rate(rng: random.Random, year: int) -> tuple[str, str, str]:
    green = _tenths(6, 9, rng)
    red = green + 3
    return f">{red}", f"{red}>", f"{green}"


# -- benchmarks --------------------------------------------------------------------------------


def percentage_benchmark(rng: random.Random) -> str:
    return f"{_tenths(60, 95, rng)}%"


def count_benchmark(rng: random.Random) -> str:
    return _count_text(rng.randint(500, 1500))


def small_count_benchmark(rng: random.Random) -> str:
    return str(rng.randint(10, 60))


def rate_benchmark(rng: random.Random) -> str:
    return str(_tenths(3, 170, rng))


KINDS = [
    Kind("percentage ratio", Unit.PERCENTAGE, "ratio", "High", percentage_ratio, high_percentage, percentage_benchmark, 25,
         ["% of assessments completed within 45 days", "% of plans reviewed on time", "% of visits in timescale"]),
    Kind("percentage position", Unit.PERCENTAGE, "none", "Low", percentage_low_position, low_percentage, percentage_benchmark, 10,
         ["% of cases open over two years", "% with three or more placements"]),
    Kind("percentage position high", Unit.PERCENTAGE, "none", "High", percentage_position, high_percentage,
         percentage_benchmark, 10, ["% of care leavers in suitable accommodation", "% of staff appraisals complete"]),
    Kind("count flow", Unit.COUNT, "sum", "Low", count_flow, low_count, small_count_benchmark, 20,
         ["Number of admissions in the month", "Number of complaints received"]),
    Kind("count position", Unit.COUNT, "none", "High", count_position, high_count, count_benchmark, 10,
         ["Number of approved foster carers", "Number of households supported"]),
    Kind("count within limits", Unit.COUNT, "none", "Within Limits", count_in_limits, within_limits,
         small_count_benchmark, 5, ["Average caseload per social worker"]),
    Kind("rate ratio", Unit.RATE, "ratio", "Low", rate_ratio, low_rate, rate_benchmark, 15,
         ["Rate of referrals per 10,000", "Rate of delayed transfers per 10,000"]),
    Kind("rate position", Unit.RATE, "none", "Info", rate_position, band, rate_benchmark, 5,
         ["Rate of children in need per 10,000"]),
]


@dataclass
class Indicator:
    number: str
    section: str
    name: str
    kind: Kind


def indicators(count: int, rng: random.Random) -> list[Indicator]:
    weights = [kind.weight for kind in KINDS]
    per_section = -(-count // len(SECTIONS))
    result = []
    for index in range(count):
        section, position = divmod(index, per_section)
        kind = rng.choices(KINDS, weights)[0]
        number = f"{section + 1}.{position + 1}"
        result.append(Indicator(number, SECTIONS[section], f"{rng.choice(kind.names)} ({number})", kind))
    return result


def outturn(kind: Kind, figures: list[Figure]) -> str | None:
    """The year's figure as the council would enter it: sum, ratio, or the March position."""
    given = [f for f in figures if f.amount is not None]
    if not given:
        return None
    if kind.ytd_method == "sum":
        return str(sum((f.amount for f in given), Decimal(0)))
    if kind.ytd_method == "ratio":
        numerator = sum(f.numerator or 0 for f in given)
        denominator = sum(f.denominator or 0 for f in given)
        return str(ratio_figure(Decimal(numerator), Decimal(denominator), kind.unit, 1))
    # A position: the last month-end figure of the year (March, unless March is a mark).
    return str(round_figure(given[-1].amount, 0 if kind.unit == Unit.COUNT else 1))


def build(count: int = 500, seed: int = 2026) -> dict[str, list[list[str]]]:
    """The workbook's sheets as rows of text cells, header first."""
    rng = random.Random(seed)
    sheets: dict[str, list[list[str]]] = {name: [columns] for name, columns in COLUMNS.items()}
    sheets["scorecard"].append([SLUG, "Benchmark performance scorecard", "4", "month", "performance"])
    periods = months()
    for ind in indicators(count, rng):
        kind = ind.kind
        decimals = "0" if kind.unit == Unit.COUNT else "1"
        sheets["indicators"].append(
            [ind.number, ind.section, ind.name, kind.polarity, str(kind.unit), "monthly", kind.ytd_method, decimals,
             "Source: case management system" if _chance(rng, 200) else "", f"{kind.label}: benchmark indicator"]
        )
        by_year: dict[int, list[Figure]] = {}
        for year, month in periods:
            start_year = year if month >= 4 else year - 1
            if _chance(rng, 3):
                # A figure withheld or not yet available is printed as a mark, not left blank.
                figure = Figure(rng.choice(["[x]", "[c]"]))
            else:
                figure = kind.figure(rng, start_year)
            by_year.setdefault(start_year, []).append(figure)
            status = "provisional" if (year, month) >= PROVISIONAL_FROM else "final"
            sheets["values"].append(
                [ind.number, f"{year}-{month:02d}", figure.value,
                 "" if figure.numerator is None else str(figure.numerator),
                 "" if figure.denominator is None else str(figure.denominator), status]
            )
        for start_year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            red, amber, green = kind.tolerance(rng, start_year)
            sheets["targets"].append([ind.number, year_label(start_year), red, amber, green])
        # Five completed years before the last one: the years the export prints as outturns.
        for start_year in range(FIRST_YEAR + YEARS - 6, FIRST_YEAR + YEARS - 1):
            value = outturn(kind, by_year[start_year])
            sheets["outturns"].append([ind.number, year_label(start_year), value or ""])
        for measure in MEASURES:
            sheets["benchmarks"].append([ind.number, measure, kind.benchmark(rng), "2024/25", "DfE LAIT"])
    return sheets


def write_csv_folder(sheets: dict[str, list[list[str]]], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.csv"):
        stale.unlink()
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


def write_xlsx(sheets: dict[str, list[list[str]]], path: Path) -> Path:
    """The same sheets as an .xlsx of text cells (write-only mode: the fast way openpyxl writes)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value or None)
                # Text cells, so that "6.10" and "1,092" reach the import as written.
                cell.number_format = "@"
                cells.append(cell)
            sheet.append(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def summary(sheets: dict[str, list[list[str]]]) -> dict[str, int]:
    return {name: len(rows) - 1 for name, rows in sheets.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder to write the CSV sheets into")
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--xlsx", type=Path, help="also write the workbook as this .xlsx file")
    args = parser.parse_args()
    sheets = build(args.indicators, args.seed)
    write_csv_folder(sheets, args.folder)
    if args.xlsx:
        write_xlsx(sheets, args.xlsx)
    print(", ".join(f"{name}: {rows:,} rows" for name, rows in summary(sheets).items()))


if __name__ == "__main__":
    main()
