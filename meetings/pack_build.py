"""An agenda pack built from a meeting's record: the public and the members' pack, as PDF and as
an HTML fragment, with the same agenda and the same page numbers (issue 16; docs/agenda-packs.md).

The build reads the database and writes nothing: `meetings` publishing stores what it returns.

1. Read every uploaded PDF first (pypdf), so a corrupt file fails the build at once, naming
   its item and document (`PackBuildError`), and each upload's page sizes are known.
2. Plan each item's blocks (`meetings.pack_parts`): title sheet or cover report, written
   documents, uploads, the scorecard appendix, "to follow".
3. Lay out (WeasyPrint) the items, their page counter starting after the front sheet and
   agenda; an uploaded page is an empty page of its size, so "Page N" counts it. Read each
   block's first page from the layout: those are the page ranges.
4. Lay out the front sheet and agenda again with the ranges. Should that change how many pages
   they take (longer numbers wrapping a line), lay the items out again from the new start.
5. The members' pack is every page; the public pack swaps each run of withheld pages for one
   notice page numbered as the run's first, the next page numbered as after the run.
6. Write both (tagged where WeasyPrint lays out), draw the uploads under their numbered pages and
   set the title, language and bookmarks (`meetings.pack_pdf`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import weasyprint
from django.db.models import Prefetch
from django.template.loader import render_to_string
from pypdf import PdfReader

from accounts.models import council_name
from meetings import pack_pdf
from meetings.pack_pdf import PackBuildError
from meetings.models import AgendaItem, Document, Meeting, Membership
from meetings.pack_parts import (
    SCORECARD_PAGE,
    UNPAGINATED_STATUSES,
    BlockKind,
    ItemPlan,
    PageSize,
    item_heading,
    notice_for,
    plan_item,
    scoped_scorecard_css,
    spans,
)
from meetings.selectors import sorted_members
from meetings.templatetags.meeting_tags import venue
from meetings.vocabulary import MembershipRole
from scorecards.pdf import STATIC_DIR, StaticFilesOnly
from scorecards.pdf import STYLESHEET as SCORECARD_STYLESHEET

PACK_STYLESHEET = STATIC_DIR / "css" / "agenda-pack.css"
# Laying the agenda out again can change how many pages it takes; it settles in one more pass,
# and a third is a safeguard against a ping-pong no real agenda makes.
LAYOUT_PASSES = 3


@dataclass(frozen=True)
class BuiltPack:
    public_pdf: bytes
    members_pdf: bytes
    public_html: str  # an HTML fragment: contents list and one section per item
    members_html: str
    page_count: int  # pages of the members' pack (the numbering both share)
    page_ranges: dict[int, tuple[int, int]]  # agenda item id -> (first page, last page)


@dataclass(frozen=True)
class AgendaEntry:
    plan: ItemPlan
    pages: str  # "Pages 3 - 4", "Page 5" or ""
    section: str  # a heading printed before it ("For scrutiny: -"), when it starts a group


@dataclass(frozen=True)
class Notice:
    plan: ItemPlan
    text: str
    heading: bool  # the run starts the item's range: the notice page carries its heading
    page: int  # the number it is printed as: the run's first page
    skip: int  # pages of the run after the first


def build_pack(
    meeting: Meeting, *, items: Sequence[AgendaItem] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> BuiltPack:
    """The whole pack of ``meeting``, or with ``items`` a supplementary pack of those items only
    (its own front sheet, "Supplementary agenda", and its own numbering from 1)."""
    supplementary = items is not None
    progress("Reading the agenda")
    agenda = _agenda(meeting, items)
    progress("Reading uploaded PDFs")
    uploads = _read_uploads(agenda)
    sizes = {document_id: tuple(PageSize(*size) for size in read.sizes) for document_id, read in uploads.items()}
    plans = []
    for index, item in enumerate(agenda, start=1):
        progress(f"Rendering item {index} of {len(agenda)}")
        plans.append(plan_item(item, sizes))
    context = _front_context(meeting, supplementary)
    stylesheets = _stylesheets(plans)

    progress("Laying out the pages")
    ranges: dict[int, tuple[int, int]] = {}
    front = _render_front(context, plans, ranges, stylesheets, members=True)
    front_count = len(front.pages)
    for _ in range(LAYOUT_PASSES):
        body = _render_items(context, plans, stylesheets, first_page=front_count + 1)
        starts = _block_starts(body, plans)
        ranges = _ranges(plans, starts, front_count, len(body.pages))
        progress("Numbering pages")
        front = _render_front(context, plans, ranges, stylesheets, members=True)
        if len(front.pages) == front_count:
            break
        front_count = len(front.pages)
    else:  # pragma: no cover - no agenda has been seen to need it
        raise PackBuildError("The agenda's page numbers did not settle: shorten an item's description and publish again.")
    public_front = _render_front(context, plans, ranges, stylesheets, members=False)

    progress("Merging uploaded PDFs")
    page_count = len(front.pages) + len(body.pages)
    notices = _notices(plans, ranges, starts, len(front.pages), len(body.pages))
    notice_doc = _render_notices(context, notices, stylesheets) if notices else None
    members_pages = list(front.pages) + list(body.pages)
    public_pages, public_numbers = _public_pages(public_front, body, notices, notice_doc)
    members_numbers = list(range(1, page_count + 1))

    bookmarks_members = _bookmarks(plans, ranges, front, members_numbers)
    bookmarks_public = _bookmarks(plans, ranges, public_front, public_numbers)
    placements_members = _upload_placements(plans, starts, len(front.pages), withheld_too=True)
    placements_public = _upload_placements(plans, starts, len(front.pages), withheld_too=False, numbers=public_numbers)
    title = context["pdf_title"]
    titles = {block.document.pk: block.title for plan in plans for block in plan.blocks if block.kind == BlockKind.UPLOAD}
    members_pdf = _write(
        front, members_pages, uploads, titles, placements_members, bookmarks_members,
        title=f"{title} (members' pack, including exempt items)" if _has_withheld(plans) else title,
    )
    public_pdf = _write(public_front, public_pages, uploads, titles, placements_public, bookmarks_public, title=title)
    progress("Writing the HTML pack")
    html_context = {**context, "plans": plans, "ranges": ranges, "entries": _entries(plans, ranges)}
    return BuiltPack(
        public_pdf=public_pdf,
        members_pdf=members_pdf,
        public_html=render_to_string("meetings/pack/fragment.html", {**html_context, "members": False}),
        members_html=render_to_string("meetings/pack/fragment.html", {**html_context, "members": True}),
        page_count=page_count,
        page_ranges=ranges,
    )


# -- reading --------------------------------------------------------------------------------------


def _agenda(meeting: Meeting, items: Sequence[AgendaItem] | None) -> list[AgendaItem]:
    queryset = (
        meeting.agenda_items.select_related("publication__scorecard", "publication__published_by")
        .prefetch_related(Prefetch("documents", queryset=Document.objects.order_by("order")))
        .order_by("order")
    )
    if items is not None:
        queryset = queryset.filter(pk__in=[item.pk for item in items])
    return list(queryset)


@dataclass(frozen=True)
class ReadUpload:
    reader: PdfReader
    sizes: tuple[tuple[float, float], ...]
    name: str  # how a message names it: 'The uploaded PDF "Budget" (budget.pdf) of item 4 (Budget)'


def _read_uploads(agenda: list[AgendaItem]) -> dict[int, ReadUpload]:
    uploads = {}
    for item in agenda:
        if item.status in UNPAGINATED_STATUSES:  # a withdrawn item's papers are not in the pack
            continue
        for document in item.documents.all():
            if document.file:
                uploads[document.pk] = _read_upload(item, document)
    return uploads


def _read_upload(item: AgendaItem, document: Document) -> ReadUpload:
    where = f"item {item.number if item.number is not None else item.order} ({item.title})"
    name = document.original_name or document.file.name.rsplit("/", 1)[-1]
    problem = f'The uploaded PDF "{document.title}" ({name}) of {where}'
    try:
        with document.file.open("rb") as file:
            data = file.read()
    except OSError as error:
        raise PackBuildError(f"{problem} cannot be read from storage ({error.strerror or error}): upload it again.") from error
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PackBuildError(f"{problem} is password-protected: upload a copy without a password.")
        sizes = tuple(pack_pdf.shown_size(page) for page in reader.pages)
    except PackBuildError:
        raise
    except pack_pdf.DAMAGED as error:
        raise PackBuildError(f"{problem} is not a PDF or is damaged, and cannot be read: upload it again.") from error
    if not sizes:
        raise PackBuildError(f"{problem} has no pages: upload the document again.")
    return ReadUpload(reader=reader, sizes=sizes, name=problem)


# -- the front sheet ------------------------------------------------------------------------------


def _when(meeting: Meeting) -> str:
    day = f"{meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y}"
    if meeting.start_time is not None:
        time = meeting.start_time
        hour = time.hour % 12 or 12
        suffix = "a.m." if time.hour < 12 else "p.m."
        minutes = f".{time.minute:02d}" if time.minute else ".00"
        return f"{day} at {hour}{minutes} {suffix}"
    return f"{day} {meeting.time_as_printed}".strip()


def _member_line(membership: Membership) -> str:
    line = str(membership.person)
    if membership.role == MembershipRole.CO_OPTED:
        line += f" (Co-opted member, representing {membership.represents})" if membership.represents else " (Co-opted member)"
    elif membership.role != MembershipRole.MEMBER:
        line += f" ({membership.get_role_display()})"
    if membership.capacity:
        line += f", {membership.capacity}"
    if membership.scope:
        line += f", {membership.scope}"
    return line


def _members(meeting: Meeting) -> list[str]:
    """Who sits on the committee at the meeting: that municipal year's seats not ended before it."""
    seats = Membership.objects.filter(committee_id=meeting.committee_id, municipal_year=meeting.municipal_year)
    seats = seats.exclude(ended_on__lt=meeting.date).select_related("person")
    return [_member_line(membership) for membership in sorted_members(seats)]


