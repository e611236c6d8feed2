"""Every set of choices of the committee record, with the words people read, and the few rules
that are pure (the municipal year, the Schedule 12A notice, how printed names compare).

One home for each vocabulary (research/meetings_domain.md sections 2 to 5): the models, the
import and the pages import from here. No Django here (docs/architecture.md); the members are
`Choice` string enums as in `scorecards.compute.vocabulary`, so a stored value compares equal to
its member.
"""

from __future__ import annotations

import datetime
import re

from scorecards.compute.vocabulary import Choice


class CommitteeKind(Choice):
    PANEL = "panel", "Panel"
    SELECT_COMMISSION = "select_commission", "Select commission"
    BOARD = "board", "Board"
    COMMITTEE = "committee", "Committee"


class MembershipRole(Choice):
    """A person's seat on a committee for one municipal year (research 2.3)."""

    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair"
    MEMBER = "member", "Member"
    # Sits for an organisation (`represents`), sometimes only for some items (`scope`).
    CO_OPTED = "co_opted", "Co-opted member"
    SUBSTITUTE = "substitute", "Substitute"


class AttendanceRole(Choice):
    """The capacity in which someone was at a meeting: a member's seat, or not a member at all.
    NONE is a person printed without a capacity ("Councillor Currie was in attendance")."""

    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-Chair"
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted member"
    SUBSTITUTE = "substitute", "Substitute"
    OFFICER = "officer", "Officer"
    CABINET_MEMBER = "cabinet_member", "Cabinet member"
    EXTERNAL = "external", "External"
    NONE = "", "None given"


class AttendanceKind(Choice):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    SUBSTITUTE = "substitute", "Substitute"
    IN_ATTENDANCE = "in_attendance", "In attendance"


class MeetingStatus(Choice):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


class ItemType(Choice):
    """What an agenda item is (research 4.2; the values are the seeds' `derived_item_type`)."""

    APOLOGIES = "apologies", "Apologies for absence"
    MINUTES = "minutes_of_previous_meeting", "Minutes of the previous meeting"
    DECLARATIONS = "declarations_of_interest", "Declarations of interest"
    EXCLUSION = "exclusion_of_press_and_public", "Exclusion of the press and public"
    PUBLIC_QUESTIONS = "public_questions", "Questions from the public and press"
    COMMUNICATIONS = "communications", "Communications"
    APPOINTMENTS = "appointments", "Appointments"
    REPORT = "report", "Report"
    PRESENTATION = "presentation", "Presentation"
    # Presents one scorecard publication (AgendaItem.publication).
    PERFORMANCE_REPORT = "performance_report", "Performance report"
    WORK_PROGRAMME = "work_programme", "Work programme"
    RECOMMENDATION_MONITORING = "recommendation_monitoring", "Recommendation monitoring"
    SUB_GROUPS = "sub_and_project_groups", "Sub and project groups"
    URGENT_BUSINESS = "urgent_business", "Urgent business"
    NEXT_MEETING = "date_of_next_meeting", "Date and time of next meeting"
    OTHER = "other", "Other"


# The items a committee's template repeats at every meeting of an era (research 4.2): the
# substantive business between them changes each time.
STANDARD_ITEM_TYPES = frozenset({
    ItemType.APOLOGIES, ItemType.MINUTES, ItemType.DECLARATIONS, ItemType.EXCLUSION,
    ItemType.PUBLIC_QUESTIONS, ItemType.COMMUNICATIONS, ItemType.WORK_PROGRAMME,
    ItemType.RECOMMENDATION_MONITORING, ItemType.SUB_GROUPS, ItemType.URGENT_BUSINESS,
    ItemType.NEXT_MEETING,
})


class ItemStatus(Choice):
    LISTED = "listed", "Listed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DEFERRED = "deferred", "Deferred"
    # Taken as urgent business: usually no page range (research 12.13).
    ADDED_AS_URGENT = "added_as_urgent", "Added as urgent"


class DocumentKind(Choice):
    COVER_REPORT = "cover_report", "Cover report"
    APPENDIX = "appendix", "Appendix"
    PRESENTATION = "presentation", "Presentation"


class MinutesState(Choice):
    """Where a meeting's minutes stand (DESIGN 6 and 7)."""

    DRAFT = "draft", "Draft"  # staff only
    PUBLISHED = "published", "Unconfirmed"  # public, printed in the next meeting's pack
    APPROVED = "approved", "Approved"  # by a later meeting (Minutes.approved_at)


class PackKind(Choice):
    """An agenda pack: the whole pack (a correction makes a new version), or a supplementary pack
    holding only added or replaced items (research 9)."""

    FULL = "full", "Agenda pack"
    SUPPLEMENT = "supplement", "Supplementary pack"


