"""What the by-hand walkthrough of issue 15 found wrong when the advisor's screens, merged from
several branches, were used together (docs/walkthrough-issue-15.md), each held by a test:

- breadcrumbs of the documents, minutes, attendance, pack and actions screens led to /manage/,
  a page advisors may not see, and named the meeting unlike the meeting screens;
- the attendance sheet of a year without members said "add them on the committee's screen"
  without a link;
- an action's due date refused "2 March 2027", which the meeting screens take;
- saving an item said "Changed the item's exempt, Schedule 12A paragraphs";
- a councillor's home page said a scorecard was "presented" at a meeting still ahead;
- the advisor's home page named what is missing without a way to where it is fixed;
- the actions list had no way in but a minute's page."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import Person
from accounts.roles import Role
from meetings.advisor_selectors import advisor_home
from meetings.manage_minutes_forms import ActionForm, read_day
from meetings.member_selectors import my_committees
from meetings.models import Action, AgendaItem, Committee, Document, Meeting, Membership, Minute, Minutes
from meetings.vocabulary import DocumentKind, ItemType, MembershipRole, MinutesState, municipal_year
from scorecards.models import Publication, Scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

CRUMBS = re.compile(r'<nav class="govuk-breadcrumbs"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'href="([^"]+)"')


@pytest.fixture
def world(db):
    """A panel with a meeting ahead: a report item with a written paper, a minute with an action."""
    panel = Committee.objects.create(name="Test Panel", slug="test-panel")
    day = timezone.localdate() + datetime.timedelta(days=20)
    meeting = Meeting.objects.create(committee=panel, date=day)
    item = AgendaItem.objects.create(meeting=meeting, number=1, order=1, title="Fostering", item_type=ItemType.REPORT)
    document = Document.objects.create(agenda_item=item, order=1, kind=DocumentKind.COVER_REPORT, title="Fostering",
                                       text="The report.")
    minute = Minute.objects.create(meeting=meeting, number=1, order=1, title="FOSTERING")
    Minutes.objects.create(meeting=meeting)
    action = Action.objects.create(minute=minute, description="Report back.")
    return {"panel": panel, "meeting": meeting, "item": item, "document": document, "minute": minute,
            "action": action}


@pytest.fixture
def advisor_client(client, advisor):
    client.force_login(advisor)
    return client


def crumbs_of(html: str) -> list[str]:
    found = CRUMBS.search(html)
    assert found, "no breadcrumbs"
    return LINK.findall(found.group(1))


def test_every_breadcrumb_of_the_meeting_screens_leads_where_an_advisor_may_go(advisor_client, world):
    meeting, base = world["meeting"], f"/manage/committees/test-panel/{world['meeting'].date}/"
    screens = [
        f"{base}agenda/{world['item'].pk}/", f"{base}agenda/{world['item'].pk}/documents/new/",
        f"{base}documents/{world['document'].pk}/", f"{base}attendance/", f"{base}declarations/",
        f"{base}minutes/", f"{base}minutes/new/", f"{base}minutes/{world['minute'].pk}/", f"{base}minutes/approve/",
        f"{base}pack/", "/manage/actions/", f"/manage/actions/{world['action'].pk}/",
    ]
    for screen in screens:
        response = advisor_client.get(screen)
        assert response.status_code == 200, screen
        links = crumbs_of(response.content.decode())
        assert links[0] == "/manage/committees/", (screen, links)
        assert "/manage/" not in links, screen
        if not screen.startswith("/manage/actions/"):
            # Committees, the committee, the meeting: the same trail as the meeting screens.
            assert links[1:3] == ["/manage/committees/test-panel/", base], (screen, links)
        for link in links:
            assert advisor_client.get(link).status_code == 200, (screen, link)
    assert meeting.date.strftime("%-d %B %Y") in advisor_client.get(f"{base}minutes/").content.decode()


def test_the_attendance_sheet_of_a_year_without_members_links_that_years_seats(advisor_client, world):
    meeting = world["meeting"]
    html = advisor_client.get(f"/manage/committees/test-panel/{meeting.date}/attendance/").content.decode()
    seats = f"/manage/committees/test-panel/members/{meeting.municipal_year}/"
    assert f'href="{seats}">add them on the committee\'s seats in {meeting.year_label}</a>' in html
    assert advisor_client.get(seats).status_code == 200


@pytest.mark.parametrize(("typed", "day"), [
    ("2 March 2027", datetime.date(2027, 3, 2)),
    ("2 Mar 2027", datetime.date(2027, 3, 2)),
    ("02/03/2027", datetime.date(2027, 3, 2)),
    ("2027-03-02", datetime.date(2027, 3, 2)),
    ("31 February 2027", None),
    ("next week", None),
])
def test_an_actions_due_date_is_read_as_the_meeting_screens_read_dates(typed, day):
    assert read_day(typed) == day


def test_an_action_due_in_words_is_saved(advisor_client, world):
    minute = world["minute"]
    address = f"/manage/committees/test-panel/{world['meeting'].date}/minutes/{minute.pk}/"
    response = advisor_client.post(address, {"part": "new-action", "new-action-description": "Circulate the strategy.",
                                             "new-action-due": "2 March 2027"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert minute.actions.get(description="Circulate the strategy.").due == datetime.date(2027, 3, 2)
    form = ActionForm({"description": "x", "due": "2 March 2027"})
    assert form.is_valid() and form.cleaned_data["due"] == datetime.date(2027, 3, 2)


def test_saving_an_item_names_it_and_what_changed(advisor_client, world):
    meeting, item = world["meeting"], world["item"]
    address = f"/manage/committees/test-panel/{meeting.date}/agenda/{item.pk}/"
    form = advisor_client.get(address).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update({"number": "1", "title": "Fostering", "item_type": ItemType.REPORT, "status": "listed",
                 "exempt": "on", "exempt_paragraphs": ["3"]})
    data = {key: value for key, value in data.items() if not isinstance(value, (list, tuple)) or key == "exempt_paragraphs"}
    response = advisor_client.post(address, data, follow=True)
    html = response.content.decode()
    assert "Changed \u201c1. Fostering\u201d: exempt, Schedule 12A paragraphs." in html, html[:3000]
    assert "Changed the item\u2019s" not in html


def test_a_councillors_home_says_a_scorecard_is_to_be_presented_at_a_meeting_ahead(client, councillor):
    today = timezone.localdate()
    panel = Committee.objects.create(name="Test Panel", slug="test-panel")
    person = Person.objects.create(name="Demo", title="Councillor", user=councillor)
    Membership.objects.create(committee=panel, person=person, municipal_year=municipal_year(today),
                              role=MembershipRole.MEMBER)
    card = Scorecard.objects.create(slug="card", title="Card")
    publication = Publication.objects.create(scorecard=card, as_at=datetime.date(2020, 12, 1), issue=1,
                                             published_at=timezone.now(), snapshot={})
    ahead = Meeting.objects.create(committee=panel, date=today + datetime.timedelta(days=20))
    AgendaItem.objects.create(meeting=ahead, number=1, order=1, title="Performance", publication=publication,
                              item_type=ItemType.PERFORMANCE_REPORT)
    mine = my_committees(councillor, today)
    assert mine.committees[0].latest_scorecard.upcoming is True
    client.force_login(councillor)
    html = client.get("/").content.decode()
    assert f'>to be presented {ahead.date.day} {ahead.date:%B %Y}</a>' in html
    assert ">presented " not in html
    # Once the meeting is past, it was presented.
    assert my_committees(councillor, ahead.date + datetime.timedelta(days=1)).committees[0].latest_scorecard.upcoming is False


def test_the_advisors_home_links_each_thing_missing_to_where_it_is_fixed(advisor_client, world):
    meeting = world["meeting"]
    earlier = Meeting.objects.create(committee=world["panel"], date=meeting.date - datetime.timedelta(days=60))
    Minutes.objects.create(meeting=earlier, state=MinutesState.DRAFT)
    AgendaItem.objects.create(meeting=meeting, number=2, order=2, title="Placements", item_type=ItemType.REPORT)
    entry = next(entry for entry in advisor_home(timezone.localdate()).meetings if entry.meeting == meeting)
    linked = {gap.text: url for gap, url in entry.linked_gaps}
    assert linked == {
        f"Minutes of {earlier.date.day} {earlier.date:%B %Y}: still draft, so not published for approval":
            f"/manage/committees/test-panel/{earlier.date}/minutes/",
        "Item 2, Placements: no document": f"/manage/committees/test-panel/{meeting.date}/",
    }
    html = advisor_client.get("/").content.decode()
    for text, url in linked.items():
        assert f'<a class="govuk-link" href="{url}">{text}</a>' in html


def test_the_committees_screen_leads_to_the_actions_of_every_committee(advisor_client, world):
    html = advisor_client.get("/manage/committees/").content.decode()
    assert '<a class="govuk-link" href="/manage/actions/">Actions from the minutes of every committee</a>' in html


def test_a_lone_paper_offers_no_move_and_two_papers_do(client):
    """The walkthrough's "a lone document still shows Move up/down"."""
    client.force_login(make_user("lone-advisor", Role.GOVERNANCE_ADVISOR))
    meeting = Meeting.objects.create(committee=Committee.objects.create(name="Lone Panel", slug="lone-panel"),
                                     date=datetime.date(2027, 1, 5))
    item = AgendaItem.objects.create(meeting=meeting, number=1, order=1, title="Report", item_type=ItemType.REPORT)
    first = Document.objects.create(agenda_item=item, order=1, kind=DocumentKind.COVER_REPORT, title="Cover", text="x")
    url = f"/manage/committees/lone-panel/2027-01-05/documents/{first.pk}/"
    assert "Move up" not in client.get(url).content.decode()
    Document.objects.create(agenda_item=item, order=2, kind=DocumentKind.APPENDIX, title="Appendix", text="y")
    assert "Move up" in client.get(url).content.decode()
