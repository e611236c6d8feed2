"""Writes of the advisor's document screens (docs/documents-screens.md): adding a document to an
agenda item, changing or replacing it, moving it up or down, and deleting it.

Each is one transaction, kept in the document's history (django-simple-history) with who made it
and, as the change reason, what changed in words and the advisor's reason. An uploaded PDF is
stored under a name of its own (random: nothing of the uploader's name reaches the file system)
and is never overwritten or deleted: a replaced or deleted document's earlier files stay in
storage, named by its history, because a published pack printed them. When the database write
fails the file just stored is removed again, so a refused or failed upload leaves nothing behind.
The forms (`manage_document_forms`) have already read everything, the PDF included.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from meetings.manage_document_selectors import pack_holding
from meetings.models import AgendaItem, Document
from meetings.vocabulary import DocumentKind
from scorecards.compute.ordering import swap_places
from scorecards.stale_edits import check_history_version

T = TypeVar("T")


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that `meetings.pdf_uploads.read_pdf` read as a PDF a pack can merge."""

    file: UploadedFile
    original_name: str
    page_count: int


@dataclass(frozen=True)
class DocumentContent:
    """What the advisor entered: ``upload`` or ``text`` (or, changing a PDF's title only, neither)."""

    kind: str
    label: str
    title: str
    exempt: bool
    text: str
    upload: CheckedUpload | None


class Refused(Exception):
    """The change is not allowed; the message says why, in words."""


def _with_reason(message: str, reason: str) -> str:
    return f"{message}. Reason: {reason}" if reason else message


def _with_upload(upload: CheckedUpload | None, write: Callable[[str | None], T]) -> T:
    """Store ``upload`` under a new name, then ``write(name)`` in one transaction; if the write
    fails, remove the file again so that nothing of the attempt is left."""
    field = Document._meta.get_field("file")
    stored = None
    if upload is not None:
        upload.file.seek(0)
        stored = field.storage.save(field.generate_filename(None, f"{secrets.token_hex(16)}.pdf"), upload.file)
    try:
        with transaction.atomic():
            return write(stored)
    except BaseException:
        if stored is not None:
            field.storage.delete(stored)
        raise


def _pdf_words(name: str, pages: int | None) -> str:
    return f"\u201c{name}\u201d ({pages} page{'' if pages == 1 else 's'})" if pages is not None else f"\u201c{name}\u201d"


def add_document(item: AgendaItem, content: DocumentContent, by: Any) -> Document:
    """The document, last of the item's papers."""

    def write(stored: str | None) -> Document:
        AgendaItem.objects.select_for_update().filter(pk=item.pk).first()  # one adder at a time per item
        last = Document.objects.filter(agenda_item=item).aggregate(last=Max("order"))["last"] or 0
        document = Document(agenda_item=item, order=last + 1, kind=content.kind, label=content.label,
                            title=content.title, exempt=content.exempt)
        if stored is not None:
            upload = content.upload
            document.file.name, document.original_name, document.page_count = stored, upload.original_name, upload.page_count
            what = f"Added with the PDF {_pdf_words(upload.original_name, upload.page_count)}"
        else:
            document.text, what = content.text, "Added as text written here"
        document._history_user = by
        document._change_reason = what
        document.save()
        return document

    return _with_upload(content.upload, write)


def change_document(document: Document, content: DocumentContent, reason: str, version: str | None,
                    by: Any) -> list[str]:
    """Save what changed, in words ([] when nothing did). Raises `stale_edits.Changed` when the
    document was saved by someone else since the form was drawn from ``version``."""

    def write(stored: str | None) -> list[str]:
        row = Document.objects.select_for_update().get(pk=document.pk)
        check_history_version(row, version, by)
        changes = _settings_changes(row, content) + _content_changes(row, content, stored)
        if changes:
            row._history_user = by
            row._change_reason = _with_reason("; ".join(changes), reason)
            row.save()
        return changes

    return _with_upload(content.upload, write)


def _settings_changes(row: Document, content: DocumentContent) -> list[str]:
    changes = []
    if row.title != content.title:
        changes.append(f"Title: \u201c{row.title}\u201d to \u201c{content.title}\u201d")
    if row.kind != content.kind:
        changes.append(f"Kind: {DocumentKind(row.kind).label} to {DocumentKind(content.kind).label}")
    if row.label != content.label:
        changes.append(f"Label: {row.label or 'none'} to {content.label or 'none'}")
    if row.exempt != content.exempt:
        changes.append("Marked exempt" if content.exempt else "No longer exempt")
    row.title, row.kind, row.label, row.exempt = content.title, content.kind, content.label, content.exempt
    return changes


def _content_changes(row: Document, content: DocumentContent, stored: str | None) -> list[str]:
    """Take the new file or text; the old file's name stays in the history, the file in storage."""
    old = _pdf_words(row.original_name or row.file.name, row.page_count) if row.file else "the text"
    if stored is not None:
        upload = content.upload
        row.file.name, row.original_name, row.page_count, row.text = stored, upload.original_name, upload.page_count, ""
        return [f"Replaced {old} with the PDF {_pdf_words(upload.original_name, upload.page_count)}"]
    if content.text and content.text != row.text:
        change = "Changed the text" if not row.file else f"Replaced {old} with text written here"
        row.file.name, row.original_name, row.page_count, row.text = "", "", None, content.text
        return [change]
    return []


def move_document(document: Document, up: bool, by: Any) -> bool:
    """Swap the document with the one before (``up``) or after it; False when it is already first
    (last). Both moves are kept in their documents' history."""
    with transaction.atomic():
        documents = _renumbered(document.agenda_item_id)
        places = swap_places([each.pk for each in documents], document.pk, up)
        if places is None:
            return False
        place, other = places
        mine, theirs = documents[place], documents[other]
        # Through a free place: the order is unique per item, checked at each row.
        Document.objects.filter(pk=mine.pk).update(order=0)
        for row, order, words in ((theirs, mine.order, "down" if up else "up"), (mine, theirs.order, "up" if up else "down")):
            row.order = order
            row._history_user = by
            row._change_reason = f"Moved {words}"
            row.save(update_fields=["order"])
        return True


def _renumbered(item_id: int) -> list[Document]:
    """The item's documents in order, numbered 1, 2, 3... (a deletion leaves a gap). Each takes a
    place no larger than its own, in order, so no two ever share one on the way."""
    documents = list(Document.objects.select_for_update().filter(agenda_item_id=item_id).order_by("order", "id"))
    for place, each in enumerate(documents, start=1):
        if each.order != place:
            Document.objects.filter(pk=each.pk).update(order=place)
            each.order = place
    return documents


def delete_document(document: Document, by: Any) -> None:
    """Delete the document, unless a published pack printed it: then it can only be replaced.
    Its files stay in storage, named by its history."""
    with transaction.atomic():
        row = Document.objects.select_for_update(of=("self",)).select_related("agenda_item__meeting").get(pk=document.pk)
        pack = pack_holding(row)
        if pack is not None:
            when = f" on {timezone.localtime(pack.published_at):%-d %B %Y}" if pack.published_at else ""
            raise Refused(f"\u201c{row.title}\u201d is in the agenda pack published{when}: it cannot be deleted, "
                          "only replaced. Upload the corrected paper in its place, with a reason.")
        row._history_user = by
        row._change_reason = "Deleted"
        row.delete()
