"""The advisor's minutes screens (docs/minutes-screens.md): a meeting's minutes and their state,
writing a minute with its resolutions and actions, publishing the minutes for approval, and
approving earlier minutes under a later meeting's minutes item.

Thin views: reads in `manage_minutes_selectors`, checks in `manage_minutes_forms`, writes in
`manage_minutes_services`. Every view wears `advisors_only`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from meetings import manage_minutes_selectors as selectors
from meetings import manage_minutes_services as service
from meetings.manage_access import advisors_only
from meetings.manage_minutes_forms import ActionForm, ApproveForm, MinuteForm, ResolutionForm
from meetings.models import Meeting, Minute
from meetings.selectors import find_meeting, minutes_record
from meetings.manage_meeting_selectors import meeting_screen_url
from scorecards.stale_edits import Changed, refuse

PAGE_METHODS = ["GET", "HEAD", "POST"]


def _url(name: str, meeting: Meeting, **more) -> str:
    return reverse(f"meetings:{name}", kwargs={"committee": meeting.committee.slug, "day": meeting.date, **more})


def _meeting_context(meeting: Meeting, **more) -> dict:
    return {"meeting": meeting, "meeting_url": meeting_screen_url(meeting), **more}


@advisors_only
@require_http_methods(["GET", "HEAD"])
def minutes_page(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    meeting = find_meeting(committee, day)
    context = _meeting_context(meeting, record=minutes_record(meeting), minutes=selectors.minutes_of(meeting),
                               approved_here=selectors.approved_here(meeting),
                               awaiting=selectors.approvable(meeting))
    return render(request, "meetings/manage/minutes.html", context)


@advisors_only
@require_http_methods(PAGE_METHODS)
def minute_new(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    meeting = find_meeting(committee, day)
    form = MinuteForm(request.POST if request.method == "POST" else None, meeting=meeting,
                      initial={"number": str(service.proposed_number(meeting))})
    if request.method == "POST" and form.is_valid():
        try:
            minute = service.create_minute(meeting, form.values(), request.user)
        except service.Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Wrote minute {minute.number}. {minute.title}: add its resolutions and actions.")
            return redirect(_url("manage_minute", meeting, minute_id=minute.pk))
    return render(request, "meetings/manage/minute_new.html", _meeting_context(meeting, form=form))


# What the minute's page may post: each part of the page is its own form, named by `part`.
PARTS = ("minute", "resolution", "new-resolution", "action", "new-action")


@advisors_only
@require_http_methods(PAGE_METHODS)
def minute_page(request: HttpRequest, committee: str, day: datetime.date, minute_id: int) -> HttpResponse:
    meeting = find_meeting(committee, day)
    minute = selectors.find_minute(meeting, minute_id)
    if request.method != "POST":
        return _minute_page(request, minute)
    part = request.POST.get("part", "")
    if part not in PARTS:
        return HttpResponseBadRequest("Unknown part of the page: expected minute, resolution or action.")
    form, done = _POSTS[part](request, minute)
    if done:
        messages.success(request, done)
        anchor = "minute" if part == "minute" else f"{part.split('-')[-1]}s"  # back to the part saved
        return redirect(_url("manage_minute", meeting, minute_id=minute.pk) + f"#{anchor}")
    # The posted form by its place on the page: "minute", "new-resolution", "resolution-<id>" ...
    key = f"{part}-{request.POST.get(part, '')}" if part in ("resolution", "action") else part
    return _minute_page(request, minute, bound={key: form})


def _post_minute(request: HttpRequest, minute: Minute) -> tuple[forms.Form, str]:
    form = MinuteForm(request.POST, meeting=minute.meeting, minute=minute, prefix="minute")
    try:
        done = _attempt(form, lambda: service.change_minute(minute, form.values(), request.user,
                                                            form.cleaned_data.get("version")),
                        f"Saved minute {form.cleaned_data.get('number', '')}." if form.is_valid() else "")
    except Changed as changed:  # someone saved it since the page was drawn: shown, not saved
        refuse(form, changed, "minute", "minute")
        done = ""
    return form, done


def _post_new_resolution(request: HttpRequest, minute: Minute) -> tuple[forms.Form, str]:
    form = ResolutionForm(request.POST, prefix="new-resolution")
    return form, _attempt(form, lambda: service.add_resolution(minute, form.cleaned_data["text"].strip(), request.user),
                          "Added the resolution.")


def _post_resolution(request: HttpRequest, minute: Minute) -> tuple[forms.Form, str]:
    resolution = minute.resolutions.filter(pk=_id(request.POST.get("resolution"))).first()
    form = ResolutionForm(request.POST, prefix=f"resolution-{request.POST.get('resolution', '')}")
    if resolution is None:
        form.add_error(None, "That resolution is no longer on this minute: it was removed.")
        return form, ""
    do = request.POST.get("do", "save")
    if do in ("up", "down"):
        return form, _attempt(form, lambda: service.move_resolution(resolution, -1 if do == "up" else 1, request.user),
                              "Moved the resolution.", validate=False)
    if do == "remove":
        return form, _attempt(form, lambda: service.remove_resolution(resolution, request.user),
                              f"Removed resolution ({resolution.number}); the others are numbered again.", validate=False)
    return form, _attempt(form, lambda: service.change_resolution(resolution, form.cleaned_data["text"].strip(),
                                                                  request.user), f"Saved resolution ({resolution.number}).")


def _post_new_action(request: HttpRequest, minute: Minute) -> tuple[forms.Form, str]:
    form = ActionForm(request.POST, prefix="new-action")
    return form, _attempt(form, lambda: service.save_action(minute, form.values(), request.user), "Added the action.")


def _post_action(request: HttpRequest, minute: Minute) -> tuple[forms.Form, str]:
    action = minute.actions.filter(pk=_id(request.POST.get("action"))).first()
    form = ActionForm(request.POST, prefix=f"action-{request.POST.get('action', '')}")
    if action is None:
        form.add_error(None, "That action is no longer on this minute: it was removed.")
        return form, ""
    if request.POST.get("do") == "remove":
        return form, _attempt(form, lambda: service.remove_action(action, request.user), "Removed the action.",
                              validate=False)
    return form, _attempt(form, lambda: service.save_action(minute, form.values(), request.user, action),
                          "Saved the action.")


_POSTS = {"minute": _post_minute, "new-resolution": _post_new_resolution, "resolution": _post_resolution,
          "new-action": _post_new_action, "action": _post_action}


def _id(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None


def _attempt(form: forms.Form, write, done: str, validate: bool = True) -> str:
    """Write when the form is valid (or need not be: a move or a removal); the success message,
    or "" with the refusal on the form."""
    if validate and not form.is_valid():
        return ""
    try:
        write()
    except service.Refused as refused:
        form.is_valid()  # so that the refusal can be added to its errors
        form.add_error(None, str(refused))
        return ""
    return done


def _minute_page(request: HttpRequest, minute: Minute, bound: dict | None = None) -> HttpResponse:
    """The minute with every part's form: the one posted as posted (`bound`), the others as stored."""
    bound = bound or {}
    minute = selectors.find_minute(minute.meeting, minute.pk)
    meeting = minute.meeting
    resolutions = [(row, bound.get(f"resolution-{row.pk}") or ResolutionForm(prefix=f"resolution-{row.pk}",
                                                                               initial={"text": row.text}))
                   for row in minute.resolutions.order_by("number")]
    actions = [(row, bound.get(f"action-{row.pk}") or ActionForm(prefix=f"action-{row.pk}",
                                                                   initial=ActionForm.initial_of(row)))
               for row in minute.actions.order_by("id")]
    form = bound.get("minute") or MinuteForm(meeting=meeting, minute=minute, prefix="minute",
                                             initial=MinuteForm.initial_of(minute))
    summary = next(iter(bound.values()), None)
    context = _meeting_context(
        meeting, minute=minute, form=form, resolutions=resolutions, actions=actions, summary=summary,
        new_resolution=bound.get("new-resolution") or ResolutionForm(prefix="new-resolution"),
        new_action=bound.get("new-action") or ActionForm(prefix="new-action"),
        record=minutes_record(meeting),
    )
    return render(request, "meetings/manage/minute.html", context)


