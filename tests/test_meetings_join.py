"""The join (issue 14, item 5): the scorecard and indicator pages say where a publication was
presented, through the hook `scorecards.presentations` that the portal fills from the committee
record; members' committees on the home page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Person
from meetings.models import AgendaItem, Meeting, Minute, Minutes
from meetings.presentations import meetings_finder
from meetings.vocabulary import MinutesState
from scorecards import presentations
from scorecards.models import Publication
from tests.conftest import make_user
from accounts.roles import Role, user_roles

pytestmark = pytest.mark.django_db

PAGE = "/scorecards/corporate-parenting/2020-12/"
MEETING = "/committees/corporate-parenting-panel/2021-03-02/"
LINE = "Presented to Corporate Parenting Panel, 2 March 2021, item 8"
DAY = datetime.date(2021, 3, 2)


@pytest.fixture
def demo(published_demo, db):
    """The demo with its meetings (loaded once for the module); each test's changes roll back."""


def item8() -> AgendaItem:
    return AgendaItem.objects.get(meeting__committee__slug="corporate-parenting-panel", meeting__date=DAY, number=8)


def minute_item8(state: str) -> Minute:
    """Minutes of the 2 March 2021 meeting in ``state``, with a minute of item 8."""
    item = item8()
    Minutes.objects.create(meeting=item.meeting, state=state)
    return Minute.objects.create(meeting=item.meeting, number=55, order=1, title="Performance report", agenda_item=item)


def councillor_user():
    return Person.objects.get(user__username="councillor").user


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# -- the scorecard page --------------------------------------------------------------------------


def test_the_scorecard_page_says_where_it_was_presented_and_links_the_meeting(client, demo):
    page = text(client, PAGE)
    assert LINE in page
    assert f'<a class="govuk-link" href="{MEETING}">{LINE}</a>' in page
    assert "#minute-" not in page  # no minutes recorded yet


@pytest.mark.parametrize("state", [MinutesState.PUBLISHED, MinutesState.APPROVED])
def test_the_minute_is_linked_once_the_minutes_are_public(client, demo, state):
    minutes_meeting = item8().meeting
    if state == MinutesState.APPROVED:  # approved at a later meeting of the panel
        later = Meeting.objects.create(committee=minutes_meeting.committee, date=datetime.date(2021, 6, 1))
        minute = minute_item8(MinutesState.PUBLISHED)
        Minutes.objects.filter(meeting=minutes_meeting).update(state=state, approved_at=later)
    else:
        minute = minute_item8(state)
    assert f'href="{MEETING}#minute-{minute.number}">minutes' in text(client, PAGE)


def test_draft_minutes_are_not_linked_for_the_public(client, demo):
    minute_item8(MinutesState.DRAFT)
    page = text(client, PAGE)
    assert LINE in page and "#minute-55" not in page


def test_an_exempt_performance_item_is_not_revealed_to_the_public(client, demo):
    AgendaItem.objects.filter(pk=item8().pk).update(exempt=True, exempt_paragraphs=[3])
    response = client.get(PAGE)
    page = response.content.decode()
    assert "Presented to" not in page and MEETING not in page
    assert "no-store" not in response.get("Cache-Control", "")
    # A member of the panel in 2020/21 sees it, and the page is theirs alone.
    client.force_login(councillor_user())
    response = client.get(PAGE)
    assert LINE in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # A councillor who does not sit on the panel does not.
    client.force_login(make_user("other-cllr", Role.COUNCILLOR))
    assert "Presented to" not in text(client, PAGE)


def test_live_figures_say_nothing_of_presentations(client, demo):
    client.force_login(make_user("officer-j", Role.PERFORMANCE_OFFICER))
    assert "Presented to" not in text(client, PAGE + "?live=1")


def test_scorecards_alone_show_nothing_extra(client, demo):
    presentations.unregister(meetings_finder)
    try:
        assert "Presented to" not in text(client, PAGE)
        assert presentations.presentations_of([item8().publication_id]) == {}
    finally:
        presentations.register(meetings_finder)


def test_the_finder_takes_one_query_however_many_publications(demo):
    pks = list(Publication.objects.values_list("pk", flat=True))
    assert len(pks) == 2
    user = councillor_user()
    user_roles(user)  # the roles are read once a request, whatever the page asks
    for asked in (pks[:1], pks):
        with CaptureQueriesContext(connection) as queries:
            found = presentations.presentations_of(asked, user)
        assert len(queries) == 1, [q["sql"] for q in queries]
    assert sum(len(listed) for listed in found.values()) == 2  # the two demo performance reports


# -- the indicator page --------------------------------------------------------------------------

INDICATOR = PAGE + "indicators/6.1/"


def presented_row(page: str) -> str:
    start = page.index('id="presented"')
    return page[start:page.index("</ul>", start)]


def test_the_indicator_page_lists_the_meetings_with_the_figure_as_presented(client, demo):
    from decimal import Decimal

    from scorecards.models import Observation

    # The live figure changes after the meeting; the page shows what the meeting saw.
    Observation.objects.filter(indicator__scorecard__slug="corporate-parenting", indicator__number="6.1",
                               period=datetime.date(2020, 12, 1)).update(value=Decimal("999"))
    listed = presented_row(text(client, INDICATOR))
    assert f'href="{MEETING}">Corporate Parenting Panel, 2 March 2021, item 8</a>' in listed
    assert '<strong class="app-presented-figure">615 (Dec-20)</strong>' in listed and "999" not in listed
    assert "as at December 2020</a>, issue 1" in listed


