"""One permission matrix over every /manage/ URL of the site (issue 13): each pattern under
`manage/` x role x {GET, POST}. The addresses are built from the patterns themselves, so a new
management screen is walked the day it is added; its rule must be written in `WHO` or
`test_every_manage_url_has_a_rule` fails.

Each screen's own tests walk it in more detail (what an admin's empty POST answers, that
nothing changed); this one asks the one question for all of them: does anyone but the people
the rule names get in?
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Person
from accounts.roles import Role
from meetings.models import (
    Action as MinuteAction,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    Minutes,
    Pack,
)
from meetings.vocabulary import AttendanceKind, DocumentKind, InterestType, ItemType, PackState
from scorecards.models import Benchmark, Indicator, Observation, Outturn, Publication, Scorecard, Section, Target
from tests.builders import build_scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = {"councillor": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
         "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}

ADMINS = "admins"  # admins only
ADVISORS = "governance advisors and admins"  # the committee record (issue 15) and packs (16)
ADMINS_AND_OWNERS_READING = "admins, and an officer reading an indicator they own"
# Every /manage/ pattern and who may use it.
WHO = {
    "portal:manage": ADMINS,
    "accounts:manage_users": ADMINS,
    "accounts:manage_user_add": ADMINS,
    "accounts:manage_user": ADMINS,
    "accounts:manage_user_unlock": ADMINS,
    "accounts:manage_user_send_link": ADMINS,
    "accounts:manage_site": ADMINS,
    "scorecards:manage_scorecards": ADMINS,
    "scorecards:manage_scorecard_new": ADMINS,
    "scorecards:manage_scorecard": ADMINS,
    "scorecards:manage_section_new": ADMINS,
    "scorecards:manage_section": ADMINS,
    "scorecards:manage_section_move": ADMINS,
    "scorecards:manage_indicator_owners": ADMINS,
    "scorecards:manage_indicators": ADMINS_AND_OWNERS_READING,
    "scorecards:manage_indicator_new": ADMINS,
    "scorecards:manage_indicator": ADMINS_AND_OWNERS_READING,
    "scorecards:manage_indicator_retirement": ADMINS,
    "scorecards:manage_outturns": ADMINS,
    "scorecards:manage_outturn": ADMINS,
    "scorecards:manage_benchmarks": ADMINS,
    "scorecards:manage_benchmark": ADMINS,
    "scorecards:manage_targets": ADMINS,
    "scorecards:manage_target_preview": ADMINS,
    "scorecards:manage_target": ADMINS,
    "scorecards:manage_target_rollover": ADMINS,
    "scorecards:manage_target_review": ADMINS,
    # Documents of agenda items (issue 15, part 4; tests/test_manage_documents.py).
    "meetings:manage_document_new": ADVISORS,
    "meetings:manage_document": ADVISORS,
    # The meetings area (issue 15, parts 2 and 3): meetings, series, front sheet, status, agenda items.
    "meetings:manage_meeting_new": ADVISORS,
    "meetings:manage_meeting_series": ADVISORS,
    "meetings:manage_meeting": ADVISORS,
    "meetings:manage_meeting_edit": ADVISORS,
    "meetings:manage_meeting_status": ADVISORS,
    "meetings:manage_agenda_item_new": ADVISORS,
    "meetings:manage_agenda_item": ADVISORS,
    "meetings:manage_agenda_item_move": ADVISORS,
    # Agenda packs (issue 16): publish, one build, its status fragment.
    "meetings:manage_pack": ADVISORS,
    "meetings:manage_pack_build": ADVISORS,
    "meetings:manage_pack_status": ADVISORS,
    # The minutes area (issue 15, parts 5 and 6): attendance, declarations, minutes, actions.
    "meetings:manage_attendance": ADVISORS,
    "meetings:manage_attendance_entry": ADVISORS,
    "meetings:manage_declarations": ADVISORS,
    "meetings:manage_declaration": ADVISORS,
    "meetings:manage_minutes": ADVISORS,
    "meetings:manage_minute_new": ADVISORS,
    "meetings:manage_minute": ADVISORS,
    "meetings:manage_minutes_publish": ADVISORS,
    "meetings:manage_minutes_approve": ADVISORS,
    "meetings:manage_actions": ADVISORS,
    "meetings:manage_action": ADVISORS,
    # Committees, standard items and memberships (issue 15, part 1).
    "meetings:manage_committees": ADVISORS,
    "meetings:manage_committee_new": ADVISORS,
    "meetings:manage_committee": ADVISORS,
    "meetings:manage_standard_items": ADVISORS,
    "meetings:manage_standard_era": ADVISORS,
    "meetings:manage_memberships": ADVISORS,
    "meetings:manage_membership_new": ADVISORS,
    "meetings:manage_membership_rollover": ADVISORS,
    "meetings:manage_membership": ADVISORS,
}
# Pages an owning officer may read (GET); every POST of theirs is refused. Any officer may read
# the list of indicators: it holds only those they own, none for an officer who owns none.
OWNER_READS = {"scorecards:manage_indicators", "scorecards:manage_indicator"}
OFFICER_READS = {"scorecards:manage_indicators"}


def manage_patterns(resolver: URLResolver | None = None, namespace: str = "", prefix: str = "") -> dict[str, str]:
    """Every named pattern whose address starts /manage/: name -> its route."""
    found = {}
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= manage_patterns(entry, inner, route)
        elif isinstance(entry, URLPattern) and entry.name and route.startswith("manage/"):
            found[f"{namespace}{entry.name}"] = route
    return found


def test_every_manage_url_has_a_rule():
    assert set(manage_patterns()) == set(WHO)


@pytest.fixture
def world(db):
    """A scorecard with one of everything a management address can name, and its owning officer."""
    card = build_scorecard(indicator_count=2, slug="matrix-card")
    owner = make_user("matrix-owner", Role.PERFORMANCE_OFFICER)
    indicator = Indicator.objects.filter(scorecard=card).order_by("sort_key").first()
    indicator.owners.add(owner)
    committee = Committee.objects.create(name="Matrix Panel", slug="matrix-panel")
    person = Person.objects.create(name="Matrix Member", title="Councillor")
    meeting = Meeting.objects.create(committee=committee, date=datetime.date(2026, 6, 2))
    item = AgendaItem.objects.create(meeting=meeting, number=1, order=1, title="Matrix report",
                                     item_type=ItemType.REPORT)
    document = Document.objects.create(agenda_item=item, order=1, kind=DocumentKind.COVER_REPORT,
                                       title="Matrix cover", text="Matrix text")
    minute = Minute.objects.create(meeting=meeting, number=1, order=1, title="Matrix minute")
    Minutes.objects.create(meeting=meeting)
    return {
        "card": card, "owner": owner, "indicator": indicator, "committee": committee, "meeting": meeting,
        "item": item, "document": document, "minute": minute,
        "membership": Membership.objects.create(committee=committee, person=person, municipal_year=2026),
        "attendance": Attendance.objects.create(meeting=meeting, person=person, kind=AttendanceKind.PRESENT),
        "declaration": Declaration.objects.create(meeting=meeting, person=person,
                                                  interest_type=InterestType.OTHER),
        "action": MinuteAction.objects.create(minute=minute, description="Matrix action"),
        "pack": Pack.objects.create(meeting=meeting, state=PackState.FAILED, error="Matrix"),
    }


def address(name: str, route: str, world: dict) -> str:
    """The pattern's address, each argument one the world holds."""
    indicator = world["indicator"]
    values = {
        "slug": world["card"].slug,
        "section_id": Section.objects.filter(scorecard=world["card"]).first().pk,
        "pk": world["owner"].pk if name.startswith("accounts:") else indicator.pk,
        "year": (Outturn if "outturn" in name else Target).objects.filter(indicator=indicator)
        .first().year.replace("/", "-"),
        "benchmark_id": Benchmark.objects.filter(indicator=indicator).first().pk,
        # The committee record's screens (issue 15, 16) name these.
        "committee": world["committee"].slug,
        "day": world["meeting"].date,
        "municipal_year": world["meeting"].municipal_year,
        "item_id": world["item"].pk,
        "document_id": world["document"].pk,
        "minute_id": world["minute"].pk,
        "membership_id": world["membership"].pk,
        "attendance_id": world["attendance"].pk,
        "declaration_id": world["declaration"].pk,
        "action_id": world["action"].pk,
        "pack_id": world["pack"].pk,
    }
    kwargs = {key: value for key, value in values.items() if f":{key}>" in route}
    return reverse(name, kwargs=kwargs)


