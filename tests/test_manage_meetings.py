"""The advisor's meeting and agenda screens (issue 15, parts 2 and 3; docs/meetings-screens.md):
scheduling a meeting from the committee's standard items or a series, the front sheet and status
with the feed's SEQUENCE, and the agenda (adding, moving, withdrawing, urgent after publication,
exempt paragraphs, the publication a performance report presents). Bad input is refused with
exact messages, the values kept and nothing changed."""

import datetime
import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role, ensure_role_groups
from meetings.models import AgendaItem, Committee, Document, Meeting, Minute, Pack, StandardItem
from meetings.vocabulary import DocumentKind, ItemStatus, ItemType, MeetingStatus, PackState
from scorecards.models import Publication
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 3, 2)
STANDARD = [(ItemType.APOLOGIES, "Apologies for Absence", "To receive the apologies of any Panel Member."),
            (ItemType.MINUTES, "Minutes of the previous meeting held on 5 January 2021",
             "To consider the minutes of the previous meeting held on 5 January 2021."),
            (ItemType.DECLARATIONS, "Declarations of Interest", ""),
            (ItemType.URGENT_BUSINESS, "Urgent Business", "")]


@pytest.fixture
def panel(db) -> Committee:
    committee = Committee.objects.create(name="Test Panel", slug="test-panel")
    for order, (kind, title, description) in enumerate(STANDARD, start=1):
        StandardItem.objects.create(committee=committee, era_from=datetime.date(2020, 5, 1), order=order,
                                    item_type=kind, title=title, description=description)
    return committee


@pytest.fixture
def advisor(db):
    """An advisor without a password: hashing one is most of a test's time, and force_login needs none."""
    user = get_user_model().objects.create(username="advisor1")
    user.groups.add(ensure_role_groups()[Role.GOVERNANCE_ADVISOR])
    return user


@pytest.fixture
def signed_in(client, advisor):
    client.force_login(advisor)
    return client


def url(name: str, committee: Committee, day: datetime.date | None = None, **kwargs) -> str:
    args = {"committee": committee.slug, **({"day": day} if day else {}), **kwargs}
    return reverse(f"meetings:{name}", kwargs=args)


def sheet(**changes) -> dict:
    return {"date": "2027-03-02", "start_time": "3:30pm", "venue": "Town Hall", "is_virtual": "",
            "webcast_url": "", "contact": "Governance Advisor", "pre_meeting": "", "signed_by": "Chief Executive",
            **changes}


def errors(response) -> list[str]:
    """The error summary's messages, in order."""
    summary = response.content.decode().split('govuk-error-summary__list">', 1)
    assert len(summary) == 2, "no error summary"
    return [html.unescape(re.sub(r"\s+", " ", text).strip()) for text in re.findall(r"<li><a [^>]*>(.*?)</a></li>", summary[1].split("</ul>")[0], re.S)]


