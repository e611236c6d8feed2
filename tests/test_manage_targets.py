"""Managing targets (issue 13, item 3 and the target half of item 8): who may, what bad input
reads as, the form with its preview, reasons after publication, the yearly rollover, confirming
drafts (a draft rates nothing until confirmed), month end's warning and the import's confirming."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from scorecards import month_end
from scorecards.compute.periods import Month
from scorecards.figures import compute_figures
from scorecards.models import Indicator, Observation, Scorecard, Target
from scorecards.selectors import live_data
from scorecards.services.imports import import_workbook
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = {"councillor": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
         "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}
CELLS = {"red": "<40%", "amber": "40%>", "green": "50%+"}


@pytest.fixture
def card(db) -> Scorecard:
    return build_scorecard(indicator_count=2, slug="test-card")


@pytest.fixture
def admin(client, db):
    user = make_user("manager", Role.ADMIN)
    client.force_login(user)
    return user


def first(card: Scorecard) -> Indicator:
    return card.indicators.order_by("sort_key").first()


def targets_url(indicator: Indicator, year: str = "") -> str:
    return f"/manage/indicators/{indicator.pk}/targets/{year + '/' if year else ''}"


def stored() -> list[tuple]:
    """Every target and how many history records the targets have: what a refusal leaves alone."""
    rows = list(Target.objects.order_by("pk").values_list("indicator_id", "year", "red", "amber", "green", "kind",
                                                             "draft"))
    return [rows, Target.history.count()]


def form_errors(response) -> list[str]:
    return [message for messages in response.context["form"].errors.values() for message in messages]


def rag_in_month(card: Scorecard, number: str, month: Month):
    return compute_figures(live_data(card, month), [month])[number][str(month)].rag_in_month


# -- who may ------------------------------------------------------------------------------


def every_url(card: Scorecard) -> list[str]:
    indicator = first(card)
    return [targets_url(indicator), targets_url(indicator, "preview") + "?green=50%25%2B", targets_url(indicator, "new"),
            targets_url(indicator, "2020-21"), f"/manage/scorecards/{card.slug}/targets/rollover/",
            f"/manage/scorecards/{card.slug}/targets/2021-22/"]


# An admin's answers, per URL (in every_url's order): GET then an empty POST. The list and the
# preview take no POST; an empty form, rollover or confirmation is refused on the page (200); an
# empty post to an existing target clears its cells, which is "no target" and is saved (302).
ADMIN_ANSWERS = [(200, 405), (200, 405), (200, 200), (200, 302), (200, 200), (200, 200)]


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_only_admins_may_manage_targets(client, card, role, method):
    if role != "anonymous":
        client.force_login(make_user(f"matrix-{role}", ROLES[role]))
    before = stored()
    for url, answers in zip(every_url(card), ADMIN_ANSWERS, strict=True):
        response = client.get(url) if method == "GET" else client.post(url, {})
        if role == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), url
        elif role != "admin":
            assert response.status_code == 403, url
        else:
            assert response.status_code == answers[method == "POST"], url
            if response.status_code == 200:
                assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url
    if role != "admin":
        assert stored() == before


# -- the list and the form ------------------------------------------------------------------


def test_the_list_shows_each_year_in_words_with_who_changed_it(client, admin, card):
    indicator = first(card)
    Target.objects.create(indicator=indicator, year="2021/22", red="<45%", amber="45%>", green="55%+", draft=True)
    page = client.get(targets_url(indicator)).content.decode()
    assert page.index("2021/22") < page.index("2020/21")  # latest first
    assert "green at 55% or more, amber from 45% to under 55%, red below 45%" in page
    assert "Draft" in page and "Confirmed" in page
    assert f'href="{targets_url(indicator, "2021-22")}"' in page
    assert f'href="{targets_url(indicator, "new")}?year=2022/23"' in page
    assert f'href="/manage/indicators/{indicator.pk}/"' in page  # back up to the indicator's manage page


def test_the_list_takes_the_same_queries_for_2_and_10_years(client, admin, card):
    indicator = first(card)
    counts = []
    for years in (2, 10):
        Target.objects.filter(indicator=indicator).exclude(year="2020/21").delete()
        for start in range(2021, 2020 + years):
            target = Target(indicator=indicator, year=f"{start}/{(start + 1) % 100:02d}", **CELLS)
            target._history_user = admin
            target.save()
        client.get(targets_url(indicator))  # the site settings and the session, read once and cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(targets_url(indicator)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_admin_adds_a_year_and_it_rates(client, admin, card):
    indicator = first(card)
    response = client.post(targets_url(indicator, "new"),
                           {"year": "2021-22", "red": " <45% ", "amber": "45%>", "green": "55%+", "action": "save"})
    assert response.status_code == 302 and response["Location"] == targets_url(indicator)
    target = Target.objects.get(indicator=indicator, year="2021/22")
    assert (target.red, target.amber, target.green, target.kind, target.draft) == ("<45%", "45%>", "55%+", "bands", False)
    record = target.history.get()
    assert record.history_user == admin and record.history_change_reason == "added on the targets screen"
    Observation.objects.create(indicator=indicator, period=date(2021, 4, 1), value=Decimal("50.0"))
    assert rag_in_month(card, "1.1", Month(2021, 4)) == "amber"


def test_check_shows_the_preview_and_saves_nothing(client, admin, card):
    indicator = first(card)
    before = stored()
    typed = {"year": "2021/22", "red": "<45%", "amber": "", "green": "55%+", "reason": "kept", "action": "check"}
    response = client.post(targets_url(indicator, "new"), typed)
    assert response.status_code == 200 and stored() == before
    page = response.content.decode()
    assert "In words: Green at 55% or more, red below 55%." in page
    assert 'value="&lt;45%"' in page and 'value="2021/22"' in page and "kept</textarea>" in page
    assert "There is a problem" not in page
    # A mistake is shown in the preview, not as an error: nothing was saved or refused.
    response = client.post(targets_url(indicator, "new"), {**typed, "green": "55%+ or so"})
    assert "These cells cannot be saved yet" in response.content.decode() and stored() == before


def test_the_preview_address_returns_the_bands_for_the_polarity(client, admin, card):
    indicator = first(card)
    Indicator.objects.filter(pk=indicator.pk).update(polarity="Low")
    fragment = client.get(targets_url(indicator, "preview"), {"red": "13%+", "amber": "13%<", "green": "10.8%<"})
    html = fragment.content.decode()
    assert "<html" not in html and "no-store" in fragment["Cache-Control"]
    assert "In words: Green at 10.8% or less, amber over 10.8% to under 13%, red at 13% or more." in html
    assert html.index("app-rag--green") < html.index("app-rag--amber") < html.index("app-rag--red")
    assert "No cells typed" in client.get(targets_url(indicator, "preview")).content.decode()
    words = client.get(targets_url(indicator, "preview"), {"green": "Above stat neigh (79.7%)"}).content.decode()
    assert "not rated" in words and "gives no RAG" in words


# -- bad input: exact messages, values kept, nothing changed -------------------------------

YEAR_RULE = ("expected a reporting year written 2020/21, 2020-21 or 2020/2021 (two consecutive years: "
             "this scorecard's year starts in April); found ")
ADD_CASES = [
    ("cells that do not parse", {"red": "<85<90%"},
     'red cell "<85<90%" is not a form the parser knows: expected a threshold such as "<90%", ">12%", "13%+" or "90%"'),
    ("year 2020", {"year": "2020"}, YEAR_RULE + '"2020"'),
    ("year 2020/22", {"year": "2020/22"}, YEAR_RULE + '"2020/22"'),
    ("empty year", {"year": ""}, "Enter the reporting year of the target, for example 2021/22"),
    ("amber without red", {"red": "", "amber": "<50%"},
     'amber cell "<50%" runs on to the bad side with no red cell (high is good for a High indicator): '
     'expected an amber such as "50%+" or "50%"'),
    ("red and amber without green", {"green": ""},
     'red "<40%" and amber "40%>" given without a green target: enter the target in the green cell (e.g. "95%+"), '
     "or leave all three cells empty for no target"),
    ("a duplicate year", {"year": "2020-21"},
     "There is already a target for 2020/21: change it from the list of this indicator's targets"),
    ("a control character in the reason", {"reason": "why\x1b"},
     "expected text without control characters; found U+001B at character 4"),
]


@pytest.mark.parametrize(("case", "change", "message"), ADD_CASES, ids=[case[0] for case in ADD_CASES])
def test_adding_refuses_bad_input_and_keeps_the_values(client, admin, card, case, change, message):
    indicator = first(card)
    before = stored()
    posted = {"year": "2021/22", **CELLS, "reason": "", "action": "save", **change}
    response = client.post(targets_url(indicator, "new"), posted)
    assert response.status_code == 200
    assert form_errors(response) == [message]
    page = response.content.decode()
    assert "There is a problem" in page and "Error: " in page
    form = response.context["form"]
    assert {name: form.data[name] for name in ("year", "red", "amber", "green")} == {
        name: posted[name] for name in ("year", "red", "amber", "green")}
    assert stored() == before


def published(card: Scorecard) -> None:
    publish_scorecard(card, Month(2020, 12), make_user("publisher", Role.ADMIN))


def test_a_published_target_needs_a_reason_to_change(client, admin, card):
    indicator = first(card)
    published(card)
    url = targets_url(indicator, "2020-21")
    assert "A published issue of the scorecard shows this target" in client.get(url).content.decode()
    before = stored()
    response = client.post(url, {**CELLS, "green": "55%+", "action": "save"})
    assert form_errors(response) == [
        "Enter a reason for the change: a published issue of the scorecard shows this target, and its history "
        "keeps why it changed"]
    assert response.context["form"].data["green"] == "55%+" and stored() == before
    # Unchanged cells need no reason: nothing is written.
    assert client.post(url, {**CELLS, "action": "save"}).status_code == 302 and stored() == before
    response = client.post(url, {**CELLS, "green": "55%+", "reason": "Cabinet raised the target", "action": "save"},
                           follow=True)
    target = Target.objects.get(indicator=indicator, year="2020/21")
    assert target.green == "55%+"
    record = target.history.latest()
    assert record.history_change_reason == "Cabinet raised the target" and record.history_user == admin
    assert "Saved the target for 2020/21: green \u201c50%+\u201d to \u201c55%+\u201d." in response.content.decode()
    page = client.get(url).content.decode()
    assert "Last changed by manager on" in page and "Cabinet raised the target" in page


def test_a_draft_saved_through_the_form_stays_a_draft_unless_confirmed(client, admin, card):
    indicator = first(card)
    draft = Target.objects.create(indicator=indicator, year="2021/22", **CELLS, draft=True)
    url = targets_url(indicator, "2021-22")
    page = client.get(url).content.decode()
    assert "Save and confirm" in page and "Save as a draft" in page
    response = client.post(url, {**CELLS, "green": "55%+", "action": "save"}, follow=True)
    draft.refresh_from_db()
    assert draft.green == "55%+" and draft.draft
    assert "It is still a draft: it gives no RAG until it is confirmed." in response.content.decode()
    client.post(url + "?from=review", {**CELLS, "green": "55%+", "action": "confirm"})
    draft.refresh_from_db()
    assert not draft.draft and draft.history.latest().history_change_reason == "draft confirmed"


# -- the rollover and its review -----------------------------------------------------------


def rollover_url(card: Scorecard) -> str:
    return f"/manage/scorecards/{card.slug}/targets/rollover/"


def test_the_rollover_copies_as_drafts_and_never_overwrites(client, admin, card):
    one, two = card.indicators.order_by("sort_key")
    third = Indicator.objects.create(scorecard=card, section=one.section, number="1.3", sort_key="1.000003",
                                     name="Retired", polarity="High", unit="percentage", decimals=1,
                                     retired_from=date(2021, 4, 1))
    Target.objects.create(indicator=third, year="2020/21", **CELLS)
    Target.objects.create(indicator=two, year="2021/22", red="<1%", amber="", green="1%+")
    page = client.get(rollover_url(card)).content.decode()
    # The latest year with confirmed targets is offered first; an earlier one may be chosen.
    assert 'value="2021/22" selected>2021/22, to 2022/23' in page and '"2020/21">2020/21, to 2021/22' in page
    response = client.post(rollover_url(card), {"from_year": "2020/21"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/manage/scorecards/{card.slug}/targets/2021-22/"
    assert ("Copied 1 target from 2020/21 to 2021/22 as drafts; skipped 1 target that already had one for "
            "2021/22; left out 1.3, retired by 2021/22.") in response.content.decode()
    copy = Target.objects.get(indicator=one, year="2021/22")
    assert (copy.red, copy.amber, copy.green, copy.draft) == ("<40%", "40%>", "50%+", True)
    assert copy.history.get().history_change_reason == "copied from 2020/21 by the yearly rollover"
    assert copy.history.get().history_user == admin
    assert Target.objects.get(indicator=two, year="2021/22").green == "1%+"  # kept
    assert not Target.objects.filter(indicator=third, year="2021/22").exists()
    # Again: everything is already there.
    response = client.post(rollover_url(card), {"from_year": "2020/21"}, follow=True)
    assert "Copied 0 targets from 2020/21 to 2021/22 as drafts; skipped 2 targets" in response.content.decode()


def test_the_rollover_refuses_a_year_without_confirmed_targets(client, admin, card):
    before = stored()
    response = client.post(rollover_url(card), {"from_year": "2019/20"})
    assert form_errors(response) == [
        'There are no confirmed targets for "2019/20" in this scorecard to copy: choose a year from the list']
    assert response.context["form"].data["from_year"] == "2019/20" and stored() == before


def test_a_rollover_draft_does_not_rate_until_confirmed(client, admin, card):
    Observation.objects.create(indicator=first(card), period=date(2021, 4, 1), value=Decimal("45.0"))
    client.post(rollover_url(card), {"from_year": "2020/21"})
    april = Month(2021, 4)
    assert rag_in_month(card, "1.1", april) is None
    review = f"/manage/scorecards/{card.slug}/targets/2021-22/"
    page = client.get(review).content.decode()
    draft = Target.objects.get(indicator=first(card), year="2021/22")
    assert f'name="confirm" value="{draft.pk}"' in page and "Confirm all 2 drafts" in page
    response = client.post(review, {"confirm": str(draft.pk), "shown": [str(draft.pk)]}, follow=True)
    assert "Confirmed the target of 1.1 for 2021/22" in response.content.decode()
    assert rag_in_month(card, "1.1", april) == "amber"
    assert rag_in_month(card, "1.2", april) is None  # still a draft (and no figure)
    ids = list(Target.objects.filter(year="2021/22").values_list("pk", flat=True))
    client.post(review, {"confirm": "all", "shown": [str(pk) for pk in ids]})
    assert not Target.objects.filter(draft=True).exists()
    assert "There are no draft targets for this year." in client.get(review).content.decode()


def test_confirm_all_confirms_only_the_drafts_the_page_showed(client, admin, card):
    one, two = card.indicators.order_by("sort_key")
    shown = Target.objects.create(indicator=one, year="2021/22", **CELLS, draft=True)
    later = Target.objects.create(indicator=two, year="2021/22", **CELLS, draft=True)
    client.post(f"/manage/scorecards/{card.slug}/targets/2021-22/", {"confirm": "all", "shown": [str(shown.pk)]})
    shown.refresh_from_db(), later.refresh_from_db()
    assert not shown.draft and later.draft


def test_confirming_a_draft_of_another_scorecard_is_refused(client, admin, card):
    other = build_scorecard(indicator_count=1, slug="other-card", months=1)
    theirs = Target.objects.create(indicator=other.indicators.get(), year="2021/22", **CELLS, draft=True)
    before = stored()
    response = client.post(f"/manage/scorecards/{card.slug}/targets/2021-22/",
                           {"confirm": str(theirs.pk), "shown": [str(theirs.pk)]})
    assert response.status_code == 200
    assert [error["text"] for error in response.context["errors"]] == [
        "That target is not a draft of Test scorecard test-card for 2021/22: nothing was confirmed"]
    assert "There is a problem" in response.content.decode() and stored() == before


def test_a_year_that_is_not_one_is_not_found(client, admin, card):
    assert client.get(targets_url(first(card), "2020-22")).status_code == 404
    assert client.get(targets_url(first(card), "2019-20")).status_code == 404  # no target that year
    assert client.get(f"/manage/scorecards/{card.slug}/targets/21-22/").status_code == 404


def test_the_scorecard_manage_page_links_to_the_targets(client, admin, card):
    page = client.get(f"/manage/scorecards/{card.slug}/").content.decode()
    assert f'href="/manage/scorecards/{card.slug}/targets/rollover/">Targets: yearly rollover and review</a>' in page
    rollover = client.get(rollover_url(card)).content.decode()
    assert f'href="{targets_url(first(card))}"' in rollover
    assert f'href="/manage/scorecards/{card.slug}/targets/2020-21/">Targets for 2020/21</a>: 2 confirmed' in rollover


# -- month end -----------------------------------------------------------------------------


def test_month_end_warns_of_draft_and_missing_targets_but_not_of_retired_indicators(client, card):
    one, two = card.indicators.order_by("sort_key")
    retired = Indicator.objects.create(scorecard=card, section=one.section, number="1.3", sort_key="1.000003",
                                       name="Retired", polarity="High", unit="percentage", decimals=1,
                                       retired_from=date(2021, 4, 1))
    Target.objects.create(indicator=one, year="2021/22", **CELLS, draft=True)
    state = month_end.month_end(card, Month(2021, 4), date(2021, 5, 20))
    assert state.targets == month_end.TargetGaps(missing=("1.2",), drafts=("1.1",))
    assert retired.number not in state.targets.missing
    assert state.missing_targets_warning == (
        "1 indicator has no target for 2021/22 and 1 indicator has only a draft target for 2021/22, not yet "
        "confirmed, so no RAG rating: an administrator adds the missing targets and confirms the drafts.")
    client.force_login(make_user("officer", Role.PERFORMANCE_OFFICER))
    page = client.get(f"/scorecards/{card.slug}/2021-04/month-end/").content.decode()
    assert "Without a target for 2021/22: 1.2." in page and "With only a draft target for 2021/22: 1.1." in page
    assert "Review the targets" not in page
    client.force_login(make_user("boss", Role.ADMIN))
    page = client.get(f"/scorecards/{card.slug}/2021-04/month-end/").content.decode()
    assert f'href="/manage/scorecards/{card.slug}/targets/2021-22/">Review the targets for 2021/22</a>' in page
    Target.objects.filter(indicator=one).update(draft=False)
    Target.objects.create(indicator=two, year="2021/22", **CELLS)
    assert not month_end.month_end(card, Month(2021, 4), date(2021, 5, 20)).targets


# -- the import confirms --------------------------------------------------------------------


def test_importing_a_target_confirms_it(card, tmp_path):
    """A target imported for a year is confirmed: a draft the rollover made becomes the year's
    target, whether the import changes its cells or brings them as they are."""
    one, two = card.indicators.order_by("sort_key")
    Target.objects.create(indicator=one, year="2021/22", **CELLS, draft=True)
    Target.objects.create(indicator=two, year="2021/22", **CELLS, draft=True)
    folder = tmp_path / "targets"
    folder.mkdir()
    (folder / "scorecard.csv").write_text(f"slug\n{card.slug}\n")
    (folder / "targets.csv").write_text("number,year,red,amber,green\n1.1,2021/22,<40%,40%>,50%+\n"
                                        "1.2,2021/22,<41%,41%>,51%+\n")
    report = import_workbook(folder, user=make_user("importer", Role.ADMIN))
    assert report.ok, report.lines()
    assert list(Target.objects.filter(year="2021/22").order_by("indicator__sort_key")
                .values_list("green", "draft")) == [("50%+", False), ("51%+", False)]
    assert rag_in_month(card, "1.1", Month(2021, 4)) is None  # no figure yet, but a confirmed target:
    Observation.objects.create(indicator=one, period=date(2021, 4, 1), value=Decimal("45.0"))
    assert rag_in_month(card, "1.1", Month(2021, 4)) == "amber"