def test_the_indicator_page_hides_an_exempt_presentation_from_the_public(client, demo):
    AgendaItem.objects.filter(pk=item8().pk).update(exempt=True, exempt_paragraphs=[3])
    response = client.get(INDICATOR)
    assert 'id="presented"' not in response.content.decode()
    client.force_login(councillor_user())
    response = client.get(INDICATOR)
    assert "615 (Dec-20)" in presented_row(response.content.decode())
    assert "no-store" in response["Cache-Control"]


def test_the_indicator_page_reads_presentations_in_constant_queries(client, demo, django_assert_num_queries):
    client.get(INDICATOR)  # warm the site settings and the publication's content
    with CaptureQueriesContext(connection) as before:
        client.get(INDICATOR)
    # A second meeting presenting the same publication adds no query.
    other = Meeting.objects.create(committee=item8().meeting.committee, date=datetime.date(2021, 6, 1))
    AgendaItem.objects.create(meeting=other, number=5, order=1, title="Performance report",
                              item_type=item8().item_type, publication_id=item8().publication_id)
    with django_assert_num_queries(len(before)):
        page = text(client, INDICATOR)
    assert "1 June 2021, item 5" in page


# -- a councillor's committees on the home page --------------------------------------------------


def home_committees(client) -> str:
    page = text(client, "/")
    start = page.index('id="my-committees"')
    return page[start:page.index("</main>", start)] if "</main>" in page[start:] else page[start:]


def test_a_councillor_sees_their_committees_of_the_latest_year_they_sat(client, demo):
    client.force_login(councillor_user())
    response = client.get("/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    mine = home_committees(client)
    assert "these are your committees in 2020/21" in mine
    assert 'href="/committees/corporate-parenting-panel/">Corporate Parenting Panel</a>' in mine
    assert '<a class="govuk-link" href="/scorecards/corporate-parenting/2020-12/">' in mine
    assert f'href="{MEETING}">presented 2 March 2021</a>' in mine
    # The January minutes are published for approval; none are approved yet.
    assert 'href="/committees/corporate-parenting-panel/2021-01-05/#minutes">Minutes of 5 January 2021' in mine
    assert "Next meeting</dt>\n      <dd class=\"govuk-summary-list__value\">None arranged" in mine


def test_this_years_seat_shows_the_next_meeting(client, demo):
    from django.utils import timezone

    from meetings.models import Committee, Membership
    from meetings.vocabulary import municipal_year

    today = timezone.localdate()
    panel = Committee.objects.get(slug="corporate-parenting-panel")
    person = Person.objects.get(user__username="councillor")
    Membership.objects.create(committee=panel, person=person, municipal_year=municipal_year(today))
    soon = Meeting.objects.create(committee=panel, date=today + datetime.timedelta(days=10))
    Meeting.objects.create(committee=panel, date=today + datetime.timedelta(days=40))
    client.force_login(person.user)
    mine = home_committees(client)
    assert "latest year you held one" not in mine
    assert f'href="/committees/corporate-parenting-panel/{soon.date}/">{soon.date:%A %-d %B %Y}' in mine


def test_my_committees_take_the_same_queries_however_many(client, demo, django_assert_num_queries):
    from meetings.models import Committee, Membership

    user = councillor_user()
    client.force_login(user)
    client.get("/")
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    other = Committee.objects.create(name="Another Panel", slug="another-panel")
    Membership.objects.create(committee=other, person=user.person, municipal_year=2020)
    met = Meeting.objects.create(committee=other, date=datetime.date(2020, 9, 1))
    Minutes.objects.create(meeting=met, state=MinutesState.PUBLISHED)
    with django_assert_num_queries(len(before)):
        mine = home_committees(client)
    assert "Another Panel" in mine and "Minutes of 1 September 2020" in mine


@pytest.mark.parametrize("who", ["anonymous", "officer"])
def test_no_committees_for_those_without_seats(client, demo, who):
    if who == "officer":
        client.force_login(make_user("officer-h", Role.PERFORMANCE_OFFICER))
    assert "My committees" not in text(client, "/")


# -- the live view: changed since presented ------------------------------------------------------


def test_the_live_view_marks_a_figure_changed_since_presented(client, demo):
    from decimal import Decimal

    from scorecards.models import Observation

    client.force_login(make_user("officer-l", Role.PERFORMANCE_OFFICER))
    unchanged = text(client, PAGE + "?live=1")
    assert "Since presented to Corporate Parenting Panel, 2 March 2021</h2>" in unchanged
    assert "No figure differs from issue 1" in unchanged
    Observation.objects.filter(indicator__scorecard__slug="corporate-parenting", indicator__number="6.1",
                               period=datetime.date(2020, 12, 1)).update(value=Decimal("999"))
    page = text(client, PAGE + "?live=1")
    start = page.index('id="changed-since-presented"')
    marked = page[start:page.index("</div>", start)]
    assert "1 figure differs from issue 1" in marked
    assert "changed since presented to Corporate Parenting Panel, 2 March 2021: 615 then, 999 now" in marked
    assert "6.2 " not in marked
    # The published page says nothing of it.
    assert 'id="changed-since-presented"' not in text(client, PAGE)
