"""Who sees what of the committee record (DESIGN 7; issue 14, item 4).

Canary strings are planted in an exempt item (its description, a written paper and an uploaded
PDF), in an exempt paper of a public item, and in draft minutes (a minute, attendance and a
declaration). Every committee URL is walked by every role: the public, a councillor who sits on
the panel in the meeting's year, a councillor who does not, a performance officer, a governance
advisor and an admin. Exempt canaries reach only the member, the advisor and the admin; draft
ones only the officer, the advisor and the admin; and any response holding one is private."""

import datetime

import pytest
from django.core.files.base import ContentFile

from accounts.models import Person
from accounts.roles import Role
from meetings.models import AgendaItem, Attendance, Committee, Declaration, Document, Meeting, Membership, Minute, Minutes
from meetings.visibility import PUBLIC, Viewer, is_private, sees_document, sees_exempt, sees_item_in_full, sees_minutes
from meetings.vocabulary import AttendanceKind, DocumentKind, InterestType, MembershipRole, MinutesState
from tests.conftest import make_user
from tests.test_access_matrix import SAMPLES, readable_text

pytestmark = pytest.mark.django_db

CPP = "/committees/corporate-parenting-panel"
DAY = datetime.date(2021, 3, 2)
EXEMPT_CANARIES = ["CANARY-EXEMPT-DESCRIPTION", "CANARY-EXEMPT-TEXT", "CANARY-EXEMPT-PDF", "CANARY-EXEMPT-PAPER"]
DRAFT_CANARIES = ["CANARY-DRAFT-MINUTE", "CANARY-DRAFT-ATTENDANCE", "CANARY-DRAFT-DECLARATION"]
ROLES = ["anonymous", "member", "non-member", "officer", "advisor", "admin"]
SEES_EXEMPT = {"member", "advisor", "admin"}
SEES_DRAFTS = {"officer", "advisor", "admin"}


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose text is ``text`` (pypdf reads it back), built by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def planted(published_demo, db) -> dict[str, str]:
    """The canaries, and the URLs of the papers planted; rolled back after each test."""
    meeting = Meeting.objects.get(committee__slug="corporate-parenting-panel", date=DAY)
    exempt_item = AgendaItem.objects.get(meeting=meeting, number=10)
    assert exempt_item.exempt
    exempt_item.description = "CANARY-EXEMPT-DESCRIPTION about a child in care"
    exempt_item.save()
    written = Document.objects.create(agenda_item=exempt_item, order=1, kind=DocumentKind.COVER_REPORT,
                                      title="Council update", text="The update: CANARY-EXEMPT-TEXT.")
    uploaded = Document(agenda_item=exempt_item, order=2, kind=DocumentKind.PRESENTATION, title="Slides")
    uploaded.file.save("slides.pdf", ContentFile(pdf_with_text("CANARY-EXEMPT-PDF")), save=True)
    public_item = AgendaItem.objects.get(meeting=meeting, number=8)
    public_paper = Document.objects.create(agenda_item=public_item, order=1, kind=DocumentKind.COVER_REPORT,
                                           title="Performance report", text="The report, for everyone.")
    exempt_paper = Document.objects.create(agenda_item=public_item, order=2, kind=DocumentKind.APPENDIX, label="B",
                                           title="Case detail", text="CANARY-EXEMPT-PAPER", exempt=True)
    Minutes.objects.create(meeting=meeting, state=MinutesState.DRAFT)
    minute = Minute.objects.create(meeting=meeting, number=90, order=1, title="Ofsted presentation",
                                   body="Discussed: CANARY-DRAFT-MINUTE.")
    watson = Person.objects.get(name="Watson")
    Attendance.objects.create(meeting=meeting, person=watson, kind=AttendanceKind.PRESENT,
                              note="in the Chair CANARY-DRAFT-ATTENDANCE", left_at=minute)
    Declaration.objects.create(meeting=meeting, person=watson, agenda_item_number=5, minute=minute,
                               interest_type=InterestType.OTHER, reason="CANARY-DRAFT-DECLARATION")
    base = f"{CPP}/{DAY}/documents"
    return {"written": f"{base}/{written.pk}/", "uploaded": f"{base}/{uploaded.pk}/",
            "public": f"{base}/{public_paper.pk}/", "exempt_paper": f"{base}/{exempt_paper.pk}/"}


