"""The published agenda packs (issue 16 part 7): thin views over meetings.pack_selectors.

The public addresses always serve the public pack, whoever asks, so a shared cache can only
ever hold public material; the public's responses may be cached. The members' addresses serve
the members' pack only to those meetings.visibility allows, privately and never stored.
"""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from meetings.models import Meeting, Pack
from meetings.pack_selectors import pack_numbered, pack_versions
from meetings.selectors import find_meeting, viewer_for
from meetings.visibility import Viewer, is_private, sees_members_pack
from meetings.vocabulary import PackKind

PUBLIC_MAX_AGE = 300  # a new version reaches a shared cache within five minutes


def cached(response: HttpResponse, viewer: Viewer, members: bool) -> HttpResponse:
    patch_vary_headers(response, ["Cookie"])
    if members or is_private(viewer):
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def allowed_meeting(request: HttpRequest, slug: str, day: datetime.date, members: bool) -> tuple[Meeting, Viewer]:
    """The meeting, once the viewer may read the pack asked for: raises for the members' pack
    asked by someone who is not a member that year, an advisor or an admin."""
    meeting = find_meeting(slug, day)
    viewer = viewer_for(request.user)
    if members and not sees_members_pack(viewer, meeting.committee_id, meeting.municipal_year):
        raise PermissionDenied("The members' pack is for the committee's members that year and governance advisors.")
    return meeting, viewer


def members_only(view):
    """Anonymous people asking for a members' pack are sent to sign in first."""
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return cached(redirect_to_login(request.get_full_path()), Viewer(), members=True)
        return view(request, *args, **kwargs)
    return guarded


def pdf(pack: Pack, members: bool) -> FileResponse:
    meeting = pack.meeting
    what = f"supplement-{pack.version}" if pack.kind == PackKind.SUPPLEMENT else f"pack-v{pack.version}"
    name = f"{meeting.committee.slug}-{meeting.date.isoformat()}-{'members-' if members else ''}{what}.pdf"
    stored = pack.members_pdf if members else pack.public_pdf
    response = FileResponse(stored.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["ETag"] = f'"{pack.members_sha256 if members else pack.public_sha256}"'
    return response


def html_page(request: HttpRequest, slug: str, day: datetime.date, members: bool) -> HttpResponse:
    meeting, viewer = allowed_meeting(request, slug, day, members)
    pack = pack_numbered(meeting, PackKind.FULL, None)
    context = {"meeting": meeting, "pack": pack, "members": members, "versions": pack_versions(meeting),
               "html": pack.members_html if members else pack.public_html}
    return cached(render(request, "meetings/pack.html", context), viewer, members)


def pdf_file(request: HttpRequest, slug: str, day: datetime.date, members: bool, kind: str, version: int | None) -> HttpResponse:
    meeting, viewer = allowed_meeting(request, slug, day, members)
    return cached(pdf(pack_numbered(meeting, kind, version), members), viewer, members)


@require_safe
def pack_page(request: HttpRequest, slug: str, day: datetime.date) -> HttpResponse:
    """The current agenda pack as one HTML page: the public pack."""
    return html_page(request, slug, day, members=False)


@require_safe
def pack_pdf(request: HttpRequest, slug: str, day: datetime.date, version: int | None = None) -> HttpResponse:
    return pdf_file(request, slug, day, False, PackKind.FULL, version)


@require_safe
def supplement_pdf(request: HttpRequest, slug: str, day: datetime.date, number: int) -> HttpResponse:
    return pdf_file(request, slug, day, False, PackKind.SUPPLEMENT, number)


@require_safe
@members_only
def members_pack_page(request: HttpRequest, slug: str, day: datetime.date) -> HttpResponse:
    """The current members' pack as one HTML page, exempt papers included."""
    return html_page(request, slug, day, members=True)


@require_safe
@members_only
def members_pack_pdf(request: HttpRequest, slug: str, day: datetime.date, version: int | None = None) -> HttpResponse:
    return pdf_file(request, slug, day, True, PackKind.FULL, version)


@require_safe
@members_only
def members_supplement_pdf(request: HttpRequest, slug: str, day: datetime.date, number: int) -> HttpResponse:
    return pdf_file(request, slug, day, True, PackKind.SUPPLEMENT, number)
