"""`manage.py import_meetings` (docs/meetings-import.md): the demo file imports; broken files
give every error with its path and leave the database as it was; importing again changes
nothing; an edited copy updates the same rows; minutes a later meeting confirms are approved."""

import copy
import datetime
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Person, PersonAlias
from meetings.models import (
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    Minutes,
    Resolution,
)
from meetings.services import import_meetings
from meetings.vocabulary import MinutesState

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "meetings.json"
DEMO = json.loads(FIXTURE.read_text())
MODELS = [Person, PersonAlias, Committee, Meeting, Membership, AgendaItem, Document, Minutes, Minute, Resolution,
          Attendance, Declaration]
HISTORIES = [AgendaItem.history, Minutes.history, Minute.history, Resolution.history, Attendance.history,
             Declaration.history]

# Where the fixture's meetings are (meetings[i]).
CPP_MARCH_2021, CPP_JANUARY_2021, ILSC_JUNE_2016, ILSC_APRIL_2016, ILSC_JULY_2020, ILSC_MARCH_2020 = range(6)


def fixture_copy() -> dict:
    return copy.deepcopy(DEMO)


def fingerprint() -> list:
    return [list(model.objects.order_by("pk").values()) for model in MODELS] + [
        history.count() for history in HISTORIES
    ]


def test_the_demo_file_imports():
    result = import_meetings(fixture_copy())
    assert result.ok, result.lines()
    assert Committee.objects.count() == 2
    assert Meeting.objects.count() == 6
    assert set(Committee.objects.values_list("slug", flat=True)) == {
        "corporate-parenting-panel", "improving-lives-select-commission"}
    march = Meeting.objects.get(committee__slug="corporate-parenting-panel", date=datetime.date(2021, 3, 2))
    assert march.start_time == datetime.time(15, 30) and march.is_virtual and march.municipal_year == 2020
    assert march.agenda_items.count() == 11
    exempt = march.agenda_items.get(number=10)
    assert exempt.exempt and exempt.exempt_paragraphs == [1, 2]
    assert march.agenda_items.get(number=8).documents.get().label == "A"
    # Printed names placed by the aliases: the two Elliots stay two councillors.
    elliots = Person.objects.filter(name__icontains="Elliot")
    assert sorted(str(person) for person in elliots) == ["Councillor J. Elliot", "Councillor M. S. Elliott"]
    january = Meeting.objects.get(committee__slug="corporate-parenting-panel", date=datetime.date(2021, 1, 5))
    assert [a.person.name for a in january.attendances.filter(kind="present")] == ["Watson", "Cusworth", "M. S. Elliott"]
    assert list(january.minutes.values_list("number", flat=True)) == [73, 74, 75, 76, 77, 78]
    # No later meeting of the file approves them: the three historic minutes await approval.
    assert set(Minutes.objects.values_list("state", flat=True)) == {MinutesState.PUBLISHED}
    # Co-opted members keep their organisation and scope.
    clough = Membership.objects.get(person__name="A. Clough", municipal_year=2020)
    assert clough.role == "co_opted" and clough.represents.startswith("ROPF") and clough.scope
    # Partial attendance: Jarvis left for minute 59 and took the chair from minute 61.
    jarvis = Attendance.objects.get(meeting__date=datetime.date(2020, 3, 3), person__name="Jarvis")
    assert list(jarvis.absent_for.values_list("number", flat=True)) == [59]
    assert jarvis.took_chair_at.number == 61
    declaration = Declaration.objects.get(person__name="Senior")
    assert declaration.interest_type == "non_pecuniary" and declaration.minute.number == 59 and declaration.left_meeting


def test_the_command_reports_and_refuses(tmp_path, capsys):
    call_command("import_meetings", str(FIXTURE))
    assert "meetings created: 6" in capsys.readouterr().out
    broken = fixture_copy()
    broken["meetings"][0]["date"] = "2021-02-30"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_meetings", str(path))
    assert ('error: meetings[0].date: expected a date written yyyy-mm-dd (e.g. 2021-03-02); found "2021-02-30", '
            "which is no such day") in capsys.readouterr().out


