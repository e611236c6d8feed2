"""The advisor's attendance, declarations, minutes and actions screens (issue 15, parts 5 and 6;
docs/minutes-screens.md): what each does, the numbering of minutes through the municipal year,
publishing and approving, actions to done, a councillor's open actions, and the bad inputs,
each refused with its exact message, the values kept and nothing changed."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from accounts.models import Person
from accounts.roles import Role
from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Meeting,
    Membership,
    Minute,
    Minutes,
)
from meetings.vocabulary import AttendanceKind, AttendanceRole, ItemType, MembershipRole, MinutesState
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

OCTOBER, JANUARY, JUNE = datetime.date(2020, 10, 6), datetime.date(2021, 1, 5), datetime.date(2021, 6, 1)


@pytest.fixture
def world(db):
    """A panel with three members in 2020/21, two meetings that year and one the next (June), and
    another committee's meeting."""
    panel = Committee.objects.create(name="Test Panel", slug="test-panel")
    other = Committee.objects.create(name="Other Commission", slug="other-commission")
    people = {name: Person.objects.create(name=name, title="Councillor") for name in ("Watson", "Cusworth", "Jarvis")}
    for name, role in (("Watson", MembershipRole.CHAIR), ("Cusworth", MembershipRole.MEMBER),
                       ("Jarvis", MembershipRole.MEMBER)):
        Membership.objects.create(committee=panel, person=people[name], municipal_year=2020, role=role)
    october = Meeting.objects.create(committee=panel, date=OCTOBER)
    january = Meeting.objects.create(committee=panel, date=JANUARY)
    june = Meeting.objects.create(committee=panel, date=JUNE)
    elsewhere = Meeting.objects.create(committee=other, date=datetime.date(2020, 9, 1))
    AgendaItem.objects.create(meeting=january, number=1, order=1, title="Minutes of the previous meeting",
                              item_type=ItemType.MINUTES)
    report = AgendaItem.objects.create(meeting=january, number=2, order=2, title="Looked after children",
                                       item_type=ItemType.REPORT)
    for number in (1, 2, 3):
        Minute.objects.create(meeting=october, number=number, order=number, title=f"OCTOBER MINUTE {number}")
    Minutes.objects.create(meeting=october)
    return {"panel": panel, "other": other, "people": people, "october": october, "january": january,
            "june": june, "elsewhere": elsewhere, "report": report}


@pytest.fixture
def advisor_client(client, advisor):
    client.force_login(advisor)
    return client


def url(meeting: Meeting, tail: str = "") -> str:
    return f"/manage/committees/{meeting.committee.slug}/{meeting.date}/{tail}"


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def refused(client, address: str, data: dict, message: str) -> str:
    """POST `data`, expect the page again (200) with `message` in its error summary."""
    response = client.post(address, data)
    assert response.status_code == 200, (address, response.status_code)
    html = response.content.decode()
    assert "There is a problem" in html and escape(message) in html, html[html.find("govuk-error-summary"):][:1500]
    return html


def sheet(world, **marks) -> dict:
    """The attendance form's POST: each member absent unless `marks` says otherwise."""
    data = {}
    for membership in Membership.objects.filter(committee=world["panel"], municipal_year=2020):
        status, _, reason = marks.get(membership.person.name, "absent").partition(":")
        data[f"member-{membership.pk}-status"] = status
        data[f"member-{membership.pk}-reason"] = reason
    return data


# -- minute numbering -------------------------------------------------------------------------


def test_the_number_is_proposed_across_the_year_and_starts_at_1_in_may(advisor_client, world):
    january, june = world["january"], world["june"]
    assert 'name="number" value="4"' in page(advisor_client, url(january, "minutes/new/"))
    response = advisor_client.post(url(january, "minutes/new/"), {"number": "4", "title": "DECLARATIONS OF INTEREST"})
    minute = Minute.objects.get(meeting=january)
    assert response.status_code == 302 and response["Location"] == url(january, f"minutes/{minute.pk}/")
    assert (minute.number, minute.order, minute.municipal_year) == (4, 1, 2020)
    assert 'name="number" value="5"' in page(advisor_client, url(january, "minutes/new/"))
    # June 2021 is in the 2021/22 municipal year: numbering starts again.
    assert 'name="number" value="1"' in page(advisor_client, url(june, "minutes/new/"))


