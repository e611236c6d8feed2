"""Writes of the month-end entry grid (docs/architecture.md, the entry grid).

Everything typed is checked by the shared entry rules (`compute.entry`), in the import's words.
Nothing is written unless the whole grid is valid, and then in one transaction. Each row carries
the version it was loaded at (`Observation.updated_at`, or "new"; likewise each note): a row
someone else saved since is refused with what they saved, who and when, and written over only
by a second, deliberate save; the other rows are saved. Changing a figure of a month a
publication shows needs a reason, kept as the history change reason of each row it changed.
"""

from __future__ import annotations

import hashlib

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from scorecards.compute.entry import (
    REASON_LENGTH,
    IndicatorRules,
    Problem,
    check_month_ended,
    check_observation,
    read_narrative,
    read_text,
)
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import CommentaryKind, Frequency, ObservationStatus, Unit
from scorecards.entry_grid import (
    NEW,
    EntryRights,
    month_published,
    stored_figures,
    stored_notes,
    version_of,
)
from scorecards.models import Commentary, Indicator, Observation, Scorecard, Section
from scorecards.selectors import month_date
from scorecards.snapshot import decimal_text
from scorecards.workbook.apply import record_creations

# The history change reason of what the grid saves, unless a correction gives its own.
GRID_REASON = "entered on the month-end grid"
FIGURE_FIELDS = ("value", "numerator", "denominator", "mark")


# -- what was typed -------------------------------------------------------------------


def fingerprint(*typed: str) -> str:
    """What a row's inputs held, in short: the grid keeps it as loaded, so a save can tell a row
    the person changed from one they left alone (a textarea posts its line breaks as CRLF)."""
    joined = "\x1f".join(text.replace("\r\n", "\n") for text in typed)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class TypedFigure:
    value: str = ""
    numerator: str = ""
    denominator: str = ""
    mark: str = ""
    status: str = ""
    version: str = NEW
    loaded: str = ""  # the fingerprint of the inputs as the grid was loaded ("" if unknown)

    @property
    def untouched(self) -> bool:
        """Posted just as loaded: the person did not change this figure."""
        return bool(self.loaded) and self.loaded == fingerprint(
            self.value, self.numerator, self.denominator, self.mark, self.status
        )

    @property
    def says_a_figure(self) -> bool:
        return any(getattr(self, name).strip() for name in FIGURE_FIELDS)

    def first_field(self) -> str:
        """The first figure field typed in (where a problem with the whole figure is shown)."""
        return next((name for name in FIGURE_FIELDS if getattr(self, name).strip()), "value")


@dataclass(frozen=True)
class TypedNote:
    text: str = ""
    version: str = NEW
    loaded: str = ""  # the fingerprint of the text as the grid was loaded ("" if unknown)

    @property
    def untouched(self) -> bool:
        return bool(self.loaded) and self.loaded == fingerprint(self.text)


@dataclass(frozen=True)
class TypedRow:
    indicator_id: int
    figure: TypedFigure
    commentary: TypedNote
    exception: TypedNote


@dataclass(frozen=True)
class TypedGrid:
    rows: tuple[TypedRow, ...]
    narratives: tuple[tuple[int, TypedNote], ...]  # (section id, its significant changes)
    reason: str = ""


# -- what came of it ------------------------------------------------------------------


@dataclass(frozen=True)
class EntryError:
    key: str  # the form's prefix: "i12" (indicator), "s3" (section), "" (the grid)
    field: str  # value, numerator, denominator, mark, status, commentary, exception, text, reason
    subject: str  # "Indicator 6.1", "Section LOOKED AFTER CHILDREN"
    message: str


@dataclass(frozen=True)
class Refusal:
    """A part of a row someone else saved since the grid was loaded: not saved."""

    key: str
    part: str  # "figure", "commentary", "exception", "text"
    subject: str  # "Indicator 6.1 figure"
    theirs: str  # what they saved, in words
    who: str
    when: datetime.datetime | None
    version: str  # the stored version now: saving again writes over theirs

    @property
    def what(self) -> str:
        return {"figure": "the figure", "commentary": "the commentary", "exception": "the exception note",
                "text": "the significant changes"}[self.part]


