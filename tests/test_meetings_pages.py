"""The committee pages (issue 14, item 3): the date in the URL, what each page says, the
iCalendar feed, and queries that do not grow with the record."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from accounts.models import Person
from meetings import ical
from meetings.converters import DayConverter
from meetings.models import AgendaItem, Attendance, Committee, Declaration, Document, Meeting, Minute, Minutes
from meetings.vocabulary import DocumentKind, ItemStatus, MeetingStatus, MinutesState, municipal_year, municipal_year_label

pytestmark = pytest.mark.django_db

CPP = "/committees/corporate-parenting-panel"
ILSC = "/committees/improving-lives-select-commission"


@pytest.fixture
def demo(published_demo, db):
    """The demo (loaded once for the module); each test's changes roll back."""


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# -- the date in the URL ------------------------------------------------------------------------

IMPOSSIBLE = ["2021-02-30", "2021-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-03-00",
              "0001-01-01", "9999-12-31", "1989-12-31", "2100-01-01", "0000-00-00"]


@pytest.mark.parametrize("day", IMPOSSIBLE)
def test_an_impossible_or_out_of_range_date_is_no_address(client, demo, day):
    for path in (f"{CPP}/{day}/", f"{CPP}/{day}/documents/1/"):
        with pytest.raises(Resolver404):
            resolve(path)
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("day", ["1990-01-01", "2099-12-31", "2024-02-29"])
def test_the_first_and_last_days_accepted_resolve(day):
    assert resolve(f"{CPP}/{day}/").kwargs["day"] == datetime.date.fromisoformat(day)
    assert DayConverter().to_url(datetime.date.fromisoformat(day)) == day


def test_a_real_day_without_a_meeting_is_not_found(client, demo):
    assert client.get(f"{CPP}/2021-03-03/").status_code == 404
    assert client.get("/committees/no-such-committee/").status_code == 404
    assert client.get("/people/nobody-at-all/").status_code == 404


# -- the pages ----------------------------------------------------------------------------------


def test_the_committee_list_gives_each_committee_its_next_meeting(client, demo):
    text = page_text(client, "/committees/")
    assert "Corporate Parenting Panel" in text and "Improving Lives Select Commission" in text
    assert text.count("No meeting scheduled.") == 2  # the demo's meetings are all past
    panel = Committee.objects.get(slug="corporate-parenting-panel")
    soon, later = datetime.date.today() + datetime.timedelta(days=30), datetime.date.today() + datetime.timedelta(days=60)
    Meeting.objects.create(committee=panel, date=soon - datetime.timedelta(days=1), status=MeetingStatus.CANCELLED)
    Meeting.objects.create(committee=panel, date=later, start_time=datetime.time(15, 30))
    Meeting.objects.create(committee=panel, date=soon, start_time=datetime.time(10))
    text = page_text(client, "/committees/")
    assert f"Next meeting: <a class=\"govuk-link\" href=\"{CPP}/{soon}/\">{soon:%A} {soon.day} {soon:%B %Y}, 10:00 a.m.</a>" in text
    assert text.count("No meeting scheduled.") == 1


def test_the_committee_page(client, demo):
    text = page_text(client, f"{CPP}/")
    assert "makes sure it acts as a good corporate parent" in text
    assert "Members in 2020/21, the latest municipal year recorded." in text
    assert ">Councillor Watson</a></td>" in text and "<td class=\"govuk-table__cell\">Chair</td>" in text
    assert text.index("Councillor Watson") < text.index("Councillor Cusworth")  # the chair first
    assert f'href="{CPP}/2021-03-02/">Tuesday 2 March 2021</a>, 3:30 p.m.' in text
    assert text.index("2 March 2021") < text.index("5 January 2021")  # past meetings, latest first
    assert '<a class="govuk-link" href="/scorecards/corporate-parenting/">Corporate Parenting' in text
    assert f'href="{CPP}/meetings.ics"' in text


def test_the_committee_page_says_the_current_year_when_it_has_members(client, demo):
    panel = Committee.objects.get(slug="corporate-parenting-panel")
    current = municipal_year(datetime.date.today())
    panel.memberships.create(person=Person.objects.get(name="Jarvis"), municipal_year=current, role="chair")
    text = page_text(client, f"{CPP}/")
    assert f"Members in the current municipal year, {municipal_year_label(current)}." in text


