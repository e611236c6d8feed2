"""The rules against the council's printed figures (seeds 000 and 003, docs/rules.md section 1 and docs/rules.md).

Rows come from fixtures/source/scorecards.json (the printed summary tables) and the monthly
tables behind them in monthly_series.json. Where the documents contradict themselves the
rows are listed below with the arithmetic, and the tests assert that exactly those differ.
"""

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scorecards.compute.evaluate import IndicatorSpec, ScorecardSettings, evaluate_indicator
from scorecards.compute.periods import TERM_MONTHS, Month, parse_period, parse_year_label
from scorecards.compute.tolerance import parse_tolerance
from scorecards.compute.vocabulary import ArrowConvention, DotBasis, Frequency, Polarity, Rag, Unit, YtdMethod
from scorecards.compute.ytd import Observation

SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "source"
SUMMARY_ROWS: list[dict[str, Any]] = json.loads((SOURCE / "scorecards.json").read_text(encoding="utf-8"))
MONTHLY_TABLES: list[dict[str, Any]] = json.loads((SOURCE / "monthly_series.json").read_text(encoding="utf-8"))

Key = tuple[str, str]  # (seed, printed indicator number)

AS_AT = {"000": Month(2020, 12), "003": Month(2016, 3)}  # "As at Month End: December 2020"; "As at: 31st March 2016"
START_MONTH = 4  # both reports run April to March ("Financial Year")


def seed_of(name: str) -> str:
    return name[:3]


ROWS: dict[Key, dict[str, Any]] = {(seed_of(row["seed"]), row["number"]): row for row in SUMMARY_ROWS}

# ---------------------------------------------------------------------------------------
# How a printed row maps to an indicator spec
# ---------------------------------------------------------------------------------------

UNITS = {
    "Count": Unit.COUNT,
    "Percentage": Unit.PERCENTAGE,
    "Rate per 10,000": Unit.RATE,
    "Average count": Unit.AVERAGE,  # caseloads (cases per social worker)
    "YTD Average": Unit.DAYS,  # 000 10.4/10.5: average number of days (adoption A1, A2)
    "Rolling year - ave count": Unit.DAYS,  # 003 10.2/10.3: the same A1/A2 measures
}

# Seed 000's education rows are reported by school term (monthly table line 919).
TERMLY = {("000", number) for number in ("6.13", "6.14", "6.15", "6.16", "6.17", "6.18")}

# Maximum caseloads are printed as whole numbers although their unit is an average count.
DECIMALS = {("003", "11.1"): 0, ("003", "11.2"): 0}

# Otherwise the printed YTD column decides: a printed YTD is a ratio on a percentage and a sum
# on a count or rate per 10,000; "-" or empty is none. These rows read otherwise:
YTD_EXCEPTIONS: dict[Key, tuple[YtdMethod, str]] = {
    ("003", "2.5"): (
        YtdMethod.NONE,
        "rolling 12-month rate; its printed YTD 780.5 is below each of Jan-Mar (1027.5, 988.9, 940.5), "
        "so no method over the months gives it, and there is no monthly table",
    ),
    ("003", "10.2"): (
        YtdMethod.NONE,
        "rolling-year average days (A1); the printed YTD 338.5 is the table's 2015/16 figure while Mar-16 is 338.4",
    ),
    ("003", "10.3"): (YtdMethod.NONE, "rolling-year average days (A2); the printed YTD 137.9 is Mar-16's rolling figure"),
    ("003", "6.3"): (
        YtdMethod.SUM,
        "in-month count over the financial year; the summary prints no YTD, but both monthly tables "
        "print a 2015/16 YTD (595 at line 2468, 597 at line 2507)",
    ),
}


def printed_ytd(row: dict[str, Any]) -> Decimal | None:
    return figure(row["ytd"])


def ytd_method(key: Key) -> YtdMethod:
    if key in YTD_EXCEPTIONS:
        return YTD_EXCEPTIONS[key][0]
    row = ROWS[key]
    if printed_ytd(row) is None:
        return YtdMethod.NONE
    return YtdMethod.RATIO if UNITS[row["data_note"]] == Unit.PERCENTAGE else YtdMethod.SUM


