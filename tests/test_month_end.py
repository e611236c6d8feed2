"""Month end: who may use its pages, submitting one's rows, signing off and publishing, the
command's checks and --force, the demo's forced publications, the status table and its queries,
and an officer's home page."""

import re
from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from portal.demo import DEMO_FORCED_REASON
from scorecards import month_end
from scorecards.compute.periods import Month
from scorecards.models import Commentary, Indicator, Observation, Publication, Submission
from tests.builders import build_scorecard
from tests.conftest import make_user
from tests.entry_pages import owner_of, person

pytestmark = pytest.mark.django_db

DEC, JAN = "2020-12", "2021-01"
SIGN_IN = "/sign-in/?next="


def url(scorecard, name: str, month: str = DEC) -> str:
    return f"/scorecards/{scorecard.slug}/{month}/{name}/"




PEOPLE = ["anonymous", "councillor", "scorecard owner", "indicator owner", "officer owning nothing",
          "governance advisor", "admin"]
# Per page and method, each person's status, in the order of PEOPLE. "login": 302 to sign in;
# 302: on to the next page. The December figures are complete, none red: submitting succeeds;
# signing off is refused (200) while rows are unsubmitted; month end and the list are GET only.
MATRIX = {
    ("month-end", "GET"): ["login", 403, 200, 200, 200, 200, 200],
    ("month-end", "POST"): [405, 405, 405, 405, 405, 405, 405],
    ("submit", "GET"): ["login", 403, 403, 302, 403, 403, 302],
    ("submit", "POST"): ["login", 403, 403, 302, 403, 403, 302],
    ("sign-off", "GET"): ["login", 403, 200, 403, 403, 403, 200],
    ("sign-off", "POST"): ["login", 403, 200, 403, 403, 403, 200],
    ("/month-end/", "GET"): ["login", 403, 200, 200, 200, 200, 200],
    ("/month-end/", "POST"): [405, 405, 405, 405, 405, 405, 405],
}
CASES = [(page, method, who, expected) for (page, method), statuses in MATRIX.items()
         for who, expected in zip(PEOPLE, statuses, strict=True)]
# Rows a POST to submit leaves submitted, by person.
SUBMITTED = {"indicator owner": 1, "admin": 2}


@pytest.mark.parametrize(("page", "method", "who", "expected"), CASES, ids=[f"{c[0]} {c[1]} {c[2]}" for c in CASES])
def test_who_may_use_month_end(client, page, method, who, expected):
    scorecard = build_scorecard(indicator_count=2)
    user = person(who, scorecard)
    if user is not None:
        client.force_login(user)
    target = page if page.startswith("/") else url(scorecard, page)
    response = client.post(target) if method == "POST" else client.get(target)
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    else:
        assert response.status_code == expected
        if expected == 302:
            assert not response["Location"].startswith(SIGN_IN)
    if expected in (200, 302):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"] or expected == 302
    submitted = SUBMITTED.get(who, 0) if (page, method) == ("submit", "POST") else 0
    assert Submission.objects.count() == submitted
    assert not Publication.objects.exists()


# -- submitting --------------------------------------------------------------------------


def enter(scorecard, number: str, value: str | None, month: date = date(2021, 1, 1), **fields) -> Observation:
    indicator = Indicator.objects.get(scorecard=scorecard, number=number)
    return Observation.objects.create(indicator=indicator, period=month,
                                      value=None if value is None else Decimal(value), **fields)


def exception_note(scorecard, number: str, text: str = "Fewer placements; a recovery plan is in place.") -> None:
    indicator = Indicator.objects.get(scorecard=scorecard, number=number)
    Commentary.objects.create(scorecard=scorecard, indicator=indicator, period=date(2021, 1, 1),
                              kind="exception", text=text)


def test_submitting_is_refused_with_what_stops_it_then_accepted(client):
    scorecard = build_scorecard(indicator_count=3)
    officer = owner_of(scorecard)
    client.force_login(officer)
    enter(scorecard, "1.1", "30.0")  # red: below 40%
    enter(scorecard, "1.2", "45.0")
    ids = dict(Indicator.objects.filter(scorecard=scorecard).values_list("number", "pk"))

    response = client.post(url(scorecard, "submit", JAN))
    html = response.content.decode()
    assert response.status_code == 200 and "were not submitted" in html
    assert (f'href="/scorecards/test-card/2021-01/entry/#i{ids["1.1"]}">1.1: red (in month or at year end) '
            "with no exception note for January 2021") in html
    assert f'#i{ids["1.3"]}">1.3: no figure for January 2021, when one is due' in html
    assert "1.2:" not in html
    assert not Submission.objects.exists()

    exception_note(scorecard, "1.1")
    enter(scorecard, "1.3", None, mark="[x]")
    response = client.post(url(scorecard, "submit", JAN))
    assert response.status_code == 302 and response["Location"] == url(scorecard, "month-end", JAN)
    assert set(Submission.objects.values_list("indicator__number", "submitted_by__username")) == {
        ("1.1", officer.username), ("1.2", officer.username), ("1.3", officer.username)}
    page = client.get(response["Location"]).content.decode()
    assert "Submitted your 3 rows for January 2021." in page
    assert "Submitted: every row is submitted, ready for sign-off" in page


