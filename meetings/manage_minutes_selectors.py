"""Every read of the advisor's attendance, declarations, minutes and actions screens
(docs/minutes-screens.md). Lists are read in a fixed number of queries, whatever their length."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404

from meetings.models import Action, AgendaItem, Attendance, Committee, Declaration, Meeting, Membership, Minute, Minutes
from meetings.selectors import sorted_members
from meetings.vocabulary import AttendanceKind, ItemType, MinutesState

PRESENT_KINDS = (AttendanceKind.PRESENT, AttendanceKind.SUBSTITUTE, AttendanceKind.IN_ATTENDANCE)




def members_of(meeting: Meeting) -> list[Membership]:
    """The committee's members in the meeting's municipal year, chair first."""
    return sorted_members(
        Membership.objects.filter(committee_id=meeting.committee_id, municipal_year=meeting.municipal_year)
        .select_related("person")
    )


def attendances(meeting: Meeting) -> list[Attendance]:
    return list(
        meeting.attendances.select_related("person", "left_at", "joined_at", "took_chair_at")
        .prefetch_related("for_minutes", "absent_for").order_by("kind", "person__name")
    )


def find_attendance(meeting: Meeting, attendance_id: int) -> Attendance:
    row = meeting.attendances.select_related("person").filter(pk=attendance_id).first()
    if row is None:
        raise Http404("No attendance of that meeting has that number.")
    return row


def minutes_of(meeting: Meeting) -> QuerySet:
    """The meeting's minutes in order, each with its resolutions and actions (three queries)."""
    return meeting.minutes.select_related("agenda_item").prefetch_related("resolutions", "actions").order_by("order")


def find_minute(meeting: Meeting, minute_id: int) -> Minute:
    minute = meeting.minutes.select_related("agenda_item", "meeting__committee").filter(pk=minute_id).first()
    if minute is None:
        raise Http404("No minute of that meeting has that number.")
    return minute


def declarations_of(meeting: Meeting) -> list[Declaration]:
    return list(meeting.declarations.select_related("person", "agenda_item", "minute").order_by("id"))


def find_declaration(meeting: Meeting, declaration_id: int) -> Declaration:
    row = meeting.declarations.select_related("person").filter(pk=declaration_id).first()
    if row is None:
        raise Http404("No declaration of that meeting has that number.")
    return row


def minutes_item(meeting: Meeting) -> AgendaItem | None:
    """The meeting's item for the minutes of the previous meeting, under which they are approved."""
    return meeting.agenda_items.filter(item_type=ItemType.MINUTES).order_by("order").first()


def approvable(meeting: Meeting) -> list[Minutes]:
    """Minutes this meeting may approve: published minutes of earlier meetings of its committee,
    the latest first."""
    return list(
        Minutes.objects.filter(meeting__committee_id=meeting.committee_id, meeting__date__lt=meeting.date,
                               state=MinutesState.PUBLISHED)
        .select_related("meeting").order_by("-meeting__date")
    )


def approved_here(meeting: Meeting) -> list[Minutes]:
    return list(meeting.minutes_approved.select_related("meeting").order_by("meeting__date"))


# -- the panel on the advisor's meeting screen ------------------------------------------------


@dataclass(frozen=True)
class MinutesPanel:
    meeting: Meeting
    present: int
    apologies: int
    substitutes: int
    in_attendance: int
    declarations: int
    minutes: int
    state: str | None  # None: no minutes recorded yet
    approved_at: Meeting | None
    awaiting: tuple[Minutes, ...]  # earlier minutes this meeting may approve

    @property
    def state_label(self) -> str:
        return MinutesState(self.state).label if self.state else "Not started"


def minutes_panel(meeting: Meeting) -> MinutesPanel:
    """Five queries: attendance by kind, declarations, minutes, the record, the approvable."""
    kinds = dict(meeting.attendances.values_list("kind").annotate(count=Count("id")))
    record = Minutes.objects.select_related("approved_at").filter(meeting=meeting).first()
    return MinutesPanel(
        meeting=meeting, present=kinds.get(AttendanceKind.PRESENT, 0), apologies=kinds.get(AttendanceKind.APOLOGIES, 0),
        substitutes=kinds.get(AttendanceKind.SUBSTITUTE, 0), in_attendance=kinds.get(AttendanceKind.IN_ATTENDANCE, 0),
        declarations=meeting.declarations.count(), minutes=meeting.minutes.count(),
        state=record.state if record else None, approved_at=record.approved_at if record else None,
        awaiting=tuple(approvable(meeting)),
    )


# -- actions across committees ----------------------------------------------------------------


def actions_list(committee: Committee | None, status: str) -> list[Action]:
    """Actions with their minute, meeting and committee (one query), open first by due date.
    `status`: "open", "done" or "all"."""
    actions = Action.objects.select_related("minute__meeting__committee")
    if committee is not None:
        actions = actions.filter(minute__committee=committee)
    if status in ("open", "done"):
        actions = actions.filter(done=status == "done")
    return list(actions.order_by("done", "due", "minute__meeting__date", "minute__number", "id"))


def find_action(action_id: int) -> Action:
    action = Action.objects.select_related("minute__meeting__committee", "resolution").filter(pk=action_id).first()
    if action is None:
        raise Http404("No action has that number.")
    return action


def action_history(action: Action) -> list:
    return list(action.history.select_related("history_user").order_by("-history_date", "-history_id"))


def people_present(meeting: Meeting) -> QuerySet:
    return meeting.attendances.filter(kind__in=PRESENT_KINDS).select_related("person").order_by("person__name")
