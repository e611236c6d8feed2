"""The agenda pack builder (issue 16, parts 1 to 4; docs/agenda-packs.md): read back with pypdf.

One small meeting is built once per module (the build is the slow part) and read by every test:
a minutes item from the record, an uploaded 7-page PDF, a performance report with its scorecard,
an exempt item (written text with a canary sentence and an uploaded PDF), a public item with an
exempt paper, an item to follow, a withdrawn item and items with no papers.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import tempfile

import pytest
import weasyprint
from django.core.files.base import ContentFile
from django.test import override_settings
from pypdf import PdfReader

from accounts.models import Person
from meetings.models import AgendaItem, Committee, Document, Meeting, Membership, Minute, Minutes
from meetings.pack_build import BuiltPack, PackBuildError, build_pack
from meetings.vocabulary import DocumentKind, ItemStatus, ItemType, MembershipRole, MinutesState, exempt_notice
from scorecards.compute.periods import Month
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard
from tests.conftest import clear_scorecard_data

CANARY = "Canary: the looked after children's council met on a Tuesday."
PAPER_CANARY = "Canary two: a foster carer's address."
# Every test reads the database (the module's meeting is committed once, outside the tests).
pytestmark = pytest.mark.django_db

LONG = ("Officers reported progress on placements, caseloads and health assessments. " * 12 + "\n\n") * 9


def pdf_of(pages: int, words: str) -> bytes:
    html = "".join(f'<p style="break-after: page">{words} page {n} of {pages}</p>' for n in range(1, pages + 1))
    return weasyprint.HTML(string=html).write_pdf()


def upload(item: AgendaItem, order: int, title: str, data: bytes, **fields) -> Document:
    document = Document(agenda_item=item, order=order, kind=fields.pop("kind", DocumentKind.APPENDIX), title=title,
                        original_name=f"{title.lower().replace(' ', '-')}.pdf", **fields)
    document.file.save(document.original_name, ContentFile(data), save=False)
    document.save()
    return document


def written(item: AgendaItem, order: int, title: str, text: str, **fields) -> Document:
    return Document.objects.create(
        agenda_item=item, order=order, kind=fields.pop("kind", DocumentKind.COVER_REPORT), title=title, text=text, **fields
    )


def make_meeting() -> dict:
    scorecard = build_scorecard(indicator_count=3, slug="pack-card")
    publication, _ = publish_scorecard(scorecard, Month(2020, 12))
    committee = Committee.objects.create(name="Test Parenting Panel", slug="test-parenting-panel")
    meeting = Meeting.objects.create(
        committee=committee, date=datetime.date(2021, 3, 2), start_time=datetime.time(15, 30), is_virtual=True,
        venue="Virtual Meeting", contact="Kim Adviser, Governance Advisor", signed_by="Jane Doe, Chief Executive.",
    )
    previous = Meeting.objects.create(committee=committee, date=datetime.date(2021, 1, 5), start_time=datetime.time(15, 30))
    Minutes.objects.create(meeting=previous, state=MinutesState.PUBLISHED)
    Minute.objects.create(meeting=previous, number=77, order=1, title="Urgent business",
                          body="The Chair confirmed that there were no urgent matters.")
    for name, role, represents in (("Watson", MembershipRole.CHAIR, ""), ("Cusworth", MembershipRole.VICE_CHAIR, ""),
                                   ("A. Smith", MembershipRole.CO_OPTED, "Voice of the Child")):
        person = Person.objects.create(name=name, title="Councillor" if not represents else "")
        Membership.objects.create(committee=committee, person=person, municipal_year=2020, role=role, represents=represents)

    def item(number: int, title: str, item_type=ItemType.REPORT, **fields) -> AgendaItem:
        return AgendaItem.objects.create(meeting=meeting, number=number, order=number, title=title, item_type=item_type, **fields)

    items = {
        "apologies": item(1, "Apologies for Absence", ItemType.APOLOGIES, description="To receive the apologies."),
        "minutes": item(2, "Minutes of the previous meeting held on 5 January 2021", ItemType.MINUTES,
                        previous_meeting_date=previous.date),
        "uploaded": item(3, "Youth Offending Inspection", description="To receive the inspection report."),
        "performance": item(4, "Corporate Parenting Performance Report", ItemType.PERFORMANCE_REPORT, publication=publication),
        "exempt": item(5, "Looked After Children's Council Update", exempt=True, exempt_paragraphs=[1, 2]),
        "placements": item(6, "Unregulated Placements"),
        "follow": item(7, "Sufficiency Strategy", to_follow=True, description="A report on sufficiency."),
        "withdrawn": item(8, "Fostering Annual Report", status=ItemStatus.WITHDRAWN, status_reason="Deferred to April"),
        "urgent": item(9, "Urgent Business", ItemType.URGENT_BUSINESS),
    }
    upload(items["uploaded"], 1, "Inspection report", pdf_of(7, "Inspection"))
    written(items["performance"], 1, "Performance report", "It should be read with the scorecard at Appendix A.")
    written(items["exempt"], 1, "Council update", f"{CANARY}\n\n{LONG}", kind=DocumentKind.PRESENTATION)
    upload(items["exempt"], 2, "Council minutes", pdf_of(2, "Exempt upload"))
    written(items["placements"], 1, "Placements report", "## Summary\n\nThe use of placements fell.")
    written(items["placements"], 2, "Named placements", PAPER_CANARY, kind=DocumentKind.APPENDIX, label="A", exempt=True)
    written(items["placements"], 3, "Placement figures", "Figures by month. <script>alert(1)</script>", kind=DocumentKind.APPENDIX, label="B")
    written(items["withdrawn"], 1, "Annual report", "Withdrawn paper text.")
    return {"meeting": meeting, "items": items}


@pytest.fixture(scope="module")
def pack(django_db_setup, django_db_blocker):
    media = tempfile.mkdtemp(prefix="pack-media-")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        made = make_meeting()
        items = made["items"]
        messages: list[str] = []
        built = build_pack(made["meeting"], progress=messages.append)
        supplement = build_pack(made["meeting"], items=[items["placements"], items["follow"]])
        yield {
            **made, "built": built, "supplement": supplement, "messages": messages,
            "members": PdfReader(io.BytesIO(built.members_pdf)), "public": PdfReader(io.BytesIO(built.public_pdf)),
            "supplement_public": PdfReader(io.BytesIO(supplement.public_pdf)),
            "supplement_members": PdfReader(io.BytesIO(supplement.members_pdf)),
        }
        clear_scorecard_data()
    shutil.rmtree(media, ignore_errors=True)


_TEXTS: dict[int, list[str]] = {}


def texts(reader: PdfReader) -> list[str]:
    """Each page's text, extracted once per reader (pypdf's extraction is the slow part)."""
    if id(reader) not in _TEXTS:
        _TEXTS[id(reader)] = [page.extract_text() for page in reader.pages]
    return _TEXTS[id(reader)]


def footer(text: str) -> int | None:
    numbers = re.findall(r"\bPage (\d+)\b", text)
    return int(numbers[-1]) if numbers else None


def normalised(text: str) -> str:
    return " ".join(text.split())


def test_the_front_sheet_names_the_meeting_its_members_and_who_issued_it(pack):
    first = normalised(texts(pack["public"])[0])
    assert "TEST PARENTING PANEL" in first
    assert "Tuesday 2 March 2021 at 3.30 p.m." in first
    assert "Virtual Meeting" in first
    assert "Councillor Watson (Chair)" in first and "Councillor Cusworth (Vice-Chair)" in first
    assert "A. Smith (Co-opted member, representing Voice of the Child)" in first
    assert "Kim Adviser, Governance Advisor" in first
    agenda = normalised(" ".join(texts(pack["public"])[:2]))
    assert "Jane Doe, Chief Executive." in agenda


def test_the_agenda_prints_each_paginated_items_range_and_flags_the_exempt_one(pack):
    built, items = pack["built"], pack["items"]
    agenda = normalised(" ".join(texts(pack["members"])[:2]))
    for key in ("minutes", "uploaded", "performance", "exempt", "placements", "follow"):
        first, last = built.page_ranges[items[key].pk]
        words = f"(Page {first})" if first == last else f"(Pages {first} - {last})"
        assert words in agenda, key
    for key in ("apologies", "withdrawn", "urgent"):
        assert items[key].pk not in built.page_ranges
    assert "Withdrawn: Deferred to April" in agenda
    assert "Exempt item. " + exempt_notice([1, 2]) in agenda


def test_numbering_counts_the_front_sheet_and_runs_on_without_gaps(pack):
    built = pack["built"]
    assert [footer(text) for text in texts(pack["members"])] == list(range(1, built.page_count + 1))
    ranges = sorted(built.page_ranges.values())
    # The front sheet and agenda come first, counted: the agenda ends on the page before.
    assert "Jane Doe" in texts(pack["members"])[ranges[0][0] - 2]
    for (_, last), (first, _) in zip(ranges, ranges[1:]):
        assert first == last + 1
    assert ranges[-1][1] == built.page_count


def test_each_items_title_is_on_the_first_page_of_its_range(pack):
    pages = texts(pack["members"])
    for item in pack["items"].values():
        if item.pk in pack["built"].page_ranges:
            first, _ = pack["built"].page_ranges[item.pk]
            assert item.title in normalised(pages[first - 1]), item.title


def test_an_uploaded_7_page_pdf_occupies_exactly_7_stamped_pages(pack):
    pages = texts(pack["members"])
    first, last = pack["built"].page_ranges[pack["items"]["uploaded"].pk]
    assert last - first + 1 == 1 + 7  # its title sheet, then the upload
    parents = pack["members"].trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    for n in range(1, 8):
        page = first + n
        assert f"Inspection page {n} of 7" in pages[page - 1]
        assert footer(pages[page - 1]) == page
        # Tagged as one figure whose alternative text names the paper and the page.
        elements = [element.get_object() for element in parents[2 * (page - 1) + 1]]
        assert [element["/Alt"] for element in elements if element["/S"] == "/Figure"] == [
            f"Page {n} of 7 of the uploaded PDF: Appendix: Inspection report"
        ]


def test_the_scorecard_appendix_is_laid_out_as_published_in_the_packs_numbering(pack):
    pages = texts(pack["members"])
    first, last = pack["built"].page_ranges[pack["items"]["performance"].pk]
    appendix = normalised(" ".join(pages[first:last]))
    assert "As at month end: December 2020" in appendix
    assert "Exceptions" in appendix and "Key" in appendix
    assert "Page 1 of" not in appendix  # its own "Page N of M" footer is dropped
    page = pack["members"].pages[first]
    assert page.mediabox.width > page.mediabox.height  # landscape, as the scorecard PDF


def test_the_exempt_canaries_are_in_the_members_pack_only(pack):
    members, public = " ".join(texts(pack["members"])), " ".join(texts(pack["public"]))
    assert "Canary: the looked after" in normalised(members)
    assert "Canary two" in members
    assert "Canary" not in public
    assert "Exempt upload" in members and "Exempt upload" not in public
    assert "Canary" not in pack["built"].public_html and CANARY not in pack["built"].public_html
    assert PAPER_CANARY in pack["built"].members_html
    # Nor the exempt paper's title: the public reads that one paper is withheld.
    assert "Named placements" in members and "Named placements" not in public
    assert "Named placements" not in pack["built"].public_html


def test_the_public_pack_holds_the_notice_on_the_first_page_of_the_exempt_range(pack):
    public = texts(pack["public"])
    first, _ = pack["built"].page_ranges[pack["items"]["exempt"].pk]
    notice_page = next(text for text in public if footer(text) == first)
    assert exempt_notice([1, 2]) in normalised(notice_page)
    assert "Document is Restricted" in notice_page
    assert pack["items"]["exempt"].title in normalised(notice_page)


def test_both_packs_share_the_agenda_and_every_page_number_outside_exempt_ranges(pack):
    members, public = texts(pack["members"]), texts(pack["public"])
    assert normalised(members[1]) == normalised(public[1])  # the agenda's second page: no margin note
    withheld = _withheld_pages(pack)
    outside = [footer(text) for text in members if footer(text) not in withheld]
    assert [footer(text) for text in public if footer(text) not in withheld] == outside
    length = sum(last - first + 1 for first, last in _withheld_runs(pack))
    assert len(pack["public"].pages) == len(pack["members"].pages) - (length - len(_withheld_runs(pack)))


def _withheld_runs(pack) -> list[tuple[int, int]]:
    """The exempt item's range, and the one page of the exempt paper of item 6 (its appendix A)."""
    members = texts(pack["members"])
    paper = next(index + 1 for index, text in enumerate(members) if "Canary two" in text)
    return [pack["built"].page_ranges[pack["items"]["exempt"].pk], (paper, paper)]


