"""A small committee record to publish packs of, built by the real builder (meetings.pack_build).
Used by tests/test_pack_*.py and the browser test."""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from pypdf import PdfReader

from accounts.models import Person
from meetings.models import AgendaItem, Committee, Document, Meeting, Membership, Minute, Minutes
from meetings.vocabulary import DocumentKind, ItemType, MembershipRole

EXEMPT_CANARY = "MEMBERS-ONLY-CANARY exempt paper text"
DAY = datetime.date(2031, 3, 4)  # a Tuesday, with meetings before and after it
PREVIOUS = datetime.date(2031, 1, 7)
NEXT = datetime.date(2031, 5, 6)
EARLY = datetime.date(2031, 2, 3)  # a month before the meeting: no notice warning


def pdf_text(data: bytes) -> str:
    """What a reader finds in a pack's PDF: its text through pypdf."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def served_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return pdf_text(body) if response["Content-Type"] == "application/pdf" else body.decode()


def build_world(*, chair: bool = True) -> dict:
    """A panel with a chair, last meeting's draft minutes, this meeting's agenda (minutes, two
    reports, an exempt item, next meeting) and the next meeting scheduled."""
    committee = Committee.objects.create(name="Pack Panel", slug="pack-panel")
    previous = Meeting.objects.create(committee=committee, date=PREVIOUS)
    meeting = Meeting.objects.create(committee=committee, date=DAY, start_time=datetime.time(10),
                                     venue="Town Hall", signed_by="Chief Executive")
    Meeting.objects.create(committee=committee, date=NEXT)
    Minutes.objects.create(meeting=previous)
    Minute.objects.create(meeting=previous, number=1, order=1, title="Apologies", outcome="None.")
    person = Person.objects.create(name="Chair Person", title="Councillor", slug="chair-person")
    if chair:
        Membership.objects.create(committee=committee, person=person, municipal_year=meeting.municipal_year,
                                  role=MembershipRole.CHAIR)
    items = {}

    def item(number: int, title: str, item_type: str, **values) -> AgendaItem:
        items[number] = AgendaItem.objects.create(meeting=meeting, number=number, order=number, title=title,
                                                  item_type=item_type, **values)
        return items[number]

    item(1, "Apologies for Absence", ItemType.APOLOGIES)
    item(2, "Minutes of the previous meeting", ItemType.MINUTES, previous_meeting_date=PREVIOUS)
    for number, title in ((3, "Placements Report"), (4, "Resettlement Update")):
        Document.objects.create(agenda_item=item(number, title, ItemType.REPORT), order=1,
                                kind=DocumentKind.COVER_REPORT, title=f"{title} cover", text=f"Demo text of {title}.")
    exempt = item(5, "Council Update", ItemType.PRESENTATION, exempt=True, exempt_paragraphs=[1, 2])
    Document.objects.create(agenda_item=exempt, order=1, kind=DocumentKind.PRESENTATION, title="Update",
                            text=EXEMPT_CANARY)
    item(6, "Date and time of next meeting", ItemType.NEXT_MEETING,
         description="The next meeting will be held on Tuesday, 6 May 2031 at 10.00 a.m.")
    return {"committee": committee, "meeting": meeting, "previous": previous, "items": items, "person": person}


def corrupt_upload(item: AgendaItem) -> Document:
    """An uploaded 'PDF' that is not one: the build must fail on it."""
    document = Document(agenda_item=item, order=9, kind=DocumentKind.APPENDIX, title="Broken appendix",
                        original_name="broken.pdf")
    document.file.save("broken.pdf", ContentFile(b"this is not a PDF at all"), save=False)
    document.save()
    return document
