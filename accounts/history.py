"""Who changed a row and why, for django-simple-history: the one home of the three lines every
service repeated. The history record of a row's next save or delete reads these from the
instance (`_history_user`, `_change_reason`)."""

from typing import Any

from django.db.models import Model


def stamp_history(row: Model, by: Any, reason: str | None) -> None:
    """Mark ``row``'s next history record as made by ``by`` for ``reason`` (none when empty)."""
    row._history_user = by
    row._change_reason = reason or None


def save_with_history(row: Model, by: Any, reason: str | None) -> None:
    stamp_history(row, by, reason)
    row.save()


def delete_with_history(row: Model, by: Any, reason: str | None) -> None:
    stamp_history(row, by, reason)
    row.delete()