@advisors_only
@require_http_methods(PAGE_METHODS)
def minutes_publish(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    """GET: what publishing means, to confirm; POST: publish the draft minutes for approval."""
    meeting = find_meeting(committee, day)
    problem = ""
    if request.method == "POST":
        try:
            service.publish_minutes(meeting, request.user)
        except service.Refused as refused:
            problem = str(refused)
        else:
            messages.success(request, f"Published the minutes of {meeting.date:%-d %B %Y} for approval: the public "
                             "can read them, labelled unconfirmed.")
            return redirect(_url("manage_minutes", meeting))
    context = _meeting_context(meeting, record=minutes_record(meeting), minutes=selectors.minutes_of(meeting),
                               problem=problem)
    return render(request, "meetings/manage/minutes_publish.html", context)


@advisors_only
@require_http_methods(PAGE_METHODS)
def minutes_approve(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    """On a later meeting's screen: approve earlier published minutes under its minutes item."""
    meeting = find_meeting(committee, day)
    candidates, item = selectors.approvable(meeting), selectors.minutes_item(meeting)
    form = ApproveForm(request.POST if request.method == "POST" else None, meeting=meeting, candidates=candidates,
                       initial={"minutes": str(candidates[0].pk)} if candidates else {})
    if request.method == "POST" and form.is_valid():
        if item is None:
            form.add_error(None, "This meeting's agenda has no item for the minutes of the previous meeting: add one "
                           "before approving minutes under it.")
        else:
            record = form.cleaned_data["minutes"]
            if _attempt(form, lambda: service.approve_minutes(meeting, record, item, request.user), "done"):
                messages.success(request, f"Approved the minutes of {record.meeting.date:%-d %B %Y} under "
                                 f"{item}.")
                return redirect(_url("manage_minutes", meeting))
    context = _meeting_context(meeting, form=form, candidates=candidates, item=item,
                               approved_here=selectors.approved_here(meeting))
    return render(request, "meetings/manage/minutes_approve.html", context)
