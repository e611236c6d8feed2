"""Months no scorecard can be as at are a 404 on every page, download and JSON, for the
public and for staff asking for live figures (issue 10, item 7): the converter reads a URL's
month as compute.periods does, January 1990 to December 2099."""

import pytest

from scorecards.downloads import DOWNLOADS

pytestmark = pytest.mark.django_db
BASE = "/scorecards/corporate-parenting"
IMPOSSIBLE = ["0001-01", "9999-12", "0001-02", "1989-12", "2100-01", "0000-01", "2020-00", "2020-13"]
PATHS = ["{month}/", "{month}/indicators/6.9/", *(f"{{month}}/{name}" for name in DOWNLOADS), "{month}.json"]


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once for the module); each test's changes roll back."""


@pytest.mark.parametrize("month", IMPOSSIBLE)
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("live", [False, True], ids=["public", "staff-live"])
def test_an_impossible_month_is_not_found(client, officer, demo, month, path, live):
    query = ""
    if live:
        client.force_login(officer)
        query = "?live=1"
    response = client.get(f"{BASE}/{path.format(month=month)}{query}")
    assert response.status_code == 404


@pytest.mark.parametrize("month", ["1990-01", "2099-12"])
def test_the_first_and_last_months_accepted_are_pages(client, officer, demo, month):
    """Nothing published then, but a staff member sees live (empty) figures, not an error."""
    client.force_login(officer)
    assert client.get(f"{BASE}/{month}/?live=1").status_code == 200
    assert client.get(f"{BASE}/{month}/").status_code == 404  # not published
    assert client.get(f"{BASE}/{month}.json?live=1").status_code == 200


def test_a_month_picked_outside_the_range_is_not_found(client, demo):
    response = client.get(f"{BASE}/?month=0001-01", follow=True)
    assert response.status_code == 404