def everything() -> tuple:
    """What a refused request must leave as it was."""
    return (
        list(Scorecard.objects.values_list("title", "year_start_month", "dot_basis", "deadline_working_day")),
        list(Section.objects.values_list("title", "order")),
        list(Indicator.objects.values_list("number", "name", "unit", "retired_from")),
        list(Target.objects.values_list("year", "red", "amber", "green", "draft")),
        list(Outturn.objects.values_list("year", "value")),
        list(Benchmark.objects.values_list("measure", "value")),
        Observation.objects.count(), Publication.objects.count(),
        list(get_user_model().objects.values_list("username", "is_active")),
        list(Committee.objects.values_list("name", "slug", "description")),
        list(Membership.objects.values_list("person", "municipal_year", "role", "ended_on")),
        list(Meeting.objects.values_list("date", "status", "sequence", "venue")),
        list(AgendaItem.objects.values_list("title", "order", "status", "exempt", "publication")),
        list(Document.objects.values_list("title", "file", "text", "exempt")),
        list(Minute.objects.values_list("number", "title", "body")),
        list(Minutes.objects.values_list("state", "approved_at")),
        list(Attendance.objects.values_list("person", "kind")),
        list(MinuteAction.objects.values_list("description", "done")),
        Declaration.objects.count(), Pack.objects.count(),
    )


