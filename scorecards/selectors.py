"""Reads: every query the views and exports need, shaped for them, in a fixed number of queries."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT

from accounts.roles import Action, can, user_roles

from scorecards.changes import Changes, FigureChange, NoteChange, common_months, compare
from scorecards.columns import TableContext
from scorecards.compute.periods import Month, months_ending, reporting_year_label
from scorecards.exports import json_export
from scorecards.figures import (
    PUBLISHED_MONTHS,
    ComputedFigures,
    Figures,
    ScorecardRow,
    compute_figures,
    figures_from_export,
    indicator_row,
    previous_years,
    scorecard_rows,
    shown_periods,
)
from scorecards.compute.precision import format_figure
from scorecards.compute.vocabulary import PUBLICATION_FREQUENCY_HEADINGS
from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Publication, Scorecard, Section, Target
from scorecards.snapshot import CommentaryData, IndicatorData, ObservationData, ScorecardData, decimal_text
from scorecards.workbook.permissions import SYSTEM, Importer, Standing, StoredScorecard
from scorecards.workbook.validate import ExistingIndicator, ExistingScorecard


def scorecard_list(unpublished: bool = False) -> QuerySet[Scorecard]:
    """Scorecards with their indicator count and latest published month. A scorecard never
    published is listed only with `unpublished` (for staff): the public and councillors see
    publications alone."""
    latest = Publication.objects.filter(scorecard=OuterRef("pk")).order_by("-as_at", "-issue")
    scorecards = Scorecard.objects.annotate(
        indicator_count=Count("indicators", distinct=True),
        latest_published=Max("publications__as_at"),
        # As its latest publication names it: a later change of title is not published yet.
        published_title=Subquery(latest.values(title=KT("snapshot__data__title"))[:1]),
    )
    if not unpublished:
        scorecards = scorecards.filter(latest_published__isnull=False)
    return scorecards.order_by("title")


@dataclass(frozen=True)
class ScorecardGroup:
    """Scorecards published equally often, under the list's heading for them."""

    heading: str
    scorecards: list[Scorecard]


def scorecard_groups(unpublished: bool = False) -> list[ScorecardGroup]:
    """`scorecard_list` under a heading per publication frequency ("Monthly performance
    scorecards", "Annual reports"), in the vocabulary's order; a heading with none is left out."""
    scorecards = list(scorecard_list(unpublished))
    groups = [
        ScorecardGroup(heading, [card for card in scorecards if card.publication_frequency == frequency])
        for frequency, heading in PUBLICATION_FREQUENCY_HEADINGS.items()
    ]
    return [group for group in groups if group.scorecards]


def month_date(month: Month) -> date:
    return date(month.year, month.month, 1)


def date_month(value: date) -> Month:
    return Month(value.year, value.month)


