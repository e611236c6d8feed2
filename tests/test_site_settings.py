"""The site settings: the council's name an admin edits, defaulting to settings.COUNCIL_NAME,
shown in every page's header, title and footer and in the PDF; load_demo names the demo's council."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import SITE_SETTINGS_PK, SiteSettings, council_name
from portal.demo import DEMO_COUNCIL_NAME
from scorecards import pdf_store
from scorecards.compute.periods import Month
from scorecards.models import Scorecard
from scorecards.pdf import scorecard_html
from scorecards.selectors import scorecard_view

pytestmark = pytest.mark.django_db


def frame(content: str) -> dict[str, str]:
    """The council name where the frame prints it: the title, the header and the footer."""
    return {
        "title": re.search(r"<title>(.*?)</title>", content, re.S).group(1).strip(),
        "header": re.search(r'<span class="app-header__council">(.*?)</span>', content).group(1),
        "footer": re.search(r"Panel scorecards for (.*?)\. Open-source software", content).group(1),
    }


def test_without_a_record_the_site_is_named_by_council_name(client, settings):
    settings.COUNCIL_NAME = "Testshire County Council"
    assert not SiteSettings.objects.exists()
    assert council_name() == "Testshire County Council"
    shown = frame(client.get(reverse("portal:home")).content.decode())
    assert shown == {
        "title": "Performance scorecards – Testshire County Council",
        "header": "Testshire County Council",
        "footer": "Testshire County Council",
    }


@pytest.mark.parametrize("page", ["portal:home", "scorecards:list", "accounts:login", "portal:accessibility"])
def test_every_page_shows_the_stored_name_in_its_header_title_and_footer(client, page):
    SiteSettings.objects.create(council_name="Northtown Borough Council")
    content = client.get(reverse(page)).content.decode()
    shown = frame(content)
    assert shown["header"] == shown["footer"] == "Northtown Borough Council"
    assert shown["title"].endswith("– Northtown Borough Council")
    assert "Example Borough Council" not in content


def test_saving_replaces_what_was_cached(client):
    assert council_name() == "Example Borough Council"  # now cached
    SiteSettings.objects.create(council_name="Northtown Borough Council")
    assert council_name() == "Northtown Borough Council"
    site = SiteSettings.objects.get()
    site.council_name = "Southtown Borough Council"
    site.save()
    assert frame(client.get(reverse("portal:home")).content.decode())["header"] == "Southtown Borough Council"


def test_there_is_only_ever_one_row():
    SiteSettings.objects.create(council_name="First")
    SiteSettings(council_name="Second").save()
    assert list(SiteSettings.objects.values_list("pk", "council_name")) == [(SITE_SETTINGS_PK, "Second")]


def test_an_admin_edits_the_name_in_the_administration_and_the_pages_show_it(client, admin_user, settings):
    settings.COUNCIL_NAME = "Testshire County Council"
    client.force_login(admin_user)
    # No row yet: the list leads to adding one, filled in with the deployment's name.
    listed = client.get(reverse("admin:accounts_sitesettings_changelist"))
    assert listed["Location"] == reverse("admin:accounts_sitesettings_add")
    add_page = client.get(listed["Location"]).content.decode()
    assert 'value="Testshire County Council"' in add_page
    response = client.post(reverse("admin:accounts_sitesettings_add"), {"council_name": "Northtown Borough Council", "draft_minutes_working_days": "10"})
    assert response.status_code == 302
    assert frame(client.get(reverse("portal:home")).content.decode())["header"] == "Northtown Borough Council"

    # Then the list leads to the one row, which may be changed but not deleted, and no second added.
    change = reverse("admin:accounts_sitesettings_change", args=[SITE_SETTINGS_PK])
    assert client.get(reverse("admin:accounts_sitesettings_changelist"))["Location"] == change
    assert client.get(reverse("admin:accounts_sitesettings_add")).status_code == 403
    client.post(change, {"council_name": "Southtown Borough Council", "draft_minutes_working_days": "10"})
    assert frame(client.get(reverse("portal:home")).content.decode())["header"] == "Southtown Borough Council"
    assert client.post(reverse("admin:accounts_sitesettings_delete", args=[SITE_SETTINGS_PK]), {"post": "yes"}).status_code == 403

    # Every change is kept with who made it.
    history = SiteSettings.history.order_by("history_date")
    assert [(h.council_name, h.history_user) for h in history] == [
        ("Northtown Borough Council", admin_user),
        ("Southtown Borough Council", admin_user),
    ]
    assert client.get(reverse("admin:accounts_sitesettings_history", args=[SITE_SETTINGS_PK])).status_code == 200


@pytest.mark.parametrize("role_fixture", ["councillor", "officer", "advisor"])
def test_only_the_admin_role_edits_the_site_settings(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.post(reverse("admin:accounts_sitesettings_add"), {"council_name": "Anywhere"}, follow=True)
    assert response.status_code == 403
    assert not SiteSettings.objects.exists()


def test_load_demo_names_the_demo_council_once(capsys):
    call_command("load_demo")
    assert council_name() == DEMO_COUNCIL_NAME == "Rotherham Metropolitan Borough Council"
    assert f"council name {DEMO_COUNCIL_NAME}" in capsys.readouterr().out
    call_command("load_demo")
    assert "council name" not in capsys.readouterr().out
    assert SiteSettings.history.count() == 1


def test_the_pdf_names_the_council_and_a_new_name_gets_a_new_stored_pdf():
    call_command("load_demo")
    view = scorecard_view(Scorecard.objects.get(slug="corporate-parenting"), Month(2020, 12), live=False)
    assert f'<meta name="author" content="{DEMO_COUNCIL_NAME}">' in scorecard_html(view)
    before = pdf_store.layout_version()
    site = SiteSettings.objects.get()
    site.council_name = "Northtown Borough Council"
    site.save()
    assert '<meta name="author" content="Northtown Borough Council">' in scorecard_html(view)
    assert pdf_store.layout_version() != before
    assert pdf_store.layout_version() == pdf_store.compute_layout_version()