@dataclass(frozen=True)
class EntryOutcome:
    errors: tuple[EntryError, ...] = ()
    warnings: tuple[str, ...] = ()
    refusals: tuple[Refusal, ...] = ()
    saved: int = 0  # figures and notes written

    @property
    def ok(self) -> bool:
        return not self.errors


# -- the service ----------------------------------------------------------------------


@dataclass
class _Pending:
    """What the checks decided to write, before anything is written."""

    creates: list[tuple[Observation, bool]]  # (row, a correction)
    updates: list[tuple[Observation, bool]]
    deletes: list[tuple[Observation, bool]]
    note_creates: list[Commentary]
    note_updates: list[Commentary]
    note_deletes: list[Commentary]
    corrected: list[str]  # numbers of the indicators whose published figure changes

    @property
    def count(self) -> int:
        return sum(map(len, (self.creates, self.updates, self.deletes, self.note_creates, self.note_updates,
                             self.note_deletes)))


def save_grid(
    scorecard: Scorecard, month: Month, user: Any, typed: TypedGrid, rights: EntryRights,
    today: datetime.date | None = None,
) -> EntryOutcome:
    """Check the whole grid and, when nothing is wrong, save every change nobody else made first."""
    today = today or timezone.localdate()
    with transaction.atomic():
        # Hold the scorecard row, as imports and publishing do: the versions compared below stay
        # true while the rows are written, and a publication never freezes half a save.
        Scorecard.objects.select_for_update().filter(pk=scorecard.pk).first()
        check = _GridCheck(scorecard, month, user, rights, today)
        outcome = check.run(typed)
        if outcome.ok:
            check.write()
        return outcome


