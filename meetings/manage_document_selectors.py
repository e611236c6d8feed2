"""Reads of the advisor's document screens (docs/documents-screens.md): the agenda item or
document an address names, its history in words, and whether a published agenda pack holds it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from meetings.models import AgendaItem, Document, Meeting, Pack
from meetings.vocabulary import DocumentKind, PackKind, PackState
from scorecards.manage_selectors import history_who


def agenda_item(committee: str, day: datetime.date, item_id: int) -> AgendaItem:
    """The agenda item of that meeting, with its meeting and committee; 404 otherwise."""
    item = (AgendaItem.objects.select_related("meeting__committee")
            .filter(pk=item_id, meeting__committee__slug=committee, meeting__date=day).first())
    if item is None:
        raise Http404("No agenda item of that meeting has that number.")
    return item


def document(committee: str, day: datetime.date, document_id: int) -> Document:
    """The document of that meeting, with its item, meeting and committee; 404 otherwise."""
    found = (Document.objects.select_related("agenda_item__meeting__committee")
             .filter(pk=document_id, agenda_item__meeting__committee__slug=committee,
                     agenda_item__meeting__date=day).first())
    if found is None:
        raise Http404("No document of that meeting has that number.")
    return found



def published_packs(meeting: Meeting, item: AgendaItem | None = None):
    """The meeting's published packs; with ``item``, those holding it (every full pack, and a
    supplementary pack only when it names the item)."""
    packs = Pack.objects.filter(meeting=meeting, state=PackState.PUBLISHED)
    if item is not None:
        packs = packs.filter(Q(kind=PackKind.FULL) | Q(items=item)).distinct()
    return packs.order_by("-published_at")


def has_published_pack(meeting: Meeting) -> bool:
    """Replacing a paper then needs a reason: the public has read the old one."""
    return published_packs(meeting).exists()


def pack_holding(document: Document) -> Pack | None:
    """The latest published pack built after the document was added, which therefore printed it
    (packs are never changed once published). A document with no record of its adding (loaded
    before history was kept) is taken to be in every pack."""
    added = document.history.filter(history_type="+").order_by("history_date").values_list("history_date", flat=True).first()
    packs = published_packs(document.agenda_item.meeting, document.agenda_item)
    if added is not None:
        packs = packs.filter(published_at__gte=added)
    return packs.first()


@dataclass(frozen=True)
class DocumentVersion:
    """One record of a document's history, as the screen lists it."""

    history_id: int
    when: datetime.datetime
    who: str
    what: str  # "Added", "Changed", "Deleted"
    reason: str
    title: str
    file_name: str  # the uploaded file's own name; "" for written text
    page_count: int | None
    downloadable: bool  # an earlier file, kept in storage, that the advisor may open
    current: bool


WHAT = {"+": "Added", "~": "Changed", "-": "Deleted"}


def document_history(document: Document) -> list[DocumentVersion]:
    """Every version of the document, newest first, in one query."""
    records = list(document.history.select_related("history_user").order_by("-history_date", "-history_id"))
    versions = []
    for place, record in enumerate(records):
        versions.append(DocumentVersion(
            history_id=record.history_id, when=record.history_date, who=history_who(record),
            what=WHAT.get(record.history_type, "Changed"), reason=record.history_change_reason or "",
            title=record.title, file_name=(record.original_name or record.file) if record.file else "",
            page_count=record.page_count if record.file else None,
            downloadable=bool(record.file) and record.file != document.file.name,
            current=place == 0,
        ))
    return versions


def version_file(document: Document, history_id: int):
    """The file an earlier version of the document held, and its own name; 404 when that version
    is not the document's or held no file."""
    record = document.history.filter(history_id=history_id).exclude(file="").first()
    if record is None:
        raise Http404("No earlier file of this document has that number.")
    return record.instance.file, record.original_name or record.file.rsplit("/", 1)[-1]


def kind_words(kind: str) -> str:
    return DocumentKind(kind).label
