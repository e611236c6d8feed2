"""A corpus of hostile workbooks (issue 10): each refused with its exact words, nothing stored.

Each case is one row added to (or, on the scorecard sheet, put in place of) a good workbook,
built at test time as a folder of CSV files and as an .xlsx file. The import runs in a
subprocess with 1 GiB of address space and 30 seconds, against a copy of a SQLite database
that already holds the good workbook, so a blow-up (a quadratic parse, a huge integer, a
recursion) fails the case instead of the suite, and the row counts before and after are the
database's own.

A text that no .xlsx file can hold (NUL, ESC: XML 1.0 forbids them) is a CSV case only. A
numeric .xlsx cell is written as a number where the case says so (``Number``); otherwise
every cell is a text cell, as an officer typing into a text-formatted column makes it.
"""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
ADDRESS_SPACE = 1 << 30  # 1 GiB
TIMEOUT = 30

# The good workbook: three indicators with a row on every sheet. Every case adds one row.
GOOD: dict[str, list[list[str]]] = {
    "scorecard": [["slug", "title"], ["corporate-parenting", "Corporate Parenting"]],
    "indicators": [
        ["number", "name", "polarity", "unit", "frequency", "decimals", "section", "data_note", "definition"],
        ["6.9", "% of children adopted", "High", "percentage", "monthly", "1", "LOOKED AFTER CHILDREN", "Percentage",
         "Children adopted as a share of children ceasing care."],
        ["6.1", "Number of Looked After Children", "Info", "count", "monthly", "0", "LOOKED AFTER CHILDREN", "Count",
         ""],
        ["6.2", "Rate of Looked After Children per 10,000", "Low", "rate", "monthly", "1", "LOOKED AFTER CHILDREN",
         "Rate per 10,000", ""],
    ],
    "targets": [["number", "year", "red", "amber", "green"], ["6.9", "2020/21", "<20%", "20%>", "22.7%+"]],
    "values": [["number", "period", "value", "numerator", "denominator", "status"],
               ["6.9", "2020-12", "16.7", "", "", ""]],
    "commentary": [["number", "section", "period", "kind", "text"],
                   ["6.9", "", "2020-12", "commentary", "Adoptions slowed in December."]],
    "outturns": [["number", "year", "value"], ["6.9", "2019/20", "11.2"]],
    "benchmarks": [["number", "measure", "value", "year", "source"], ["6.9", "national_average", "12.0", "2018/19", "DfE"]],
}
# The row number a case's row has on each sheet (the scorecard sheet's one row is replaced).
ROW = {"scorecard": 2, "indicators": 5, "targets": 3, "values": 3, "commentary": 3, "outturns": 3, "benchmarks": 3}


@dataclass(frozen=True)
class Number:
    """A numeric .xlsx cell (the CSV gets ``csv``); ``xml`` is written into the sheet's XML as
    it stands (``1e999``, which openpyxl cannot write)."""

    value: float | int
    csv: str
    xml: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    sheet: str
    row: dict[str, str | Number]
    errors: list[str]  # the exact errors, each as the import report prints it (without "ERROR ")
    formats: tuple[str, ...] = ("csv", "xlsx")
    # Where a form is refused in other words: the reader refuses some files before any cell is
    # checked (a cell over WORKBOOK_MAX_CELL_CHARACTERS, a NUL in a CSV), and an .xlsx number
    # cell is a number, where the same text in a CSV is not one.
    errors_in: dict[str, list[str]] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)  # a column renamed in the header


def at(case_sheet: str, column: str, message: str) -> str:
    columns = column.split(", ")
    named = ", ".join(f'"{name}"' for name in columns)
    return f"{case_sheet}, row {ROW[case_sheet]}, {'column' if len(columns) == 1 else 'columns'} {named}: {message}"


def values(**cells: str | Number) -> dict[str, str | Number]:
    return {"number": "6.9", "period": "2020-11", **cells}


def indicator(**cells: str | Number) -> dict[str, str | Number]:
    return {"number": "6.5", "name": "Care leavers in touch", "polarity": "High", **cells}