def spec(key: Key) -> IndicatorSpec:
    row = ROWS[key]
    return IndicatorSpec(
        number=row["number"],
        polarity=Polarity(row["polarity"]),
        unit=UNITS[row["data_note"]],
        frequency=Frequency.TERMLY if key in TERMLY else Frequency.MONTHLY,
        ytd_method=ytd_method(key),
        decimals=DECIMALS.get(key),
    )


# ---------------------------------------------------------------------------------------
# Reading printed cells and monthly tables
# ---------------------------------------------------------------------------------------


def figure(text: str | None) -> Decimal | None:
    """A printed figure: "36.8%", "92.8 %", "1,092"; "-", "n/a", "tbc" and empty are no figure."""
    if text is None:
        return None
    cleaned = text.replace("%", "").replace(",", "").replace(" ", "")
    if cleaned.lower() in ("", "-", "n/a", "tbc"):
        return None
    if cleaned.startswith("("):  # a note printed in a value cell (000 line 923, summer term 2019/20)
        return None
    return Decimal(cleaned)


def count_pair(text: str | None) -> tuple[Decimal, Decimal] | None:
    """A printed "54 of 615"."""
    if text is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s+of\s+(\d+)\s*", text)
    if match is None:
        raise ValueError(f"not an 'n of N' cell: {text!r}")
    return Decimal(match.group(1)), Decimal(match.group(2))


# The CHILD PROTECTION table (003 line 2468) prints its last three months as Jan-15, Feb-15,
# Mar-15 although they follow Dec-15 and hold the summary's Jan-Mar 2016 figures.
PERIOD_CORRECTIONS = {("003", 2468): {"Jan-15": "Jan-16", "Feb-15": "Feb-16", "Mar-15": "Mar-16"}}

# Seed 000's summary numbers the average caseload 11.5; its monthly table numbers it 11.4.
TABLE_NUMBERS = {("000", "11.5"): "11.4"}


def table_period(seed: str, line: int, text: str) -> Month:
    text = PERIOD_CORRECTIONS.get((seed, line), {}).get(text, text)
    term = re.fullmatch(r"(Autumn|Spring|Summer) Term \((\d{4}/\d{2})\)", text)
    if term is None:
        return parse_period(text)
    # An academic year starts in September: autumn ends in its first December, spring and
    # summer in the following March and July.
    september = parse_year_label(term.group(2), 9)
    month = TERM_MONTHS[term.group(1).lower()]
    return Month(september.year if month >= 9 else september.year + 1, month)


def table(seed: str, line: int) -> dict[str, Any]:
    (found,) = [t for t in MONTHLY_TABLES if seed_of(t["seed"]) == seed and t["line"] == line]
    return found


def column_numbers(t: dict[str, Any]) -> list[str | None]:
    if "column_meta" in t:
        return [meta["number"] for meta in t["column_meta"]]
    return list(t["column_indicators"])


def column(seed: str, line: int, label: str) -> dict[Month, str | None]:
    """The in-month cells of one column of one monthly table, by the column's label."""
    t = table(seed, line)
    index = t["columns"].index(label)
    return {
        table_period(seed, line, row["period"]): row["values"][index]
        for row in t["rows"]
        if row["block"] == "IN MONTH PERFORMANCE"
    }


def candidate_columns(key: Key) -> list[tuple[int, str]]:
    seed, number = key
    number = TABLE_NUMBERS.get(key, number)
    found = []
    for t in MONTHLY_TABLES:
        if seed_of(t["seed"]) != seed or "columns" not in t:
            continue
        if t.get("kind") not in (None, "scorecard_theme_table"):
            continue
        for label, column_number in zip(t["columns"], column_numbers(t)):
            if column_number == number:
                found.append((t["line"], label))
    return found


def monthly_column(key: Key) -> dict[Month, Decimal | None] | None:
    """The monthly table column of a row: of its numbered columns holding figures (not "n of N"),
    the one agreeing with most of the printed months (first on a tie)."""
    seed = key[0]
    printed = printed_months(key)
    best: tuple[int, dict[Month, Decimal | None]] | None = None
    for line, label in candidate_columns(key):
        cells = column(seed, line, label)
        if any(cell is not None and " of " in cell for cell in cells.values()):
            continue
        try:
            figures = {period: figure(cell) for period, cell in cells.items()}
        except ArithmeticError:
            continue
        agreement = sum(1 for period, value in printed.items() if value is not None and figures.get(period) == value)
        if best is None or agreement > best[0]:
            best = (agreement, figures)
    return None if best is None else best[1]


