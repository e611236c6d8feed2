"""A publication's PDF, rendered once and kept in Django's default file storage.

A publication never changes, so neither does its PDF: the first download renders it (4 to 11
seconds) and stores the bytes; every later download reads them back. Live PDFs are never stored.

The stored file's name carries everything the bytes depend on:

    scorecard-pdfs/<layout version>/publication-<id>-<content hash>.pdf

- the publication's id and `content_hash`: a new issue is a new publication, so a new file;
- the **layout version**: a hash of the files that lay the PDF out (its template and the partials,
  its stylesheet, the Python that builds its HTML) and the WeasyPrint version, computed once per
  process, with the council's name from the site settings, read each time. A template or style
  fix or a new council name changes it, so an old file is never served after the change; files
  of other layout versions are left where they are (see `remove_stale`).

Two first downloads at once both render, and each writes to a temporary file beside the final
name and renames it into place (`os.replace`, atomic on one file system): a reader sees no file or
a whole one, never half. The files sit under MEDIA_ROOT, which no URL serves (config/urls.py has
no media route and WhiteNoise serves static files only): the download view is the one way in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage

from accounts.models import council_name
from scorecards.models import Publication

FOLDER = "scorecard-pdfs"
# Change this to make every stored PDF be rendered again after a change the hashed files below do
# not cover (this module is itself one of them).
SALT = "1"


def layout_files() -> list[Path]:
    """The files whose bytes decide how a publication's PDF looks, in a fixed order."""
    base = Path(settings.BASE_DIR)
    templates = base / "templates"
    source = base / "scorecards"
    return [
        templates / "scorecards" / "scorecard_pdf.html",
        *sorted((templates / "includes").glob("*.html")),
        base / "static" / "css" / "scorecard-pdf.css",
        source / "pdf.py",
        source / "columns.py",
        source / "tables.py",
        # Also shape what the PDF prints: words, keys and glossary; the template's filters; this module.
        source / "presentation.py",
        source / "templatetags" / "scorecard_tags.py",
        source / "pdf_store.py",
    ]


def compute_files_version() -> str:
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for path in layout_files():
        digest.update(str(path.relative_to(base)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for extra in (SALT, weasyprint.__version__):
        digest.update(str(extra).encode() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def files_version() -> str:
    """Computed once per process: a deploy with a changed template starts new processes."""
    return compute_files_version()


def with_council_name(files: str) -> str:
    # The PDF names the council, which an admin may rename at any time (accounts.SiteSettings):
    # the name is read on every call, from the cached site settings, never kept for the process.
    return hashlib.sha256(f"{files}\0{council_name()}".encode()).hexdigest()[:16]


def compute_layout_version() -> str:
    return with_council_name(compute_files_version())


def layout_version() -> str:
    return with_council_name(files_version())


def stored_name(publication: Publication, layout: str | None = None) -> str:
    return f"{FOLDER}/{layout or layout_version()}/publication-{publication.pk}-{publication.content_hash}.pdf"


def published_pdf(publication: Publication, render: Callable[[], bytes], storage: Storage | None = None) -> bytes:
    """The publication's PDF: the stored bytes if there are any, else `render()`'s, stored."""
    storage = storage or default_storage
    name = stored_name(publication)
    try:
        with storage.open(name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        pass
    content = render()
    save_atomically(storage, name, content)
    return content


def save_atomically(storage: Storage, name: str, content: bytes) -> None:
    """Write `content` under `name` so that no reader ever sees part of it."""
    try:
        path = Path(storage.path(name))
    except NotImplementedError:
        # A storage without local paths (an object store) writes each object whole; a race
        # makes a second name, which is removed.
        if not storage.exists(name):
            saved = storage.save(name, ContentFile(content))
            if saved != name:
                storage.delete(saved)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale(storage: Storage | None = None) -> list[str]:
    """Delete the stored PDFs of every layout version but the current one; returns the folders.

    Not called by the app: old files are harmless (never read again) and this is for whoever
    wants the disk space back, from `manage.py shell`."""
    storage = storage or default_storage
    folders, _files = storage.listdir(FOLDER) if storage.exists(FOLDER) else ([], [])
    removed = []
    for folder in folders:
        if folder != layout_version():
            try:
                shutil.rmtree(storage.path(f"{FOLDER}/{folder}"))
            except NotImplementedError:
                for file in storage.listdir(f"{FOLDER}/{folder}")[1]:
                    storage.delete(f"{FOLDER}/{folder}/{file}")
            removed.append(folder)
    return removed
