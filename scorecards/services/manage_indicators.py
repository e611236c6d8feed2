"""Writes of the indicator screens (docs/architecture.md, managing indicators): creating an
indicator, changing it, and retiring it from a month on (or bringing it back).

The forms (`manage_indicator_forms.py`) have already read every value with the entry rules.
Each write here is all or nothing and kept in the indicator's django-simple-history with who
made it and, as its change reason, what changed in words.

A change of unit, decimal places, frequency or polarity is checked against what is already
stored: every figure, outturn and benchmark is read again with the indicator's new rules
(`compute.entry`, as the import would read it), and every target with the new polarity. A
figure the new rules refuse, or would round, is a conflict, and a change with any conflict is
refused whole: stored figures are never rewritten behind the admin's back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.db import transaction

from scorecards.compute.entry import (
    IndicatorRules,
    Problem,
    check_benchmark,
    check_observation,
    check_outturn,
    check_target,
    plain,
)
from scorecards.compute.periods import Month
from scorecards.compute.precision import format_figure
from scorecards.compute.vocabulary import (
    POLARITY_WORDS,
    UNIT_WORDS,
    YTD_METHOD_WORDS,
    Frequency,
    Polarity,
    Unit,
    YtdMethod,
    benchmark_label,
)
from scorecards.manage_indicator_selectors import month_words
from scorecards.models import Indicator, Scorecard, Section
from scorecards.services.manage import owner_names
from scorecards.stale_edits import check_history_version


@dataclass(frozen=True)
class IndicatorSettings:
    """Everything an admin sets on an indicator, as the form read it (every value checked)."""

    number: str
    name: str
    section_id: int | None
    polarity: Polarity
    unit: Unit
    frequency: Frequency
    ytd_method: YtdMethod
    decimals: int
    data_note: str
    definition: str
    council_plan_code: str
    owner_ids: frozenset[int]


# The settings stored in the indicator's own columns (the owners are many-to-many).
COLUMNS = ("number", "name", "section_id", "polarity", "unit", "frequency", "ytd_method", "decimals", "data_note",
           "definition", "council_plan_code")


@dataclass(frozen=True)
class Conflict:
    """One stored figure or target the new settings would refuse or change."""

    field: str  # the setting it comes from: unit, decimals, frequency or polarity
    message: str


@dataclass(frozen=True)
class Outcome:
    """What a change did: the changes in words, or the conflicts that refused it (nothing saved)."""

    changes: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


def settings_of(indicator: Indicator) -> IndicatorSettings:
    return IndicatorSettings(
        number=indicator.number, name=indicator.name, section_id=indicator.section_id,
        polarity=Polarity(indicator.polarity), unit=Unit(indicator.unit), frequency=Frequency(indicator.frequency),
        ytd_method=YtdMethod(indicator.ytd_method), decimals=indicator.decimals, data_note=indicator.data_note,
        definition=indicator.definition, council_plan_code=indicator.council_plan_code,
        owner_ids=frozenset(indicator.owners.values_list("pk", flat=True)),
    )


# -- conflicts with what is stored


def _plain(value: Decimal | None) -> Decimal | None:
    """A stored figure as a person would have typed it: 45.500000 (the column's places) is 45.5,
    so that messages quote it as entered and its places are its own."""
    return None if value is None else Decimal(plain(value))


def _stored_figure(observation: Any, decimals: int) -> str:
    if observation.mark:
        return observation.mark
    if observation.value is not None:
        return format_figure(observation.value, decimals) or ""
    return f"{plain(observation.numerator)} of {plain(observation.denominator)}"


def conflicts(indicator: Indicator, new: IndicatorSettings) -> list[Conflict]:
    """Every stored figure, outturn, benchmark and target of `indicator` that `new` would refuse,
    in the import's words, or (fewer decimal places) round. Four queries at most."""
    stored = (indicator.unit, indicator.decimals, indicator.frequency)
    figures_changed = (new.unit, new.decimals, new.frequency) != stored
    found: list[Conflict] = []
    if figures_changed:
        rules = IndicatorRules(number=new.number, unit=new.unit, decimals=new.decimals, frequency=new.frequency,
                               year_start_month=indicator.scorecard.year_start_month)
        cause = "unit" if new.unit != indicator.unit else "decimals"

        def blame(problem: Problem) -> str:
            return "frequency" if "period" in problem.fields else cause

        for observation in indicator.observations.order_by("period"):
            checked = check_observation(
                rules, period=observation.period, value=_plain(observation.value),
                numerator=_plain(observation.numerator), denominator=_plain(observation.denominator),
                mark=observation.mark or None, status=observation.status,
            )
            what = f"{Month(observation.period.year, observation.period.month).long_name()} figure " \
                   f"{_stored_figure(observation, indicator.decimals)}"
            found += [Conflict(blame(problem), f"{what}: {problem.message}") for problem in checked.problems]
            found += [Conflict("decimals", f"{what}: {warning.message}") for warning in checked.warnings]
        for outturn in indicator.outturns.order_by("year"):
            checked = check_outturn(rules, _plain(outturn.value))
            what = f"Outturn {outturn.year} {format_figure(outturn.value, indicator.decimals)}"
            found += [Conflict(cause, f"{what}: {problem.message}") for problem in checked.problems]
            found += [Conflict("decimals", f"{what}: {warning.message}") for warning in checked.warnings]
        for benchmark in indicator.benchmarks.order_by("measure"):
            checked = check_benchmark(rules, _plain(benchmark.value))
            year = f" ({benchmark.year})" if benchmark.year else ""
            what = f"Benchmark {benchmark_label(benchmark.measure)}{year} {format_figure(benchmark.value, benchmark.decimals)}"
            found += [Conflict("unit", f"{what}: {problem.message}") for problem in checked.problems]
    if new.polarity != indicator.polarity:
        for target in indicator.targets.order_by("year"):
            checked = check_target(target.red or None, target.amber or None, target.green or None, new.polarity)
            what = f"Target {target.year}{' (draft)' if target.draft else ''}"
            found += [Conflict("polarity", f"{what}: {problem.message}") for problem in checked.problems]
    return found


# -- the changes in words


def _section_title(section_id: int | None) -> str:
    if section_id is None:
        return "no section"
    return f"\u201c{Section.objects.get(pk=section_id).title}\u201d"


def _quoted(text: str) -> str:
    return f"\u201c{text}\u201d" if text else "nothing"


WORDS = {
    "number": ("Number", str),
    "name": ("Name", _quoted),
    "section_id": ("Section", _section_title),
    "polarity": ("Good performance", lambda value: POLARITY_WORDS[value].name),
    "unit": ("Unit", lambda value: UNIT_WORDS[value].name),
    "frequency": ("Frequency", lambda value: Frequency(value).label),
    "ytd_method": ("Year to date", lambda value: YTD_METHOD_WORDS[value].name),
    "decimals": ("Decimal places", str),
    "data_note": ("Data note", _quoted),
    "definition": ("Definition", None),  # long Markdown: said to have changed, not quoted
    "council_plan_code": ("Council plan code", _quoted),
    "owner_ids": ("Owners", owner_names),
}


def describe_changes(old: IndicatorSettings, new: IndicatorSettings) -> list[str]:
    """Each changed setting in words, for the history and the success message."""
    changes = []
    for field in fields(IndicatorSettings):
        before, after = getattr(old, field.name), getattr(new, field.name)
        if before == after:
            continue
        label, say = WORDS[field.name]
        changes.append(f"{label}: changed" if say is None else f"{label}: {say(before)} to {say(after)}")
    return changes


def _with_reason(message: str, reason: str | None) -> str:
    return f"{message}. Reason: {reason}" if reason else message


# -- writes


@transaction.atomic
def create_indicator(scorecard: Scorecard, settings: IndicatorSettings, by: Any) -> Indicator:
    indicator = Indicator(scorecard=scorecard, **{name: getattr(settings, name) for name in COLUMNS})
    indicator._history_user = by
    indicator._change_reason = f"created; owners: {owner_names(settings.owner_ids)}"
    indicator.save()
    indicator.owners.set(settings.owner_ids)
    return indicator


@transaction.atomic
def change_indicator(indicator: Indicator, new: IndicatorSettings, by: Any, reason: str | None,
                     version: str | None = None) -> Outcome:
    """Save `new` unless it conflicts with what is stored; nothing is written when nothing changed.
    `version`: the history version the form was drawn from; `stale_edits.Changed` when it moved on."""
    # Held while the stored figures are read, so that none is written between the check and the save.
    indicator = Indicator.objects.select_for_update().select_related("scorecard").get(pk=indicator.pk)
    check_history_version(indicator, version, by)
    found = conflicts(indicator, new)
    if found:
        return Outcome(conflicts=tuple(found))
    changes = describe_changes(settings_of(indicator), new)
    if not changes:
        return Outcome()
    for name in COLUMNS:
        setattr(indicator, name, getattr(new, name))
    indicator.owners.set(new.owner_ids)
    indicator._history_user = by
    indicator._change_reason = _with_reason("; ".join(changes), reason)
    indicator.save()
    return Outcome(changes=tuple(changes))


@transaction.atomic
def retire_indicator(indicator: Indicator, month: Month, by: Any, reason: str) -> str:
    """Leave the indicator out of its scorecard from `month` on (the live pages, month end, the
    entry grid and later issues); its figures, history and publications stay. The change in words."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    first = datetime.date(month.year, month.month, 1)
    was = f" (was retired from {month_words(indicator.retired_from)})" if indicator.retired_from else ""
    indicator.retired_from = first
    change = f"Retired from {month.long_name()}{was}"
    indicator._history_user = by
    indicator._change_reason = _with_reason(change, reason)
    indicator.save()
    return change


@transaction.atomic
def unretire_indicator(indicator: Indicator, by: Any, reason: str) -> str | None:
    """Bring a retired indicator back into every month; None when it was not retired."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.retired_from is None:
        return None
    change = f"Brought back (was retired from {month_words(indicator.retired_from)})"
    indicator.retired_from = None
    indicator._history_user = by
    indicator._change_reason = _with_reason(change, reason)
    indicator.save()
    return change
