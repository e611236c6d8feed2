"""Import/export benchmark: a 500-indicator scorecard with ten years of monthly figures.

Generates the workbook once (bench/generate_workbook.py: 60,000 value rows), then for each
database and each run: a fresh database, `migrate`, and one worker process that times the import
(`scorecards.services.imports.import_workbook`), the live JSON export of one month, `publish_scorecard` for that
month, the published JSON export, and a re-import of the same workbook (every row unchanged).
Each worker is a new Python process with its own environment, so the settings are read afresh
and the import's peak memory (ru_maxrss) is that of the import alone, not of earlier runs.

    .venv/bin/python bench/import_export.py [--runs 5] [--database sqlite|postgres|both]
        [--xlsx] [--profile] [--max-load 1.0]

Goals (issue): import under 10 s, JSON export of one month under 0.5 s. Results go to
bench/output/import_export.json; bench/README.md explains the figures.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUTPUT = BENCH / "output"
PYTHON = sys.executable
POSTGRES_URL = "postgres://panel@127.0.0.1:5432/panel_bench"
RESULT_MARK = "BENCH-RESULT "

IMPORT_GOAL_S = 10.0
EXPORT_GOAL_S = 0.5

# (key in a run's result, label in the table, goal in seconds or None)
MEASURES: list[tuple[str, str, float | None]] = [
    ("migrate_s", "migrate (not a goal)", None),
    ("import_s", "import", IMPORT_GOAL_S),
    ("export_live_s", "export live", EXPORT_GOAL_S),
    ("publish_s", "publish", None),
    ("export_published_s", "export published", EXPORT_GOAL_S),
    ("reimport_s", "re-import, all unchanged", None),
]


# -- worker: one fresh process per run -------------------------------------------------------


def maxrss_mib() -> float:
    # Linux reports ru_maxrss in KiB.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(call: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, wall seconds, CPU seconds of this process). On a shared machine the CPU time
    is the steadier figure: it leaves out time spent waiting for a core (but, on PostgreSQL,
    also the server's own work)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, round(time.perf_counter() - wall, 4), round(time.process_time() - cpu, 4)


class Phases:
    """Wall-clock time spent inside named application functions, by wrapping them in this
    process only (the application code is not changed). Nested phases overlap: "apply" holds
    "insert rows", for instance."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.missing: list[str] = []

    def wrap(self, owner: Any, name: str, label: str | Callable[[tuple], str]) -> None:
        original = getattr(owner, name, None)
        if original is None:
            # The application moved on: time the rest rather than fail the whole benchmark.
            self.missing.append(f"{getattr(owner, '__name__', owner)}.{name}")
            return
        seconds = self.seconds

        @functools.wraps(original)
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                key = label(args) if callable(label) else label
                seconds[key] = seconds.get(key, 0.0) + time.perf_counter() - start

        setattr(owner, name, timed_call)

    def mark(self) -> dict[str, float]:
        return dict(self.seconds)

    def since(self, before: dict[str, float]) -> dict[str, float]:
        spent = {key: value - before.get(key, 0.0) for key, value in self.seconds.items()}
        return {key: round(value, 4) for key, value in spent.items() if value > 0.00005}


def install_phases() -> Phases:
    from django.db.models import QuerySet
    from simple_history.manager import HistoryManager

    from scorecards import figures, selectors, snapshot
    from scorecards.services import imports, publishing
    from scorecards.models import Publication
    from scorecards.workbook import apply

    phases = Phases()
    phases.wrap(imports, "read_workbook", "read files")
    phases.wrap(selectors, "existing_scorecard", "load existing")
    phases.wrap(imports, "validate_workbook", "validate")
    phases.wrap(imports, "apply_workbook", "apply (write)")
    for sheet in ("indicators", "targets", "values", "outturns", "benchmarks", "commentary"):
        phases.wrap(apply, f"_apply_{sheet}", f"apply {sheet}")
    phases.wrap(
        QuerySet, "bulk_create",
        lambda args: "insert history rows" if args[0].model.__name__.startswith("Historical") else "insert rows",
    )
    phases.wrap(HistoryManager, "bulk_history_create", "history (build + insert)")
    phases.wrap(selectors, "load_scorecard_data", "load figures")
    phases.wrap(figures, "compute_figures", "compute figures")
    phases.wrap(publishing, "compute_figures", "compute figures")
    phases.wrap(snapshot.IndicatorData, "tolerances", "parse targets")
    phases.wrap(figures, "indicator_row", "shape rows")
    phases.wrap(selectors, "latest_publication", "load publication")
    phases.wrap(selectors, "published_data", "read snapshot")
    phases.wrap(publishing, "content_hash", "hash snapshot")
    phases.wrap(Publication, "save", "save publication")
    return phases


