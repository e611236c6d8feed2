"""The checks before an agenda pack is published (issue 16 part 5; research 10.5).

Pure rules over frozen facts: no Django. `meetings.pack_selectors.pack_facts` reads the facts
from the record; `meetings.pack_services.request_pack` refuses to publish while any REFUSAL
stands, unless an advisor gives a reason to publish anyway (kept on the pack). A WARNING is
shown and kept on the pack but never stops it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Container
from dataclasses import dataclass

from scorecards.compute.working_days import is_working_day

REFUSAL = "refusal"
WARNING = "warning"
# How many clear working days before the meeting a pack should be out (Local Government Act
# 1972 s.100B: five clear days; the council counts working days).
CLEAR_WORKING_DAYS = 5


@dataclass(frozen=True)
class Finding:
    check: str  # which check: documents, minutes, next_meeting, chair, notice
    severity: str  # REFUSAL or WARNING
    words: str  # what is wrong and what to do, for the advisor

    @property
    def is_refusal(self) -> bool:
        return self.severity == REFUSAL


@dataclass(frozen=True)
class ItemFacts:
    label: str  # "Item 5, Ofsted Presentation"
    item_type: str
    paginated: bool  # takes pages in the pack
    has_document: bool  # a held document, a scorecard, or minutes the pack prints
    to_follow: bool
    previous_meeting_date: datetime.date | None = None
    text: str = ""  # title and description: where a next-meeting item names its date


@dataclass(frozen=True)
class PackFacts:
    committee: str
    meeting_date: datetime.date
    year_label: str
    today: datetime.date
    items: tuple[ItemFacts, ...]
    # Earlier meetings of the committee whose minutes the record holds.
    earlier_meetings_with_minutes: frozenset[datetime.date]
    next_meeting_date: datetime.date | None  # the committee's next scheduled meeting after this one
    chair: str | None  # the year's chair, None when the membership has none
    chair_ended_on: datetime.date | None = None
    bank_holidays: Container[datetime.date] = frozenset()
    supplement: bool = False  # a supplementary pack: the item checks only, on its items


MINUTES = "minutes_of_previous_meeting"
NEXT_MEETING = "date_of_next_meeting"
MONTHS = "january february march april may june july august september october november december".split()
DAY = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r"),?\s+(\d{4})\b", re.IGNORECASE
)


def named_date(text: str) -> datetime.date | None:
    """The first date written out in ``text``: "Tuesday, 1st June, 2021" or "1 June 2021"."""
    for match in DAY.finditer(text):
        try:
            return datetime.date(int(match[3]), MONTHS.index(match[2].lower()) + 1, int(match[1]))
        except ValueError:
            continue
    return None


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def check_documents(facts: PackFacts) -> list[Finding]:
    """Every paginated item has a document, or is marked to follow."""
    return [
        Finding("documents", REFUSAL, f"{item.label} has no document and is not marked to follow: "
                "add its papers, or mark it to follow.")
        for item in facts.items
        if item.paginated and not item.has_document and not item.to_follow
    ]


def check_minutes(facts: PackFacts) -> list[Finding]:
    """The minutes item names an earlier meeting of the committee whose minutes are held."""
    found = []
    for item in facts.items:
        if item.item_type != MINUTES:
            continue
        day = item.previous_meeting_date
        if day is None:
            found.append(Finding("minutes", REFUSAL, f"{item.label} names no meeting: give the date of the "
                                 "meeting whose minutes it presents."))
        elif day >= facts.meeting_date:
            found.append(Finding("minutes", REFUSAL, f"{item.label} names {long_date(day)}, which is not "
                                 "before this meeting."))
        elif day not in facts.earlier_meetings_with_minutes:
            found.append(Finding("minutes", REFUSAL, f"{item.label} names {long_date(day)}, but the record "
                                 f"holds no minutes of a {facts.committee} meeting on that day."))
    return found


def check_next_meeting(facts: PackFacts) -> list[Finding]:
    """The "date of next meeting" item names the committee's next scheduled meeting."""
    found = []
    for item in facts.items:
        if item.item_type != NEXT_MEETING:
            continue
        day = named_date(item.text)
        expected = facts.next_meeting_date
        if day is None:
            found.append(Finding("next_meeting", REFUSAL, f"{item.label} names no date: write the date of "
                                 "the next meeting in its title or description."))
        elif expected is None:
            found.append(Finding("next_meeting", REFUSAL, f"{item.label} names {long_date(day)}, but no later "
                                 f"meeting of {facts.committee} is scheduled: add it first."))
        elif day != expected:
            found.append(Finding("next_meeting", REFUSAL, f"{item.label} names {long_date(day)}, but the next "
                                 f"scheduled meeting is on {long_date(expected)}."))
    return found


def check_chair(facts: PackFacts) -> list[Finding]:
    """The front sheet names the year's chair from the membership: a refusal when there is none,
    or their seat ended before the meeting, since the front sheet would then be wrong."""
    if facts.chair is None:
        return [Finding("chair", REFUSAL, f"The {facts.year_label} membership has no chair, so the front "
                        "sheet would name none: record the chair in the membership.")]
    if facts.chair_ended_on is not None and facts.chair_ended_on <= facts.meeting_date:
        return [Finding("chair", REFUSAL, f"The front sheet would name {facts.chair} as chair, whose seat ended "
                        f"on {long_date(facts.chair_ended_on)}: record the new chair in the membership.")]
    return []


def clear_working_days(today: datetime.date, meeting: datetime.date, bank_holidays: Container[datetime.date]) -> int:
    """Working days strictly between publishing and the meeting: neither day counts."""
    count, day = 0, today + datetime.timedelta(days=1)
    while day < meeting:
        count += is_working_day(day, bank_holidays)
        day += datetime.timedelta(days=1)
    return count


def check_notice(facts: PackFacts) -> list[Finding]:
    """Published at least five clear working days before the meeting: a warning only."""
    clear = clear_working_days(facts.today, facts.meeting_date, facts.bank_holidays)
    if clear >= CLEAR_WORKING_DAYS:
        return []
    when = "after the meeting" if facts.today >= facts.meeting_date else f"{clear} clear working days before it"
    return [Finding("notice", WARNING, f"Published today the pack is out {when}: the council publishes at least "
                    f"{CLEAR_WORKING_DAYS} clear working days before a meeting.")]


def check_pack(facts: PackFacts) -> tuple[Finding, ...]:
    """Every finding, refusals first. A supplementary pack is checked on its own items."""
    checks = [check_documents, check_minutes, check_next_meeting]
    if not facts.supplement:
        checks.append(check_chair)
    findings = [finding for check in checks for finding in check(facts)] + check_notice(facts)
    return tuple(sorted(findings, key=lambda finding: not finding.is_refusal))