@pytest.mark.parametrize("role", ["anonymous", "councillor", "officer", "owner", "advisor", "admin"])
def test_only_the_people_a_rule_names_get_in(client, world, role):
    if role == "owner":
        client.force_login(world["owner"])
    elif role != "anonymous":
        client.force_login(make_user(f"matrix-{role}", ROLES[role]))
    before = everything()
    for name, route in manage_patterns().items():
        url = address(name, route, world)
        for method in ("GET", "POST"):
            response = client.get(url) if method == "GET" else client.post(url, {})
            status = response.status_code
            if status == 405:
                continue  # the method is refused before anyone is asked who they are
            if role == "anonymous":
                assert status == 302 and response["Location"].startswith("/sign-in/"), (method, url, status)
            elif role == "advisor" and WHO[name] == ADVISORS:
                assert status in (200, 302) or (method == "POST" and status == 400), (method, url, status)
                assert "no-store" in response["Cache-Control"], (method, url)
            elif role == "admin":
                # 400: an empty POST where only the page's own buttons make sense (a move's direction).
                assert status in (200, 302) or (method == "POST" and status == 400), (method, url, status)
                assert "no-store" in response["Cache-Control"], (method, url)
            elif role == "officer" and method == "GET" and name in OFFICER_READS:
                assert status == 200 and world["indicator"].name not in response.content.decode(), (method, url, status)
            elif role == "owner" and method == "GET" and name in OWNER_READS:
                assert status == 200 and "no-store" in response["Cache-Control"], (method, url, status)
                # Read only: the indicator's page holds none of the edit form's fields.
                assert 'name="name"' not in response.content.decode(), url
            else:
                assert status == 403, (role, method, url, status)
    if role not in ("admin", "advisor"):
        assert everything() == before