def _signature(meeting: Meeting) -> list[str]:
    """"Sharon Kemp, Chief Executive." as printed: the name, then the post on a line of its own."""
    signed = meeting.signed_by.strip()
    if not signed:
        return []
    name, comma, post = signed.partition(",")
    return [name + comma, post.strip()] if post.strip() else [signed]


def _front_context(meeting: Meeting, supplementary: bool) -> dict:
    kind = "supplementary agenda pack" if supplementary else "agenda pack"
    return {
        "meeting": meeting,
        "supplementary": supplementary,
        "council_name": council_name(),
        "pdf_title": f"{meeting.committee.name}, {meeting.date.day} {meeting.date:%B %Y}: {kind}",
        "when": _when(meeting),
        "venue": venue(meeting),
        "members_list": _members(meeting),
        "signature": _signature(meeting),
    }


def _pages_text(pages: tuple[int, int] | None) -> str:
    if pages is None:
        return ""
    first, last = pages
    return f"Page {first}" if first == last else f"Pages {first} - {last}"


def _entries(plans: list[ItemPlan], ranges: dict[int, tuple[int, int]]) -> list[AgendaEntry]:
    entries, section = [], ""
    for plan in plans:
        starts_section = plan.item.section and plan.item.section != section
        section = plan.item.section
        pages = ranges.get(plan.item.pk)
        # Before the ranges are known, the widest the numbers are likely to be, so the first
        # layout of the agenda wraps as the last will.
        if pages is None and plan.paginated and not ranges:
            pages = (888, 888 + 8)
        entries.append(AgendaEntry(plan=plan, pages=_pages_text(pages), section=section if starts_section else ""))
    return entries