def worker(args: argparse.Namespace) -> None:
    """Runs in a fresh process whose environment names the database; prints one JSON line."""
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    from scorecards import selectors
    from scorecards.compute.periods import Month
    from scorecards.services.imports import import_workbook
    from scorecards.services.publishing import publish_scorecard

    as_at = Month.parse(args.as_at)

    def measured(name: str, call: Callable[[], Any]) -> tuple[Any, float, float]:
        """Times `call`; in a profiling run, also under cProfile into <prefix>_<name>.prof."""
        if not args.profile_to:
            return timed(call)
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
        try:
            return timed(call)
        finally:
            profiler.disable()
            profiler.dump_stats(f"{args.profile_to}_{name}.prof")

    result: dict[str, Any] = {
        "database": connection.vendor,
        "database_version": database_version(connection),
        "load_average_before": os.getloadavg(),
    }
    phases = install_phases()
    result["rss_before_import_mib"] = maxrss_mib()
    before = phases.mark()
    report, result["import_s"], result["import_cpu_s"] = measured("import", lambda: import_workbook(Path(args.workbook)))
    result["rss_after_import_mib"] = maxrss_mib()
    phase = {"import": phases.since(before)}
    result["phases_s"] = phase
    result["phases_not_found"] = phases.missing
    if not report.ok:
        raise SystemExit("import failed:\n" + "\n".join(report.lines()[:30]))
    result["import_counts"] = report.counts
    result["import_warnings"] = len(report.warnings)
    if args.import_only:
        result["load_average_after"] = os.getloadavg()
        print(RESULT_MARK + json.dumps(result))
        return
    scorecard = report.scorecard

    def export(live: bool) -> str:
        payload = selectors.scorecard_export(scorecard, as_at, live=live)
        # The export a reader gets is the JSON text, so serialising it is part of the time.
        start = time.perf_counter()
        text = json.dumps(payload, ensure_ascii=False)
        phases.seconds["serialise JSON"] = phases.seconds.get("serialise JSON", 0.0) + time.perf_counter() - start
        return text

    def repeat(live: bool) -> str:
        key = "export_live" if live else "export_published"
        times, cpu_times = [], []
        for number in range(args.repeats):
            before = phases.mark()
            if number == 0:
                text, seconds, cpu = measured(key, lambda: export(live))
                phase[key.replace("_", " ")] = phases.since(before)
            else:
                text, seconds, cpu = timed(lambda: export(live))
            times.append(seconds)
            cpu_times.append(cpu)
        # The median of the repeats within a run; the first call is kept as well.
        result[f"{key}_s"] = statistics.median(times)
        result[f"{key}_cpu_s"] = statistics.median(cpu_times)
        result[f"{key}_first_s"] = times[0]
        return text

    live_text = repeat(True)
    before = phases.mark()
    (publication, created), result["publish_s"], result["publish_cpu_s"] = measured(
        "publish", lambda: publish_scorecard(scorecard, as_at)
    )
    phase["publish"] = phases.since(before)
    assert created, "a fresh database must make a new issue"
    result["snapshot_bytes"] = len(json.dumps(publication.snapshot).encode("utf-8"))
    published_text = repeat(False)
    result["export_bytes"] = len(live_text.encode("utf-8"))
    live, published = json.loads(live_text), json.loads(published_text)
    result["export_rows"] = len(live["rows"])
    result["live_rows_equal_published"] = live["rows"] == published["rows"]
    if args.save_export:
        Path(args.save_export).write_text(json.dumps(live, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    result["rss_after_exports_mib"] = maxrss_mib()

    before = phases.mark()
    again, result["reimport_s"], result["reimport_cpu_s"] = timed(lambda: import_workbook(Path(args.workbook)))
    phase["re-import"] = phases.since(before)
    if not again.ok:
        raise SystemExit("re-import failed:\n" + "\n".join(again.lines()[:30]))
    result["reimport_counts"] = again.counts
    result["load_average_after"] = os.getloadavg()
    print(RESULT_MARK + json.dumps(result))


def database_version(connection) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


# -- databases -------------------------------------------------------------------------------


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SQLITE_PATH")}
    # DEBUG off: with it on, Django keeps every query's SQL in memory.
    env.update(DJANGO_SECRET_KEY="bench", DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="config.settings")
    return env


class Sqlite:
    name = "sqlite"

    def __init__(self) -> None:
        self.folder: str | None = None

    def fresh(self) -> dict[str, str]:
        self.drop()
        self.folder = tempfile.mkdtemp(prefix="panel-bench-")
        return {**base_env(), "DJANGO_SQLITE_PATH": str(Path(self.folder) / "bench.sqlite3")}

    def drop(self) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class Postgres:
    name = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url
        parts = urlsplit(url)
        self.database = parts.path.lstrip("/")
        self.role = parts.username or "panel"
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 5432
        self.ready = False

    def _connect_admin(self):
        import psycopg2

        # The role's own rights (CREATEDB) drop and create the database; no superuser needed.
        connection = psycopg2.connect(
            dbname="postgres", user=self.role, password=urlsplit(self.url).password, host=self.host, port=self.port
        )
        connection.autocommit = True
        return connection

    def prepare(self) -> None:
        if self.ready:
            return
        if subprocess.run(["pg_isready", "-h", self.host, "-p", str(self.port), "-q"]).returncode != 0:
            versions = sorted(os.listdir("/etc/postgresql"), key=lambda v: [int(p) for p in v.split(".")])
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"], check=True)
            for _ in range(30):
                if subprocess.run(["pg_isready", "-h", self.host, "-p", str(self.port), "-q"]).returncode == 0:
                    break
                time.sleep(1)
        try:
            self._connect_admin().close()
        except Exception:
            # First run on a machine: make the role as the postgres superuser (root only).
            command = f"CREATE ROLE {self.role} LOGIN CREATEDB"
            subprocess.run(["su", "postgres", "-c", f'psql -h {self.host} -p {self.port} -c "{command}"'], check=True)
        self.ready = True

    def fresh(self) -> dict[str, str]:
        self.prepare()
        connection = self._connect_admin()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{self.database}"')
        connection.close()
        return {**base_env(), "DATABASE_URL": self.url}

    def drop(self) -> None:
        connection = self._connect_admin()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        connection.close()


# -- driver ----------------------------------------------------------------------------------


def run_worker(env: dict[str, str], workbook: Path, args: argparse.Namespace, extra: list[str]) -> dict[str, Any]:
    command = [PYTHON, str(Path(__file__).resolve()), "--worker", "--workbook", str(workbook), "--as-at", args.as_at,
               "--repeats", str(args.repeats), *extra]
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if done.returncode != 0 or not lines:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"worker failed (exit {done.returncode})")
    return json.loads(lines[-1][len(RESULT_MARK):])


def migrate(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "--skip-checks", "-v", "0"], env=env, cwd=REPO, check=True)
    return round(time.perf_counter() - start, 3)