def test_the_meeting_page_front_sheet_and_agenda(client, demo):
    text = page_text(client, f"{CPP}/2021-03-02/")
    for words in ("Tuesday 2 March 2021", "3:30 p.m.", "Virtual Meeting", "Held", "Katherine Harclerode",
                  "Membership in 2020/21", "2020/21", "(Pages 24 - 44)"):
        assert words in text, words
    assert '<span class="app-agenda__number">8.</span> Corporate Parenting Performance Report' in text
    assert ('Scorecard as presented: <a class="govuk-link" href="/scorecards/corporate-parenting/2020-12/">'
            "Corporate Parenting Monthly Performance Report, December 2020, Issue 1</a>") in text
    assert "Appendix A – Corporate Parenting Monthly Performance Report – Dec 2020 <span" in text
    assert "(not held here)" in text
    assert "No minutes have been recorded for this meeting." in text


def test_status_words_sub_items_and_documents(client, demo):
    meeting = Meeting.objects.get(committee__slug="corporate-parenting-panel", date=datetime.date(2021, 3, 2))
    AgendaItem.objects.filter(meeting=meeting, number=5).update(status=ItemStatus.WITHDRAWN)
    AgendaItem.objects.filter(meeting=meeting, number=6).update(status=ItemStatus.DEFERRED, sub_items=["(a) first", "(b) second"])
    AgendaItem.objects.filter(meeting=meeting, number=11).update(status=ItemStatus.ADDED_AS_URGENT)
    paper = Document.objects.create(agenda_item=AgendaItem.objects.get(meeting=meeting, number=7), order=1,
                                    kind=DocumentKind.COVER_REPORT, title="Settled status", text="**Settled** at last.")
    text = page_text(client, f"{CPP}/2021-03-02/")
    assert ">Withdrawn</strong>" in text and ">Deferred</strong>" in text and ">Added as urgent</strong>" in text
    assert "<li>(a) first</li><li>(b) second</li>" in text
    url = f"{CPP}/2021-03-02/documents/{paper.pk}/"
    assert f'<a class="govuk-link" href="{url}">Cover report: Settled status</a>' in text
    document = page_text(client, url)
    assert "<strong>Settled</strong> at last." in document  # Markdown through the sanitiser


def test_written_text_is_sanitised(client, demo):
    meeting = Meeting.objects.get(committee__slug="corporate-parenting-panel", date=datetime.date(2021, 3, 2))
    paper = Document.objects.create(agenda_item=meeting.agenda_items.get(number=7), order=1, kind=DocumentKind.APPENDIX,
                                    title="Hostile", text='<script>alert(1)</script> [x](javascript:alert(1))')
    text = page_text(client, f"{CPP}/2021-03-02/documents/{paper.pk}/")
    assert "<script>alert" not in text and "javascript:" not in text


def test_unconfirmed_and_approved_minutes_with_attendance(client, demo):
    text = page_text(client, f"{ILSC}/2020-03-03/")
    assert "Unconfirmed" in text and "published for approval" in text
    assert '<span class="app-agenda__number">59.</span> RE-COMMISSIONING OF CSE SUPPORT SERVICES' in text
    assert "Present</h4>" in text and "Apologies</h4>" in text and "In attendance</h4>" in text
    assert "left before minute 61" in text
    assert "Declarations of interest</h3>" in text and "non-pecuniary interest in agenda item 9 (minute 59)" in text
    assert "No agenda is recorded for this meeting." in text
    later = Meeting.objects.get(committee__slug="improving-lives-select-commission", date=datetime.date(2020, 7, 28))
    Minutes.objects.filter(meeting__date=datetime.date(2020, 3, 3)).update(state=MinutesState.APPROVED, approved_at=later)
    text = page_text(client, f"{ILSC}/2020-03-03/")
    assert "Unconfirmed" not in text
    assert f'Approved as a correct record at the meeting of <a class="govuk-link" href="{ILSC}/2020-07-28/">28 July 2020</a>.' in text


def test_the_person_page(client, demo):
    cusworth = Person.objects.get(name="Cusworth")
    text = page_text(client, f"/people/{cusworth.slug}/")
    assert "2020/21" in text and "Chair, <a" in text and "Improving Lives Select Commission</a>" in text
    attended = cusworth.attendances.filter(kind__in=["present", "substitute"]).count()
    apologies = cusworth.attendances.filter(kind="apologies").count()
    assert f"Attended {attended} and sent apologies to {apologies} of " in text
    assert attended + apologies >= 1
    jarvis = Person.objects.get(name="Jarvis")
    assert "board member of RISE" in page_text(client, f"/people/{jarvis.slug}/")


def test_the_header_links_to_the_committees_for_everyone(client, demo):
    text = page_text(client, "/")
    assert '<a class="govuk-service-navigation__link" href="/committees/">Committees</a>' in text
    text = page_text(client, "/committees/")
    assert 'href="/committees/" aria-current="page">Committees</a>' in text