def your_submission_words(client, scorecard) -> str:
    html = client.get(url(scorecard, "entry", JAN)).content.decode()
    return re.sub(r"<[^>]+>", "", html.split('id="your-submission">', 1)[1].split("</p>", 1)[0])


def test_the_grid_says_where_your_rows_stand(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard))
    enter(scorecard, "1.1", "45.0")
    enter(scorecard, "1.2", "46.0")
    assert your_submission_words(client, scorecard) == "Not submitted None of your 2 rows is submitted yet."
    assert client.post(url(scorecard, "submit", JAN)).status_code == 302
    assert your_submission_words(client, scorecard) == "Submitted All 2 of your rows are submitted."
    Observation.objects.filter(indicator__number="1.2", period=date(2021, 1, 1)).update(
        value=Decimal("47.0"), updated_at=datetime.now(dt_timezone.utc) + timedelta(seconds=1))
    assert your_submission_words(client, scorecard) == (
        "Part submitted 1 of your 2 rows are submitted; 1 changed since and need submitting again.")


def test_a_row_changed_after_submitting_is_reopened():
    scorecard = build_scorecard(indicator_count=1)
    officer = owner_of(scorecard)
    observation = enter(scorecard, "1.1", "45.0")
    Submission.objects.create(indicator=observation.indicator, period=date(2021, 1, 1), submitted_by=officer,
                              submitted_at=datetime(2021, 2, 1, tzinfo=dt_timezone.utc))
    (row,) = month_end.month_rows(scorecard, Month(2021, 1))
    assert row.reopened and not row.submitted  # the figure was saved after (now, in 2026)
    Submission.objects.update(submitted_at=datetime.now(dt_timezone.utc))
    (row,) = month_end.month_rows(scorecard, Month(2021, 1))
    assert row.submitted
    exception_note(scorecard, "1.1", "A note written after submitting")
    (row,) = month_end.month_rows(scorecard, Month(2021, 1))
    assert row.reopened
    progress = month_end.owner_progress([row])
    assert progress[0].reopened == ("1.1",)


# -- signing off -------------------------------------------------------------------------


def test_sign_off_waits_for_every_row_then_publishes_naming_the_signer(client):
    scorecard = build_scorecard(indicator_count=2)
    ann = owner_of(scorecard, "ann", numbers=["1.1"])
    bob = owner_of(scorecard, "bob", numbers=["1.2"])
    owner = make_user("signer", Role.PERFORMANCE_OFFICER)
    owner.first_name, owner.last_name = "A.", "Officer"
    owner.save()
    scorecard.owners.add(owner)
    enter(scorecard, "1.1", "45.0")
    enter(scorecard, "1.2", "46.0")

    client.force_login(ann)
    assert client.post(url(scorecard, "submit", JAN)).status_code == 302
    client.force_login(owner)
    refused = client.post(url(scorecard, "sign-off", JAN))
    html = refused.content.decode()
    assert refused.status_code == 200 and "January 2021 cannot be signed off yet" in html
    assert "1 row not submitted by its owner" in html and "Not submitted" in html
    assert not Publication.objects.exists()

    client.force_login(bob)
    client.post(url(scorecard, "submit", JAN))
    client.force_login(owner)
    response = client.post(url(scorecard, "sign-off", JAN))
    assert response.status_code == 302 and response["Location"] == f"/scorecards/{scorecard.slug}/{JAN}/"
    publication = Publication.objects.get()
    assert (publication.as_at, publication.issue, publication.published_by, publication.forced_reason) == (
        date(2021, 1, 1), 1, owner, "")
    assert re.fullmatch(r"Issue 1, published \d+ \w+ \d{4} by A\. Officer", publication.status_line)
    page = client.get(response["Location"]).content.decode()
    assert f"Signed off and published: {publication.status_line}." in page
    status = client.get(url(scorecard, "month-end", JAN)).content.decode()
    assert "Published as Issue 1" in status and "signed off by A. Officer" in status and "Overdue" not in status
    # Signing off again with nothing changed makes no new issue.
    client.post(url(scorecard, "sign-off", JAN))
    assert Publication.objects.count() == 1


