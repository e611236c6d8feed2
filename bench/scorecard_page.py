#!/usr/bin/env python
"""Scorecard page benchmark: gunicorn vs Datasette vs a static file, in one run.

    .venv/bin/pip install -r bench/requirements.txt   # Datasette, for the benchmark only
    .venv/bin/python bench/scorecard_page.py [--duration 20] [--max-load 1.0] [--profile 200]

What it does, all on 127.0.0.1:

1. Builds a fresh SQLite demo database in bench/output/scorecard_page/ (migrate + load_demo) in
   production mode: DJANGO_DEBUG unset, DJANGO_SECRET_KEY=bench.
2. Starts gunicorn (2 sync workers) on `bench.scorecard_page:wsgi_app(...)`: the project's own
   `config.wsgi.application`, wrapped in `whitenoise.WhiteNoise` with an extra root holding one
   static file, so the page and the static file are served by the same server. Application code
   and settings are untouched.
3. Fetches the published March 2016 page once (200, size), writes a static file of exactly that
   size (the page's own bytes), and restarts gunicorn, because WhiteNoise scans its root when a
   worker starts.
4. Exports the page's 76 rows, cell for cell as the page prints them, from the published JSON into
   a SQLite table and serves it with `datasette serve` (its table page: default page size 100, so
   all 76 rows on one page).
5. Runs `wrk -t2 -c8 -d<duration>s --timeout 30s --latency` against each URL in turn, with a Lua
   `done()` hook for the median and the 95th percentile (wrk's --latency prints 50/75/90/99
   only). The 1-minute load average before and after each run is recorded: wrk, the servers and
   anything else on the machine share its CPUs, so a busy machine shows up there.
6. Prints requests/s, median and p95 and writes bench/output/scorecard_page.json.

No page cache: the project has no cache middleware and wrk sends no conditional requests, so the
Django figure is a full render per request.

`--profile N` then profiles N Django test-client requests of the page in a child process
(cProfile), writing bench/output/scorecard_page.prof and a text summary beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench" / "output"
WORK = OUTPUT / "scorecard_page"
RESULT_FILE = OUTPUT / "scorecard_page.json"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DATASETTE = ROOT / ".venv" / "bin" / "datasette"

HOST = "127.0.0.1"  # loopback only, for every server and every request
SLUG = "safeguarding-children-families"
AS_AT = "2016-03"
EXPECTED_ROWS = 76
PAGE_PATH = f"/scorecards/{SLUG}/{AS_AT}/"
JSON_PATH = f"/scorecards/{SLUG}/{AS_AT}.json"
STATIC_PREFIX = "bench-static/"
STATIC_NAME = "scorecard-page.html"
DATASETTE_DB_NAME = "scorecard"
DATASETTE_TABLE = "indicators"

GOAL_RATIO = Decimal(2)
GOAL_MEDIAN_MS = Decimal(50)

WRK_LUA = """
-- Prints one machine-readable line; wrk's own --latency table has no 95th percentile.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def wsgi_app(static_root: str):
    """gunicorn factory (`bench.scorecard_page:wsgi_app('<dir>')`): the project's WSGI application
    with WhiteNoise serving `<dir>` under /bench-static/, so the static file and the page share
    one server and one set of workers."""
    from whitenoise import WhiteNoise

    from config.wsgi import application

    return WhiteNoise(application, root=static_root, prefix=STATIC_PREFIX)


# --- processes -------------------------------------------------------------------------------


