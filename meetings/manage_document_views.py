"""The advisor's document screens (docs/documents-screens.md): adding a document to an agenda
item, and one document's screen (change or replace it, move it, delete it, its history and the
earlier files it held). Thin views: reads in `manage_document_selectors`, checks in
`manage_document_forms`, writes in `manage_document_services`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from meetings import manage_document_selectors as selectors
from meetings import manage_document_services as service
from meetings.manage_access import advisors_only
from meetings.manage_document_forms import DeleteForm, DocumentForm
from meetings.models import Document
from meetings.vocabulary import DocumentKind
from meetings.manage_meeting_selectors import meeting_screen_url
from scorecards.stale_edits import Changed, refuse

METHODS = ["GET", "HEAD", "POST"]


def _document_url(document: Document) -> str:
    meeting = document.agenda_item.meeting
    return reverse("meetings:manage_document",
                   kwargs={"committee": meeting.committee.slug, "day": meeting.date, "document_id": document.pk})


@advisors_only
@require_http_methods(METHODS)
def document_new(request: HttpRequest, committee: str, day: datetime.date, item_id: int) -> HttpResponse:
    item = selectors.agenda_item(committee, day, item_id)
    if request.method != "POST":
        # An item's first paper is usually its cover report; later ones its appendices.
        kind = DocumentKind.APPENDIX if item.documents.exists() else DocumentKind.COVER_REPORT
        form = DocumentForm(initial={"kind": kind})
    else:
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            document = service.add_document(item, form.content(), request.user)
            messages.success(request, f"Added \u201c{document.title}\u201d to item {item}.")
            return redirect(_document_url(document))
    context = {"item": item, "meeting": item.meeting, "form": form,
               "meeting_url": meeting_screen_url(item.meeting)}
    return render(request, "meetings/manage/document_new.html", context)


@advisors_only
@require_http_methods(METHODS)
def document_page(request: HttpRequest, committee: str, day: datetime.date, document_id: int) -> HttpResponse:
    """The screen; `?version=<history id>` opens the file an earlier version held."""
    document = selectors.document(committee, day, document_id)
    if request.method != "POST" and "version" in request.GET:
        file, name = selectors.version_file(document, _number(request.GET["version"]))
        return FileResponse(file.open("rb"), content_type="application/pdf", filename=name)
    reason_needed = selectors.has_published_pack(document.agenda_item.meeting)
    action = request.POST.get("action", "save")
    if request.method != "POST":
        return _page(request, document, DocumentForm.for_document(document, reason_needed))
    if action in ("up", "down"):
        moved = service.move_document(document, action == "up", request.user)
        messages.success(request, f"Moved \u201c{document.title}\u201d {action}." if moved
                         else f"\u201c{document.title}\u201d is already the item's {'first' if action == 'up' else 'last'} paper.")
        return redirect(_document_url(document))
    if action == "delete":
        return _delete(request, document, reason_needed)
    form = DocumentForm(request.POST, request.FILES, document=document, reason_needed=reason_needed)
    if form.is_valid():
        try:
            changes = service.change_document(document, form.content(), form.cleaned_data["reason"],
                                              form.cleaned_data["version"], request.user)
        except Changed as changed:
            refuse(form, changed, "document", "document")
            return _page(request, selectors.document(committee, day, document_id), form, summary=form)
        messages.success(request, f"Saved: {'; '.join(changes)}." if changes else "Nothing had changed.")
        return redirect(_document_url(document))
    return _page(request, document, form, summary=form)


def _delete(request: HttpRequest, document: Document, reason_needed: bool) -> HttpResponse:
    delete = DeleteForm(request.POST)
    if delete.is_valid():
        try:
            service.delete_document(document, request.user)
        except service.Refused as refused:
            delete.add_error(None, str(refused))
        else:
            messages.success(request, f"Deleted \u201c{document.title}\u201d from item {document.agenda_item}.")
            return redirect(meeting_screen_url(document.agenda_item.meeting))
    return _page(request, document, DocumentForm.for_document(document, reason_needed), delete=delete, summary=delete)


def _number(text: str) -> int:
    return int(text) if text.isdigit() and len(text) < 12 else 0


def _page(request: HttpRequest, document: Document, form: DocumentForm, *, delete: DeleteForm | None = None,
          summary: forms.Form | None = None) -> HttpResponse:
    """The screen with whichever of its forms was posted as posted (`summary`: the one whose
    errors the error summary lists), the other as stored."""
    meeting = document.agenda_item.meeting
    context = {
        "document": document, "item": document.agenda_item, "meeting": meeting, "form": form,
        "delete": delete or DeleteForm(), "summary_form": summary, "history": selectors.document_history(document),
        "pack": selectors.pack_holding(document), "meeting_url": meeting_screen_url(meeting),
    }
    return render(request, "meetings/manage/document.html", context)
