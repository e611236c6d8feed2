"""Only the admin role reaches the Django admin (docs/architecture.md, who may do what)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["admin:index", "admin:scorecards_observation_changelist", "admin:scorecards_indicator_add"]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admin_role_reaches_the_admin(client, admin_user, page):
    client.force_login(admin_user)
    assert client.get(reverse(page)).status_code == 200


@pytest.mark.parametrize("role_fixture", ["councillor", "officer", "advisor", "no_role_user"])
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_other_roles_are_kept_out(client, request, role_fixture, page):
    user = request.getfixturevalue(role_fixture)
    user.is_staff = True  # even Django's staff flag does not open the admin without the admin role
    user.save()
    client.force_login(user)
    response = client.get(reverse(page), follow=True)
    assert response.status_code == 403
    assert b"admin role only" in response.content


def test_public_is_sent_to_the_sign_in_page(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('accounts:login')}?next=%2Fadmin%2F"
    assert b"Sign in" in response.content


def test_admin_link_shown_to_admins_only(client, admin_user, officer):
    client.force_login(officer)
    assert "Administration" not in client.get(reverse("portal:home")).content.decode()
    client.force_login(admin_user)
    assert "Administration" in client.get(reverse("portal:home")).content.decode()


def test_publications_cannot_be_deleted_even_by_an_admin(client, admin_user):
    from datetime import date

    from scorecards.models import Publication, Scorecard

    scorecard = Scorecard.objects.create(slug="cp", title="CP")
    publication = Publication.objects.create(
        scorecard=scorecard, as_at=date(2020, 12, 1), issue=1, published_at="2021-01-15T10:00:00Z",
        content_hash="0" * 64, snapshot={},
    )
    client.force_login(admin_user)
    response = client.post(reverse("admin:scorecards_publication_delete", args=[publication.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Publication.objects.count() == 1
