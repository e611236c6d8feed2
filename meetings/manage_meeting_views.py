"""The advisor's meeting and agenda screens (docs/meetings-screens.md): scheduling a meeting or a
series, the meeting screen, its front sheet and status, and its agenda items.

Thin views: reads in `manage_meeting_selectors`, checks in `manage_meeting_forms`, writes in
`manage_meeting_services`. Every view wears `advisors_only`.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meetings import manage_meeting_selectors as selectors
from meetings import manage_meeting_services as service
from meetings.manage_access import advisors_only
from meetings.manage_meeting_forms import AgendaItemForm, MeetingForm, SeriesForm, StatusForm, day_words
from meetings.models import Meeting
from meetings.schedule import series_dates
from meetings.vocabulary import exempt_notice
from meetings.selectors import find_meeting
from scorecards.stale_edits import Changed, refuse

FORM_METHODS = ["GET", "HEAD", "POST"]


def screen_url(meeting: Meeting) -> str:
    return reverse("meetings:manage_meeting", kwargs={"committee": meeting.committee.slug, "day": meeting.date})


def _posted(request: HttpRequest) -> dict | None:
    return request.POST if request.method == "POST" else None


@advisors_only
@require_http_methods(FORM_METHODS)
def meeting_new(request: HttpRequest, committee: str) -> HttpResponse:
    found = selectors.committee(committee)
    form = MeetingForm(_posted(request), committee=found, initial=selectors.latest_front_sheet(found))
    if request.method == "POST" and form.is_valid():
        meeting = service.schedule_meeting(found, form.sheet(), request.user)
        count = meeting.agenda_items.count()
        messages.success(request, f"Scheduled the meeting of {day_words(meeting.date)}. Its agenda starts with "
                                  f"the committee's {count} standard item{'' if count == 1 else 's'}.")
        return redirect(screen_url(meeting))
    return render(request, "meetings/manage/meeting_new.html", {"form": form, "committee": found,
                                                                 "template": found.standard_items_on(timezone.localdate())})


@advisors_only
@require_http_methods(FORM_METHODS)
def meeting_series(request: HttpRequest, committee: str) -> HttpResponse:
    """Preview the dates a rule makes (naming those already taken), then schedule them."""
    found = selectors.committee(committee)
    form = SeriesForm(_posted(request), committee=found, initial={"which": "1", "every_months": 1})
    preview = None
    if request.method == "POST" and form.is_valid():
        dates = series_dates(form.rule())
        if "schedule" in request.POST:
            result = service.schedule_series(found, dates, form.sheet(dates[0]), request.user, form.rule().words())
            skipped = f" Skipped {', '.join(day_words(d) for d in result.skipped)}: already a meeting." if result.skipped else ""
            messages.success(request, f"Scheduled {len(result.created)} meeting{'' if len(result.created) == 1 else 's'}."
                                      + skipped)
            return redirect(reverse("meetings:manage_meeting_series", kwargs={"committee": found.slug}))
        taken = selectors.taken_dates(found, dates)
        preview = {"words": form.rule().words(), "dates": [(day, day in taken) for day in dates],
                   "new": len(dates) - len(taken), "today": timezone.localdate()}
    return render(request, "meetings/manage/meeting_series.html",
                  {"form": form, "committee": found, "preview": preview})


@advisors_only
@require_safe
def meeting_screen(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    screen = selectors.meeting_screen(find_meeting(committee, day))
    return render(request, "meetings/manage/meeting.html", {"screen": screen, "meeting": screen.meeting})


@advisors_only
@require_http_methods(FORM_METHODS)
def meeting_edit(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    meeting = find_meeting(committee, day)
    form = MeetingForm(_posted(request), committee=meeting.committee, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            changed = service.update_front_sheet(meeting, form.sheet(), request.user, form.cleaned_data["version"])
        except Changed as changed_since:
            refuse(form, changed_since, "meeting", "front sheet")
        else:
            meeting.refresh_from_db()
            messages.success(request, f"Changed the {', '.join(changed)}." if changed else "Nothing had changed.")
            return redirect(screen_url(meeting))
    return render(request, "meetings/manage/meeting_edit.html", {"form": form, "meeting": meeting})


@advisors_only
@require_http_methods(FORM_METHODS)
def meeting_status(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    meeting = find_meeting(committee, day)
    form = StatusForm(_posted(request), initial={"status": meeting.status, "reason": meeting.status_reason})
    if request.method == "POST" and form.is_valid():
        changed = service.change_status(meeting, form.cleaned_data["status"], form.cleaned_data["reason"], request.user)
        meeting.refresh_from_db()
        messages.success(request, f"The meeting is {meeting.get_status_display().lower()}." if changed
                         else "Nothing had changed.")
        return redirect(screen_url(meeting))
    return render(request, "meetings/manage/meeting_status.html", {"form": form, "meeting": meeting})


def _notice(form: AgendaItemForm) -> str:
    """The public notice the form's paragraphs give, for the preview."""
    paragraphs = form.cleaned_data.get("exempt_paragraphs") if hasattr(form, "cleaned_data") else None
    return exempt_notice(paragraphs) if paragraphs else ""