def sign_in(client, role: str) -> None:
    if role == "anonymous":
        return
    if role == "member":
        # The demo councillor: a member of the panel in 2020/21.
        client.force_login(Person.objects.get(user__username="councillor").user)
        return
    roles = {"non-member": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
             "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}
    user = make_user(f"seen-{role}", roles[role])
    if role == "non-member":
        # A councillor who sat on the panel, but in another municipal year.
        person = Person.objects.create(name="Other Councillor", title="Councillor", user=user)
        Membership.objects.create(committee=Committee.objects.get(slug="corporate-parenting-panel"), person=person,
                                  municipal_year=2019, role=MembershipRole.MEMBER)
    client.force_login(user)


PACK_NAMES = {f"meetings:{name}" for name in (
    "pack", "pack_pdf", "pack_version_pdf", "supplement_pdf",
    "members_pack", "members_pack_pdf", "members_pack_version_pdf", "members_supplement_pdf",
)}


def every_url(papers: dict[str, str]) -> list[str]:
    # The agenda packs' addresses answer 404 until a pack is published, and the advisor's screens
    # are walked by tests/test_manage_matrix.py: tests/test_pack_publishing.py walks the packs.
    urls = [url for name, samples in SAMPLES.items() if name.startswith("meetings:") and name not in PACK_NAMES
            and not name.startswith("meetings:manage_") for url in samples]
    people = [f"/people/{slug}/" for slug in Person.objects.values_list("slug", flat=True)]
    return urls + list(papers.values()) + people + [f"{CPP}/{DAY}/?live=1", f"{CPP}/meetings.ics"]


# Who gets what at each paper: 200, or the refusal (404 for the public, 403 for others signed in).
PAPER_STATUS = {
    "public": dict.fromkeys(ROLES, 200),
    "written": {"anonymous": 404, "member": 200, "non-member": 403, "officer": 403, "advisor": 200, "admin": 200},
    "uploaded": {"anonymous": 404, "member": 200, "non-member": 403, "officer": 403, "advisor": 200, "admin": 200},
    "exempt_paper": {"anonymous": 404, "member": 200, "non-member": 403, "officer": 403, "advisor": 200, "admin": 200},
}


@pytest.mark.parametrize("role", ROLES)
def test_canaries_reach_only_those_allowed(client, planted, role):
    sign_in(client, role)
    seen = []
    for url in every_url(planted):
        response = client.get(url)
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        text = readable_text(response) if response.status_code == 200 else response.content.decode()
        held = [canary for canary in EXEMPT_CANARIES + DRAFT_CANARIES if canary in text]
        # Error pages hold nothing of the record; every page holding a canary or shown to
        # someone signed in is kept out of shared caches.
        if held or (role != "anonymous" and response.status_code == 200):
            cache = response.get("Cache-Control", "")
            assert "private" in cache and "no-store" in cache, (url, role, cache)
        seen += held
    for canary in EXEMPT_CANARIES:
        assert (canary in seen) == (role in SEES_EXEMPT), f"{canary} for {role}"
    for canary in DRAFT_CANARIES:
        assert (canary in seen) == (role in SEES_DRAFTS), f"{canary} for {role}"


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_over_every_committee_url(client, planted, role):
    sign_in(client, role)
    for url in every_url({}):
        if "/documents/" in url:
            continue  # the demo's papers are named, not held: 404 (the planted ones are below)
        assert client.get(url).status_code == 200, (url, role)
        assert client.post(url).status_code == 405, (url, role)
    for paper, url in planted.items():
        assert client.get(url).status_code == PAPER_STATUS[paper][role], (paper, role)
        assert client.post(url).status_code == 405


def test_the_uploaded_pdf_is_streamed_inline_and_never_cached(client, planted):
    sign_in(client, "advisor")
    response = client.get(planted["uploaded"])
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="slides.pdf"'
    assert "CANARY-EXEMPT-PDF" in readable_text(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_public_paper_to_the_public_may_be_cached(client, planted):
    response = client.get(planted["public"])
    assert "The report, for everyone." in response.content.decode()
    assert "private" not in response.get("Cache-Control", "")


def test_the_public_sees_an_exempt_item_as_number_title_and_notice(client, planted):
    text = client.get(f"{CPP}/{DAY}/").content.decode()
    assert "LAC Council Update" in text
    assert "By virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A of the Local Government Act 1972." in text
    assert "Council update" not in text and "Slides" not in text  # the exempt item's papers, by title
    assert "Case detail" not in text  # an exempt paper of a public item
    # Item 10: the two planted papers and the demo's own (portal/demo_packs.py).
    assert "3 papers not for publication." in text and "1 paper not for publication." in text
    assert "The minutes of this meeting have not been published yet." in text


def test_a_member_sees_the_exempt_papers_by_title_and_is_warned(client, planted):
    sign_in(client, "member")
    text = client.get(f"{CPP}/{DAY}/").content.decode()
    assert "Council update" in text and "Slides (PDF)" in text and "Appendix B: Case detail" in text
    assert "they are not for publication" in text
    assert "CANARY-DRAFT-MINUTE" not in text


def test_an_officer_sees_draft_minutes_labelled_but_not_exempt_items(client, planted):
    sign_in(client, "officer")
    text = client.get(f"{CPP}/{DAY}/").content.decode()
    assert "Draft: not published" in text and "CANARY-DRAFT-MINUTE" in text
    assert "left before minute 90" in text
    assert "CANARY-EXEMPT-DESCRIPTION" not in text and "Council update" not in text


# -- the rules themselves ----------------------------------------------------------------------


def test_the_rules():
    member = Viewer(signed_in=True, seats=frozenset({(1, 2020)}))
    officer = Viewer(signed_in=True, sees_drafts=True)
    advisor = Viewer(signed_in=True, sees_drafts=True, sees_all_exempt=True)
    assert sees_exempt(member, 1, 2020) and not sees_exempt(member, 1, 2021) and not sees_exempt(member, 2, 2020)
    assert not sees_exempt(officer, 1, 2020) and sees_exempt(advisor, 7, 1999) and not sees_exempt(PUBLIC, 1, 2020)
    assert sees_minutes(PUBLIC, MinutesState.PUBLISHED) and sees_minutes(PUBLIC, MinutesState.APPROVED)
    assert not sees_minutes(PUBLIC, MinutesState.DRAFT) and not sees_minutes(member, MinutesState.DRAFT)
    assert not sees_minutes(PUBLIC, None) and sees_minutes(officer, MinutesState.DRAFT)
    assert sees_item_in_full(False, False) and not sees_item_in_full(True, False) and sees_item_in_full(True, True)
    assert sees_document(False, False, False) and not sees_document(False, True, False)
    assert not sees_document(True, False, False) and sees_document(True, True, True)
    assert not is_private(PUBLIC) and is_private(member)