class _GridCheck:
    def __init__(self, scorecard: Scorecard, month: Month, user: Any, rights: EntryRights,
                 today: datetime.date) -> None:
        self.scorecard, self.month, self.user, self.rights, self.today = scorecard, month, user, rights, today
        self.period = month_date(month)
        # A retired indicator's rows are not on the month's grid: posted anyway, they are ignored.
        self.indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=rights.indicator_ids, scorecard=scorecard)
                           .reported_in(self.period)}
        self.sections = {s.pk: s for s in Section.objects.filter(pk__in=rights.section_ids, scorecard=scorecard)}
        self.observations = stored_figures(frozenset(self.indicators), month)
        self.notes = stored_notes(scorecard, month)
        self.published = month_published(scorecard, month)
        self.errors: list[EntryError] = []
        self.warnings: list[str] = []
        self.refused: list[tuple[str, str, str, Any]] = []  # (key, part, subject, stored row or key)
        self.pending = _Pending([], [], [], [], [], [], [])
        self.reason = ""

    # -- checks --

    def run(self, typed: TypedGrid) -> EntryOutcome:
        for row in typed.rows:
            indicator = self.indicators.get(row.indicator_id)
            if indicator is None:
                continue  # not theirs to enter: ignored, never saved
            self._figure(indicator, row.figure)
            for kind, note in ((CommentaryKind.COMMENTARY, row.commentary), (CommentaryKind.EXCEPTION, row.exception)):
                self._note(f"i{indicator.pk}", f"Indicator {indicator.number}", str(kind), kind, note,
                           indicator=indicator)
        for section_id, note in typed.narratives:
            section = self.sections.get(section_id)
            if section is not None:
                self._note(f"s{section.pk}", f"Section {section.title}", "text", CommentaryKind.SIGNIFICANT_CHANGES,
                           note, section=section)
        self._reason(typed.reason)
        if self.errors:
            return EntryOutcome(errors=tuple(self.errors), warnings=tuple(self.warnings))
        return EntryOutcome(warnings=tuple(self.warnings), refusals=tuple(self._refusals()),
                            saved=self.pending.count)

    def _error(self, key: str, subject: str, problem: Problem, field: str | None = None) -> None:
        self.errors.append(EntryError(key, field or (problem.fields[0] if problem.fields else "value"), subject,
                                      problem.message))

    def _figure(self, indicator: Indicator, typed: TypedFigure) -> None:
        key, subject = f"i{indicator.pk}", f"Indicator {indicator.number}"
        rules: IndicatorRules = IndicatorRules(
            indicator.number, Unit(indicator.unit), indicator.decimals, Frequency(indicator.frequency),
            self.scorecard.year_start_month,
        )
        checked = check_observation(
            rules, period=self.month, value=typed.value or None, numerator=typed.numerator or None,
            denominator=typed.denominator or None, mark=typed.mark or None, status=typed.status or None,
        )
        problems = list(checked.problems)
        if typed.says_a_figure:
            ended = check_month_ended(self.month, self.today)
            if ended is not None:
                problems.insert(0, ended)
        for problem in problems:
            # A problem with the month (its frequency, not yet ended) is shown at the figure typed.
            field = typed.first_field() if problem.fields in ((), ("period",)) else None
            self._error(key, subject, problem, field)
        if problems:
            return
        self.warnings += [f"{subject}: {warning.message}" for warning in checked.warnings]
        stored = self.observations.get(indicator.pk)
        figure = (checked.value, checked.numerator, checked.denominator, checked.mark or "")
        status = checked.status or ObservationStatus.FINAL.value
        empty = figure == (None, None, None, "")
        if stored is None:
            if empty:
                return
            changed = True
        else:
            changed = figure != (stored.value, stored.numerator, stored.denominator, stored.mark)
            if not changed and status == stored.status:
                return
        if typed.version != version_of(stored.updated_at if stored else None):
            # Someone saved this row since the grid was loaded. Left alone here, their save
            # stands; changed here too, it is refused and shown, never overwritten silently.
            if not typed.untouched:
                self.refused.append((key, "figure", f"{subject} figure", indicator.pk))
            return
        correction = changed and self.published
        if correction:
            self.pending.corrected.append(indicator.number)
        if stored is None:
            observation = Observation(indicator=indicator, period=self.period, value=figure[0], numerator=figure[1],
                                      denominator=figure[2], mark=figure[3], status=status)
            self.pending.creates.append((observation, correction))
        elif empty:
            self.pending.deletes.append((stored, correction))
        else:
            stored.value, stored.numerator, stored.denominator, stored.mark = figure
            stored.status = status
            self.pending.updates.append((stored, correction))

    def _note(self, key: str, subject: str, field: str, kind: str, typed: TypedNote,
              indicator: Indicator | None = None, section: Section | None = None) -> None:
        read = read_narrative(typed.text if typed.text.strip() else None, field)
        if read.problem is not None:
            self._error(key, subject, read.problem, field)
            return
        text = read.value
        stored = self.notes.get((key[0], (indicator or section).pk, kind))
        if (stored.text if stored else None) == text:
            return
        if typed.version != version_of(stored.updated_at if stored else None):
            if not typed.untouched:  # as for figures: someone else's save stands unless this one changed it too
                self.refused.append((key, field, f"{subject} {_note_name(kind)}", (key[0], (indicator or section).pk, kind)))
            return
        if stored is None:
            self.pending.note_creates.append(Commentary(
                scorecard=self.scorecard, indicator=indicator, section=section, period=self.period, kind=kind,
                text=text, author=self.user,
            ))
        elif text is None:
            self.pending.note_deletes.append(stored)
        else:
            stored.text, stored.author = text, self.user
            self.pending.note_updates.append(stored)

    def _reason(self, written: str) -> None:
        read = read_text(written.strip() or None, "reason", REASON_LENGTH)
        if read.problem is not None:
            self._error("", "Reason for correcting published figures", read.problem, "reason")
            return
        self.reason = read.value or ""
        if self.pending.corrected and not self.reason:
            numbers = self.pending.corrected
            which = f"indicator {numbers[0]}" if len(numbers) == 1 else "indicators " + _joined(numbers)
            self.errors.append(EntryError(
                "", "reason", "Reason for correcting published figures",
                f"expected a reason for correcting published figures: {self.month.abbreviation()} is shown in a "
                f"publication and the figures of {which} for {self.month.abbreviation()} change; found an empty reason",
            ))

    # -- refusals --

    def _refusals(self) -> list[Refusal]:
        if not self.refused:
            return []
        figures = _latest_figure_history([pk for _, part, _, pk in self.refused if part == "figure"], self.period)
        notes = _latest_note_history(self.scorecard, self.period)
        refusals = []
        for key, part, subject, which in self.refused:
            if part == "figure":
                record = figures.get(which)
                stored = self.observations.get(which)
                indicator = self.indicators[which]
                theirs = _figure_words(stored, indicator.decimals)
                version = version_of(stored.updated_at if stored else None)
            else:
                record = notes.get(which)
                note = self.notes.get(which)
                theirs = note.text if note else "nothing (they deleted it)"
                version = version_of(note.updated_at if note else None)
            refusals.append(Refusal(key, part, subject, theirs, _who(record), getattr(record, "history_date", None),
                                    version))
        return refusals

    # -- writes --

    def write(self) -> None:
        now = timezone.now()
        pending = self.pending
        for reason, rows in self._by_reason(pending.creates).items():
            created = Observation.objects.bulk_create(rows)
            record_creations(Observation, [row.pk for row in created], self.user, reason)
        updates = [self._stamped(row, correction, now) for row, correction in pending.updates]
        if updates:
            bulk_update_with_history(updates, Observation, [*FIGURE_FIELDS, "status", "updated_at"],
                                     default_user=self.user, default_change_reason=GRID_REASON, default_date=now)
        for row, correction in pending.deletes:
            # Rare (a figure cleared), so one by one: the history keeps who, when and why.
            self._stamped(row, correction, now).delete()
        if pending.note_creates:
            created = Commentary.objects.bulk_create(pending.note_creates)
            record_creations(Commentary, [note.pk for note in created], self.user, GRID_REASON)
        notes = [self._stamped(note, False, now) for note in pending.note_updates]
        if notes:
            bulk_update_with_history(notes, Commentary, ["text", "author", "updated_at"], default_user=self.user,
                                     default_change_reason=GRID_REASON, default_date=now)
        for note in pending.note_deletes:
            self._stamped(note, False, now).delete()

    def _by_reason(self, rows: Iterable[tuple[Observation, bool]]) -> dict[str, list[Observation]]:
        grouped: dict[str, list[Observation]] = {}
        for row, correction in rows:
            grouped.setdefault(self.reason if correction else GRID_REASON, []).append(row)
        return grouped

    def _stamped(self, row: Any, correction: bool, now: datetime.datetime) -> Any:
        # bulk_update skips auto_now, and the versions the grid compares read updated_at.
        row.updated_at = now
        row._change_reason = self.reason if correction else GRID_REASON
        row._history_user = self.user
        return row


