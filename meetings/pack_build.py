"""The agenda pack builder (issue 16, parts 1 to 4): a placeholder holding the contract.

The packs area's builder replaces this module at merge; the publishing side
(meetings.pack_services, meetings.tasks) codes against exactly this contract.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BuiltPack:
    public_pdf: bytes
    members_pdf: bytes
    public_html: str  # HTML fragments; the views wrap them in the site frame
    members_html: str
    page_count: int
    page_ranges: dict[int, tuple[int, int]]  # agenda item id -> (first, last)


class PackBuildError(Exception):
    """Why a pack could not be built; str() is a sentence for the advisor."""


def build_pack(meeting, *, items=None, progress: Callable[[str], None] = lambda message: None) -> BuiltPack:
    """Build the public and members' packs of ``meeting`` (``items``: a supplementary pack's).
    Writes nothing."""
    raise NotImplementedError("The pack builder is not installed yet.")
PLACEHOLDER = True  # the builder is not merged yet: tests put a stand-in in its place