def test_a_minute_written_starts_the_draft_minutes_with_history(advisor_client, advisor, world):
    january = world["january"]
    advisor_client.post(url(january, "minutes/new/"), {
        "number": "9", "title": "LOOKED AFTER CHILDREN", "body": "Members discussed.", "outcome": "",
        "agenda_item": str(world["report"].pk),
    })
    minute = Minute.objects.get(meeting=january)
    assert (minute.number, minute.agenda_item, minute.body) == (9, world["report"], "Members discussed.")
    assert Minutes.objects.get(meeting=january).state == MinutesState.DRAFT
    record = minute.history.get()
    assert (record.history_user, record.history_change_reason) == (advisor, "minute written")
    listing = page(advisor_client, url(january, "minutes/"))
    assert "9. LOOKED AFTER CHILDREN" in listing and "Draft" in listing


def test_a_duplicate_number_in_the_year_is_refused_in_the_models_words(advisor_client, world):
    january = world["january"]
    html = refused(advisor_client, url(january, "minutes/new/"), {"number": "2", "title": "KEPT TITLE", "body": "Kept body"},
                   "Minute 2 of the 2020/21 municipal year is already minute 2 of 6 October 2020: numbers run on "
                   "through the year.")
    assert 'value="KEPT TITLE"' in html and "Kept body" in html and 'name="number" value="2"' in html
    assert not Minute.objects.filter(meeting=january).exists()
    assert not Minutes.objects.filter(meeting=january).exists()


def test_an_empty_title_is_refused(advisor_client, world):
    january = world["january"]
    html = refused(advisor_client, url(january, "minutes/new/"), {"number": "12", "title": "  ", "body": "Typed"},
                   "Enter the minute's title")
    assert 'name="number" value="12"' in html and "Typed" in html
    assert not Minute.objects.filter(meeting=january).exists()


def test_a_number_that_is_not_whole_is_refused(advisor_client, world):
    html = refused(advisor_client, url(world["january"], "minutes/new/"), {"number": "4a", "title": "X"},
                   'Enter the minute\'s number as a whole number, like 74; found "4a"')
    assert 'value="X"' in html
    assert not Minute.objects.filter(meeting=world["january"]).exists()


def test_editing_a_minute_keeps_its_own_number(advisor_client, world):
    minute = Minute.objects.get(meeting=world["october"], number=2)
    response = advisor_client.post(url(world["october"], f"minutes/{minute.pk}/"), {
        "part": "minute", "minute-number": "2", "minute-title": "RENAMED", "minute-body": "", "minute-outcome": "Noted.",
    })
    assert response.status_code == 302
    minute.refresh_from_db()
    assert (minute.title, minute.outcome) == ("RENAMED", "Noted.")
    html = refused(advisor_client, url(world["october"], f"minutes/{minute.pk}/"), {
        "part": "minute", "minute-number": "3", "minute-title": "RENAMED AGAIN"},
        "Minute 3 of the 2020/21 municipal year is already minute 3 of 6 October 2020: numbers run on through the year.")
    assert 'value="RENAMED AGAIN"' in html
    minute.refresh_from_db()
    assert (minute.number, minute.title) == (2, "RENAMED")


def test_a_minute_changed_by_someone_else_since_the_page_was_opened_is_not_saved(advisor_client, world):
    minute = Minute.objects.get(meeting=world["october"], number=1)
    address = url(world["october"], f"minutes/{minute.pk}/")
    html = page(advisor_client, address)
    version = html.split('name="minute-version" value="')[1].split('"')[0]
    colleague = make_user("colleague", Role.GOVERNANCE_ADVISOR)
    minute.title, minute._history_user = "THEIRS", colleague
    minute.save()
    posted = {"part": "minute", "minute-number": "1", "minute-title": "MINE", "minute-version": version}
    html = refused(advisor_client, address, posted, "colleague changed this minute at ")
    summary = html[html.find("govuk-error-summary"):][:800]
    assert "since you opened the page. Your changes are below, not saved" in html, summary
    assert 'value="MINE"' in html
    minute.refresh_from_db()
    assert minute.title == "THEIRS"
    again = html.split('name="minute-version" value="')[1].split('"')[0]
    assert advisor_client.post(address, posted | {"minute-version": again}).status_code == 302
    minute.refresh_from_db()
    assert minute.title == "MINE"


