"""The advisor's committee screens (issue 15, part 1): committees, standard items by era,
memberships by municipal year and the rollover. What each screen does, what bad input reads as
(the exact message, every value kept, nothing changed), and the history each write leaves."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Person
from accounts.roles import Role
from meetings.models import Committee, Membership, StandardItem
from meetings.vocabulary import ItemType, MembershipRole
from tests.builders import build_scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

BASE = "/manage/committees/"
CPP = f"{BASE}corporate-parenting-panel/"
COMMITTEE = {"name": "Health Select Commission", "slug": "", "kind": "select_commission",
             "description": "Scrutiny of health services."}


@pytest.fixture
def advisor(client):
    user = make_user("governance", Role.GOVERNANCE_ADVISOR)
    client.force_login(user)
    return user


@pytest.fixture
def panel(db):
    """The panel of 2020/21: a chair, a vice-chair, two members (one whose seat ended), and its
    standard items of two eras."""
    committee = Committee.objects.create(name="Corporate Parenting Panel", slug="corporate-parenting-panel",
                                         kind="panel")
    people = {name: Person.objects.create(title="Councillor", name=name)
              for name in ("Watson", "Jarvis", "Cusworth", "Elliott")}
    for name, role in (("Watson", "chair"), ("Jarvis", "vice_chair"), ("Cusworth", "member")):
        Membership.objects.create(committee=committee, person=people[name], municipal_year=2020, role=role)
    Membership.objects.create(committee=committee, person=people["Elliott"], municipal_year=2020,
                              ended_on=datetime.date(2021, 1, 31))
    for era, titles in ((datetime.date(2018, 10, 16), ["Apologies for absence", "Declarations of Interest"]),
                        (datetime.date(2021, 3, 2), ["Apologies for Absence", "Minutes", "Urgent Business"])):
        for order, title in enumerate(titles, start=1):
            StandardItem.objects.create(committee=committee, era_from=era, order=order, title=title,
                                        item_type=ItemType.OTHER)
    return committee


def seat(committee: Committee, name: str, year: int = 2020) -> Membership:
    return Membership.objects.get(committee=committee, person__name=name, municipal_year=year)


def errors(response) -> list[str]:
    """The error summary's messages, in order."""
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', response.content.decode(), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)] \
        if summary else []


def history(model_history) -> list[tuple]:
    return list(model_history.order_by("history_id").values_list("history_user__username", "history_change_reason"))


def seats_now() -> list[tuple]:
    return sorted(Membership.objects.values_list("person__name", "municipal_year", "role", "ended_on",
                                                 "represents"))


# -- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.PERFORMANCE_OFFICER])
def test_only_advisors_and_admins_may_keep_the_committee_record(client, panel, role):
    client.force_login(make_user("someone", role))
    assert client.get(BASE).status_code == 403
    assert client.post(f"{CPP}members/2020/rollover/", {"seats": [seat(panel, "Cusworth").pk]}).status_code == 403
    assert not Membership.objects.filter(municipal_year=2021).exists()


def test_an_admin_may_too(client, panel):
    client.force_login(make_user("boss", Role.ADMIN))
    assert client.get(CPP).status_code == 200


# -- the list --------------------------------------------------------------------------------


def test_the_list_shows_each_committee_with_this_years_members_and_chair(client, advisor, panel):
    year = timezone.localdate().year if timezone.localdate().month >= 5 else timezone.localdate().year - 1
    chair = Membership.objects.create(committee=panel, person=Person.objects.create(name="Now"), municipal_year=year,
                                      role=MembershipRole.CHAIR)
    Membership.objects.create(committee=panel, person=Person.objects.create(name="Gone"), municipal_year=year,
                              ended_on=timezone.localdate())  # ended today: no longer a member
    Committee.objects.create(name="Empty Board", slug="empty-board", kind="board")
    page = client.get(BASE).content.decode()
    assert f'href="{CPP}"' in page and "Corporate Parenting Panel" in page and "Empty Board" in page
    row = page[page.index("Corporate Parenting Panel"):page.index("Empty Board")]
    assert ">1<" in row.replace(" ", "") and str(chair.person) in row and "Panel" in row
    assert f'href="{CPP}members/{year}/"' in row and f'href="{CPP}standard-items/"' in row
    assert 'href="/manage/committees/new/"' in page