def _withheld_pages(pack) -> set[int]:
    return {page for first, last in _withheld_runs(pack) for page in range(first + 1, last + 1)}


def test_the_pdfs_say_their_title_language_and_tagging(pack):
    for reader in (pack["members"], pack["public"]):
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en-GB"
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert reader.metadata.title.startswith("Test Parenting Panel, 2 March 2021: agenda pack")
        # No conformance is claimed: the uploads' content is not tagged.
        assert b"pdfuaid" not in (root.get("/Metadata").get_object().get_data() if "/Metadata" in root else b"")


def test_one_bookmark_per_agenda_item_at_the_first_page_of_its_range(pack):
    for reader in (pack["members"], pack["public"]):
        outline = reader.outline
        assert [entry.title for entry in outline] == [f"{item.number}. {item.title}" for item in pack["items"].values()]
        pages = texts(reader)
        for entry, item in zip(outline, pack["items"].values()):
            if item.pk in pack["built"].page_ranges:
                first, _ = pack["built"].page_ranges[item.pk]
                assert footer(pages[reader.get_destination_page_number(entry)]) == first


def test_items_to_follow_and_withdrawn_items(pack):
    members = texts(pack["members"])
    first, last = pack["built"].page_ranges[pack["items"]["follow"].pk]
    assert first == last and "The papers for this item will follow." in members[first - 1]
    assert "Withdrawn paper text" not in " ".join(members)


