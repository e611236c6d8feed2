"""Uploading a PDF to an agenda item in a real browser, by keyboard, at a desktop and a phone
width: an encrypted PDF is refused with its reason (the title kept), a readable one is added,
then replaced with a reason once the meeting's pack is published; axe-core clean at each step."""

import datetime

import pytest
from playwright.sync_api import expect
from django.utils import timezone
from pypdf import PdfWriter

from accounts.roles import Role
from meetings.models import AgendaItem, Committee, Document, Meeting, Pack
from meetings.vocabulary import ItemType, PackState
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def write_pdf(path, pages: int, encrypted: bool = False) -> str:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if encrypted:
        writer.encrypt("secret")
    writer.write(str(path))
    return str(path)


def choose_file_by_keyboard(page, path: str) -> None:
    """The file input has focus: Space opens the chooser, as it would for a keyboard user."""
    # Wait for the focus to arrive (a loaded machine lags behind the keys) before pressing Space.
    expect(page.locator("input[type=file]:focus")).to_have_count(1)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(path)


@pytest.mark.parametrize("width", [1366, 320])
def test_uploading_a_pdf_to_an_item_by_keyboard(live_server, browser, width, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_user("clerk", Role.GOVERNANCE_ADVISOR)
    meeting = Meeting.objects.create(committee=Committee.objects.create(name="Browser Panel", slug="browser-panel"),
                                     date=datetime.date(2026, 7, 7))
    item = AgendaItem.objects.create(meeting=meeting, number=5, order=1, title="Ofsted visit", item_type=ItemType.REPORT)
    locked, report, corrected = (write_pdf(tmp_path / "locked.pdf", 1, encrypted=True),
                                 write_pdf(tmp_path / "report.pdf", 3), write_pdf(tmp_path / "corrected.pdf", 4))
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, "clerk", PASSWORD)

    page.goto(f"{live_server.url}/manage/committees/browser-panel/2026-07-07/agenda/{item.pk}/documents/new/")
    page.get_by_label("Title").focus()
    page.keyboard.type("Ofsted focused visit findings")
    page.keyboard.press("Tab")  # the exempt box, left unticked
    page.keyboard.press("Tab")  # the file input
    choose_file_by_keyboard(page, locked)
    with page.expect_navigation():
        page.get_by_role("button", name="Add the document").press("Enter")
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_label("Title").input_value() == "Ofsted focused visit findings"  # kept
    assert Document.objects.count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"documents-add-error-{width}")

    # The summary's link takes focus to the file input.
    page.get_by_role("link", name='"locked.pdf" is encrypted').click()
    assert page.evaluate("document.activeElement.id") == "id_file"
    choose_file_by_keyboard(page, report)
    with page.expect_navigation():
        page.get_by_role("button", name="Add the document").press("Enter")
    assert page.get_by_text("Added \u201cOfsted focused visit findings\u201d to item 5. Ofsted visit.").is_visible()
    document = Document.objects.get()
    assert (document.original_name, document.page_count) == ("report.pdf", 3)

    # The pack is published: replacing the PDF needs a reason, and the history keeps the first.
    Pack.objects.create(meeting=meeting, state=PackState.PUBLISHED, version=1, published_at=timezone.now())
    page.reload()
    page.get_by_label("Replace the PDF (optional)").focus()
    choose_file_by_keyboard(page, corrected)
    page.get_by_label("Reason for the change").focus()
    page.keyboard.type("The inspectors corrected page 3.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the document").press("Enter")
    assert page.get_by_role("link", name="Open report.pdf").is_visible()
    assert page.get_by_text("Reason: The inspectors corrected page 3.").first.is_visible()
    document.refresh_from_db()
    assert (document.original_name, document.page_count) == ("corrected.pdf", 4)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"documents-history-{width}")
    context.close()
