"""PDF benchmark: the 76-row demo scorecard (Safeguarding Children and Families, March 2016).

A fresh SQLite database in a temporary folder, `migrate`, `load_demo()`, then `scorecard_pdf`
timed --runs times (default 5) after one warm-up run (imports, font loading, template
compilation), with the publication read once as the download view reads it. Reports the median
wall-clock and CPU seconds: on a shared machine the CPU figure shows the work itself, the wall
figure what a councillor waits.

    .venv/bin/python bench/pdf.py [--runs 5]

Goal (issue): under 10 s. Writes bench/output/pdf.json and the last PDF,
bench/output/safeguarding-children-families-2016-03.pdf.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from pypdf import PdfReader

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUTPUT = BENCH / "output"
GOAL_S = 10.0
SLUG = "safeguarding-children-families"
AS_AT = "2016-03"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-pdf-")
    try:
        run_benchmark(folder, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_benchmark(folder: str, runs: int) -> None:
    # Before Django reads its settings: a database of our own, never the developer's.
    os.environ["DJANGO_SECRET_KEY"] = "bench"
    os.environ["DJANGO_SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(REPO))

    import django

    django.setup()
    from django.core.management import call_command

    from scorecards import selectors
    from scorecards.compute.periods import Month
    from scorecards.models import Scorecard
    from scorecards.pdf import scorecard_pdf
    from portal.demo import load_demo

    call_command("migrate", verbosity=0, interactive=False)
    load_demo()
    scorecard = Scorecard.objects.get(slug=SLUG)
    view = selectors.scorecard_view(scorecard, Month.parse(AS_AT), live=False)
    rows = len(view.export["rows"])

    scorecard_pdf(view)  # warm-up
    wall: list[float] = []
    cpu: list[float] = []
    pdf = b""
    for run in range(runs):
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        pdf = scorecard_pdf(view)
        wall.append(round(time.perf_counter() - started_wall, 3))
        cpu.append(round(time.process_time() - started_cpu, 3))
        print(f"run {run + 1}: {wall[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU", flush=True)

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / f"{SLUG}-{AS_AT}.pdf").write_bytes(pdf)
    result = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "scorecard": SLUG,
        "as_at": AS_AT,
        "rows": rows,
        "pages": pages,
        "bytes": len(pdf),
        "runs": runs,
        "wall_s": wall,
        "cpu_s": cpu,
        "median_wall_s": statistics.median(wall),
        "median_cpu_s": statistics.median(cpu),
        "goal_s": GOAL_S,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end",
    }
    (OUTPUT / "pdf.json").write_text(json.dumps(result, indent=2) + "\n")
    verdict = "within" if result["median_wall_s"] < GOAL_S else "OVER"
    print(
        f"scorecard_pdf, {rows} rows, {pages} pages: median {result['median_wall_s']:.2f} s wall "
        f"({result['median_cpu_s']:.2f} s CPU) of {runs} runs, {verdict} the {GOAL_S:.0f} s goal"
    )


if __name__ == "__main__":
    main()
