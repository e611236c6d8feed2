"""Publishing agenda packs (issue 16 parts 5 and 6): every write of the packs.

`request_pack` runs the pre-publication checks (meetings.pack_checks), records a queued Pack and
enqueues its build (meetings.tasks) once the request's transaction commits, so a worker never
looks for a pack that is not there yet. `run_build` is what the worker does: it calls the
builder (meetings.pack_build), then publishes everything in one transaction, or records why it
failed. A published pack is never changed: a correction is a new version (or a supplementary
pack), stored under new file names, so every address of an older version keeps its bytes.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import uuid
from collections.abc import Iterable
from dataclasses import asdict

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from meetings import pack_build, tasks
from meetings.models import AgendaItem, Meeting, Minutes, Pack
from meetings.pack_checks import Finding, check_pack
from meetings.pack_selectors import pack_facts
from meetings.vocabulary import ItemType, MinutesState, PackKind, PackState

logger = logging.getLogger(__name__)
PROGRESS_LENGTH = Pack._meta.get_field("progress").max_length


class PackRefused(Exception):
    """The checks refused the pack and no reason was given to publish anyway."""

    def __init__(self, findings: Iterable[Finding], message: str = "") -> None:
        self.findings = tuple(findings)
        refusals = [finding.words for finding in self.findings if finding.is_refusal]
        super().__init__(message or " ".join(refusals))


def findings_for(meeting: Meeting, items: list[AgendaItem] | None = None, today: datetime.date | None = None) -> tuple[Finding, ...]:
    return check_pack(pack_facts(meeting, today or timezone.localdate(), items))


def request_pack(
    meeting: Meeting, user, *, kind: str = PackKind.FULL, items: Iterable[AgendaItem] | None = None,
    override_reason: str = "", today: datetime.date | None = None,
) -> Pack:
    """Check, record a queued pack and enqueue its build. Raises PackRefused when a check refuses
    and no ``override_reason`` is given, or a supplementary pack has no items."""
    chosen = sorted(items or [], key=lambda item: item.order) if kind == PackKind.SUPPLEMENT else None
    if chosen is not None and not chosen:
        raise PackRefused((), "Choose the items the supplementary pack holds.")
    if chosen is not None and any(item.meeting_id != meeting.pk for item in chosen):
        raise PackRefused((), "A supplementary pack holds items of its own meeting only.")
    findings = findings_for(meeting, chosen, today)
    refused = any(finding.is_refusal for finding in findings)
    reason = override_reason.strip()
    if refused and not reason:
        raise PackRefused(findings)
    with transaction.atomic():
        pack = Pack.objects.create(
            meeting=meeting, kind=kind, state=PackState.QUEUED, requested_by=user,
            warnings=[asdict(finding) for finding in findings], override_reason=reason if refused else "",
            progress="Waiting for a worker to start the build.",
        )
        if chosen is not None:
            pack.items.set(chosen)
        transaction.on_commit(lambda: enqueue_build(pack.pk))
    return pack


def enqueue_build(pack_id: int) -> None:
    result = tasks.build_pack_task.enqueue(pack_id)
    Pack.objects.filter(pk=pack_id).update(task_id=str(result.id))


def save_progress(pack_id: int, message: str) -> None:
    """What the build is doing, for the page that polls it: saved at once, outside any transaction."""
    Pack.objects.filter(pk=pack_id).update(progress=message[:PROGRESS_LENGTH])


def run_build(pack_id: int) -> None:
    """Build a queued pack and publish it, or mark it failed with the reason in words. The
    previous version stays the current one until this one is published."""
    claimed = Pack.objects.filter(pk=pack_id, state=PackState.QUEUED).update(
        state=PackState.BUILDING, progress="Starting the build."
    )
    if not claimed:
        return  # already built, or failed: a job run twice changes nothing
    pack = Pack.objects.select_related("meeting__committee", "requested_by").get(pk=pack_id)
    try:
        items = list(pack.items.order_by("order")) if pack.kind == PackKind.SUPPLEMENT else None
        built = pack_build.build_pack(pack.meeting, items=items, progress=lambda message: save_progress(pack_id, message))
        publish_built(pack, built, items)
    except pack_build.PackBuildError as error:
        fail(pack_id, str(error))
    except Exception as error:  # noqa: BLE001 - any failure must be reported on the page, not lost
        logger.exception("Building pack %s failed", pack_id)
        fail(pack_id, f"The build stopped on an unexpected error ({error.__class__.__name__}: {error}).")


def fail(pack_id: int, reason: str) -> None:
    Pack.objects.filter(pk=pack_id).update(
        state=PackState.FAILED, error=reason or "The build failed without saying why.",
        progress="Failed: the previous version stays published.",
    )


def file_name(pack: Pack, audience: str) -> str:
    """A new name for every stored pack: a version's file is never overwritten."""
    meeting = pack.meeting
    return f"{meeting.committee.slug}-{meeting.date.isoformat()}-{pack.kind}-v{pack.version}-{audience}-{uuid.uuid4().hex[:12]}.pdf"