def test_sign_off_is_refused_while_a_red_row_has_no_note_even_when_submitted(client):
    scorecard = build_scorecard(indicator_count=1)
    officer = owner_of(scorecard)
    enter(scorecard, "1.1", "30.0")
    exception_note(scorecard, "1.1")
    client.force_login(officer)
    client.post(url(scorecard, "submit", JAN))
    assert Submission.objects.count() == 1
    # The note is removed after submitting (here behind the grid's back): the row is reopened and
    # sign-off lists both why.
    Commentary.objects.all().delete()
    admin = make_user("boss", Role.ADMIN)
    client.force_login(admin)
    html = client.post(url(scorecard, "sign-off", JAN)).content.decode()
    assert "1.1: red (in month or at year end) with no exception note for January 2021" in html
    assert not Publication.objects.exists()


# -- the command and the demo ------------------------------------------------------------


def test_publish_command_refuses_with_the_problems_and_force_records_its_reason(capsys):
    scorecard = build_scorecard(indicator_count=2, slug="cp")
    enter(scorecard, "1.1", "30.0")
    with pytest.raises(CommandError) as refused:
        call_command("publish_scorecard", "cp", "--as-at", JAN)
    message = str(refused.value)
    assert "cp cannot be signed off as at 2021-01: 2 problem(s)." in message
    assert "1.1: red (in month or at year end) with no exception note for January 2021" in message
    assert "1.2: no figure for January 2021, when one is due" in message
    assert not Publication.objects.exists()
    with pytest.raises(CommandError, match="--force needs --reason"):
        call_command("publish_scorecard", "cp", "--as-at", JAN, "--force")
    call_command("publish_scorecard", "cp", "--as-at", JAN, "--force", "--reason", "  Presented to committee as it stood ")
    publication = Publication.objects.get()
    assert publication.forced_reason == "Presented to committee as it stood"
    assert "Issue 1 despite 2 sign-off problem(s), because: Presented to committee as it stood" in capsys.readouterr().out
    assert "without passing the sign-off checks: Presented" in publication.history.get().history_change_reason


def test_load_demo_forces_the_printed_months_with_its_reason_and_keeps_their_hashes(client):
    call_command("load_demo")
    publications = {p.scorecard.slug: p for p in Publication.objects.select_related("scorecard")}
    # The hashes of the demo publications before sign-off existed: the reason sits outside them.
    assert publications["corporate-parenting"].content_hash == (
        "f9c4ed0fd2a98f570246e247aaa63640683803dc5baaa19b478f83ae0bacfa12")
    assert publications["safeguarding-children-families"].content_hash == (
        "3a16ddb04e073633cfe30aab589268760f6a73e99634d64cb23e728616754fc2")
    assert {p.forced_reason for p in publications.values()} == {DEMO_FORCED_REASON}
    reds = {slug: [problem.message for problem in month_end.month_end(p.scorecard, Month.parse(f"{p.as_at:%Y-%m}"),
                                                                      date(2026, 1, 1)).problems]
            for slug, p in publications.items()}
    assert sum("no exception note" in m for m in reds["corporate-parenting"]) == 10
    assert sum("no exception note" in m for m in reds["safeguarding-children-families"]) == 17
    # Staff see why; a councillor does not.
    page = f"/scorecards/corporate-parenting/{DEC}/"
    assert DEMO_FORCED_REASON not in client.get(page).content.decode()
    client.force_login(make_user("cllr", Role.COUNCILLOR))
    assert DEMO_FORCED_REASON not in client.get(page).content.decode()
    client.force_login(make_user("staff", Role.GOVERNANCE_ADVISOR))
    assert DEMO_FORCED_REASON in client.get(page).content.decode()


# -- the month-end page ------------------------------------------------------------------


