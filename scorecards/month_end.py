"""Month end as read: where a scorecard's month stands, each indicator's row, each owner's
progress, the deadline (docs/architecture.md, submission, sign-off and deadline).

Reads only, like `selectors` and `entry_grid`; the writes (submitting, signing off) are in
`services/month_end.py`. A fixed number of queries whatever the number of indicators.

A row is **submitted** while its indicator has a submission for the month and nothing in the
row (its figure, commentary or exception note) was saved after it; a later save **reopens** it,
whichever way it was written (grid, upload, import), because it is read here from the rows'
`updated_at` and not recorded by each writer.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from accounts.roles import Action, Role, can, user_roles

from scorecards.compute.entry import SignOffItem, SignOffProblem, figure_due, needs_exception_note, sign_off_problems
from scorecards.compute.periods import Month, reporting_year_label
from scorecards.compute.vocabulary import CommentaryKind, Frequency, ObservationStatus
from scorecards.compute.working_days import bank_holidays_england_and_wales, month_end_deadline, working_days_between
from scorecards.figures import compute_figures
from scorecards.models import Commentary, Indicator, Observation, Publication, Scorecard, Submission, Target
from scorecards.entry_grid import entry_rights
from scorecards.selectors import date_month, latest_publication, live_data, month_date

NO_OWNER = "No owner"


class Stage(StrEnum):
    """Where a month stands."""

    OPEN = "open"  # some rows are not submitted
    SUBMITTED = "submitted"  # every row is submitted: the scorecard's owner may sign off
    PUBLISHED = "published"  # a publication is as at the month


@dataclass(frozen=True)
class SubmittedBy:
    who: str
    when: datetime.datetime
    standing: bool  # False: something in the row was saved after it (reopened)


@dataclass(frozen=True)
class MonthRow:
    """One indicator's row of the month, as month end needs it."""

    indicator_id: int
    number: str
    owners: tuple[str, ...]  # their names; empty when nobody owns it
    due: bool  # a figure is due this month (its frequency reports in it)
    entered: bool  # a value or a mark for the month
    provisional: bool
    needs_exception_note: bool  # red in month or at year end on the month's own figure
    has_exception_note: bool
    submission: SubmittedBy | None

    @property
    def submitted(self) -> bool:
        return self.submission is not None and self.submission.standing

    @property
    def reopened(self) -> bool:
        return self.submission is not None and not self.submission.standing

    @property
    def missing(self) -> bool:
        return self.due and not self.entered

    @property
    def note_missing(self) -> bool:
        return self.needs_exception_note and not self.has_exception_note

    @property
    def sign_off_item(self) -> SignOffItem:
        return SignOffItem(self.number, self.needs_exception_note, self.has_exception_note, self.due, self.entered)


@dataclass(frozen=True)
class OwnerProgress:
    """One owner's rows of the month: a line of the month-end table."""

    owner: str
    indicators: int
    not_due: int  # no figure due this month (quarterly, termly, annual)
    entered: int
    missing: int
    provisional: int
    notes_missing: tuple[str, ...]  # numbers of rows needing an exception note that have none
    submitted: int
    reopened: tuple[str, ...]  # numbers changed after they were submitted
    last_submitted: datetime.datetime | None

    @property
    def all_submitted(self) -> bool:
        return self.submitted == self.indicators


@dataclass(frozen=True)
class Deadline:
    day: datetime.date
    working_day: int  # the scorecard's setting: working day N after the month's end
    overdue_by: int  # working days past it, 0 when not overdue (never once published)

    @property
    def overdue(self) -> bool:
        return self.overdue_by > 0