def printed_months(key: Key) -> dict[Month, Decimal | None]:
    return {parse_period(text): figure(cell) for text, cell in ROWS[key]["months"].items()}


def observations_from(values: dict[Month, Decimal | None]) -> dict[Month, Observation]:
    return {period: Observation(period, value) for period, value in values.items() if value is not None}


def year_months(seed: str) -> list[Month]:
    first = Month(AS_AT[seed].year if AS_AT[seed].month >= START_MONTH else AS_AT[seed].year - 1, START_MONTH)
    return [first.plus(i) for i in range(first.months_until(AS_AT[seed]) + 1)]


# ---------------------------------------------------------------------------------------
# The mapping itself
# ---------------------------------------------------------------------------------------


def test_every_row_is_mapped_once() -> None:
    assert len(ROWS) == len(SUMMARY_ROWS) == 117
    assert {row["data_note"] for row in SUMMARY_ROWS} == set(UNITS)
    for key in ROWS:
        spec(key)


def test_ytd_exceptions_are_exactly_the_rows_the_printed_column_misleads_on() -> None:
    misled = {
        key for key, row in ROWS.items() if (printed_ytd(row) is not None) != (ytd_method(key) != YtdMethod.NONE)
    }
    assert misled == set(YTD_EXCEPTIONS)


def test_rolling_and_ytd_average_rows_have_no_ytd() -> None:
    # docs/rules.md section 4: rolling-12-month and "YTD average" measures are `none`.
    rolling = {
        key
        for key, row in ROWS.items()
        if row["period_note"] == "Rolling Year"
        or row["data_note"] in ("YTD Average", "Rolling year - ave count")
        or "rolling 12 month" in row["name"].lower()
    }
    assert {ytd_method(key) for key in rolling} == {YtdMethod.NONE}
    assert ("003", "2.5") in rolling and ("003", "10.2") in rolling and ("000", "10.4") in rolling


# ---------------------------------------------------------------------------------------
# (a) Direction of travel: every printed arrow, performance convention, month basis
# ---------------------------------------------------------------------------------------

ARROWS = {"↑": "up", "⬆": "up", "↓": "down", "⬇": "down", "➡": "flat", "→": "flat", "n/a": None}

# Seed 003 row 3.8 (Info) goes 0.5% to 0.7% (Feb to Mar 2016; 2 of 380 to 2 of 305) and is
# printed with a down arrow: for an Info indicator the arrow follows the numbers, so up.
DOT_MISPRINTS = {("003", "3.8"): ("down", "up")}


def printed_arrow(row: dict[str, Any]) -> str | None:
    return ARROWS[row["dot"].replace("\ufe0f", "")]


def dot_observations(key: Key) -> dict[Month, Observation]:
    """The printed months, with earlier months from the monthly table behind them."""
    printed = printed_months(key)
    earlier = monthly_column(key) or {}
    first_printed = min(printed)
    values = {period: value for period, value in earlier.items() if period < first_printed}
    values.update(printed)
    return observations_from(values)


def computed_dot(key: Key) -> Any:
    settings = ScorecardSettings(START_MONTH, DotBasis.MONTH, ArrowConvention.PERFORMANCE)
    return evaluate_indicator(spec(key), settings, dot_observations(key), {}, {}, AS_AT[key[0]]).dot


def test_every_printed_arrow_but_one_misprint() -> None:
    differing = {}
    checked = 0
    for key, row in ROWS.items():
        arrow = printed_arrow(row)
        if arrow is None:
            continue
        checked += 1
        dot = computed_dot(key)
        if dot.arrow != arrow:
            differing[key] = (arrow, None if dot.arrow is None else str(dot.arrow))
    assert checked == 111
    assert differing == DOT_MISPRINTS


def test_the_misprinted_row_3_8() -> None:
    dot = computed_dot(("003", "3.8"))
    assert printed_months(("003", "3.8")) == {
        Month(2016, 1): Decimal("0.0"), Month(2016, 2): Decimal("0.5"), Month(2016, 3): Decimal("0.7"),
    }
    assert (dot.movement, dot.state, dot.arrow, dot.compared_with) == ("up", "increase", "up", "2016-02")