def django_env(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="bench",
        DJANGO_SQLITE_PATH=str(database),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_COOKIES="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """A server in its own process group, so stopping it also stops its workers."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], port: int, ready_path: str) -> None:
        self.name = name
        self.port = port
        self.log_path = WORK / f"{name}.log"
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.wait_ready(ready_path)

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def wait_ready(self, path: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.process.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url(path), timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self.log.close()


def start_gunicorn(database: Path, static_root: Path, port: int) -> Server:
    command = [
        str(GUNICORN),
        f"bench.scorecard_page:wsgi_app({str(static_root)!r})",
        "--chdir", str(ROOT),
        "--workers", "2",
        "--worker-class", "sync",
        "--bind", f"{HOST}:{port}",
        # No --access-logfile: gunicorn's default is no access log. No control socket either,
        # so that this run never collides with another gunicorn on the machine.
        "--no-control-socket",
    ]
    return Server("gunicorn", command, django_env(database), port, ready_path=PAGE_PATH)


def start_datasette(database: Path, port: int) -> Server:
    command = [str(DATASETTE), "serve", str(database), "-h", HOST, "-p", str(port)]
    env = {k: v for k, v in os.environ.items()}
    return Server("datasette", command, env, port, ready_path="/-/versions.json")


def fetch(url: str) -> tuple[int, bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read(), dict(response.headers)


# --- data ------------------------------------------------------------------------------------


def build_database(database: Path) -> None:
    for path in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        path.unlink(missing_ok=True)
    env = django_env(database)
    for args in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
        subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def datasette_rows(export: dict[str, Any]) -> tuple[list[str], list[tuple[str, ...]]]:
    """The page's 23 columns, each cell the text the page prints (figures with their unit suffix,
    benchmarks with their year), from the published JSON."""
    sys.path.insert(0, str(ROOT))
    from scorecards.compute.vocabulary import BenchmarkMeasure
    from scorecards.presentation import dot_display, figure_text

    periods: list[str] = export["periods"]
    rows = export["rows"]
    years = list(rows[0]["outturns"])
    columns = [
        "number", "name", "polarity", "data_note",
        *periods, "ytd", "direction_of_travel", "rag_in_month", "rag_year_end",
        "red", "amber", "green",
        *[f"outturn_{year}" for year in years],
        *BenchmarkMeasure.labels().values(),
    ]
    table: list[tuple[str, ...]] = []
    for row in rows:
        unit = row["unit"]
        target = row["target"] or {}
        dot = dot_display(row["dot"])
        benchmarks = []
        for measure in BenchmarkMeasure:
            benchmark = row["benchmarks"].get(measure)
            if benchmark is None:
                benchmarks.append("-")
            else:
                text = figure_text(benchmark["value"], unit)
                benchmarks.append(f"{text} ({benchmark['year']})" if benchmark["year"] else text)
        table.append((
            row["number"], row["name"], row["polarity"], row["data_note"],
            *[figure_text(row["values"].get(period), unit) for period in periods],
            figure_text(row["ytd"], unit),
            dot.words if dot else "no comparison",
            row["rag"]["in_month"] or "", row["rag"]["year_end"] or "",
            target.get("red") or "-", target.get("amber") or "-", target.get("green") or "-",
            *[figure_text(row["outturns"].get(year), unit) for year in years],
            *benchmarks,
        ))
    return columns, table


def write_datasette_db(path: Path, export: dict[str, Any]) -> int:
    path.unlink(missing_ok=True)
    columns, table = datasette_rows(export)
    quoted = ", ".join(f'"{name}" TEXT' for name in columns)
    with sqlite3.connect(path) as connection:
        connection.execute(f'CREATE TABLE "{DATASETTE_TABLE}" ({quoted})')
        connection.executemany(
            f'INSERT INTO "{DATASETTE_TABLE}" VALUES ({", ".join("?" for _ in columns)})', table
        )
    connection.close()
    return len(columns)


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Measurement:
    label: str
    url: str
    response_bytes: int
    requests: int
    duration_s: Decimal
    requests_per_s: Decimal
    p50_ms: Decimal
    p95_ms: Decimal
    p99_ms: Decimal
    max_ms: Decimal
    errors: dict[str, int]
    wrk_requests_per_s: Decimal  # wrk's own "Requests/sec" line, as a cross-check
    wrk_p50: str
    wrk_p99: str
    # 1-minute load average before and after: other work on the machine shows up here.
    load_before: str
    load_after: str

    def as_json(self) -> dict[str, Any]:
        # Strings for the figures, like the project's own JSON export: no float anywhere.
        return {
            key: (str(value) if isinstance(value, Decimal) else value) for key, value in self.__dict__.items()
        }


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def ms(microseconds: str) -> Decimal:
    return (Decimal(microseconds) / 1000).quantize(Decimal("0.01"), ROUND_HALF_UP)


def warm_up(url: str, count: int = 10) -> None:
    for _ in range(count):
        fetch(url)


def wait_for_quiet(max_load: Decimal | None, max_wait: int) -> None:
    """On a shared machine, wait (bounded) for the 1-minute load average to fall below max_load."""
    if max_load is None:
        return
    deadline = time.monotonic() + max_wait
    while Decimal(load_average()) >= max_load and time.monotonic() < deadline:
        time.sleep(5)
    if Decimal(load_average()) >= max_load:
        print(f"  load average still {load_average()} after {max_wait} s; measuring anyway", flush=True)


def run_wrk(
    label: str, url: str, response_bytes: int, duration: int, lua: Path, max_load: Decimal | None, max_wait: int
) -> Measurement:
    wait_for_quiet(max_load, max_wait)
    warm_up(url)
    # --timeout 30s: wrk's default of 2 s drops slower responses from the latency figures, which
    # would flatter a slow page; a 30 s timeout keeps every response in the histogram.
    command = ["wrk", "-t2", "-c8", f"-d{duration}s", "--timeout", "30s", "--latency", "-s", str(lua), url]
    load_before = load_average()
    print(f"  wrk {label}: {' '.join(command[1:])}", flush=True)
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120, check=True)
    (WORK / f"wrk-{re.sub(r'[^a-z]+', '-', label.lower()).strip('-')}.txt").write_text(completed.stdout)
    summary = re.search(r"^BENCH (.*)$", completed.stdout, re.MULTILINE)
    if summary is None:
        raise RuntimeError(f"wrk printed no summary for {label}:\n{completed.stdout}\n{completed.stderr}")
    fields = dict(pair.split("=") for pair in summary.group(1).split())
    wrk_rps = re.search(r"^Requests/sec:\s+([\d.]+)", completed.stdout, re.MULTILINE)
    wrk_p50 = re.search(r"^\s+50%\s+(\S+)", completed.stdout, re.MULTILINE)
    wrk_p99 = re.search(r"^\s+99%\s+(\S+)", completed.stdout, re.MULTILINE)
    duration_s = Decimal(fields["duration_us"]) / 1_000_000
    return Measurement(
        load_before=load_before,
        load_after=load_average(),
        label=label,
        url=url,
        response_bytes=response_bytes,
        requests=int(fields["requests"]),
        duration_s=duration_s.quantize(Decimal("0.001")),
        requests_per_s=(Decimal(fields["requests"]) / duration_s).quantize(Decimal("0.01"), ROUND_HALF_UP),
        p50_ms=ms(fields["p50_us"]),
        p95_ms=ms(fields["p95_us"]),
        p99_ms=ms(fields["p99_us"]),
        max_ms=ms(fields["max_us"]),
        errors={name: int(fields[name]) for name in ("connect", "read", "write", "status", "timeout")},
        wrk_requests_per_s=Decimal(wrk_rps.group(1)) if wrk_rps else Decimal(0),
        wrk_p50=wrk_p50.group(1) if wrk_p50 else "",
        wrk_p99=wrk_p99.group(1) if wrk_p99 else "",
    )


def command_version(command: list[str]) -> str:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except OSError:
        return "not found"
    return (completed.stdout or completed.stderr).strip().splitlines()[0] if (completed.stdout or completed.stderr) else ""


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("Django", "gunicorn", "whitenoise", "datasette", "uvicorn"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    found["wrk"] = command_version(["wrk", "-v"])
    found["python"] = platform.python_version()
    found["commit"] = command_version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    return found


def uncommitted_files() -> list[str]:
    """Tracked files that differ from the commit (read-only `git diff`): the figures are of the
    work tree, which may be ahead of the commit."""
    completed = subprocess.run(
        ["git", "-C", str(ROOT), "diff", "--name-only", "HEAD"], capture_output=True, text=True, timeout=30
    )
    return completed.stdout.split() if completed.returncode == 0 else []


def print_table(measurements: list[Measurement]) -> None:
    header = (
        f"{'':<36} {'requests/s':>11} {'median ms':>10} {'p95 ms':>9} {'p99 ms':>9} {'bytes':>8} {'errors':>7}"
        f" {'load':>11}"
    )
    print(header)
    print("-" * len(header))
    for m in measurements:
        print(
            f"{m.label:<36} {m.requests_per_s:>11} {m.p50_ms:>10} {m.p95_ms:>9} {m.p99_ms:>9} "
            f"{m.response_bytes:>8} {sum(m.errors.values()):>7} {m.load_before + '>' + m.load_after:>11}"
        )


# --- profiling -------------------------------------------------------------------------------


PROFILE_CHILD = """
import cProfile, io, pstats, sys
import django
django.setup()
from django.test import Client
count, prof_path, text_path, page = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
client = Client(SERVER_NAME="127.0.0.1")
if client.get(page).status_code != 200:  # also warms imports, templates and the URL resolver
    sys.exit("the page did not answer 200")
profiler = cProfile.Profile()
profiler.enable()
statuses = {client.get(page).status_code for _ in range(count)}
profiler.disable()
if statuses != {200}:
    sys.exit(f"the page answered {statuses}")
profiler.dump_stats(prof_path)
out = io.StringIO()
stats = pstats.Stats(profiler, stream=out)
stats.sort_stats("cumulative").print_stats(60)
stats.sort_stats("tottime").print_stats(40)
with open(text_path, "w") as handle:
    handle.write(out.getvalue())
"""


def profile(database: Path, count: int) -> dict[str, str]:
    prof_path = OUTPUT / "scorecard_page.prof"
    text_path = OUTPUT / "scorecard_page_profile.txt"
    started = time.perf_counter_ns()
    subprocess.run(
        [str(PYTHON), "-c", PROFILE_CHILD, str(count), str(prof_path), str(text_path), PAGE_PATH],
        cwd=ROOT, env=django_env(database), check=True, timeout=1800,
    )
    elapsed = (Decimal(time.perf_counter_ns() - started) / 1_000_000_000).quantize(Decimal("0.1"))
    print(f"profile of {count} requests (under cProfile, {elapsed} s): {text_path}")
    return {"requests": str(count), "prof": str(prof_path), "text": str(text_path)}


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per URL (default 20)")
    parser.add_argument(
        "--max-load", type=Decimal, default=None, metavar="L",
        help="before each wrk run, wait for the 1-minute load average to fall below L (shared machines)",
    )
    parser.add_argument("--max-wait", type=int, default=300, help="longest wait for --max-load, seconds (300)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also cProfile N test-client requests")
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2
    if not DATASETTE.exists():
        print("Datasette is not installed: .venv/bin/pip install -r bench/requirements.txt", file=sys.stderr)
        return 2

    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    static_root = WORK / "static"
    static_root.mkdir()
    database = WORK / "demo.sqlite3"
    datasette_db = WORK / f"{DATASETTE_DB_NAME}.db"
    lua = WORK / "percentiles.lua"
    lua.write_text(WRK_LUA)

    if os.getloadavg()[0] > 1.0:
        print(f"warning: load average {load_average()} before the run; other work will skew the figures")
    # Read before the servers start: the work tree may change while the benchmark runs.
    code_state = {"versions": versions(), "uncommitted_files": uncommitted_files()}
    print(f"building the demo database: {database}", flush=True)
    build_database(database)

    servers: list[Server] = []
    try:
        # First start: fetch the page and its JSON, then write the static file. WhiteNoise lists
        # its root when a worker boots, so gunicorn is restarted once the file exists.
        gunicorn = start_gunicorn(database, static_root, free_port())
        servers.append(gunicorn)
        status, page, headers = fetch(gunicorn.url(PAGE_PATH))
        if status != 200:
            raise RuntimeError(f"page answered {status}")
        _, json_body, _ = fetch(gunicorn.url(JSON_PATH))
        export = json.loads(json_body)
        if export["figures"] != "published" or len(export["rows"]) != EXPECTED_ROWS:
            raise RuntimeError(f"expected {EXPECTED_ROWS} published rows, got {len(export['rows'])} {export['figures']}")
        gunicorn.stop()
        servers.remove(gunicorn)

        (static_root / STATIC_NAME).write_bytes(page)
        columns = write_datasette_db(datasette_db, export)
        print(f"page: {len(page)} bytes, {len(export['rows'])} rows; Cache-Control: {headers.get('Cache-Control', '(none)')}")

        gunicorn = start_gunicorn(database, static_root, free_port())
        servers.append(gunicorn)
        datasette = start_datasette(datasette_db, free_port())
        servers.append(datasette)

        page_url = gunicorn.url(PAGE_PATH)
        static_url = gunicorn.url(f"/{STATIC_PREFIX}{STATIC_NAME}")
        table_url = datasette.url(f"/{DATASETTE_DB_NAME}/{DATASETTE_TABLE}")

        status, body, _ = fetch(page_url)
        if status != 200 or len(body) != len(page):
            raise RuntimeError(f"page answered {status} with {len(body)} bytes after the restart")
        status, body, static_headers = fetch(static_url)
        if status != 200 or body != page:
            raise RuntimeError(f"whitenoise answered {status} and not the page's bytes at {static_url}")
        status, table_html, _ = fetch(table_url)
        if status != 200:
            raise RuntimeError(f"Datasette's table page answered {status}")
        if f"{EXPECTED_ROWS} rows" not in table_html.decode():
            raise RuntimeError(f"Datasette's table page does not say '{EXPECTED_ROWS} rows'")
        _, table_json, _ = fetch(table_url + ".json?_shape=objects")
        shown = len(json.loads(table_json)["rows"])
        if shown != EXPECTED_ROWS:
            raise RuntimeError(f"Datasette's table page shows {shown} rows, not {EXPECTED_ROWS}")
        print(f"Datasette table page: {len(table_html)} bytes, {shown} rows x {columns} columns")

        targets = [
            ("scorecard page (Django, uncached)", page_url, len(page)),
            ("Datasette table page", table_url, len(table_html)),
            ("static file (whitenoise)", static_url, len(page)),
        ]
        measurements = [
            run_wrk(label, url, size, args.duration, lua, args.max_load, args.max_wait) for label, url, size in targets
        ]
    finally:
        for server in reversed(servers):
            server.stop()

    page_m, datasette_m, static_m = measurements
    ratio = (page_m.requests_per_s / datasette_m.requests_per_s).quantize(Decimal("0.01"), ROUND_HALF_UP)
    throughput_met = page_m.requests_per_s >= GOAL_RATIO * datasette_m.requests_per_s
    median_met = page_m.p50_ms < GOAL_MEDIAN_MS

    print()
    print(f"wrk -t2 -c8 -d{args.duration}s on {HOST}, {os.cpu_count()} CPUs; gunicorn 2 sync workers; no page cache")
    print_table(measurements)
    print()
    print(f"page / Datasette requests/s: {ratio}x (goal >= {GOAL_RATIO}x): {'met' if throughput_met else 'NOT met'}")
    print(f"page median: {page_m.p50_ms} ms (goal < {GOAL_MEDIAN_MS} ms): {'met' if median_met else 'NOT met'}")
    if any(sum(m.errors.values()) for m in measurements):
        print("warning: wrk counted errors (see the errors column and bench/output/scorecard_page/)")

    result: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": f"wrk -t2 -c8 -d{args.duration}s --timeout 30s --latency -s percentiles.lua",
        "host": HOST,
        "cpus": os.cpu_count(),
        "gunicorn": "2 sync workers, no access log, DEBUG off, SQLite, CONN_MAX_AGE default (0)",
        "page_cache": "none",
        "max_load": str(args.max_load) if args.max_load is not None else None,
        "page": {"path": PAGE_PATH, "bytes": len(page), "rows": EXPECTED_ROWS},
        "datasette": {"table": f"/{DATASETTE_DB_NAME}/{DATASETTE_TABLE}", "rows": shown, "columns": columns},
        "static": {"path": f"/{STATIC_PREFIX}{STATIC_NAME}", "content_type": static_headers.get("Content-Type", "")},
        **code_state,
        "results": [m.as_json() for m in measurements],
        "goal": {
            "page_over_datasette_requests_per_s": str(ratio),
            "throughput_goal_met": throughput_met,
            "median_goal_met": median_met,
            "met": throughput_met and median_met,
        },
    }
    if args.profile:
        result["profile"] = profile(database, args.profile)
    RESULT_FILE.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written: {RESULT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
