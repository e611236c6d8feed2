"""The advisor's pack screens (issue 16 parts 5 and 6): the checks, the publish form, every build
with its progress and result. Thin: reads in meetings.pack_selectors, writes in
meetings.pack_services. Every view wears advisors_only (private, never stored)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from meetings.manage_access import advisors_only
from meetings.manage_pack_forms import PublishPackForm
from meetings.pack_selectors import pack_build, pack_builds, pack_versions
from meetings.pack_services import PackRefused, findings_for, request_pack
from meetings.vocabulary import PackState
from meetings.selectors import find_meeting

IN_FLIGHT = (PackState.QUEUED, PackState.BUILDING)


@advisors_only
@require_http_methods(["GET", "POST"])
def manage_pack(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    meeting = find_meeting(committee, day)
    findings = findings_for(meeting)
    refused = any(finding.is_refusal for finding in findings)
    form = PublishPackForm(request.POST or None, meeting=meeting, refused=refused)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pack = request_pack(meeting, request.user, kind=data["kind"], items=list(data["items"]),
                                override_reason=data.get("override_reason", ""))
        except PackRefused as refusal:
            form.add_error("override_reason" if "override_reason" in form.fields else None, str(refusal))
        else:
            return redirect("meetings:manage_pack_build", committee=committee, day=day, pack_id=pack.pk)
    context = {"meeting": meeting, "findings": findings, "refused": refused, "form": form,
               "builds": pack_builds(meeting), "versions": pack_versions(meeting)}
    return render(request, "meetings/manage/pack.html", context, status=400 if form.errors else 200)


@advisors_only
@require_safe
def manage_pack_build(request: HttpRequest, committee: str, day: datetime.date, pack_id: int) -> HttpResponse:
    """One build's status and result; the status fragment inside it is polled while it runs."""
    meeting = find_meeting(committee, day)
    pack = pack_build(meeting, pack_id)
    return render(request, "meetings/manage/pack_build.html", {"meeting": meeting, "pack": pack, "running": pack.state in IN_FLIGHT})


@advisors_only
@require_safe
def manage_pack_status(request: HttpRequest, committee: str, day: datetime.date, pack_id: int) -> HttpResponse:
    """The status fragment alone, for pack-status.js to poll."""
    meeting = find_meeting(committee, day)
    pack = pack_build(meeting, pack_id)
    return render(request, "meetings/manage/includes/pack_status.html", {"meeting": meeting, "pack": pack, "running": pack.state in IN_FLIGHT})
