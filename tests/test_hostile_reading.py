"""The hostile reading corpus (tests/hostile/reading): each workbook is refused with its exact
message, or imports with its exact warnings, in a process capped at 1 GiB of address space
within 30 seconds; a refused import leaves every table as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.reading.build import CASES, Case

ROOT = Path(__file__).resolve().parent.parent
RUN_IMPORT = ROOT / "tests" / "hostile" / "reading" / "run_import.py"
ADDRESS_SPACE = 1 << 30
TIMEOUT_SECONDS = 30


def _environment(database: Path) -> dict[str, str]:
    # Never the database DATABASE_URL names: a file of the test's own.
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return {**env, "DJANGO_SQLITE_PATH": str(database), "DJANGO_SETTINGS_MODULE": "config.settings"}


@pytest.fixture(scope="module")
def stocked_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding a scorecard (the good test workbook), made once per module."""
    database = tmp_path_factory.mktemp("hostile") / "stocked.sqlite3"
    env = _environment(database)
    for command in (["migrate", "-v0"], ["import_scorecard", str(ROOT / "tests" / "workbooks" / "good")]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    return database


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 15
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_workbook(case: Case, tmp_path: Path, stocked_database: Path) -> None:
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(stocked_database, database)
    (tmp_path / "case").mkdir()
    workbook = case.make(tmp_path / "case" / case.file_name)

    result = subprocess.run(
        [sys.executable, str(RUN_IMPORT), str(workbook), str(ADDRESS_SPACE)],
        cwd=ROOT, env={**_environment(database), **dict(case.settings)}, capture_output=True, text=True,
        timeout=TIMEOUT_SECONDS,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == list(case.errors)
    assert report["warnings"] == list(case.warnings)
    if case.errors:
        assert report["after"] == report["before"]
    else:
        assert report["after"]["scorecards.Scorecard"] == report["before"]["scorecards.Scorecard"] + 1
