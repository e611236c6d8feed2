"""The agenda pack's PDF as WeasyPrint writes it: uploaded pages drawn in, title, language and
bookmarks (docs/agenda-packs.md, PDF structure).

WeasyPrint lays out every page, an uploaded page as an empty page of the upload's size that
carries only the pack's "Page N". `Finisher` runs inside WeasyPrint's `write_pdf`, on its pydyf
document just before it is written: each uploaded page becomes a form XObject drawn under that
footer, its content stream, fonts and images copied byte for byte from the upload (read by
pypdf), so the pack numbers it like every other page. The page WeasyPrint made stays where it
is, so the structure tree, which points at its pages, stays whole; and the file is never parsed
again, which on a 100-page pack with a scorecard would cost more than the layout.

What is tagged: everything WeasyPrint lays out (front sheet, agenda, written documents, title
sheets, notices, the scorecard appendix) and its footers. An uploaded page is one /Figure of
the structure tree, in reading order before its footer, whose /Alt names the paper and the
page; its own text is not tagged (its tags, if it had any, name a structure tree this file does
not hold). So the pack claims no PDF/UA conformance: /MarkInfo says it is tagged, which it
partly is, and nothing more.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

import pydyf
from pypdf import PageObject, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

LANGUAGE = "en-GB"
# Keys of an uploaded object that point into the upload's own structure tree or page tree,
# which the pack does not carry.
DROPPED_KEYS = frozenset({"/StructParent", "/StructParents", "/Parent", "/P"})


class PackBuildError(Exception):
    """The build cannot go on; the message is a sentence an advisor can act on, naming the item
    and document. (Raised here and by meetings.pack_build, which is where callers import it.)"""


# What pypdf raises on a damaged file, read lazily: some objects are only read when copied.
DAMAGED = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error)


@dataclass(frozen=True)
class Placement:
    index: int  # the page of the pack, from 0
    document_id: int
    page: int  # the page of the upload, from 0


def _box(page: PageObject) -> tuple[float, float, float, float]:
    box = page.cropbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


def shown_size(page: PageObject) -> tuple[float, float]:
    """An uploaded page's width and height as a reader sees it: its crop box, turned by /Rotate."""
    left, bottom, right, top = _box(page)
    width, height = abs(right - left), abs(top - bottom)
    return (height, width) if page.rotation % 180 else (width, height)


def _matrix(page: PageObject) -> tuple[float, ...]:
    """Maps the upload's page space onto the numbered page, as a reader would show it: the crop
    box's corner to the origin, then turned by the page's /Rotate (clockwise, in quarters)."""
    left, bottom, right, top = _box(page)
    width, height = right - left, top - bottom
    a, b, c, d, e, f = {
        0: (1, 0, 0, 1, 0, 0),
        90: (0, -1, 1, 0, 0, width),
        180: (-1, 0, 0, -1, width, height),
        270: (0, 1, -1, 0, height, 0),
    }[page.rotation % 360]
    return a, b, c, d, e - a * left - c * bottom, f - b * left - d * bottom


class _Raw(pydyf.Object):
    """An object copied from an upload, already serialised."""

    def __init__(self, data: bytes = b"", stream: bool = False) -> None:
        super().__init__()
        self.raw = data
        self.is_stream = stream

    @property
    def data(self) -> bytes:
        return self.raw

    @property
    def compressible(self) -> bool:
        # A stream may not sit in an object stream.
        return not self.is_stream and super().compressible


def _leaf(value: PdfObject) -> bytes:
    buffer = io.BytesIO()
    value.write_to_stream(buffer)
    return buffer.getvalue()


