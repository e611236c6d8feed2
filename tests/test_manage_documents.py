"""The advisor's document screens (issue 15, part 4; docs/documents-screens.md): adding a PDF or
written text to an agenda item, refusing an upload a pack could not merge (with the reason in
words, what was typed kept and nothing written, not even a file), replacing a paper after its
pack was published (the old file kept, in storage and in the history, downloadable), moving and
deleting papers, and the written text rendered safely on the public page."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader, PdfWriter

from accounts.models import Person
from accounts.roles import Role
from meetings.document_text import render_document_text
from meetings.models import AgendaItem, Committee, Document, Meeting, Membership, Pack
from meetings.pdf_uploads import size_problem, size_words
from meetings.vocabulary import DocumentKind, ItemType, PackState
from tests.conftest import make_user
from tests.test_meetings_visibility import pdf_with_text

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 2)
BASE = f"/manage/committees/doc-panel/{DAY}"
NEW = BASE + "/agenda/{item}/documents/new/"


def pdf(pages: int = 1, encrypted: bool = False) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if encrypted:
        writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media: Path) -> list[Path]:
    return sorted(path for path in media.rglob("*") if path.is_file())


@pytest.fixture
def world(db):
    committee = Committee.objects.create(name="Documents Panel", slug="doc-panel")
    meeting = Meeting.objects.create(committee=committee, date=DAY)
    item = AgendaItem.objects.create(meeting=meeting, number=8, order=1, title="Performance report",
                                     item_type=ItemType.REPORT)
    return {"committee": committee, "meeting": meeting, "item": item}


@pytest.fixture
def advisor_client(client, db):
    user = make_user("doc-advisor", Role.GOVERNANCE_ADVISOR)
    user.first_name, user.last_name = "Ada", "Advisor"
    user.save()
    client.force_login(user)
    return client


def add(client, item: AgendaItem, **fields):
    data = {"kind": DocumentKind.COVER_REPORT, "label": "", "title": "Cover report", "text": ""} | fields
    return client.post(NEW.format(item=item.pk), {k: v for k, v in data.items() if v is not None})


def page_url(document: Document) -> str:
    return f"{BASE}/documents/{document.pk}/"


# -- adding ------------------------------------------------------------------------------------


def test_an_uploaded_pdf_is_stored_under_a_name_of_its_own_with_its_pages(advisor_client, world, media):
    response = add(advisor_client, world["item"], title="Performance report", file=upload("../../Q3 report.pdf", pdf(3)))
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == page_url(document)
    assert (document.original_name, document.page_count, document.order, document.text) == ("Q3 report.pdf", 3, 1, "")
    # Nothing of the uploader's name reaches the file system: a random name under the month's folder.
    assert document.file.name.startswith("meetings/documents/") and "report" not in document.file.name
    assert stored_files(media) == [media / "private" / document.file.name]
    record = document.history.get()
    assert (record.history_user.username, record.history_change_reason) == (
        "doc-advisor", "Added with the PDF \u201cQ3 report.pdf\u201d (3 pages)")
    # The public page streams it inline under the uploader's name.
    public = advisor_client.get(f"/committees/doc-panel/{DAY}/documents/{document.pk}/")
    assert public["Content-Disposition"] == 'inline; filename="Q3 report.pdf"'


def test_a_written_document_is_rendered_sanitised_and_never_runs_a_script(advisor_client, client, world):
    text = "# Summary\n\nAdoptions **rose**.\n\n<script>alert('CANARY')</script>\n\n[bad](javascript:alert(1))"
    assert add(advisor_client, world["item"], title="Briefing", text=text).status_code == 302
    document = Document.objects.get()
    assert document.text == text and not document.file
    client.logout()
    html = client.get(f"/committees/doc-panel/{DAY}/documents/{document.pk}/").content.decode()
    assert "<h2>Summary</h2>" in html and "<strong>rose</strong>" in html
    assert "<script>alert" not in html and "&lt;script&gt;alert('CANARY')&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert render_document_text("<script>x</script>") == "<p>&lt;script&gt;x&lt;/script&gt;</p>"


def test_a_second_paper_is_offered_as_an_appendix_and_goes_last(advisor_client, world):
    add(advisor_client, world["item"], title="Cover", text="Cover text")
    page = advisor_client.get(NEW.format(item=world["item"].pk))
    assert page.context["form"]["kind"].value() == DocumentKind.APPENDIX
    add(advisor_client, world["item"], kind=DocumentKind.APPENDIX, label="A", title="Scorecard", file=upload("a.pdf", pdf()))
    assert list(Document.objects.order_by("order").values_list("title", "order", "label")) == [
        ("Cover", 1, ""), ("Scorecard", 2, "A")]


# -- refusals: the reason in words, what was typed kept, nothing written ----------------------

CORRUPT = b"%PDF-1.4\nrubbish"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"file": ("secret.pdf", pdf(encrypted=True))}, "file",
     '"secret.pdf" is encrypted: it has a password or restrictions, so it cannot be merged into the agenda pack. '
     "Save a copy without them and upload that"),
    ({"file": ("picture.pdf", PNG)}, "file",
     '"picture.pdf" is not a PDF: its content is a PNG image, whatever its name says. Save it as a PDF and upload that'),
    ({"file": ("notes.pdf", b"Minutes of the meeting, typed as text.")}, "file",
     '"notes.pdf" is not a PDF: its content is something else, whatever its name says. Save it as a PDF and upload that'),
    ({"file": ("broken.pdf", CORRUPT)}, "file", '"broken.pdf" could not be read as a PDF: Stream has ended unexpectedly'),
    ({"file": ("empty-tree.pdf", pdf(pages=0))}, "file",
     '"empty-tree.pdf" has no pages: it could not be merged into the agenda pack'),
    ({"file": ("report.pdf", pdf()), "text": "Typed text kept"}, "file", "Upload a PDF or write the text, not both"),
    ({}, "file", "Upload a PDF or write the document's text"),
    ({"text": "Typed text kept", "title": ""}, "title", "Enter the document's title"),
    ({"text": "Bad \x1b character"}, "text", "The text: expected text without control characters; found U+001B at character 5"),
    ({"text": "Typed text kept", "kind": "minutes"}, "kind", "Choose what the document is"),
], ids=["encrypted", "png-named-pdf", "text-named-pdf", "corrupt", "no-pages", "both", "neither", "no-title",
        "control-character", "unknown-kind"])
def test_a_bad_document_is_refused_with_its_reason_and_nothing_written(advisor_client, world, media, fields, field, message):
    data = {"title": "Typed title kept"} | fields
    if "file" in data:
        data["file"] = upload(*data["file"])
    response = add(advisor_client, world["item"], **data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert "There is a problem" in html and escape(message) in html and "<title>Error: " in html
    for kept in ("Typed title kept", "Typed text kept"):
        if kept in str(fields.values()) or kept == "Typed title kept" and "title" not in fields:
            assert kept in html, kept
    assert Document.objects.count() == 0 and Document.history.count() == 0
    assert stored_files(media) == []


def test_an_upload_past_the_limit_is_refused_by_its_size(advisor_client, world, media, settings):
    settings.MEETING_DOCUMENT_MAX_BYTES = 1024
    content = pdf(pages=8)
    response = add(advisor_client, world["item"], title="Too big", file=upload("big.pdf", content))
    assert response.context["form"].errors["file"] == [
        f'"big.pdf" is {size_words(len(content))}; the limit is 1 KB. Upload a smaller PDF']
    assert "At most 1 KB" in response.content.decode()
    assert Document.objects.count() == 0 and stored_files(media) == []
    assert size_problem("big.pdf", 26_528_154, 20 * 1024 * 1024) == (
        '"big.pdf" is 25.3 MB; the limit is 20 MB. Upload a smaller PDF')


def test_a_failed_write_leaves_no_file_behind(advisor_client, world, media, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Document, "save", fail)
    with pytest.raises(RuntimeError):
        add(advisor_client, world["item"], file=upload("report.pdf", pdf()))
    assert stored_files(media) == []


# -- changing and replacing -------------------------------------------------------------------


def edit(client, document: Document, **fields):
    page = client.get(page_url(document))
    form = page.context["form"]
    data = {name: form[name].value() for name in ("kind", "label", "title", "text", "version")}
    data |= {"exempt": "on"} if form["exempt"].value() else {}
    data = data | {"action": "save", "reason": ""} | fields
    return client.post(page_url(document), {k: v for k, v in data.items() if v is not None})


def publish_pack(meeting: Meeting) -> Pack:
    return Pack.objects.create(meeting=meeting, state=PackState.PUBLISHED, version=1,
                               published_at=timezone.now() + datetime.timedelta(seconds=1))


def test_replacing_a_published_paper_needs_a_reason_and_keeps_the_old_file(advisor_client, world, media):
    add(advisor_client, world["item"], title="Report", file=upload("first.pdf", pdf_with_text("FIRST-VERSION")))
    document = Document.objects.get()
    first = document.file.name
    publish_pack(world["meeting"])

    refused = edit(advisor_client, document, file=upload("second.pdf", pdf(2)))
    assert refused.context["form"].errors["reason"] == [
        "Give a reason for replacing it: the meeting's agenda pack is published, and the history keeps the paper it printed"]
    assert Document.objects.get().file.name == first and len(stored_files(media)) == 1

    response = edit(advisor_client, document, file=upload("second.pdf", pdf(2)), reason="Figures corrected")
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.original_name, document.page_count) == ("second.pdf", 2) and document.file.name != first
    # The old file stays in storage, the history names it, and the advisor can open it from there.
    assert len(stored_files(media)) == 2 and (media / "private" / first).exists()
    latest = document.history.order_by("-history_id").first()
    assert latest.history_change_reason == (
        "Replaced \u201cfirst.pdf\u201d (1 page) with the PDF \u201csecond.pdf\u201d (2 pages). Reason: Figures corrected")
    screen = advisor_client.get(page_url(document))
    history = screen.context["history"]
    assert [(v.what, v.file_name, v.downloadable, v.who) for v in history] == [
        ("Changed", "second.pdf", False, "Ada Advisor"), ("Added", "first.pdf", True, "Ada Advisor")]
    html = screen.content.decode()
    assert "Figures corrected" in html and f'href="?version={history[1].history_id}"' in html
    old = advisor_client.get(page_url(document) + f"?version={history[1].history_id}")
    assert old["Content-Disposition"] == 'inline; filename="first.pdf"'
    text = PdfReader(io.BytesIO(b"".join(old.streaming_content))).pages[0].extract_text()
    assert "FIRST-VERSION" in text
    assert advisor_client.get(page_url(document) + "?version=999999").status_code == 404
    # The delete is refused: the pack printed it.
    refused = advisor_client.post(page_url(document), {"action": "delete", "confirm": "on"})
    assert refused.status_code == 200 and "it cannot be deleted, only replaced" in refused.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_title_change_needs_no_reason_and_text_replaces_text(advisor_client, world):
    add(advisor_client, world["item"], title="Briefing", text="Old words")
    document = Document.objects.get()
    publish_pack(world["meeting"])
    assert edit(advisor_client, document, title="Briefing note", exempt="on").status_code == 302
    document.refresh_from_db()
    assert (document.title, document.exempt, document.text) == ("Briefing note", True, "Old words")
    assert document.history.order_by("-history_id").first().history_change_reason == (
        "Title: \u201cBriefing\u201d to \u201cBriefing note\u201d; Marked exempt")
    # Emptying the text of a written paper, with nothing uploaded, leaves it with nothing.
    emptied = edit(advisor_client, document, text="", reason="x")
    assert emptied.context["form"].errors["file"] == ["Upload a PDF or write the document's text"]
    assert edit(advisor_client, document, text="New words", reason="Typo").status_code == 302
    document.refresh_from_db()
    assert document.text == "New words"


def test_a_change_saved_meanwhile_by_someone_else_is_refused(advisor_client, world):
    add(advisor_client, world["item"], title="Briefing", text="Words")
    document = Document.objects.get()
    version = advisor_client.get(page_url(document)).context["form"]["version"].value()
    document.title = "Changed elsewhere"
    document.save()
    response = edit(advisor_client, document, title="Mine", version=version)
    assert response.status_code == 200 and "since you opened the page" in response.content.decode()
    assert Document.objects.get().title == "Changed elsewhere"


def test_moving_and_deleting_papers(advisor_client, world, media):
    for title in ("One", "Two", "Three"):
        add(advisor_client, world["item"], title=title, text=f"{title} text")
    one, two, three = Document.objects.order_by("order")
    assert advisor_client.post(page_url(three), {"action": "up"}).status_code == 302
    assert list(Document.objects.order_by("order").values_list("title", flat=True)) == ["One", "Three", "Two"]
    assert three.history.order_by("-history_id").first().history_change_reason == "Moved up"
    advisor_client.post(page_url(one), {"action": "up"})  # already first: nothing moves
    assert list(Document.objects.order_by("order").values_list("title", flat=True)) == ["One", "Three", "Two"]
    unconfirmed = advisor_client.post(page_url(two), {"action": "delete"})
    assert unconfirmed.context["delete"].errors["confirm"] == [
        "Tick the box to confirm that you want to delete this document"]
    assert advisor_client.post(page_url(two), {"action": "delete", "confirm": "on"}).status_code == 302
    assert list(Document.objects.order_by("order").values_list("title", flat=True)) == ["One", "Three"]
    assert two.history.order_by("-history_id").first().history_type == "-"
    # After the gap a move renumbers the papers first.
    advisor_client.post(page_url(one), {"action": "down"})
    assert list(Document.objects.order_by("order").values_list("title", "order")) == [("Three", 1), ("One", 2)]


def test_the_screen_reads_its_history_in_a_fixed_number_of_queries(advisor_client, world):
    add(advisor_client, world["item"], title="Briefing", text="Words")
    document = Document.objects.get()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert advisor_client.get(page_url(document)).status_code == 200
        return len(captured)

    queries()  # the message of the add is shown, and gone, once
    before = queries()
    for number in range(5):
        edit(advisor_client, document, title=f"Briefing {number}")
    assert len(advisor_client.get(page_url(document)).context["history"]) == 6
    assert queries() == before


# -- who may read it -------------------------------------------------------------------------


def test_an_exempt_paper_is_not_for_the_public_nor_a_councillor_off_the_committee(advisor_client, client, world):
    add(advisor_client, world["item"], title="Case detail", text="CANARY-EXEMPT-DOCUMENT", exempt="on")
    document = Document.objects.get()
    url = f"/committees/doc-panel/{DAY}/documents/{document.pk}/"
    assert advisor_client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 404
    meeting_page = client.get(f"/committees/doc-panel/{DAY}/").content.decode()
    assert "Case detail" not in meeting_page and "CANARY-EXEMPT-DOCUMENT" not in meeting_page
    outsider = make_user("doc-outsider", Role.COUNCILLOR)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    member = Person.objects.create(name="Doc Member", title="Councillor", user=outsider)
    Membership.objects.create(committee=world["committee"], person=member, municipal_year=world["meeting"].municipal_year)
    assert "CANARY-EXEMPT-DOCUMENT" in client.get(url).content.decode()
    # The advisor's screens stay the advisor's.
    assert client.get(page_url(document)).status_code == 403
    assert client.get(NEW.format(item=world["item"].pk)).status_code == 403


def test_the_meeting_screen_lists_each_item_s_papers(advisor_client, world):
    add(advisor_client, world["item"], title="Quarter 3", file=upload("c.pdf", pdf(4)))
    add(advisor_client, world["item"], kind=DocumentKind.APPENDIX, label="A", title="Case detail", text="x", exempt="on")
    html = render_to_string("meetings/manage/includes/item_documents.html",
                            {"item": world["item"], "meeting": world["meeting"]})
    cover, appendix = Document.objects.order_by("order")
    assert f'href="{page_url(cover)}"' in html and "Cover report: Quarter 3" in html and "PDF, 4 pages" in html
    assert "Appendix A: Case detail" in html and html.count("Exempt") == 1
    assert f'href="{NEW.format(item=world["item"].pk)}"' in html and "Add a document" in html