def note(text: str) -> dict[str, str | Number]:
    return {"number": "6.9", "period": "2020-11", "kind": "commentary", "text": text}


VALUE_FORMS = "a number, a mark ([x], [z], [c], n/a) or empty"
BIG = "of at most 14 digits before the decimal point; found"
NUMBER_RULE = ('expected an indicator number of letters, digits, ".", "-" and "_", starting with a letter or digit '
               "(e.g. 6.2a, B.12, 10.1); found")
CONTROL = "expected text without control characters; found"
ONE_LINE = "expected one line of text, without tabs or line breaks; found"
DEEP = "expected block quotes and lists nested at most 10 levels deep (each >, list marker or 4 spaces of indent is a level)"

CASES = [
    # item 1: narratives
    Case("commentary-24-kb-of-brackets", "commentary", note("[]" * 12_288),
         [at("commentary", "text", "expected at most 10,000 characters; found 24,576")]),
    # An .xlsx cell holds at most 32,767 characters (openpyxl cuts a longer one as it writes).
    Case("commentary-60000-deep-quotes", "commentary", note(">" * 60_000),
         [at("commentary", "text", "expected at most 10,000 characters; found 60,000")], formats=("csv",),
         errors_in={"csv": ["hostile: the commentary sheet, row 3, column E holds a cell of more than 32,767 characters: "
                            "the limit is WORKBOOK_MAX_CELL_CHARACTERS = 32,767"]}),
    Case("commentary-30000-deep-quotes", "commentary", note(">" * 30_000),
         [at("commentary", "text", "expected at most 10,000 characters; found 30,000")]),
    Case("commentary-4000-deep-quotes", "commentary", note("> " * 4_000 + "deep"),
         [at("commentary", "text", f"{DEEP}; found 4,000 on line 1")]),
    Case("commentary-open-brackets", "commentary", note("[a" * 4_096),
         [at("commentary", "text", 'expected brackets nested at most 10 deep; found 4,096 "[" open at once at '
                                   "character 8,191")]),
    Case("definition-deep-list", "indicators", indicator(definition="Intro\n" + "- " * 11 + "deep"),
         [at("indicators", "definition", f"{DEEP}; found 11 on line 2")]),
    # item 2: control characters
    Case("escape-in-a-name", "indicators", indicator(name="Care \x1b[31mleavers"),
         [at("indicators", "name", f"{CONTROL} U+001B at character 6")], formats=("csv",)),
    Case("nul-in-commentary", "commentary", note("Adoptions\x00slowed"),
         [at("commentary", "text", f"{CONTROL} U+0000 at character 10")], formats=("csv",),
         errors_in={"csv": ['hostile/commentary.csv holds a NUL character (line 3), which a text file never does: '
                            'save it as "CSV UTF-8"']}),
    Case("del-in-a-section", "indicators", indicator(section="LOOKED AFTER\x7fCHILDREN"),
         [at("indicators", "section", f"{CONTROL} U+007F at character 13")]),
    Case("c1-next-line-in-a-data-note", "indicators", indicator(data_note="Count\x85per month"),
         [at("indicators", "data_note", f"{CONTROL} U+0085 at character 6")]),
    Case("tab-in-a-name", "indicators", indicator(name="Care\tleavers"),
         [at("indicators", "name", f"{ONE_LINE} a tab (U+0009) at character 5")]),
    Case("line-break-in-a-benchmark-source", "benchmarks",
         {"number": "6.9", "measure": "Regional average", "value": "15", "source": "DfE\r\nSSDA903"},
         [at("benchmarks", "source", f"{ONE_LINE} a line break (U+000A) at character 4")]),
    Case("rtl-override-in-a-name", "indicators", indicator(name="Care leavers \u202enoitpoda"),
         [at("indicators", "name", f"{CONTROL} U+202E at character 14")]),
    Case("control-character-in-a-header", "indicators", indicator(name="Care leavers"),
         ['indicators, row 1, column "na<U+001B>me": unknown column "na<U+001B>me": expected only number, name, '
          "polarity, section, data_note, unit, frequency, ytd_method, decimals, definition",
          'indicators, row 1, column "name": missing required column "name"; found columns number, na<U+001B>me, '
          "polarity, unit, frequency, decimals, section, data_note, definition"],
         formats=("csv",), header={"name": "na\x1bme"}),
    # item 3: lengths
    Case("name-of-612-characters", "indicators", indicator(name="x" * 612),
         [at("indicators", "name", "expected at most 500 characters; found 612")]),
    Case("title-of-301-characters", "scorecard", {"slug": "corporate-parenting", "title": "T" * 301},
         [at("scorecard", "title", "expected at most 300 characters; found 301")]),
    Case("slug-of-101-characters", "scorecard", {"slug": "s" * 101, "title": "Corporate Parenting"},
         [at("scorecard", "slug", "expected at most 100 characters; found 101")]),
    Case("section-of-201-characters", "indicators", indicator(section="S" * 201),
         [at("indicators", "section", "expected at most 200 characters; found 201")]),
    Case("measure-year-and-source-too-long", "benchmarks",
         {"number": "6.9", "measure": "m" * 101, "value": "15", "year": "2018/19" * 3, "source": "D" * 201},
         [at("benchmarks", "measure", "expected at most 100 characters; found 101"),
          at("benchmarks", "year", "expected at most 20 characters; found 21"),
          at("benchmarks", "source", "expected at most 200 characters; found 201")]),
    Case("target-in-words-of-612-characters", "targets",
         {"number": "6.9", "year": "2021/22", "red": "", "amber": "", "green": "Above " + "x" * 606},
         [at("targets", "green", "expected at most 200 characters; found 612")]),
    # item 4: indicator numbers
    Case("number-with-a-slash", "indicators", indicator(number="6/1"), [at("indicators", "number", f'{NUMBER_RULE} "6/1"')]),
    Case("number-with-a-space", "indicators", indicator(number="6 1"), [at("indicators", "number", f'{NUMBER_RULE} "6 1"')]),
    Case("number-percent-encoded", "indicators", indicator(number="%2F"),
         [at("indicators", "number", f'{NUMBER_RULE} "%2F"')]),
    Case("number-with-a-zero-width-joiner", "values", values(number="6.\u200d9", value="5"),
         [at("values", "number", f'{NUMBER_RULE} "6.\u200d9"')]),
    Case("number-with-an-emoji", "indicators", indicator(number="📈1"), [at("indicators", "number", f'{NUMBER_RULE} "📈1"')]),
    Case("number-of-10000-characters", "values", values(number="1" * 10_000, value="5"),
         [at("values", "number", "expected at most 20 characters; found 10,000")]),
    # item 5: numbers past what the database holds
    Case("value-of-29-digits", "values", values(number="6.1", value="1" + "0" * 28),
         [at("values", "value", f'expected {VALUE_FORMS} {BIG} "10000000000000000000000000000"')]),
    Case("value-of-10000-digits", "values", values(number="6.1", value="9" * 10_000),
         [at("values", "value", f'expected {VALUE_FORMS} {BIG} "{"9" * 40}…" (10,000 characters)')]),
    Case("numerator-of-1e20-on-a-rate", "values",
         values(number="6.2", numerator=Number(1e20, "100000000000000000000"), denominator="5"),
         [at("values", "numerator", "expected a numerator (a number, zero or more) of at most 14 digits before the "
                                    'decimal point; found "100000000000000000000"')]),
    Case("value-derived-past-14-digits", "values",
         values(number="6.2", numerator="99999999999999", denominator="0.000001"),
         [at("values", "numerator, denominator",
             "expected numerator / denominator x 10,000 to give a value of at most 14 digits before the decimal "
             "point; found 99999999999999/0.000001 x 10,000 = 999999999999990000000000.0")]),
    Case("value-rounded-past-14-digits", "values", values(number="6.1", value="99999999999999.5"),
         [at("values", "value", 'expected at most 14 digits before the decimal point; found "99999999999999.5", '
                                "which rounds to 100000000000000 (indicator 6.1 is shown to 0 decimal places)")]),
    Case("value-1e28-in-a-number-cell", "values", values(number="6.1", value=Number(1e28, "1e28")),
         [at("values", "value", f'expected {VALUE_FORMS}; found "1e28"')],
         errors_in={"xlsx": [at("values", "value", f'expected {VALUE_FORMS} {BIG} "10000000000000000000000000000"')]}),
    Case("value-1e999-in-a-number-cell", "values", values(number="6.1", value=Number(123456.789, "1e999", "1e999")),
         [at("values", "value", f'expected {VALUE_FORMS}; found "1e999"')],
         errors_in={"xlsx": ['hostile.xlsx cannot be opened as an .xlsx workbook: values: cell C3 holds "1e999", '
                             "which is not a number Excel can hold"]}),
    Case("numerator-1e-30", "values",
         values(number="6.9", numerator=Number(1e-30, "0.000000000000000000000000000001"), denominator="5"),
         [at("values", "numerator", "expected a numerator (a number, zero or more) with at most 6 decimal places; "
                                    'found "0.000000000000000000000000000001"')]),
    Case("value-nan", "values", values(value="NaN"), [at("values", "value", f'expected {VALUE_FORMS}; found "NaN"')]),
    Case("value-infinity", "values", values(value="Infinity"),
         [at("values", "value", f'expected {VALUE_FORMS}; found "Infinity"')]),
    Case("percentage-of-100.00001", "values", values(value="100.00001"),
         [at("values", "value", 'expected a percentage from 0 to 100 (indicator 6.9); found "100.00001"')]),
    Case("decimals-1e999999999", "indicators", indicator(decimals="1e999999999"),
         [at("indicators", "decimals", 'expected a whole number of decimal places from 0 to 6; found "1e999999999"')]),
    Case("start-month-1e999999999", "scorecard",
         {"slug": "corporate-parenting", "title": "Corporate Parenting", "year_start_month": "1e999999999"},
         [at("scorecard", "year_start_month", 'expected a month number from 1 to 12 (4 for April); found "1e999999999"')]),
    # item 7: impossible months and years
    Case("period-2020-13", "values", values(period="2020-13", value="5"),
         [at("values", "period", 'expected a period written 2020-12, Dec-20, Dec 20, Dec-2020, Dec 2020 or a date '
                                 'cell; found "2020-13"')]),
    Case("period-0001-01", "commentary", {**note("Long ago."), "period": "0001-01"},
         [at("commentary", "period", 'expected a period from January 1990 to December 2099; found "0001-01"')]),
    Case("year-2099-00", "targets", {"number": "6.9", "year": "2099/00", "red": "", "amber": "", "green": "95%+"},
         [at("targets", "year", 'expected a reporting year from 1990/91 to 2098/99; found "2099/00"')]),
]