def test_every_printed_arrow_follows_from_the_printed_months_alone() -> None:
    for key, row in ROWS.items():
        if printed_arrow(row) is None:
            continue
        dot = computed_dot(key)
        assert dot.compared_with is not None and Month.parse(dot.compared_with) in printed_months(key), key


@pytest.mark.parametrize("number", ["6.13", "6.14", "6.15", "6.16", "6.17", "6.18"])
def test_printed_na_rows_have_no_dot(number: str) -> None:
    # Seed 000's termly rows at Dec-20: the summer term (Jul-20) lies outside the five months
    # ending at December, and the autumn term 2020/21 has no figure yet.
    key = ("000", number)
    assert printed_arrow(ROWS[key]) is None
    observations = dot_observations(key)
    assert max(observations, default=None) in (Month(2020, 7), Month(2020, 3))
    dot = computed_dot(key)
    assert dot.basis == "month" and dot.arrow is None and dot.state is None


# ---------------------------------------------------------------------------------------
# (b) RAG in seed 003, with the real tolerance parser
# ---------------------------------------------------------------------------------------

RAGS = {"🟢": Rag.GREEN, "🟡": Rag.AMBER, "🔴": Rag.RED, None: None}
PRINTED_RAG_ROWS = ["2.2", "2.6", "2.7", "2.8", "3.2", "3.4", "4.3"]


def test_printed_rags_are_those_rows() -> None:
    printed = [
        number for (seed, number), row in ROWS.items() if row["rag_in_month"] is not None or row["rag_year_end"] is not None
    ]
    assert printed == PRINTED_RAG_ROWS
    assert all(seed == "003" for (seed, _), row in ROWS.items() if row["rag_in_month"] is not None)


def rated(key: Key, observations: dict[Month, Observation], outturns: dict[str, Decimal]) -> tuple[Rag | None, Rag | None]:
    row = ROWS[key]
    cells = row["tolerance"]
    target = parse_tolerance(cells["red"], cells["amber"], cells["green"], Polarity(row["polarity"]))
    figures = evaluate_indicator(spec(key), ScorecardSettings(), observations, {"2015/16": target}, outturns, AS_AT["003"])
    return figures.rag_in_month, figures.rag_year_end


@pytest.mark.parametrize("number", PRINTED_RAG_ROWS)
def test_printed_rag(number: str) -> None:
    key = ("003", number)
    row = ROWS[key]
    # At March, the last month of 2015/16, the year's figure is the year's outturn: the printed YTD.
    ytd = printed_ytd(row)
    outturns = {} if ytd is None else {"2015/16": ytd}
    in_month, year_end = rated(key, observations_from(printed_months(key)), outturns)
    assert (in_month, year_end) == (RAGS[row["rag_in_month"]], RAGS[row["rag_year_end"]])


@pytest.mark.parametrize(
    "key",
    [key for key, row in ROWS.items() if row["tolerance"]["green"] == "n/a" or row["tolerance"]["red"] == "range to be set"],
)
def test_no_target_marker_gives_no_rag(key: Key) -> None:
    # "n/a" in the green cell and "range to be set" in the red cell are no-target markers.
    row = ROWS[key]
    year = "2015/16" if key[0] == "003" else "2020/21"
    cells = row["tolerance"]
    target = parse_tolerance(cells["red"], cells["amber"], cells["green"], Polarity(row["polarity"]))
    outturns = {year: printed_ytd(row) or Decimal(1)}
    figures = evaluate_indicator(
        spec(key), ScorecardSettings(), observations_from(printed_months(key)), {year: target}, outturns, AS_AT[key[0]]
    )
    assert figures.current_period == AS_AT[key[0]]
    assert (figures.rag_in_month, figures.rag_year_end) == (None, None)


def test_row_3_4_year_end_from_its_counts() -> None:
    # 3.4: 1772 of 4064 assessments ended in ongoing involvement = 43.6%, amber at year end;
    # March's 158 of 305 = 51.8%, green in month.
    cells = column("003", 2233, "3.4 Ongoing Involvement [x of N]")
    observations = {}
    for period, cell in cells.items():
        pair = count_pair(cell)
        assert pair is not None
        numerator, denominator = pair
        value = (numerator * 100 / denominator).quantize(Decimal("0.1"))
        observations[period] = Observation(period, value, numerator, denominator)
    assert rated(("003", "3.4"), observations, {}) == (Rag.GREEN, Rag.AMBER)
    figures = evaluate_indicator(spec(("003", "3.4")), ScorecardSettings(), observations, {}, {}, AS_AT["003"])
    assert figures.year_figure is not None and figures.year_figure.value == Decimal("43.6")


