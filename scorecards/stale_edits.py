"""The management forms' guard against lost updates (docs/architecture.md, stale edits).

A form that changes one row (an indicator's settings, a target, an outturn, a benchmark, a
scorecard's settings) carries, hidden, the version of the row it was drawn from. The service
compares it with the row's version while it holds the row (`select_for_update`, inside its
transaction), so nothing can be written between the check and the save. On a mismatch it raises
`Changed` and writes nothing; the view re-shows the form as typed with the refusal in its error
summary (`refuse`) and the hidden version moved on to the current one, so that saving again, after
reading, deliberately goes through. The entry grid does the same for its rows
(`services/entry.py`, `Refusal`) and says who saved and when in the same words.

A row's version: for a model with django-simple-history, the id of its latest history record
(every write through the screens, the import, the rollover and the draft confirmations leaves
one). `Scorecard` keeps no history: its `updated_at`, to the microsecond (`entry_grid.version_of`),
moves on with every save of the row (these screens, the workbook import) and with nothing else.
Its admin log (`LogEntry`) would not do: moving a section or changing an indicator's owners logs
against the scorecard too, and would refuse a settings form that nobody else's change touched.

A post without a version (a script; a page drawn before this guard) is not checked.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django.utils.dateformat import format as date_format

from scorecards.entry_grid import version_of
from scorecards.manage_selectors import person_name
from scorecards.models import Scorecard

FIELD = "version"
# The version of a row without history records yet (one bulk-created): a value, so that it is posted.
NO_HISTORY = "none"


def version_field() -> forms.CharField:
    """The hidden field a guarded form declares as `version`."""
    return forms.CharField(required=False, widget=forms.HiddenInput)


class Changed(Exception):
    """Someone saved the row after the form was drawn: nothing was saved."""

    def __init__(self, who: str, when: datetime.datetime | None, version: str) -> None:
        super().__init__(f"changed by {who}")
        self.who, self.when, self.version = who, when, version

    def message(self, noun: str, against: str) -> str:
        """The refusal in words, as the error summary shows it: `noun` "indicator", `against`
        what to check the typed values against ("settings")."""
        when = ""
        if self.when is not None:
            local = timezone.localtime(self.when)
            when = f" at {date_format(local, 'H:i')} on {date_format(local, 'j F Y')}"
        return (f"{self.who} changed this {noun}{when} since you opened the page. Your changes are below, not "
                f"saved: check them against the current {against} and save again.")


def _who(user: Any, by: Any) -> str:
    if user is None:
        return "Someone"
    return "You" if by is not None and user.pk == by.pk else person_name(user)


def history_version(row: Model) -> str:
    """The id of the row's latest history record (NO_HISTORY when it has none)."""
    latest = row.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return NO_HISTORY if latest is None else str(latest)


def check_history_version(row: Model, posted: str | None, by: Any) -> None:
    """Raise `Changed` when the row's history moved on since `posted`. Call it holding the row."""
    if not posted:
        return
    record = row.history.select_related("history_user").order_by("-history_id").first()
    current = NO_HISTORY if record is None else str(record.history_id)
    if posted != current:
        raise Changed(_who(record.history_user if record else None, by),
                      record.history_date if record else None, current)


def scorecard_version(scorecard: Scorecard) -> str:
    return version_of(scorecard.updated_at)


def check_scorecard_version(scorecard: Scorecard, posted: str | None, by: Any) -> None:
    """As `check_history_version`, for a scorecard (held by the caller): who from the admin log
    entry its change wrote just after saving the row, if any (the import writes none)."""
    current = scorecard_version(scorecard)
    if not posted or posted == current:
        return
    entry = (LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Scorecard),
                                     object_id=str(scorecard.pk), action_time__gte=scorecard.updated_at)
             .select_related("user").order_by("action_time", "pk").first())
    raise Changed(_who(entry.user if entry else None, by), scorecard.updated_at, current)


def refuse(form: forms.Form, changed: Changed, noun: str, against: str) -> None:
    """Show the refusal at the top of the bound `form`, which keeps what was typed, and move its
    hidden version on to the current one: saving again writes over the colleague's change."""
    form.add_error(None, changed.message(noun, against))
    data = form.data.copy()
    data[form.add_prefix(FIELD)] = changed.version
    form.data = data
