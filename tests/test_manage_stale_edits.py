"""Lost updates on the management forms (scorecards/stale_edits.py): a page drawn before a
colleague's save is refused, with who and when, nothing saved and the typed values kept; saving
again after reading goes through. Also: unknown button values are refused, a row deleted
meanwhile is said so on its list, and a double-clicked Confirm says the target is confirmed."""

import re
from decimal import Decimal

import pytest

from accounts.roles import Role
from scorecards.manage_target_forms import TargetForm
from scorecards.models import Benchmark, Indicator, Outturn, Scorecard, Section, Target
from scorecards.services import manage, manage_figures, manage_indicators, manage_targets
from scorecards.services.manage_figures import BenchmarkEntry
from tests.builders import build_scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

CELLS = {"red": "<40%", "amber": "40%>", "green": "50%+"}


@pytest.fixture
def card(db) -> Scorecard:
    return build_scorecard(indicator_count=2, slug="test-card")


@pytest.fixture
def indicator(card) -> Indicator:
    return card.indicators.order_by("sort_key").first()


@pytest.fixture
def admin(client, db):
    user = make_user("manager", Role.ADMIN)
    client.force_login(user)
    return user


@pytest.fixture
def colleague(db):
    user = make_user("colleague", Role.ADMIN)
    user.first_name, user.last_name = "Ada", "Byron"
    user.save()
    return user


def drawn_version(response) -> str:
    """The hidden version the page carries, as a browser would post it back."""
    found = re.search(r'<input type="hidden" name="version" value="([^"]*)"', response.content.decode())
    assert found, "the form carries no version"
    return found.group(1)


def refusal(noun: str, against: str) -> re.Pattern:
    return re.compile(rf"Ada Byron changed this {noun} at \d\d:\d\d on \d{{1,2}} \w+ \d{{4}} since you opened the "
                      rf"page\. Your changes are below, not saved: check them against the current {against} and "
                      r"save again\.")


def assert_refused(response, noun: str, against: str, typed: dict[str, str]) -> str:
    """The page re-shown with the refusal, the typed values kept; the version it now carries."""
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.non_field_errors()) == 1 and refusal(noun, against).fullmatch(form.non_field_errors()[0])
    assert "There is a problem" in response.content.decode()
    for name, value in typed.items():
        assert form[name].value() == value
    return drawn_version(response)


def indicator_posted(indicator: Indicator, **change) -> dict:
    return {"number": indicator.number, "name": indicator.name, "section": str(indicator.section_id or ""),
            "polarity": indicator.polarity, "unit": indicator.unit, "frequency": indicator.frequency,
            "ytd_method": indicator.ytd_method, "decimals": str(indicator.decimals), "data_note": "",
            "definition": "", "council_plan_code": "", **change}


def test_a_stale_indicator_form_is_refused_and_saving_again_goes_through(client, admin, colleague, indicator):
    url = f"/manage/indicators/{indicator.pk}/"
    version = drawn_version(client.get(url))
    theirs = manage_indicators.settings_of(indicator)
    manage_indicators.change_indicator(indicator, manage_indicators.IndicatorSettings(
        **{**theirs.__dict__, "name": "Renamed by Ada"}), colleague, None)
    records = Indicator.history.count()
    typed = {"data_note": "Source: the case system"}
    response = client.post(url, indicator_posted(indicator, version=version, **typed))
    again = assert_refused(response, "indicator", "settings", typed)
    indicator.refresh_from_db()
    assert (indicator.name, indicator.data_note, Indicator.history.count()) == ("Renamed by Ada", "", records)
    assert again != version
    # Having read it, the admin keeps the new name and saves the note.
    response = client.post(url, indicator_posted(indicator, version=again, **typed))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.name, indicator.data_note) == ("Renamed by Ada", "Source: the case system")