# ---------------------------------------------------------------------------------------
# (c) Sum YTDs against the printed YTD
# ---------------------------------------------------------------------------------------

# Rows whose months do not add up to the printed YTD: the months added, then the printed figure.
SUM_DIFFERENCES: dict[Key, tuple[tuple[int, ...], str | None, str]] = {
    ("003", "4.1"): (
        (138, 129, 113, 138, 128, 98, 107, 103, 134, 93, 132, 164),
        "1478",
        "S47 investigations started add up to 1477; the summary (and the table's 2015/16 YTD) print 1478, "
        "which is row 4.2's rolling 12-month figure for Mar-16",
    ),
    ("003", "7.3"): (
        (17, 22, 22, 25, 6, 11, 23, 25, 20, 10, 19, 20),
        "208",
        "admissions add up to 220; the summary and table print 208 (seed 000 also gives 208 as the 2015/16 outturn)",
    ),
    ("003", "7.4"): (
        (18, 20, 17, 21, 10, 17, 28, 16, 11, 15, 9, 13),
        "192",
        "children ceasing to be looked after add up to 195; the summary and table print 192 (seed 000 also gives 192)",
    ),
    ("003", "6.3"): (
        (63, 62, 54, 55, 65, 74, 41, 27, 35, 53, 49, 17),
        None,
        "initial CP conferences add up to 595 (CHILD PROTECTION table, which prints 595); the summary prints no YTD; "
        "the INITIAL CP CONFERENCES table has Dec-15 36 and Jan-16 54 and prints 597",
    ),
}

# Sum rows with no monthly table behind them.
SUM_WITHOUT_TABLE = {("003", "6.6"), ("003", "6.7")}


def sum_rows() -> list[Key]:
    return [key for key in ROWS if ytd_method(key) == YtdMethod.SUM]


def test_sum_rows() -> None:
    assert sum_rows() == [
        ("000", "6.3"), ("000", "6.4"), ("000", "6.6"), ("000", "9.4"), ("000", "9.5"), ("000", "10.1"),
        ("000", "10.2"), ("003", "2.1"), ("003", "2.3"), ("003", "3.1"), ("003", "4.1"), ("003", "4.4"),
        ("003", "6.3"), ("003", "6.6"), ("003", "6.7"), ("003", "7.3"), ("003", "7.4"),
    ]


def test_sum_ytd_against_printed_ytd() -> None:
    differing: dict[Key, tuple[tuple[int, ...], str | None]] = {}
    without_table = set()
    for key in sum_rows():
        seed = key[0]
        months = monthly_column(key)
        if months is None or any(months.get(period) is None for period in year_months(seed)):
            without_table.add(key)
            continue
        year = {period: months[period] for period in year_months(seed)}
        figures = evaluate_indicator(spec(key), ScorecardSettings(), observations_from(year), {}, {}, AS_AT[seed])
        printed = ROWS[key]["ytd"]
        assert figures.ytd_incomplete is False
        if str(figures.ytd) != printed:
            assert figures.ytd is not None
            differing[key] = (tuple(int(value) for value in year.values() if value is not None), printed)
            assert sum(differing[key][0]) == figures.ytd
    assert without_table == SUM_WITHOUT_TABLE
    assert differing == {key: (addends, printed) for key, (addends, printed, _) in SUM_DIFFERENCES.items()}


@pytest.mark.parametrize(("key", "ytd"), [(("000", "6.3"), "140"), (("003", "2.1"), "12165"), (("003", "4.4"), "1390")])
def test_sum_examples(key: Key, ytd: str) -> None:
    months = monthly_column(key)
    assert months is not None
    year = {period: months[period] for period in year_months(key[0])}
    figures = evaluate_indicator(spec(key), ScorecardSettings(), observations_from(year), {}, {}, AS_AT[key[0]])
    assert figures.as_export()["ytd"] == ytd == ROWS[key]["ytd"]


# ---------------------------------------------------------------------------------------
# (d) Ratio YTDs where the tables give numerators and denominators
# ---------------------------------------------------------------------------------------