def test_the_list_reads_in_the_same_queries_for_two_or_six_committees(client, advisor, panel):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(BASE).status_code == 200
        return len(queries)
    Committee.objects.create(name="Second", slug="second")
    count()  # the first request of the session reads what later ones find cached (site settings)
    two = count()
    for number in range(4):
        committee = Committee.objects.create(name=f"More {number}", slug=f"more-{number}")
        Membership.objects.create(committee=committee, person=Person.objects.create(name=f"P{number}"),
                                  municipal_year=2020, role=MembershipRole.CHAIR)
    assert count() == two


def test_a_committee_without_members_this_year_says_its_latest_year(client, advisor, panel):
    page = client.get(BASE).content.decode()
    assert "4 in 2020/21" in page


# -- creating and editing committees ----------------------------------------------------------


def test_creating_a_committee_makes_its_slug_from_the_name_and_records_who(client, advisor, db):
    card = build_scorecard(indicator_count=1, slug="health-card")
    response = client.post(f"{BASE}new/", {**COMMITTEE, "scorecards": [card.pk]})
    committee = Committee.objects.get(name="Health Select Commission")
    assert response.status_code == 302 and response["Location"] == f"{BASE}health-select-commission/"
    assert (committee.slug, committee.kind, committee.description) == (
        "health-select-commission", "select_commission", "Scrutiny of health services.")
    assert list(committee.scorecards.all()) == [card]
    assert history(committee.history) == [("governance", "Created")]


def test_the_slug_corporate_parenting_panel(client, advisor, db):
    client.post(f"{BASE}new/", {**COMMITTEE, "name": "Corporate  Parenting Panel"})
    assert Committee.objects.get().slug == "corporate-parenting-panel"
    assert Committee.objects.get().name == "Corporate Parenting Panel"


@pytest.mark.parametrize(("posted", "message"), [
    ({"name": "corporate parenting panel", "slug": "cpp"},
     "There is already a committee called “Corporate Parenting Panel”: choose another name"),
    ({"slug": "Corporate-Parenting-Panel"},
     "The short name Corporate-Parenting-Panel is taken by “Corporate Parenting Panel”: enter another"),
    ({"name": "Corporate Parenting Panel!"},
     "The short name made from the name, corporate-parenting-panel, is taken by “Corporate Parenting Panel”: "
     "enter another short name"),
    ({"slug": "new"}, "Choose another short name: “new” is the address of the page that creates a committee"),
    ({"slug": "health panel"},
     "The short name can only contain letters, digits, - and _, for example corporate-parenting-panel"),
    ({"name": ""}, "Enter the committee's name"),
    ({"kind": "council"}, "Select what kind of committee it is from the list"),
    ({"name": "!!!"}, "Enter a short name for the web address: none can be made from this name"),
])
def test_a_bad_committee_is_refused_with_its_message_and_what_was_typed_kept(client, advisor, panel, posted, message):
    data = {**COMMITTEE, "description": "Kept words", **posted}
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 200 and errors(response) == [message]
    page = response.content.decode()
    assert "Kept words" in page and "<title>Error: " in page
    if data["name"]:
        assert f'value="{data["name"]}"' in page
    assert list(Committee.objects.values_list("name", flat=True)) == ["Corporate Parenting Panel"]


def test_editing_a_committee_records_what_changed_in_words(client, advisor, panel):
    card = build_scorecard(indicator_count=1, slug="cpp-card")
    form = client.get(CPP).context["form"]
    data = {**form.initial, "name": "Corporate Parenting Board", "kind": "board", "scorecards": [card.pk],
            "description": ""}
    response = client.post(CPP, data)
    assert response.status_code == 302
    panel.refresh_from_db()
    assert (panel.name, panel.slug, panel.kind) == ("Corporate Parenting Board", "corporate-parenting-panel", "board")
    assert history(panel.history)[-1] == ("governance", f"Name: Corporate Parenting Panel to Corporate Parenting "
                                                        f"Board; Kind: Panel to Board; Scorecards: none to {card.title}")