def wait_for_quiet(args: argparse.Namespace) -> None:
    """On a shared machine, wait (up to --max-wait) for others' load to fall below --max-load."""
    if args.max_load is None:
        return
    deadline = time.monotonic() + args.max_wait
    while os.getloadavg()[0] > args.max_load and time.monotonic() < deadline:
        time.sleep(5)


def one_run(database, workbook: Path, args: argparse.Namespace, extra: list[str]) -> dict[str, Any]:
    wait_for_quiet(args)
    env = database.fresh()
    try:
        migrate_s = migrate(env)
        result = run_worker(env, workbook, args, extra)
    finally:
        database.drop()
    result["migrate_s"] = migrate_s
    return result


def spread(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 4), "min": round(min(values), 4), "max": round(max(values), 4)}


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = [key for name, _, _ in MEASURES for key in (name, name.replace("_s", "_cpu_s"))]
    summary = {key: spread([run[key] for run in runs]) for key in dict.fromkeys(keys) if all(key in run for run in runs)}
    summary["load_average_1min_at_start"] = spread([run["load_average_before"][0] for run in runs])
    summary["import_peak_rss_mib"] = spread([run["rss_after_import_mib"] for run in runs])
    stages: dict[str, dict[str, float]] = {}
    for stage in runs[0]["phases_s"]:
        labels = dict.fromkeys(label for run in runs for label in run["phases_s"].get(stage, {}))
        stages[stage] = {
            label: round(statistics.median(run["phases_s"].get(stage, {}).get(label, 0.0) for run in runs), 4)
            for label in labels
        }
    summary["phases_median_s"] = stages
    return summary


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0].split()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import django

    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(int(meminfo[1]) / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "platform": platform.platform(),
    }


