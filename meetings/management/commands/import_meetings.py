from django.core.management.base import BaseCommand, CommandError

from meetings.services import import_meetings_file


class Command(BaseCommand):
    help = (
        "Import committee meetings from a JSON file in the shape of fixtures/meetings.json "
        "(docs/meetings-import.md): all or nothing; importing again updates the same meetings."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")

    def handle(self, *args, **options) -> None:
        result = import_meetings_file(options["path"])
        for line in result.lines():
            self.stdout.write(line)
        if not result.ok:
            raise CommandError(f"{len(result.problems)} error(s) in {result.source_name}; the database is unchanged.")