# Imports each workbook named in turn, printing one JSON line each: its errors and warnings,
# the row counts before and after, or the exception it raised.
IMPORT = """
import json, sys, traceback
import django
django.setup()
from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Scorecard, Section, Target
from scorecards.services.imports import import_workbook
MODELS = [Scorecard, Section, Indicator, Target, Observation, Outturn, Benchmark, Commentary]
counts = lambda: {model.__name__: model.objects.count() for model in MODELS}
for path in sys.argv[1:]:
    before = counts()
    try:
        report = import_workbook(path)
    except Exception:
        print(json.dumps({"raised": traceback.format_exc(limit=-3)}))
        continue
    print(json.dumps({"errors": [str(issue) for issue in report.errors],
                      "warnings": [str(issue) for issue in report.warnings], "before": before, "after": counts()}))
"""


def limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_imports(database: Path, *workbooks: Path, migrate: bool = False) -> list[dict]:
    """Import each workbook in turn into ``database`` in one subprocess (1 GiB, 30 s)."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_SQLITE_PATH=str(database),
                       PYTHONPATH=str(ROOT))
    if migrate:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=environment, check=True,
                       timeout=120)
    result = subprocess.run([sys.executable, "-c", IMPORT, *map(str, workbooks)], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=limit_resources)
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines()]


def sheets_for(case: Case | None) -> dict[str, list[list[str | Number]]]:
    sheets: dict[str, list[list[str | Number]]] = {name: [list(row) for row in rows] for name, rows in GOOD.items()}
    if case is None:
        return sheets
    rows = sheets[case.sheet]
    for column in case.row:
        if column not in rows[0]:
            rows[0].append(column)
            for row in rows[1:]:
                row.append("")
    new = [case.row.get(column, "") for column in rows[0]]
    if case.sheet == "scorecard":
        rows[1] = new
    else:
        rows.append(new)
    rows[0] = [case.header.get(column, column) for column in rows[0]]
    return sheets


def write_csv(sheets: dict[str, list[list[str | Number]]], folder: Path) -> Path:
    folder.mkdir()
    for name, rows in sheets.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows([[cell.csv if isinstance(cell, Number) else cell for cell in row] for row in rows])
    return folder


def write_xlsx(sheets: dict[str, list[list[str | Number]]], path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    patches = {}
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([(cell.value if isinstance(cell, Number) else (cell or None)) for cell in row])
            for cell in row:
                if isinstance(cell, Number) and cell.xml is not None:
                    patches[f"<v>{cell.value}</v>"] = f"<v>{cell.xml}</v>"
    book.save(path)
    if patches:
        patched = path.with_name("patched-" + path.name)
        done = set()
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename.startswith("xl/worksheets/"):
                    text = data.decode("utf-8")
                    for old, new in patches.items():
                        done.update([old] if old in text else [])
                        text = text.replace(old, new)
                    data = text.encode("utf-8")
                target.writestr(item, data)
        assert done == set(patches)
        shutil.move(patched, path)
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A migrated SQLite database holding the good workbook."""
    folder = tmp_path_factory.mktemp("seed")
    database = folder / "seeded.sqlite3"
    report, = run_imports(database, write_csv(sheets_for(None), folder / "good"), migrate=True)
    assert report["errors"] == [] and report["after"]["Indicator"] == 3, report
    return database


