"""The committee record's rules: the municipal year, Schedule 12A, printed names (pure, in
meetings.vocabulary), and the models' constraints and clean() messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Person
from meetings.models import AgendaItem, Committee, Document, Meeting, Membership, Minute, Minutes
from meetings.storage import private_documents
from meetings.vocabulary import (
    MinutesState,
    exempt_notice,
    municipal_year,
    municipal_year_bounds,
    municipal_year_label,
    paragraphs_in,
    surname_key,
)


@pytest.mark.parametrize(("day", "year"), [
    (datetime.date(2021, 3, 2), 2020),
    (datetime.date(2021, 1, 5), 2020),
    (datetime.date(2024, 6, 18), 2024),
    (datetime.date(2024, 5, 1), 2024),
    (datetime.date(2024, 4, 30), 2023),
    (datetime.date(2016, 4, 6), 2015),
    (datetime.date(2016, 6, 29), 2016),
])
def test_the_municipal_year_runs_from_may_to_april(day, year):
    assert municipal_year(day) == year


def test_a_municipal_year_is_named_and_bounded():
    assert municipal_year_label(2020) == "2020/21"
    assert municipal_year_label(1999) == "1999/00"
    assert municipal_year_bounds(2020) == (datetime.date(2020, 5, 1), datetime.date(2021, 4, 30))


def test_the_schedule_12a_notice_and_the_paragraphs_printed():
    assert exempt_notice([2, 1]) == (
        "By virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A of the Local Government Act 1972.")
    assert paragraphs_in("By virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A of the Local Government Act 1972.") == [1, 2]
    assert paragraphs_in("as defined in Paragraph 3 of Part 1 of Schedule 12(A) of such Act") == [3]
    assert paragraphs_in("paragraphs 1 and 7") == [1, 7]
    assert paragraphs_in("no grounds given") == []


def test_names_alike():
    assert surname_key("Elliot") == surname_key("M. Elliott") == surname_key("M. S. Elliott") == "eliot"
    assert surname_key("Julie Turner") == "turner"
    assert surname_key("Jones") != surname_key("Jepson")


@pytest.fixture
def committee(db):
    return Committee.objects.create(name="Corporate Parenting Panel", slug="corporate-parenting-panel")


def meeting(committee, day) -> Meeting:
    return Meeting.objects.create(committee=committee, date=day)


def test_a_meeting_knows_its_year_and_is_one_a_day(committee):
    march = meeting(committee, datetime.date(2021, 3, 2))
    assert march.municipal_year == 2020 and march.year_label == "2020/21"
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting(committee, datetime.date(2021, 3, 2))


def test_a_minute_number_is_unique_per_committee_and_municipal_year(committee):
    january = meeting(committee, datetime.date(2021, 1, 5))
    march = meeting(committee, datetime.date(2021, 3, 2))
    june = meeting(committee, datetime.date(2021, 6, 15))
    Minute.objects.create(meeting=january, number=73, order=1, title="MINUTES")
    Minute.objects.create(meeting=march, number=79, order=1, title="MINUTES")  # runs on
    Minute.objects.create(meeting=june, number=73, order=1, title="MINUTES")  # another year
    other = Committee.objects.create(name="Improving Lives Select Commission", slug="ilsc")
    Minute.objects.create(meeting=meeting(other, datetime.date(2021, 2, 1)), number=73, order=1, title="MINUTES")
    again = Minute(meeting=march, number=73, order=2, title="DECLARATIONS")
    with pytest.raises(ValidationError) as refused:
        again.full_clean()
    assert refused.value.message_dict["number"] == [
        "Minute 73 of the 2020/21 municipal year is already minute 73 of 5 January 2021: numbers run on through the year."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_an_exempt_item_needs_its_paragraphs_one_to_seven(committee):
    march = meeting(committee, datetime.date(2021, 3, 2))
    item = AgendaItem(meeting=march, number=10, order=10, title="LAC Council Update", item_type="presentation", exempt=True)
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert refused.value.message_dict["exempt_paragraphs"] == [
        "An exempt item needs the Schedule 12A paragraphs (1 to 7) that make it exempt."]
    item.exempt_paragraphs = [1, 8]
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert refused.value.message_dict["exempt_paragraphs"] == ["Schedule 12A has paragraphs 1 to 7 in Part 1; not 8."]
    item.exempt_paragraphs = [1, 2]
    item.full_clean()


def test_pages_and_the_publication_link_are_checked(committee):
    march = meeting(committee, datetime.date(2021, 3, 2))
    item = AgendaItem(meeting=march, number=8, order=8, title="Report", item_type="report", page_from=44, page_to=24)
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert refused.value.message_dict["page_to"] == ["The last page (24) comes before the first (44)."]
    item.page_to = None
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert refused.value.message_dict["page_to"] == ["Give both the first and the last page, or neither."]


def test_approved_minutes_name_a_later_meeting_of_the_committee(committee):
    january = meeting(committee, datetime.date(2021, 1, 5))
    march = meeting(committee, datetime.date(2021, 3, 2))
    minutes = Minutes(meeting=march, state=MinutesState.APPROVED)
    with pytest.raises(ValidationError) as refused:
        minutes.full_clean()
    assert refused.value.message_dict["approved_at"] == ["Approved minutes record the meeting that approved them."]
    minutes.approved_at = january
    with pytest.raises(ValidationError) as refused:
        minutes.full_clean()
    assert refused.value.message_dict["approved_at"] == ["Minutes are approved at a later meeting of the same committee."]
    Minutes(meeting=january, state=MinutesState.APPROVED, approved_at=march).full_clean()
    published = Minutes(meeting=january, state=MinutesState.PUBLISHED, approved_at=march)
    with pytest.raises(ValidationError):
        published.full_clean()
    assert Minutes(meeting=january, state=MinutesState.PUBLISHED).is_public
    assert not Minutes(meeting=january).is_public  # a draft


def test_a_co_opted_member_represents_an_organisation(committee):
    person = Person.objects.create(name="A. Clough", title="Mrs.")
    membership = Membership(committee=committee, person=person, municipal_year=2020, role="co_opted")
    with pytest.raises(ValidationError) as refused:
        membership.full_clean()
    assert refused.value.message_dict["represents"] == ["A co-opted member represents an organisation: name it."]
    membership.represents = "ROPF"
    membership.full_clean()
    member = Membership(committee=committee, person=person, municipal_year=2021, scope="older people's issues")
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert refused.value.message_dict["scope"] == [
        "Only a co-opted member represents an organisation or attends for some items only."]


def test_one_chair_a_year(committee):
    Membership.objects.create(committee=committee, person=Person.objects.create(name="Watson"), municipal_year=2020,
                              role="chair")
    Membership.objects.create(committee=committee, person=Person.objects.create(name="Jarvis"), municipal_year=2021,
                              role="chair")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(committee=committee, person=Person.objects.create(name="Cusworth"),
                                  municipal_year=2020, role="chair")


def test_people_get_slugs_from_their_names(db):
    assert Person.objects.create(name="M. S. Elliott", title="Councillor").slug == "m-s-elliott"
    assert Person.objects.create(name="Jones", title="Councillor").slug == "jones"
    assert Person.objects.create(name="Jones", title="Ms.").slug == "ms-jones"
    assert Person.objects.create(name="Jones", title="Ms.").slug == "jones-2"


def test_documents_are_a_pdf_or_text_and_have_no_public_url(committee):
    item = AgendaItem.objects.create(meeting=meeting(committee, datetime.date(2021, 3, 2)), number=8, order=8,
                                     title="Report")
    document = Document(agenda_item=item, order=1, kind="cover_report", title="Cover", text="Written here")
    document.full_clean()
    document.file.name = "meetings/documents/cover.docx"
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict["text"] == ["A document is an uploaded PDF or text written here, not both."]
    storage = private_documents()
    assert str(storage.location).endswith("/private")
    with pytest.raises(ValueError, match="no public URL"):
        storage.url("meetings/documents/cover.pdf")
