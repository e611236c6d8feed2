"""A workbook uploaded through the web, kept between its preview and apply (docs/architecture.md, upload).

The file is kept in Django's default storage under `workbook-uploads/<scorecard>/<user id>/<random
token>`: never under the name it was uploaded with, never served (no URL serves MEDIA_ROOT), and
deleted when it is applied or cancelled. One left behind (a preview never applied nor cancelled)
is deleted by the next upload of anyone once it is older than `KEPT_FOR`, and its signed token
stops being accepted at that age, so an old preview is never applied.

The page carries the token signed with the scorecard, the user, the file's own name and the
preview's fingerprint: a token is good for one person's upload to one scorecard only.
"""

from __future__ import annotations

import datetime
import re
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from scorecards.models import Scorecard
from scorecards.services.imports import ImportReport, import_workbook, read_limits

FOLDER = "workbook-uploads"
KEPT_FOR = datetime.timedelta(hours=1)
# What the web upload takes: one file (a folder of CSV files cannot be uploaded).
SUFFIXES = (".xlsx", ".zip")
# Both are zip archives: local file header, or the end record of an empty archive.
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class KeptUpload:
    scorecard: str  # slug
    user_id: int
    token: str  # random: the stored file's name
    file_name: str  # as uploaded: what the import's report and the history call it

    @property
    def storage_name(self) -> str:
        return f"{FOLDER}/{self.scorecard}/{self.user_id}/{self.token}"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def upload_problem(upload: UploadedFile) -> str | None:
    """Why the file is refused before anything reads it: its size (as Django received it), its
    name, then its first four bytes. None when it may be a workbook; the import checks the rest."""
    limit = read_limits().max_upload_bytes
    if upload.size > limit:
        return (f'The selected file must be smaller than {_megabytes(limit + 1)}: "{upload.name}" is '
                f"{_megabytes(upload.size)} (the limit is WORKBOOK_MAX_UPLOAD_BYTES = {limit:,} bytes)")
    kinds = "an Excel workbook (.xlsx) or a .zip of CSV files"
    if PurePath(upload.name or "").suffix.lower() not in SUFFIXES:
        return f'The selected file must be {kinds}: "{upload.name}" is neither (an old .xls file must be saved as .xlsx first)'
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head not in ZIP_SIGNATURES:
        return f'The selected file must be {kinds}: "{upload.name}" is named like one but is not one'
    return None


def _file_name(name: str) -> str:
    """The uploaded file's own name, safe to write as a file name: no folders, no control characters."""
    name = re.sub(r"[\x00-\x1f\x7f/\\]", "", PurePath(name.replace("\\", "/")).name).strip(" .")
    return name[:200] or "workbook"


def keep_upload(upload: UploadedFile, scorecard: Scorecard, user: Any) -> KeptUpload:
    discard_old_uploads()
    kept = KeptUpload(scorecard.slug, user.pk, secrets.token_hex(16), _file_name(upload.name or ""))
    saved = default_storage.save(kept.storage_name, upload)
    assert saved == kept.storage_name, saved  # a random name is never taken
    return kept


def discard_upload(kept: KeptUpload) -> None:
    default_storage.delete(kept.storage_name)


def discard_old_uploads(now: datetime.datetime | None = None) -> int:
    """Delete every kept upload older than KEPT_FOR (a preview nobody applied or cancelled)."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted = 0
    for name in _kept_names(FOLDER):
        if default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            deleted += 1
    return deleted


def _kept_names(folder: str) -> Iterator[str]:
    if not default_storage.exists(folder):
        return
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for inner in folders:
        yield from _kept_names(f"{folder}/{inner}")


def _salt(slug: str, user_id: int) -> str:
    return f"scorecards.upload:{slug}:{user_id}"


def signed_token(kept: KeptUpload, previewed: str) -> str:
    """What the preview page carries to apply or cancel: the upload and the preview's fingerprint."""
    return signing.dumps({"token": kept.token, "name": kept.file_name, "previewed": previewed},
                         salt=_salt(kept.scorecard, kept.user_id))


def read_token(signed: str, scorecard: Scorecard, user: Any) -> tuple[KeptUpload, str] | None:
    """The upload and fingerprint a page carries, if it is this user's for this scorecard, not
    older than KEPT_FOR, and the file is still kept; None otherwise."""
    try:
        data = signing.loads(signed, salt=_salt(scorecard.slug, user.pk), max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not _TOKEN.fullmatch(str(data.get("token", ""))):
        return None
    kept = KeptUpload(scorecard.slug, user.pk, data["token"], _file_name(str(data.get("name", ""))))
    if not default_storage.exists(kept.storage_name):
        return None
    return kept, str(data.get("previewed", ""))


@contextmanager
def _local_copy(kept: KeptUpload) -> Iterator[Path]:
    """The kept file as a local file with its own name (the reader needs a path; the report names it)."""
    with tempfile.TemporaryDirectory(prefix="workbook-upload-") as folder:
        path = Path(folder) / kept.file_name
        with default_storage.open(kept.storage_name, "rb") as source, path.open("wb") as copy:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                copy.write(chunk)
        yield path


def preview_upload(kept: KeptUpload, user: Any) -> ImportReport:
    """The import as a dry run: every error, warning and change, nothing written. A workbook
    with errors cannot be applied, so it is not kept."""
    with _local_copy(kept) as path:
        report = import_workbook(path, user, for_scorecard=kept.scorecard, dry_run=True)
    if not report.ok:
        discard_upload(kept)
    return report


def apply_upload(kept: KeptUpload, user: Any, reason: str, previewed: str) -> ImportReport:
    """Write exactly the previewed changes, all or nothing; refused (`stale`) when they differ now."""
    with _local_copy(kept) as path:
        report = import_workbook(path, user, reason, for_scorecard=kept.scorecard, previewed=previewed)
    # Kept only while applying may still succeed: after a missing reason or a changed preview.
    if report.ok or report.errors:
        discard_upload(kept)
    return report
