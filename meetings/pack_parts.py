"""What an agenda pack holds, item by item, before anything is laid out (docs/agenda-packs.md).

`plan_items` reads the meeting's agenda into frozen `ItemPlan`s: for each paginated item the
blocks its range is made of, in the order the pack prints them. Every block starts on a new
page, so a block's pages are whole pages: that is what lets the public pack swap an exempt
block for one notice page and keep every other page number.

- SHEET: the item's title sheet (its heading, description and papers), when its first paper is
  not written text, or it names papers the record does not hold;
- TEXT: a document written in the application (Markdown), rendered in the pack's style;
- UPLOAD: an uploaded PDF, merged page by page (meetings.pack_pdf);
- SCORECARD: the publication a performance report presents, laid out as its published PDF;
- MINUTES: the minutes a minutes item names, from the record, when no paper of it is held;
- TO_FOLLOW: the page saying the item's papers will follow.

The first block of an item carries its heading, so the item's title is on the first page of its
range. Nothing here writes to the database.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from functools import lru_cache

import tinycss2
from django.utils.safestring import SafeString, mark_safe

from django.template.loader import render_to_string

from meetings.document_text import render_document_text
from meetings.models import AgendaItem, Document, Meeting
from meetings.vocabulary import AttendanceKind, DocumentKind, ItemStatus, ItemType, MinutesState, exempt_notice
from scorecards.compute.periods import Month
from scorecards.figures import scorecard_rows
from scorecards.models import Publication
from scorecards.pdf import STYLESHEET as SCORECARD_STYLESHEET
from scorecards.pdf import scorecard_html
from scorecards.selectors import ScorecardView, published_content

# An item withdrawn or deferred is listed on the agenda, with no papers and no pages.
UNPAGINATED_STATUSES = frozenset({ItemStatus.WITHDRAWN, ItemStatus.DEFERRED})
# What the public reads in place of a document withheld on its own (its item is not exempt, so
# no paragraphs of Schedule 12A are recorded for it).
DOCUMENT_WITHHELD = "Not for publication: this paper is exempt information under Part 1 of Schedule 12A of the Local Government Act 1972."
RESTRICTED = "Document is Restricted"


class BlockKind(enum.StrEnum):
    SHEET = "sheet"
    TEXT = "text"
    UPLOAD = "upload"
    SCORECARD = "scorecard"
    MINUTES = "minutes"  # the previous meeting's minutes, from the record
    TO_FOLLOW = "to_follow"


@dataclass(frozen=True)
class PageSize:
    """An uploaded page as shown: width and height in points, after its /Rotate."""

    width: float
    height: float

    @property
    def name(self) -> str:
        # Tenths of a point: the named page of this size (agenda-pack.css, written per build).
        return f"{round(self.width * 10)}x{round(self.height * 10)}"


@dataclass(frozen=True)
class Block:
    anchor: str  # the element id that marks the block's first page
    kind: BlockKind
    title: str
    withheld: bool  # from the public: its item is exempt, or it is
    document: Document | None = None
    html: SafeString = mark_safe("")  # TEXT: the rendered Markdown; SCORECARD: the appendix
    pages: tuple[PageSize, ...] = ()  # UPLOAD: each page's size


@dataclass(frozen=True)
class ItemPlan:
    item: AgendaItem
    label: str  # "8" or "" for an unnumbered statement
    notice: str  # the public's notice for an exempt item ("" when not exempt)
    blocks: tuple[Block, ...]  # empty: no range
    not_held: tuple[Document, ...]  # papers the agenda names that the record does not hold

    @property
    def paginated(self) -> bool:
        return bool(self.blocks)

    @property
    def anchor(self) -> str:
        return f"item-{self.item.pk}"

    @property
    def status_words(self) -> str:
        return "" if self.item.status in (ItemStatus.LISTED, ItemStatus.ADDED_AS_URGENT) else self.item.get_status_display()


# -- written documents ---------------------------------------------------------------------------

_HEADING = re.compile(r"<(/?)h([1-6])\b")
# In the pack an item is h2 and a document's title h3: a document's own headings start at h4.
FIRST_LEVEL = 4


def _demoted(html: str) -> str:
    """The document's headings moved so that its highest is h4, their steps kept ("## Summary"
    and "### Risks" become h4 and h5), none below h6."""
    levels = [int(match.group(2)) for match in _HEADING.finditer(html)]
    if not levels:
        return html
    shift = FIRST_LEVEL - min(levels)
    return _HEADING.sub(lambda match: f"<{match.group(1)}h{min(int(match.group(2)) + shift, 6)}", html)


@lru_cache(maxsize=256)
def pack_document_text(text: str) -> str:
    """A written document as every page renders it (meetings.document_text: sanitised by nh3,
    raw HTML shown as typed, bounded), its headings under the pack's item and document title."""
    return _demoted(render_document_text(text))


