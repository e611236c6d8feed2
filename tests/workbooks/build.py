"""Build test workbooks: ``.xlsx`` files and ``.zip`` files from rows or from a CSV folder.

Used by the workbook tests (in ``tmp_path``) and by hand, to open the corpus in Excel:

    .venv/bin/python tests/workbooks/build.py OUT_DIR

writes ``OUT_DIR/<case>.xlsx`` for the good workbook and every broken case.

Numbers are written as Decimal: openpyxl stores them as written, and reading them back
gives the float Excel would hold (Decimal("0.30000000000000004") is 0.1 + 0.2).
"""

from __future__ import annotations

import csv
import sys
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
GOOD = HERE / "good"
BROKEN = HERE / "broken"

Rows = Sequence[Sequence[object]]


def write_xlsx(
    path: Path,
    sheets: Mapping[str, Rows],
    number_formats: Mapping[tuple[str, str], str] | None = None,
) -> Path:
    """One worksheet per entry; ``number_formats`` maps (sheet, cell such as "C3") to a format."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        worksheet = book.create_sheet(name)
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = worksheet.cell(row=row_number, column=column_number, value=value)
                if isinstance(value, str):
                    # A cell typed "=95" or "-" is text to the officer, never a formula.
                    cell.data_type = "s"
    for (name, reference), number_format in (number_formats or {}).items():
        book[name][reference].number_format = number_format
    book.save(path)
    return path


def csv_rows(folder: Path) -> dict[str, list[list[str]]]:
    """The sheets of a CSV folder as rows of text, keyed by file stem."""
    sheets = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8-sig") as handle:
            sheets[path.stem] = list(csv.reader(handle))
    return sheets


def xlsx_from_csv_folder(folder: Path, path: Path) -> Path:
    """Every CSV cell as an xlsx text cell, so the two read the same."""
    return write_xlsx(path, csv_rows(folder))


def zip_from_csv_folder(folder: Path, path: Path, prefix: str = "") -> Path:
    """``prefix`` puts the files in a folder inside the zip, as "compress folder" does."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for csv_path in sorted(folder.glob("*.csv")):
            archive.write(csv_path, prefix + csv_path.name)
    return path


def broken_cases() -> list[Path]:
    return sorted(path for path in BROKEN.iterdir() if path.is_dir())


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    xlsx_from_csv_folder(GOOD, out / "good.xlsx")
    for case in broken_cases():
        xlsx_from_csv_folder(case / "workbook", out / f"{case.name}.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