def test_a_stale_target_form_is_refused_and_saving_again_goes_through(client, admin, colleague, indicator):
    target = manage_targets.add_target(indicator, "2022/23", manage_targets.Cells("<40%", "40%>", "50%+", "percentage"),
                                       admin, None)
    url = f"/manage/indicators/{indicator.pk}/targets/2022-23/"
    version = drawn_version(client.get(url))
    form = TargetForm({**CELLS, "green": "60%+", "red": "<50%", "amber": "50%>"}, indicator=indicator, target=target)
    assert form.is_valid()
    manage_targets.change_target(target, form.cells, colleague, None, False)
    typed = {**CELLS, "green": "45%+"}
    response = client.post(url, {**typed, "action": "save", "version": version})
    again = assert_refused(response, "target", "cells", typed)
    target.refresh_from_db()
    assert (target.red, target.green, target.history.count()) == ("<50%", "60%+", 2)
    assert client.post(url, {**typed, "action": "save", "version": again}).status_code == 302
    target.refresh_from_db()
    assert (target.red, target.green) == ("<40%", "45%+")


def test_a_stale_outturn_form_is_refused_and_saving_again_goes_through(client, admin, colleague, indicator):
    outturn = manage_figures.add_outturn(indicator, "2014/15", Decimal("30"), admin)
    url = f"/manage/indicators/{indicator.pk}/outturns/2014-15/"
    version = drawn_version(client.get(url))
    manage_figures.change_outturn(outturn, Decimal("31"), colleague, None)
    response = client.post(url, {"value": "32", "version": version})
    again = assert_refused(response, "outturn", "value", {"value": "32"})
    outturn.refresh_from_db()
    assert (outturn.value, outturn.history.count()) == (Decimal("31"), 2)
    # Deleting from the stale page is refused too: the value it showed is not the one stored.
    assert_refused(client.post(url, {"value": "32", "delete": "yes", "version": version}), "outturn", "value",
                   {"value": "32"})
    assert Outturn.objects.filter(pk=outturn.pk).exists()
    assert client.post(url, {"value": "32", "version": again}).status_code == 302
    outturn.refresh_from_db()
    assert outturn.value == Decimal("32")


def test_a_stale_benchmark_form_is_refused_and_saving_again_goes_through(client, admin, colleague, indicator):
    benchmark = manage_figures.add_benchmark(indicator, BenchmarkEntry("best_stat_neighbour", Decimal("40"), 0, "2019", "DfE"),
                                             admin, None)
    url = f"/manage/indicators/{indicator.pk}/benchmarks/{benchmark.pk}/"
    version = drawn_version(client.get(url))
    manage_figures.change_benchmark(benchmark, BenchmarkEntry("best_stat_neighbour", Decimal("41"), 0, "2019", "DfE"),
                                    colleague, None)
    typed = {"measure": "best_stat_neighbour", "other_measure": "", "value": "42", "year": "2019", "source": "DfE"}
    response = client.post(url, {**typed, "version": version})
    again = assert_refused(response, "benchmark", "values", typed)
    benchmark.refresh_from_db()
    assert (benchmark.value, benchmark.history.count()) == (Decimal("41"), 2)
    assert client.post(url, {**typed, "version": again}).status_code == 302
    benchmark.refresh_from_db()
    assert benchmark.value == Decimal("42")


def test_a_stale_scorecard_form_is_refused_and_saving_again_goes_through(client, admin, colleague, card):
    url = f"/manage/scorecards/{card.slug}/"
    version = drawn_version(client.get(url))
    theirs = manage.settings_of(card)
    manage.change_scorecard(card, manage.ScorecardSettings(**{**theirs.__dict__, "title": "Retitled by Ada"}),
                            colleague, None)
    typed = {"title": card.title, "year_start_month": "4", "dot_basis": "month", "arrow_convention": "performance",
             "publication_frequency": "monthly", "deadline_working_day": "12"}
    response = client.post(url, {**typed, "version": version})
    again = assert_refused(response, "scorecard", "settings", typed)
    card.refresh_from_db()
    assert (card.title, card.deadline_working_day) == ("Retitled by Ada", theirs.deadline_working_day)
    assert client.post(url, {**typed, "title": "Retitled by Ada", "version": again}).status_code == 302
    card.refresh_from_db()
    assert (card.title, card.deadline_working_day) == ("Retitled by Ada", 12)


# -- button values ------------------------------------------------------------------------