def document_heading(document: Document) -> str:
    """"Appendix A: Performance report"; the title alone when it already names itself."""
    kind = document.get_kind_display()
    if document.title.casefold().startswith(kind.split()[0].casefold()):
        return document.title
    return f"{kind} {document.label}: {document.title}" if document.label else f"{kind}: {document.title}"


# -- the scorecard appendix ----------------------------------------------------------------------

SCORECARD_SCOPE = ".pack-scorecard"
SCORECARD_PAGE = "scorecard"


def publication_view(publication: Publication) -> ScorecardView:
    """The scorecard exactly as `publication` froze it (as `scorecards.selectors.scorecard_view`
    builds it for the published page), for that issue rather than the month's latest."""
    as_at = Month(publication.as_at.year, publication.as_at.month)
    data, computed = published_content(publication)
    before = str(as_at.plus(-1))
    return ScorecardView(
        data=data, as_at=as_at, rows=scorecard_rows(data, as_at, computed),
        previous={number: months.get(before) for number, months in computed.items()}, publication=publication,
    )


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
_ID = re.compile(r'\b(id|href)="(#?)([^"#][^"]*)"')


def scorecard_appendix(view: ScorecardView, prefix: str) -> SafeString:
    """The published scorecard PDF's body (scorecards.pdf.scorecard_html: table, exceptions, key,
    narratives), for the pack's document: its ids made unique by ``prefix`` so two appendices in
    one pack keep their own page references ("the key is on page N" counts the pack's pages)."""
    html = scorecard_html(view)
    body = _BODY.search(html)
    inner = body.group(1) if body else html

    def unique(match: re.Match) -> str:
        attribute, hash_, name = match.groups()
        if attribute == "href" and not hash_:
            return match.group(0)
        return f'{attribute}="{hash_}{prefix}-{name}"'

    return mark_safe(_ID.sub(unique, inner))