def value_of(response, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', response.content.decode())
    return match.group(1) if match else ""


def everything() -> tuple:
    return (list(Meeting.objects.values_list("date", "status", "status_reason", "sequence", "venue", "start_time")),
            list(AgendaItem.objects.values_list("number", "order", "title", "status", "exempt", "exempt_paragraphs",
                                                "publication", "status_reason")))


def meeting_on(committee: Committee, day: datetime.date = DAY, **fields) -> Meeting:
    return Meeting.objects.create(committee=committee, date=day, venue="Town Hall", **fields)


def feed_sequence(client, committee: Committee, meeting: Meeting) -> int:
    text = client.get(reverse("meetings:calendar", args=[committee.slug])).content.decode()
    event = text.split(f"UID:meeting-{meeting.pk}@", 1)[1]
    return int(re.search(r"SEQUENCE:(\d+)", event).group(1))


# -- scheduling ------------------------------------------------------------------------------


def test_a_new_meeting_has_the_standard_items_in_force_numbered_in_order(signed_in, panel, advisor):
    meeting_on(panel, datetime.date(2027, 1, 12), status=MeetingStatus.HELD)
    meeting_on(panel, datetime.date(2027, 2, 9), status=MeetingStatus.CANCELLED)  # called off: not the previous
    response = signed_in.post(url("manage_meeting_new", panel), sheet())
    meeting = Meeting.objects.get(committee=panel, date=DAY)
    assert response.status_code == 302 and response["Location"] == url("manage_meeting", panel, DAY)
    assert meeting.start_time == datetime.time(15, 30) and meeting.sequence == 0
    items = list(meeting.agenda_items.order_by("order"))
    assert [(item.number, item.order, item.item_type) for item in items] == [
        (1, 1, ItemType.APOLOGIES), (2, 2, ItemType.MINUTES), (3, 3, ItemType.DECLARATIONS),
        (4, 4, ItemType.URGENT_BUSINESS)]
    # The template's printed date is the previous meeting's, not the one it was copied from.
    assert items[1].title == "Minutes of the previous meeting held on 12 January 2027"
    assert items[1].description == "To consider the minutes of the previous meeting held on 12 January 2027."
    assert items[1].previous_meeting_date == datetime.date(2027, 1, 12)
    record = meeting.history.get()
    assert record.history_user == advisor and record.history_change_reason == "Scheduled"
    assert items[0].history.get().history_user == advisor
    page = signed_in.get(response["Location"], follow=True).content.decode()
    assert "Its agenda starts with the committee&#x27;s 4 standard items" in page


def test_the_form_starts_from_the_committees_latest_front_sheet(signed_in, panel):
    meeting_on(panel, datetime.date(2027, 1, 12), start_time=datetime.time(17, 0), contact="K. Harclerode")
    response = signed_in.get(url("manage_meeting_new", panel))
    assert value_of(response, "start_time") == "17:00" and value_of(response, "contact") == "K. Harclerode"


def test_a_second_meeting_on_the_same_date_is_refused_naming_it(signed_in, panel):
    meeting_on(panel, status=MeetingStatus.POSTPONED)
    before = everything()
    response = signed_in.post(url("manage_meeting_new", panel), sheet(venue="Another room"))
    assert response.status_code == 200
    assert errors(response) == ["The Test Panel already has a meeting on Tuesday 2 March 2027 (postponed): "
                                "choose another date, or change that meeting"]
    assert value_of(response, "venue") == "Another room" and value_of(response, "start_time") == "3:30pm"
    assert everything() == before


def test_a_date_in_the_past_is_a_warning_confirmed_by_a_tick(signed_in, panel):
    past = timezone.localdate() - datetime.timedelta(days=3)
    words = f"{past:%A} {past.day} {past:%B %Y}"
    response = signed_in.post(url("manage_meeting_new", panel), sheet(date=past.isoformat()))
    assert errors(response) == [f"The date {words} is in the past: tick the box to record it anyway, or change the date"]
    assert "The date you entered is in the past" in response.content.decode()
    assert value_of(response, "date") == past.isoformat() and value_of(response, "venue") == "Town Hall"
    assert not Meeting.objects.exists()
    response = signed_in.post(url("manage_meeting_new", panel), sheet(date=past.isoformat(), confirm_past="on"))
    assert response.status_code == 302 and Meeting.objects.get().date == past


@pytest.mark.parametrize("changes, message, field", [
    ({"start_time": "25:00"}, "Enter the time as 3:30pm or 15:30, or leave it empty", "start_time"),
    ({"date": "30 February 2027"}, "Enter the date as 2 March 2027 or 2027-03-02", "date"),
    ({"date": ""}, "Enter the date of the meeting", "date"),
    ({"venue": "", "is_virtual": ""}, "Enter the venue, or tick that the meeting is virtual", "venue"),
    ({"webcast_url": "not a link"}, "Enter the webcast link as a web address, like https://example.org/live", "webcast_url"),
])
def test_a_bad_front_sheet_is_refused_with_the_values_kept(signed_in, panel, changes, message, field):
    response = signed_in.post(url("manage_meeting_new", panel), sheet(**changes))
    assert errors(response) == [message]
    assert value_of(response, field) == changes[field] and value_of(response, "contact") == "Governance Advisor"
    assert not Meeting.objects.exists()


def series(**changes) -> dict:
    return {"which": "1", "weekday": "1", "every_months": "2", "first": "2027-05-01", "last": "2028-04-30",
            "start_time": "15:30", "venue": "Town Hall", **changes}


def test_a_series_is_previewed_then_scheduled_skipping_the_dates_taken(signed_in, panel):
    meeting_on(panel, datetime.date(2027, 9, 7))
    response = signed_in.post(url("manage_meeting_series", panel), series(preview="1"))
    page = re.sub(r"\s+", " ", response.content.decode())
    assert "The first Tuesday of every 2 months from 1 May 2027 to 30 April 2028: 6 dates." in page
    assert "Tuesday 7 September 2027 <strong class=\"govuk-tag govuk-tag--grey\">Already a meeting: skipped</strong>" in page
    assert "Schedule 5 meetings" in page and Meeting.objects.count() == 1
    response = signed_in.post(url("manage_meeting_series", panel), series(schedule="1"), follow=True)
    assert sorted(Meeting.objects.values_list("date", flat=True)) == [
        datetime.date(2027, 5, 4), datetime.date(2027, 7, 6), datetime.date(2027, 9, 7), datetime.date(2027, 11, 2),
        datetime.date(2028, 1, 4), datetime.date(2028, 3, 7)]
    assert "Scheduled 5 meetings. Skipped Tuesday 7 September 2027: already a meeting." in response.content.decode()
    made = Meeting.objects.get(date=datetime.date(2027, 5, 4))
    assert made.start_time == datetime.time(15, 30) and made.agenda_items.count() == 4


@pytest.mark.parametrize("changes, message", [
    ({"first": "2028-04-30", "last": "2027-05-01"},
     "The series ends (Saturday 1 May 2027) before it starts (Sunday 30 April 2028): the 'To' date comes after the 'From' date"),
    ({"every_months": "0"}, "Enter how many months apart the meetings are, from 1 to 12"),
    ({"which": "5"}, "Choose first, second, third, fourth or last"),
    ({"first": "2027-05-05", "last": "2027-05-31"},
     "No date between Wednesday 5 May 2027 and Monday 31 May 2027 is the first Tuesday of every 2 months from "
     "5 May 2027 to 31 May 2027"),
    ({"start_time": "half three"}, "Enter the time as 3:30pm or 15:30, or leave it empty"),
])
def test_a_bad_series_is_refused(signed_in, panel, changes, message):
    response = signed_in.post(url("manage_meeting_series", panel), series(schedule="1", **changes))
    assert errors(response) == [message]
    assert value_of(response, "venue") == "Town Hall" and value_of(response, "first") == changes.get("first", "2027-05-01")
    assert not Meeting.objects.exists()


# -- the front sheet, status and the feed's SEQUENCE -------------------------------------------


def test_each_saved_change_raises_the_feeds_sequence_and_a_save_of_nothing_does_not(signed_in, client, panel, advisor):
    meeting = meeting_on(panel, start_time=datetime.time(15, 30), contact="Governance Advisor",
                         signed_by="Chief Executive")
    assert feed_sequence(client, panel, meeting) == 0
    edit = url("manage_meeting_edit", panel, DAY)
    signed_in.post(edit, sheet(venue="Council Chamber"))
    assert feed_sequence(client, panel, meeting) == 1
    response = signed_in.post(edit, sheet(venue="Council Chamber"), follow=True)
    assert "Nothing had changed." in response.content.decode() and feed_sequence(client, panel, meeting) == 1
    signed_in.post(url("manage_meeting_status", panel, DAY), {"status": "postponed", "reason": "Room flooded"})
    assert feed_sequence(client, panel, meeting) == 2
    signed_in.post(url("manage_meeting_status", panel, DAY), {"status": "postponed", "reason": "Room flooded"})
    assert feed_sequence(client, panel, meeting) == 2
    latest = meeting.history.order_by("-history_id").first()
    assert latest.history_user == advisor and latest.history_change_reason == "Postponed: Room flooded"
    assert meeting.history.order_by("history_id")[1].history_change_reason == "Front sheet changed: venue"


def test_a_cancelled_meeting_shows_its_reason_to_the_public(signed_in, client, panel):
    meeting_on(panel)
    response = signed_in.post(url("manage_meeting_status", panel, DAY),
                              {"status": "cancelled", "reason": "Not quorate"})
    assert response.status_code == 302
    client.logout()
    public = client.get(reverse("meetings:meeting", args=[panel.slug, DAY])).content.decode()
    assert "Cancelled" in public and "Not quorate" in public
    assert "Not quorate" in client.get(reverse("meetings:committee", args=[panel.slug])).content.decode()


def test_cancelling_without_a_reason_is_refused(signed_in, panel):
    meeting_on(panel)
    before = everything()
    response = signed_in.post(url("manage_meeting_status", panel, DAY), {"status": "cancelled", "reason": " "})
    assert errors(response) == ["Say why the meeting is cancelled: the public meeting page shows it"]
    assert re.search(r'value="cancelled"[^>]*checked', response.content.decode())
    assert everything() == before


def test_moving_the_date_onto_another_meeting_is_refused(signed_in, panel):
    meeting_on(panel)
    meeting_on(panel, datetime.date(2027, 4, 6))
    before = everything()
    response = signed_in.post(url("manage_meeting_edit", panel, DAY), sheet(date="2027-04-06"))
    assert errors(response) == ["The Test Panel already has a meeting on Tuesday 6 April 2027 (scheduled): "
                                "choose another date, or change that meeting"]
    assert everything() == before


def test_a_front_sheet_saved_by_someone_else_since_is_refused(signed_in, panel):
    admin_user = get_user_model().objects.create(username="admin1")
    meeting = meeting_on(panel, start_time=datetime.time(15, 30))
    form = signed_in.get(url("manage_meeting_edit", panel, DAY))
    version = value_of(form, "version")
    meeting.venue = "Elsewhere"
    meeting._history_user = admin_user
    meeting.save()
    response = signed_in.post(url("manage_meeting_edit", panel, DAY), sheet(venue="Mine", version=version))
    [message] = errors(response)
    assert message.startswith("admin1 changed this meeting at ") and message.endswith(
        "since you opened the page. Your changes are below, not saved: check them against the current front sheet "
        "and save again.")
    assert value_of(response, "venue") == "Mine" and Meeting.objects.get().venue == "Elsewhere"
    # Saving again, having read it, goes through.
    signed_in.post(url("manage_meeting_edit", panel, DAY), sheet(venue="Mine", version=value_of(response, "version")))
    assert Meeting.objects.get().venue == "Mine"


# -- the agenda ----------------------------------------------------------------------------


def item_data(**changes) -> dict:
    return {"number": "", "title": "Performance report", "description": "", "item_type": "report", "section": "",
            "sub_items": "", "status_reason": "", "exempt_reason": "", "publication": "", **changes}


@pytest.fixture
def agenda(panel) -> Meeting:
    meeting = meeting_on(panel)
    for order, title in enumerate(["Apologies", "Minutes", "Urgent Business"], start=1):
        AgendaItem.objects.create(meeting=meeting, number=order, order=order, title=title)
    return meeting


def test_an_item_is_proposed_the_next_number_and_added_at_the_end(signed_in, panel, agenda, advisor):
    form = signed_in.get(url("manage_agenda_item_new", panel, DAY))
    assert value_of(form, "number") == "4"
    response = signed_in.post(url("manage_agenda_item_new", panel, DAY),
                              item_data(number="4", title="Sufficiency Strategy", sub_items="Plan\n\n Actions ",
                                        to_follow="on"))
    item = AgendaItem.objects.get(title="Sufficiency Strategy")
    assert response["Location"].endswith(f"#item-{item.pk}")
    assert (item.number, item.order, item.status, item.sub_items, item.to_follow) == (4, 4, ItemStatus.LISTED,
                                                                                      ["Plan", "Actions"], True)
    assert item.history.get().history_user == advisor and Meeting.objects.get().sequence == 0


def test_a_number_already_on_the_agenda_is_refused(signed_in, panel, agenda):
    before = everything()
    response = signed_in.post(url("manage_agenda_item_new", panel, DAY), item_data(number="2", title="Another"))
    assert errors(response) == ["Item 2 of this agenda is already \u201cMinutes\u201d: choose another number"]
    assert value_of(response, "title") == "Another" and everything() == before


def test_an_item_added_after_publication_is_added_as_urgent_and_shown_so(signed_in, client, panel, agenda):
    Pack.objects.create(meeting=agenda, state=PackState.PUBLISHED, version=1)
    new = url("manage_agenda_item_new", panel, DAY)
    assert "will be added as urgent business" in signed_in.get(new).content.decode()
    response = signed_in.post(new, item_data(number="4", title="Ofsted letter"))
    assert errors(response) == ["Say why the item is urgent: the agenda has been published, so it is added as urgent business"]
    signed_in.post(new, item_data(number="4", title="Ofsted letter", status_reason="The letter came after publication"))
    item = AgendaItem.objects.get(title="Ofsted letter")
    assert item.status == ItemStatus.ADDED_AS_URGENT and item.order == 4
    assert item.history.get().history_change_reason == "Added as urgent after the agenda's publication"
    client.logout()
    public = re.sub(r"\s+", " ", client.get(reverse("meetings:meeting", args=[panel.slug, DAY])).content.decode())
    assert re.search(r"Ofsted letter</h3>.*?Added as urgent</strong> <span class=\"app-status-reason\">The letter came "
                     r"after publication</span>", public)


def test_a_withdrawn_item_stays_listed_marked_withdrawn(signed_in, client, panel, agenda, advisor):
    item = agenda.agenda_items.get(number=2)
    edit = url("manage_agenda_item", panel, DAY, item_id=item.pk)
    response = signed_in.post(edit, item_data(number="2", title="Minutes", item_type="minutes_of_previous_meeting",
                                              status="withdrawn"))
    assert errors(response) == ["Say why the item is withdrawn: the agenda shows it"]
    signed_in.post(edit, item_data(number="2", title="Minutes", item_type="minutes_of_previous_meeting",
                                   status="withdrawn", status_reason="Minutes not ready"))
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN and item.status_reason == "Minutes not ready"
    assert item.history.order_by("-history_id").first().history_change_reason == "Withdrawn: Minutes not ready"
    client.logout()
    public = re.sub(r"\s+", " ", client.get(reverse("meetings:meeting", args=[panel.slug, DAY])).content.decode())
    assert re.search(r"2\.</span> Minutes</h3>.*?Withdrawn</strong> <span class=\"app-status-reason\">Minutes not ready", public)
    assert public.count("app-agenda__item") == 3


def test_deferring_keeps_the_reason_and_listing_again_clears_it(signed_in, panel, agenda):
    item = agenda.agenda_items.get(number=3)
    edit = url("manage_agenda_item", panel, DAY, item_id=item.pk)
    signed_in.post(edit, item_data(number="3", title="Urgent Business", status="deferred", status_reason="To April"))
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (ItemStatus.DEFERRED, "To April")
    signed_in.post(edit, item_data(number="3", title="Urgent Business", status="listed", status_reason="To April"))
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (ItemStatus.LISTED, "")


def test_marking_an_item_exempt_with_its_paragraphs(signed_in, panel, agenda):
    item = agenda.agenda_items.get(number=3)
    edit = url("manage_agenda_item", panel, DAY, item_id=item.pk)
    page = signed_in.get(edit).content.decode()
    assert "7. Information relating to any action taken or to be taken in connection with the prevention" in page
    preview = signed_in.post(edit, item_data(number="3", title="Urgent Business", status="listed", exempt="on",
                                             exempt_paragraphs=["2", "1"], preview="1"))
    assert "By virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A of the Local Government Act 1972." in \
        preview.content.decode()
    assert not AgendaItem.objects.get(pk=item.pk).exempt  # a preview saves nothing
    signed_in.post(edit, item_data(number="3", title="Urgent Business", status="listed", exempt="on",
                                   exempt_paragraphs=["2", "1"], exempt_reason="Names a child"))
    item.refresh_from_db()
    assert (item.exempt, item.exempt_paragraphs, item.exempt_reason) == (True, [1, 2], "Names a child")


@pytest.mark.parametrize("changes, message", [
    ({"exempt": "on"}, "An exempt item needs the Schedule 12A paragraphs (1 to 7) that make it exempt."),
    ({"exempt": "on", "exempt_paragraphs": ["8"]}, "Schedule 12A has paragraphs 1 to 7 in Part 1; not 8."),
    ({"exempt_paragraphs": ["3"]}, "Only an exempt item has Schedule 12A paragraphs: tick exempt or remove them."),
    ({"title": " "}, "Enter the item's title"),
    ({"number": "two"}, "Enter the item's number as a whole number, like 5, or leave it empty"),
    ({"item_type": "gossip"}, "Choose one of the item types listed"),
    ({"status": "added_as_urgent", "status_reason": "Why not"}, "Choose listed, withdrawn or deferred"),
])
def test_a_bad_item_is_refused_with_the_values_kept(signed_in, panel, agenda, changes, message):
    item = agenda.agenda_items.get(number=3)
    before = everything()
    posted = {**item_data(number="3", title="Urgent Business", status="listed", description="Kept words"), **changes}
    response = signed_in.post(url("manage_agenda_item", panel, DAY, item_id=item.pk), posted)
    assert errors(response) == [message]
    assert "Kept words" in response.content.decode()
    assert everything() == before


def test_a_performance_report_presents_a_publication_of_the_committees_scorecards(signed_in, panel, agenda):
    card = build_scorecard(indicator_count=1, slug="panel-card", months=2)
    other = build_scorecard(indicator_count=1, slug="other-card", months=2)
    panel.scorecards.add(card)
    now = timezone.now()
    ours = Publication.objects.create(scorecard=card, as_at=datetime.date(2020, 12, 1), issue=1, published_at=now,
                                      content_hash="a", snapshot={})
    theirs = Publication.objects.create(scorecard=other, as_at=datetime.date(2020, 12, 1), issue=1, published_at=now,
                                        content_hash="b", snapshot={})
    item = agenda.agenda_items.get(number=3)
    edit = url("manage_agenda_item", panel, DAY, item_id=item.pk)
    page = signed_in.get(edit).content.decode()
    assert f"{card.title}, December 2020, Issue 1" in page and other.title not in page
    before = everything()
    response = signed_in.post(edit, item_data(number="3", title="Urgent Business", status="listed",
                                              publication=str(ours.pk)))
    assert errors(response) == ["Only a performance report item presents a scorecard publication."]
    response = signed_in.post(edit, item_data(number="3", title="Urgent Business", status="listed",
                                              item_type="performance_report", publication=str(theirs.pk)))
    assert errors(response) == ["Choose a publication of a scorecard this committee scrutinises"]
    assert everything() == before
    signed_in.post(edit, item_data(number="3", title="Performance", status="listed", item_type="performance_report",
                                   publication=str(ours.pk)))
    assert AgendaItem.objects.get(pk=item.pk).publication == ours


def test_moving_an_item_keeps_numbers_following_the_order(signed_in, panel, agenda, advisor):
    AgendaItem.objects.create(meeting=agenda, number=None, order=4, title="Next meeting: 6 April")
    last = agenda.agenda_items.get(number=3)
    move = url("manage_agenda_item_move", panel, DAY, item_id=last.pk)
    signed_in.post(move, {"direction": "up"})
    assert list(agenda.agenda_items.order_by("order").values_list("number", "title")) == [
        (1, "Apologies"), (2, "Urgent Business"), (3, "Minutes"), (None, "Next meeting: 6 April")]
    statement = agenda.agenda_items.get(number=None)
    signed_in.post(url("manage_agenda_item_move", panel, DAY, item_id=statement.pk), {"direction": "up"})
    assert list(agenda.agenda_items.order_by("order").values_list("number", "title")) == [
        (1, "Apologies"), (2, "Urgent Business"), (None, "Next meeting: 6 April"), (3, "Minutes")]
    assert AgendaItem.objects.get(title="Minutes").history.order_by("-history_id").first().history_user == advisor
    first = agenda.agenda_items.get(order=1)
    before = everything()
    signed_in.post(url("manage_agenda_item_move", panel, DAY, item_id=first.pk), {"direction": "up"})
    assert everything() == before  # already first
    assert signed_in.post(move, {"direction": "sideways"}).status_code == 400


def test_the_meeting_screen_reads_a_long_agenda_in_the_same_queries(signed_in, panel, agenda):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = signed_in.get(url("manage_meeting", panel, DAY))
        assert response.status_code == 200
        return len(captured)

    queries()  # the session and the roles, read once
    few = queries()
    for order in range(4, 34):
        item = AgendaItem.objects.create(meeting=agenda, number=order, order=order, title=f"Report {order}")
        Document.objects.create(agenda_item=item, order=1, kind=DocumentKind.COVER_REPORT, title=f"Cover {order}",
                                text="Words")
    with CaptureQueriesContext(connection) as captured:
        signed_in.get(url("manage_meeting", panel, DAY))
    assert queries() == few, [q["sql"] for q in captured]
    page = signed_in.get(url("manage_meeting", panel, DAY)).content.decode()
    assert "Report 33" in page and "Cover 33" in page
    assert reverse("meetings:meeting", args=[panel.slug, DAY]) in page


def test_the_committee_panel_lists_upcoming_and_past_meetings(panel):
    soon = meeting_on(panel, timezone.localdate() + datetime.timedelta(days=10))
    gone = meeting_on(panel, timezone.localdate() - datetime.timedelta(days=10))
    html = Template('{% include "meetings/manage/includes/committee_meetings_panel.html" %}').render(
        Context({"committee": panel}))
    upcoming, past = html.split(">Past<")
    assert url("manage_meeting", panel, soon.date) in upcoming and url("manage_meeting", panel, gone.date) in past
    assert url("manage_meeting_new", panel) in html and url("manage_meeting_series", panel) in html


def test_a_meeting_with_minutes_keeps_its_date_in_their_municipal_year(signed_in, panel):
    meeting = meeting_on(panel)
    Minute.objects.create(meeting=meeting, number=40, order=1, title="Apologies")
    before = everything()
    response = signed_in.post(url("manage_meeting_edit", panel, DAY), sheet(date="2027-05-04"))
    assert errors(response) == ["The meeting has minutes numbered in the 2026/27 municipal year: its date stays "
                                "between 1 May 2026 and 30 April 2027"]
    assert value_of(response, "date") == "2027-05-04" and everything() == before
    signed_in.post(url("manage_meeting_edit", panel, DAY), sheet(date="2027-03-09"))
    assert Meeting.objects.get().date == datetime.date(2027, 3, 9)
