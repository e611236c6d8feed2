"""As presented and now (issue 12, item 7): what differs between a publication and the live
figures, or a later publication; staff see who and when, everyone sees why."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scorecards.compute.periods import Month
from scorecards.models import Commentary, Observation, Publication
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db

DECEMBER = Month(2020, 12)
URL = "/scorecards/test-card/2020-12/changes/"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def corrected(officer):
    """December published as Issue 1; then 1.2's December figure corrected, with a reason, and an
    exception note written for 1.1."""
    scorecard = build_scorecard(indicator_count=3, months=15)
    publish_scorecard(scorecard, DECEMBER)
    observation = Observation.objects.get(indicator__number="1.2", period=date(2020, 12, 1))
    observation.numerator, observation.value = Decimal(47), Decimal("47.0")
    observation._history_user = officer
    observation._change_reason = "Late returns from the fostering team"
    observation.save()
    indicator = scorecard.indicators.get(number="1.1")
    Commentary.objects.create(
        scorecard=scorecard, indicator=indicator, period=date(2020, 12, 1), kind="exception",
        text="Two **late** placements.",
    )
    return scorecard


def test_staff_compare_the_publication_with_the_live_figures_and_see_who(client, officer, corrected):
    client.force_login(officer)
    response = client.get(URL)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    text = text_of(response)
    assert "1.2 Indicator 2 Dec-20 40.0% 47.0%" in text
    assert "Late returns from the fostering team" in text
    assert f"({officer.get_full_name() or officer.username}," in text
    # The direction of travel moved with the figure; the note is new.
    assert "Direction of travel and ratings as at December 2020" in text
    assert "1.2 Indicator 2 Direction of travel decline in performance" in text
    assert "1.1 Indicator 1: Exception (why red and what is being done), December 2020" in text
    assert "Two late placements." in text
    assert "Issue 1, published" in text
    # Nothing else changed: 1.3 is not listed.
    assert "1.3 Indicator 3" not in text


def test_the_public_compare_two_publications_and_see_why_but_not_who(client, officer, corrected):
    assert "There is no later issue to compare with yet" in text_of(client.get(URL))
    assert "fostering" not in text_of(client.get(URL + "?against=live"))  # live is not offered to the public
    publish_scorecard(corrected, Month(2021, 1))
    response = client.get(URL)
    text = text_of(response)
    assert "1.2 Indicator 2 Dec-20 40.0% 47.0%" in text
    assert "Late returns from the fostering team" in text
    assert officer.username not in text and "private" not in response.get("Cache-Control", "")
    assert "January 2021, Issue 1, published" in text


def test_no_changes_say_so(client, officer):
    scorecard = build_scorecard(indicator_count=2, months=15)
    publish_scorecard(scorecard, DECEMBER)
    client.force_login(officer)
    assert "No changes: the figures, ratings and notes of January 2019 to December 2020 are as presented." in text_of(
        client.get(URL)
    )


def test_a_bad_choice_is_named_in_the_error_summary(client, officer, corrected):
    client.force_login(officer)
    response = client.get(URL + "?against=999999")
    assert response.status_code == 200
    text = text_of(response)
    assert text.startswith(" Error: ") or "<title>Error:" in response.content.decode()
    assert "Select what to compare with from the list" in text


def test_an_unpublished_month_has_no_changes_page(client, officer):
    build_scorecard(indicator_count=1, months=3)
    client.force_login(officer)
    assert client.get(URL).status_code == 404


def test_the_changes_page_queries_do_not_grow_with_indicators(client, officer):
    counts = []
    for size, slug in ((5, "small"), (60, "large")):
        scorecard = build_scorecard(indicator_count=size, slug=slug, months=15)
        publish_scorecard(scorecard, DECEMBER)
        Observation.objects.filter(indicator__scorecard=scorecard, period=date(2020, 12, 1)).update(value=Decimal("1.0"))
        client.force_login(officer)
        client.get("/")  # the site settings, read once and cached, are not the page's own queries
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/scorecards/{slug}/2020-12/changes/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Publication.objects.count() == 2


# -- who may see what -------------------------------------------------------------------

# (who, sees the live comparison and who made each change). Everyone may compare two
# publications; POST is never allowed.
PERMISSIONS = [
    ("anonymous", False),
    ("councillor", False),
    ("scorecard owner", True),
    ("indicator owner", True),
    ("officer owning nothing", True),
    ("governance advisor", True),
    ("admin", True),
]


@pytest.mark.parametrize(("who", "staff"), PERMISSIONS, ids=[row[0] for row in PERMISSIONS])
def test_who_may_see_the_changes_page(client, corrected, officer, who, staff):
    from tests.entry_pages import person

    user = person(who, corrected)
    if user is not None:
        client.force_login(user)
    live = client.get(URL + "?against=live")
    assert live.status_code == 200
    assert ("Late returns from the fostering team" in text_of(live)) is staff
    assert client.post(URL).status_code == 405
    publish_scorecard(corrected, Month(2021, 1))
    response = client.get(URL)
    text = text_of(response)
    assert "Late returns from the fostering team" in text  # why: for everyone
    assert (f"({officer.username}," in text) is staff  # who and when: for staff
    # Every page a signed-in person sees is private (accounts.middleware); the public's may be shared.
    assert ("private" in response.get("Cache-Control", "")) is (user is not None)
