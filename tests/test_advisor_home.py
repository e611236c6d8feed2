"""The governance advisor's home page (issue 15, part 7; docs/advisor-home.md): the meetings of the
next eight weeks with what each lacks, read from the database in a fixed number of queries, and
draft minutes older than the site's setting, which an admin edits at /manage/site/."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import SiteSettings
from accounts.services import SiteSettingsEdit, update_site_settings
from meetings.advisor_selectors import advisor_home, manage_meeting_url
from meetings.models import AgendaItem, Committee, Document, Meeting, Minutes, Pack
from meetings.vocabulary import DocumentKind, ItemStatus, ItemType, MeetingStatus, MinutesState, PackState
from scorecards.models import Publication, Scorecard

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 30)


def committee(name: str = "Corporate Parenting Panel") -> Committee:
    slug = name.lower().replace(" ", "-")
    return Committee.objects.get_or_create(name=name, defaults={"slug": slug})[0]


def meeting(day: datetime.date, of: Committee | None = None, **kwargs) -> Meeting:
    return Meeting.objects.create(committee=of or committee(), date=day, **kwargs)


def agenda_item(at: Meeting, number: int, title: str, item_type=ItemType.REPORT, **kwargs) -> AgendaItem:
    return AgendaItem.objects.create(meeting=at, number=number, order=number, title=title, item_type=item_type, **kwargs)


def paper(item: AgendaItem, order: int = 1, **kwargs) -> Document:
    return Document.objects.create(agenda_item=item, order=order, kind=DocumentKind.COVER_REPORT, title="Report", **kwargs)


def gaps_of(home, day: datetime.date) -> list[str]:
    return next([gap.text for gap in entry.gaps] for entry in home.meetings if entry.meeting.date == day)


def test_the_meetings_of_the_next_eight_weeks_not_called_off_in_date_order():
    panel, commission = committee(), committee("Improving Lives Select Commission")
    meeting(MONDAY - datetime.timedelta(days=1))  # yesterday
    meeting(MONDAY, of=commission)
    meeting(datetime.date(2026, 12, 15), of=panel, status=MeetingStatus.CANCELLED)
    meeting(datetime.date(2026, 12, 16), of=panel, status=MeetingStatus.POSTPONED)
    meeting(datetime.date(2027, 1, 12), of=panel)
    meeting(datetime.date(2027, 1, 25), of=commission)  # the 56th day
    meeting(datetime.date(2027, 1, 26), of=panel)  # beyond
    home = advisor_home(MONDAY)
    assert [(entry.meeting.committee.name, entry.meeting.date) for entry in home.meetings] == [
        ("Improving Lives Select Commission", MONDAY),
        ("Corporate Parenting Panel", datetime.date(2027, 1, 12)),
        ("Improving Lives Select Commission", datetime.date(2027, 1, 25)),
    ]
    assert home.until == datetime.date(2027, 1, 25)


def test_what_each_meeting_lacks_is_read_from_its_record():
    panel = committee()
    earlier = meeting(datetime.date(2026, 10, 6), of=panel)
    Minutes.objects.create(meeting=earlier, state=MinutesState.DRAFT)
    day = datetime.date(2026, 12, 3)
    upcoming = meeting(day, of=panel)
    agenda_item(upcoming, 1, "Apologies for Absence", ItemType.APOLOGIES)
    agenda_item(upcoming, 2, "Minutes of the previous meeting", ItemType.MINUTES)
    paper(agenda_item(upcoming, 3, "Uploaded Report"), file="meetings/documents/2026/11/report.pdf")
    paper(agenda_item(upcoming, 4, "Written Report"), text="Written here.")
    paper(agenda_item(upcoming, 5, "Named But Not Held"))  # a paper a pack names, not held
    paper(agenda_item(upcoming, 6, "Blank Text"), text="  \n ")
    agenda_item(upcoming, 7, "Papers To Follow", to_follow=True)
    agenda_item(upcoming, 8, "Withdrawn Report", status=ItemStatus.WITHDRAWN)
    agenda_item(upcoming, 9, "Performance Report", ItemType.PERFORMANCE_REPORT)
    assert gaps_of(advisor_home(MONDAY), day) == [
        "No agenda pack published, and the meeting is 3 working days away",
        "Minutes of 6 October 2026: still draft, so not published for approval",
        "Item 5, Named But Not Held: no document",
        "Item 6, Blank Text: no document",
        "Item 9, Performance Report: no document",
        "Item 9, Performance Report: no scorecard publication chosen",
    ]


def test_a_meeting_with_everything_in_place_lacks_nothing():
    panel = committee()
    earlier = meeting(datetime.date(2026, 10, 6), of=panel)
    cancelled = meeting(datetime.date(2026, 11, 3), of=panel, status=MeetingStatus.CANCELLED)
    day = datetime.date(2026, 12, 3)
    upcoming = meeting(day, of=panel)
    # Approved at a meeting in between; the cancelled one is not "the previous meeting".
    Minutes.objects.create(meeting=earlier, state=MinutesState.APPROVED, approved_at=cancelled)
    scorecard = Scorecard.objects.create(slug="card", title="Card")
    publication = Publication.objects.create(
        scorecard=scorecard, as_at=datetime.date(2026, 9, 1), issue=1, published_at=timezone.now(), snapshot={},
    )
    report = agenda_item(upcoming, 6, "Performance Report", ItemType.PERFORMANCE_REPORT, publication=publication)
    paper(report, text="Cover report.")
    Pack.objects.create(meeting=upcoming, version=1, state=PackState.PUBLISHED)
    home = advisor_home(MONDAY)
    assert gaps_of(home, day) == []
    assert home.meetings[0].ready and home.meetings[0].working_days_away == 3


def test_a_pack_being_built_is_not_a_published_one():
    day = datetime.date(2026, 12, 1)
    upcoming = meeting(day)
    Pack.objects.create(meeting=upcoming, state=PackState.BUILDING)
    Pack.objects.create(meeting=upcoming, state=PackState.FAILED)
    assert gaps_of(advisor_home(MONDAY), day) == ["No agenda pack published, and the meeting is 1 working day away"]


def build_meetings(count: int, items_each: int, name: str) -> None:
    panel = committee(name)
    for index in range(count):
        day = MONDAY + datetime.timedelta(days=index + 1)
        previous = meeting(day - datetime.timedelta(days=200), of=panel) if index % 2 else None
        if previous is not None:
            Minutes.objects.create(meeting=previous, state=MinutesState.PUBLISHED)
        upcoming = meeting(day, of=panel)
        Pack.objects.create(meeting=upcoming, version=1, state=PackState.PUBLISHED)
        for number in range(1, items_each + 1):
            item = agenda_item(upcoming, number, f"Report {number}")
            if number % 2:
                paper(item, text="Written.")
        Minutes.objects.create(meeting=meeting(day - datetime.timedelta(days=100), of=panel), state=MinutesState.DRAFT)


def queries_for_home() -> tuple[int, object]:
    SiteSettings.current()  # cached, as on every page after the first
    with CaptureQueriesContext(connection) as captured:
        home = advisor_home(MONDAY)
    return len(captured.captured_queries), home


def test_the_queries_do_not_grow_with_meetings_items_or_minutes():
    build_meetings(2, 3, "First Panel")
    few, home = queries_for_home()
    assert (len(home.meetings), len(home.overdue_drafts)) == (2, 2)
    build_meetings(12, 30, "Second Panel")
    many, home = queries_for_home()
    assert (len(home.meetings), len(home.overdue_drafts)) == (14, 14)
    # The work was done item by item all the same: every other item lacks its paper, and each
    # meeting's previous one (the day before, or a draft) has no approved minutes.
    assert sum(len(entry.gaps) for entry in home.meetings) == 2 * 1 + 12 * 15 + 14
    assert few == many == 3


def test_draft_minutes_older_than_the_setting_are_listed_with_their_age():
    panel = committee()
    for day in (datetime.date(2026, 11, 13), datetime.date(2026, 11, 16), datetime.date(2026, 10, 1)):
        Minutes.objects.create(meeting=meeting(day, of=panel), state=MinutesState.DRAFT)
    Minutes.objects.create(meeting=meeting(datetime.date(2026, 9, 1), of=panel), state=MinutesState.PUBLISHED)
    home = advisor_home(MONDAY)
    assert home.draft_limit == 10
    assert [(draft.meeting.date, draft.age) for draft in home.overdue_drafts] == [
        (datetime.date(2026, 10, 1), 42), (datetime.date(2026, 11, 13), 11),
    ]
    site = SiteSettings.current()
    site.draft_minutes_working_days = 30
    site.save()
    assert [draft.meeting.date for draft in advisor_home(MONDAY).overdue_drafts] == [datetime.date(2026, 10, 1)]


def test_the_meeting_screen_address_is_the_one_the_advisors_screens_will_have():
    assert manage_meeting_url("corporate-parenting-panel", datetime.date(2026, 12, 8)) == (
        "/manage/committees/corporate-parenting-panel/2026-12-08/"
    )


# -- the home page ------------------------------------------------------------------------------


def upcoming_on_the_page() -> datetime.date:
    today = timezone.localdate()
    day = today + datetime.timedelta(days=21)
    upcoming = meeting(day)
    agenda_item(upcoming, 6, "Fostering Service Annual Report")
    return day


@pytest.mark.parametrize("who", ["advisor", "admin_user"])
def test_advisors_and_admins_see_the_meetings_ahead_linked_to_their_screens(client, request, who):
    day = upcoming_on_the_page()
    client.force_login(request.getfixturevalue(who))
    response = client.get("/")
    page = response.content.decode()
    assert "Meetings ahead" in page
    link = f'href="/manage/committees/corporate-parenting-panel/{day.isoformat()}/"'
    assert f'{link}>Corporate Parenting Panel, {day:%A} {day.day} {day:%B %Y}</a>' in page
    assert "Item 6, Fostering Service Annual Report: no document" in page
    assert '<a class="govuk-link" href="/manage/committees/">Keep the committee record</a>' in page
    assert "Draft minutes overdue" in page
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["officer", "councillor", None])
def test_no_one_else_sees_them(client, request, who):
    upcoming_on_the_page()
    if who:
        client.force_login(request.getfixturevalue(who))
    page = client.get("/").content.decode()
    assert "Meetings ahead" not in page and "Fostering Service Annual Report" not in page


def navigation(page: str) -> list[str]:
    menu = re.search(r'<ul class="govuk-service-navigation__list" id="navigation">(.*?)</ul>', page, re.S).group(1)
    return re.findall(r'class="govuk-service-navigation__link[^"]*"[^>]*>([^<]+)<', menu)


@pytest.mark.parametrize("who, expected", [
    ("advisor", ["Scorecards", "Committees", "Governance", "Month end", "Sign out"]),
    ("admin_user", ["Scorecards", "Committees", "Governance", "Month end", "Manage", "Administration", "Sign out"]),
    ("officer", ["Scorecards", "Committees", "Month end", "Sign out"]),
    ("councillor", ["Scorecards", "Committees", "Sign out"]),
    (None, ["Scorecards", "Committees", "Sign in"]),
])
def test_the_header_leads_advisors_and_admins_to_the_committee_record(client, request, who, expected):
    if who:
        client.force_login(request.getfixturevalue(who))
    page = client.get("/").content.decode()
    assert navigation(page) == expected
    assert ('href="/manage/committees/">Governance</a>' in page) == ("Governance" in expected)


def test_the_empty_page_says_so(client, advisor):
    client.force_login(advisor)
    page = client.get("/").content.decode()
    assert "No meeting is arranged between today and" in page
    assert re.search(r'id="overdue-draft-minutes".*?<p class="govuk-body">None\.</p>', page, re.S)


# -- the setting, at /manage/site/ --------------------------------------------------------------


def errors_in_summary(page: str) -> list[str]:
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', page, re.S)
    return re.findall(r'<a href="#[^"]+">([^<]+)</a>', summary.group(1)) if summary else []


def test_an_admin_sets_the_working_days_and_the_name_is_kept(client, admin_user):
    client.force_login(admin_user)
    assert 'name="draft_minutes_working_days" value="10"' in client.get("/manage/site/").content.decode()
    client.post("/manage/site/", {"council_name": "Newtown Council", "draft_minutes_working_days": "10",
                                  "reason": "Named"})
    response = client.post("/manage/site/", {"council_name": "Newtown Council", "draft_minutes_working_days": " 15 ",
                                             "reason": "Minutes take three weeks"})
    assert response.status_code == 302
    site = SiteSettings.current()
    assert (site.council_name, site.draft_minutes_working_days) == ("Newtown Council", 15)
    history = SiteSettings.history.order_by("history_date")
    assert [(h.council_name, h.draft_minutes_working_days, h.history_change_reason, h.history_user) for h in history] == [
        ("Newtown Council", 10, "Named", admin_user),
        ("Newtown Council", 15, "Minutes take three weeks", admin_user),
    ]
    page = client.get("/manage/site/").content.decode()
    assert 'name="draft_minutes_working_days" value="15"' in page
    assert "draft minutes overdue after 15 working days (Minutes take three weeks)" in page


def test_saving_the_settings_keeps_each_stored_field(admin_user):
    """The save changes the stored row field by field: renaming the council leaves the working
    days as they were stored, where a fresh row would have put back the default."""
    SiteSettings.objects.create(council_name="Oldtown Council", draft_minutes_working_days=20)
    assert update_site_settings(SiteSettingsEdit("Newtown Council", 20), "Renamed", admin_user)
    site = SiteSettings.objects.get()
    assert (site.council_name, site.draft_minutes_working_days) == ("Newtown Council", 20)
    assert SiteSettings.history.latest("history_date").draft_minutes_working_days == 20
    assert not update_site_settings(SiteSettingsEdit("Newtown Council", 20), "Again", admin_user)
    assert SiteSettings.history.count() == 2


DAYS_BAD_INPUTS = [
    ("empty", "", "Enter the number of working days after which draft minutes are overdue"),
    ("words", "ten", "Working days for draft minutes must be a whole number, like 10"),
    ("decimal", "10.5", "Working days for draft minutes must be a whole number, like 10"),
    ("negative", "-3", "Working days for draft minutes must be a whole number, like 10"),
    ("zero", "0", "Working days for draft minutes must be between 1 and 60"),
    ("too many", "61", "Working days for draft minutes must be between 1 and 60"),
    ("other digits", "١٠", "Working days for draft minutes must be a whole number, like 10"),
]


@pytest.mark.parametrize("case, value, message", DAYS_BAD_INPUTS, ids=[case[0] for case in DAYS_BAD_INPUTS])
def test_the_working_days_refuse_bad_input_and_keep_what_was_typed(client, admin_user, case, value, message):
    client.force_login(admin_user)
    response = client.post("/manage/site/", {"council_name": "Kept Council", "draft_minutes_working_days": value,
                                             "reason": "Kept reason"})
    page = response.content.decode()
    assert errors_in_summary(page) == [message]
    assert "Kept Council" in page and "Kept reason" in page
    if value.strip():
        assert f'name="draft_minutes_working_days" value="{value}"' in page
    assert not SiteSettings.objects.exists()
