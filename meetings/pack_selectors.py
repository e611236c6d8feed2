"""Every read of the agenda packs (issue 16 parts 5 to 7): the facts the pre-publication checks
judge, a meeting's versions, and the one pack an address names. Each in a fixed number of
queries whatever the number of items or versions (tests/test_pack_publishing.py counts them)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.http import Http404

from meetings.models import AgendaItem, Document, Meeting, Membership, Minutes, Pack
from meetings.pack_checks import ItemFacts, PackFacts
from meetings.vocabulary import ItemStatus, ItemType, MeetingStatus, MembershipRole, PackKind, PackState
from scorecards.compute.working_days import bank_holidays_england_and_wales

# Items whose papers the pack prints even when the agenda gives them no pages yet.
PAPER_TYPES = frozenset({
    ItemType.MINUTES, ItemType.REPORT, ItemType.PRESENTATION, ItemType.PERFORMANCE_REPORT,
    ItemType.WORK_PROGRAMME, ItemType.RECOMMENDATION_MONITORING,
})


def item_label(item: AgendaItem) -> str:
    return f"Item {item.number}, {item.title}" if item.number is not None else item.title


def is_paginated(item: AgendaItem, documents: list[Document]) -> bool:
    """Whether the item takes pages in the pack: it has papers, a scorecard, printed pages, or is of
    a kind that always has papers. A withdrawn item takes none."""
    if item.status == ItemStatus.WITHDRAWN:
        return False
    return bool(documents or item.publication_id or item.pages_as_printed or item.page_from or item.item_type in PAPER_TYPES)


def pack_facts(meeting: Meeting, today: datetime.date, items: list[AgendaItem] | None = None) -> PackFacts:
    """What the checks judge, read in four queries. ``items``: a supplementary pack's."""
    chosen = {item.pk for item in items} if items is not None else None
    agenda = meeting.agenda_items.prefetch_related(Prefetch("documents", queryset=Document.objects.order_by("order")))
    with_minutes = set(
        Minutes.objects.filter(meeting__committee_id=meeting.committee_id, meeting__date__lt=meeting.date)
        .annotate(count=Count("meeting__minutes")).filter(count__gt=0).values_list("meeting__date", flat=True)
    )
    facts = []
    for item in agenda:
        if chosen is not None and item.pk not in chosen:
            continue
        documents = list(item.documents.all())
        minutes_printed = item.item_type == ItemType.MINUTES and item.previous_meeting_date in with_minutes
        facts.append(ItemFacts(
            label=item_label(item), item_type=item.item_type, paginated=is_paginated(item, documents),
            has_document=any(d.is_held for d in documents) or bool(item.publication_id) or minutes_printed,
            to_follow=item.to_follow, previous_meeting_date=item.previous_meeting_date,
            text=f"{item.title}\n{item.description}",
        ))
    following = (
        Meeting.objects.filter(committee_id=meeting.committee_id, date__gt=meeting.date,
                               status__in=(MeetingStatus.SCHEDULED, MeetingStatus.HELD))
        .order_by("date").values_list("date", flat=True).first()
    )
    chair = (
        Membership.objects.filter(committee_id=meeting.committee_id, municipal_year=meeting.municipal_year,
                                  role=MembershipRole.CHAIR).select_related("person").first()
    )
    return PackFacts(
        committee=meeting.committee.name, meeting_date=meeting.date, year_label=meeting.year_label, today=today,
        items=tuple(facts), earlier_meetings_with_minutes=frozenset(with_minutes), next_meeting_date=following,
        chair=chair.person.name if chair else None, chair_ended_on=chair.ended_on if chair else None,
        bank_holidays=bank_holidays_england_and_wales({today.year, meeting.date.year}),
        supplement=items is not None,
    )



def published(meeting: Meeting):
    return Pack.objects.filter(meeting=meeting, state=PackState.PUBLISHED)


def current_pack(meeting: Meeting) -> Pack | None:
    """The latest published full pack: a failed or queued build never displaces it."""
    return published(meeting).filter(kind=PackKind.FULL).order_by("-version").first()


def pack_numbered(meeting: Meeting, kind: str, version: int | None) -> Pack:
    """The published pack an address names: a version, or the current full pack (None)."""
    pack = current_pack(meeting) if version is None else published(meeting).filter(kind=kind, version=version).first()
    if pack is None:
        raise Http404("That meeting has no such pack published.")
    return pack


@dataclass(frozen=True)
class PackVersions:
    """A meeting's published packs for its page: the current full pack, then every version."""

    current: Pack | None
    full: tuple[Pack, ...]  # newest first
    supplements: tuple[Pack, ...]  # by number

    @property
    def any(self) -> bool:
        return bool(self.full or self.supplements)


def pack_versions(meeting: Meeting) -> PackVersions:
    """One query, whatever the number of versions; the stored HTML is left in the database."""
    packs = list(
        published(meeting).defer("public_html", "members_html").select_related("requested_by")
        .order_by("kind", "-version")
    )
    full = tuple(pack for pack in packs if pack.kind == PackKind.FULL)
    supplements = tuple(sorted((pack for pack in packs if pack.kind == PackKind.SUPPLEMENT), key=lambda p: p.version))
    return PackVersions(current=full[0] if full else None, full=full, supplements=supplements)


def pack_builds(meeting: Meeting) -> list[Pack]:
    """Every build of the meeting's packs, newest first, for the advisor: one query for the packs
    and one for the supplements' items."""
    return list(
        Pack.objects.filter(meeting=meeting).defer("public_html", "members_html")
        .select_related("requested_by").prefetch_related(Prefetch("items", queryset=AgendaItem.objects.order_by("order")))
        .order_by("-requested_at", "-pk")
    )


def pack_build(meeting: Meeting, pack_id: int) -> Pack:
    pack = (
        Pack.objects.filter(meeting=meeting, pk=pack_id).defer("public_html", "members_html")
        .select_related("requested_by").first()
    )
    if pack is None:
        raise Http404("That meeting has no such pack build.")
    return pack


