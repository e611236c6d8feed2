"""Moving a row one place up or down a list (sections, agenda items, documents, standard items):
the one rule every "Move up" and "Move down" button follows. No Django here."""

from collections.abc import Hashable, Sequence


def swap_places(keys: Sequence[Hashable], key: Hashable, up: bool) -> tuple[int, int] | None:
    """The places of ``key`` and of its neighbour it swaps with, moving up (towards the start)
    or down; None when it is already first (last), so nothing moves."""
    place = list(keys).index(key)
    other = place - 1 if up else place + 1
    return (place, other) if 0 <= other < len(keys) else None
