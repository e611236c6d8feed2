import io
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from scorecards import selectors
from scorecards.exports import workbook_sheets, write_csv_zip, write_xlsx
from scorecards.management.commands._arguments import month_argument, scorecard_argument


class Command(BaseCommand):
    help = "Export a scorecard as at a month as JSON, an .xlsx workbook or a zip of CSV sheets."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--as-at", required=True, help="YYYY-MM")
        parser.add_argument("--format", choices=["json", "xlsx", "csv"], default="json")
        parser.add_argument("--published", action="store_true", help="the latest publication, not the live figures")
        parser.add_argument("--output", help="file to write (default: standard output for JSON)")

    def handle(self, *args, **options) -> None:
        scorecard = scorecard_argument(options["slug"])
        as_at = month_argument(options["as_at"])
        published = options["published"]
        if published and selectors.latest_publication(scorecard, as_at) is None:
            raise CommandError(f"{scorecard.slug} has not been published as at {as_at}.")

        if options["format"] == "json":
            payload = selectors.scorecard_export(scorecard, as_at, live=not published)
            content = (json.dumps(payload, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        else:
            if published:
                data = selectors.published_data(selectors.latest_publication(scorecard, as_at))
            else:
                data = selectors.load_scorecard_data(scorecard, as_at)
            buffer = io.BytesIO()
            writer = write_xlsx if options["format"] == "xlsx" else write_csv_zip
            writer(workbook_sheets(data, scorecard.publication_frequency), buffer)
            content = buffer.getvalue()

        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Wrote {options['output']} ({len(content):,} bytes).")
        elif options["format"] == "json":
            sys.stdout.write(content.decode("utf-8"))
        else:
            raise CommandError("--output is required for xlsx and csv exports.")
