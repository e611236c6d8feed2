"""Managing scorecards (issue 13, item 1 and ownership): who may, what bad input reads as,
what creating, editing, renaming and reordering do, and that publications stay as published."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from scorecards.compute.periods import Month
from scorecards.models import Indicator, Publication, Scorecard, Section
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = {"councillor": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
         "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}
SETTINGS = {"title": "Adult social care", "year_start_month": "4", "dot_basis": "month",
            "arrow_convention": "performance", "publication_frequency": "monthly", "deadline_working_day": "10"}


@pytest.fixture
def card(db):
    return build_scorecard(indicator_count=2, slug="test-card")


@pytest.fixture
def admin(client, db):
    user = make_user("manager", Role.ADMIN)
    client.force_login(user)
    return user


def urls(card: Scorecard) -> list[str]:
    section = card.sections.get()
    base = f"/manage/scorecards/{card.slug}"
    return ["/manage/", "/manage/scorecards/", "/manage/scorecards/new/", f"{base}/", f"{base}/sections/new/",
            f"{base}/sections/{section.pk}/", f"{base}/sections/{section.pk}/move/", f"{base}/indicator-owners/"]


# -- who may ------------------------------------------------------------------------------

# (role, method): what every URL added answers. Admins: pages on GET; on an empty POST a form
# with errors (200), a redirect after a save (302), or 405 where the page takes no POST.
MATRIX = [(role, method) for role in ("anonymous", *ROLES) for method in ("GET", "POST")]


@pytest.mark.parametrize(("role", "method"), MATRIX)
def test_only_admins_may_manage(client, card, role, method):
    if role != "anonymous":
        client.force_login(make_user(f"matrix-{role}", ROLES[role]))
    before = (Scorecard.objects.count(), list(Section.objects.values_list("title", "order")))
    for url in urls(card):
        response = client.get(url) if method == "GET" else client.post(url, {})
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), url
        elif role != "admin":
            assert response.status_code == 403, url
        elif method == "GET":
            assert response.status_code == (405 if url.endswith("/move/") else 200), url
            assert "no-store" in response["Cache-Control"], url
        else:
            # No box ticked is no owner: an empty post to the owners page saves that.
            # A move without its button's direction is refused as a bad request.
            saves = url.endswith("/indicator-owners/")
            expected = (405 if url in ("/manage/", "/manage/scorecards/") else 400 if url.endswith("/move/")
                        else 302 if saves else 200)
            assert response.status_code == expected, url
    if role != "admin":
        assert (Scorecard.objects.count(), list(Section.objects.values_list("title", "order"))) == before


def test_the_manage_link_is_in_the_navigation_for_admins_only(client, card):
    client.force_login(make_user("officer-nav", Role.PERFORMANCE_OFFICER))
    assert 'href="/manage/"' not in client.get("/").content.decode()
    client.force_login(make_user("admin-nav", Role.ADMIN))
    page = client.get("/manage/").content.decode()
    assert 'href="/manage/"' in page and 'href="/manage/scorecards/"' in page
    assert 'href="/manage/users/"' in page and 'href="/manage/site/"' in page


# -- bad input: exact messages, values kept, nothing changed -------------------------------


def form_errors(response) -> list[str]:
    form = response.context["form"]
    return [message for messages in form.errors.values() for message in messages]


CREATE_CASES = [
    ("duplicate slug", {"slug": "test-card"}, 'There is already a scorecard with the short name "test-card"'),
    ("bad slug", {"slug": "adult care!"},
     'expected a slug of letters, digits, - and _ (e.g. corporate-parenting); found "adult care!"'),
    ("empty title", {"title": "   "}, "Enter the scorecard's title"),
    ("over-long title", {"title": "x" * 301}, 'expected at most 300 characters; found 301'),
    ("control character", {"title": "Adult\x1bcare"},
     "expected text without control characters; found U+001B at character 6"),
    ("year start 13", {"year_start_month": "13"}, 'expected a month number from 1 to 12 (4 for April); found "13"'),
    ("unknown DOT basis", {"dot_basis": "quarter"}, 'expected month or year; found "quarter"'),
    ("deadline 0", {"deadline_working_day": "0"}, 'expected a working day from 1 to 23 after the month ends; found "0"'),
    ("deadline 24", {"deadline_working_day": "24"},
     'expected a working day from 1 to 23 after the month ends; found "24"'),
    ("unknown arrows", {"arrow_convention": "sideways"}, 'expected performance or movement; found "sideways"'),
    ("missing frequency", {"publication_frequency": ""}, "Select how often it is published"),
    ("the page's own address", {"slug": "new"}, "Choose another short name: \u201cnew\u201d is the address of this page"),
]


@pytest.mark.parametrize(("case", "change", "message"), CREATE_CASES, ids=[case[0] for case in CREATE_CASES])
def test_creating_refuses_bad_input(client, admin, card, case, change, message):
    posted = {**SETTINGS, "slug": "adult-care", **change}
    response = client.post("/manage/scorecards/new/", posted)
    assert response.status_code == 200
    assert form_errors(response) == [message]
    page = response.content.decode()
    assert "There is a problem" in page and response.context["form"].data["title"] == posted["title"]
    assert Scorecard.objects.count() == 1 and not LogEntry.objects.exists()


EDIT_CASES = [
    ("empty title", {"title": ""}, "Enter the scorecard's title"),
    ("deadline not a number", {"deadline_working_day": "ten"},
     'expected a working day from 1 to 23 after the month ends; found "ten"'),
    ("year start 0", {"year_start_month": "0"}, 'expected a month number from 1 to 12 (4 for April); found "0"'),
    ("owner not an officer", {"owners": ["999999"]}, "Select owners from the list"),
]


@pytest.mark.parametrize(("case", "change", "message"), EDIT_CASES, ids=[case[0] for case in EDIT_CASES])
def test_editing_refuses_bad_input_and_keeps_the_values(client, admin, card, case, change, message):
    posted = {**SETTINGS, **change}
    response = client.post(f"/manage/scorecards/{card.slug}/", posted)
    assert form_errors(response) == [message]
    assert response.context["form"].data.getlist("deadline_working_day") == [posted["deadline_working_day"]]
    card.refresh_from_db()
    assert card.title == "Test scorecard test-card" and card.deadline_working_day == 10


def published(card: Scorecard) -> Publication:
    return publish_scorecard(card, Month(2020, 12), make_user("publisher", Role.ADMIN))[0]


def test_a_published_scorecard_needs_a_reason_to_change_its_year_or_dot_basis(client, admin, card):
    published(card)
    page = client.get(f"/manage/scorecards/{card.slug}/").content.decode()
    assert "This scorecard has been published" in page
    response = client.post(f"/manage/scorecards/{card.slug}/", {**SETTINGS, "dot_basis": "year"})
    assert form_errors(response) == [
        "Enter a reason for the change: the reporting year start and how direction of travel is judged change "
        "the live figures of a scorecard that has been published"]
    assert 'value="year" checked' in response.content.decode().replace('\n', ' ').replace('  ', ' ') or \
        response.context["form"].data["dot_basis"] == "year"
    card.refresh_from_db()
    assert card.dot_basis == "month" and card.title == "Test scorecard test-card"
    # a title alone needs none
    client.post(f"/manage/scorecards/{card.slug}/", {**SETTINGS, "title": "Renamed"})
    card.refresh_from_db()
    assert card.title == "Renamed"
    response = client.post(f"/manage/scorecards/{card.slug}/",
                           {**SETTINGS, "title": "Renamed", "dot_basis": "year", "reason": "Panel asked for it"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.dot_basis == "year"
    entry = LogEntry.objects.order_by("-pk").first()
    assert entry.get_change_message() == ("Direction of travel: Month on month to Year on year. "
                                          "Reason: Panel asked for it")
    page = client.get(f"/manage/scorecards/{card.slug}/").content.decode()
    assert "Last changed by manager on" in page and "Reason: Panel asked for it" in page


# -- what the screens do -------------------------------------------------------------------


def test_an_admin_creates_a_scorecard_with_its_settings_and_owners(client, admin):
    officer = make_user("owner", Role.PERFORMANCE_OFFICER)
    response = client.post("/manage/scorecards/new/", {
        **SETTINGS, "slug": "adult-care", "year_start_month": "1", "dot_basis": "year",
        "arrow_convention": "movement", "publication_frequency": "quarterly", "deadline_working_day": "23",
        "owners": [str(officer.pk)]})
    assert response.status_code == 302 and response["Location"] == "/manage/scorecards/adult-care/"
    card = Scorecard.objects.get(slug="adult-care")
    assert (card.title, card.year_start_month, card.dot_basis, card.arrow_convention, card.publication_frequency,
            card.deadline_working_day) == ("Adult social care", 1, "year", "movement", "quarterly", 23)
    assert list(card.owners.all()) == [officer]
    listing = client.get("/manage/scorecards/").content.decode()
    for words in ("Adult social care", "January", "Year on year", "By the numbers", "Quarterly", "Working day 23",
                  "owner"):
        assert words in listing


def test_editing_saves_the_settings_in_words(client, admin, card):
    officer = make_user("owner", Role.PERFORMANCE_OFFICER)
    response = client.post(f"/manage/scorecards/{card.slug}/", {
        **SETTINGS, "title": "Children", "year_start_month": "9", "deadline_working_day": "5",
        "owners": [str(officer.pk)]}, follow=True)
    card.refresh_from_db()
    assert (card.title, card.year_start_month, card.deadline_working_day) == ("Children", 9, 5)
    assert list(card.owners.all()) == [officer]
    page = response.content.decode()
    assert "Reporting year starts in: April to September" in page and "Owners: nobody to owner" in page


def test_sections_are_added_renamed_and_reordered(client, admin, card):
    first = card.sections.get()
    client.post(f"/manage/scorecards/{card.slug}/sections/new/", {"title": "EDUCATION"})
    client.post(f"/manage/scorecards/{card.slug}/sections/new/", {"title": "HEALTH"})
    titles = lambda: list(card.sections.order_by("order", "id").values_list("title", flat=True))  # noqa: E731
    assert titles() == ["LOOKED AFTER CHILDREN", "EDUCATION", "HEALTH"]
    health = card.sections.get(title="HEALTH")
    client.post(f"/manage/scorecards/{card.slug}/sections/{health.pk}/move/", {"direction": "up"})
    assert titles() == ["LOOKED AFTER CHILDREN", "HEALTH", "EDUCATION"]
    client.post(f"/manage/scorecards/{card.slug}/sections/{first.pk}/move/", {"direction": "up"})  # already first
    client.post(f"/manage/scorecards/{card.slug}/sections/{first.pk}/move/", {"direction": "down"})
    assert titles() == ["HEALTH", "LOOKED AFTER CHILDREN", "EDUCATION"]
    for made_up in ({"direction": "sideways"}, {}):
        refused = client.post(f"/manage/scorecards/{card.slug}/sections/{first.pk}/move/", made_up)
        assert refused.status_code == 400 and titles() == ["HEALTH", "LOOKED AFTER CHILDREN", "EDUCATION"]
    client.post(f"/manage/scorecards/{card.slug}/sections/{first.pk}/", {"title": "CHILDREN IN CARE"})
    assert titles() == ["HEALTH", "CHILDREN IN CARE", "EDUCATION"]
    assert set(Indicator.objects.values_list("section__title", flat=True)) == {"CHILDREN IN CARE"}


SECTION_CASES = [
    ("duplicated title", "health", 'There is already a section called "HEALTH" in this scorecard'),
    ("empty title", "", "Enter the section's title"),
    ("over-long title", "x" * 201, "expected at most 200 characters; found 201"),
    ("control character", "HEALTH\u202e", "expected text without control characters; found U+202E at character 7"),
]


@pytest.mark.parametrize(("case", "title", "message"), SECTION_CASES, ids=[case[0] for case in SECTION_CASES])
def test_a_section_title_is_refused_in_the_import_words(client, admin, card, case, title, message):
    Section.objects.create(scorecard=card, title="HEALTH", order=2)
    first = card.sections.get(title="LOOKED AFTER CHILDREN")
    for url in (f"/manage/scorecards/{card.slug}/sections/new/", f"/manage/scorecards/{card.slug}/sections/{first.pk}/"):
        response = client.post(url, {"title": title})
        assert form_errors(response) == [message], url
        assert response.context["form"].data["title"] == title
    assert sorted(card.sections.values_list("title", flat=True)) == ["HEALTH", "LOOKED AFTER CHILDREN"]


def test_a_publication_stays_byte_identical_after_a_section_rename(client, admin, card):
    publication = published(card)
    before = (publication.snapshot, publication.content_hash)
    json_before = client.get(f"/scorecards/{card.slug}/2020-12.json").content
    section = card.sections.get()
    client.post(f"/manage/scorecards/{card.slug}/sections/{section.pk}/", {"title": "CHILDREN IN CARE"})
    publication.refresh_from_db()
    assert (publication.snapshot, publication.content_hash) == before
    assert client.get(f"/scorecards/{card.slug}/2020-12.json").content == json_before
    assert b"LOOKED AFTER CHILDREN" in json_before
    assert b"CHILDREN IN CARE" in client.get(f"/scorecards/{card.slug}/2020-12/?live=1").content


def test_indicator_owners_are_assigned_with_history(client, admin, card):
    one, two = make_user("owner1", Role.PERFORMANCE_OFFICER), make_user("owner2", Role.PERFORMANCE_OFFICER)
    councillor = make_user("cllr-x", Role.COUNCILLOR)
    first, second = card.indicators.order_by("sort_key")
    url = f"/manage/scorecards/{card.slug}/indicator-owners/"
    page = client.get(url).content.decode()
    assert f'name="owners-{first.pk}" type="checkbox" value="{one.pk}"' in page and "cllr-x" not in page
    response = client.post(url, {f"owners-{first.pk}": [one.pk, two.pk], f"owners-{second.pk}": [str(councillor.pk)]})
    assert response.context["problems"] == ["1.2: select owners from the list of performance officers"]
    assert not first.owners.exists()
    page = response.content.decode()
    assert f'value="{one.pk}" checked' in page and "There is a problem" in page
    client.post(url, {f"owners-{first.pk}": [one.pk, two.pk], f"owners-{second.pk}": [two.pk]})
    assert set(first.owners.all()) == {one, two} and list(second.owners.all()) == [two]
    record = first.history.latest()
    assert record.history_change_reason == "owners: nobody to owner1, owner2" and record.history_user == admin
    assert "Last changed by manager" in client.get(url).content.decode()


def test_the_list_takes_the_same_queries_for_2_and_20_scorecards(client, admin):
    counts = []
    for total in (2, 20):
        Scorecard.objects.all().delete()
        officer = make_user(f"owner-{total}", Role.PERFORMANCE_OFFICER)
        for n in range(total):
            build_scorecard(indicator_count=1, slug=f"card-{n}", months=1).owners.add(officer)
        client.get("/manage/scorecards/")  # the site settings and the session, read once and cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/manage/scorecards/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
