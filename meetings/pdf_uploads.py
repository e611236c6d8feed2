"""Is an uploaded file a PDF the agenda packs can merge? (docs/documents-screens.md, uploads)

The packs merge every uploaded paper into one PDF (issue 16), so a paper is accepted only when
pypdf reads it, it is not encrypted and each of its pages can be reached. Nothing here trusts the
file's name or the content type the browser sent: the bytes decide. No Django: the form passes
the file, its size and the limit, and shows the refusal in these words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from pypdf import PdfReader

# A PDF's header ("%PDF-1.7") must be within its first 1,024 bytes (ISO 32000-1, annex H.3).
HEADER = b"%PDF-"
HEADER_WITHIN = 1024
# What a file that is not a PDF usually is, by its first bytes, to say so in the refusal.
SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a Word, Excel or PowerPoint file, or a .zip"),
    (b"\xd0\xcf\x11\xe0", "an old Word, Excel or PowerPoint file"),
    (b"{\\rtf", "a rich text (RTF) file"),
)
NAME_LENGTH = 200
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\\"]")


@dataclass(frozen=True)
class PdfReading:
    """What reading an upload found: its pages, or why it is refused (``problem``)."""

    page_count: int | None = None
    problem: str | None = None


def clean_name(name: str | None) -> str:
    """The uploaded file's own name, fit to show and to store as ``Document.original_name``: no
    folders, quotes or control characters, at most 200 characters."""
    cleaned = _UNSAFE.sub("", PurePath((name or "").replace("\\", "/")).name).strip(" .")
    return cleaned[:NAME_LENGTH] or "document.pdf"


def size_words(size: int) -> str:
    """``26528154`` as "25.3 MB", ``20971520`` as "20 MB", ``1500`` as "1.5 KB"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"


def size_problem(name: str, size: int, limit: int) -> str | None:
    """A file past the limit is refused before anything reads it."""
    if size <= limit:
        return None
    return f'"{name}" is {size_words(size)}; the limit is {size_words(limit)}. Upload a smaller PDF'


def pages_problem(name: str, page_count: int) -> str | None:
    """A PDF without a page adds nothing to a pack, and is most likely broken."""
    return f'"{name}" has no pages: it could not be merged into the agenda pack' if page_count < 1 else None


def what_it_is(head: bytes) -> str:
    """What the first bytes of a file that is not a PDF say it is, in words."""
    for signature, words in SIGNATURES:
        if head.startswith(signature):
            return words
    return "something else"


def read_pdf(name: str, stream: BinaryIO) -> PdfReading:
    """Read ``stream`` (an uploaded file named ``name``, shown in the refusal) with pypdf."""
    stream.seek(0)
    head = stream.read(HEADER_WITHIN)
    stream.seek(0)
    if HEADER not in head:
        return PdfReading(problem=f'"{name}" is not a PDF: its content is {what_it_is(head)}, whatever its name says. '
                          "Save it as a PDF and upload that")
    try:
        reader = PdfReader(stream)
        if reader.is_encrypted:
            return PdfReading(problem=f'"{name}" is encrypted: it has a password or restrictions, so it cannot be '
                              "merged into the agenda pack. Save a copy without them and upload that")
        # Reaching each page is what merging it will do; a broken page tree fails here, not in a pack.
        count = sum(1 for page in reader.pages if page.mediabox is not None)
    # pypdf raises many kinds of error on a damaged file (PdfReadError, ValueError, KeyError,
    # RecursionError ...): each is the same answer to the advisor, with pypdf's reason.
    except Exception as error:  # noqa: BLE001
        reason = str(error).strip() or type(error).__name__
        return PdfReading(problem=f'"{name}" could not be read as a PDF: {reason}')
    finally:
        stream.seek(0)
    problem = pages_problem(name, count)
    return PdfReading(problem=problem) if problem else PdfReading(page_count=count)