def test_unknown_button_values_are_refused_and_save_nothing(client, admin, card, indicator):
    manage_targets.add_target(indicator, "2022/23", manage_targets.Cells("<40%", "40%>", "50%+", "percentage"),
                              admin, None)
    outturn = manage_figures.add_outturn(indicator, "2014/15", Decimal("30"), admin)
    section = card.sections.get()
    before = (list(Target.objects.values_list("red", "amber", "green")), Target.history.count(),
              Indicator.objects.get(pk=indicator.pk).retired_from, list(Section.objects.values_list("order")),
              Outturn.objects.count())
    base = f"/manage/indicators/{indicator.pk}"
    for url, posted in [
        (f"{base}/targets/2022-23/", {**CELLS, "green": "45%+", "action": "explode"}),
        (f"{base}/targets/new/", {**CELLS, "year": "2021/22", "action": "explode"}),
        (f"{base}/retirement/", {"action": "explode", "retire-month": "1", "retire-year": "2030", "retire-reason": "x"}),
        (f"/manage/scorecards/{card.slug}/sections/{section.pk}/move/", {"direction": "sideways"}),
        (f"{base}/outturns/2014-15/", {"value": "31", "delete": "explode"}),
    ]:
        assert client.post(url, posted).status_code == 400, url
    assert before == (list(Target.objects.values_list("red", "amber", "green")), Target.history.count(),
                      Indicator.objects.get(pk=indicator.pk).retired_from, list(Section.objects.values_list("order")),
                      Outturn.objects.count())
    outturn.refresh_from_db()
    assert outturn.value == Decimal("30")


# -- rows deleted meanwhile -----------------------------------------------------------------


def test_saving_an_outturn_deleted_meanwhile_says_so_on_the_list(client, admin, colleague, indicator):
    outturn = manage_figures.add_outturn(indicator, "2014/15", Decimal("30"), admin)
    url = f"/manage/indicators/{indicator.pk}/outturns/2014-15/"
    version = drawn_version(client.get(url))
    manage_figures.delete_outturn(outturn, colleague, None)
    response = client.post(url, {"value": "31", "version": version}, follow=True)
    assert response.redirect_chain == [(f"/manage/indicators/{indicator.pk}/outturns/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The outturn for 2014/15 was deleted since you opened the page: nothing was saved."]
    assert "The outturn for 2014/15 was deleted since you opened the page" in response.content.decode()
    assert not Outturn.objects.filter(indicator=indicator, year="2014/15").exists()
    # An outturn that never was is still not found.
    assert client.post(f"/manage/indicators/{indicator.pk}/outturns/2013-14/", {"value": "1"}).status_code == 404
    assert client.get(url).status_code == 404


def test_saving_a_benchmark_deleted_meanwhile_says_so_on_the_list(client, admin, colleague, indicator):
    benchmark = manage_figures.add_benchmark(indicator, BenchmarkEntry("best_stat_neighbour", Decimal("40"), 0, "", ""),
                                             admin, None)
    url = f"/manage/indicators/{indicator.pk}/benchmarks/{benchmark.pk}/"
    version = drawn_version(client.get(url))
    manage_figures.delete_benchmark(benchmark, colleague, None)
    response = client.post(url, {"measure": "best_stat_neighbour", "value": "41", "version": version}, follow=True)
    assert response.redirect_chain == [(f"/manage/indicators/{indicator.pk}/benchmarks/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The benchmark \u201cBest statistical neighbour\u201d was deleted since you opened the page: nothing was saved."]
    assert not Benchmark.objects.filter(pk=benchmark.pk).exists()


# -- confirming twice -----------------------------------------------------------------------


def test_a_second_click_on_confirm_says_the_target_is_already_confirmed(client, admin, card, indicator):
    Target.objects.create(indicator=indicator, year="2021/22", red="<40%", amber="40%>", green="50%+",
                          kind="percentage", draft=True)
    draft = Target.objects.get(year="2021/22")
    url = f"/manage/scorecards/{card.slug}/targets/2021-22/"
    assert client.post(url, {"confirm": str(draft.pk)}, follow=True).status_code == 200
    records = Target.history.count()
    response = client.post(url, {"confirm": str(draft.pk)}, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        ("info", f"The target of {indicator.number} for 2021/22 is already confirmed: it gives a RAG rating.")]
    assert not response.context["errors"] and Target.history.count() == records
    # Confirm all, clicked twice, likewise.
    assert client.post(url, {"confirm": "all", "shown": [str(draft.pk)]}).status_code == 302
