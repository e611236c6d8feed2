"""Reads: every query the views and exports need, shaped for them, in a fixed number of queries."""

from datetime import date

from django.db.models import Count, Max, QuerySet

from scorecards.compute.periods import Month
from scorecards.compute.precision import format_figure
from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Publication, Scorecard, Section, Target
from scorecards.snapshot import CommentaryData, IndicatorData, ObservationData, ScorecardData, decimal_text


def scorecard_list() -> QuerySet[Scorecard]:
    return Scorecard.objects.annotate(
        indicator_count=Count("indicators", distinct=True),
        latest_published=Max("publications__as_at"),
    ).order_by("title")


def month_date(month: Month) -> date:
    return date(month.year, month.month, 1)


def date_month(value: date) -> Month:
    return Month(value.year, value.month)


def load_scorecard_data(scorecard: Scorecard, as_at: Month | None = None, since: Month | None = None) -> ScorecardData:
    """The live figures of a scorecard up to `as_at` (observations and commentary from `since`).

    Seven queries whatever the number of indicators: one per table, joined in Python.
    """
    period_filter = {}
    if as_at is not None:
        period_filter["period__lte"] = month_date(as_at)
    if since is not None:
        period_filter["period__gte"] = month_date(since)

    sections = list(Section.objects.filter(scorecard=scorecard).order_by("order", "id").values_list("title", flat=True))
    indicators = list(Indicator.objects.filter(scorecard=scorecard).select_related("section").order_by("sort_key"))
    by_id: dict[int, IndicatorData] = {}
    for ind in indicators:
        by_id[ind.pk] = IndicatorData(
            number=ind.number,
            name=ind.name,
            polarity=ind.polarity,
            section=ind.section.title if ind.section else None,
            data_note=ind.data_note,
            unit=ind.unit,
            frequency=ind.frequency,
            ytd_method=ind.ytd_method,
            decimals=ind.decimals,
            definition=ind.definition,
        )

    observations = Observation.objects.filter(indicator__scorecard=scorecard, **period_filter).order_by("period")
    for ind_id, period, value, numerator, denominator, mark, status in observations.values_list(
        "indicator_id", "period", "value", "numerator", "denominator", "mark", "status"
    ):
        indicator = by_id[ind_id]
        indicator.observations[f"{period:%Y-%m}"] = ObservationData(
            value=format_figure(value, indicator.decimals),
            numerator=decimal_text(numerator),
            denominator=decimal_text(denominator),
            mark=mark or None,
            status=status,
        )
    for ind_id, year, red, amber, green in Target.objects.filter(indicator__scorecard=scorecard).values_list(
        "indicator_id", "year", "red", "amber", "green"
    ):
        by_id[ind_id].targets[year] = {"red": red or None, "amber": amber or None, "green": green or None}
    for ind_id, year, value in Outturn.objects.filter(indicator__scorecard=scorecard).values_list(
        "indicator_id", "year", "value"
    ):
        by_id[ind_id].outturns[year] = format_figure(value, by_id[ind_id].decimals)
    for ind_id, measure, value, decimals, year, source in Benchmark.objects.filter(
        indicator__scorecard=scorecard
    ).values_list("indicator_id", "measure", "value", "decimals", "year", "source"):
        by_id[ind_id].benchmarks[measure] = {
            "value": format_figure(value, decimals),
            "year": year or None,
            "source": source or None,
        }

    commentary = [
        CommentaryData(
            period=f"{note.period:%Y-%m}",
            kind=note.kind,
            text=note.text,
            number=note.indicator.number if note.indicator else None,
            section=note.section.title if note.section else None,
            # The username, not the display name: renaming a person is not a change of content.
            author=note.author.username if note.author else None,
        )
        for note in Commentary.objects.filter(scorecard=scorecard, **period_filter)
        .select_related("indicator", "section", "author")
        .order_by("period", "kind", "section__order", "indicator__sort_key")
    ]
    return ScorecardData(
        slug=scorecard.slug,
        title=scorecard.title,
        year_start_month=scorecard.year_start_month,
        dot_basis=scorecard.dot_basis,
        arrow_convention=scorecard.arrow_convention,
        sections=sections,
        indicators=list(by_id.values()),
        commentary=commentary,
    )


def latest_publication(scorecard: Scorecard, as_at: Month) -> Publication | None:
    return (
        Publication.objects.filter(scorecard=scorecard, as_at=month_date(as_at))
        .select_related("published_by")
        .order_by("-issue")
        .first()
    )


def publication_meta(publication: Publication) -> dict:
    by = publication.published_by
    return {
        "issue": publication.issue,
        "document_status": publication.document_status,
        "published_at": publication.published_at.isoformat(),
        "published_by": (by.get_full_name() or by.username) if by else None,
    }


def published_data(publication: Publication) -> ScorecardData:
    return ScorecardData.from_json(publication.snapshot["data"])


def scorecard_export(scorecard: Scorecard, as_at: Month, live: bool) -> dict | None:
    """The JSON export as at `as_at`: live figures, or the latest issue published for that month
    (None when there is none)."""
    from scorecards.export import json_export
    from scorecards.services import COMPUTE_LOOKBACK_MONTHS

    if live:
        data = load_scorecard_data(scorecard, as_at, since=as_at.plus(1 - COMPUTE_LOOKBACK_MONTHS))
        return json_export(data, as_at)
    publication = latest_publication(scorecard, as_at)
    if publication is None:
        return None
    return json_export(
        published_data(publication),
        as_at,
        computed=publication.snapshot["computed"],
        publication=publication_meta(publication),
    )


def existing_scorecard(slug: str | None):
    """What the database holds of a scorecard, for validating a workbook that updates it."""
    from scorecards.workbook.validate import ExistingIndicator, ExistingScorecard

    scorecard = Scorecard.objects.filter(slug=slug).first() if slug else None
    if scorecard is None:
        return None
    indicators = {
        ind.number: ExistingIndicator(
            number=ind.number,
            polarity=ind.polarity,
            unit=ind.unit,
            frequency=ind.frequency,
            ytd_method=ind.ytd_method,
            decimals=ind.decimals,
            section=ind.section.title if ind.section else None,
        )
        for ind in Indicator.objects.filter(scorecard=scorecard).select_related("section")
    }
    return ExistingScorecard(slug=scorecard.slug, year_start_month=scorecard.year_start_month, indicators=indicators)
