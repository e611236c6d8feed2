"""Uploading a workbook through the web: upload, preview, then apply or cancel
(docs/architecture.md, upload). One address, `scorecards:upload`; what a POST does is said by
its `action`: "preview" (a file), "apply" or "cancel" (a kept upload's signed token)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from scorecards import entry_grid
from scorecards.models import Scorecard
from scorecards.services import uploads
from scorecards.services.imports import ImportReport
from scorecards.upload_forms import ApplyForm, UploadForm, upload_preview

GONE = ("The uploaded workbook is no longer kept (an upload is kept for an hour, until it is applied or "
        "cancelled): upload it again")


@require_http_methods(["GET", "HEAD", "POST"])
def upload_page(request: HttpRequest, slug: str) -> HttpResponse:
    scorecard = get_object_or_404(Scorecard, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not entry_grid.entry_rights(scorecard, request.user).any:
        raise PermissionDenied("You may not enter figures for this scorecard.")
    action = request.POST.get("action", "preview") if request.method == "POST" else None
    if action in ("apply", "cancel"):
        response = _apply_or_cancel(request, scorecard, action)
    elif action == "preview":
        response = _preview(request, scorecard)
    else:
        response = _upload_form(request, scorecard, UploadForm())
    patch_cache_control(response, private=True, no_store=True)
    return response


def _upload_form(request: HttpRequest, scorecard: Scorecard, form: UploadForm, cancelled: bool = False) -> HttpResponse:
    return render(request, "scorecards/upload.html", {"scorecard": scorecard, "form": form, "cancelled": cancelled})


def _preview(request: HttpRequest, scorecard: Scorecard) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_form(request, scorecard, form)
    kept = uploads.keep_upload(form.cleaned_data["workbook"], scorecard, request.user)
    report = uploads.preview_upload(kept, request.user)
    return _preview_page(request, scorecard, report, ApplyForm(initial={"upload": uploads.signed_token(kept, report.fingerprint)}))


def _preview_page(request: HttpRequest, scorecard: Scorecard, report: ImportReport, form: ApplyForm,
                  stale: bool = False) -> HttpResponse:
    context = {"scorecard": scorecard, "preview": upload_preview(report), "form": form, "stale": stale}
    return render(request, "scorecards/upload_preview.html", context)


def _apply_or_cancel(request: HttpRequest, scorecard: Scorecard, action: str) -> HttpResponse:
    form = ApplyForm(request.POST)
    signed = uploads.read_token(form.typed("upload"), scorecard, request.user)
    if signed is None:
        return _upload_form(request, scorecard, UploadForm.refusing(GONE))
    kept, previewed = signed
    if action == "cancel":
        uploads.discard_upload(kept)
        return _upload_form(request, scorecard, UploadForm(), cancelled=True)
    report = uploads.apply_upload(kept, request.user, form.typed("reason"), previewed)
    if report.ok:
        return render(request, "scorecards/upload_done.html", {"scorecard": scorecard, "preview": upload_preview(report)})
    # Shown again with what applying found: the changes as they now stand, and why it stopped.
    fresh = ApplyForm({"upload": uploads.signed_token(kept, report.fingerprint), "reason": form.typed("reason")})
    if report.refusal is not None and not report.stale:
        fresh.add_error("reason", report.refusal)
    return _preview_page(request, scorecard, report, fresh, stale=report.stale)
