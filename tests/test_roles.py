"""The permission helper of docs/architecture.md, who may do what."""

import pytest
from django.contrib.auth.models import AnonymousUser

from scorecards.models import Indicator, Scorecard
from accounts.roles import Action, can

pytestmark = pytest.mark.django_db

EXPECTED = {
    # action: (public, councillor, officer, advisor, admin)
    Action.VIEW_PUBLISHED: (True, True, True, True, True),
    Action.VIEW_DRAFTS: (False, False, True, True, True),
    Action.VIEW_EXEMPT: (False, True, False, True, True),
    Action.ENTER_FIGURES: (False, False, True, False, True),
    Action.PUBLISH_SCORECARD: (False, False, True, False, True),
    Action.MANAGE_MEETINGS: (False, False, False, True, True),
    Action.MANAGE_INDICATORS: (False, False, False, False, True),
    Action.USE_ADMIN: (False, False, False, False, True),
}


@pytest.mark.parametrize("action", list(EXPECTED))
def test_role_table(action, councillor, officer, advisor, admin_user):
    users = (AnonymousUser(), councillor, officer, advisor, admin_user)
    assert tuple(can(user, action) for user in users) == EXPECTED[action]


def test_officers_enter_figures_for_their_own_indicators_only(officer, admin_user):
    scorecard = Scorecard.objects.create(slug="cp", title="CP")
    mine = Indicator.objects.create(scorecard=scorecard, number="1", name="Mine", polarity="High", decimals=0)
    theirs = Indicator.objects.create(scorecard=scorecard, number="2", name="Theirs", polarity="High", decimals=0)
    mine.owners.add(officer)
    assert can(officer, Action.ENTER_FIGURES, mine)
    assert not can(officer, Action.ENTER_FIGURES, theirs)
    assert not can(officer, Action.PUBLISH_SCORECARD, scorecard)
    scorecard.owners.add(officer)
    assert can(officer, Action.PUBLISH_SCORECARD, scorecard)
    assert can(admin_user, Action.ENTER_FIGURES, theirs)


def test_inactive_user_has_no_role(officer):
    officer.is_active = False
    assert not can(officer, Action.VIEW_DRAFTS)