def test_the_minutes_item_carries_the_previous_meetings_minutes(pack):
    first, _ = pack["built"].page_ranges[pack["items"]["minutes"].pk]
    page = normalised(texts(pack["members"])[first - 1])
    assert "77. URGENT BUSINESS" in page and "no urgent matters" in page


def test_the_html_fragment_has_contents_headings_and_links_to_uploads(pack):
    built, items = pack["built"], pack["items"]
    for html in (built.public_html, built.members_html):
        assert "<html" not in html and "<head" not in html
        assert 'aria-labelledby="pack-contents"' in html
        assert html.count('<h2 class="govuk-heading-m" id="item-') == len(items)
    document = items["uploaded"].documents.get()
    assert f"/committees/test-parenting-panel/2021-03-02/documents/{document.pk}/" in built.public_html
    assert exempt_notice([1, 2]) in built.public_html
    exempt_upload = items["exempt"].documents.get(order=2)
    assert f"/documents/{exempt_upload.pk}/" in built.members_html
    assert f"/documents/{exempt_upload.pk}/" not in built.public_html


def test_written_text_is_sanitised_raw_html_shown_as_typed(pack):
    for html in (pack["built"].public_html, pack["built"].members_html):
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_build_reports_its_progress(pack):
    messages = pack["messages"]
    assert "Rendering item 1 of 9" in messages and "Rendering item 9 of 9" in messages
    assert "Laying out the pages" in messages and "Numbering pages" in messages and "Merging uploaded PDFs" in messages