def _note_name(kind: str) -> str:
    return {CommentaryKind.COMMENTARY: "commentary", CommentaryKind.EXCEPTION: "exception note",
            CommentaryKind.SIGNIFICANT_CHANGES: "significant changes"}[CommentaryKind(kind)]


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _figure_words(observation: Observation | None, decimals: int) -> str:
    """What is stored, in words: "value 55.0 (numerator 55, denominator 100), final"."""
    if observation is None:
        return "no figure (they cleared it)"
    if observation.mark:
        words = f"the mark {observation.mark}"
    elif observation.value is not None:
        words = f"value {observation.value.quantize(Decimal(1).scaleb(-decimals))}"
        if observation.numerator is not None and observation.denominator is not None:
            words += f" (numerator {decimal_text(observation.numerator)}, denominator {decimal_text(observation.denominator)})"
    else:
        words = "no figure"
    return f"{words}, {observation.status}"


def _who(record: Any) -> str:
    user = getattr(record, "history_user", None)
    if user is None:
        return "the system (an import without a user)" if record is not None else "someone"
    return user.get_full_name() or user.get_username()


def _latest_figure_history(indicator_ids: list[int], period: datetime.date) -> dict[int, Any]:
    latest: dict[int, Any] = {}
    records = (Observation.history.filter(indicator_id__in=indicator_ids, period=period)
               .select_related("history_user").order_by("history_date", "history_id"))
    for record in records:
        latest[record.indicator_id] = record
    return latest


def _latest_note_history(scorecard: Scorecard, period: datetime.date) -> dict[tuple[str, int, str], Any]:
    latest: dict[tuple[str, int, str], Any] = {}
    records = (Commentary.history.filter(scorecard_id=scorecard.pk, period=period)
               .select_related("history_user").order_by("history_date", "history_id"))
    for record in records:
        owner = ("i", record.indicator_id) if record.indicator_id else ("s", record.section_id)
        latest[(*owner, record.kind)] = record
    return latest