class _Copier:
    """Copies objects of one upload into the pack's pydyf document, each indirect object once."""

    def __init__(self, pdf: pydyf.PDF) -> None:
        self.pdf = pdf
        self.copied: dict[tuple[int, int, int], _Raw] = {}

    def reference(self, reference: IndirectObject) -> bytes:
        key = (id(reference.pdf), reference.idnum, reference.generation)
        if key not in self.copied:
            target = reference.get_object()
            copy = _Raw(stream=isinstance(target, StreamObject))
            self.copied[key] = copy
            self.pdf.add_object(copy)  # numbered before its content, for cycles
            copy.raw = self.stream(target) if isinstance(target, StreamObject) else self.value(target)
        return self.copied[key].reference

    def value(self, value: PdfObject) -> bytes:
        if isinstance(value, IndirectObject):
            return self.reference(value)
        if isinstance(value, StreamObject):  # a direct stream is not valid PDF; copy it indirectly
            copy = _Raw(self.stream(value), stream=True)
            self.pdf.add_object(copy)
            return copy.reference
        if isinstance(value, DictionaryObject):
            return self.dictionary(value)
        if isinstance(value, ArrayObject):
            return b"[" + b" ".join(self.value(item) for item in value) + b"]"
        return _leaf(value)

    def dictionary(self, value: DictionaryObject, extra: dict[str, bytes] | None = None) -> bytes:
        parts = [
            _leaf(NameObject(key)) + b" " + self.value(item)
            for key, item in value.items()
            if key not in DROPPED_KEYS and key != "/Length" and key not in (extra or {})
        ]
        parts += [_leaf(NameObject(key)) + b" " + item for key, item in (extra or {}).items()]
        return b"<<" + b" ".join(parts) + b">>"

    def stream(self, value: StreamObject, extra: dict[str, bytes] | None = None, data: bytes | None = None) -> bytes:
        # The stored (encoded) bytes with their own /Filter: nothing is decoded or re-compressed.
        raw = value._data if data is None else data
        head = self.dictionary(value, {**(extra or {}), "/Length": str(len(raw)).encode()})
        return head + b"\nstream\n" + raw + b"\nendstream"

    def form(self, page: PageObject) -> bytes:
        """The upload's page as a form XObject; returns its reference."""
        left, bottom, right, top = _box(page)
        resources = page.get("/Resources")
        extra = {
            "/Type": b"/XObject", "/Subtype": b"/Form",
            "/BBox": f"[{left:g} {bottom:g} {right:g} {top:g}]".encode(),
            "/Resources": self.value(page.raw_get("/Resources")) if resources is not None else b"<<>>",
        }
        contents = page.raw_get("/Contents") if "/Contents" in page else None
        target = contents.get_object() if contents is not None else None
        if isinstance(target, StreamObject):
            body = self.stream(target, extra)
        else:
            # Several streams (or none): decoded, joined and compressed once.
            data = zlib.compress(page.get_contents().get_data()) if target is not None else zlib.compress(b"")
            body = self.stream(StreamObject(), {**extra, "/Filter": b"/FlateDecode"}, data)
        form = _Raw(body, stream=True)
        self.pdf.add_object(form)
        return form.reference


def _object(pdf: pydyf.PDF, reference):
    return pdf.objects[int(reference.split()[0])]


def _page_of(pdf: pydyf.PDF, element, numbers: dict) -> int | None:
    """The page an element starts on (its /Pg), as an index; None for a marked-content id."""
    if not isinstance(element, (bytes, str)):
        return None
    return numbers.get(_object(pdf, element).get("Pg"))


def _figure(pdf: pydyf.PDF, pages: list, index: int, alt: str) -> int | None:
    """A /Figure for an uploaded page in WeasyPrint's structure tree: its marked-content id on
    the page, listed in the page's parent tree entry, and placed in reading order inside the
    item's section (the last top-level element begun by then), before the first of its
    elements that begins on a later page. None when the document is not tagged."""
    if "StructTreeRoot" not in pdf.catalog:
        return None
    numbers = {page.reference: number for number, page in enumerate(pages)}
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    document = _object(pdf, root["K"][0])
    nums = _object(pdf, root["ParentTree"])["Nums"]
    entry = nums[nums[::2].index(index) * 2 + 1]
    begun = [kid for kid in document["K"] if (_page_of(pdf, kid, numbers) or 0) <= index]
    parent = _object(pdf, begun[-1]) if begun else document
    mcid = len(entry)
    figure = pydyf.Dictionary({
        "Type": "/StructElem", "S": "/Figure", "P": parent.reference, "Pg": pages[index].reference,
        "K": mcid, "Alt": pydyf.String(alt),
    })
    pdf.add_object(figure)
    entry.append(figure.reference)
    kids = parent["K"]
    later = [position for position, kid in enumerate(kids) if (_page_of(pdf, kid, numbers) or -1) > index]
    kids.insert(later[0] if later else len(kids), figure.reference)
    return mcid


