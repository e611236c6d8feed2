"""The open actions of a councillor's committees, for "My committees" on their home page
(meetings.member_selectors): one query however many actions, and only the actions of minutes
the councillor may read (meetings.visibility: no draft minutes, no minute of an exempt item
unless they sat on the committee that year)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F

from meetings.models import Action, Meeting
from meetings.selectors import visible_minutes_q
from meetings.visibility import Viewer, sees_exempt, sees_item_in_full


@dataclass(frozen=True)
class OpenAction:
    description: str
    owner: str
    due: datetime.date | None
    minute_number: int
    meeting: Meeting


def open_actions_by_committee(viewer: Viewer, committee_ids: list[int]) -> dict[int, tuple[OpenAction, ...]]:
    """Each committee's open actions, those due soonest first (undated last)."""
    actions = (
        Action.objects.filter(done=False, minute__committee_id__in=committee_ids)
        .filter(visible_minutes_q(viewer, "minute__meeting__"))
        .select_related("minute__meeting__committee", "minute__agenda_item")
        .order_by(F("due").asc(nulls_last=True), "minute__meeting__date", "minute__number", "id")
    )
    found: dict[int, list[OpenAction]] = defaultdict(list)
    for action in actions:
        minute, meeting = action.minute, action.minute.meeting
        exempt = minute.agenda_item is not None and minute.agenda_item.exempt
        if not sees_item_in_full(exempt, sees_exempt(viewer, meeting.committee_id, meeting.municipal_year)):
            continue
        found[meeting.committee_id].append(OpenAction(
            description=action.description, owner=action.owner, due=action.due, minute_number=minute.number,
            meeting=meeting,
        ))
    return {committee: tuple(rows) for committee, rows in found.items()}