def test_an_edit_from_a_page_someone_else_changed_since_is_refused(client, advisor, panel):
    form = client.get(CPP).context["form"]
    panel.description, panel._change_reason = "Changed meanwhile", "meanwhile"
    panel.save()
    response = client.post(CPP, {**form.initial, "name": "Renamed"})
    assert response.status_code == 200
    assert errors(response)[0].startswith("Someone changed this committee")
    panel.refresh_from_db()
    assert panel.name == "Corporate Parenting Panel" and 'value="Renamed"' in response.content.decode()


def test_the_committee_screen_shows_its_members_and_links(client, advisor, panel):
    year = timezone.localdate().year if timezone.localdate().month >= 5 else timezone.localdate().year - 1
    Membership.objects.create(committee=panel, person=Person.objects.get(name="Watson"), municipal_year=year,
                              role=MembershipRole.CHAIR)
    page = client.get(CPP).content.decode()
    assert "Councillor Watson" in page and f'{CPP}members/{year}/' in page and f"{CPP}standard-items/" in page
    assert f"{CPP}members/{year}/add/" in page and "2020/21</a>: 4 seats" in page


# -- standard items ---------------------------------------------------------------------------


def test_a_new_era_starts_with_a_copy_of_the_latest(client, advisor, panel):
    response = client.post(f"{CPP}standard-items/", {"era_from_0": "4", "era_from_1": "5", "era_from_2": "2021"})
    assert response["Location"] == f"{CPP}standard-items/2021-05-04/"
    copied = list(panel.standard_items.filter(era_from=datetime.date(2021, 5, 4)).values_list("order", "title"))
    assert copied == [(1, "Apologies for Absence"), (2, "Minutes"), (3, "Urgent Business")]
    assert panel.standard_items.count() == 8
    assert history(panel.history)[-1] == (
        "governance", "Standard items: new era from 4 May 2021, copied from the era from 2 March 2021")


@pytest.mark.parametrize(("day", "message"), [
    (("2", "3", "2021"), "There is already an era from 2 March 2021: change its items instead"),
    (("2", "", "2021"), "The date of its first meeting must include a month"),
    (("31", "2", "2021"), "The date of its first meeting must be a real date, for example 2 3 2021"),
    (("", "", ""), "Enter the date of its first meeting"),
])
def test_a_bad_era_date_is_refused(client, advisor, panel, day, message):
    response = client.post(f"{CPP}standard-items/", dict(zip(("era_from_0", "era_from_1", "era_from_2"), day)))
    assert errors(response) == [message] and panel.standard_items.count() == 5
    for box in day:
        if box:
            assert f'value="{box}"' in response.content.decode()


def test_items_of_an_era_are_added_changed_moved_and_removed(client, advisor, panel):
    era = f"{CPP}standard-items/2021-03-02/"
    client.post(era, {"action": "add", "add-item_type": "declarations_of_interest", "add-title": "Declarations",
                      "add-description": "To receive declarations."})
    titles = lambda: list(panel.standard_items.filter(era_from=datetime.date(2021, 3, 2)).values_list("title", flat=True))  # noqa: E731
    assert titles() == ["Apologies for Absence", "Minutes", "Urgent Business", "Declarations"]
    added = StandardItem.objects.get(title="Declarations")
    client.post(era, {"action": "move", "item": added.pk, "direction": "up"})
    assert titles() == ["Apologies for Absence", "Minutes", "Declarations", "Urgent Business"]
    page = client.get(f"{era}?edit={added.pk}").content.decode()
    assert 'value="Declarations"' in page
    client.post(era, {"action": "edit", "item": added.pk, "edit-item_type": "declarations_of_interest",
                      "edit-title": "Declarations of Interest", "edit-description": ""})
    minutes = StandardItem.objects.get(title="Minutes", era_from=datetime.date(2021, 3, 2))
    client.post(era, {"action": "remove", "item": minutes.pk})
    assert titles() == ["Apologies for Absence", "Declarations of Interest", "Urgent Business"]
    assert list(panel.standard_items.filter(era_from=datetime.date(2021, 3, 2)).values_list("order", flat=True)) == [1, 2, 3]
    assert [reason for _, reason in history(panel.history)][-4:] == [
        "Standard items from 2 March 2021: added “Declarations”",
        "Standard items from 2 March 2021: moved “Declarations” up",
        "Standard items from 2 March 2021: changed “Declarations of Interest”",
        "Standard items from 2 March 2021: removed “Minutes”",
    ]
    # The other era is untouched.
    assert panel.standard_items.filter(era_from=datetime.date(2018, 10, 16)).count() == 2


