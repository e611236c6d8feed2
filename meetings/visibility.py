"""Who sees what of the committee record (DESIGN 7; docs/architecture.md, meetings pages).

Pure rules: no Django. `meetings.selectors.viewer_for(user)` says who is asking, as a `Viewer`,
and `meetings.selectors.meeting_page` applies these rules to what the database holds, so every
page, the iCalendar feed and the document view decide the same way.

- The public sees every meeting's agenda. An exempt item shows its number and title with the
  Schedule 12A notice, never its description or documents; an exempt document of a public item
  is withheld too.
- Minutes are public once published for approval (labelled "Unconfirmed") or approved. Draft
  minutes, and the attendance and declarations that go with them, are staff's only: performance
  officers, governance advisors and admins.
- Exempt items and documents are for governance advisors and admins, and for a councillor who
  holds a membership of the committee (any role, co-opted and substitute included) in the
  meeting's municipal year. A performance officer sees drafts but not exempt items.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetings.vocabulary import MinutesState


@dataclass(frozen=True)
class Viewer:
    """Who is asking, as the rules need it."""

    signed_in: bool = False
    # Performance officers, governance advisors and admins (accounts.roles.Action.VIEW_DRAFTS).
    sees_drafts: bool = False
    # Governance advisors and admins: every committee's exempt papers.
    sees_all_exempt: bool = False
    # A councillor's seats: (committee id, municipal year) for each membership.
    seats: frozenset[tuple[int, int]] = frozenset()


PUBLIC = Viewer()


def sees_exempt(viewer: Viewer, committee_id: int, year: int) -> bool:
    """May ``viewer`` read the exempt items and documents of a meeting of ``committee_id`` in
    municipal year ``year``?"""
    return viewer.sees_all_exempt or (committee_id, year) in viewer.seats


def sees_minutes(viewer: Viewer, state: str | None) -> bool:
    """Minutes published for approval or approved are public; draft ones (and a meeting's
    attendance and declarations before any minutes record exists, ``None``) are staff's."""
    if state in (MinutesState.PUBLISHED, MinutesState.APPROVED):
        return True
    return viewer.sees_drafts


def sees_item_in_full(item_exempt: bool, exempt_allowed: bool) -> bool:
    """An exempt item's description, documents and minutes are for those who may see exempt
    papers; everyone sees its number, title and notice."""
    return exempt_allowed or not item_exempt


def sees_document(item_exempt: bool, document_exempt: bool, exempt_allowed: bool) -> bool:
    """A document is withheld when its item is exempt or it is exempt itself, unless the viewer
    may see exempt papers."""
    return exempt_allowed or not (item_exempt or document_exempt)


def is_private(viewer: Viewer) -> bool:
    """Whether a response for ``viewer`` must stay out of shared caches. Everything a signed-in
    person sees may differ by role, so it is theirs alone; the public's pages hold only public
    material and may be cached."""
    return viewer.signed_in


def sees_members_pack(viewer: Viewer, committee_id: int, year: int) -> bool:
    """The members' agenda pack keeps the exempt papers: it is for whoever may read them (members
    of the committee in the meeting's municipal year, governance advisors and admins)."""
    return sees_exempt(viewer, committee_id, year)