def test_the_month_end_table_owner_by_owner(client):
    scorecard = build_scorecard(indicator_count=4)
    ann = owner_of(scorecard, "ann", numbers=["1.1", "1.2", "1.3"])
    ann.first_name, ann.last_name = "Ann", "Able"
    ann.save()
    owner_of(scorecard, "bob", numbers=["1.3"])
    enter(scorecard, "1.1", "30.0", status="provisional")  # red, no note
    enter(scorecard, "1.3", "45.0")
    client.force_login(make_user("advisor", Role.GOVERNANCE_ADVISOR))
    response = client.get(url(scorecard, "month-end", JAN))
    html = response.content.decode()
    rows = [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r'<tr class="govuk-table__row[^"]*">(.*?)</tr>', html, re.S)]
    assert rows == [
        ["Ann Able", "3", "0", "2", "1", "1", "1.1", "Not submitted"],
        ["bob", "1", "0", "1", "0", "0", "none", "Not submitted"],
        ["No owner", "1", "0", "0", "1", "0", "none", "Not submitted"],
    ]
    assert "Each owner&#x27;s rows for January 2021</h2>" in html
    assert "Open: 0 of 4 rows submitted" in html
    # The deadline of January 2021: working day 10 after 31 January, long past.
    assert "Friday 12 February 2021: working day 10 after the month ends" in html
    assert "Overdue by" in html
    assert "no target for" not in html


def test_the_month_end_page_warns_of_a_year_without_targets(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(make_user("officer", Role.PERFORMANCE_OFFICER))
    html = client.get(url(scorecard, "month-end", "2021-04")).content.decode()
    assert "2 indicators have no target for 2021/22, so no RAG rating" in html
    assert "Without a target for 2021/22: 1.1, 1.2." in html


def test_the_deadline_is_a_scorecard_setting(client):
    scorecard = build_scorecard(indicator_count=1)
    scorecard.deadline_working_day = 1
    scorecard.save()
    client.force_login(make_user("officer", Role.PERFORMANCE_OFFICER))
    assert "Monday 4 January 2021: working day 1 after the month ends" in client.get(
        url(scorecard, "month-end", DEC)).content.decode()


def month_end_queries(client, size: int) -> int:
    scorecard = build_scorecard(indicator_count=size, slug=f"size-{size}")
    officer = owner_of(scorecard, f"officer-{size}")
    scorecard.owners.add(officer)
    for indicator in Indicator.objects.filter(scorecard=scorecard)[:3]:
        Submission.objects.create(indicator=indicator, period=date(2020, 12, 1), submitted_by=officer,
                                  submitted_at=datetime.now(dt_timezone.utc))
    client.force_login(officer)
    client.get(url(scorecard, "month-end"))  # warm the site settings cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(scorecard, "month-end"))
    assert response.status_code == 200
    return len(queries)


def test_the_month_end_page_takes_the_same_queries_for_5_and_200_indicators(client):
    assert month_end_queries(client, 5) == month_end_queries(client, 200)


# -- where officers start ----------------------------------------------------------------


def test_an_officers_home_lists_their_scorecards_with_the_open_month_and_links(client):
    from scorecards.services.publishing import publish_scorecard

    mine = build_scorecard(indicator_count=2, slug="mine")
    build_scorecard(indicator_count=1, slug="not-mine")
    publish_scorecard(mine, Month.parse(DEC))
    officer = owner_of(mine, numbers=["1.1"])
    mine.owners.add(officer)
    client.force_login(officer)
    response = client.get("/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Your month end" in html and "Test scorecard mine: January 2021" in html
    assert "Test scorecard not-mine:" not in html
    assert "Open: 0 of 2 rows submitted" in html and "Overdue by" in html
    for link in ("/scorecards/mine/2021-01/entry/", "/scorecards/mine/upload/", "/scorecards/mine/2021-01/month-end/",
                 "/scorecards/mine/2021-01/sign-off/"):
        assert f'href="{link}"' in html
    assert 'href="/month-end/"' in html  # the header's link, for staff
    assert "Test scorecard mine: January 2021" in client.get("/month-end/").content.decode()

    client.force_login(make_user("cllr", Role.COUNCILLOR))
    html = client.get("/").content.decode()
    assert "Your month end" not in html and 'href="/month-end/"' not in html


def test_the_deadline_is_set_under_manage_not_in_the_administration(client):
    scorecard = build_scorecard(indicator_count=1)
    client.force_login(make_user("boss", Role.ADMIN))
    url = f"/admin/scorecards/scorecard/{scorecard.pk}/change/"
    response = client.post(url, {"owners": [], "deadline_working_day": "5", "title": "Renamed", "_save": "Save",
                                 "sections-TOTAL_FORMS": "1", "sections-INITIAL_FORMS": "1"})
    assert response.status_code == 403
    scorecard.refresh_from_db()
    assert (scorecard.deadline_working_day, scorecard.title) == (10, "Test scorecard test-card")