"""Refusals in the site's own frame: a 403 says why and where to go, and a GET to an address
only a button POSTs to gets a page, not Django's blank 405."""

import pytest

from accounts.roles import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_a_refused_page_explains_itself_in_the_site_frame(client):
    client.force_login(make_user("reader", Role.COUNCILLOR))
    response = client.get("/manage/scorecards/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "<title>You cannot see this page" in page and "ask an administrator" in page
    assert 'class="govuk-header' in page or "govuk-template" in page


@pytest.mark.parametrize("url", ["/manage/users/1/unlock/", "/manage/scorecards/any/sections/1/move/"])
def test_a_get_to_a_button_only_address_is_a_page_not_a_blank(client, url):
    client.force_login(make_user("boss", Role.ADMIN))
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "This page cannot be opened this way" in page and "govuk-template" in page


def test_a_post_to_a_page_that_takes_none_gets_the_page_too(client):
    client.force_login(make_user("boss", Role.ADMIN))
    response = client.post("/manage/")
    assert response.status_code == 405 and "This page cannot be opened this way" in response.content.decode()
