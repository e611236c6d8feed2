"""The advisor's attendance and declarations screens (docs/minutes-screens.md): the attendance
of a meeting against the membership of its municipal year, where one person's attendance changed
minute by minute, and the declarations of interest.

Thin views: reads in `manage_minutes_selectors`, checks in `manage_minutes_forms`, writes in
`manage_minutes_services`. Every view wears `advisors_only`.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from meetings import manage_minutes_selectors as selectors
from meetings import manage_minutes_services as service
from meetings.manage_access import advisors_only
from meetings.manage_minutes_forms import AttendanceEntryForm, AttendanceSheet, DeclarationForm
from meetings.models import Declaration, Meeting
from meetings.vocabulary import printed_name
from meetings.manage_meeting_selectors import meeting_screen_url
from meetings.selectors import find_meeting

PAGE_METHODS = ["GET", "HEAD", "POST"]


def _url(name: str, meeting: Meeting, **more) -> str:
    return reverse(f"meetings:{name}", kwargs={"committee": meeting.committee.slug, "day": meeting.date, **more})


@advisors_only
@require_http_methods(PAGE_METHODS)
def attendance_page(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    """Every member of that year present, with apologies or absent; substitutes; in attendance."""
    meeting = find_meeting(committee, day)
    members, rows = selectors.members_of(meeting), selectors.attendances(meeting)
    sheet = AttendanceSheet(meeting, members, rows, request.POST if request.method == "POST" else None)
    if request.method == "POST" and sheet.is_valid():
        summary = service.record_attendance(meeting, sheet.attendees(), sheet.removed(), request.user)
        messages.success(request, summary)
        return redirect(_url("manage_attendance", meeting))
    context = {"meeting": meeting, "meeting_url": meeting_screen_url(meeting), "sheet": sheet,
               "members": members, "rows": rows}
    return render(request, "meetings/manage/attendance.html", context)


@advisors_only
@require_http_methods(PAGE_METHODS)
def attendance_entry(request: HttpRequest, committee: str, day: datetime.date, attendance_id: int) -> HttpResponse:
    """Left at, joined at, took the chair at a minute; for which minutes only; absent for which."""
    meeting = find_meeting(committee, day)
    attendance = selectors.find_attendance(meeting, attendance_id)
    form = (AttendanceEntryForm(request.POST, attendance=attendance) if request.method == "POST"
            else AttendanceEntryForm.for_attendance(attendance))
    if request.method == "POST" and form.is_valid():
        service.change_attendance_entry(attendance, form.change(), request.user)
        messages.success(request, f"Saved the minutes {printed_name(attendance.person.title, attendance.person.name)} "
                         "attended.")
        return redirect(_url("manage_attendance", meeting))
    context = {"meeting": meeting, "meeting_url": meeting_screen_url(meeting), "attendance": attendance,
               "form": form, "minutes": list(meeting.minutes.order_by("order"))}
    return render(request, "meetings/manage/attendance_entry.html", context)


@advisors_only
@require_http_methods(PAGE_METHODS)
def declarations_page(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    """The declarations of interest, and a form to add one."""
    meeting = find_meeting(committee, day)
    present = list(selectors.people_present(meeting))
    form = DeclarationForm(request.POST if request.method == "POST" else None, meeting=meeting, present=present)
    if request.method == "POST" and form.is_valid():
        declaration = service.save_declaration(meeting, form.values(), request.user)
        messages.success(request, f"Recorded {declaration.person}'s declaration.")
        return redirect(_url("manage_declarations", meeting))
    return _declarations(request, meeting, form, present)


@advisors_only
@require_http_methods(PAGE_METHODS)
def declaration_page(request: HttpRequest, committee: str, day: datetime.date, declaration_id: int) -> HttpResponse:
    """Change or remove one declaration."""
    meeting = find_meeting(committee, day)
    declaration = selectors.find_declaration(meeting, declaration_id)
    present = list(selectors.people_present(meeting))
    if request.method == "POST" and request.POST.get("do") == "remove":
        service.remove_declaration(declaration, request.user)
        messages.success(request, f"Removed {declaration.person}'s declaration.")
        return redirect(_url("manage_declarations", meeting))
    form = DeclarationForm(request.POST if request.method == "POST" else None, meeting=meeting, present=present,
                           initial=DeclarationForm.initial_of(declaration))
    if request.method == "POST" and form.is_valid():
        service.save_declaration(meeting, form.values(), request.user, declaration)
        messages.success(request, f"Saved {form.cleaned_data['person']}'s declaration.")
        return redirect(_url("manage_declarations", meeting))
    return _declarations(request, meeting, form, present, declaration)


def _declarations(request: HttpRequest, meeting: Meeting, form: DeclarationForm, present: list,
                  declaration: Declaration | None = None) -> HttpResponse:
    context = {"meeting": meeting, "meeting_url": meeting_screen_url(meeting), "form": form,
               "declarations": selectors.declarations_of(meeting), "present": present, "declaration": declaration}
    return render(request, "meetings/manage/declarations.html", context)