def revised_since_published(scorecard: Scorecard, period_filter: dict) -> set[tuple[int, date]]:
    """(indicator id, period) of figures changed since the first publication that showed them.

    A publication shows the 24 months up to its month, so a period was first published by the
    earliest issue whose month lies within 23 months after it. Two queries, whatever the size.
    """
    published = list(
        Publication.objects.filter(scorecard=scorecard).order_by("published_at").values_list("as_at", "published_at")
    )
    if not published:
        return set()

    def first_shown(period: date):
        start = date_month(period)
        for as_at, published_at in published:
            if 0 <= start.months_until(date_month(as_at)) < 24:
                return published_at
        return None

    history = (
        Observation.history.filter(indicator__scorecard=scorecard, **period_filter)
        .order_by("indicator_id", "period", "history_date", "history_id")
        .values_list("indicator_id", "period", "history_date", "value", "numerator", "denominator", "mark")
    )
    revised: set[tuple[int, date]] = set()
    before: dict[tuple[int, date], tuple] = {}
    for ind_id, period, when, *figure in history:
        key = (ind_id, period)
        if key in before and before[key] != tuple(figure):
            shown_at = first_shown(period)
            if shown_at is not None and when > shown_at:
                revised.add(key)
        before[key] = tuple(figure)
    return revised


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
    indicators = Indicator.objects.filter(scorecard=scorecard)
    if as_at is not None:
        indicators = indicators.reported_in(month_date(as_at))
    by_id: dict[int, IndicatorData] = {}
    for ind in indicators.select_related("section").order_by("sort_key"):
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

    # Each table below is read for the indicators reported (a retired one's rows are left out
    # of the months it no longer appears in), through a subquery rather than a list of ids.
    reported = indicators.values("pk")
    observations = Observation.objects.filter(indicator__in=reported, **period_filter).order_by("period")
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
    for ind_id, period in revised_since_published(scorecard, period_filter):
        observation = by_id[ind_id].observations.get(f"{period:%Y-%m}") if ind_id in by_id else None
        if observation is not None:
            observation.revised = True
    # A draft target (the yearly rollover's copy, not yet confirmed) rates nothing.
    for ind_id, year, red, amber, green in Target.objects.filter(
        indicator__in=reported, draft=False
    ).values_list("indicator_id", "year", "red", "amber", "green"):
        by_id[ind_id].targets[year] = {"red": red or None, "amber": amber or None, "green": green or None}
    for ind_id, year, value in Outturn.objects.filter(indicator__in=reported).values_list(
        "indicator_id", "year", "value"
    ):
        by_id[ind_id].outturns[year] = format_figure(value, by_id[ind_id].decimals)
    for ind_id, measure, value, decimals, year, source in Benchmark.objects.filter(
        indicator__in=reported
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
        for note in Commentary.objects.filter(Q(indicator__isnull=True) | Q(indicator__in=reported),
                                              scorecard=scorecard, **period_filter)
        .select_related("indicator", "section", "author")
        .order_by(
            # Section notes before indicator notes on every database (SQLite sorts NULL first,
            # PostgreSQL last), so a snapshot and its hash do not depend on the database.
            "period", "kind", F("section__order").asc(nulls_first=True), F("indicator__sort_key").asc(nulls_first=True)
        )
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


# Figures as at a month need up to 23 months before it: the current period may be 11 months
# back (annual indicators), its comparison up to 12 months before that, and the previous
# reporting year's figure starts at most 23 months back.
LOOKBACK_MONTHS = 23


def live_data(scorecard: Scorecard, as_at: Month, months_computed: int = 1) -> ScorecardData:
    """The live figures needed to compute the `months_computed` months up to `as_at`."""
    earliest = as_at.plus(1 - months_computed)
    return load_scorecard_data(scorecard, as_at, since=earliest.plus(-LOOKBACK_MONTHS))


def latest_publication(scorecard: Scorecard, as_at: Month) -> Publication | None:
    """The latest issue of the month, without its snapshot (see `published_content`)."""
    return (
        Publication.objects.filter(scorecard=scorecard, as_at=month_date(as_at))
        .select_related("published_by")
        .defer("snapshot")
        .order_by("-issue")
        .first()
    )


@lru_cache(maxsize=64)
def _published_content(pk: int, fingerprint: str) -> tuple[ScorecardData, dict[str, dict[str, Figures]]]:
    snapshot = Publication.objects.values_list("snapshot", flat=True).get(pk=pk)
    return ScorecardData.from_json(snapshot["data"]), figures_from_export(snapshot["computed"])


@lru_cache(maxsize=64)
def _published_export(pk: int, fingerprint: str, as_at: Month) -> dict:
    data, computed = _published_content(pk, fingerprint)
    return json_export(data, as_at, computed=computed)


@lru_cache(maxsize=64)
def _published_rows(pk: int, fingerprint: str, as_at: Month) -> tuple[ScorecardRow, ...]:
    data, computed = _published_content(pk, fingerprint)
    return scorecard_rows(data, as_at, computed)


def published_export(publication: Publication, as_at: Month) -> dict:
    """The JSON export of a publication (kept per process like its content; do not modify)."""
    rows = _published_export(publication.pk, publication.content_hash, as_at)
    return {**rows, "figures": "published", "publication": publication_meta(publication)}


def published_content(publication: Publication) -> tuple[ScorecardData, ComputedFigures]:
    """The frozen figures of a publication and their computed figures by indicator and month.

    A publication never changes once made, so its decoded content is kept per process, keyed
    by its id and content fingerprint. Callers must not modify what they get.
    """
    return _published_content(publication.pk, publication.content_hash)


def publication_meta(publication: Publication) -> dict:
    by = publication.published_by
    return {
        "issue": publication.issue,
        "document_status": publication.document_status,
        "published_at": publication.published_at.isoformat(),
        "published_by": (by.get_full_name() or by.username) if by else None,
    }


def published_data(publication: Publication) -> ScorecardData:
    return published_content(publication)[0]


def scorecard_export(scorecard: Scorecard, as_at: Month, live: bool) -> dict | None:
    """The JSON export as at `as_at`: live figures, or the latest issue published for that month
    (None when there is none)."""
    if live:
        return json_export(live_data(scorecard, as_at), as_at)
    publication = latest_publication(scorecard, as_at)
    if publication is None:
        return None
    return published_export(publication, as_at)


def existing_scorecard(slug: str | None):
    """What the database holds of a scorecard, for validating a workbook that updates it."""
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


def stored_scorecard(slug: str | None) -> StoredScorecard | None:
    """A scorecard's own settings, for checking what an officer's workbook may change."""
    scorecard = Scorecard.objects.filter(slug=slug).first() if slug else None
    if scorecard is None:
        return None
    return StoredScorecard(
        slug=scorecard.slug,
        title=scorecard.title,
        year_start_month=scorecard.year_start_month,
        dot_basis=scorecard.dot_basis,
        arrow_convention=scorecard.arrow_convention,
        publication_frequency=scorecard.publication_frequency,
    )


def importer(user, slug: str | None) -> Importer:
    """Who is importing a workbook for scorecard `slug` (docs/architecture.md, who may do what); None is the system.

    For a performance officer: the numbers of the scorecard's indicators they own (as
    `Indicator.is_owned_by` reads ownership for entering figures), the sections holding them,
    and whether they own the scorecard.
    """
    if user is None:
        return SYSTEM
    name = user.get_username()
    roles = user_roles(user)
    described = " and ".join(f"a {role.value}" for role in sorted(roles)) or "no role"
    if can(user, Action.MANAGE_INDICATORS):
        return Importer(Standing.ADMIN, name, described)
    if not can(user, Action.ENTER_FIGURES):
        return Importer(Standing.NONE, name, described)
    owned = list(
        Indicator.objects.filter(scorecard__slug=slug, owners=user).values_list("number", "section__title")
        if slug
        else []
    )
    return Importer(
        Standing.OFFICER,
        name,
        described,
        numbers=frozenset(number for number, _ in owned),
        sections=frozenset(section for _, section in owned if section is not None),
        owns_scorecard=bool(slug) and Scorecard.objects.filter(slug=slug, owners=user).exists(),
    )


def published_months(scorecard: Scorecard) -> list[Month]:
    """Months with at least one publication, newest first (the month picker)."""
    dates = (
        Publication.objects.filter(scorecard=scorecard).order_by("-as_at").values_list("as_at", flat=True).distinct()
    )
    return [date_month(value) for value in dates]


@dataclass(frozen=True)
class ScorecardView:
    """Everything the scorecard's outputs show, from one publication or from the live figures."""

    data: ScorecardData
    as_at: Month
    rows: tuple[ScorecardRow, ...]
    previous: Mapping[str, Figures | None]  # each indicator's computed figures as at the month before
    publication: Publication | None

    @property
    def live(self) -> bool:
        return self.publication is None

    @property
    def title(self) -> str:
        return self.data.title

    @property
    def reporting_year(self) -> str:
        return reporting_year_label(self.as_at, self.data.year_start_month)

    @property
    def table_context(self) -> TableContext:
        return TableContext(
            periods=shown_periods(self.as_at),
            reporting_year=self.reporting_year,
            outturn_years=previous_years(self.as_at, self.data.year_start_month),
        )


def scorecard_view(scorecard: Scorecard, as_at: Month, live: bool) -> ScorecardView | None:
    """The scorecard as at a month: the latest publication of that month, or the live figures.
    None when not live and the month has no publication."""
    before = str(as_at.plus(-1))
    if live:
        publication = None
        data = live_data(scorecard, as_at, months_computed=2)
        computed = compute_figures(data, [as_at.plus(-1), as_at])
        rows = scorecard_rows(data, as_at, computed)
    else:
        publication = latest_publication(scorecard, as_at)
        if publication is None:
            return None
        data, computed = published_content(publication)
        rows = _published_rows(publication.pk, publication.content_hash, as_at)
    previous = {number: months.get(before) for number, months in computed.items()}
    return ScorecardView(data=data, as_at=as_at, rows=rows, previous=previous, publication=publication)


@dataclass(frozen=True)
class IndicatorView:
    """One indicator as at a month: its stored figures, its computed figures for 24 months, and
    its neighbours in the scorecard, from one publication or from the live figures."""

    data: ScorecardData
    indicator: IndicatorData
    row: ScorecardRow  # as at the month
    computed: Mapping[str, Figures]  # by month, the 24 months up to as_at
    months: list[Month]
    publication: Publication | None
    previous_number: str | None
    next_number: str | None
    previous_name: str | None = None
    next_name: str | None = None

    @property
    def live(self) -> bool:
        return self.publication is None

    @property
    def title(self) -> str:
        return self.data.title


def indicator_view(scorecard: Scorecard, as_at: Month, number: str, live: bool) -> IndicatorView | None:
    months = months_ending(as_at, PUBLISHED_MONTHS)
    if live:
        publication = None
        data = live_data(scorecard, as_at, months_computed=PUBLISHED_MONTHS)
    else:
        publication = latest_publication(scorecard, as_at)
        if publication is None:
            return None
        data = published_data(publication)
    numbers = [indicator.number for indicator in data.indicators]
    if number not in numbers:
        return None
    position = numbers.index(number)
    indicator = data.indicators[position]
    # The neighbours come from the same data as the page, published or live.
    previous = data.indicators[position - 1] if position > 0 else None
    following = data.indicators[position + 1] if position + 1 < len(numbers) else None
    if live:
        computed = compute_figures(replace(data, indicators=[indicator]), months)[number]
    else:
        computed = published_content(publication)[1][number]
    return IndicatorView(
        data=data,
        indicator=indicator,
        row=indicator_row(indicator, as_at, data.year_start_month, computed[str(as_at)]),
        computed=computed,
        months=months,
        publication=publication,
        previous_number=previous.number if previous else None,
        next_number=following.number if following else None,
        previous_name=previous.name if previous else None,
        next_name=following.name if following else None,
    )


@dataclass(frozen=True)
class Revision:
    period: str
    when: object
    who: str | None
    action: str  # entered, changed, deleted
    old: str | None
    new: str | None
    reason: str | None


def observation_revisions(scorecard: Scorecard, number: str) -> list[Revision]:
    """Every recorded change to the indicator's figures, newest first (staff only)."""
    records = (
        Observation.history.filter(indicator__scorecard=scorecard, indicator__number=number)
        .select_related("history_user")
        .order_by("period", "history_date", "history_id")
    )
    decimals = Indicator.objects.filter(scorecard=scorecard, number=number).values_list("decimals", flat=True).first() or 0

    def shown(record) -> str | None:
        if record is None:
            return None
        return record.mark or format_figure(record.value, decimals) or "no figure"

    revisions: list[Revision] = []
    previous_by_period: dict[date, object] = {}
    for record in records:
        before = previous_by_period.get(record.period)
        action = {"+": "entered", "~": "changed", "-": "deleted"}[record.history_type]
        user = record.history_user
        revisions.append(
            Revision(
                period=f"{record.period:%Y-%m}",
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else None,
                action=action,
                old=shown(before) if action != "entered" else None,
                new=shown(record) if action != "deleted" else None,
                reason=record.history_change_reason,
            )
        )
        previous_by_period[record.period] = record
    return sorted(revisions, key=lambda r: r.when, reverse=True)


def publications(scorecard: Scorecard) -> list[Publication]:
    """Every issue of the scorecard, oldest first, without their snapshots."""
    return list(
        Publication.objects.filter(scorecard=scorecard)
        .select_related("published_by")
        .defer("snapshot")
        .order_by("published_at", "as_at", "issue")
    )


@dataclass(frozen=True)
class ChangeRecord:
    """One recorded change behind a difference: when, by whom (for staff only) and why."""

    when: object
    who: str | None
    reason: str | None


@dataclass(frozen=True)
class ChangeReport:
    base: Publication
    against: Publication | None  # None: the live figures
    changes: Changes
    # Each changed figure and note with the recorded changes behind it, oldest first.
    figures: tuple[tuple[FigureChange, tuple[ChangeRecord, ...]], ...]
    notes: tuple[tuple[NoteChange, tuple[ChangeRecord, ...]], ...]


def change_report(scorecard: Scorecard, base: Publication, against: Publication | None) -> ChangeReport:
    """What differs between a publication and the live figures, or a later publication, with the
    history of each change in between. A fixed number of queries whatever the size."""
    base_month = date_month(base.as_at)
    before, before_computed = published_content(base)
    if against is None:
        after = live_data(scorecard, base_month)
        after_computed = compute_figures(after, [base_month])
        months = common_months(base_month, base_month, PUBLISHED_MONTHS)
    else:
        after, after_computed = published_content(against)
        months = common_months(base_month, date_month(against.as_at), PUBLISHED_MONTHS)
    changes = compare(before, before_computed, after, after_computed, base_month, months)
    window = {"history_date__gt": base.published_at}
    if against is not None:
        window["history_date__lte"] = against.published_at
    periods = [month_date(Month.parse(month)) for month in months]
    figure_records: dict[tuple[str, str], list[ChangeRecord]] = {}
    for number, period, when, user, reason in _history(
        Observation.history.filter(indicator__scorecard=scorecard, period__in=periods, **window),
        "indicator__number", "period",
    ):
        figure_records.setdefault((number, f"{period:%Y-%m}"), []).append(ChangeRecord(when, user, reason))
    note_records: dict[tuple, list[ChangeRecord]] = {}
    for key, period, when, user, reason in _history(
        Commentary.history.filter(scorecard=scorecard, period__in=periods, **window).annotate(
            number=F("indicator__number"), section_title=F("section__title")
        ),
        ("number", "section_title", "kind"), "period",
    ):
        number, section, kind = key
        note_records.setdefault((number, section, f"{period:%Y-%m}", kind), []).append(ChangeRecord(when, user, reason))
    return ChangeReport(
        base=base,
        against=against,
        changes=changes,
        figures=tuple(
            (change, tuple(figure_records.get((change.number, change.period), ()))) for change in changes.figures
        ),
        notes=tuple(
            (change, tuple(note_records.get((change.number, change.section, change.period, change.kind_value), ())))
            for change in changes.notes
        ),
    )


def _history(records: QuerySet, key: str | tuple[str, ...], period: str):
    """(key, period, when, who, reason) of history rows in the order they happened."""
    fields = key if isinstance(key, tuple) else (key,)
    rows = records.order_by("history_date", "history_id").values_list(
        *fields, period, "history_date", "history_user__first_name", "history_user__last_name",
        "history_user__username", "history_change_reason",
    )
    for *keys, month, when, first, last, username, reason in rows:
        who = " ".join(filter(None, [first, last])) or username
        yield (tuple(keys) if isinstance(key, tuple) else keys[0]), month, when, who, reason