# -- layout ---------------------------------------------------------------------------------------


def _stylesheets(plans: list[ItemPlan]) -> list[weasyprint.CSS]:
    """The pack's stylesheet, the scorecard's scoped to its appendix, and a named page for each
    size of uploaded page."""
    sizes = sorted({size for plan in plans for block in plan.blocks for size in block.pages}, key=lambda s: s.name)
    pages = "\n".join(
        f".pack-size-{size.name} {{ page: upload-{size.name}; }}\n"
        f"@page upload-{size.name} {{ size: {size.width:.2f}pt {size.height:.2f}pt; "
        "@bottom-center { background: #ffffff; padding: 1mm 2mm; } }"
        for size in sizes
    )
    scorecard = scoped_scorecard_css(SCORECARD_STYLESHEET.stat().st_mtime) + (
        f"\n@page {SCORECARD_PAGE} {{ @bottom-right {{ content: string(agenda-item); font: 7pt \"DejaVu Sans\", sans-serif; }} }}"
        "\n.pack-scorecard h2, .pack-scorecard h3, .pack-scorecard h4, .pack-scorecard tr.section-row th { bookmark-level: none; }"
    )
    fetcher = StaticFilesOnly()
    return [
        weasyprint.CSS(filename=str(PACK_STYLESHEET), url_fetcher=fetcher),
        weasyprint.CSS(string=scorecard, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher),
        weasyprint.CSS(string=pages, url_fetcher=fetcher),
    ]


