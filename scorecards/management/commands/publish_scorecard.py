from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Action, can
from scorecards.compute.entry import read_text
from scorecards.management.commands._arguments import month_argument, scorecard_argument
from scorecards.services.month_end import SignOffRefused, publish_checked

REASON_LENGTH = 1000


class Command(BaseCommand):
    help = (
        "Publish (freeze) a scorecard as at a month; publishing again with nothing changed does nothing. "
        "Refused, as signing off is, while a red row has no exception note or a due figure is missing "
        'without a mark, unless given --force --reason "...", whose reason is kept on the publication.'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--as-at", required=True, help="YYYY-MM")
        parser.add_argument("--force", action="store_true", help="publish despite the sign-off checks (needs --reason)")
        parser.add_argument("--reason", default="", help="why it is published without passing the sign-off checks")
        parser.add_argument("--user", help="publish as this user, who must be allowed to: the publication names them")

    def handle(self, *args, **options) -> None:
        scorecard = scorecard_argument(options["slug"])
        as_at = month_argument(options["as_at"])
        reason = self._reason(options["reason"], options["force"])
        user = self._user(options["user"], scorecard)
        try:
            checked = publish_checked(scorecard, as_at, user=user, forced_reason=reason)
        except SignOffRefused as refused:
            listed = "\n".join(f"  {problem.number}: {problem.message}" for problem in refused.problems)
            raise CommandError(
                f"{scorecard.slug} cannot be signed off as at {as_at}: {len(refused.problems)} problem(s).\n{listed}\n"
                'Nothing was published. Fix them, or publish anyway with --force --reason "...".'
            ) from None
        publication = checked.publication
        if not checked.created:
            self.stdout.write(
                f"Nothing has changed since {publication.document_status} of {scorecard.slug} as at {as_at}; "
                "no new issue made."
            )
            return
        forced = f" despite {len(checked.set_aside)} sign-off problem(s), because: {reason}" if checked.set_aside else ""
        self.stdout.write(f"Published {scorecard.slug} as at {as_at}: {publication.document_status}{forced}.")

    def _reason(self, written: str, force: bool) -> str:
        if force and not written.strip():
            raise CommandError('--force needs --reason "..." saying why the sign-off checks are set aside.')
        if written.strip() and not force:
            raise CommandError("--reason goes with --force: without it the sign-off checks apply.")
        read = read_text(written.strip() or None, "reason", REASON_LENGTH)
        if read.problem is not None:
            raise CommandError(f"--reason: {read.problem.message}")
        return read.value or ""

    def _user(self, username: str | None, scorecard):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f'No active user "{username}"; nothing was published.')
        if not can(user, Action.PUBLISH_SCORECARD, scorecard):
            raise CommandError(f'"{username}" may not publish {scorecard.slug}; nothing was published.')
        return user
