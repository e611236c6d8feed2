"""Reads of the target screens (docs/architecture.md, managing targets): an indicator's targets
by year with who changed each last, the years a scorecard has confirmed targets for, and the
review of a year's drafts. Each read takes the same number of queries whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from scorecards.compute.entry import read_year
from scorecards.compute.periods import parse_year_label, year_label_for_start
from scorecards.compute.tolerance import parse_tolerance
from scorecards.manage_selectors import LastChange, history_who
from scorecards.models import Indicator, Scorecard, Target
from scorecards.month_end import TargetGaps, target_gaps
from scorecards.selectors import month_date


def year_slug(label: str) -> str:
    """A year label as it is written in an address: 2020/21 is 2020-21 (a January year, 2020, stays)."""
    return label.replace("/", "-")


def year_from_slug(slug: str, start_month: int) -> str | None:
    """The label an address names (2020-21 is 2020/21), or None when it names no reporting year."""
    read = read_year(slug, start_month)
    return read.value if read.problem is None else None


def next_year(label: str, start_month: int) -> str:
    return year_label_for_start(parse_year_label(label, start_month).plus(12))


def year_start(label: str, start_month: int):
    """The first day of a reporting year (the date `Indicator.objects.reported_in` asks of)."""
    return month_date(parse_year_label(label, start_month))


def in_words(target: Target, polarity: str, unit: str) -> str:
    """A stored target's tolerance in words (`Tolerance.describe`); stored cells always parse,
    as every write checks them, but a row written before a rule changed says so, not a 500."""
    try:
        return parse_tolerance(target.red or None, target.amber or None, target.green or None,
                               polarity).describe(unit)
    except ValueError as error:
        return f"cannot be read: {error}"


@dataclass(frozen=True)
class TargetRow:
    """One year of an indicator's targets, as the list shows it."""

    pk: int
    year: str
    slug: str  # the year in the address
    red: str
    amber: str
    green: str
    words: str
    draft: bool
    last_change: LastChange | None


def _last_changes(ids: list[int]) -> dict[int, LastChange]:
    """Each target's latest history record, in one query."""
    latest: dict[int, LastChange] = {}
    records = (Target.history.filter(id__in=ids).select_related("history_user")
               .order_by("id", "-history_date", "-history_id"))
    for record in records:
        if record.id not in latest:
            latest[record.id] = LastChange(history_who(record), record.history_date,
                                           record.history_change_reason or "")
    return latest


def indicator_targets(indicator: Indicator) -> list[TargetRow]:
    targets = list(Target.objects.filter(indicator=indicator).order_by("-year"))
    changes = _last_changes([target.pk for target in targets])
    return [
        TargetRow(target.pk, target.year, year_slug(target.year), target.red, target.amber, target.green,
                  in_words(target, indicator.polarity, indicator.unit), target.draft, changes.get(target.pk))
        for target in targets
    ]


@dataclass(frozen=True)
class YearTargets:
    """How many of a scorecard's targets for one year are confirmed, and how many drafts."""

    label: str
    slug: str
    confirmed: int
    drafts: int


def target_years(scorecard: Scorecard) -> list[YearTargets]:
    """Every year the scorecard has targets for, latest first (one query)."""
    counts = (Target.objects.filter(indicator__scorecard=scorecard).values("year")
              .annotate(drafts=Count("pk", filter=Q(draft=True)), confirmed=Count("pk", filter=Q(draft=False)))
              .order_by("-year"))
    return [YearTargets(row["year"], year_slug(row["year"]), row["confirmed"], row["drafts"]) for row in counts]


def confirmed_years(scorecard: Scorecard) -> list[str]:
    """The years the scorecard has confirmed targets for, latest first (what a rollover copies)."""
    return [year.label for year in target_years(scorecard) if year.confirmed]


def confirmed_numbers(scorecard: Scorecard, year: str, ids: list[int]) -> list[str]:
    """The numbers of the indicators whose targets among `ids` (of the scorecard and year) are confirmed."""
    return list(Target.objects.filter(indicator__scorecard=scorecard, year=year, draft=False, pk__in=ids)
                .order_by("indicator__sort_key").values_list("indicator__number", flat=True))


@dataclass(frozen=True)
class DraftRow:
    pk: int
    indicator_id: int
    number: str
    name: str
    red: str
    amber: str
    green: str
    words: str


@dataclass(frozen=True)
class Review:
    """A scorecard's targets for one year: the drafts to confirm, and the gaps month end warns of."""

    year: str
    slug: str
    drafts: tuple[DraftRow, ...]
    gaps: TargetGaps
    missing: tuple[tuple[str, int], ...]  # each indicator without a target: its number and id, for a link to add one


def review(scorecard: Scorecard, year: str) -> Review:
    drafts = (Target.objects.filter(indicator__scorecard=scorecard, year=year, draft=True)
              .select_related("indicator").order_by("indicator__sort_key"))
    start = year_start(year, scorecard.year_start_month)
    gaps = target_gaps(scorecard, year, start)
    ids = dict(Indicator.objects.filter(scorecard=scorecard, number__in=gaps.missing).values_list("number", "pk"))
    rows = tuple(
        DraftRow(target.pk, target.indicator_id, target.indicator.number, target.indicator.name, target.red,
                 target.amber, target.green, in_words(target, target.indicator.polarity, target.indicator.unit))
        for target in drafts
    )
    return Review(year, year_slug(year), rows, gaps, tuple((number, ids[number]) for number in gaps.missing))
