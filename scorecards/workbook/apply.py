"""The write half of a workbook import: upserts of validated records (docs/workbook.md).

Called inside one transaction by `services.import_workbook`, only when validation found no
error. Keys: slug; number; number and year; number and period; number and measure. Nothing is
deleted. On create an absent field takes its default; on update it leaves the stored field
unchanged, and an empty value cell never clears a stored figure. Every change is saved with
its history, the reason naming the file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from scorecards.compute.periods import Month
from scorecards.compute.precision import default_decimals, format_figure
from scorecards.compute.vocabulary import ObservationStatus, Unit
from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Scorecard, Section, Target, natural_sort_key
from scorecards.snapshot import decimal_text
from scorecards.workbook.validate import WorkbookContent

BATCH = 2000
# Ids per INSERT ... SELECT: well under SQLite's 32,766 bound parameters.
HISTORY_CHUNK = 5000
COUNT_FIELDS = frozenset({"numerator", "denominator"})
FIGURE_FIELDS = COUNT_FIELDS | {"value"}


@dataclass(frozen=True)
class Change:
    """One row an import creates or updates, as the upload's preview lists it."""

    sheet: str
    subject: tuple[str, ...]  # the row's key in words: ("6.1", "2020-12"), ("LOOKED AFTER CHILDREN", "2020-12", "significant_changes")
    created: bool
    fields: tuple[tuple[str, str, str], ...]  # (field, as stored, as imported), as text; "" for none
    correction: bool = False  # a figure of a month some publication shows


@dataclass(frozen=True)
class Corrections:
    """How an import tells a correction of published figures (docs/architecture.md, corrections)."""

    published: frozenset[Month]  # every month some publication shows (entry_grid.months_published)
    reason: str  # the history change reason of a row that corrects one


# What makes a figure's change a correction: not its status, as on the grid.
CORRECTED_FIELDS = FIGURE_FIELDS | {"mark"}


@dataclass
class ApplyCounts:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)

    @property
    def corrections(self) -> list[Change]:
        return [change for change in self.changes if change.correction]

    def lines(self) -> list[str]:
        sheets = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{sheet}: {self.created[sheet]} created, {self.updated[sheet]} updated, {self.unchanged[sheet]} unchanged"
            for sheet in sheets
        ]


def month_date(month) -> date:
    return date(month.year, month.month, 1)


