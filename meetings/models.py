"""Meetings domain (docs/architecture.md, meetings). For now only committees and the scorecards presented to
them; memberships, meetings, agendas and minutes arrive with the meetings work.

The dependency runs meetings -> scorecards -> accounts: a committee names its scorecards, a
scorecard knows nothing of committees.
"""

from django.db import models


class Committee(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    scorecards = models.ManyToManyField(
        "scorecards.Scorecard",
        blank=True,
        related_name="committees",
        # The table made when the link was declared on Scorecard, kept so no link is lost.
        db_table="scorecards_scorecard_committees",
        help_text="The scorecards presented to this committee.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