Ref = tuple[int, str]  # (monthly table line, column label)

# Either one "n of N" column, or a numerator column and a denominator column.
RATIO_SOURCES: dict[Key, tuple[Ref] | tuple[Ref, Ref]] = {
    ("000", "6.8"): ((818, "6.8 % of LAC cases reviewed within timescales [n of N]"),),
    ("000", "6.12"): ((860, "6.12 Health of LAC - No. Initial Health Assessments In Time [n of N]"),),
    # % of children adopted: adoptions (10.1) over children ceasing to be looked after (6.4)
    ("000", "6.9"): ((1072, "10.1 Number of adoptions"), (768, "6.4 No. of children who have ceased to be LAC (Episodes)")),
    ("000", "10.3"): (
        (1072, "10.2 Number of adoptions completed within 12 months of SHOBPA"),
        (1072, "10.1 Number of adoptions"),
    ),
    ("003", "3.4"): ((2233, "3.4 Ongoing Involvement [x of N]"),),
    ("003", "3.5"): ((2233, "3.5 No further action [x of N]"),),
    ("003", "3.6"): ((2233, "3.6 Step down to Early Help [x of N]"),),
    ("003", "3.7"): ((2233, "3.7 Out of area [x of N]"),),
    ("003", "3.8"): ((2233, "3.8 Not Recorded/Other [x of N]"),),
    **{
        ("003", number): (
            (2374, f"{number} Completed S47's by outcome - {outcome} [count]"),
            (2374, "4.4 Number of S47's Investigations - Completed"),
        )
        for number, outcome in (
            ("4.5", "Concerns are substantiated - continuing risk of significant harm"),
            ("4.6", "Concerns are substantiated - no continuing risk of significant harm"),
            ("4.7", "Concerns not substantiated"),
            ("4.8", "Not recorded"),
        )
    },
    ("003", "6.4"): (
        (2507, "6.4 No. of initial CP confs in 15 days (in month)"),
        (2507, "6.3 No of children with initial CP Conference (in month)"),
    ),
    ("003", "6.11"): ((2556, "6.11 No. of CP plans lasting 2 years or more - ceased in period"),),
    ("003", "6.12"): ((2608, "6.12 No. of CP cases reviewed within timescale"),),
    ("003", "7.6"): ((2743, "7.6 No. LAC cases reviewed within timescales"),),
    ("003", "10.1"): (
        (2907, "Number of adoptions completed within 12 months of SHOBPA"),
        (2907, "Number of adoptions"),
    ),
}

# Rows whose numerators and denominators do not give the printed YTD.
RATIO_DIFFERENCES: dict[Key, tuple[int, int, str, str]] = {
    ("003", "6.12"): (1144, 1192, "96.0", "94.2%"),  # the table's 2015/16 YTD also prints 94.2%
    ("003", "7.6"): (1055, 1137, "92.8", "83.3%"),  # the table's 2015/16 YTD prints "334 of 401" = 83.3%
}


def ratio_observations(key: Key) -> dict[Month, Observation]:
    seed = key[0]
    refs = RATIO_SOURCES[key]
    result = {}
    for period in year_months(seed):
        if len(refs) == 1:
            pair = count_pair(column(seed, *refs[0])[period])
        else:
            numerator, denominator = (figure(column(seed, *ref)[period]) for ref in refs)
            pair = None if numerator is None or denominator is None else (numerator, denominator)
        if pair is not None:
            result[period] = Observation(period, None, *pair)
    return result


@pytest.mark.parametrize("key", list(RATIO_SOURCES))
def test_ratio_ytd_against_printed_ytd(key: Key) -> None:
    assert ytd_method(key) == YtdMethod.RATIO
    observations = ratio_observations(key)
    figures = evaluate_indicator(spec(key), ScorecardSettings(), observations, {}, {}, AS_AT[key[0]])
    printed = ROWS[key]["ytd"]
    if key in RATIO_DIFFERENCES:
        numerators, denominators, computed, printed_as = RATIO_DIFFERENCES[key]
        assert sum(o.numerator for o in observations.values() if o.numerator is not None) == numerators
        assert sum(o.denominator for o in observations.values() if o.denominator is not None) == denominators
        assert (figures.as_export()["ytd"], printed) == (computed, printed_as)
    else:
        assert f"{figures.as_export()['ytd']}%" == printed