# -- resolutions and actions ------------------------------------------------------------------


def test_resolutions_are_numbered_moved_and_renumbered_when_removed(advisor_client, world):
    minute = Minute.objects.get(meeting=world["october"], number=1)
    address = url(world["october"], f"minutes/{minute.pk}/")
    for text in ("That the report be noted.", "That a further report be brought.", "That the Chair writes."):
        assert advisor_client.post(address, {"part": "new-resolution", "new-resolution-text": text}).status_code == 302
    assert list(minute.resolutions.values_list("number", flat=True)) == [1, 2, 3]
    third = minute.resolutions.get(number=3)
    advisor_client.post(address, {"part": "resolution", "resolution": str(third.pk), "do": "up",
                                  f"resolution-{third.pk}-text": third.text})
    assert list(minute.resolutions.order_by("number").values_list("text", flat=True)) == [
        "That the report be noted.", "That the Chair writes.", "That a further report be brought."]
    first = minute.resolutions.get(number=1)
    advisor_client.post(address, {"part": "resolution", "resolution": str(first.pk), "do": "remove"})
    assert list(minute.resolutions.order_by("number").values_list("number", "text")) == [
        (1, "That the Chair writes."), (2, "That a further report be brought.")]
    html = page(advisor_client, address)
    assert "(1)" in html and "(2)" in html and "(3)" not in html
    refused(advisor_client, address, {"part": "new-resolution", "new-resolution-text": ""}, "Enter the resolution's text")
    assert minute.resolutions.count() == 2


def test_an_action_due_date_that_is_not_a_date_is_refused(advisor_client, world):
    minute = Minute.objects.get(meeting=world["october"], number=1)
    html = refused(advisor_client, url(world["october"], f"minutes/{minute.pk}/"), {
        "part": "new-action", "new-action-description": "Circulate the data", "new-action-owner": "Assistant Director",
        "new-action-due": "31/02/2021"},
        'Enter the date it is due by as a real date, like 31/03/2021; found "31/02/2021"')
    assert "Circulate the data" in html and 'value="Assistant Director"' in html and 'value="31/02/2021"' in html
    assert not Action.objects.exists()


def test_a_bad_change_to_an_action_keeps_what_was_typed_in_its_own_form(advisor_client, world):
    minute = Minute.objects.get(meeting=world["october"], number=1)
    action = Action.objects.create(minute=minute, description="Stored", owner="Stored owner")
    html = refused(advisor_client, url(world["october"], f"minutes/{minute.pk}/"), {
        "part": "action", "action": str(action.pk), "do": "save", f"action-{action.pk}-description": "Typed",
        f"action-{action.pk}-owner": "Typed owner", f"action-{action.pk}-due": "next week"},
        'Enter the date it is due by as a real date, like 31/03/2021; found "next week"')
    assert f'href="#id_action-{action.pk}-due"' in html and 'value="Typed owner"' in html and 'value="next week"' in html
    action.refresh_from_db()
    assert (action.description, action.owner, action.due) == ("Stored", "Stored owner", None)


