"""Managing an indicator's outturns and benchmarks (issue 13, item 4 and the outturn half of
item 8): who may, what bad input reads as (the import's words, values kept, nothing changed),
what adding, changing and deleting store, and that publications keep what they froze."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from scorecards.compute.periods import Month
from scorecards.models import Benchmark, Indicator, Outturn, Publication, Scorecard
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = {"councillor": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
         "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}
REASON_NEEDED = "Enter a reason for the change: an issue already published shows this outturn"


@pytest.fixture
def card(db) -> Scorecard:
    """Two percentage indicators shown to 1 place, each with outturns of 45.5 for 2015/16 to
    2019/20 and a national average benchmark of 47.0."""
    return build_scorecard(indicator_count=2, slug="test-card")


@pytest.fixture
def indicator(card) -> Indicator:
    return card.indicators.get(number="1.1")


@pytest.fixture
def admin(client, db):
    user = make_user("manager", Role.ADMIN)
    client.force_login(user)
    return user


def outturns_url(indicator: Indicator, year: str | None = None) -> str:
    base = f"/manage/indicators/{indicator.pk}/outturns/"
    return f"{base}{year}/" if year else base


def benchmarks_url(indicator: Indicator, benchmark: Benchmark | None = None) -> str:
    base = f"/manage/indicators/{indicator.pk}/benchmarks/"
    return f"{base}{benchmark.pk}/" if benchmark else base


def stored(indicator: Indicator) -> tuple:
    """Everything the screens may write, with its history: compared before and after a refusal."""
    return (
        sorted(Outturn.objects.filter(indicator=indicator).values_list("year", "value")),
        sorted(Benchmark.objects.filter(indicator=indicator).values_list("measure", "value", "decimals", "year",
                                                                          "source")),
        Outturn.history.count(), Benchmark.history.count(),
    )


def form_errors(response) -> list[str]:
    return [message for messages in response.context["form"].errors.values() for message in messages]


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def published(card: Scorecard) -> Publication:
    return publish_scorecard(card, Month(2020, 12), make_user("publisher", Role.ADMIN))[0]


# -- who may ------------------------------------------------------------------------------


def every_url(indicator: Indicator) -> list[str]:
    benchmark = indicator.benchmarks.get()
    return [outturns_url(indicator), outturns_url(indicator, "2019-20"), benchmarks_url(indicator),
            benchmarks_url(indicator, benchmark)]


MATRIX = [(role, method) for role in ("anonymous", *ROLES) for method in ("GET", "POST")]


@pytest.mark.parametrize(("role", "method"), MATRIX)
def test_only_admins_may_manage_outturns_and_benchmarks(client, indicator, role, method):
    if role != "anonymous":
        client.force_login(make_user(f"matrix-{role}", ROLES[role]))
    before = stored(indicator)
    for url in every_url(indicator):
        # An empty post is a form with errors for an admin: nothing is saved by anyone.
        response = client.get(url) if method == "GET" else client.post(url, {})
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/sign-in/?next="), url
        elif role != "admin":
            assert response.status_code == 403, url
        else:
            assert response.status_code == 200, url
            assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url
            assert (method == "POST") == ("There is a problem" in response.content.decode()), url
    assert stored(indicator) == before


def test_rows_of_another_indicator_or_year_are_not_found(client, admin, card, indicator):
    other = card.indicators.get(number="1.2")
    assert client.get(benchmarks_url(indicator, other.benchmarks.get())).status_code == 404
    assert client.get(outturns_url(indicator, "2030-31")).status_code == 404
    assert client.get("/manage/indicators/999999/outturns/").status_code == 404


# -- outturns: bad input ------------------------------------------------------------------

FORMS = "a number, or empty for no outturn"
ADD_CASES = [
    ("not a number", {"value": "abc"}, f'expected {FORMS}; found "abc"'),
    ("exponent", {"value": "1e5"}, f'expected {FORMS}; found "1e5"'),
    ("NaN", {"value": "NaN"}, f'expected {FORMS}; found "NaN"'),
    ("decimal comma", {"value": "12,5"}, f'expected {FORMS}; found "12,5"'),
    ("percentage over 100", {"value": "104"}, 'expected a percentage from 0 to 100 (indicator 1.1); found "104"'),
    ("year of two years", {"year": "2020/22"},
     "expected a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: this "
     'scorecard\'s year starts in April); found "2020/22"'),
    ("year out of range", {"year": "1980/81"}, 'expected a reporting year from 1990/91 to 2098/99; found "1980/81"'),
    ("duplicate year", {"year": "2019-20"}, "There is already an outturn for 2019/20: change or delete it in the list"),
    ("no value", {"value": "  "}, "Enter the outturn"),
    ("no figure, as the import reads tbc", {"value": "tbc"}, "Enter the outturn"),
    ("no year", {"year": ""}, "Enter the reporting year"),
]


@pytest.mark.parametrize(("case", "change", "message"), ADD_CASES, ids=[case[0] for case in ADD_CASES])
def test_adding_an_outturn_refuses_bad_input_in_the_import_words(client, admin, indicator, case, change, message):
    before = stored(indicator)
    posted = {"year": "2020-21", "value": "36.8", **change}
    response = client.post(outturns_url(indicator), posted)
    assert response.status_code == 200 and form_errors(response) == [message]
    page = response.content.decode()
    assert "There is a problem" in page and page.count(message.replace('"', "&quot;").replace("'", "&#x27;")) == 2
    assert f'name="value" value="{posted["value"]}"' in page or not posted["value"].strip()
    assert f'name="year" value="{posted["year"]}"' in page or not posted["year"]
    assert stored(indicator) == before


def test_a_negative_count_is_refused_when_changing_an_outturn(client, admin, indicator):
    Indicator.objects.filter(pk=indicator.pk).update(unit="count", decimals=0)
    before = stored(indicator)
    response = client.post(outturns_url(indicator, "2019-20"), {"value": "-3"})
    assert form_errors(response) == ['expected zero or more: indicator 1.1 is a count; found "-3"']
    assert 'name="value" value="-3"' in response.content.decode()
    assert stored(indicator) == before


def test_a_published_outturn_needs_a_reason_to_change_or_delete(client, admin, card, indicator):
    publication = published(card)
    url = outturns_url(indicator, "2019-20")
    assert "An issue already published shows this outturn" in client.get(url).content.decode()
    before = stored(indicator)
    response = client.post(url, {"value": "50.2", "reason": "   "})
    assert form_errors(response) == [REASON_NEEDED]
    assert 'name="value" value="50.2"' in response.content.decode()
    response = client.post(url, {"value": "50.2", "delete": "yes"})
    assert form_errors(response) == [REASON_NEEDED]
    assert stored(indicator) == before
    # The same value again changes nothing, so it needs no reason.
    response = client.post(url, {"value": "45.5"}, follow=True)
    assert shown_messages(response) == ["Nothing had changed."] and stored(indicator) == before
    response = client.post(url, {"value": "50.2", "reason": "Audited figure"}, follow=True)
    assert shown_messages(response) == ["Changed the outturn for 2019/20 from 45.5 to 50.2."]
    record = Outturn.objects.get(indicator=indicator, year="2019/20").history.latest()
    assert (record.value, record.history_user, record.history_change_reason) == (Decimal("50.2"), admin,
                                                                                "Audited figure")
    page = response.content.decode()
    assert "Last changed by manager on" in page and "2019/20 changed. Reason: Audited figure" in page
    assert Publication.objects.get(pk=publication.pk).content_hash == publication.content_hash


# -- outturns: what the screens store -----------------------------------------------------


def test_an_outturn_is_added_rounded_as_the_import_rounds_it(client, admin, indicator):
    response = client.post(outturns_url(indicator), {"year": " 2020-21 ", "value": "36.84%"}, follow=True)
    assert shown_messages(response) == ["Added the outturn for 2020/21: 36.8.",
                                        "36.84 rounded to 36.8: indicator 1.1 is shown to 1 decimal place"]
    outturn = Outturn.objects.get(indicator=indicator, year="2020/21")
    assert outturn.value == Decimal("36.8") and isinstance(outturn.value, Decimal)
    record = outturn.history.get()
    assert (record.history_type, record.history_user) == ("+", admin)
    page = response.content.decode()
    assert ">36.8<" in page and f'href="{outturns_url(indicator, "2020-21")}"' in page
    assert "Last changed by manager on" in page and "2020/21 added" in page


def test_an_unpublished_outturn_is_changed_and_deleted_without_a_reason(client, admin, indicator):
    url = outturns_url(indicator, "2018-19")
    page = client.get(url).content.decode()
    assert 'name="value" value="45.5"' in page and "An issue already published" not in page
    response = client.post(url, {"value": "47.25"}, follow=True)
    assert shown_messages(response) == [
        "Changed the outturn for 2018/19 from 45.5 to 47.3.",
        "47.25 rounded to 47.3: indicator 1.1 is shown to 1 decimal place"]
    assert Outturn.objects.get(indicator=indicator, year="2018/19").value == Decimal("47.3")
    # Deleting reads only the reason: a bad value typed beside it does not stop it.
    response = client.post(url, {"value": "abc", "delete": "yes", "reason": "Year not reported"}, follow=True)
    assert shown_messages(response) == ["Deleted the outturn for 2018/19."]
    assert not Outturn.objects.filter(indicator=indicator, year="2018/19").exists()
    deletion = Outturn.history.filter(indicator_id=indicator.pk, year="2018/19").latest()
    assert (deletion.history_type, deletion.history_user, deletion.history_change_reason) == (
        "-", admin, "Year not reported")
    assert "2018/19 deleted. Reason: Year not reported" in response.content.decode()


def test_a_changed_outturn_shows_live_while_the_published_issue_keeps_its_own(client, admin, card, indicator):
    publication = published(card)
    snapshot = (publication.snapshot, publication.content_hash)
    json_url = f"/scorecards/{card.slug}/2020-12.json"
    published_before = client.get(json_url).content
    client.post(outturns_url(indicator, "2019-20"), {"value": "50.2", "reason": "Audited figure"})

    def outturns(content: bytes) -> dict:
        rows = json.loads(content)["rows"]
        return next(row for row in rows if row["number"] == "1.1")["outturns"]

    assert outturns(client.get(json_url + "?live=1").content)["2019/20"] == "50.2"
    assert client.get(json_url).content == published_before
    assert outturns(published_before)["2019/20"] == "45.5"
    publication.refresh_from_db()
    assert (publication.snapshot, publication.content_hash) == snapshot


# -- benchmarks: bad input ----------------------------------------------------------------

BENCHMARK = {"measure": "stat_neighbour_average", "other_measure": "", "value": "42.0", "year": "2018/19",
             "source": "DfE"}
BENCHMARK_CASES = [
    ("duplicate measure", {"measure": "national_average"},
     "There is already a benchmark \u201cNational average\u201d for indicator 1.1"),
    ("no measure", {"measure": ""}, "Select the measure"),
    ("another with no name", {"measure": "another", "other_measure": "  "}, "Enter the name of the other comparator"),
    ("a measure not offered", {"measure": "median"},
     'expected stat_neighbour_average, best_stat_neighbour, national_average or national_top_quartile; '
     'found "median"'),
    ("not a number", {"value": "abc"}, 'expected a number, or empty for no benchmark; found "abc"'),
    ("exponent", {"value": "1e5"}, 'expected a number, or empty for no benchmark; found "1e5"'),
    ("seven places", {"value": "1.1234567"},
     'expected a number, or empty for no benchmark with at most 6 decimal places; found "1.1234567"'),
    ("percentage over 100", {"value": "104"}, 'expected a percentage from 0 to 100 (indicator 1.1); found "104"'),
    ("no value", {"value": ""}, "Enter the benchmark's value"),
    ("over-long source", {"source": "x" * 201}, "expected at most 200 characters; found 201"),
    ("control character in the name", {"measure": "another", "other_measure": "Regional\x1baverage"},
     "expected text without control characters; found U+001B at character 9"),
]


@pytest.mark.parametrize(("case", "change", "message"), BENCHMARK_CASES, ids=[case[0] for case in BENCHMARK_CASES])
def test_adding_a_benchmark_refuses_bad_input_in_the_import_words(client, admin, indicator, case, change, message):
    before = stored(indicator)
    posted = {**BENCHMARK, **change}
    response = client.post(benchmarks_url(indicator), posted)
    assert response.status_code == 200 and form_errors(response) == [message]
    assert {name: response.context["form"].data[name] for name in posted} == posted
    page = response.content.decode()
    assert "There is a problem" in page
    if posted["value"]:
        assert f'name="value" value="{posted["value"]}"' in page
    assert stored(indicator) == before


def test_renaming_a_benchmark_onto_another_measure_is_refused_by_name(client, admin, indicator):
    Benchmark.objects.create(indicator=indicator, measure="Regional average", value=Decimal("40"), decimals=0)
    regional = indicator.benchmarks.get(measure="Regional average")
    before = stored(indicator)
    response = client.post(benchmarks_url(indicator, regional), {**BENCHMARK, "measure": "national_average"})
    assert form_errors(response) == ["There is already a benchmark \u201cNational average\u201d for indicator 1.1"]
    assert stored(indicator) == before


# -- benchmarks: what the screens store ---------------------------------------------------


def test_a_benchmark_is_kept_as_entered(client, admin, indicator):
    response = client.post(benchmarks_url(indicator), {**BENCHMARK, "measure": "another",
                                                       "other_measure": " Regional average ", "reason": "New source"},
                           follow=True)
    assert shown_messages(response) == ["Added the benchmark \u201cRegional average\u201d."]
    benchmark = Benchmark.objects.get(indicator=indicator, measure="Regional average")
    assert (benchmark.value, benchmark.decimals, benchmark.year, benchmark.source) == (
        Decimal("42.0"), 1, "2018/19", "DfE")
    record = benchmark.history.get()
    assert (record.history_user, record.history_change_reason) == (admin, "New source")
    page = response.content.decode()
    assert ">42.0<" in page and ">47.0<" in page and "(another comparator)" in page
    assert "Last changed by manager on" in page and "\u201cRegional average\u201d added. Reason: New source" in page
    # The places written are the value's: 42 is a change from 42.0, kept as 42.
    url = benchmarks_url(indicator, benchmark)
    assert 'name="other_measure" value="Regional average"' in client.get(url).content.decode()
    response = client.post(url, {**BENCHMARK, "measure": "another", "other_measure": "Regional average",
                                 "value": "42"}, follow=True)
    assert shown_messages(response) == ["Changed the benchmark \u201cRegional average\u201d: value."]
    benchmark.refresh_from_db()
    assert (benchmark.value, benchmark.decimals) == (Decimal("42"), 0)
    assert benchmark.history.latest().history_change_reason is None
    assert ">42<" in response.content.decode()


def test_a_standard_name_written_otherwise_is_kept_apart_with_the_import_warning(client, admin, indicator):
    response = client.post(benchmarks_url(indicator), {**BENCHMARK, "measure": "another",
                                                       "other_measure": "national average"}, follow=True)
    assert shown_messages(response) == [
        "Added the benchmark \u201cnational average\u201d.",
        '"national average" is kept as written, as another comparator; expected "national_average" '
        "for the standard measure"]
    assert set(indicator.benchmarks.values_list("measure", flat=True)) == {"national_average", "national average"}


def test_a_benchmark_is_changed_and_deleted_with_history(client, admin, indicator):
    benchmark = indicator.benchmarks.get()
    url = benchmarks_url(indicator, benchmark)
    page = client.get(url).content.decode()
    assert 'name="measure" value="national_average" id="id_measure_2" checked>' in page
    assert 'name="value" value="47.0"' in page and 'name="source" value="DfE"' in page
    response = client.post(url, {**BENCHMARK, "measure": "national_average", "value": "48.25", "source": "ONS"},
                           follow=True)
    assert shown_messages(response) == ["Changed the benchmark \u201cNational average\u201d: value, source."]
    benchmark.refresh_from_db()
    assert (benchmark.value, benchmark.decimals, benchmark.source) == (Decimal("48.25"), 2, "ONS")
    response = client.post(url, {"delete": "yes"}, follow=True)
    assert shown_messages(response) == ["Deleted the benchmark \u201cNational average\u201d."]
    assert not indicator.benchmarks.exists()
    deletion = Benchmark.history.filter(indicator_id=indicator.pk).latest()
    assert (deletion.history_type, deletion.history_user) == ("-", admin)
    assert "\u201cNational average\u201d deleted" in response.content.decode()
    assert "There are no benchmarks yet." in response.content.decode()


# -- the lists' queries -------------------------------------------------------------------


def test_the_lists_take_the_same_queries_for_few_and_many_rows(client, admin, indicator):
    counts = {}
    for total in (2, 20):
        Outturn.objects.filter(indicator=indicator).delete()
        Benchmark.objects.filter(indicator=indicator).delete()
        for n in range(total):
            client.post(outturns_url(indicator), {"year": f"{2000 + n}/{(n + 1) % 100:02d}", "value": "40"})
            client.post(benchmarks_url(indicator), {**BENCHMARK, "measure": "another", "other_measure": f"Area {n}"})
        assert indicator.outturns.count() == total and indicator.benchmarks.count() == total
        for url in (outturns_url(indicator), benchmarks_url(indicator)):
            client.get(url)  # the site settings and the session, read once and cached
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.setdefault(url, []).append(len(queries))
    assert all(first == second for first, second in counts.values()), counts