def test_an_item_without_a_title_is_refused_and_nothing_added(client, advisor, panel):
    era = f"{CPP}standard-items/2021-03-02/"
    response = client.post(era, {"action": "add", "add-item_type": "apologies", "add-title": " ",
                                 "add-description": "Kept description"})
    assert errors(response) == ["Enter the item's title"] and panel.standard_items.count() == 5
    assert "Kept description" in response.content.decode()
    assert client.post(era, {"action": "dance"}).status_code == 400
    other = StandardItem.objects.get(era_from=datetime.date(2018, 10, 16), order=1)
    assert client.post(era, {"action": "remove", "item": other.pk}).status_code == 404
    assert panel.standard_items.count() == 5


# -- memberships ------------------------------------------------------------------------------


def test_the_years_seats_are_listed_with_their_roles(client, advisor, panel):
    page = client.get(f"{CPP}members/2020/").content.decode()
    assert page.index("Councillor Watson") < page.index("Councillor Jarvis") < page.index("Councillor Cusworth")
    assert "Seat ended 31 January 2021" in page and "4 seats" in page
    assert client.get(f"{CPP}members/99999/").status_code == 404


def test_adding_an_existing_person_and_a_new_one(client, advisor, panel):
    cusworth = Person.objects.get(name="Cusworth")
    response = client.post(f"{CPP}members/2021/add/", {"person": cusworth.pk, "role": "member"})
    assert response["Location"] == f"{CPP}members/2021/"
    response = client.post(f"{CPP}members/2021/add/", {
        "new_title": "Ms.", "new_name": "J. Jones", "role": "co_opted", "represents": "Voluntary Sector Consortium",
        "scope": "for agenda items relating to older peoples' issues"})
    jones = seat(panel, "J. Jones", 2021)
    assert (jones.person.title, jones.person.slug, jones.role, jones.represents) == (
        "Ms.", "j-jones", "co_opted", "Voluntary Sector Consortium")
    assert history(jones.history) == [("governance", "Added as Co-opted member for 2021/22")]
    sub = client.post(f"{CPP}members/2021/add/", {"person": Person.objects.get(name="Watson").pk,
                                                  "role": "substitute", "substitute_for": cusworth.pk})
    assert sub.status_code == 302 and seat(panel, "Watson", 2021).substitute_for == cusworth


@pytest.mark.parametrize(("posted", "field_message"), [
    ({"new_name": "A. Person", "role": "co_opted"}, "A co-opted member represents an organisation: name it."),
    ({"new_name": "A. Person", "role": "member", "represents": "Somewhere"},
     "Only a co-opted member represents an organisation or attends for some items only."),
    ({"person": "WATSON", "new_name": "A. Person", "role": "member"},
     "Choose a person from the list or enter a new person's name, not both"),
    ({"role": "member"}, "Choose a person from the list, or enter the name of someone not on the record"),
    ({"person": "CUSWORTH", "role": "member"},
     "Councillor Cusworth already has a seat on this committee in 2020/21 (Member): change that seat instead"),
    ({"new_title": "councillor", "new_name": "watson", "role": "member"},
     "There is already a person called Councillor Watson on the record: choose them from the list"),
    ({"new_name": "A. Person", "role": "chair"},
     "Councillor Watson is already the chair in 2020/21. Tick “Move the chair role to this person” to make "
     "Councillor Watson a member instead"),
    ({"new_name": "A. Person", "role": "member", "substitute_for": "JARVIS"},
     "Only a substitute stands in for a member."),
    ({"new_name": "A. Person", "role": "trustee"}, "Select the role from the list"),
])
def test_a_bad_seat_is_refused_with_its_message_and_nothing_changes(client, advisor, panel, posted, field_message):
    before, people = seats_now(), Person.objects.count()
    names = {"WATSON": "Watson", "CUSWORTH": "Cusworth", "JARVIS": "Jarvis"}
    data = {key: (Person.objects.get(name=names[value]).pk if value in names else value) for key, value in posted.items()}
    response = client.post(f"{CPP}members/2020/add/", data)
    assert response.status_code == 200 and errors(response) == [field_message]
    if "new_name" in posted:
        assert f'value="{posted["new_name"]}"' in response.content.decode()
    assert seats_now() == before and Person.objects.count() == people