def _text(value: Any, places: int | None = None) -> str:
    """A field as the preview shows it: a value to its indicator's places, other figures as entered."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_figure(value, places) if places is not None else decimal_text(value)
    return str(value)


class Upserter:
    """Creates and updates rows of one model in bulk, with history and a reason, and lists
    each row it writes as a `Change` (what the upload's preview shows)."""

    def __init__(self, model: type[Model], sheet: str, counts: ApplyCounts, reason: str, user: Any,
                 correction_reason: str | None = None) -> None:
        self.model, self.sheet, self.counts, self.reason, self.user = model, sheet, counts, reason, user
        self.correction_reason = correction_reason or reason
        self.to_create: list[Model] = []
        self.to_update: list[Model] = []
        self.fields: set[str] = set()

    def create(self, instance: Model, subject: tuple[str, ...], shown: dict[str, Any], published: bool = False,
               places: int | None = None) -> None:
        """`shown`: the fields the preview lists; `published`: the row's month is one a publication shows;
        `places`: the indicator's decimal places, to show a value with."""
        correction = published and any(shown.get(name) not in (None, "") for name in CORRECTED_FIELDS)
        instance._change_reason = self.correction_reason if correction else self.reason
        self.to_create.append(instance)
        fields = tuple((name, "", _text(value, places if name == "value" else None))
                       for name, value in shown.items() if value not in (None, ""))
        self.counts.changes.append(Change(self.sheet, subject, True, fields, correction))

    def update(self, instance: Model, changes: dict[str, Any], subject: tuple[str, ...],
               clears: frozenset[str] = frozenset(), published: bool = False, places: int | None = None) -> None:
        """Set only the changes that differ from what is stored. None in `changes` leaves the
        field as it is, except for the fields named in `clears`, which None empties."""
        changed = {
            name: value
            for name, value in changes.items()
            if (value is not None or name in clears) and getattr(instance, name) != value
        }
        if not changed:
            self.counts.unchanged[self.sheet] += 1
            return
        correction = published and bool(CORRECTED_FIELDS & set(changed))
        self.counts.changes.append(Change(
            self.sheet, subject, False,
            tuple((name, _text(getattr(instance, name), places if name == "value" else None),
                   _text(value, places if name == "value" else None)) for name, value in changed.items()),
            correction,
        ))
        # simple_history reads a row's own reason before the bulk default.
        instance._change_reason = self.correction_reason if correction else self.reason
        for name, value in changed.items():
            setattr(instance, name, value)
        self.fields.update(changed)
        if hasattr(instance, "updated_at"):
            # bulk_update skips auto_now, and "changed since presented" reads this.
            instance.updated_at = timezone.now()
            self.fields.add("updated_at")
        self.to_update.append(instance)

    def save(self) -> None:
        if self.to_create:
            created = self.model.objects.bulk_create(self.to_create, batch_size=BATCH)
            by_reason: dict[str, list[int]] = {}
            for row in created:
                by_reason.setdefault(row._change_reason, []).append(row.pk)
            for reason, pks in by_reason.items():
                record_creations(self.model, pks, self.user, reason)
            self.counts.created[self.sheet] += len(created)
        if self.to_update:
            bulk_update_with_history(
                self.to_update,
                self.model,
                sorted(self.fields),
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=self.reason,
                default_date=timezone.now(),
            )
            self.counts.updated[self.sheet] += len(self.to_update)


def record_creations(model: type[Model], pks: list[int], user: Any, reason: str) -> None:
    """The history rows ("+") of rows just created, copied by the database itself.

    simple_history's bulk path builds a second model instance per row in Python, which was
    40% of a 60,000-value import; an INSERT ... SELECT writes the same rows (every tracked
    column, date, user, reason) in one statement per chunk.
    """
    history = model.history.model
    columns = [field.column for field in model._meta.concrete_fields]
    history_columns = {field.column for field in history._meta.concrete_fields}
    missing = set(columns) - history_columns
    if missing:
        raise RuntimeError(f"{history._meta.db_table} lacks {sorted(missing)}; history would be incomplete")
    quote = connection.ops.quote_name
    copied = ", ".join(quote(column) for column in columns)
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    user_id = user.pk if user is not None else None
    with connection.cursor() as cursor:
        for start in range(0, len(pks), HISTORY_CHUNK):
            chunk = pks[start : start + HISTORY_CHUNK]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({copied}, history_date, history_change_reason, "
                f"history_type, history_user_id) SELECT {copied}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                [when, reason, "+", user_id, *chunk],
            )


def apply_workbook(
    content: WorkbookContent, reason: str, user: Any = None, corrections: Corrections | None = None
) -> tuple[Scorecard, ApplyCounts]:
    """Write the records; `counts.changes` lists every row written. With `corrections`, a figure
    of a published month is flagged and its history carries `corrections.reason`."""
    counts = ApplyCounts()
    scorecard = _apply_scorecard(content, counts)
    sections = _apply_sections(content, scorecard, counts)
    indicators = _apply_indicators(content, scorecard, sections, counts, reason, user)
    _apply_targets(content, indicators, counts, reason, user)
    _apply_values(content, indicators, counts, reason, user, corrections)
    _apply_outturns(content, indicators, counts, reason, user)
    _apply_benchmarks(content, indicators, counts, reason, user)
    _apply_commentary(content, scorecard, indicators, sections, counts, reason, user)
    return scorecard, counts


def _apply_scorecard(content: WorkbookContent, counts: ApplyCounts) -> Scorecard:
    record = content.scorecard
    fields = {
        "title": record.title,
        "year_start_month": record.year_start_month,
        "dot_basis": record.dot_basis and str(record.dot_basis),
        "arrow_convention": record.arrow_convention and str(record.arrow_convention),
        "publication_frequency": record.publication_frequency and str(record.publication_frequency),
    }
    scorecard = Scorecard.objects.filter(slug=record.slug).first()
    if scorecard is None:
        scorecard = Scorecard(slug=record.slug, title=record.title or record.slug)
        for name, value in fields.items():
            if value is not None:
                setattr(scorecard, name, value)
        scorecard.save()
        counts.created["scorecard"] += 1
        counts.changes.append(Change("scorecard", (record.slug,), True, ()))
        return scorecard
    changed = {n: v for n, v in fields.items() if v is not None and getattr(scorecard, n) != v}
    if changed:
        counts.changes.append(Change(
            "scorecard", (record.slug,), False,
            tuple((name, _text(getattr(scorecard, name)), _text(value)) for name, value in changed.items()),
        ))
    for name, value in changed.items():
        setattr(scorecard, name, value)
    if changed:
        scorecard.save(update_fields=[*changed, "updated_at"])
        counts.updated["scorecard"] += 1
    else:
        counts.unchanged["scorecard"] += 1
    return scorecard


def _apply_sections(content: WorkbookContent, scorecard: Scorecard, counts: ApplyCounts) -> dict[str, Section]:
    sections = {s.title: s for s in Section.objects.filter(scorecard=scorecard)}
    next_order = max((s.order for s in sections.values()), default=0) + 1
    wanted = [r.section for r in content.indicators if r.section] + [r.section for r in content.commentary if r.section]
    for title in dict.fromkeys(wanted):
        if title not in sections:
            sections[title] = Section.objects.create(scorecard=scorecard, title=title, order=next_order)
            next_order += 1
            counts.created["sections"] += 1
            counts.changes.append(Change("sections", (title,), True, ()))
    return sections


def _apply_indicators(
    content: WorkbookContent, scorecard: Scorecard, sections: dict[str, Section], counts: ApplyCounts, reason: str, user: Any
) -> dict[str, Indicator]:
    stored = {i.number: i for i in Indicator.objects.filter(scorecard=scorecard)}
    upsert = Upserter(Indicator, "indicators", counts, reason, user)
    for r in content.indicators:
        changes = {
            "name": r.name,
            "polarity": str(r.polarity),
            "section_id": sections[r.section].pk if r.section else None,
            "data_note": r.data_note,
            "unit": r.unit and str(r.unit),
            "frequency": r.frequency and str(r.frequency),
            "ytd_method": r.ytd_method and str(r.ytd_method),
            "decimals": r.decimals,
            "definition": r.definition,
        }
        indicator = stored.get(r.number)
        if indicator is None:
            unit = Unit(changes["unit"] or Unit.NUMBER)
            indicator = Indicator(
                scorecard=scorecard,
                number=r.number,
                sort_key=natural_sort_key(r.number),
                **{k: v for k, v in changes.items() if v is not None},
            )
            if r.decimals is None:
                indicator.decimals = default_decimals(unit)
            upsert.create(indicator, (r.number,), {"name": r.name, "section": r.section, "polarity": changes["polarity"]})
        else:
            upsert.update(indicator, changes, (r.number,))
    upsert.save()
    return {i.number: i for i in Indicator.objects.filter(scorecard=scorecard)}


def _apply_targets(content, indicators, counts, reason, user) -> None:
    stored = {(t.indicator_id, t.year): t for t in Target.objects.filter(indicator__in=indicators.values())}
    upsert = Upserter(Target, "targets", counts, reason, user)
    for r in content.targets:
        indicator = indicators[r.number]
        # The three cells are one tolerance: a row replaces all three, empty cells included.
        cells = {"red": r.red or "", "amber": r.amber or "", "green": r.green or "", "kind": r.kind}
        target = stored.get((indicator.pk, r.year))
        if target is None:
            upsert.create(Target(indicator=indicator, year=r.year, **cells), (r.number, r.year), cells)
        else:
            # An imported target is the year's target: a draft left by the yearly rollover is confirmed.
            upsert.update(target, {**cells, "draft": False}, (r.number, r.year))
    upsert.save()


def _apply_values(content, indicators, counts, reason, user, corrections: Corrections | None = None) -> None:
    stored = {
        (o.indicator_id, o.period): o for o in Observation.objects.filter(indicator__in=indicators.values())
    }
    published = corrections.published if corrections else frozenset()
    upsert = Upserter(Observation, "values", counts, reason, user, corrections.reason if corrections else None)
    for r in content.values:
        indicator = indicators[r.number]
        period = month_date(r.period)
        observation = stored.get((indicator.pk, period))
        subject = (r.number, str(r.period))
        if not r.mark and r.value is None and r.numerator is None and r.denominator is None:
            # A status alone: it marks a stored figure provisional or final, and creates nothing.
            if observation is not None:
                upsert.update(observation, {"status": r.status}, subject, places=indicator.decimals)
            continue
        if r.mark:
            # A mark stands in place of a figure, so it replaces any stored one.
            fields = {"value": None, "numerator": None, "denominator": None, "mark": r.mark}
        else:
            fields = {"value": r.value, "numerator": r.numerator, "denominator": r.denominator, "mark": ""}
        if observation is None:
            status = r.status or ObservationStatus.FINAL
            upsert.create(
                Observation(indicator=indicator, period=period, status=status, **fields),
                subject, {**fields, "status": status}, published=r.period in published, places=indicator.decimals,
            )
        else:
            # A mark replaces a stored figure; an empty value cell never clears one; a new value
            # given without counts drops the stored counts, which would contradict it.
            if r.mark:
                clears = FIGURE_FIELDS
            elif r.value is not None and r.numerator is None and r.denominator is None:
                clears = COUNT_FIELDS
            else:
                clears = frozenset()
            upsert.update(observation, {**fields, "status": r.status}, subject, clears=clears,
                          published=r.period in published, places=indicator.decimals)
    upsert.save()


def _apply_outturns(content, indicators, counts, reason, user) -> None:
    stored = {(o.indicator_id, o.year): o for o in Outturn.objects.filter(indicator__in=indicators.values())}
    upsert = Upserter(Outturn, "outturns", counts, reason, user)
    for r in content.outturns:
        indicator = indicators[r.number]
        outturn = stored.get((indicator.pk, r.year))
        if outturn is None:
            upsert.create(Outturn(indicator=indicator, year=r.year, value=r.value), (r.number, r.year), {"value": r.value})
        else:
            upsert.update(outturn, {"value": r.value}, (r.number, r.year))
    upsert.save()


def _apply_benchmarks(content, indicators, counts, reason, user) -> None:
    stored = {(b.indicator_id, b.measure): b for b in Benchmark.objects.filter(indicator__in=indicators.values())}
    upsert = Upserter(Benchmark, "benchmarks", counts, reason, user)
    for r in content.benchmarks:
        indicator = indicators[r.number]
        fields = {"value": r.value, "decimals": r.decimals, "year": r.year, "source": r.source}
        benchmark = stored.get((indicator.pk, r.measure))
        if benchmark is None:
            upsert.create(
                Benchmark(indicator=indicator, measure=r.measure, **{k: v if v is not None else "" for k, v in fields.items()}),
                (r.number, r.measure), fields,
            )
        else:
            upsert.update(benchmark, fields, (r.number, r.measure))
    upsert.save()


def _apply_commentary(content, scorecard, indicators, sections, counts, reason, user) -> None:
    stored = {}
    for note in Commentary.objects.filter(scorecard=scorecard):
        stored[(note.indicator_id, note.section_id, note.period, note.kind)] = note
    upsert = Upserter(Commentary, "commentary", counts, reason, user)
    for r in content.commentary:
        indicator = indicators[r.number] if r.number else None
        section = sections[r.section] if r.section else None
        period = month_date(r.period)
        key = (indicator.pk if indicator else None, section.pk if section else None, period, r.kind)
        note = stored.get(key)
        subject = (r.number or r.section, str(r.period), str(r.kind))
        if note is None:
            upsert.create(
                Commentary(
                    scorecard=scorecard, indicator=indicator, section=section, period=period, kind=r.kind, text=r.text, author=user
                ),
                subject, {"text": r.text},
            )
        else:
            # The author's id, not the user: comparing users would load each note's author, a query a row.
            upsert.update(note, {"text": r.text, "author_id": user.pk if user is not None else None}, subject)
    upsert.save()
