"""Sign-in and sign-out pages, and throttling of failed sign-ins by django-axes."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR="203.0.113.9")


def test_sign_in_and_out(client, officer):
    response = sign_in(client, "officer1", PASSWORD)
    assert response.status_code == 302
    page = client.get(reverse("portal:home"))
    assert "Signed in as officer1 (performance officer)" in page.content.decode()

    client.post(reverse("accounts:logout"))
    assert "Not signed in" in client.get(reverse("portal:home")).content.decode()


def test_wrong_password_gives_a_clear_error(client, officer):
    response = sign_in(client, "officer1", "wrong")
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter a correct username and password" in content


def test_empty_form_says_what_to_enter(client, db):
    content = client.post(reverse("accounts:login"), {}).content.decode()
    assert "Enter your username" in content
    assert "Enter your password" in content


def test_five_failures_lock_the_account_out_even_with_the_right_password(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer1", "wrong")
    response = sign_in(client, "officer1", PASSWORD)
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock_out(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "officer1", "wrong")
    assert sign_in(client, "officer1", PASSWORD).status_code == 302


@pytest.mark.parametrize("page", ["accounts:login", "portal:home"])
def test_the_pages_promise_only_what_exists(client, db, page):
    """Councillors see published figures only (accounts/roles.py), and their committees' exempt
    papers (meetings/visibility.py): the sign-in page promises no more; the home page promises nothing."""
    content = client.get(reverse(page)).content.decode().lower()
    for promise in ("draft figures", "draft"):
        assert promise not in content, promise
    if page == "portal:home":
        assert "papers" not in content
    if page == "accounts:login":
        assert ("published scorecards, and every committee's agendas and published minutes, are open to "
                "everyone without signing in, councillors included.") in content
        assert "councillors sign in to read the exempt papers of the committees they sit on" in content
        assert "council staff sign in to see live figures" in content
