from django.core.management.base import BaseCommand, CommandError

from scorecards.services.imports import import_workbook


class Command(BaseCommand):
    help = "Import a scorecard workbook (.xlsx, or a folder or .zip of CSV files): all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")

    def handle(self, *args, **options) -> None:
        report = import_workbook(options["path"])
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s) in {report.source_name}; the database is unchanged.")