def test_a_second_chair_may_take_over_the_role_when_asked(client, advisor, panel):
    response = client.post(f"{CPP}members/2020/add/", {"new_name": "A. Person", "role": "chair"})
    assert "Move the chair role to this person" in response.content.decode()  # offered only now
    assert "Councillor Watson stays on the committee as a member." in response.content.decode()
    assert "Move the" not in client.get(f"{CPP}members/2020/add/").content.decode()
    response = client.post(f"{CPP}members/2020/add/", {"new_name": "A. Person", "role": "chair", "move_role": "on"})
    assert response.status_code == 302
    assert seat(panel, "A. Person").role == "chair" and seat(panel, "Watson").role == "member"
    assert history(seat(panel, "Watson").history)[-1] == (
        "governance", "Role: Chair to Member (Chair moved to A. Person)")


def test_editing_a_seat_ends_it_within_its_year(client, advisor, panel):
    cusworth = seat(panel, "Cusworth")
    url = f"{CPP}memberships/{cusworth.pk}/"
    form = client.get(url).context["form"]
    data = {**form.initial, "substitute_for": "", "ended_on_0": "3", "ended_on_1": "3", "ended_on_2": "2021"}
    del data["ended_on"]
    assert client.post(url, data)["Location"] == f"{CPP}members/2020/"
    cusworth.refresh_from_db()
    assert cusworth.ended_on == datetime.date(2021, 3, 3)
    assert history(cusworth.history)[-1] == ("governance", "Ended on 3 March 2021")


@pytest.mark.parametrize(("day", "message"), [
    (("1", "5", "2021"), "The date the seat ended must be within 2020/21: from 1 May 2020 to 30 April 2021"),
    (("30", "4", "2020"), "The date the seat ended must be within 2020/21: from 1 May 2020 to 30 April 2021"),
    (("3", "", ""), "The date the seat ended must include a month and a year"),
    (("x", "3", "2021"), "The date the seat ended must be a real date, for example 2 3 2021"),
])
def test_an_end_date_outside_the_year_is_refused(client, advisor, panel, day, message):
    cusworth = seat(panel, "Cusworth")
    url = f"{CPP}memberships/{cusworth.pk}/"
    data = {"role": "member", "version": client.get(url).context["form"].initial["version"],
            **dict(zip(("ended_on_0", "ended_on_1", "ended_on_2"), day))}
    response = client.post(url, data)
    assert errors(response) == [message] and f'value="{day[0]}"' in response.content.decode()
    cusworth.refresh_from_db()
    assert cusworth.ended_on is None and len(history(cusworth.history)) == 1


def test_making_a_member_vice_chair_names_the_vice_chair_or_moves_the_role(client, advisor, panel):
    cusworth = seat(panel, "Cusworth")
    url = f"{CPP}memberships/{cusworth.pk}/"
    response = client.post(url, {"role": "vice_chair"})
    assert errors(response) == ["Councillor Jarvis is already the vice-chair in 2020/21. Tick “Move the vice-chair "
                                "role to this person” to make Councillor Jarvis a member instead"]
    assert seat(panel, "Cusworth").role == "member" and seat(panel, "Jarvis").role == "vice_chair"
    client.post(url, {"role": "vice_chair", "move_role": "on"})
    assert seat(panel, "Cusworth").role == "vice_chair" and seat(panel, "Jarvis").role == "member"
    assert history(seat(panel, "Cusworth").history)[-1] == ("governance", "Role: Member to Vice-Chair")


