"""`manage.py publish_pack <committee-slug> <yyyy-mm-dd>`: publish a meeting's agenda pack (issue 16 part 5).

It runs the pre-publication checks, enqueues the build and waits for a worker to finish it,
polling the pack. It exits non-zero, saying why, when a check refuses (unless --force with a
--reason), or the build fails.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meetings.models import Pack
from meetings.pack_services import PackRefused, request_pack
from meetings.vocabulary import PackKind, PackState
from meetings.selectors import find_meeting

POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = "Publish a meeting's agenda pack (or a supplementary pack) and wait for its build."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("committee", help="The committee's slug: corporate-parenting-panel.")
        parser.add_argument("day", type=datetime.date.fromisoformat, help="The meeting's date: 2021-03-02.")
        parser.add_argument("--no-wait", action="store_true", help="Enqueue the build and return at once.")
        parser.add_argument("--force", action="store_true", help="Publish despite a refusal (needs --reason).")
        parser.add_argument("--reason", default="", help="Why the pack is published despite a refusal.")
        parser.add_argument("--supplement", nargs="+", type=int, metavar="ITEM_NUMBER",
                            help="Publish a supplementary pack of these agenda items.")
        parser.add_argument("--once", action="store_true",
                            help="Do nothing when the meeting already has a full pack published or being built (the demo).")
        parser.add_argument("--timeout", type=float, default=600, help="Seconds to wait for the build.")

    def handle(self, *args, committee: str, day: datetime.date, **options) -> None:
        if options["force"] and not options["reason"].strip():
            raise CommandError("--force needs --reason: say why the pack is published despite the checks.")
        try:
            meeting = find_meeting(committee, day)
        except Exception as error:
            raise CommandError(f"No meeting of {committee} on {day.isoformat()}.") from error
        if options["once"] and Pack.objects.filter(meeting=meeting, kind=PackKind.FULL).exclude(state=PackState.FAILED).exists():
            self.stdout.write(f"{meeting} already has its agenda pack.")
            return
        kind, items = PackKind.FULL, None
        if options["supplement"]:
            kind = PackKind.SUPPLEMENT
            items = list(meeting.agenda_items.filter(number__in=options["supplement"]))
            missing = set(options["supplement"]) - {item.number for item in items}
            if missing:
                raise CommandError(f"The agenda has no item {', '.join(map(str, sorted(missing)))}.")
        try:
            pack = request_pack(meeting, None, kind=kind, items=items,
                                override_reason=options["reason"] if options["force"] else "")
        except PackRefused as refused:
            lines = [f"- {finding.words}" for finding in refused.findings if finding.is_refusal] or [f"- {refused}"]
            raise CommandError("The pack was not published:\n" + "\n".join(lines)
                               + "\nCorrect the record, or publish anyway with --force --reason \"...\".") from refused
        for finding in pack.warnings:
            self.stdout.write(f"{'Overridden' if finding['severity'] == 'refusal' else 'Warning'}: {finding['words']}")
        if options["no_wait"]:
            self.stdout.write(f"Queued: {pack} (build {pack.pk}). A worker builds it.")
            return
        self.wait_for(pack, options["timeout"])

    def wait_for(self, pack: Pack, timeout: float) -> None:
        deadline, said = time.monotonic() + timeout, ""
        while True:
            pack.refresh_from_db(fields=["state", "progress", "error", "version", "page_count"])
            if pack.progress != said:
                said = pack.progress
                self.stdout.write(said)
            if pack.state == PackState.PUBLISHED:
                self.stdout.write(self.style.SUCCESS(f"Published: {pack}, {pack.page_count or 0} pages."))
                return
            if pack.state == PackState.FAILED:
                raise CommandError(f"The build failed: {pack.error} The previous version stays published.")
            if time.monotonic() > deadline:
                raise CommandError(f"No worker finished the build within {timeout:g} seconds: is `manage.py db_worker` running? "
                                   f"The pack stays queued (build {pack.pk}).")
            time.sleep(POLL_SECONDS)
