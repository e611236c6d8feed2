"""Where a publication was presented (docs/architecture.md, the join): a hook, not a dependency.

Scorecards must not know of meetings (tests/test_architecture.py), yet the scorecard and
indicator pages say which meetings a publication was presented to. So scorecards keeps this
tiny registry: an app that knows the committee record registers a finder at startup (the portal
does, in `PortalConfig.ready`), and the pages ask `presentations_of`. With no finder registered,
scorecards alone, the pages show nothing extra.

A finder takes the publications' ids and the user asking, and returns the presentations that
user may see, in as few queries as it can (the meetings finder: one, whatever the number).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Presentation:
    """One agenda item that presented a publication, as the user asking may see it."""

    committee: str
    meeting_date: datetime.date
    item_number: int | None
    meeting_url: str
    minute_url: str | None  # None until the meeting's minutes are public (or for the user, readable)
    publication_pk: int
    # An exempt item, shown only to those who may read its papers: the page must stay private.
    exempt: bool = False


Finder = Callable[[frozenset[int], Any], Iterable[Presentation]]

_finders: list[Finder] = []


def register(finder: Finder) -> None:
    """Add a finder; registering the same one twice (ready() run again) changes nothing."""
    if finder not in _finders:
        _finders.append(finder)


def unregister(finder: Finder) -> None:
    """Remove a finder (tests of scorecards alone)."""
    if finder in _finders:
        _finders.remove(finder)


def presentations_of(publication_pks: Iterable[int], user: Any = None) -> dict[int, list[Presentation]]:
    """Each publication's presentations that ``user`` may see, by meeting date: {} when none."""
    pks = frozenset(publication_pks)
    found: dict[int, list[Presentation]] = {}
    if not pks:
        return found
    for finder in _finders:
        for presentation in finder(pks, user):
            found.setdefault(presentation.publication_pk, []).append(presentation)
    for listed in found.values():
        listed.sort(key=lambda p: (p.meeting_date, p.committee, p.item_number or 0))
    return found