def _render(template: str, context: dict, stylesheets: list[weasyprint.CSS], first_page: int = 1, extra: str = ""):
    css = list(stylesheets)
    rules = (f"@page :first {{ counter-reset: page {first_page}; }}\n" if first_page != 1 else "") + extra
    if rules:
        css.append(weasyprint.CSS(string=rules))
    html = weasyprint.HTML(
        string=render_to_string(template, context), base_url=STATIC_DIR.as_uri() + "/", url_fetcher=StaticFilesOnly()
    )
    return html.render(stylesheets=css)


@dataclass(frozen=True)
class _NoPages:
    pages: tuple = ()


def _render_items(context: dict, plans: list[ItemPlan], stylesheets: list[weasyprint.CSS], first_page: int):
    # No paginated item (a supplement of items without papers): no pages, not one blank page.
    if not any(plan.blocks for plan in plans):
        return _NoPages()
    return _render("meetings/pack/items_pdf.html", {**context, "plans": plans}, stylesheets, first_page=first_page)


def _render_front(context, plans, ranges, stylesheets, *, members: bool):
    # The members' front sheet says which pack it is in its margin, where no line of the agenda
    # moves: both front sheets take the same pages.
    extra = "@page { @top-right { content: \"Members' pack\"; font: bold 9pt sans-serif; } }" if members and _has_withheld(plans) else ""
    return _render(
        "meetings/pack/front_pdf.html", {**context, "entries": _entries(plans, ranges), "members": members},
        stylesheets, extra=extra,
    )


def _render_notices(context: dict, notices: list[Notice], stylesheets: list[weasyprint.CSS]):
    # Each notice page prints its own number; the counter runs on past the pages it stands for,
    # so the number after it is the one after the run.
    rules = "\n".join(
        f".pack-notice-{index} {{ page: notice-{index}; }}\n"
        f"@page notice-{index} {{ @bottom-center {{ content: \"Page {notice.page}\"; }} }}"
        for index, notice in enumerate(notices, start=1)
    )
    return _render("meetings/pack/notices_pdf.html", {**context, "notices": notices}, stylesheets, extra=rules)


def _has_withheld(plans: list[ItemPlan]) -> bool:
    return any(block.withheld for plan in plans for block in plan.blocks)


def _block_starts(body, plans: list[ItemPlan]) -> dict[str, int]:
    """Each block's first page, as an index into the items' layout."""
    wanted = {block.anchor for plan in plans for block in plan.blocks}
    starts = {}
    for index, page in enumerate(body.pages):
        for anchor in page.anchors:
            if anchor in wanted and anchor not in starts:
                starts[anchor] = index
    return starts


def _block_pages(plans: list[ItemPlan], starts: dict[str, int], total: int) -> dict[str, tuple[int, int]]:
    """Each block's first and last page index in the items' layout: blocks are contiguous."""
    ordered = [block.anchor for plan in plans for block in plan.blocks]
    pages = {}
    for position, anchor in enumerate(ordered):
        end = starts[ordered[position + 1]] - 1 if position + 1 < len(ordered) else total - 1
        pages[anchor] = (starts[anchor], end)
    return pages


