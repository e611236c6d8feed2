from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from scorecards.services.imports import import_workbook


class Command(BaseCommand):
    help = (
        "Import a scorecard workbook (.xlsx, or a folder or .zip of CSV files): all or nothing. "
        "With --user the import is checked and recorded as that user's (an officer may import "
        "values and commentary for their own indicators only); without it, as the system's. "
        "Changing a figure of a month a publication shows needs --reason."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="import as this user: what they may import is checked, and the history names them "
            "(default: the system, which may import anything and is recorded as no user)",
        )
        parser.add_argument(
            "--reason",
            default="",
            help="why figures of published months change: required when the import changes a figure of a month "
            "a publication shows, and kept in the history of each figure it corrects",
        )

    def handle(self, *args, **options) -> None:
        user = self._user(options["user"])
        report = import_workbook(options["path"], user=user, reason=options["reason"])
        for line in report.lines():
            self.stdout.write(line)
        if report.corrections and not options["reason"].strip():
            raise CommandError(f'{report.source_name} corrects published figures: give the reason with --reason "..."; '
                               "the database is unchanged.")
        if not report.ok:
            problems = len(report.errors) + (report.refusal is not None)
            raise CommandError(f"{problems} error(s) in {report.source_name}; the database is unchanged.")
        self.stdout.write(f"Imported as {user.get_username() if user else 'the system (no --user)'}.")

    def _user(self, username: str | None):
        if username is None:
            return None
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f'Unknown user "{username}": no account has that username; nothing was imported.')
        if not user.is_active:
            raise CommandError(f'User "{username}" is inactive and may not import; nothing was imported.')
        return user