@advisors_only
@require_http_methods(FORM_METHODS)
def agenda_item_new(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    meeting = find_meeting(committee, day)
    urgent = selectors.agenda_is_published(meeting)
    form = AgendaItemForm(_posted(request), meeting=meeting, urgent=urgent,
                          initial={"number": service.next_number(meeting), "item_type": "report"})
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        item = service.add_item(meeting, form.values(), request.user)
        messages.success(request, f"Added \u201c{item}\u201d{' as urgent business' if urgent else ''}.")
        return redirect(f"{screen_url(meeting)}#item-{item.pk}")
    return render(request, "meetings/manage/agenda_item.html",
                  {"form": form, "meeting": meeting, "item": None, "urgent": urgent, "notice": _notice(form)})


@advisors_only
@require_http_methods(FORM_METHODS)
def agenda_item(request: HttpRequest, committee: str, day: datetime.date, item_id: int) -> HttpResponse:
    meeting = find_meeting(committee, day)
    item = selectors.agenda_item(meeting, item_id)
    form = AgendaItemForm(_posted(request), meeting=meeting, item=item)
    if request.method == "POST" and form.is_valid() and "preview" not in request.POST:
        try:
            changed = service.update_item(item, form.values(), request.user, form.cleaned_data["version"])
        except Changed as changed_since:
            refuse(form, changed_since, "item", "item")
        else:
            # Named as "Added ..." names it; the fields' labels follow a colon ("Changed the item's exempt,
            # Schedule 12A paragraphs" read badly in the walkthrough of issue 15).
            item.refresh_from_db()
            messages.success(request, f"Changed \u201c{item}\u201d: {', '.join(changed)}." if changed
                             else "Nothing had changed.")
            return redirect(f"{screen_url(meeting)}#item-{item.pk}")
    notice = _notice(form) if form.is_bound else (exempt_notice(item.exempt_paragraphs) if item.exempt else "")
    return render(request, "meetings/manage/agenda_item.html",
                  {"form": form, "meeting": meeting, "item": item, "urgent": False, "notice": notice})


@advisors_only
@require_POST
def agenda_item_move(request: HttpRequest, committee: str, day: datetime.date, item_id: int) -> HttpResponse:
    meeting = find_meeting(committee, day)
    item = selectors.agenda_item(meeting, item_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):  # only the screen's two buttons send one
        return HttpResponseBadRequest("Moving an item needs a direction: up or down.")
    if service.move_item(item, direction == "up", request.user):
        messages.success(request, f"Moved \u201c{item.title}\u201d {direction}.")
    return redirect(f"{screen_url(meeting)}#item-{item.pk}")