# -- the iCalendar feed -------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text: CRLF only, folded lines joined (RFC 5545, 3.1)."""
    assert "\n" not in text.replace("\r\n", "") and text.endswith("\r\n")
    raw = text.split("\r\n")[:-1]
    for line in raw:
        assert len(line.encode("utf-8")) <= 75, line
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def parse_calendar(text: str) -> list[dict[str, str]]:
    """The VEVENTs as {"NAME;PARAMS": value}; checks components nest and close."""
    events, stack, current = [], [], {}
    for line in unfold(text):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
        elif stack and stack[-1] == "VEVENT":
            current[name] = value
    assert stack == []
    return events


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def test_the_feed_holds_each_meeting(client, demo):
    panel = Committee.objects.get(slug="corporate-parenting-panel")
    cancelled = Meeting.objects.create(committee=panel, date=datetime.date(2021, 7, 6), start_time=datetime.time(16),
                                       status=MeetingStatus.CANCELLED, venue="Town Hall, Moorgate Street; Room 1")
    first = client.get(f"{CPP}/meetings.ics")
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    text = first.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n" in text
    events = {event["UID"]: event for event in parse_calendar(text)}
    again = {event["UID"]: event for event in parse_calendar(client.get(f"{CPP}/meetings.ics").content.decode())}
    assert set(events) == set(again) == {f"meeting-{m.pk}@panel-scorecards" for m in panel.meetings.all()}
    timed = events[f"meeting-{Meeting.objects.get(committee=panel, date=datetime.date(2021, 3, 2)).pk}@panel-scorecards"]
    assert timed["DTSTART;TZID=Europe/London"] == "20210302T153000"
    assert timed["DTEND;TZID=Europe/London"] == "20210302T173000"
    assert timed["STATUS"] == "CONFIRMED" and timed["SEQUENCE"] == "0"
    assert timed["SUMMARY"] == "Corporate Parenting Panel" and timed["LOCATION"] == "Virtual Meeting"
    assert timed["URL"] == f"http://testserver{CPP}/2021-03-02/"
    assert len(timed["DTSTAMP"]) == 16 and timed["DTSTAMP"].endswith("Z")
    all_day = events[f"meeting-{Meeting.objects.get(committee=panel, date=datetime.date(2021, 1, 5)).pk}@panel-scorecards"]
    assert all_day["DTSTART;VALUE=DATE"] == "20210105" and all_day["DTEND;VALUE=DATE"] == "20210106"
    off = events[f"meeting-{cancelled.pk}@panel-scorecards"]
    assert off["STATUS"] == "CANCELLED" and off["SEQUENCE"] == "0"
    assert off["LOCATION"] == "Town Hall\\, Moorgate Street\\; Room 1"
    assert unescape(off["LOCATION"]) == "Town Hall, Moorgate Street; Room 1"
    # The summer is British Summer Time: the local time is written, with its zone.
    assert off["DTSTART;TZID=Europe/London"] == "20210706T160000"


def test_the_feed_parses_with_the_icalendar_library(client, demo):
    """An independent reader (icalendar, RFC 5545) reads each meeting's date, time or all-day,
    venue, status, reason, sequence and a UID that holds across two requests."""
    import icalendar
    from zoneinfo import ZoneInfo

    panel = Committee.objects.get(slug="corporate-parenting-panel")
    Meeting.objects.create(
        committee=panel, date=datetime.date(2021, 7, 6), start_time=datetime.time(16), status=MeetingStatus.CANCELLED,
        venue="Town Hall, Moorgate Street; Room 1", status_reason="Not quorate.", sequence=3,
    )
    feeds = [icalendar.Calendar.from_ical(client.get(f"{CPP}/meetings.ics").content) for _ in range(2)]
    events = [{str(event["UID"]): event for event in feed.walk("VEVENT")} for feed in feeds]
    assert set(events[0]) == set(events[1]) == {f"meeting-{m.pk}@panel-scorecards" for m in panel.meetings.all()}
    by_date = {event.decoded("DTSTART") if isinstance(event.decoded("DTSTART"), datetime.date)
               and not isinstance(event.decoded("DTSTART"), datetime.datetime)
               else event.decoded("DTSTART").date(): event for event in events[0].values()}
    timed = by_date[datetime.date(2021, 3, 2)]
    assert timed.decoded("DTSTART") == datetime.datetime(2021, 3, 2, 15, 30, tzinfo=ZoneInfo("Europe/London"))
    assert str(timed["LOCATION"]) == "Virtual Meeting" and str(timed["STATUS"]) == "CONFIRMED"
    all_day = by_date[datetime.date(2021, 1, 5)]
    assert all_day.decoded("DTSTART") == datetime.date(2021, 1, 5)
    assert all_day.decoded("DTEND") == datetime.date(2021, 1, 6)
    off = by_date[datetime.date(2021, 7, 6)]
    assert off.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)  # British Summer Time
    assert str(off["STATUS"]) == "CANCELLED" and int(off["SEQUENCE"]) == 3
    assert str(off["LOCATION"]) == "Town Hall, Moorgate Street; Room 1"
    assert str(off["DESCRIPTION"]) == "Not quorate."