def _ranges(plans, starts, front_pages: int, body_pages: int) -> dict[int, tuple[int, int]]:
    pages = _block_pages(plans, starts, body_pages)
    ranges = {}
    for plan in plans:
        if plan.blocks:
            first, last = pages[plan.blocks[0].anchor][0], pages[plan.blocks[-1].anchor][1]
            ranges[plan.item.pk] = (front_pages + first + 1, front_pages + last + 1)
    return ranges


def _notices(plans, ranges, starts, front_pages: int, body_pages: int) -> list[Notice]:
    pages = _block_pages(plans, starts, body_pages)
    notices = []
    for plan in plans:
        for first, last in spans(plan):
            start, end = pages[plan.blocks[first].anchor][0], pages[plan.blocks[last].anchor][1]
            notices.append(Notice(
                plan=plan, text=notice_for(plan),
                heading=first == 0, page=front_pages + start + 1, skip=end - start,
            ))
    return notices


def _public_pages(public_front, body, notices: list[Notice], notice_doc):
    """The public pack's pages and the number each prints: the members' pages with each
    withheld run swapped for its notice page."""
    front_pages = len(public_front.pages)
    replaced = {notice.page - front_pages - 1: (index, notice) for index, notice in enumerate(notices)}
    pages, numbers = list(public_front.pages), list(range(1, front_pages + 1))
    index = 0
    while index < len(body.pages):
        if index in replaced:
            position, notice = replaced[index]
            pages.append(notice_doc.pages[position])
            numbers.append(notice.page)
            index += notice.skip + 1
            continue
        pages.append(body.pages[index])
        numbers.append(front_pages + index + 1)
        index += 1
    return pages, numbers


def _write(first, pages, uploads: dict[int, ReadUpload], titles: dict[int, str], placements, bookmarks, *, title: str) -> bytes:
    """The pages as one PDF, tagged where WeasyPrint lays out (``pdf_tags``; not its PDF/UA
    variant, which would claim a conformance the untagged uploads do not have), with the
    uploads drawn in, title, language and bookmarks (meetings.pack_pdf.Finisher)."""
    finisher = pack_pdf.Finisher(
        title=title, readers={key: read.reader for key, read in uploads.items()},
        names={key: read.name for key, read in uploads.items()}, titles=titles,
        placements=placements, bookmarks=bookmarks,
    )
    return first.copy(pages).write_pdf(pdf_tags=True, pdf_version="1.7", finisher=finisher)


def _bookmarks(plans, ranges, front, numbers: list[int]) -> list[tuple[str, int]]:
    """One bookmark per agenda item, in agenda order: the first page of its range, or the agenda
    page that lists it when it has none."""
    listed = {}
    for index, page in enumerate(front.pages):
        for anchor in page.anchors:
            listed.setdefault(anchor, index)
    position = {number: index for index, number in reversed(list(enumerate(numbers)))}
    marks = []
    for plan in plans:
        pages = ranges.get(plan.item.pk)
        index = position[pages[0]] if pages else listed.get(f"agenda-{plan.item.pk}", 0)
        marks.append((item_heading(plan), index))
    return marks


def _upload_placements(plans, starts, front_pages: int, *, withheld_too: bool, numbers: list[int] | None = None):
    """Where each uploaded page goes: (page index in the pack, document id, page of the upload)."""
    position = {number: index for index, number in enumerate(numbers)} if numbers is not None else None
    placements = []
    for plan in plans:
        for block in plan.blocks:
            if block.kind != BlockKind.UPLOAD or (block.withheld and not withheld_too):
                continue
            for page in range(len(block.pages)):
                number = front_pages + starts[block.anchor] + page + 1
                index = number - 1 if position is None else position[number]
                placements.append(pack_pdf.Placement(index=index, document_id=block.document.pk, page=page))
    return placements