def test_a_file_that_is_not_json_is_one_error(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"meetings": [}')
    with pytest.raises(CommandError):
        call_command("import_meetings", str(path))
    assert "error: expected JSON; found Expecting value at line 1, column 15" in capsys.readouterr().out


def _without(key):
    def edit(data):
        del data["meetings"][CPP_MARCH_2021][key]
    return edit


def _set(path, value):
    """An edit setting data[path...] = value, path as a tuple of keys and indexes."""
    def edit(data):
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    return edit


def _duplicate_minute_number(data):
    data["meetings"][CPP_JANUARY_2021]["minutes"][4]["number"] = 74


def _minute_number_used_by_a_meeting_of_the_same_year(data):
    # A second meeting of 2020/21 (the March agenda's) minuted as 78, which January used.
    data["meetings"][CPP_MARCH_2021]["minutes"] = [{"number": 78, "title": "APOLOGIES", "resolved": []}]


def _exempt_without_paragraphs(data):
    item = data["meetings"][CPP_MARCH_2021]["agenda"][9]
    del item["exempt_grounds"]


def _unplaced_person(data):
    # Printed once with a spelling no alias gives: which Elliot is it? Never guessed.
    data["meetings"][CPP_JANUARY_2021]["present"][2]["name"] = "Elliott"


def _no_aliases(data):
    del data["aliases"]


def _two_chairs(data):
    data["meetings"][ILSC_JUNE_2016]["membership"][1]["role"] = "chair"


def _same_person_twice(data):
    data["meetings"][CPP_JANUARY_2021]["apologies"].append(
        {"name": "Cusworth", "title": "Councillor", "role": "member"})


def _same_alias_twice(data):
    data["aliases"][1]["printed"].append({"name": "Elliot", "title": "Councillor"})


BROKEN = {
    "missing key": (_without("date"),
                    "meetings[0].date: expected a date written yyyy-mm-dd (e.g. 2021-03-02); found nothing"),
    "missing list": (_without("agenda"), "meetings[0].agenda: expected a list ([...]); found nothing"),
    "bad date": (_set(("meetings", 1, "date"), "5 January 2021"),
                 'meetings[1].date: expected a date written yyyy-mm-dd (e.g. 2021-03-02); found "5 January 2021"'),
    "impossible date": (_set(("meetings", 0, "date"), "2021-02-29"),
                        'meetings[0].date: expected a date written yyyy-mm-dd (e.g. 2021-03-02); found "2021-02-29", '
                        "which is no such day"),
    "bad time": (_set(("meetings", 0, "time"), "3.30 pm"),
                 'meetings[0].time: expected a time written hh:mm on the 24-hour clock (e.g. 15:30), or "" for none; '
                 'found "3.30 pm"'),
    "hour 24": (_set(("meetings", 0, "time"), "24:00"),
                'meetings[0].time: expected a time written hh:mm on the 24-hour clock (e.g. 15:30), or "" for none; '
                'found "24:00"'),
    "duplicate minute numbers in a meeting": (
        _duplicate_minute_number,
        "meetings[1].minutes[4].number: expected a minute number not yet used in the Corporate Parenting Panel's "
        "2020/21 municipal year (numbers run on through the year); found 74 again (also meetings[1].minutes[1], "
        "5 January 2021)"),
    "duplicate minute numbers in a committee year": (
        _minute_number_used_by_a_meeting_of_the_same_year,
        "meetings[1].minutes[5].number: expected a minute number not yet used in the Corporate Parenting Panel's "
        "2020/21 municipal year (numbers run on through the year); found 78 again (also meetings[0].minutes[0], "
        "2 March 2021)"),
    "unknown role": (_set(("meetings", 0, "membership", 0, "role"), "treasurer"),
                     'meetings[0].membership[0].role: expected chair, vice-chair, member, co-opted member or '
                     'substitute; found "treasurer"'),
    "unknown attendance role": (
        _set(("meetings", 1, "present", 1, "role"), "mayor"),
        'meetings[1].present[1].role: expected chair, vice-chair, member, co-opted member, substitute, officer, '
        'cabinet member, external or "" (none given); found "mayor"'),
    "exempt item without paragraphs": (
        _exempt_without_paragraphs,
        "meetings[0].agenda[9].exempt_paragraphs: expected the Schedule 12A paragraphs (1 to 7) that make the item "
        "exempt, e.g. [1, 2], or exempt_grounds naming them; found none"),
    "paragraph 8": (_set(("meetings", 0, "agenda", 9, "exempt_paragraphs"), [1, 8]),
                    "meetings[0].agenda[9].exempt_paragraphs[1]: expected a paragraph of Part 1 of Schedule 12A, a "
                    "whole number from 1 to 7; found 8"),
    "paragraphs of an item not exempt": (
        _set(("meetings", 0, "agenda", 5, "exempt_paragraphs"), [3]),
        "meetings[0].agenda[5].exempt_paragraphs: expected no Schedule 12A paragraphs for an item not exempt; found 3"),
    "unplaced person": (
        _unplaced_person,
        'meetings[1].present[2].name: expected a person the import can place by name and title, or a name given '
        'in "aliases"; found "Councillor Elliott", whose name is like "Councillor J. Elliot" or "Councillor M. S. '
        'Elliott": say in "aliases" who is who'),
    "wrong type for a list": (_set(("meetings", 1, "minutes"), {"number": 73}),
                              "meetings[1].minutes: expected a list ([...]); found an object"),
    "wrong type for a number": (_set(("meetings", 1, "minutes", 0, "number"), "73a"),
                                'meetings[1].minutes[0].number: expected a whole number from 1; found "73a"'),
    "wrong type for a flag": (_set(("meetings", 0, "agenda", 0, "exempt"), "no"),
                              'meetings[0].agenda[0].exempt: expected true or false; found "no"'),
    "unknown item type": (_set(("meetings", 0, "agenda", 4, "derived_item_type"), "slideshow"),
                          'meetings[0].agenda[4].derived_item_type: expected apologies, minutes_of_previous_meeting, '
                          'declarations_of_interest, exclusion_of_press_and_public, public_questions, communications, '
                          'appointments, report, presentation, performance_report, work_programme, '
                          'recommendation_monitoring, sub_and_project_groups, urgent_business, date_of_next_meeting '
                          'or other; found "slideshow"'),
    "pages the wrong way round": (_set(("meetings", 0, "agenda", 7, "page_from"), 50),
                                  "meetings[0].agenda[7].page_to: expected a last page from the first page (50) on; "
                                  "found 44"),
    "two chairs in a year": (_two_chairs,
                             "meetings[2].membership[1].role: expected one chair of Improving Lives Select Commission "
                             "in 2016/17; found Councillor Allcock after Councillor Clark (meetings[2].membership[0])"),
    "a person twice at a meeting": (
        _same_person_twice,
        'meetings[1].apologies[1].name: expected each person once in a meeting\'s attendance; found "Councillor '
        'Cusworth" again (also meetings[1].present[1])'),
    "attendance for a minute of another meeting": (
        _set(("meetings", 3, "in_attendance", 0, "for_minutes"), [12]),
        "meetings[3].in_attendance[0].for_minutes: expected the number of a minute of this meeting (46 to 54); "
        "found 12"),
    "an alias given twice": (
        _same_alias_twice,
        'aliases[1].printed[1].name: expected each printed name once in "aliases"; found "Councillor Elliot" again '
        "(also aliases[0].printed[0])"),
    "a control character": (_set(("meetings", 0, "agenda", 0, "title"), "Apologies\x1b"),
                            "meetings[0].agenda[0].title: expected text without control characters; found U+001B at "
                            "character 10"),
    "not an object": (_set(("meetings", 2), ["a list"]), "meetings[2]: expected an object ({...}); found a list"),
}


@pytest.mark.parametrize("case", BROKEN, ids=str)
def test_a_broken_file_names_its_error_and_changes_nothing(case):
    # The demo is stored already: a failed import must leave every table, and the history, as it was.
    assert import_meetings(fixture_copy()).ok
    before = fingerprint()
    edit, expected = BROKEN[case]
    data = fixture_copy()
    edit(data)
    result = import_meetings(data)
    assert not result.ok
    assert expected in [str(problem) for problem in result.problems]
    assert fingerprint() == before


def test_without_aliases_every_name_alike_is_an_error_and_nothing_is_written():
    data = fixture_copy()
    del data["aliases"]
    result = import_meetings(data)
    messages = [str(problem) for problem in result.problems]
    assert len(messages) == 26
    assert messages[0] == (
        'meetings[0].membership[1].name: expected a person the import can place by name and title, or a name given '
        'in "aliases"; found "Councillor Elliot", whose name is like "Councillor M. Elliott": say in "aliases" who is who'
    )
    assert Person.objects.count() == Meeting.objects.count() == 0


def test_unknown_keys_are_ignored():
    data = fixture_copy()
    data["something_new"] = {"any": "thing"}
    data["meetings"][0]["agenda"][0]["colour"] = "blue"
    data["meetings"][0]["membership"][0]["nickname"] = "V"
    assert import_meetings(data).ok


def test_importing_the_same_file_again_changes_nothing():
    assert import_meetings(fixture_copy()).ok
    before = fingerprint()
    again = import_meetings(fixture_copy())
    assert again.ok
    assert fingerprint() == before
    assert not any(" created" in key or " updated" in key for key in again.counts)


def test_an_edited_copy_updates_the_same_rows_in_place():
    assert import_meetings(fixture_copy()).ok
    meeting_ids = dict(Meeting.objects.values_list("date", "pk"))
    item = AgendaItem.objects.get(meeting__date=datetime.date(2021, 3, 2), number=8)
    minute = Minute.objects.get(number=76)
    history = item.history.count()
    data = fixture_copy()
    data["meetings"][CPP_MARCH_2021]["venue"] = "Town Hall, Moorgate Street, Rotherham"
    data["meetings"][CPP_MARCH_2021]["agenda"][7]["title"] = "Corporate Parenting Performance Report (December 2020)"
    data["meetings"][CPP_JANUARY_2021]["minutes"][3]["resolved"].append("That a further report be brought in June.")
    del data["meetings"][CPP_JANUARY_2021]["minutes"][5]  # minute 78 taken out
    result = import_meetings(data)
    assert result.ok, result.lines()
    assert dict(Meeting.objects.values_list("date", "pk")) == meeting_ids
    item.refresh_from_db()
    assert item.title == "Corporate Parenting Performance Report (December 2020)"
    assert item.history.count() == history + 1
    moved = Meeting.objects.get(pk=meeting_ids[datetime.date(2021, 3, 2)])
    assert moved.venue.startswith("Town Hall")
    assert moved.sequence == 1  # the calendar feed's SEQUENCE grows, so subscribers take the change
    assert Meeting.objects.get(pk=meeting_ids[datetime.date(2021, 1, 5)]).sequence == 0
    assert Minute.objects.get(number=76).pk == minute.pk
    assert list(minute.resolutions.values_list("number", flat=True)) == [1, 2]
    assert not Minute.objects.filter(number=78).exists()
    assert result.counts["meetings updated"] == 1 and result.counts["agenda items updated"] == 1


def test_an_agenda_reordered_keeps_its_items():
    assert import_meetings(fixture_copy()).ok
    ids = dict(AgendaItem.objects.filter(meeting__date=datetime.date(2021, 3, 2)).values_list("number", "pk"))
    data = fixture_copy()
    agenda = data["meetings"][CPP_MARCH_2021]["agenda"]
    agenda[4], agenda[5] = agenda[5], agenda[4]
    assert import_meetings(data).ok
    items = AgendaItem.objects.filter(meeting__date=datetime.date(2021, 3, 2))
    assert dict(items.values_list("number", "pk")) == ids
    assert list(items.order_by("order").values_list("number", flat=True))[4:6] == [6, 5]


def _approving_march_meeting(data):
    data["meetings"][CPP_MARCH_2021]["minutes"] = [
        {"number": 79, "title": "MINUTES OF THE PREVIOUS MEETING HELD ON 5 JANUARY 2021",
         "resolved": ["That the minutes of the previous meeting held on 5 January 2021 be approved as a true and "
                      "correct record of the proceedings."]},
    ]
    return data


def test_minutes_a_later_meeting_confirms_import_as_approved():
    result = import_meetings(_approving_march_meeting(fixture_copy()))
    assert result.ok, result.lines()
    january = Minutes.objects.get(meeting__date=datetime.date(2021, 1, 5))
    assert january.state == MinutesState.APPROVED
    assert january.approved_at.date == datetime.date(2021, 3, 2)
    # The approving meeting's own minutes await the next meeting.
    assert Minutes.objects.get(meeting__date=datetime.date(2021, 3, 2)).state == MinutesState.PUBLISHED
    assert Minutes.objects.get(meeting__date=datetime.date(2020, 3, 3)).state == MinutesState.PUBLISHED


def test_a_later_file_approves_minutes_imported_before():
    assert import_meetings(fixture_copy()).ok
    data = _approving_march_meeting(fixture_copy())
    data["meetings"] = [data["meetings"][CPP_MARCH_2021]]
    assert import_meetings(data).ok
    january = Minutes.objects.get(meeting__date=datetime.date(2021, 1, 5))
    assert january.state == MinutesState.APPROVED and january.approved_at.date == datetime.date(2021, 3, 2)
    # ... and the first file imported again does not undo the approval.
    assert import_meetings(fixture_copy()).ok
    january.refresh_from_db()
    assert january.state == MinutesState.APPROVED


def test_minute_numbers_run_on_through_the_year_and_restart_in_the_next():
    data = fixture_copy()
    # 2 March 2021 follows January's 73 to 78 in 2020/21; a June 2021 meeting starts 2021/22 at 1,
    # and may reuse 73 (another year).
    _approving_march_meeting(data)
    data["meetings"][CPP_MARCH_2021]["minutes"].append({"number": 80, "title": "DECLARATIONS OF INTEREST", "resolved": []})
    june = copy.deepcopy(data["meetings"][CPP_JANUARY_2021])
    june.update(date="2021-06-15", present=[], apologies=[])
    june["minutes"] = [{"number": 1, "title": "APOLOGIES", "resolved": []},
                       {"number": 73, "title": "A HIGH NUMBER, ANOTHER YEAR", "resolved": []}]
    data["meetings"].append(june)
    result = import_meetings(data)
    assert result.ok, result.lines()
    numbers = {
        (year, number) for year, number in Minute.objects.filter(committee__slug="corporate-parenting-panel")
        .values_list("municipal_year", "number")
    }
    assert numbers == {(2020, n) for n in range(73, 81)} | {(2021, 1), (2021, 73)}


def test_a_minute_number_stored_before_is_taken_for_the_year():
    assert import_meetings(fixture_copy()).ok
    data = fixture_copy()
    data["meetings"] = [data["meetings"][CPP_MARCH_2021]]
    data["meetings"][0]["minutes"] = [{"number": 76, "title": "PERFORMANCE", "resolved": []}]
    before = fingerprint()
    result = import_meetings(data)
    assert [str(problem) for problem in result.problems] == [
        "meetings[0].minutes[0].number: expected a minute number not yet used in the Corporate Parenting Panel's "
        "2020/21 municipal year (numbers run on through the year); found 76 again (also minute 76 of 5 January 2021 "
        "in the database)"
    ]
    assert fingerprint() == before


def test_aliases_are_kept_for_later_imports():
    assert import_meetings(fixture_copy()).ok
    data = fixture_copy()
    del data["aliases"]
    assert import_meetings(data).ok, "the stored aliases place every printed name"
    assert Person.objects.filter(name__icontains="Elliot").count() == 2


def test_the_demo_councillors_membership_survives_a_reimport():
    assert import_meetings(fixture_copy()).ok
    committee = Committee.objects.get(slug="corporate-parenting-panel")
    demo = Person.objects.create(name="Demo Councillor", title="Councillor")
    Membership.objects.create(committee=committee, person=demo, municipal_year=2020)
    data = fixture_copy()
    data["meetings"][CPP_MARCH_2021]["membership"].pop(0)  # Cusworth no longer printed
    assert import_meetings(data).ok
    assert set(Membership.objects.filter(committee=committee, municipal_year=2020)
               .values_list("person__name", flat=True)) == {"Demo Councillor", "J. Elliot", "M. S. Elliott", "Jarvis",
                                                             "Watson"}