def test_an_action_is_added_edited_and_marked_done_with_history(advisor_client, advisor, world):
    minute = Minute.objects.get(meeting=world["october"], number=1)
    address = url(world["october"], f"minutes/{minute.pk}/")
    advisor_client.post(address, {"part": "new-action", "new-action-description": "Circulate the data",
                                  "new-action-owner": "Assistant Director", "new-action-due": "31/03/2021"})
    action = Action.objects.get()
    assert (action.owner, action.due, action.done) == ("Assistant Director", datetime.date(2021, 3, 31), False)
    advisor_client.post(address, {"part": "action", "action": str(action.pk), "do": "save",
                                  f"action-{action.pk}-description": "Circulate the data to members",
                                  f"action-{action.pk}-owner": "Assistant Director",
                                  f"action-{action.pk}-due": "2021-04-30"})
    action.refresh_from_db()
    assert (action.description, action.due) == ("Circulate the data to members", datetime.date(2021, 4, 30))
    assert "Circulate the data to members" in page(advisor_client, "/manage/actions/")
    response = advisor_client.post(f"/manage/actions/{action.pk}/", {"do": "done", "note": "Sent on 1 April"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done
    assert "Circulate the data to members" not in page(advisor_client, "/manage/actions/")
    assert "Circulate the data to members" in page(advisor_client, "/manage/actions/?status=done")
    advisor_client.post(f"/manage/actions/{action.pk}/", {"do": "reopen"})
    action.refresh_from_db()
    assert not action.done
    reasons = list(action.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == ["action added", "action changed", "marked done: Sent on 1 April", "reopened"]
    assert all(record.history_user == advisor for record in action.history.all())
    history = page(advisor_client, f"/manage/actions/{action.pk}/")
    assert "marked done: Sent on 1 April" in history and "reopened" in history


def test_the_actions_list_filters_by_committee_in_a_fixed_number_of_queries(advisor_client, world):
    minute = Minute.objects.get(meeting=world["october"], number=1)
    far = Minute.objects.create(meeting=world["elsewhere"], number=1, order=1, title="ELSEWHERE")
    Action.objects.create(minute=minute, description="Panel action")
    Action.objects.create(minute=far, description="Commission action")
    html = page(advisor_client, "/manage/actions/?committee=test-panel")
    assert "Panel action" in html and "Commission action" not in html
    with CaptureQueriesContext(connection) as few:
        advisor_client.get("/manage/actions/")
    for number in range(10):
        Action.objects.create(minute=far, description=f"More {number}")
    with CaptureQueriesContext(connection) as many:
        assert "More 9" in page(advisor_client, "/manage/actions/")
    assert len(many) == len(few)


# -- attendance -------------------------------------------------------------------------------


def test_attendance_is_recorded_against_that_years_membership(advisor_client, advisor, world):
    january, people = world["january"], world["people"]
    watson = Membership.objects.get(person=people["Watson"])
    html = page(advisor_client, url(january, "attendance/"))
    assert "Councillor Watson, chair" in html and f'name="member-{watson.pk}-status"' in html
    data = sheet(world, Watson="present", Cusworth="apologies:Unwell")
    data |= {"substitute-0-person": str(people["Jarvis"].pk), "substitute-0-for_member": str(people["Cusworth"].pk)}
    data |= {"substitute-0-person": "", "substitute-0-name": "Atkin", "substitute-0-title": "Councillor",
             "substitute-0-for_member": str(people["Cusworth"].pk)}
    data |= {"other-0-name": "Jo Smith", "other-0-title": "", "other-0-role": "officer",
             "other-0-note": "Strategic Director"}
    response = advisor_client.post(url(january, "attendance/"), data)
    assert response.status_code == 302
    rows = {row.person.name: row for row in Attendance.objects.filter(meeting=january).select_related("person")}
    assert set(rows) == {"Watson", "Cusworth", "Atkin", "Jo Smith"}
    assert (rows["Watson"].kind, rows["Watson"].role) == (AttendanceKind.PRESENT, AttendanceRole.CHAIR)
    assert (rows["Cusworth"].kind, rows["Cusworth"].note) == (AttendanceKind.APOLOGIES, "Unwell")
    assert (rows["Atkin"].kind, rows["Atkin"].note) == (AttendanceKind.SUBSTITUTE, "for Councillor Cusworth")
    assert (rows["Jo Smith"].kind, rows["Jo Smith"].role, rows["Jo Smith"].note) == (
        AttendanceKind.IN_ATTENDANCE, AttendanceRole.OFFICER, "Strategic Director")
    assert rows["Watson"].history.get().history_user == advisor
    # Saved again: the substitute shows as chosen; marking Watson absent takes their row away.
    again = page(advisor_client, url(january, "attendance/"))
    assert "Councillor Atkin, substitute" in again
    data = sheet(world, Cusworth="apologies:Unwell")
    data |= {"substitute-0-person": str(rows["Atkin"].person_id), "substitute-0-attendance": str(rows["Atkin"].pk),
             "substitute-0-for_member": str(people["Cusworth"].pk),
             "other-0-person": str(rows["Jo Smith"].person_id), "other-0-attendance": str(rows["Jo Smith"].pk),
             "other-0-role": "officer", "other-0-note": "Strategic Director", "other-0-remove": "on"}
    assert advisor_client.post(url(january, "attendance/"), data).status_code == 302
    assert set(Attendance.objects.filter(meeting=january).values_list("person__name", flat=True)) == {"Cusworth", "Atkin"}


def test_people_recorded_without_a_membership_that_year_are_shown_and_can_be_changed(advisor_client, world):
    june, watson = world["june"], world["people"]["Watson"]  # no memberships in 2021/22
    row = Attendance.objects.create(meeting=june, person=watson, kind=AttendanceKind.PRESENT, role=AttendanceRole.CHAIR)
    html = page(advisor_client, url(june, "attendance/"))
    assert "Councillor Watson, chair (no membership recorded for 2021/22)" in html and "no members recorded for 2021/22" in html
    response = advisor_client.post(url(june, "attendance/"), {f"person-{watson.pk}-status": "apologies",
                                                               f"person-{watson.pk}-reason": "Away"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.kind, row.role, row.note) == (AttendanceKind.APOLOGIES, AttendanceRole.CHAIR, "Away")


def test_apologies_for_someone_also_marked_present_are_refused(advisor_client, world):
    january, people = world["january"], world["people"]
    data = sheet(world, Watson="present", Jarvis="apologies:On holiday")
    data |= {"other-0-person": str(people["Jarvis"].pk), "other-0-role": "cabinet_member", "other-0-note": "Kept note"}
    html = refused(advisor_client, url(january, "attendance/"), data,
                   "Councillor Jarvis is marked as sending apologies and as present (in attendance): record them once")
    assert 'value="On holiday"' in html and 'value="Kept note"' in html
    assert not Attendance.objects.filter(meeting=january).exists()


def test_a_substitute_for_a_member_who_is_present_is_refused(advisor_client, world):
    january, people = world["january"], world["people"]
    data = sheet(world, Watson="present")
    data |= {"substitute-0-name": "Atkin", "substitute-0-title": "Councillor",
             "substitute-0-for_member": str(people["Watson"].pk)}
    html = refused(advisor_client, url(january, "attendance/"), data,
                   "Councillor Watson is marked present: a substitute stands in for a member who is absent")
    assert 'value="Atkin"' in html
    assert not Attendance.objects.filter(meeting=january).exists()
    assert not Person.objects.filter(name="Atkin").exists()


def test_a_left_at_minute_of_another_meeting_is_refused(advisor_client, world):
    january, people = world["january"], world["people"]
    row = Attendance.objects.create(meeting=january, person=people["Watson"], kind=AttendanceKind.PRESENT)
    mine = Minute.objects.create(meeting=january, number=4, order=1, title="JANUARY MINUTE")
    theirs = Minute.objects.get(meeting=world["october"], number=3)
    html = refused(advisor_client, url(january, f"attendance/{row.pk}/"),
                   {"left_at": str(theirs.pk), "joined_at": str(mine.pk)}, "The minute is of another meeting.")
    assert f'<option value="{mine.pk}" selected>' in html
    row.refresh_from_db()
    assert row.left_at is None and row.joined_at is None
    response = advisor_client.post(url(january, f"attendance/{row.pk}/"),
                                   {"took_chair_at": str(mine.pk), "absent_for": [str(mine.pk)]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.took_chair_at == mine and list(row.absent_for.all()) == [mine]


# -- declarations -----------------------------------------------------------------------------


def test_a_declaration_for_someone_not_present_is_refused(advisor_client, world):
    january, people = world["january"], world["people"]
    Attendance.objects.create(meeting=january, person=people["Watson"], kind=AttendanceKind.PRESENT)
    html = refused(advisor_client, url(january, "declarations/"), {
        "person": str(people["Jarvis"].pk), "agenda_item": str(world["report"].pk), "interest_type": "non_pecuniary",
        "reason": "Board member of RISE"},
        "Councillor Jarvis is not recorded as present at this meeting: record their attendance first")
    assert "Board member of RISE" in html
    assert not Declaration.objects.exists()


def test_a_declaration_is_recorded_changed_and_removed(advisor_client, advisor, world):
    january, people = world["january"], world["people"]
    Attendance.objects.create(meeting=january, person=people["Jarvis"], kind=AttendanceKind.PRESENT)
    response = advisor_client.post(url(january, "declarations/"), {
        "person": str(people["Jarvis"].pk), "agenda_item": str(world["report"].pk), "interest_type": "non_pecuniary",
        "reason": "as she was a board member of RISE", "left_meeting": "on"})
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert (declaration.agenda_item_number, declaration.left_meeting, declaration.interest_type) == (
        2, True, "non_pecuniary")
    assert declaration.history.get().history_user == advisor
    assert "non-pecuniary interest in agenda item 2" in page(advisor_client, url(january, "declarations/"))
    refused(advisor_client, url(january, f"declarations/{declaration.pk}/"),
            {"person": str(people["Jarvis"].pk), "interest_type": "pecuniary"},
            "Select the agenda item or the minute the interest is in")
    declaration.refresh_from_db()
    assert declaration.interest_type == "non_pecuniary"
    advisor_client.post(url(january, f"declarations/{declaration.pk}/"), {"do": "remove"})
    assert not Declaration.objects.exists()


# -- publishing and approving -----------------------------------------------------------------


def test_publishing_makes_the_draft_minutes_public_as_unconfirmed(client, advisor_client, world):
    october = world["october"]
    public = f"/committees/test-panel/{OCTOBER}/"
    client.logout()
    assert "OCTOBER MINUTE 1" not in page(client, public)
    advisor_client.force_login(make_user("publisher", Role.GOVERNANCE_ADVISOR))
    assert "Publish the minutes for approval" in page(advisor_client, url(october, "minutes/publish/"))
    response = advisor_client.post(url(october, "minutes/publish/"))
    assert response.status_code == 302
    assert Minutes.objects.get(meeting=october).state == MinutesState.PUBLISHED
    again = advisor_client.post(url(october, "minutes/publish/"))
    assert escape("These minutes are already unconfirmed: only draft minutes are published for approval.") in \
        again.content.decode()
    advisor_client.logout()
    html = page(advisor_client, public)
    assert "OCTOBER MINUTE 1" in html and "Unconfirmed" in html


def test_there_is_nothing_to_publish_without_minutes(advisor_client, world):
    response = advisor_client.post(url(world["june"], "minutes/publish/"))
    assert escape("There are no minutes to publish: write them first.") in response.content.decode()
    assert not Minutes.objects.filter(meeting=world["june"]).exists()


def test_approving_draft_minutes_is_refused(advisor_client, world):
    record = Minutes.objects.get(meeting=world["october"])
    refused(advisor_client, url(world["january"], "minutes/approve/"), {"minutes": str(record.pk)},
            "The minutes of 6 October 2020 are a draft: publish them for approval first.")
    record.refresh_from_db()
    assert (record.state, record.approved_at) == (MinutesState.DRAFT, None)


def test_approving_at_a_later_meeting_records_it_and_names_them_on_the_minutes_item(advisor_client, advisor, world):
    record = Minutes.objects.get(meeting=world["october"])
    record.state = MinutesState.PUBLISHED
    record.save()
    january = world["january"]
    form = page(advisor_client, url(january, "minutes/approve/"))
    assert "Minutes of 6 October 2020" in form and "1. Minutes of the previous meeting" in form
    response = advisor_client.post(url(january, "minutes/approve/"), {"minutes": str(record.pk)})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.state, record.approved_at) == (MinutesState.APPROVED, january)
    assert record.history.latest("history_id").history_change_reason == "approved at the meeting of 5 January 2021"
    item = AgendaItem.objects.get(meeting=january, item_type=ItemType.MINUTES)
    assert item.previous_meeting_date == OCTOBER
    assert "Approved at the meeting of 5 January 2021" in page(advisor_client, url(world["october"], "minutes/"))


def test_approving_at_an_earlier_meeting_or_another_committee_is_refused(advisor_client, world):
    january_record = Minutes.objects.create(meeting=world["january"], state=MinutesState.PUBLISHED)
    refused(advisor_client, url(world["october"], "minutes/approve/"), {"minutes": str(january_record.pk)},
            "The minutes of 5 January 2021 are not of an earlier meeting: a meeting approves the minutes of a meeting "
            "before it.")
    theirs = Minutes.objects.create(meeting=world["elsewhere"], state=MinutesState.PUBLISHED)
    refused(advisor_client, url(world["january"], "minutes/approve/"), {"minutes": str(theirs.pk)},
            "Those are the minutes of Other Commission, 1 September 2020: a meeting approves the minutes of its own "
            "committee only.")
    assert set(Minutes.objects.values_list("state", flat=True)) == {MinutesState.DRAFT, MinutesState.PUBLISHED}
    assert not Minutes.objects.filter(approved_at__isnull=False).exists()


def test_approving_needs_a_minutes_item(advisor_client, world):
    record = Minutes.objects.get(meeting=world["october"])
    record.state = MinutesState.PUBLISHED
    record.save()
    refused(advisor_client, url(world["june"], "minutes/approve/"), {"minutes": str(record.pk)},
            "This meeting's agenda has no item for the minutes of the previous meeting: add one before approving "
            "minutes under it.")
    record.refresh_from_db()
    assert record.state == MinutesState.PUBLISHED


# -- the meeting screen's panel ---------------------------------------------------------------


def test_the_panel_sums_up_attendance_declarations_and_minutes(world):
    october, people = world["october"], world["people"]
    Attendance.objects.create(meeting=october, person=people["Watson"], kind=AttendanceKind.PRESENT)
    Attendance.objects.create(meeting=october, person=people["Jarvis"], kind=AttendanceKind.APOLOGIES)
    Declaration.objects.create(meeting=october, person=people["Watson"], interest_type="other")
    html = render_to_string("meetings/manage/includes/meeting_minutes_panel.html", {"meeting": october})
    assert "1 present, 1 sent apologies, 0 substitutes, 0 in attendance" in html
    assert "1 declared" in html and "Draft: 3 minutes" in html
    assert f'href="{url(october, "attendance/")}"' in html and f'href="{url(october, "minutes/")}"' in html


# -- a councillor's open actions ----------------------------------------------------------------


def test_a_councillors_home_lists_the_open_actions_of_their_committees(client, world):
    user = make_user("member", Role.COUNCILLOR)
    watson = world["people"]["Watson"]
    watson.user = user
    watson.save()
    october = world["october"]
    Minutes.objects.filter(meeting=october).update(state=MinutesState.PUBLISHED)
    minute = Minute.objects.get(meeting=october, number=2)
    Action.objects.create(minute=minute, description="Report back on placements", owner="Head of Service",
                          due=datetime.date(2021, 2, 1))
    Action.objects.create(minute=minute, description="Already finished", done=True)
    draft = Minute.objects.create(meeting=world["january"], number=4, order=1, title="DRAFT")
    Minutes.objects.create(meeting=world["january"])
    Action.objects.create(minute=draft, description="From draft minutes")
    client.force_login(user)
    html = page(client, "/")
    assert "Open actions" in html and "Report back on placements" in html
    assert "Head of Service, by 1 February 2021" in html and "minute 2 of 6 October 2020" in html
    assert "Already finished" not in html and "From draft minutes" not in html
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for number in range(8):
        Action.objects.create(minute=Minute.objects.get(meeting=october, number=number % 3 + 1),
                              description=f"Another action {number}")
    with CaptureQueriesContext(connection) as many:
        assert "Another action 7" in page(client, "/")
    assert len(many) == len(few)