def test_the_feed_never_holds_an_agenda_item(client, demo):
    text = client.get(f"{CPP}/meetings.ics").content.decode()
    assert "LAC Council Update" not in text and "Performance Report" not in text


def test_folding_and_escaping():
    assert ical.escape_text('a\\b;c,d\ne\r\nf') == "a\\\\b\\;c\\,d\\ne\\nf"
    line = "SUMMARY:" + "é" * 80
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts) and all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(part[1:] for part in parts[1:])]) == line
    assert ical.fold("SHORT:1") == "SHORT:1"
    event = ical.Event(1, "Panel, with; things\\", datetime.date(2024, 2, 29), None, "", "postponed", "")
    text = ical.calendar("Panel", [event], datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC))
    [parsed] = parse_calendar(text)
    assert unescape(parsed["SUMMARY"]) == "Panel, with; things\\"
    assert parsed["STATUS"] == "TENTATIVE" and parsed["DTEND;VALUE=DATE"] == "20240301"
    assert parsed["DTSTAMP"] == "20240101T120000Z" and "LOCATION" not in parsed


# -- queries that do not grow --------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the caches (site settings)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_meetings(committee: Committee, count: int) -> None:
    start = datetime.date(2030, 1, 1)
    for index in range(count):
        Meeting.objects.create(committee=committee, date=start + datetime.timedelta(days=7 * index),
                               start_time=datetime.time(10) if index % 2 else None)


def add_items(meeting: Meeting, count: int) -> None:
    for index in range(count):
        item = AgendaItem.objects.create(meeting=meeting, number=index + 1, order=index + 1, title=f"Item {index + 1}",
                                         sub_items=["(a) one"])
        Document.objects.create(agenda_item=item, order=1, kind=DocumentKind.COVER_REPORT, title="Report", text="Text")
        minute = Minute.objects.create(meeting=meeting, number=index + 1, order=index + 1, title=f"Minute {index + 1}",
                                       agenda_item=item)
        minute.resolutions.create(number=1, text="Noted.")
        person = Person.objects.create(name=f"Member {meeting.pk}-{index}", title="Councillor")
        attendance = Attendance.objects.create(meeting=meeting, person=person, kind="present", left_at=minute)
        attendance.for_minutes.add(minute)
        Declaration.objects.create(meeting=meeting, person=person, minute=minute, interest_type="other")
    Minutes.objects.create(meeting=meeting, state=MinutesState.PUBLISHED)


@pytest.mark.parametrize("signed_in", [False, True], ids=["public", "advisor"])
def test_queries_do_not_grow_with_meetings_or_items(client, demo, advisor, signed_in):
    if signed_in:
        client.force_login(advisor)
    small, large = (Committee.objects.create(name=f"Panel {n}", slug=f"panel-{n}") for n in (3, 50))
    add_meetings(small, 3)
    add_meetings(large, 50)
    assert count_queries(client, "/committees/panel-3/") == count_queries(client, "/committees/panel-50/")
    assert count_queries(client, "/committees/panel-3/meetings.ics") == count_queries(client, "/committees/panel-50/meetings.ics")
    few, many = small.meetings.first(), large.meetings.first()
    add_items(few, 3)
    add_items(many, 30)
    assert count_queries(client, f"/committees/panel-3/{few.date}/") == count_queries(client, f"/committees/panel-50/{many.date}/")
    assert "Minute 30" in client.get(f"/committees/panel-50/{many.date}/").content.decode()


def test_a_scorecard_is_named_as_published_not_as_retitled_since(client, demo):
    from scorecards.models import Scorecard

    Scorecard.objects.filter(slug="corporate-parenting").update(title="Retitled, not yet published")
    for url in (f"{CPP}/", f"{CPP}/2021-03-02/"):
        text = page_text(client, url)
        assert "Corporate Parenting Monthly Performance Report" in text and "Retitled" not in text, url
