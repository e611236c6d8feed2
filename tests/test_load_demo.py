"""`manage.py load_demo`: both demo scorecards, the officer's ownership, the two publications."""

import pytest
from django.core.management import call_command

from scorecards.models import Indicator, Observation, Publication, Scorecard
from tests.test_import_service import fingerprint

pytestmark = pytest.mark.django_db


def test_load_demo_publishes_both_and_running_it_twice_changes_nothing(capsys):
    call_command("load_demo")
    assert sorted(Scorecard.objects.values_list("slug", flat=True)) == [
        "corporate-parenting",
        "safeguarding-children-families",
    ]
    publications = {(p.scorecard.slug, p.as_at.isoformat(), p.issue) for p in Publication.objects.select_related("scorecard")}
    assert publications == {("corporate-parenting", "2020-12-01", 1), ("safeguarding-children-families", "2016-03-01", 1)}
    officer = Scorecard.objects.first().owners.get()
    assert officer.username == "officer"
    assert Indicator.objects.filter(owners=officer).count() == Indicator.objects.count() == 117
    output = capsys.readouterr().out
    assert "officer-demo-2026" in output and "councillor-demo-2026" in output

    before = fingerprint()
    observation_history = Observation.history.count()
    call_command("load_demo")
    assert fingerprint() == before
    assert Publication.objects.count() == 2
    assert Observation.history.count() == observation_history
    assert "already published (Issue 1)" in capsys.readouterr().out


def test_demo_users_never_reset_an_existing_account(db):
    from django.contrib.auth import get_user_model

    from portal.demo import create_demo_users

    real = get_user_model().objects.create_user(username="admin", password="a-real-admins-own-password")
    create_demo_users()
    real.refresh_from_db()
    assert real.check_password("a-real-admins-own-password")
    assert not real.groups.exists()


def test_load_demo_restores_a_corrected_published_figure_with_its_reason(db):
    from datetime import date
    from decimal import Decimal

    from portal.demo import DEMO_RESTORED_REASON, load_demo

    load_demo()
    figure = Observation.objects.get(indicator__scorecard__slug="corporate-parenting", indicator__number="6.1",
                                     period=date(2020, 12, 1))
    printed = figure.value
    figure.value = Decimal(999)
    figure._change_reason = "a correction tried on the demo"
    figure.save()
    load_demo()  # no reason asked of whoever runs `make run` again
    figure.refresh_from_db()
    assert figure.value == printed
    assert figure.history.first().history_change_reason.startswith(DEMO_RESTORED_REASON)
    # The restored figure was revised after Issue 1 showed it ([r]), so December is published
    # again as Issue 2, honestly; Issue 1 stays as the committee saw it.
    issues = Publication.objects.filter(scorecard__slug="corporate-parenting").order_by("issue")
    assert [p.issue for p in issues] == [1, 2]