def test_the_corpus_covers_every_class_of_issue_10() -> None:
    assert len(CASES) >= 15
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_a_hostile_workbook_is_refused_in_exact_words_and_changes_nothing(seeded, tmp_path, case) -> None:
    """The case as CSV, then as .xlsx (where one can hold it), imported into one copy of the
    database: each refusal leaves it as it was, so the second import meets it unchanged too."""
    database = tmp_path / "db.sqlite3"
    shutil.copy(seeded, database)
    sheets = sheets_for(case)
    workbooks = {"csv": write_csv(sheets, tmp_path / "hostile")}
    if "xlsx" in case.formats:
        workbooks["xlsx"] = write_xlsx(sheets, tmp_path / "hostile.xlsx")
    reports = dict(zip(workbooks, run_imports(database, *workbooks.values())))
    for form, report in reports.items():
        assert "raised" not in report, f"{form}: {report.get('raised')}"
        assert report["errors"] == case.errors_in.get(form, case.errors), form
        assert report["after"] == report["before"], form


ACCEPTED = [
    pytest.param(values(number="6.1", value="-0"), "0", id="negative-zero-is-zero"),
    pytest.param(values(number="6.9", value="16.7", numerator="-0", denominator="0"), "16.7", id="negative-zero-count"),
]


@pytest.mark.parametrize(("row", "stored"), ACCEPTED)
def test_odd_but_harmless_entries_are_stored_plainly(seeded, tmp_path, row, stored) -> None:
    database = tmp_path / "db.sqlite3"
    shutil.copy(seeded, database)
    report, = run_imports(database, write_csv(sheets_for(Case("accepted", "values", row, [])), tmp_path / "odd"))
    assert report["errors"] == []
    assert report["after"]["Observation"] == report["before"]["Observation"] + 1
    import sqlite3

    with sqlite3.connect(database) as connection:
        (value, numerator), = connection.execute(
            "SELECT value, numerator FROM scorecards_observation WHERE period = '2020-11-01'"
        ).fetchall()
    assert re.sub(r"\.0+$|(\.\d*?)0+$", r"\1", str(value)) == stored.removesuffix(".0") or str(value) == stored
    assert numerator is None or float(numerator) == 0 and not str(numerator).startswith("-")