@lru_cache(maxsize=2)
def scoped_scorecard_css(modified: float) -> str:
    """The scorecard PDF's stylesheet for use inside the pack: every rule scoped to the appendix,
    its page rule made the named page `scorecard` (A4 landscape, its running heads kept), and
    its "Page N of M" footer dropped: the pack numbers its pages once (agenda-pack.css)."""
    del modified  # the cache key: an edited stylesheet is read again
    rules = tinycss2.parse_stylesheet(SCORECARD_STYLESHEET.read_text(), skip_comments=True, skip_whitespace=True)
    out = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "page":
            out.append(f"@page {SCORECARD_PAGE} {{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            scoped = []
            for selector in selectors:
                selector = selector.strip()
                if selector in ("html", "body"):
                    scoped.append(SCORECARD_SCOPE)
                else:
                    scoped.append(f"{SCORECARD_SCOPE} {selector}")
            out.append(f"{', '.join(scoped)} {{{tinycss2.serialize(rule.content)}}}")
    return "\n".join(out)


# -- the minutes of the previous meeting ------------------------------------------------------


@dataclass(frozen=True)
class PrintedMinute:
    number: int
    title: str
    body_html: SafeString
    outcome: str
    resolutions: tuple
    exempt: bool
    notice: str


def minutes_meeting(item: AgendaItem) -> Meeting | None:
    """The meeting whose minutes a minutes item names, when the record holds any of them."""
    if item.item_type != ItemType.MINUTES or item.previous_meeting_date is None:
        return None
    return (
        Meeting.objects.filter(committee_id=item.meeting.committee_id, date=item.previous_meeting_date, minutes__isnull=False)
        .select_related("committee").first()
    )


def minutes_html(meeting: Meeting) -> SafeString:
    """The minutes as the pack prints them. A minute of an exempt item shows its number, title
    and notice only, in both packs: its pages are shared, and its text is not the public's."""
    minutes = []
    for minute in meeting.minutes.select_related("agenda_item").prefetch_related("resolutions"):
        exempt = minute.agenda_item is not None and minute.agenda_item.exempt
        minutes.append(PrintedMinute(
            number=minute.number, title=minute.title,
            body_html=mark_safe(pack_document_text(minute.body)) if minute.body else mark_safe(""),
            outcome=minute.outcome, resolutions=tuple(minute.resolutions.all()), exempt=exempt,
            notice=exempt_notice(minute.agenda_item.exempt_paragraphs) if exempt else "",
        ))
    attendances = list(meeting.attendances.select_related("person"))
    attendance = [
        (label, [entry for entry in attendances if entry.kind == kind])
        for kind, label in ((AttendanceKind.PRESENT, "Present"), (AttendanceKind.SUBSTITUTE, "Substitutes"),
                            (AttendanceKind.APOLOGIES, "Apologies"), (AttendanceKind.IN_ATTENDANCE, "In attendance"))
    ]
    record = getattr(meeting, "minutes_record", None)
    state_note = "" if record is not None and record.state == MinutesState.APPROVED else (
        "Unconfirmed: to be approved at this meeting as a true and correct record."
    )
    return mark_safe(render_to_string("meetings/pack/minutes_pdf.html", {
        "meeting": meeting, "minutes": minutes, "attendance": attendance, "state_note": state_note,
    }))


# -- the plan ------------------------------------------------------------------------------------


def _paginated(item: AgendaItem, documents: list[Document]) -> bool:
    if item.status in UNPAGINATED_STATUSES:
        return False
    return bool(documents) or item.publication_id is not None or item.to_follow or minutes_meeting(item) is not None


def plan_item(item: AgendaItem, upload_pages: dict[int, tuple[PageSize, ...]]) -> ItemPlan:
    """The blocks of one item, in printed order (``upload_pages``: each uploaded document's page
    sizes, read beforehand so that a corrupt file fails the build before any layout)."""
    documents = sorted(item.documents.all(), key=lambda document: document.order)
    label = str(item.number) if item.number is not None else ""
    notice = exempt_notice(item.exempt_paragraphs) if item.exempt else ""
    if not _paginated(item, documents):
        return ItemPlan(item=item, label=label, notice=notice, blocks=(), not_held=())
    held = [document for document in documents if document.is_held]
    not_held = [document for document in documents if not document.is_held]
    # The scorecard takes the place of the appendix the agenda names but the record holds only as
    # the publication ("Appendix A – Corporate Parenting Monthly Performance Report").
    scorecard_at = len(held)
    if item.publication_id is not None:
        named = next((document for document in not_held if document.kind == DocumentKind.APPENDIX), None)
        if named is not None:
            not_held.remove(named)
            scorecard_at = sum(1 for document in held if document.order < named.order)
    blocks: list[Block] = []
    for document in held:
        withheld = item.exempt or document.exempt
        if document.file:
            blocks.append(Block(
                anchor=f"doc-{document.pk}", kind=BlockKind.UPLOAD, title=document_heading(document),
                withheld=withheld, document=document, pages=upload_pages[document.pk],
            ))
        else:
            blocks.append(Block(
                anchor=f"doc-{document.pk}", kind=BlockKind.TEXT, title=document_heading(document),
                withheld=withheld, document=document, html=mark_safe(pack_document_text(document.text)),
            ))
    if item.publication_id is not None:
        # Its title as the publication froze it, like everything else it prints.
        view = publication_view(item.publication)
        blocks.insert(scorecard_at, Block(
            anchor=f"scorecard-{item.pk}", kind=BlockKind.SCORECARD,
            title=f"{view.title}, as at {item.publication.as_at:%B %Y} ({item.publication.document_status})",
            withheld=item.exempt, html=scorecard_appendix(view, f"sc{item.pk}"),
        ))
    previous = minutes_meeting(item) if not held else None
    if previous is not None:
        blocks.insert(0, Block(
            anchor=f"minutes-{item.pk}", kind=BlockKind.MINUTES,
            title=f"Minutes of the meeting held on {previous.date.day} {previous.date:%B %Y}",
            withheld=item.exempt, html=minutes_html(previous),
        ))
    first_is_text = bool(blocks) and blocks[0].kind in (BlockKind.TEXT, BlockKind.MINUTES)
    if item.to_follow:
        blocks.insert(0, Block(anchor=f"follow-{item.pk}", kind=BlockKind.TO_FOLLOW, title=item.title, withheld=item.exempt))
    elif not first_is_text or not_held:
        blocks.insert(0, Block(anchor=f"sheet-{item.pk}", kind=BlockKind.SHEET, title=item.title, withheld=item.exempt))
    return ItemPlan(item=item, label=label, notice=notice, blocks=tuple(blocks), not_held=tuple(not_held))


def item_heading(plan: ItemPlan) -> str:
    return f"{plan.label}. {plan.item.title}" if plan.label else plan.item.title


def spans(plan: ItemPlan) -> list[tuple[int, int]]:
    """The runs of blocks withheld from the public, as (first, last) block indexes: each becomes
    one notice page in the public pack."""
    runs: list[tuple[int, int]] = []
    for index, block in enumerate(plan.blocks):
        if not block.withheld:
            continue
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def notice_for(plan: ItemPlan) -> str:
    return plan.notice or DOCUMENT_WITHHELD
