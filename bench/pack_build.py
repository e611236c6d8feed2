"""Agenda pack benchmark: a pack of about 100 pages built from a 20-item meeting (issue 16).

A fresh SQLite database in a temporary folder, `migrate`, `load_demo()` (for the Corporate
Parenting scorecard as published for December 2020, 41 indicators), then a meeting of the
Corporate Parenting Panel with 20 items: the previous meeting's minutes, the performance report
with that publication as its appendix, 10 uploaded PDFs (3 to 6 pages each, 43 in all) each
behind its item's title sheet, 3 written reports (one exempt) and the performance report's
cover, and standard items without papers.
`build_pack` is timed --runs times (default 3) after one warm-up build (imports, fonts,
templates): the median wall-clock and CPU seconds, and the peak memory the build adds
(tracemalloc, in a run of its own, since tracing slows Python down).

    .venv/bin/python bench/pack_build.py [--runs 3]

Goal (issue): under 10 s. Writes bench/output/pack_build.json and the last members' pack,
bench/output/pack-members.pdf.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, time as clock, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUTPUT = BENCH / "output"
GOAL_S = 10.0
PARAGRAPH = (
    "Officers reported progress on placements, caseloads and health assessments for children in care, "
    "and the Panel asked how the service would sustain it through the spring. "
) * 5


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


def upload_pdf(pages: int, label: str) -> bytes:
    import weasyprint

    html = "".join(
        f'<h1>{label}</h1><p>Page {n} of {pages}.</p>' + f"<p>{PARAGRAPH}</p>" * 4 + '<div style="break-after: page"></div>'
        for n in range(1, pages + 1)
    )
    return weasyprint.HTML(string=html).write_pdf()


def make_meeting():
    from django.core.files.base import ContentFile

    from meetings.models import AgendaItem, Committee, Document, Meeting
    from meetings.vocabulary import DocumentKind, ItemType
    from scorecards.models import Publication

    committee = Committee.objects.get(slug="corporate-parenting-panel")
    publication = Publication.objects.filter(scorecard__slug="corporate-parenting", as_at=date(2020, 12, 1)).latest("issue")
    meeting = Meeting.objects.create(
        committee=committee, date=date(2021, 3, 30), start_time=clock(15, 30), is_virtual=True, venue="Virtual Meeting",
        contact="Governance Advisor", signed_by="Sharon Kemp, Chief Executive.",
    )
    numbers = iter(range(1, 21))

    def item(title: str, item_type=ItemType.REPORT, **fields) -> AgendaItem:
        number = next(numbers)
        return AgendaItem.objects.create(
            meeting=meeting, number=number, order=number, title=title, item_type=item_type,
            description=f"To receive a report in respect of {title.lower()}.", **fields,
        )

    item("Apologies for Absence", ItemType.APOLOGIES)
    item("Minutes of the previous meeting", ItemType.MINUTES, previous_meeting_date=date(2021, 3, 2))
    item("Declarations of Interest", ItemType.DECLARATIONS)
    item("Exclusion of the Press and Public", ItemType.EXCLUSION)
    performance = item("Corporate Parenting Performance Report", ItemType.PERFORMANCE_REPORT, publication=publication)
    Document.objects.create(agenda_item=performance, order=1, kind=DocumentKind.COVER_REPORT, title="Performance report",
                            text="## Summary\n\n" + (PARAGRAPH + "\n\n") * 4)
    for index in range(10):
        report = item(f"Inspection report {index + 1}")
        pages = 3 + index % 4
        document = Document(agenda_item=report, order=1, kind=DocumentKind.APPENDIX, label="1",
                            title=f"Inspection report {index + 1}", original_name=f"inspection-{index + 1}.pdf")
        document.file.save(document.original_name, ContentFile(upload_pdf(pages, f"Inspection report {index + 1}")), save=False)
        document.save()
    for index in range(3):
        report = item(f"Service update {index + 1}", exempt=index == 2, exempt_paragraphs=[1, 2] if index == 2 else [])
        Document.objects.create(agenda_item=report, order=1, kind=DocumentKind.COVER_REPORT, title=f"Service update {index + 1}",
                                text="## Summary\n\n" + (PARAGRAPH + "\n\n") * 6 + "## Recommendations\n\n1. That the report be noted.\n")
    item("Work Programme", ItemType.WORK_PROGRAMME)
    item("Urgent Business", ItemType.URGENT_BUSINESS)
    return meeting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-pack-")
    try:
        run(folder, args.runs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: str, runs: int) -> None:
    set_up_django(folder)
    from django.core.management import call_command

    from meetings.pack_build import build_pack
    from portal.demo import load_demo

    call_command("migrate", verbosity=0)
    load_demo()
    meeting = make_meeting()

    build_pack(meeting)  # warm-up: imports, fonts, templates, the publication's content
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        built = build_pack(meeting)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    tracemalloc.start()
    build_pack(meeting)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "pack-members.pdf").write_bytes(built.members_pdf)
    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end",
        "pages": built.page_count,
        "runs": runs,
        "wall_seconds": {"median": statistics.median(walls), "min": min(walls), "max": max(walls)},
        "cpu_seconds_median": statistics.median(cpus),
        "peak_traced_mb": round(peak / 1e6, 1),
        "peak_rss_mb_process": round(rss, 1),
        "members_pdf_bytes": len(built.members_pdf),
        "public_pdf_bytes": len(built.public_pdf),
        "goal_seconds": GOAL_S,
    }
    (OUTPUT / "pack_build.json").write_text(json.dumps(result, indent=2) + "\n")
    median = result["wall_seconds"]["median"]
    print(f"{built.page_count}-page pack (20 items, 10 uploaded PDFs, the 41-indicator scorecard appendix)")
    print(f"build_pack: median {median:.2f} s wall (min {min(walls):.2f}, max {max(walls):.2f}), "
          f"{result['cpu_seconds_median']:.2f} s CPU, over {runs} runs; goal under {GOAL_S:.0f} s: "
          f"{'met' if median < GOAL_S else 'NOT met'}")
    print(f"memory: peak {result['peak_traced_mb']} MB traced during one build (tracemalloc); "
          f"process peak RSS {result['peak_rss_mb_process']} MB (with the demo data loaded)")
    print(f"machine: {result['machine']}")


if __name__ == "__main__":
    main()