@dataclass(frozen=True)
class MonthEnd:
    scorecard: Scorecard
    month: Month
    rows: tuple[MonthRow, ...]
    publication: Publication | None  # the latest issue as at the month
    deadline: Deadline
    targets: TargetGaps  # indicators without a confirmed target for the month's reporting year
    reporting_year: str

    @property
    def stage(self) -> Stage:
        if self.publication is not None:
            return Stage.PUBLISHED
        return Stage.SUBMITTED if self.rows and all(row.submitted for row in self.rows) else Stage.OPEN

    @property
    def stage_words(self) -> str:
        if self.publication is not None:
            return f"Published as {self.publication.document_status}"
        if self.stage == Stage.SUBMITTED:
            return "Submitted: every row is submitted, ready for sign-off"
        return f"Open: {self.submitted_count} of {len(self.rows)} rows submitted"

    @property
    def missing_targets_warning(self) -> str:
        """Why some rows have no RAG: no target for the year, or only a draft not yet confirmed."""
        parts, actions = [], []
        if count := len(self.targets.missing):
            parts.append(f"{count} indicator{'s have' if count != 1 else ' has'} no target for {self.reporting_year}")
            actions.append("adds the missing targets")
        if count := len(self.targets.drafts):
            parts.append(f"{count} indicator{'s have' if count != 1 else ' has'} only a draft target for "
                         f"{self.reporting_year}, not yet confirmed")
            actions.append("confirms the drafts")
        return f"{' and '.join(parts)}, so no RAG rating: an administrator {' and '.join(actions)}."

    @property
    def submitted_count(self) -> int:
        return sum(row.submitted for row in self.rows)

    @property
    def not_submitted(self) -> tuple[str, ...]:
        return tuple(row.number for row in self.rows if not row.submitted)

    @property
    def problems(self) -> list[SignOffProblem]:
        return sign_off_problems(self.month, (row.sign_off_item for row in self.rows))

    @property
    def owners(self) -> tuple[OwnerProgress, ...]:
        return owner_progress(self.rows)


def person_name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def open_month(scorecard: Scorecard, today: datetime.date) -> Month:
    """The month after the latest published one; before any publication, the last month ended."""
    latest = Publication.objects.filter(scorecard=scorecard).order_by("-as_at").values_list("as_at", flat=True).first()
    return date_month(latest).plus(1) if latest else Month(today.year, today.month).plus(-1)


def _owners(scorecard: Scorecard) -> dict[int, tuple[str, ...]]:
    through = Indicator.owners.through.objects.filter(indicator__scorecard=scorecard).select_related("user")
    owners: dict[int, list[str]] = {}
    for link in through.order_by("user__last_name", "user__first_name", "user__username"):
        owners.setdefault(link.indicator_id, []).append(person_name(link.user))
    return {pk: tuple(names) for pk, names in owners.items()}


def _changed_at(scorecard: Scorecard, period: datetime.date, ids: Iterable[int]) -> dict[int, datetime.datetime]:
    """When each indicator's row of the month (figure, commentary, exception note) was last saved."""
    latest: dict[int, datetime.datetime] = {}
    rows = [
        *Observation.objects.filter(indicator_id__in=ids, period=period).values_list("indicator_id", "updated_at"),
        *Commentary.objects.filter(scorecard=scorecard, indicator_id__in=ids, period=period,
                                   kind__in=[CommentaryKind.COMMENTARY, CommentaryKind.EXCEPTION])
        .values_list("indicator_id", "updated_at"),
    ]
    for pk, when in rows:
        latest[pk] = max(when, latest.get(pk, when))
    return latest


def submissions(scorecard: Scorecard, month: Month, ids: Iterable[int]) -> dict[int, SubmittedBy]:
    """Each indicator's submission of the month, standing or reopened (three queries)."""
    period = month_date(month)
    ids = list(ids)
    changed = _changed_at(scorecard, period, ids)
    found = {}
    for submission in Submission.objects.filter(indicator_id__in=ids, period=period).select_related("submitted_by"):
        last_change = changed.get(submission.indicator_id)
        found[submission.indicator_id] = SubmittedBy(
            person_name(submission.submitted_by), submission.submitted_at,
            standing=last_change is None or last_change <= submission.submitted_at,
        )
    return found


