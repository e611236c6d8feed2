from django.core.management.base import CommandError

from scorecards.compute.periods import Month
from scorecards.models import Scorecard


def month_argument(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise CommandError(f"--as-at must be a month written YYYY-MM, such as 2020-12 ({error})") from error


def scorecard_argument(slug: str) -> Scorecard:
    try:
        return Scorecard.objects.get(slug=slug)
    except Scorecard.DoesNotExist:
        known = ", ".join(Scorecard.objects.values_list("slug", flat=True)) or "none yet"
        raise CommandError(f'No scorecard with the slug "{slug}" (known: {known}).') from None
