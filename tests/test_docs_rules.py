"""Every worked example in docs/rules.md, computed with the real rules of scorecards.compute.

An example is a fenced block whose info string is ``example <kind>``, holding ``key: value``
lines (docs/rules.md, "How to read the examples", describes them). Each kind has required and
optional keys; an unknown kind, an unknown key or a missing key fails, so no example can be
skipped without notice. A minimum count per kind keeps the examples from being deleted.

Pure compute, like tests/compute: nothing here imports Django.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from scorecards.compute.dot import STATES, DotState
from scorecards.compute.evaluate import IndicatorFigures, IndicatorSpec, ScorecardSettings, evaluate_indicator
from scorecards.compute.periods import (
    Month,
    parse_year_label,
    reporting_year_end,
    reporting_year_label,
    reporting_year_start,
    year_label_for_start,
)
from scorecards.compute.precision import FigureError, default_decimals, resolve_observation
from scorecards.compute.tolerance import ToleranceError, parse_tolerance
from scorecards.compute.vocabulary import VALUE_MARKS, Mark, Unit, YtdMethod
from scorecards.compute.ytd import INCOMPLETE_MARKS, Observation, compute_ytd

RULES = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

# The fewest examples of each kind the document may hold.
MINIMUM = {
    "tolerance": 18,
    "reporting-year": 4,
    "precision": 5,
    "ytd": 8,
    "current-period": 4,
    "dot": 12,
    "rag": 6,
    "marks": 5,
}

# The rows of docs/rules.md section 6's table of forms: every one needs an example (plus "invalid").
FORMS = {
    "high threshold": "bands",
    "low threshold": "bands",
    "range": "bands",
    "band around a reference": "bands",
    "two bands": "bands",
    "amber as a range": "bands",
    "no target": "none",
    "target in words": "words",
    "invalid": "error",
}

EMPTY = "(empty)"
NONE_WORDS = ("none", "no rag", "empty")

# Keys shared by the kinds that evaluate one indicator.
INDICATOR_INPUTS = {
    "polarity", "unit", "decimals", "frequency", "method", "start", "basis", "convention",
    "as at", "month", "outturn", "target",
}
REPEATED = {"month", "outturn", "target"}
# The kinds that evaluate one indicator, where those keys may be repeated.
INDICATOR_KINDS = {"ytd", "current-period", "dot", "rag"}


@dataclass
class Example:
    kind: str
    line: int  # line of the opening fence in docs/rules.md
    title: str  # the sentence above the block
    keys: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"docs/rules.md line {self.line}, {self.kind} example \u201c{self.title}\u201d"

    def has(self, key: str) -> bool:
        return key in self.keys or key in self.lists

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.keys.get(key, default)


class DocError(AssertionError):
    pass


# -- reading the document ---------------------------------------------------------------------

_FENCE = re.compile(r"^```(.*)$")


def _title(lines: list[str], fence: int) -> str:
    """The last line of the paragraph above the block (headings and blanks skipped)."""
    index = fence - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0:
        return "(no sentence above)"
    text = lines[index].strip()
    return text if len(text) <= 100 else text[:97] + "..."


def read_examples(text: str) -> tuple[list[Example], list[str]]:
    """Every ``example`` block, and the problems found while reading them."""
    lines = text.splitlines()
    examples: list[Example] = []
    problems: list[str] = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        info = match.group(1).strip()
        start = index
        index += 1
        body: list[tuple[int, str]] = []
        while index < len(lines) and not lines[index].startswith("```"):
            body.append((index + 1, lines[index]))
            index += 1
        index += 1  # the closing fence
        words = info.split()
        if not words or words[0] != "example":
            continue
        kind = words[1] if len(words) > 1 else ""
        example = Example(kind=kind, line=start + 1, title=_title(lines, start))
        examples.append(example)
        if len(words) != 2:
            problems.append(f"{example}: the info string must be `example <kind>`, not `{info}`")
        for number, raw in body:
            if not raw.strip():
                continue
            key, colon, value = raw.partition(":")
            if not colon:
                problems.append(f"{example}: line {number} is not `key: value`: {raw!r}")
                continue
            key = re.sub(r"\s+", " ", key.strip().casefold())
            value = value.strip()
            if key in REPEATED and kind in INDICATOR_KINDS:
                example.lists.setdefault(key, []).append(value)
            elif key in example.keys:
                problems.append(f"{example}: key `{key}` is given twice (line {number})")
            else:
                example.keys[key] = value
    return examples, problems


# -- cells and figures ------------------------------------------------------------------------


def cell(text: str) -> str | None:
    """A tolerance cell as written in an example: `(empty)` (or nothing) is an empty cell."""
    return None if text in ("", EMPTY) else text


def number(example: Example, text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("%", "").strip())
    except InvalidOperation:
        raise DocError(f"{example}: {text!r} is not a number") from None


def maybe_number(example: Example, text: str) -> Decimal | None:
    return None if text.casefold() in NONE_WORDS else number(example, text)


def yes_no(example: Example, key: str) -> bool:
    text = example.keys[key].casefold()
    if text not in ("yes", "no"):
        raise DocError(f"{example}: `{key}` must be yes or no, not {text!r}")
    return text == "yes"


def rag_word(example: Example, text: str) -> str | None:
    word = text.strip().casefold()
    if word in NONE_WORDS:
        return None
    if word not in ("red", "amber", "green"):
        raise DocError(f"{example}: {text!r} is not red, amber, green or none")
    return word


def shown(value: object) -> str:
    return "none" if value is None else str(value)


def check(example: Example, what: str, expected: object, actual: object) -> None:
    if expected != actual:
        raise DocError(
            f"{example}: the document says {what} is {shown(expected)}, the code gives {shown(actual)}"
        )


def check_keys(example: Example, required: set[str], optional: set[str]) -> None:
    given = set(example.keys) | set(example.lists)
    missing = sorted(required - given)
    unknown = sorted(given - required - optional)
    if missing:
        raise DocError(f"{example}: missing key(s) {', '.join(missing)}")
    if unknown:
        raise DocError(
            f"{example}: unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(required | optional))}"
        )


# -- the kinds ---------------------------------------------------------------------------------

_RATE = re.compile(r"(-?[0-9][0-9,]*(?:\.[0-9]+)?%?)\s+(red|amber|green|no rag)", re.IGNORECASE)


def run_tolerance(example: Example) -> str:
    check_keys(example, {"form", "polarity", "red", "amber", "green"}, {"unit", "reads", "rates", "error"})
    form = example.keys["form"].casefold()
    if form not in FORMS:
        raise DocError(f"{example}: form {form!r} is not one of {', '.join(FORMS)}")
    cells = [cell(example.keys[name]) for name in ("red", "amber", "green")]
    expected_kind = FORMS[form]
    if expected_kind == "error":
        if not example.has("error") or example.has("rates") or example.has("reads"):
            raise DocError(f"{example}: an invalid tolerance gives `error` (the cells named) and no rates or reads")
        try:
            parse_tolerance(*cells, example.keys["polarity"])
        except ToleranceError as error:
            named = [name.strip() for name in example.keys["error"].split(",")]
            check(example, "the cells named by the error", named, list(error.cells))
            return form
        raise DocError(f"{example}: the document says these cells are an error, the code reads them as a tolerance")
    if example.has("error") or not example.has("rates"):
        raise DocError(f"{example}: a {form} example needs `rates` and no `error`")
    try:
        tolerance = parse_tolerance(*cells, example.keys["polarity"])
    except ToleranceError as error:
        raise DocError(f"{example}: the code refuses these cells: {error}") from None
    check(example, "the kind of target", expected_kind, tolerance.kind)
    if example.has("reads"):
        check(example, "the reading in words", example.keys["reads"], tolerance.describe(example.get("unit", "number")))
    rates = example.keys["rates"]
    pairs = _RATE.findall(rates)
    if not pairs or _RATE.sub("", rates).replace(",", "").strip():
        raise DocError(f"{example}: `rates` must be a list such as `89.9 red, 90 amber`; found {rates!r}")
    for value, rag in pairs:
        expected = rag_word(example, rag)
        actual = tolerance.rate(number(example, value))
        check(example, f"the RAG of {value}", expected, None if actual is None else str(actual))
    return form


def run_reporting_year(example: Example) -> str:
    check_keys(example, {"start", "label"}, {"month", "written", "runs"})
    start = int(example.keys["start"])
    if example.has("month") == example.has("written"):
        raise DocError(f"{example}: give exactly one of `month` and `written`")
    label = example.keys["label"]
    if example.has("month"):
        month = Month.parse(example.keys["month"])
        check(example, "the reporting year", label, reporting_year_label(month, start))
        if example.has("runs"):
            first, _, last = example.keys["runs"].partition(" to ")
            actual = f"{reporting_year_start(month, start)} to {reporting_year_end(month, start)}"
            check(example, "the months of the year", f"{first} to {last}", actual)
        return "month"
    if example.has("runs"):
        raise DocError(f"{example}: `runs` goes with `month`")
    try:
        actual = year_label_for_start(parse_year_label(example.keys["written"], start))
    except ValueError:
        actual = "error"
    check(example, f"the year written {example.keys['written']!r}", label, actual)
    return "written"


_COUNTS = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s+of\s+([0-9][0-9,]*(?:\.[0-9]+)?)")


def run_precision(example: Example) -> str:
    check_keys(example, set(), {"unit", "decimals", "entered", "counts", "stored", "error"})
    if example.has("stored") == example.has("error"):
        raise DocError(f"{example}: give exactly one of `stored` and `error`")
    if not (example.has("entered") or example.has("counts")):
        raise DocError(f"{example}: give `entered`, `counts` or both")
    unit = Unit(example.get("unit", "number"))
    decimals = int(example.keys["decimals"]) if example.has("decimals") else default_decimals(unit)
    value = number(example, example.keys["entered"]) if example.has("entered") else None
    numerator = denominator = None
    if example.has("counts"):
        match = _COUNTS.fullmatch(example.keys["counts"])
        if match is None:
            raise DocError(f"{example}: `counts` must read `N of D`; found {example.keys['counts']!r}")
        numerator, denominator = number(example, match[1]), number(example, match[2])
    try:
        stored = resolve_observation(value, numerator, denominator, unit, decimals)
    except FigureError as error:
        if not example.has("error"):
            raise DocError(f"{example}: the code refuses this figure: {error}") from None
        if example.keys["error"] not in str(error):
            raise DocError(f"{example}: the error should mention {example.keys['error']!r}; the code says {error}")
        return "error"
    if example.has("error"):
        raise DocError(f"{example}: the document says this is an error, the code stores {shown(stored)}")
    check(example, "the stored figure", maybe_text(example.keys["stored"]), None if stored is None else format(stored, "f"))
    return "stored"


# One period of an example: `2020-10 36.8`, `2020-10 7 of 19`, `2020-10 36.8 (7 of 19)`, `2020-10 [c]`
# or `2020-10 -` (a row with no figure).
_MONTH_ENTRY = re.compile(r"(\d{4}-\d{2})\s+(.+)")


def observations(example: Example, unit: Unit, decimals: int) -> dict[Month, Observation]:
    result: dict[Month, Observation] = {}
    for entry in example.lists.get("month", []):
        match = _MONTH_ENTRY.fullmatch(entry)
        if match is None:
            raise DocError(f"{example}: `month: {entry}` must read `YYYY-MM figure`")
        period, figure = Month.parse(match[1]), match[2].strip()
        if period in result:
            raise DocError(f"{example}: month {period} is given twice")
        if figure == "-":
            result[period] = Observation(period, None)
            continue
        if figure.startswith("["):
            Mark(figure)  # an unknown mark is a ValueError
            result[period] = Observation(period, None, mark=figure)
            continue
        given = re.fullmatch(r"(\S+)\s+\((.+)\)", figure)
        value_text, rest = (given[1], given[2]) if given else (None, figure)
        pair = _COUNTS.fullmatch(rest)
        if pair is None and value_text is None:
            # A figure as entered is stored rounded to the indicator's places.
            stored = resolve_observation(number(example, figure), None, None, unit, decimals)
            result[period] = Observation(period, stored)
            continue
        if pair is None:
            raise DocError(f"{example}: `month: {entry}` must read `figure`, `N of D` or `figure (N of D)`")
        numerator, denominator = number(example, pair[1]), number(example, pair[2])
        value = None if value_text is None else number(example, value_text)
        try:
            stored = resolve_observation(value, numerator, denominator, unit, decimals)
        except FigureError as error:
            raise DocError(f"{example}: month {period}: {error}") from None
        result[period] = Observation(period, stored, numerator, denominator)
    return result


def indicator(example: Example) -> tuple[IndicatorFigures, ScorecardSettings]:
    unit = Unit(example.get("unit", "number"))
    decimals = int(example.keys["decimals"]) if example.has("decimals") else default_decimals(unit)
    spec = IndicatorSpec(
        number="example",
        polarity=example.get("polarity", "Info"),
        unit=unit,
        frequency=example.get("frequency", "monthly"),
        ytd_method=example.get("method", "none"),
        decimals=decimals,
    )
    settings = ScorecardSettings(
        start_month=int(example.get("start", "4")),
        dot_basis=example.get("basis", "month"),
        arrow_convention=example.get("convention", "performance"),
    )
    outturns: dict[str, Decimal | None] = {}
    for entry in example.lists.get("outturn", []):
        year, _, figure = entry.partition(" ")
        outturns[year] = number(example, figure)
    targets = {}
    for entry in example.lists.get("target", []):
        parts = [part.strip() for part in entry.split("|")]
        if len(parts) != 4:
            raise DocError(f"{example}: `target: {entry}` must read `year | red | amber | green`")
        year, red, amber, green = parts
        try:
            targets[year] = parse_tolerance(cell(red), cell(amber), cell(green), spec.polarity)
        except ToleranceError as error:
            raise DocError(f"{example}: target {year}: {error}") from None
    as_at = Month.parse(example.keys["as at"])
    figures = evaluate_indicator(spec, settings, observations(example, unit, spec.places), targets, outturns, as_at)
    return figures, settings


def figure_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def check_year_figure(example: Example, figures: IndicatorFigures) -> None:
    if not example.has("year figure"):
        return
    expected = example.keys["year figure"]
    actual = figures.year_figure
    actual_text = "none" if actual is None else f"{format(actual.value, 'f')} from {actual.source}"
    check(example, "the year's figure", expected, actual_text)


def check_common(example: Example, figures: IndicatorFigures) -> None:
    """Expected keys any indicator example may state."""
    if example.has("current period"):
        check(example, "the current period", example.keys["current period"], shown(figures.current_period))
    if example.has("ytd"):
        check(example, "the YTD", maybe_text(example.keys["ytd"]), figure_text(figures.ytd))
    if example.has("incomplete"):
        check(example, "the incomplete flag", yes_no(example, "incomplete"), figures.ytd_incomplete)
    if example.has("rag in month"):
        check(example, "the RAG in month", rag_word(example, example.keys["rag in month"]), enum_text(figures.rag_in_month))
    if example.has("rag year end"):
        check(example, "the RAG at year end", rag_word(example, example.keys["rag year end"]), enum_text(figures.rag_year_end))
    check_year_figure(example, figures)


def maybe_text(text: str) -> str | None:
    return None if text.casefold() in NONE_WORDS else text


def enum_text(member: object) -> str | None:
    return None if member is None else str(member)


COMMON_EXPECTED = {"current period", "ytd", "incomplete", "rag in month", "rag year end", "year figure"}


def run_ytd(example: Example) -> str:
    check_keys(example, {"method", "as at", "ytd", "incomplete"}, INDICATOR_INPUTS | COMMON_EXPECTED)
    figures, _ = indicator(example)
    check_common(example, figures)
    # The same through compute_ytd, the function the export's `ytd` comes from.
    unit = Unit(example.get("unit", "number"))
    decimals = int(example.keys["decimals"]) if example.has("decimals") else default_decimals(unit)
    direct = compute_ytd(
        YtdMethod(example.keys["method"]), observations(example, unit, decimals),
        Month.parse(example.keys["as at"]), int(example.get("start", "4")), unit, decimals,
    )
    check(example, "the YTD (compute_ytd)", maybe_text(example.keys["ytd"]), figure_text(direct.value))
    return example.keys["method"]


def run_current_period(example: Example) -> str:
    check_keys(example, {"as at", "current period"}, INDICATOR_INPUTS | COMMON_EXPECTED)
    figures, _ = indicator(example)
    check_common(example, figures)
    return example.get("frequency", "monthly")


def run_rag(example: Example) -> str:
    check_keys(example, {"polarity", "as at", "rag in month", "rag year end"}, INDICATOR_INPUTS | COMMON_EXPECTED)
    figures, _ = indicator(example)
    check_common(example, figures)
    return example.get("method", "none")


DOT_EXPECTED = {"movement", "judgement", "qualifier", "colour", "compared with"}


def run_dot(example: Example) -> str:
    check_keys(
        example, {"polarity", "as at", "state", "words", "arrow"}, INDICATOR_INPUTS | COMMON_EXPECTED | DOT_EXPECTED
    )
    figures, settings = indicator(example)
    check_common(example, figures)
    dot = figures.dot
    check(example, "the DOT basis", str(settings.dot_basis), str(dot.basis))
    state = maybe_text(example.keys["state"])
    check(example, "the DOT state", state, enum_text(dot.state))
    words = maybe_text(example.keys["words"])
    check(example, "the DOT words", words, dot.words)
    if state is not None:
        check(example, "the words of the state in STATES", words, STATES[DotState(state)].words)
    check(example, "the arrow", maybe_text(example.keys["arrow"]), enum_text(dot.arrow))
    for key, actual in (
        ("movement", dot.movement),
        ("judgement", dot.judgement),
        ("qualifier", dot.qualifier),
        ("colour", dot.colour),
        ("compared with", dot.compared_with),
    ):
        if example.has(key):
            check(example, f"the DOT {key}", maybe_text(example.keys[key]), enum_text(actual))
    return "none" if state is None else state


MARK_MEANINGS = {
    Mark.PROVISIONAL: "provisional",
    Mark.REVISED: "revised",
    Mark.NOT_AVAILABLE: "not available",
    Mark.NOT_APPLICABLE: "not applicable",
    Mark.CONFIDENTIAL: "confidential",
}


def run_marks(example: Example) -> str:
    check_keys(example, {"mark", "meaning", "in place of a value", "makes a sum or ratio ytd incomplete"}, set())
    try:
        mark = Mark(example.keys["mark"])
    except ValueError:
        raise DocError(f"{example}: {example.keys['mark']!r} is not a mark the code knows") from None
    check(example, "the meaning", example.keys["meaning"], MARK_MEANINGS[mark])
    check(example, "whether it stands in place of a value", yes_no(example, "in place of a value"), mark in VALUE_MARKS)
    incomplete = yes_no(example, "makes a sum or ratio ytd incomplete")
    check(example, "whether it makes a YTD incomplete", incomplete, mark in INCOMPLETE_MARKS)
    if mark in VALUE_MARKS:
        # Computed too: a sum over two figures and a month holding the mark.
        months = {
            Month(2020, 4): Observation(Month(2020, 4), Decimal(3)),
            Month(2020, 5): Observation(Month(2020, 5), None, mark=str(mark)),
            Month(2020, 6): Observation(Month(2020, 6), Decimal(4)),
        }
        for method in (YtdMethod.SUM, YtdMethod.RATIO):
            if method == YtdMethod.RATIO:
                months = {
                    period: Observation(period, o.value, o.value, None if o.value is None else Decimal(10), o.mark)
                    for period, o in months.items()
                }
            result = compute_ytd(method, months, Month(2020, 6), 4, Unit.PERCENTAGE, 1)
            check(example, f"whether a {method} YTD skipping it is incomplete", incomplete, result.incomplete)
    return str(mark)


RUNNERS: dict[str, Callable[[Example], str]] = {
    "tolerance": run_tolerance,
    "reporting-year": run_reporting_year,
    "precision": run_precision,
    "ytd": run_ytd,
    "current-period": run_current_period,
    "dot": run_dot,
    "rag": run_rag,
    "marks": run_marks,
}
assert set(RUNNERS) == set(MINIMUM)


# -- the tests ------------------------------------------------------------------------------

EXAMPLES, READ_PROBLEMS = read_examples(RULES.read_text(encoding="utf-8"))


def test_the_examples_are_well_formed() -> None:
    problems = list(READ_PROBLEMS)
    problems += [
        f"{example}: unknown kind `{example.kind}`; expected one of {', '.join(RUNNERS)}"
        for example in EXAMPLES
        if example.kind not in RUNNERS
    ]
    assert not problems, "\n".join(problems)


def test_enough_examples_of_each_kind() -> None:
    counts = Counter(example.kind for example in EXAMPLES)
    short = {kind: f"{counts[kind]} < {least}" for kind, least in MINIMUM.items() if counts[kind] < least}
    assert not short, f"docs/rules.md has too few examples: {short}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"line{e.line}-{e.kind}" for e in EXAMPLES])
def test_example(example: Example) -> None:
    runner = RUNNERS.get(example.kind)
    if runner is None:
        pytest.fail(f"{example}: unknown kind `{example.kind}`")
    try:
        runner(example)
    except DocError as error:
        pytest.fail(str(error), pytrace=False)


def outcomes(kind: str) -> set[str]:
    found = set()
    for example in EXAMPLES:
        if example.kind == kind:
            try:
                found.add(RUNNERS[kind](example))
            except DocError:
                pass  # reported by test_example
    return found


def test_every_tolerance_form_has_an_example() -> None:
    missing = set(FORMS) - outcomes("tolerance")
    assert not missing, f"no tolerance example of the form(s) {sorted(missing)}"


def test_every_dot_state_has_an_example() -> None:
    missing = {str(state) for state in DotState} - outcomes("dot")
    assert not missing, f"no DOT example ending in the state(s) {sorted(missing)}"


def test_every_ytd_method_has_an_example() -> None:
    missing = {str(method) for method in YtdMethod} - outcomes("ytd")
    assert not missing, f"no YTD example of the method(s) {sorted(missing)}"


def test_every_mark_has_an_example() -> None:
    missing = {str(mark) for mark in Mark} - outcomes("marks")
    assert not missing, f"no example of the mark(s) {sorted(missing)}"


def test_the_dot_key_in_the_document_is_the_code_s() -> None:
    """The table of the ten states in docs/rules.md gives each state's words as STATES does."""
    text = RULES.read_text(encoding="utf-8")
    for state, key in STATES.items():
        row = re.search(rf"^\|\s*`{state}`\s*\|(.*)$", text, re.MULTILINE)
        assert row is not None, f"docs/rules.md has no row for the DOT state `{state}` in its table"
        assert f"| {key.words} |" in row.group(0), (
            f"docs/rules.md's row for `{state}` should give the words \u201c{key.words}\u201d"
        )


