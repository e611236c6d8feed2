"""Reads of the indicator screens (docs/architecture.md, managing indicators): which indicators
someone may see there, the list's rows in the council's words, one indicator's settings in
words, and the month of its first figure. The list takes the same queries whatever its size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import POLARITY_WORDS, UNIT_WORDS, YTD_METHOD_WORDS, Frequency, Polarity, Unit, YtdMethod
from scorecards.manage_selectors import person_name
from scorecards.models import Indicator


def month_words(day: datetime.date) -> str:
    """The month a first-of-the-month date stands for: December 2020."""
    return Month(day.year, day.month).long_name()


def visible_indicators(officer: Any = None) -> QuerySet:
    """Every indicator for an admin (`officer` None); a performance officer's own otherwise."""
    indicators = Indicator.objects.all()
    return indicators if officer is None else indicators.filter(owners=officer)


@dataclass(frozen=True)
class IndicatorRow:
    """One line of the list: an indicator's settings in words."""

    pk: int
    number: str
    name: str
    scorecard: str
    section: str
    polarity: str
    unit: str
    frequency: str
    owners: str
    retired: str  # "Retired from December 2020", or empty


def indicator_rows(indicators: QuerySet, filters: dict[str, str]) -> list[IndicatorRow]:
    """`indicators` narrowed by the filters chosen (scorecard slug, section id, owner id or
    "none", polarity), by scorecard and then in each scorecard's order. Two queries."""
    if "scorecard" in filters:
        indicators = indicators.filter(scorecard__slug=filters["scorecard"])
    if "section" in filters:
        indicators = indicators.filter(section_id=filters["section"])
    if filters.get("owner") == "none":
        indicators = indicators.filter(owners__isnull=True)
    elif "owner" in filters:
        indicators = indicators.filter(owners=filters["owner"])
    if "polarity" in filters:
        indicators = indicators.filter(polarity=filters["polarity"])
    indicators = (indicators.distinct().select_related("scorecard", "section").prefetch_related("owners")
                  .order_by("scorecard__title", "section__order", "section__id", "sort_key"))
    return [
        IndicatorRow(
            pk=indicator.pk, number=indicator.number, name=indicator.name, scorecard=indicator.scorecard.title,
            section=indicator.section.title if indicator.section else "",
            polarity=POLARITY_WORDS[Polarity(indicator.polarity)].name,
            unit=UNIT_WORDS[Unit(indicator.unit)].name,
            frequency=Frequency(indicator.frequency).label,
            owners=", ".join(sorted(person_name(user) for user in indicator.owners.all())),
            retired=f"Retired from {month_words(indicator.retired_from)}" if indicator.retired_from else "",
        )
        for indicator in indicators
    ]


def indicator_summary(indicator: Indicator) -> list[tuple[str, str]]:
    """Every setting of an indicator in words, as the read-only page lists them."""
    owners = ", ".join(sorted(person_name(user) for user in indicator.owners.all())) or "Nobody"
    return [
        ("Scorecard", indicator.scorecard.title),
        ("Number", indicator.number),
        ("Name", indicator.name),
        ("Section", indicator.section.title if indicator.section else "Not in a section"),
        ("Good performance is", POLARITY_WORDS[Polarity(indicator.polarity)].name),
        ("Unit", UNIT_WORDS[Unit(indicator.unit)].name),
        ("How often it has a figure", Frequency(indicator.frequency).label),
        ("Year to date", YTD_METHOD_WORDS[YtdMethod(indicator.ytd_method)].name),
        ("Decimal places", str(indicator.decimals)),
        ("Data note", indicator.data_note or "None"),
        ("Definition", indicator.definition or "None"),
        ("Council plan code", indicator.council_plan_code or "None"),
        ("Owners", owners),
        ("Retired", f"From {month_words(indicator.retired_from)}: left out of that month and every later one"
         if indicator.retired_from else "No"),
    ]


def first_figure(indicator: Indicator) -> Month | None:
    """The month of the indicator's first stored figure, if it has one."""
    period = indicator.observations.order_by("period").values_list("period", flat=True).first()
    return None if period is None else Month(period.year, period.month)
