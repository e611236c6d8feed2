"""PDF benchmark: the 76-row demo scorecard (Safeguarding Children and Families, March 2016).

A fresh SQLite database in a temporary folder, `migrate`, `load_demo()`, then `scorecard_pdf`
timed --runs times (default 5) after one warm-up run (imports, font loading, template
compilation), with the publication read once as the download view reads it. Reports the median
wall-clock and CPU seconds: on a shared machine the CPU figure shows the work itself, the wall
figure what a councillor waits.

    .venv/bin/python bench/pdf.py [--runs 5]
    .venv/bin/python bench/pdf.py --downloads [--runs 5]

Goal (issue): under 10 s. Writes bench/output/pdf.json and the last PDF,
bench/output/safeguarding-children-families-2016-03.pdf.

--downloads times the download itself, as a reader meets it: GET .../2016-03/scorecard.pdf
through Django's test client, with MEDIA_ROOT in the temporary folder (empty at the start).
The first download renders the publication's PDF and stores it (scorecards/pdf_store.py); then
--runs repeat downloads serve the stored bytes. No warm-up: the first download is the cold one
a councillor waits for after a deploy (imports and fonts included), and a second process-cold
figure is not measured. Writes bench/output/pdf_downloads.json.
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
    parser.add_argument("--downloads", action="store_true", help="first and repeat downloads through the view")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-pdf-")
    try:
        (run_downloads if args.downloads else run_benchmark)(folder, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def set_up_django(folder: str) -> None:
    # Before Django reads its settings: a database and media folder of our own, never the developer's.
    os.environ["DJANGO_SECRET_KEY"] = "bench"
    os.environ["DJANGO_SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
    os.environ["DJANGO_MEDIA_ROOT"] = str(Path(folder) / "media")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(REPO))

    import django

    django.setup()


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end"


def rows() -> int:
    from scorecards import selectors
    from scorecards.compute.periods import Month
    from scorecards.models import Scorecard

    view = selectors.scorecard_view(Scorecard.objects.get(slug=SLUG), Month.parse(AS_AT), live=False)
    return len(view.rows)


def run_downloads(folder: str, runs: int) -> None:
    set_up_django(folder)
    from django.core.management import call_command
    from django.test import Client

    from portal.demo import load_demo
    from scorecards import pdf_store

    call_command("migrate", verbosity=0, interactive=False)
    load_demo()
    client = Client()
    url = f"/scorecards/{SLUG}/{AS_AT}/scorecard.pdf"

    def download() -> tuple[bytes, float, float]:
        started_wall, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response.content, round(time.perf_counter() - started_wall, 3), round(time.process_time() - started_cpu, 3)

    pdf, first_wall, first_cpu = download()
    print(f"first download (renders and stores): {first_wall:.2f} s wall, {first_cpu:.2f} s CPU", flush=True)
    stored = list((Path(folder) / "media" / pdf_store.FOLDER).rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == pdf, stored
    wall: list[float] = []
    cpu: list[float] = []
    for run in range(runs):
        again, seconds, cpu_seconds = download()
        assert again == pdf
        wall.append(seconds)
        cpu.append(cpu_seconds)
        print(f"repeat {run + 1}: {seconds * 1000:.1f} ms wall, {cpu_seconds * 1000:.1f} ms CPU", flush=True)

    OUTPUT.mkdir(exist_ok=True)
    result = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "scorecard": SLUG,
        "as_at": AS_AT,
        "url": url,
        "rows": rows(),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "bytes": len(pdf),
        "stored_as": str(stored[0].relative_to(Path(folder) / "media")),
        "first_wall_s": first_wall,
        "first_cpu_s": first_cpu,
        "repeats": runs,
        "repeat_wall_s": wall,
        "repeat_cpu_s": cpu,
        "median_repeat_wall_s": statistics.median(wall),
        "median_repeat_cpu_s": statistics.median(cpu),
        "python": platform.python_version(),
        "machine": machine(),
    }
    (OUTPUT / "pdf_downloads.json").write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"scorecard.pdf download, {result['rows']} rows, {result['pages']} pages, {len(pdf):,} bytes: first {first_wall:.2f} s wall "
        f"({first_cpu:.2f} s CPU); repeat median {result['median_repeat_wall_s'] * 1000:.1f} ms wall "
        f"({result['median_repeat_cpu_s'] * 1000:.1f} ms CPU) of {runs}"
    )


def run_benchmark(folder: str, runs: int) -> None:
    set_up_django(folder)
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
    rows = len(view.rows)

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
        "machine": machine(),
    }
    (OUTPUT / "pdf.json").write_text(json.dumps(result, indent=2) + "\n")
    verdict = "within" if result["median_wall_s"] < GOAL_S else "OVER"
    print(
        f"scorecard_pdf, {rows} rows, {pages} pages: median {result['median_wall_s']:.2f} s wall "
        f"({result['median_cpu_s']:.2f} s CPU) of {runs} runs, {verdict} the {GOAL_S:.0f} s goal"
    )


if __name__ == "__main__":
    main()