def test_this_test_imports_only_pure_compute() -> None:
    """Like tests/compute: no Django, and nothing of scorecards outside scorecards.compute."""
    import ast

    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    ours = {module for module in modules if module.split(".")[0] in ("django", "scorecards", "accounts", "portal")}
    assert all(module.startswith("scorecards.compute.") for module in ours), sorted(ours)


# -- the checker checks itself ------------------------------------------------------------------


def _one(block: str) -> Example:
    examples, problems = read_examples(f"A sentence.\n\n```{block}\n```\n")
    assert not problems, problems
    (example,) = examples
    return example


def test_the_checker_fails_on_a_wrong_figure() -> None:
    example = _one("example tolerance\nform: high threshold\npolarity: High\nred: <90%\namber: 90%>\ngreen: 95%+\n"
                   "rates: 92 green")
    with pytest.raises(DocError, match="the RAG of 92 is green, the code gives amber"):
        run_tolerance(example)


def test_the_checker_fails_on_a_missing_or_unknown_key() -> None:
    with pytest.raises(DocError, match="missing key"):
        run_tolerance(_one("example tolerance\nform: high threshold\npolarity: High\nred: <90%\ngreen: 95%+\n"
                           "rates: 92 amber"))
    with pytest.raises(DocError, match="unknown key"):
        run_ytd(_one("example ytd\nmethod: sum\nas at: 2020-04\nmonth: 2020-04 3\nytd: 3\nincomplete: no\nvalue: 3"))


def test_the_checker_reports_an_unknown_kind() -> None:
    example = _one("example tolerances\nform: range")
    assert example.kind not in RUNNERS
