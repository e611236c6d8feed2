"""The committee pages (docs/architecture.md, meetings pages): thin views over `meetings.selectors`,
which applies who sees what (`meetings.visibility`). Every response to a signed-in person is
private and never stored: what they see may differ by role."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from meetings import ical, selectors
from meetings.visibility import Viewer, is_private
from meetings.vocabulary import MeetingStatus


def kept_private(response: HttpResponse, viewer: Viewer, restricted: bool = False) -> HttpResponse:
    """Exempt or draft material, or anything shown to someone signed in, stays out of shared caches."""
    if restricted or is_private(viewer):
        patch_cache_control(response, private=True, no_store=True)
    return response


def today() -> datetime.date:
    return timezone.localdate()


@require_safe
def committee_list(request: HttpRequest) -> HttpResponse:
    viewer = selectors.viewer_for(request.user)
    context = {"summaries": selectors.committee_summaries(today())}
    return kept_private(render(request, "meetings/committee_list.html", context), viewer)


@require_safe
def committee_page(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = selectors.viewer_for(request.user)
    page = selectors.committee_page(slug, today())
    return kept_private(render(request, "meetings/committee.html", {"page": page}), viewer)


@require_safe
def meeting_page(request: HttpRequest, slug: str, day: datetime.date) -> HttpResponse:
    viewer = selectors.viewer_for(request.user)
    page = selectors.meeting_page(slug, day, viewer)
    response = render(request, "meetings/meeting.html", {"page": page, "meeting": page.meeting})
    return kept_private(response, viewer, page.holds_restricted)


@require_safe
def document_page(request: HttpRequest, slug: str, day: datetime.date, document_id: int) -> HttpResponse:
    """An uploaded PDF shown inline, or the written text as a page (meetings.document_text); only once allowed."""
    viewer = selectors.viewer_for(request.user)
    answer = selectors.document_for(slug, day, document_id, viewer)
    if not answer.allowed:
        if not viewer.signed_in:
            raise Http404("No document of that meeting has that number.")
        raise PermissionDenied("This paper is exempt: it is for the committee's members and governance advisors.")
    document = answer.document
    if document.file:
        # The uploader's own name (stored apart: the file's is random); Django quotes and encodes it.
        name = document.original_name or PurePath(document.file.name).name
        response = FileResponse(document.file.open("rb"), content_type="application/pdf", filename=name)
    else:
        response = render(request, "meetings/document.html", {"document": document, "meeting": answer.meeting})
    return kept_private(response, viewer, answer.restricted)


@require_safe
def committee_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = selectors.viewer_for(request.user)
    committee, meetings = selectors.committee_meetings(slug)
    events = [
        ical.Event(
            meeting_id=meeting.pk,
            summary=committee.name + (" (postponed)" if meeting.status == MeetingStatus.POSTPONED else ""),
            day=meeting.date, start=meeting.start_time,
            location="Virtual meeting" if meeting.is_virtual and not meeting.venue else meeting.venue,
            status=meeting.status, sequence=meeting.sequence, description=meeting.status_reason,
            url=request.build_absolute_uri(reverse("meetings:meeting", args=[committee.slug, meeting.date])),
        )
        for meeting in meetings
    ]
    stamp = timezone.now().astimezone(datetime.UTC)
    text = ical.calendar(committee.name, events, stamp)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{committee.slug}.ics"'
    return kept_private(response, viewer)


@require_safe
def person_page(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = selectors.viewer_for(request.user)
    page = selectors.person_page(slug, viewer)
    return kept_private(render(request, "meetings/person.html", {"page": page}), viewer)
