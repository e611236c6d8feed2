"""Only the admin role reaches the Django admin (docs/architecture.md, who may do what)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["admin:index", "admin:scorecards_observation_changelist", "admin:scorecards_indicator_changelist"]


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


SCORECARD_MODELS = ["scorecard", "section", "indicator", "target", "observation", "outturn", "benchmark", "commentary", "publication"]


@pytest.mark.parametrize("model", SCORECARD_MODELS)
def test_the_admin_cannot_add_or_delete_scorecard_records(client, admin_user, model):
    """Writes go through the site's own pages and the import, which apply the entry rules,
    keep reasons in the history and refuse lost updates; the admin would bypass all three."""
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:scorecards_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:scorecards_{model}_add")).status_code == 403


def test_an_admin_sees_a_figure_but_cannot_change_it(client, admin_user):
    from datetime import date
    from decimal import Decimal

    from scorecards.models import Observation
    from tests.builders import build_scorecard

    build_scorecard(indicator_count=1, months=1)
    observation = Observation.objects.get()
    client.force_login(admin_user)
    url = reverse("admin:scorecards_observation_change", args=[observation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="value"' not in page.content  # shown as text, not an input
    response = client.post(url, {"indicator": observation.indicator_id, "period": "2020-12-01", "value": "1.0"})
    assert response.status_code == 403
    observation.refresh_from_db()
    assert observation.value != Decimal("1.0") and observation.period == date(2020, 12, 1)
    assert client.post(reverse("admin:scorecards_observation_delete", args=[observation.pk]), {"post": "yes"}).status_code == 403


def test_owners_are_assigned_under_manage_not_in_the_administration(client, admin_user, officer):
    from scorecards.models import Indicator
    from tests.builders import build_scorecard

    build_scorecard(indicator_count=1, months=1)
    indicator = Indicator.objects.get()
    client.force_login(admin_user)
    url = reverse("admin:scorecards_indicator_change", args=[indicator.pk])
    response = client.post(url, {"owners": [officer.pk], "name": "Renamed through the admin", "_save": "Save"})
    assert response.status_code == 403
    indicator.refresh_from_db()
    assert list(indicator.owners.all()) == []
    assert indicator.name == "Indicator 1"
    # The scorecard's page (its sections inline) and a figure's history are there to read.
    assert client.get(reverse("admin:scorecards_scorecard_change", args=[indicator.scorecard_id])).status_code == 200
    observation = indicator.observations.get()
    history = client.get(reverse("admin:scorecards_observation_history", args=[observation.pk]))
    assert history.status_code == 200


# The committee record (meetings): read-only in the admin but for committees and memberships.
MEETING_MODELS = ["meeting", "agendaitem", "document", "minutes", "minute", "resolution", "action", "attendance",
                  "declaration"]


@pytest.mark.parametrize("model", MEETING_MODELS)
def test_the_admin_reads_the_committee_record_and_cannot_add_to_it(client, admin_user, model):
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:meetings_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:meetings_{model}_add")).status_code == 403


def test_the_admin_reads_an_imported_meeting_and_its_history(client, admin_user):
    import json
    from pathlib import Path

    from meetings.models import AgendaItem, Meeting
    from meetings.services import import_meetings

    assert import_meetings(json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "meetings.json").read_text())).ok
    client.force_login(admin_user)
    meeting = Meeting.objects.get(date="2021-03-02")
    assert client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).status_code == 200
    item = AgendaItem.objects.get(meeting=meeting, number=8)
    assert client.get(reverse("admin:meetings_agendaitem_history", args=[item.pk])).status_code == 200
    for model in ("committee", "membership"):
        assert client.get(reverse(f"admin:meetings_{model}_add")).status_code == 200
