"""Managing indicators (issue 13, item 2): who may see and change them, what bad input reads as,
conflicting changes refused with their conflicts listed, and retiring an indicator from a month
on while its publications stay byte for byte."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from scorecards import month_end, pdf_store
from scorecards.compute.periods import Month
from scorecards.models import Indicator, Observation, Publication, Scorecard, Section
from scorecards.selectors import load_scorecard_data
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = {"councillor": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
         "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}


@pytest.fixture
def card(db):
    return build_scorecard(indicator_count=2, slug="test-card")


@pytest.fixture
def first(card):
    return card.indicators.get(number="1.1")


@pytest.fixture
def admin(client, db):
    user = make_user("manager", Role.ADMIN)
    client.force_login(user)
    return user


def settings_posted(indicator: Indicator, **change) -> dict:
    """The edit form as the page shows it for `indicator`, with `change` typed over it."""
    posted = {"number": indicator.number, "name": indicator.name, "section": str(indicator.section_id or ""),
              "polarity": indicator.polarity, "unit": indicator.unit, "frequency": indicator.frequency,
              "ytd_method": indicator.ytd_method, "decimals": str(indicator.decimals), "data_note": "",
              "definition": "", "council_plan_code": "",
              "owners": [str(pk) for pk in indicator.owners.values_list("pk", flat=True)]}
    return {**posted, **change}


def stored(card: Scorecard) -> list[tuple]:
    return list(Indicator.objects.filter(scorecard=card).order_by("pk").values_list(
        "number", "name", "section_id", "polarity", "unit", "frequency", "ytd_method", "decimals", "retired_from"))


def form_errors(response, form: str = "form") -> list[str]:
    return [message for messages in response.context[form].errors.values() for message in messages]


# -- who may ------------------------------------------------------------------------------

PEOPLE = ["anonymous", "councillor", "officer owning", "officer not owning", "advisor", "admin"]


def expected(person: str, method: str, page: str) -> int:
    """What each URL answers: `page` is list, new, own (1.1, owned by the owning officer),
    other (1.2, owned by nobody) or retirement (of 1.1)."""
    if person == "anonymous":
        return 302
    if person == "admin":
        if method == "GET":
            return 405 if page == "retirement" else 200
        return 405 if page == "list" else 200  # an empty post: the form with its errors
    if person.startswith("officer") and method == "GET":
        if page == "list" or (page == "own" and person == "officer owning"):
            return 200
    return 403


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("person", PEOPLE)
def test_admins_manage_and_officers_only_see_their_own(client, card, first, person, method):
    second = card.indicators.get(number="1.2")
    owning = make_user("owning", Role.PERFORMANCE_OFFICER)
    first.owners.add(owning)
    make_user("not-owning", Role.PERFORMANCE_OFFICER)
    users = {"officer owning": "owning", "officer not owning": "not-owning"}
    if person in users:
        client.force_login(type(owning).objects.get(username=users[person]))
    elif person != "anonymous":
        client.force_login(make_user(f"matrix-{person}", ROLES[person]))
    pages = {"list": "/manage/indicators/", "new": "/manage/indicators/new/",
             "own": f"/manage/indicators/{first.pk}/", "other": f"/manage/indicators/{second.pk}/",
             "retirement": f"/manage/indicators/{first.pk}/retirement/"}
    before = stored(card)
    for page, url in pages.items():
        response = client.get(url) if method == "GET" else client.post(url, {"name": "Changed", "retire-month": "11"})
        assert response.status_code == expected(person, method, page), (page, url)
        if person == "anonymous":
            assert response["Location"].startswith("/sign-in/")
        elif response.status_code == 200:
            assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert stored(card) == before


def test_an_officer_sees_their_own_indicators_read_only(client, card, first):
    officer = make_user("owning", Role.PERFORMANCE_OFFICER)
    first.owners.add(officer)
    client.force_login(officer)
    home = client.get("/").content.decode()  # their way in: the month-end list on the home page
    assert f'href="/manage/indicators/?scorecard={card.slug}"' in home
    listing = client.get("/manage/indicators/").content.decode()
    assert f'href="/manage/indicators/{first.pk}/"' in listing and "1 indicator<" in listing
    assert "Indicator 2" not in listing and "Create an indicator" not in listing and 'name="owner"' not in listing
    page = client.get(f"/manage/indicators/{first.pk}/").content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    assert "<form" not in main and "<input" not in main and "<button" not in main and "<textarea" not in main
    for words in ("Indicator 1", "Higher is better", "Percentage", "Ratio of totals", "owning",
                  "Only an admin can change its settings"):
        assert words in main


def test_the_list_filters_and_takes_the_same_queries_whatever_its_size(client, admin):
    counts = []
    for total in (2, 30):
        Scorecard.objects.all().delete()
        officer = make_user(f"owner-{total}", Role.PERFORMANCE_OFFICER)
        for slug in ("alpha", "beta"):
            for indicator in build_scorecard(indicator_count=total, slug=f"{slug}-{total}", months=1).indicators.all():
                indicator.owners.add(officer)
        client.get("/manage/indicators/")  # the site settings and the session, read once and cached
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/manage/indicators/")
        assert response.status_code == 200 and f"{2 * total} indicators<" in response.content.decode()
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/manage/indicators/?scorecard=alpha-{total}&owner={officer.pk}&polarity=High")
        counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3]


def test_the_filters_narrow_the_list_and_a_bad_filter_says_so(client, admin, card, first):
    other = build_scorecard(indicator_count=1, slug="other-card")
    officer = make_user("owner", Role.PERFORMANCE_OFFICER)
    first.owners.add(officer)
    Indicator.objects.filter(pk=first.pk).update(polarity="Low", retired_from=date(2020, 11, 1))
    page = lambda query: client.get(f"/manage/indicators/?{query}").content.decode()  # noqa: E731
    assert "3 indicators<" in page("")
    only = page("scorecard=other-card")
    assert "1 indicator<" in only and "Test scorecard other-card" not in only.split("1 indicator<")[1]
    assert "1 indicator<" in page(f"owner={officer.pk}") and "Retired from November 2020" in page(f"owner={officer.pk}")
    assert "2 indicators<" in page("owner=none") and "Lower is better" in page("polarity=Low")
    assert "1 indicator<" in page(f"section={other.sections.get().pk}")
    response = client.get("/manage/indicators/?polarity=Sideways")
    assert form_errors(response) == ["Select what good performance is from the list"]
    assert "3 indicators<" in response.content.decode()


# -- creating and editing ------------------------------------------------------------------


def test_an_admin_creates_an_indicator_in_a_scorecard(client, admin, card):
    officer = make_user("owner", Role.PERFORMANCE_OFFICER)
    other = build_scorecard(indicator_count=1, slug="other-card")
    page = client.get("/manage/indicators/new/?scorecard=test-card").content.decode()
    assert "LOOKED AFTER CHILDREN" in page and f'<option value="{other.sections.get().pk}"' not in page
    section = card.sections.get()
    response = client.post("/manage/indicators/new/?scorecard=test-card", {
        "scorecard": "test-card", "number": "2.1a", "name": "Care leavers in work", "section": str(section.pk),
        "polarity": "High", "unit": "count", "frequency": "quarterly", "ytd_method": "latest", "decimals": "",
        "data_note": "DfE", "definition": "Care leavers aged 19-21.", "owners": [str(officer.pk)]})
    indicator = Indicator.objects.get(scorecard=card, number="2.1a")
    assert response.status_code == 302 and response["Location"] == f"/manage/indicators/{indicator.pk}/"
    assert (indicator.name, indicator.section, indicator.unit, indicator.frequency, indicator.ytd_method,
            indicator.decimals, indicator.data_note) == ("Care leavers in work", section, "count", "quarterly",
                                                         "latest", 0, "DfE")
    assert list(indicator.owners.all()) == [officer]
    record = indicator.history.latest()
    assert record.history_user == admin and record.history_change_reason == "created; owners: owner"
    assert "Last changed by manager" in client.get(f"/manage/indicators/{indicator.pk}/").content.decode()


def test_editing_saves_with_the_changes_in_words_in_the_history(client, admin, card, first):
    officer = make_user("owner", Role.PERFORMANCE_OFFICER)
    response = client.post(f"/manage/indicators/{first.pk}/", settings_posted(
        first, name="Children adopted", decimals="2", ytd_method="none", owners=[str(officer.pk)],
        reason="Panel asked"), follow=True)
    first.refresh_from_db()
    assert (first.name, first.decimals, first.ytd_method) == ("Children adopted", 2, "none")
    reason = ("Name: \u201cIndicator 1\u201d to \u201cChildren adopted\u201d; Year to date: Ratio of totals to None; "
              "Decimal places: 1 to 2; Owners: nobody to owner. Reason: Panel asked")
    record = first.history.latest()
    assert record.history_change_reason == reason and record.history_user == admin
    page = response.content.decode()
    assert "Saved: Name:" in page and "Last changed by manager" in page and "Reason: Panel asked" in page
    assert "{# links" not in page  # the placeholder is a template comment


EDIT_CASES = [
    ("empty name", {"name": "  "}, "Enter the indicator's name"),
    ("control character in the name", {"name": "Care\x1bleavers"},
     "expected text without control characters; found U+001B at character 5"),
    ("number with bad characters", {"number": "6.2 a!"},
     'expected an indicator number of letters, digits, ".", "-" and "_", starting with a letter or digit '
     '(e.g. 6.2a, B.12, 10.1); found "6.2 a!"'),
    ("duplicate number", {"number": "1.2"}, 'There is already an indicator "1.2" in Test scorecard test-card: Indicator 2'),
    ("unknown polarity", {"polarity": "Sideways"}, 'expected High, Low, Info or Within Limits; found "Sideways"'),
    ("unknown unit", {"unit": "percent"}, 'expected count, percentage, rate, average, days or number; found "percent"'),
    ("decimals 7", {"decimals": "7"}, 'expected a whole number of decimal places from 0 to 6; found "7"'),
    ("decimals two", {"decimals": "two"}, 'expected a whole number of decimal places from 0 to 6; found "two"'),
    ("decimals empty", {"decimals": ""}, "Enter the number of decimal places"),
    ("owner not an officer", {"owners": ["999999"]}, "Select owners from the list"),
    ("unknown section", {"section": "x"}, 'Select a section from the list; found "x"'),
    ("a percentage added up over the year", {"ytd_method": "sum"},
     "expected ratio, mean, latest or none for a percentage indicator (a percentage cannot be added up over the year); "
     "found sum"),
]


@pytest.mark.parametrize(("case", "change", "message"), EDIT_CASES, ids=[case[0] for case in EDIT_CASES])
def test_editing_refuses_bad_input_keeps_the_values_and_changes_nothing(client, admin, card, first, case, change,
                                                                       message):
    before = stored(card)
    posted = settings_posted(first, **{"data_note": "Typed note", **change})
    response = client.post(f"/manage/indicators/{first.pk}/", posted)
    assert response.status_code == 200
    assert form_errors(response) == [message]
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error: " in page
    assert 'value="Typed note"' in page and response.context["form"].data["name"] == posted["name"]
    assert stored(card) == before and first.history.count() == 0


def test_a_section_of_another_scorecard_is_refused_by_name(client, admin, card, first):
    other = build_scorecard(indicator_count=1, slug="other-card")
    Section.objects.filter(scorecard=other).update(title="EDUCATION")
    before = stored(card)
    response = client.post(f"/manage/indicators/{first.pk}/",
                           settings_posted(first, section=str(other.sections.get().pk)))
    assert form_errors(response) == [
        "Select a section of Test scorecard test-card: \u201cEDUCATION\u201d is in Test scorecard other-card"]
    assert stored(card) == before


CREATE_CASES = [
    ("no scorecard", {"scorecard": ""}, "Select the scorecard the indicator belongs to"),
    ("unknown scorecard", {"scorecard": "nope"}, 'Select a scorecard from the list; found "nope"'),
    ("duplicate number, other case", {"number": "1.1"}, 'There is already an indicator "1.1" in Test scorecard test-card: Indicator 1'),
    ("no polarity", {"polarity": ""}, "Select what good performance is"),
    ("unknown frequency", {"frequency": "weekly"}, 'expected monthly, quarterly, termly or annual; found "weekly"'),
    ("over-long data note", {"data_note": "x" * 201}, "expected at most 200 characters; found 201"),
]


@pytest.mark.parametrize(("case", "change", "message"), CREATE_CASES, ids=[case[0] for case in CREATE_CASES])
def test_creating_refuses_bad_input(client, admin, card, case, change, message):
    posted = {"scorecard": "test-card", "number": "3.1", "name": "New one", "section": "", "polarity": "High",
              "unit": "count", "frequency": "monthly", "ytd_method": "sum", "decimals": "0", **change}
    response = client.post("/manage/indicators/new/", posted)
    assert form_errors(response) == [message]
    assert response.context["form"].data["name"] == "New one" and 'value="New one"' in response.content.decode()
    assert Indicator.objects.count() == 2


# -- conflicting changes --------------------------------------------------------------------


def test_a_conflicting_unit_change_is_refused_with_its_conflicts_listed(client, admin, card, first):
    """A number indicator with a stored 104.5 cannot become a percentage; nothing is saved."""
    Indicator.objects.filter(pk=first.pk).update(unit="number")
    Observation.objects.filter(indicator=first, period=date(2020, 12, 1)).update(
        value=Decimal("104.5"), numerator=None, denominator=None)
    first.refresh_from_db()
    before = stored(card)
    response = client.post(f"/manage/indicators/{first.pk}/",
                           settings_posted(first, unit="percentage", name="Renamed too"))
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [
        'December 2020 figure 104.5: expected a percentage from 0 to 100 (indicator 1.1); found "104.5"']
    page = response.content.decode()
    assert "There is a problem" in page and "Nothing was saved: 1 stored figure or target would not be accepted" in page
    assert 'value="Renamed too"' in page
    assert stored(card) == before and first.history.count() == 0


def test_fewer_decimal_places_would_round_stored_figures_and_are_refused(client, admin, card, first):
    before = stored(card)
    response = client.post(f"/manage/indicators/{first.pk}/", settings_posted(first, decimals="0"))
    assert response.context["form"].errors["decimals"] == [
        f"Outturn {year}/{(year + 1) % 100:02d} 45.5: 45.5 rounded to 46: indicator 1.1 is shown to 0 decimal places"
        for year in range(2015, 2020)]
    assert stored(card) == before


def test_a_polarity_change_that_its_targets_cannot_take_is_refused(client, admin, card, first):
    before = stored(card)
    response = client.post(f"/manage/indicators/{first.pk}/", settings_posted(first, polarity="Low"))
    errors = response.context["form"].errors["polarity"]
    assert len(errors) == 1 and errors[0].startswith("Target 2020/21: ")
    assert stored(card) == before


def test_a_frequency_change_refuses_figures_in_months_it_does_not_report(client, admin, card, first):
    response = client.post(f"/manage/indicators/{first.pk}/", settings_posted(first, frequency="annual"))
    errors = response.context["form"].errors["frequency"]
    assert len(errors) == 14  # 15 months of figures, one of them March
    assert errors[0] == ("October 2019 figure 47.0: expected a period in Mar (indicator 1.1 is annual); found Oct-19")
    assert Indicator.objects.get(pk=first.pk).frequency == "monthly"


def test_a_change_that_conflicts_with_nothing_goes_through(client, admin, card, first):
    response = client.post(f"/manage/indicators/{first.pk}/", settings_posted(first, decimals="3", polarity="Info"))
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.decimals, first.polarity) == (3, "Info")


# -- retiring --------------------------------------------------------------------------------


def published_bytes(client, card: Scorecard) -> dict[str, bytes]:
    """Everything a reader gets of the two published months, and the stored PDFs."""
    got = {}
    for month in ("2020-10", "2020-12"):
        got[f"{month}.json"] = client.get(f"/scorecards/{card.slug}/{month}.json").content
        got[f"{month}.pdf"] = client.get(f"/scorecards/{card.slug}/{month}/scorecard.pdf").content
    for publication in Publication.objects.filter(scorecard=card):
        got[f"snapshot {publication.pk}"] = repr((publication.snapshot, publication.content_hash)).encode()
        got[f"stored {publication.pk}"] = (Path(pdf_store.settings.MEDIA_ROOT)
                                           / pdf_store.stored_name(publication)).read_bytes()
    return got


def numbers(card: Scorecard, month: Month) -> list[str]:
    # sorted: the builder's sort keys are not those a save computes
    return sorted(indicator.number for indicator in load_scorecard_data(card, month).indicators)


def test_retiring_keeps_publications_byte_identical_and_leaves_later_months(client, admin, card):
    second = card.indicators.get(number="1.2")
    for month in (Month(2020, 10), Month(2020, 12)):
        publish_scorecard(card, month, admin)
    before = published_bytes(client, card)
    assert b'"1.2"' in before["2020-12.json"]
    response = client.post(f"/manage/indicators/{second.pk}/retirement/",
                           {"action": "retire", "retire-month": "11", "retire-year": "2020",
                            "retire-reason": "Replaced by 1.3"}, follow=True)
    second.refresh_from_db()
    assert second.retired_from == date(2020, 11, 1)
    assert "Retired from November 2020" in response.content.decode()
    record = second.history.latest()
    assert record.history_change_reason == "Retired from November 2020. Reason: Replaced by 1.3"
    assert record.history_user == admin
    assert published_bytes(client, card) == before
    # The live scorecard, month end and the entry grid leave it out from November 2020 on.
    assert numbers(card, Month(2020, 10)) == ["1.1", "1.2"]
    assert numbers(card, Month(2020, 11)) == numbers(card, Month(2020, 12)) == ["1.1"]
    assert b"/indicators/1.2/" in client.get(f"/scorecards/{card.slug}/2020-10/?live=1").content
    assert b"/indicators/1.2/" not in client.get(f"/scorecards/{card.slug}/2020-12/?live=1").content
    assert [row.number for row in month_end.month_rows(card, Month(2020, 12))] == ["1.1"]
    assert "Indicator 2" not in client.get(f"/scorecards/{card.slug}/2020-12/entry/").content.decode()
    assert "Indicator 2" in client.get(f"/scorecards/{card.slug}/2020-10/entry/").content.decode()
    # Its figures and history stay; brought back, it is in every month again.
    assert Observation.objects.filter(indicator=second).count() == 15
    client.post(f"/manage/indicators/{second.pk}/retirement/", {"action": "unretire", "unretire-reason": "Kept"})
    second.refresh_from_db()
    assert second.retired_from is None and numbers(card, Month(2020, 12)) == ["1.1", "1.2"]
    assert second.history.latest().history_change_reason == "Brought back (was retired from November 2020). Reason: Kept"
    assert published_bytes(client, card) == before


RETIRE_CASES = [
    ("month 13", {"retire-month": "13"}, "retire-month", 'expected a month number from 1 to 12 (4 for April); found "13"'),
    ("a date in the year box", {"retire-year": "2021-02-30"}, "retire-year",
     'expected a year written in full, such as 2021; found "2021-02-30"'),
    ("no month", {"retire-month": ""}, "retire-month", "expected a month number from 1 to 12 (4 for April); found an empty cell"),
    ("year out of range", {"retire-year": "1980"}, "retire-year",
     "expected a period from January 1990 to December 2099; found February 1980"),
    ("before its first figure", {"retire-month": "10", "retire-year": "2019"}, "retire-month",
     "expected a month after its first figure (October 2019), so that it appears with a figure at least once; "
     "found October 2019"),
    ("no reason", {"retire-reason": " "}, "retire-reason", "Enter why it is retired"),
]


@pytest.mark.parametrize(("case", "change", "field", "message"), RETIRE_CASES, ids=[case[0] for case in RETIRE_CASES])
def test_retiring_refuses_impossible_months(client, admin, card, first, case, change, field, message):
    posted = {"action": "retire", "retire-month": "2", "retire-year": "2021", "retire-reason": "Typed reason", **change}
    response = client.post(f"/manage/indicators/{first.pk}/retirement/", posted)
    assert response.status_code == 200
    form = response.context["retire"]
    assert [message for messages in form.errors.values() for message in messages] == [message]
    page = response.content.decode()
    assert f'href="#id_{field}"' in page and "<title>Error: " in page
    assert f'value="{posted["retire-year"]}"' in page and posted["retire-reason"].strip() in page
    first.refresh_from_db()
    assert first.retired_from is None and first.history.count() == 0


def test_the_pages_link_to_each_other(client, admin, card, first):
    assert 'href="/manage/indicators/"' in client.get("/manage/").content.decode()
    settings_page = client.get(f"/manage/scorecards/{card.slug}/").content.decode()
    assert 'href="/manage/indicators/?scorecard=test-card"' in settings_page
    assert 'href="/manage/indicators/new/?scorecard=test-card"' in settings_page
    page = client.get(f"/manage/indicators/{first.pk}/").content.decode()
    assert 'href="/manage/indicators/?scorecard=test-card"' in page