class PackState(Choice):
    """Where a pack's build stands. Only a published pack has a version and is served; a failed
    build leaves the previous version published."""

    QUEUED = "queued", "Waiting to be built"
    BUILDING = "building", "Being built"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Failed"


class InterestType(Choice):
    PECUNIARY = "pecuniary", "Pecuniary"
    NON_PECUNIARY = "non_pecuniary", "Non-pecuniary"
    OTHER = "other", "Other"


# Part 1 of Schedule 12A to the Local Government Act 1972: the descriptions of exempt information.
SCHEDULE_12A = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated consultations or "
    "negotiations, in connection with any labour relations matter arising between the authority or a "
    "Minister of the Crown and employees of, or office holders under, the authority.",
    5: "Information in respect of which a claim to legal professional privilege could be maintained "
    "in legal proceedings.",
    6: "Information which reveals that the authority proposes to give under any enactment a notice "
    "under or by virtue of which requirements are imposed on a person, or to make an order or direction "
    "under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the prevention, "
    "investigation or prosecution of crime.",
}
PARAGRAPHS = tuple(SCHEDULE_12A)


def exempt_notice(paragraphs: list[int] | tuple[int, ...]) -> str:
    """What the public sees in place of an exempt item, as councils print it (research 4.4)."""
    numbers = ", ".join(str(number) for number in sorted(paragraphs))
    return f"By virtue of paragraph(s) {numbers} of Part 1 of Schedule 12A of the Local Government Act 1972."


_GROUNDS = re.compile(r"paragraphs?(?:\s*\(s\))?\s+((?:\d+)(?:\s*(?:,|and|&)\s*\d+)*)", re.IGNORECASE)


def paragraphs_in(grounds: str) -> list[int]:
    """The paragraph numbers a printed ground names, in order: "By virtue of paragraph(s) 1, 2 of
    Part 1 ..." is [1, 2]; "Paragraph 3 of Part 1 of Schedule 12(A)" is [3]; none found is []."""
    match = _GROUNDS.search(grounds)
    return [int(number) for number in re.findall(r"\d+", match.group(1))] if match else []


# -- the municipal year ---------------------------------------------------------------------

# A council's year runs from its annual meeting in May to the end of April: minute numbers run on
# through it and memberships are made for it (research 5.2).
MUNICIPAL_YEAR_START_MONTH = 5


def municipal_year(day: datetime.date) -> int:
    """The municipal year of ``day``, named by the calendar year it starts in: 2 March 2021 is in
    2020 (2020/21), 18 June 2024 in 2024 (2024/25), 30 April 2024 in 2023."""
    return day.year if day.month >= MUNICIPAL_YEAR_START_MONTH else day.year - 1


def municipal_year_label(start: int) -> str:
    """2020 is "2020/21"."""
    return f"{start}/{(start + 1) % 100:02d}"


def municipal_year_bounds(start: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of municipal year ``start``: 1 May to 30 April."""
    return datetime.date(start, MUNICIPAL_YEAR_START_MONTH, 1), datetime.date(start + 1, MUNICIPAL_YEAR_START_MONTH, 1) - datetime.timedelta(days=1)


# -- printed names --------------------------------------------------------------------------


def name_key(title: str, name: str) -> tuple[str, str]:
    """How two printed names are compared: the same name and title, whatever the case, spacing or
    full stops ("Ms." and "Ms", "J. Jones" and "J Jones")."""
    def squeeze(text: str) -> str:
        return " ".join(text.replace(".", " ").split()).casefold()
    return squeeze(title), squeeze(name)


def surname_key(name: str) -> str:
    """What makes two printed names look alike: the last word, in lower case, letters only, with
    doubled letters made single, so "Elliot", "M. Elliott" and "M. S. Elliott" all give "eliot".
    Names alike are never taken for the same person or for two people without an alias saying so."""
    words = name.split()
    letters = re.sub(r"[^a-z]", "", words[-1].casefold()) if words else ""
    return re.sub(r"(.)\1+", r"\1", letters)


def printed_name(title: str, name: str) -> str:
    """As a message or page names a person: "Councillor M. Elliott"; an officer by name alone."""
    return f"{title} {name}".strip()


def committee_kind_from_name(name: str) -> CommitteeKind:
    """A committee's kind from its name: "Corporate Parenting Panel" is a panel."""
    words = name.casefold()
    if words.endswith("panel"):
        return CommitteeKind.PANEL
    if "select commission" in words:
        return CommitteeKind.SELECT_COMMISSION
    if words.endswith("board"):
        return CommitteeKind.BOARD
    return CommitteeKind.COMMITTEE
