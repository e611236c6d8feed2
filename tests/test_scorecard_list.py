"""The list of scorecards files each under how often it is published; only headings with scorecards."""

import re

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from scorecards.models import Publication, Scorecard

pytestmark = pytest.mark.django_db

CORPORATE_PARENTING = "Corporate Parenting Monthly Performance Report"
ANNUAL_REPORT = "Safeguarding Children and Families Annual Performance Report"


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once for the module); each test's changes roll back."""


def listed(content: str) -> dict[str, list[str]]:
    """Each heading of the list and the scorecard titles under it, in order."""
    groups: dict[str, list[str]] = {}
    for heading, body in re.findall(r'<h2 class="govuk-heading-l">(.*?)</h2>(.*?)</ul>', content, re.S):
        groups[heading] = re.findall(r'<h3 class="govuk-heading-m[^"]*">(?:<a [^>]*>)?(.*?)<', body)
    return groups


@pytest.mark.parametrize("page", ["scorecards:list", "portal:home"])
def test_the_annual_report_is_listed_under_annual_reports(client, demo, page):
    content = client.get(reverse(page)).content.decode()
    assert listed(content) == {
        "Monthly performance scorecards": [CORPORATE_PARENTING],
        "Annual reports": [ANNUAL_REPORT],
    }
    assert "Quarterly performance scorecards" not in content
    assert "Monthly performance scorecards presented to" not in content


def test_only_headings_with_scorecards_are_shown(client, demo):
    Scorecard.objects.filter(slug="safeguarding-children-families").update(publication_frequency="monthly")
    assert listed(client.get(reverse("scorecards:list")).content.decode()) == {
        "Monthly performance scorecards": [CORPORATE_PARENTING, ANNUAL_REPORT],
    }
    Scorecard.objects.filter(slug="corporate-parenting").update(publication_frequency="quarterly")
    assert listed(client.get(reverse("scorecards:list")).content.decode()) == {
        "Monthly performance scorecards": [ANNUAL_REPORT],
        "Quarterly performance scorecards": [CORPORATE_PARENTING],
    }


def test_an_unpublished_scorecard_is_grouped_for_staff_only(client, demo, officer):
    Scorecard.objects.create(slug="quarterly-finance", title="Quarterly Finance Report", publication_frequency="quarterly")
    assert "Quarterly performance scorecards" not in client.get(reverse("scorecards:list")).content.decode()
    client.force_login(officer)
    groups = listed(client.get(reverse("scorecards:list")).content.decode())
    assert groups["Quarterly performance scorecards"] == ["Quarterly Finance Report"]


def test_no_scorecards_no_headings(client, demo):
    # The demo's performance reports present two publications, which protects them from deletion.
    AgendaItem.objects.update(publication=None)
    Publication.objects.all().delete()
    Scorecard.objects.all().delete()
    content = client.get(reverse("scorecards:list")).content.decode()
    assert listed(content) == {}
    assert "No scorecards have been set up yet." in content
