from django.core.management.base import BaseCommand

from scorecards.management.commands._arguments import month_argument, scorecard_argument
from scorecards.services.publishing import publish_scorecard


class Command(BaseCommand):
    help = "Publish (freeze) a scorecard as at a month; publishing again with nothing changed does nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--as-at", required=True, help="YYYY-MM")

    def handle(self, *args, **options) -> None:
        scorecard = scorecard_argument(options["slug"])
        as_at = month_argument(options["as_at"])
        publication, created = publish_scorecard(scorecard, as_at)
        if created:
            self.stdout.write(f"Published {scorecard.slug} as at {as_at}: {publication.document_status}.")
        else:
            self.stdout.write(
                f"Nothing has changed since {publication.document_status} of {scorecard.slug} as at {as_at}; "
                "no new issue made."
            )