def source_state() -> dict[str, Any]:
    """The commit measured, and whether the work tree differed from it (read-only git calls)."""
    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    if os.environ.get("BENCH_SOURCE_COMMIT"):
        # A copy made with `git archive` has no .git: the caller names the commit it came from.
        return {"commit": os.environ["BENCH_SOURCE_COMMIT"], "uncommitted_changes": 0}
    # --no-optional-locks: a status that never rewrites the index of a tree others work in.
    status = git("--no-optional-locks", "status", "--porcelain", "--untracked-files=no")
    changed = [line for line in status.splitlines() if line]
    return {"commit": git("rev-parse", "--short", "HEAD") or None, "uncommitted_changes": len(changed)}


def table(results: dict[str, Any]) -> str:
    lines = [f"{'database':<10} {'measure':<26} {'median':>9} {'min':>9} {'max':>9} {'CPU med.':>9}  goal (median)"]
    for name, entry in results["databases"].items():
        for key, label, goal in MEASURES:
            if key not in entry["summary"]:
                continue
            s = entry["summary"][key]
            verdict = "" if goal is None else (f"< {goal:g} s " + ("met" if s["median"] < goal else "MISSED"))
            cpu = entry["summary"].get(key.replace("_s", "_cpu_s"))
            cpu_text = f"{cpu['median']:>8.3f}s" if cpu else f"{'':>9}"
            lines.append(
                f"{name:<10} {label:<26} {s['median']:>8.3f}s {s['min']:>8.3f}s {s['max']:>8.3f}s {cpu_text}  {verdict}"
            )
        load = entry["summary"]["load_average_1min_at_start"]
        lines.append(f"{name:<10} {'load average at run start':<26} {load['median']:>9.2f} {load['min']:>9.2f} {load['max']:>9.2f}")
        rss = entry["summary"]["import_peak_rss_mib"]
        lines.append(f"{name:<10} {'import peak RSS (MiB)':<26} {rss['median']:>9.0f} {rss['min']:>9.0f} {rss['max']:>9.0f}")
        if "xlsx_import_s" in entry:
            s = entry["xlsx_import_s"]
            lines.append(f"{name:<10} {'import of the .xlsx':<26} {s['median']:>8.3f}s {s['min']:>8.3f}s {s['max']:>8.3f}s")
            s = entry["xlsx_read_files_s"]
            lines.append(f"{name:<10} {'  reading the .xlsx':<26} {s['median']:>8.3f}s {s['min']:>8.3f}s {s['max']:>8.3f}s")
    lines.append("")
    lines.append("Where the time goes (median seconds per run; nested phases overlap, see README):")
    for name, entry in results["databases"].items():
        for stage, spent in entry["summary"]["phases_median_s"].items():
            parts = ", ".join(f"{label} {seconds:.3f}" for label, seconds in spent.items())
            lines.append(f"  {name:<9} {stage + ':':<17} {parts}")
    return "\n".join(lines)