@dataclass(frozen=True)
class YourSubmission:
    """Where one person's rows of the month stand, for the grid's "Submit for sign-off"."""

    rows: int
    submitted: int  # standing submissions
    reopened: int  # submitted, then changed: to submit again

    @property
    def all_submitted(self) -> bool:
        return self.rows > 0 and self.submitted == self.rows


def your_submission(scorecard: Scorecard, month: Month, ids: Iterable[int]) -> YourSubmission:
    ids = list(ids)
    found = submissions(scorecard, month, ids).values()
    return YourSubmission(len(ids), sum(s.standing for s in found), sum(not s.standing for s in found))


def month_rows(scorecard: Scorecard, month: Month, indicator_ids: frozenset[int] | None = None) -> tuple[MonthRow, ...]:
    """Every indicator's row of the month (or only those of `indicator_ids`), in the scorecard's order."""
    data = live_data(scorecard, month)
    figures = compute_figures(data, [month])
    indicators = Indicator.objects.filter(scorecard=scorecard).reported_in(month_date(month)).order_by("sort_key")
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=indicator_ids)
    indicators = list(indicators.only("pk", "number", "frequency"))
    ids = [indicator.pk for indicator in indicators]
    period = month_date(month)
    observations = {o.indicator_id: o for o in Observation.objects.filter(indicator_id__in=ids, period=period)}
    noted = set(Commentary.objects.filter(indicator_id__in=ids, period=period, kind=CommentaryKind.EXCEPTION)
                .exclude(text="").values_list("indicator_id", flat=True))
    owners = _owners(scorecard)
    submitted = submissions(scorecard, month, ids)
    rows = []
    for indicator in indicators:
        observation = observations.get(indicator.pk)
        computed = figures[indicator.number][str(month)]
        rows.append(MonthRow(
            indicator_id=indicator.pk,
            number=indicator.number,
            owners=owners.get(indicator.pk, ()),
            due=figure_due(month, Frequency(indicator.frequency), scorecard.year_start_month),
            entered=observation is not None and (observation.value is not None or bool(observation.mark)),
            provisional=observation is not None and observation.status == ObservationStatus.PROVISIONAL,
            # As on the grid: a red rated on an earlier month's figure was explained in that month.
            needs_exception_note=computed.current_period == str(month)
            and needs_exception_note(computed.rag_in_month, computed.rag_year_end),
            has_exception_note=indicator.pk in noted,
            submission=submitted.get(indicator.pk),
        ))
    return tuple(rows)


def owner_progress(rows: Iterable[MonthRow]) -> tuple[OwnerProgress, ...]:
    """One line per owner (an indicator with two owners counts for each); rows nobody owns last."""
    by_owner: dict[str, list[MonthRow]] = {}
    for row in rows:
        for owner in row.owners or (NO_OWNER,):
            by_owner.setdefault(owner, []).append(row)
    names = sorted(by_owner, key=lambda name: (name == NO_OWNER, name.lower()))
    return tuple(_progress(name, by_owner[name]) for name in names)


def _progress(owner: str, rows: list[MonthRow]) -> OwnerProgress:
    times = [row.submission.when for row in rows if row.submitted]
    return OwnerProgress(
        owner=owner,
        indicators=len(rows),
        not_due=sum(not row.due for row in rows),
        entered=sum(row.entered for row in rows),
        missing=sum(row.missing for row in rows),
        provisional=sum(row.provisional for row in rows),
        notes_missing=tuple(row.number for row in rows if row.note_missing),
        submitted=sum(row.submitted for row in rows),
        reopened=tuple(row.number for row in rows if row.reopened),
        last_submitted=max(times) if times else None,
    )


def deadline(scorecard: Scorecard, month: Month, today: datetime.date, published: bool) -> Deadline:
    day = month_end_deadline(month, scorecard.deadline_working_day)
    overdue_by = 0
    if not published and today > day:
        overdue_by = working_days_between(day, today, bank_holidays_england_and_wales(range(day.year, today.year + 1)))
    return Deadline(day, scorecard.deadline_working_day, overdue_by)


