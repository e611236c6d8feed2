"""Month-end writes: an indicator owner submits their rows; the scorecard's owner signs the month
off and publishes it in one action (docs/architecture.md, submission, sign-off and deadline).

Both refuse, with the list of what stops them, while a row needs an exception note and has none
or a due figure is missing without a mark (`compute.entry.sign_off_problems`); signing off
also waits for every row to be submitted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from scorecards import month_end
from scorecards.compute.entry import SignOffProblem, sign_off_problems
from scorecards.compute.periods import Month
from scorecards.models import Publication, Scorecard, Submission
from scorecards.selectors import month_date
from scorecards.services.publishing import publish_scorecard


@dataclass(frozen=True)
class SubmitOutcome:
    problems: tuple[SignOffProblem, ...]
    submitted: tuple[str, ...]  # the numbers submitted

    @property
    def ok(self) -> bool:
        return not self.problems


@transaction.atomic
def submit_rows(scorecard: Scorecard, month: Month, user: Any, indicator_ids: frozenset[int]) -> SubmitOutcome:
    """Submit the month's rows of `indicator_ids` (the user's own: `entry_grid.entry_rights`),
    all or none. Submitting a row again moves its time on."""
    # Lock the scorecard, so that two owners of one indicator submitting at once take turns.
    Scorecard.objects.select_for_update().filter(pk=scorecard.pk).first()
    rows = month_end.month_rows(scorecard, month, indicator_ids)
    problems = tuple(sign_off_problems(month, (row.sign_off_item for row in rows)))
    if problems:
        return SubmitOutcome(problems, ())
    now = timezone.now()
    period = month_date(month)
    existing = {s.indicator_id: s for s in Submission.objects.filter(indicator_id__in=indicator_ids, period=period)}
    for submission in existing.values():
        submission.submitted_by, submission.submitted_at = user, now
    created = [Submission(indicator_id=row.indicator_id, period=period, submitted_by=user, submitted_at=now)
               for row in rows if row.indicator_id not in existing]
    bulk_create_with_history(created, Submission, default_user=user, default_change_reason="submitted")
    bulk_update_with_history(list(existing.values()), Submission, ["submitted_by", "submitted_at"],
                             default_user=user, default_change_reason="submitted again")
    return SubmitOutcome((), tuple(row.number for row in rows))


@dataclass(frozen=True)
class SignOffOutcome:
    problems: tuple[SignOffProblem, ...]
    not_submitted: tuple[str, ...]  # numbers of rows not (or no longer) submitted
    publication: Publication | None = None
    created: bool = False  # False with a publication: nothing had changed since its issue

    @property
    def ok(self) -> bool:
        return self.publication is not None


@transaction.atomic
def sign_off_and_publish(scorecard: Scorecard, month: Month, user: Any, today: datetime.date) -> SignOffOutcome:
    """Sign the month off and publish it, once every row is submitted and the checks pass.
    The publication names the signer (`published_by`) and the time (`published_at`)."""
    # Lock the scorecard first, so that no one publishes between the checks and the publication.
    Scorecard.objects.select_for_update().filter(pk=scorecard.pk).first()
    state = month_end.month_end(scorecard, month, today)
    problems, not_submitted = tuple(state.problems), state.not_submitted
    if problems or not_submitted:
        return SignOffOutcome(problems, not_submitted)
    publication, created = publish_scorecard(scorecard, month, user=user)
    return SignOffOutcome((), (), publication, created)


class SignOffRefused(Exception):
    def __init__(self, problems: tuple[SignOffProblem, ...]) -> None:
        super().__init__(f"{len(problems)} sign-off problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class CheckedPublication:
    publication: Publication
    created: bool
    set_aside: tuple[SignOffProblem, ...]  # the problems a forced publication was made despite


@transaction.atomic
def publish_checked(scorecard: Scorecard, month: Month, user: Any = None, forced_reason: str = "") -> CheckedPublication:
    """Publish as `manage.py publish_scorecard` and `load_demo` do, without the web's submissions:
    refused (`SignOffRefused`) while the sign-off checks find problems, unless a reason for
    setting them aside is given; that reason is kept on the publication only when there were
    problems to set aside."""
    rows = month_end.month_rows(scorecard, month)
    problems = tuple(sign_off_problems(month, (row.sign_off_item for row in rows)))
    if problems and not forced_reason:
        raise SignOffRefused(problems)
    publication, created = publish_scorecard(scorecard, month, user=user, forced_reason=forced_reason if problems else "")
    return CheckedPublication(publication, created, problems)
