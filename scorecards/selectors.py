"""Reads: every query the views need, shaped for the page."""

from django.db.models import Count, Max, QuerySet

from scorecards.models import Scorecard


def scorecard_list() -> QuerySet[Scorecard]:
    return Scorecard.objects.annotate(
        indicator_count=Count("indicators", distinct=True),
        latest_published=Max("publications__as_at"),
    ).order_by("title")