@dataclass(frozen=True)
class TargetGaps:
    """The indicators of a reporting year that rate nothing for want of a target: those with
    none (missing) and those whose target is a draft not yet confirmed (docs/rules.md section 6)."""

    missing: tuple[str, ...]
    drafts: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.missing or self.drafts)


def target_gaps(scorecard: Scorecard, year: str, period: datetime.date) -> TargetGaps:
    """The gaps among the indicators still reported in the month starting `period` (a retired
    indicator needs no target), in the scorecard's order (two queries)."""
    drafts = dict(Target.objects.filter(indicator__scorecard=scorecard, year=year).values_list("indicator_id", "draft"))
    indicators = (Indicator.objects.filter(scorecard=scorecard).reported_in(period).order_by("sort_key")
                  .values_list("pk", "number"))
    missing, draft = [], []
    for pk, number in indicators:
        if pk not in drafts:
            missing.append(number)
        elif drafts[pk]:
            draft.append(number)
    return TargetGaps(tuple(missing), tuple(draft))


def month_end(scorecard: Scorecard, month: Month, today: datetime.date) -> MonthEnd:
    """Where `month` stands, row by row and owner by owner (the month-end page and sign-off)."""
    publication = latest_publication(scorecard, month)
    year = reporting_year_label(month, scorecard.year_start_month)
    return MonthEnd(
        scorecard=scorecard,
        month=month,
        rows=month_rows(scorecard, month),
        publication=publication,
        deadline=deadline(scorecard, month, today, published=publication is not None),
        targets=target_gaps(scorecard, year, month_date(month)),
        reporting_year=year,
    )


@dataclass(frozen=True)
class ScorecardMonth:
    """A scorecard on an officer's home page: its open month and where it stands, without the
    computed figures (a few queries a scorecard)."""

    scorecard: Scorecard
    month: Month
    rows: int
    submitted: int
    deadline: Deadline
    may_enter: bool
    may_sign_off: bool

    @property
    def stage_words(self) -> str:
        if self.rows and self.submitted == self.rows:
            return "Submitted: ready for sign-off"
        return f"Open: {self.submitted} of {self.rows} rows submitted"


def officers_scorecards(user: Any) -> list[Scorecard]:
    """The scorecards an officer owns or holds indicators in; every scorecard for admins and
    governance advisors (who see month end but own nothing)."""
    roles = user_roles(user)
    scorecards = Scorecard.objects.order_by("title")
    if Role.ADMIN in roles or Role.GOVERNANCE_ADVISOR in roles:
        return list(scorecards)
    if Role.PERFORMANCE_OFFICER not in roles:
        return []
    owned = set(Indicator.objects.filter(owners=user).values_list("scorecard_id", flat=True))
    owned |= set(Scorecard.objects.filter(owners=user).values_list("pk", flat=True))
    return [scorecard for scorecard in scorecards if scorecard.pk in owned]


def officers_months(user: Any, today: datetime.date) -> list[ScorecardMonth]:
    """Each of the user's scorecards with its open month's standing."""
    found = []
    for scorecard in officers_scorecards(user):
        month = open_month(scorecard, today)
        ids = list(Indicator.objects.filter(scorecard=scorecard).reported_in(month_date(month))
                   .values_list("pk", flat=True))
        standing = submissions(scorecard, month, ids)
        found.append(ScorecardMonth(
            scorecard=scorecard,
            month=month,
            rows=len(ids),
            submitted=sum(s.standing for s in standing.values()),
            deadline=deadline(scorecard, month, today, published=False),
            may_enter=can(user, Action.ENTER_FIGURES) and entry_rights(scorecard, user).any,
            may_sign_off=can(user, Action.PUBLISH_SCORECARD, scorecard),
        ))
    return found