def test_a_seat_of_another_committee_is_not_found(client, advisor, panel):
    other = Committee.objects.create(name="Other", slug="other")
    assert client.get(f"/manage/committees/other/memberships/{seat(panel, 'Watson').pk}/").status_code == 404
    assert other.memberships.count() == 0


# -- the rollover -----------------------------------------------------------------------------


def test_the_rollover_previews_then_carries_the_seats_not_ended(client, advisor, panel):
    url = f"{CPP}members/2020/rollover/"
    page = client.get(url).content.decode()
    assert "Councillor Elliott: their seat ended on 31 January 2021" in page
    assert not Membership.objects.filter(municipal_year=2021).exists()  # a preview saves nothing
    chosen = [seat(panel, name).pk for name in ("Watson", "Jarvis", "Cusworth")]
    response = client.post(url, {"seats": chosen})
    assert response["Location"] == f"{CPP}members/2021/"
    assert sorted(Membership.objects.filter(municipal_year=2021).values_list("person__name", "role")) == [
        ("Cusworth", "member"), ("Jarvis", "vice_chair"), ("Watson", "chair")]
    assert history(seat(panel, "Watson", 2021).history) == [("governance", "Rolled over from 2020/21")]


def test_the_rollover_never_overwrites_or_doubles_a_seat_of_the_next_year(client, advisor, panel):
    Membership.objects.create(committee=panel, person=Person.objects.get(name="Jarvis"), municipal_year=2021,
                              role=MembershipRole.MEMBER)
    Membership.objects.create(committee=panel, person=Person.objects.create(name="New Chair"), municipal_year=2021,
                              role=MembershipRole.CHAIR)
    url = f"{CPP}members/2020/rollover/"
    page = client.get(url).content.decode()
    assert "Councillor Jarvis: already member in 2021/22" in page
    assert "Councillor Watson, Member (was chair: New Chair is already chair in 2021/22)" in page
    chosen = [seat(panel, name).pk for name in ("Watson", "Jarvis", "Cusworth")]  # Jarvis: a stale or forged choice
    response = client.post(url, {"seats": chosen})
    assert response.status_code == 200 and errors(response) == [
        "Select seats from the list: the preview has changed, check it again"]
    response = client.post(url, {"seats": chosen[::2]}, follow=True)
    assert "Rolled 2 seats over into 2021/22. Skipped: Councillor Jarvis: already member in 2021/22; Councillor " \
           "Elliott: their seat ended on 31 January 2021." in html.unescape(response.content.decode())
    assert sorted(Membership.objects.filter(municipal_year=2021).values_list("person__name", "role")) == [
        ("Cusworth", "member"), ("Jarvis", "member"), ("New Chair", "chair"), ("Watson", "member")]


def test_a_rollover_with_nothing_ticked_changes_nothing(client, advisor, panel):
    response = client.post(f"{CPP}members/2020/rollover/", {})
    assert response.status_code == 200 and errors(response) == ["Select at least one seat to roll over"]
    assert not Membership.objects.filter(municipal_year=2021).exists()


@pytest.mark.parametrize("page", ["members/2020/", "members/2020/rollover/", ""])
def test_the_seats_pages_read_in_the_same_queries_for_four_or_fourteen_seats(client, advisor, panel, page):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{CPP}{page}").status_code == 200
        return len(queries)
    count()  # the first request of the session reads what later ones find cached (site settings)
    four = count()
    jarvis = Person.objects.get(name="Jarvis")
    today = timezone.localdate()
    # The committee's screen lists this year's members; the others, 2020/21's.
    year = (today.year if today.month >= 5 else today.year - 1) if page == "" else 2020
    for number in range(10):
        Membership.objects.create(committee=panel, person=Person.objects.create(name=f"Extra {number}"),
                                  municipal_year=year, role=MembershipRole.SUBSTITUTE, substitute_for=jarvis)
    response_text = client.get(f"{CPP}{page}").content.decode()
    assert "Extra 9" in response_text
    assert count() == four