def profile_run(database, workbook: Path, args: argparse.Namespace) -> list[Path]:
    """One extra run under cProfile (import, first live export, publish, first published
    export, each profiled on its own); writes the .prof files and their top functions as text.
    cProfile slows Python code about twofold, so these runs are not part of the figures."""
    import io
    import pstats

    prefix = OUTPUT / f"profile_{database.name}"
    one_run(database, workbook, args, ["--profile-to", str(prefix)])
    site = Path(sysconfig.get_paths()["purelib"])
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    written = []
    for name in ("import", "export_live", "publish", "export_published"):
        buffer = io.StringIO()
        stats = pstats.Stats(f"{prefix}_{name}.prof", stream=buffer)
        buffer.write(f"== {database.name} {name}: top functions by own time (tottime) ==\n")
        stats.sort_stats("tottime").print_stats(25)
        buffer.write(f"== {database.name} {name}: top functions by cumulative time ==\n")
        stats.sort_stats("cumulative").print_stats(50)
        # Paths relative to the repository, site-packages and the standard library, to be readable.
        text = buffer.getvalue().replace(f"{site}/", "").replace(f"{REPO}/", "").replace(f"{stdlib}/", "")
        path = Path(f"{prefix}_{name}.txt")
        path.write_text(text)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--as-at", default="2025-12", help="the month exported and published (YYYY-MM)")
    parser.add_argument("--repeats", type=int, default=3, help="export calls per run (the run's figure is their median)")
    parser.add_argument("--max-load", type=float, help="before each run, wait for the 1-minute load average "
                        "to fall below this (a shared machine)")
    parser.add_argument("--max-wait", type=float, default=300, help="seconds to wait for --max-load at most")
    parser.add_argument("--xlsx", action="store_true", help="also time importing the same workbook as .xlsx")
    parser.add_argument("--xlsx-runs", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="one extra run per database under cProfile (not counted)")
    # Internal: the per-run worker process.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workbook", help=argparse.SUPPRESS)
    parser.add_argument("--import-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--save-export", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    sys.path.insert(0, str(REPO))
    import generate_workbook

    OUTPUT.mkdir(exist_ok=True)
    start = time.perf_counter()
    sheets = generate_workbook.build(args.indicators)
    workbook = generate_workbook.write_csv_folder(sheets, OUTPUT / f"workbook-{args.indicators}")
    rows = generate_workbook.summary(sheets)
    print(f"Workbook: {workbook.relative_to(REPO)} ({', '.join(f'{k} {v:,}' for k, v in rows.items())}), "
          f"generated in {time.perf_counter() - start:.1f} s")
    xlsx = None
    if args.xlsx:
        start = time.perf_counter()
        xlsx = generate_workbook.write_xlsx(sheets, OUTPUT / f"workbook-{args.indicators}.xlsx")
        print(f"Workbook as .xlsx: {xlsx.relative_to(REPO)}, written in {time.perf_counter() - start:.1f} s")

    databases = []
    if args.database in ("sqlite", "both"):
        databases.append(Sqlite())
    if args.database in ("postgres", "both"):
        databases.append(Postgres(args.postgres_url))

    results: dict[str, Any] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "source": source_state(),
        "workbook": {"format": "folder of CSV files", "rows": rows, "indicators": args.indicators,
                     "xlsx": xlsx is not None},
        "as_at": args.as_at,
        "runs": args.runs,
        "export_repeats_per_run": args.repeats,
        "goals_s": {"import": IMPORT_GOAL_S, "export": EXPORT_GOAL_S},
        "databases": {},
    }
    for database in databases:
        runs = []
        for number in range(1, args.runs + 1):
            extra = ["--save-export", str(OUTPUT / f"export_{database.name}_{args.as_at}.json")] if number == 1 else []
            run = one_run(database, workbook, args, extra)
            runs.append(run)
            print(f"{database.name} run {number}/{args.runs}: import {run['import_s']:.2f} s "
                  f"(peak {run['rss_after_import_mib']:.0f} MiB), export live {run['export_live_s']:.3f} s, "
                  f"publish {run['publish_s']:.3f} s, export published {run['export_published_s']:.3f} s, "
                  f"re-import {run['reimport_s']:.2f} s", flush=True)
        entry: dict[str, Any] = {"database_version": runs[0]["database_version"], "summary": summarise(runs), "runs": runs}
        if xlsx is not None:
            xlsx_runs = [one_run(database, xlsx, args, ["--import-only"]) for _ in range(args.xlsx_runs)]
            entry["xlsx_import_s"] = spread([r["import_s"] for r in xlsx_runs])
            entry["xlsx_import_peak_rss_mib"] = spread([r["rss_after_import_mib"] for r in xlsx_runs])
            entry["xlsx_read_files_s"] = spread([r["phases_s"]["import"]["read files"] for r in xlsx_runs])
            print(f"{database.name} .xlsx import: {entry['xlsx_import_s']['median']:.2f} s, of which reading "
                  f"the file {entry['xlsx_read_files_s']['median']:.2f} s "
                  f"(peak {entry['xlsx_import_peak_rss_mib']['median']:.0f} MiB)", flush=True)
        if args.profile:
            entry["profiles"] = [str(path.relative_to(REPO)) for path in profile_run(database, workbook, args)]
            print(f"{database.name} profiles: {', '.join(entry['profiles'])}", flush=True)
        results["databases"][database.name] = entry

    (OUTPUT / "import_export.json").write_text(json.dumps(results, indent=1) + "\n")
    print()
    print(f"{args.runs} run(s) per database, {results['machine']['nproc']} CPUs, "
          f"{results['machine']['memory_gib']} GiB; as at {args.as_at}; commit {results['source']['commit']}"
          f" ({results['source']['uncommitted_changes']} files changed since)")
    print(table(results))
    print(f"\nWrote {(OUTPUT / 'import_export.json').relative_to(REPO)}")


if __name__ == "__main__":
    main()