def publish_built(pack: Pack, built: pack_build.BuiltPack, items: list[AgendaItem] | None) -> None:
    """Give the next version, store both PDFs, write the page ranges back to the agenda and publish
    the draft minutes the pack carries: all or nothing."""
    stored: list = []
    try:
        with transaction.atomic():
            # Lock the meeting so two builds finishing together cannot take the same version.
            Meeting.objects.select_for_update().filter(pk=pack.meeting_id).first()
            latest = Pack.objects.filter(meeting_id=pack.meeting_id, kind=pack.kind).aggregate(top=Max("version"))["top"]
            pack.version = (latest or 0) + 1
            pack.public_pdf.save(file_name(pack, "public"), ContentFile(built.public_pdf), save=False)
            stored.append(pack.public_pdf)
            pack.members_pdf.save(file_name(pack, "members"), ContentFile(built.members_pdf), save=False)
            stored.append(pack.members_pdf)
            pack.public_sha256 = hashlib.sha256(built.public_pdf).hexdigest()
            pack.members_sha256 = hashlib.sha256(built.members_pdf).hexdigest()
            pack.public_html, pack.members_html = built.public_html, built.members_html
            pack.page_count = built.page_count
            pack.page_ranges = {str(item_id): [first, last] for item_id, (first, last) in built.page_ranges.items()}
            pack.state, pack.progress, pack.error = PackState.PUBLISHED, "Published.", ""
            pack.published_at = timezone.now()
            pack.save()
            reason = f"Agenda pack published: {pack}"
            if pack.kind == PackKind.FULL:
                write_page_ranges(pack, built.page_ranges, reason)
            publish_carried_minutes(pack, items, reason)
    except Exception:
        for field in stored:
            field.storage.delete(field.name)  # nothing kept of a pack that was never published
        raise


def write_page_ranges(pack: Pack, ranges: dict[int, tuple[int, int]], reason: str) -> None:
    """The agenda shows the pages the published full pack gave each item."""
    for item in AgendaItem.objects.filter(meeting_id=pack.meeting_id):
        first, last = ranges.get(item.pk, (None, None))
        if (item.page_from, item.page_to) == (first, last):
            continue
        item.page_from, item.page_to = first, last
        item._change_reason = reason
        item._history_user = pack.requested_by
        item.save(update_fields=["page_from", "page_to"])


def publish_carried_minutes(pack: Pack, items: list[AgendaItem] | None, reason: str) -> None:
    """Publishing a pack publishes, for approval, the draft minutes its minutes item carries."""
    minutes_items = items if items is not None else AgendaItem.objects.filter(meeting_id=pack.meeting_id)
    days = [item.previous_meeting_date for item in minutes_items
            if item.item_type == ItemType.MINUTES and item.previous_meeting_date]
    drafts = Minutes.objects.filter(
        meeting__committee_id=pack.meeting.committee_id, meeting__date__in=days, state=MinutesState.DRAFT
    )
    for record in drafts:
        record.state = MinutesState.PUBLISHED
        record._change_reason = reason
        record._history_user = pack.requested_by
        record.save()