def test_a_supplementary_pack_holds_only_its_items_numbered_from_1(pack):
    supplement = pack["supplement"]
    reader = pack["supplement_public"]
    pages = texts(reader)
    assert "Supplementary agenda" in pages[0]
    assert set(supplement.page_ranges) == {pack["items"]["placements"].pk, pack["items"]["follow"].pk}
    members = texts(pack["supplement_members"])
    assert [footer(text) for text in members] == list(range(1, supplement.page_count + 1))
    everything = " ".join(pages)
    assert "Inspection page" not in everything and "Youth Offending Inspection" not in everything
    assert [entry.title for entry in reader.outline] == ["6. Unregulated Placements", "7. Sufficiency Strategy"]
    assert reader.metadata.title == "Test Parenting Panel, 2 March 2021: supplementary agenda pack"


def test_a_corrupt_upload_fails_the_build_naming_its_item_and_document():
    committee = Committee.objects.create(name="Broken Panel", slug="broken-panel")
    meeting = Meeting.objects.create(committee=committee, date=datetime.date(2021, 3, 2))
    item = AgendaItem.objects.create(meeting=meeting, number=4, order=1, title="Budget monitoring")
    upload(item, 1, "Budget appendix", b"%PDF-1.7\n this is not a PDF at all")
    with pytest.raises(PackBuildError) as failure:
        build_pack(meeting)
    message = str(failure.value)
    assert '"Budget appendix"' in message and "item 4 (Budget monitoring)" in message
    assert "upload it again" in message
    # Withdrawn, the item has no papers in the pack, and its file is not read.
    item.status = ItemStatus.WITHDRAWN
    item.save()
    assert build_pack(meeting).page_ranges == {}