class Finisher:
    """WeasyPrint's `write_pdf(finisher=...)`: draws the uploads in and sets the title,
    language, display of the title and one bookmark per agenda item."""

    def __init__(self, *, title: str, readers: dict[int, PdfReader], names: dict[int, str], titles: dict[int, str],
                 placements: list[Placement], bookmarks: list[tuple[str, int]]) -> None:
        self.title = title
        self.readers = readers
        self.names = names  # how an error names each upload: 'The uploaded PDF "..." of item 4 (...)'
        self.titles = titles  # how the figure's alternative text names it: "Appendix 1: Inspection report"

        self.placements = placements
        self.bookmarks = bookmarks

    def __call__(self, document, pdf: pydyf.PDF) -> None:
        pages = [pdf.objects[number] for number in pdf.pages["Kids"][::3]]
        if self.placements:
            self._draw_uploads(pdf, pages)
        self._outline(pdf, pages)
        pdf.info["Title"] = pydyf.String(self.title)
        pdf.catalog["Lang"] = pydyf.String(LANGUAGE)
        preferences = pdf.catalog.get("ViewerPreferences")
        if not isinstance(preferences, pydyf.Dictionary):
            preferences = pydyf.Dictionary()
        preferences["DisplayDocTitle"] = "true"
        pdf.catalog["ViewerPreferences"] = preferences

    def _draw_uploads(self, pdf: pydyf.PDF, pages: list) -> None:
        copiers = {document_id: _Copier(pdf) for document_id in self.readers}
        # WeasyPrint gives every page one resource dictionary: the forms join its XObjects.
        resources_number = int(pages[0]["Resources"].split()[0])
        xobjects = pdf.objects[resources_number]["XObject"]
        for number, placement in enumerate(self.placements, start=1):
            name = f"PackUpload{number}"
            try:
                source = self.readers[placement.document_id].pages[placement.page]
                xobjects[name] = copiers[placement.document_id].form(source)
                matrix = " ".join(f"{value:g}" for value in _matrix(source))
            except DAMAGED as error:
                raise PackBuildError(
                    f"{self.names[placement.document_id]} is damaged on its page {placement.page + 1} "
                    "and cannot be merged: upload it again."
                ) from error
            page = pages[placement.index]
            pages_of = len(self.readers[placement.document_id].pages)
            alt = f"Page {placement.page + 1} of {pages_of} of the uploaded PDF: {self.titles[placement.document_id]}"
            mcid = _figure(pdf, pages, placement.index, alt)
            drawing = f"q {matrix} cm /{name} Do Q"
            if mcid is not None:
                drawing = f"/Figure <</MCID {mcid}>> BDC {drawing} EMC"
            under = pydyf.Stream([drawing.encode()])
            pdf.add_object(under)
            page["Contents"] = pydyf.Array([under.reference, page["Contents"]])

    def _outline(self, pdf: pydyf.PDF, pages: list) -> None:
        outlines = pydyf.Dictionary({"Type": "/Outlines", "Count": len(self.bookmarks)})
        pdf.add_object(outlines)
        entries = []
        for heading, index in self.bookmarks:
            entry = pydyf.Dictionary({
                "Title": pydyf.String(heading), "Parent": outlines.reference,
                "Dest": pydyf.Array([pages[index].reference, "/Fit"]),
            })
            pdf.add_object(entry)
            entries.append(entry)
        for before, after in zip(entries, entries[1:]):
            before["Next"], after["Prev"] = after.reference, before.reference
        if entries:
            outlines["First"], outlines["Last"] = entries[0].reference, entries[-1].reference
        pdf.catalog["Outlines"] = outlines.reference
        pdf.catalog["PageMode"] = "/UseOutlines"