def test_the_build_writes_nothing(pack):
    assert isinstance(pack["built"], BuiltPack)
    item = AgendaItem.objects.get(pk=pack["items"]["uploaded"].pk)
    assert item.page_from is None and item.page_to is None


def test_an_upload_keeps_its_page_size_and_turn_under_the_packs_number():
    """A Letter page stays Letter; a page with /Rotate 90 is numbered the way a reader shows it."""
    from pypdf import PdfWriter

    committee = Committee.objects.create(name="Sizes Panel", slug="sizes-panel")
    meeting = Meeting.objects.create(committee=committee, date=datetime.date(2021, 3, 2))
    item = AgendaItem.objects.create(meeting=meeting, number=1, order=1, title="Odd pages")
    letter = weasyprint.HTML(string="<p>Letter page</p>").write_pdf(
        stylesheets=[weasyprint.CSS(string="@page { size: 612pt 792pt }")])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_of(1, "Turned"))))
    writer.pages[0].rotate(90)
    turned = io.BytesIO()
    writer.write(turned)
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        upload(item, 1, "Letter paper", letter)
        upload(item, 2, "Turned paper", turned.getvalue())
        reader = PdfReader(io.BytesIO(build_pack(meeting).members_pdf))
    # Page 1 is the front sheet and agenda, page 2 the item's title sheet.
    letter_page, turned_page = reader.pages[2], reader.pages[3]
    assert (round(float(letter_page.mediabox.width)), round(float(letter_page.mediabox.height))) == (612, 792)
    assert "Letter page" in letter_page.extract_text() and "Page 3" in letter_page.extract_text()
    assert float(turned_page.mediabox.width) > float(turned_page.mediabox.height)
    assert "Turned page 1 of 1" in turned_page.extract_text() and "Page 4" in turned_page.extract_text()


def test_a_pack_without_paginated_items_is_its_front_sheet_alone(pack):
    built = build_pack(pack["meeting"], items=[pack["items"]["apologies"], pack["items"]["withdrawn"]])
    reader = PdfReader(io.BytesIO(built.members_pdf))
    assert built.page_ranges == {} and built.page_count == len(reader.pages) == 1
    assert [entry.title for entry in reader.outline] == ["1. Apologies for Absence", "8. Fostering Annual Report"]
