"""Shared fixtures: one user per role, built with plain constructors (no factories)."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from hypothesis import settings as hypothesis_settings
from django.core.cache import cache

from accounts.models import SITE_SETTINGS_CACHE_KEY, Person, PersonAlias, SiteSettings, forget_site_settings
from accounts.roles import Role, ensure_role_groups
from meetings.models import Committee, Meeting, Membership, Pack
from portal.demo import load_demo
from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Publication, Scorecard, Target

PASSWORD = "correct-horse-battery-staple"

# Property tests judge results, not speed: on a loaded two-core CI machine an example can take
# longer than Hypothesis's default 200 ms deadline, which it then reports as a flaky failure.
hypothesis_settings.register_profile("panel", deadline=None)
hypothesis_settings.load_profile("panel")
# Every history table of the committee record, found rather than listed, so a model given a
# history later is cleared too (a module fixture's rows otherwise outlive it).
HISTORIES_OF_MEETINGS = [
    model.history for model in apps.get_app_config("meetings").get_models()
    if hasattr(model, "history") and not model.__name__.startswith("Historical")
]


def make_user(username: str, role: Role | None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role is not None:
        user.groups.add(ensure_role_groups()[role])
    return user


@pytest.fixture
def councillor(db):
    return make_user("cllr", Role.COUNCILLOR)


@pytest.fixture
def officer(db):
    return make_user("officer1", Role.PERFORMANCE_OFFICER)


@pytest.fixture
def advisor(db):
    return make_user("advisor1", Role.GOVERNANCE_ADVISOR)


@pytest.fixture
def admin_user(db):
    return make_user("admin1", Role.ADMIN)


@pytest.fixture
def no_role_user(db):
    return make_user("norole", None)


def clear_scorecard_data() -> None:
    """Remove everything load_demo made, history included (module fixtures commit outside tests)."""
    # The committee record first: it holds on to people and publications (protected).
    Membership.objects.all().delete()
    Pack.objects.all().delete()
    Meeting.objects.all().delete()
    Committee.objects.all().delete()
    PersonAlias.objects.all().delete()
    for history in HISTORIES_OF_MEETINGS:
        history.all().delete()
    Publication.objects.all().delete()
    Scorecard.objects.all().delete()
    Person.objects.all().delete()
    SiteSettings.objects.all().delete()
    get_user_model().objects.all().delete()
    for model in (Publication, Indicator, Target, Observation, Outturn, Benchmark, Commentary, SiteSettings):
        model.history.all().delete()
    forget_site_settings()


@pytest.fixture(scope="module")
def published_demo(django_db_setup, django_db_blocker):
    """The two demo scorecards and their publications, loaded once per test module.

    Tests that use it also take `db`, so whatever a test changes is rolled back after it.
    """
    with django_db_blocker.unblock():
        load_demo()
        yield
        clear_scorecard_data()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Every test writes its stored files (the publications' PDFs) into a folder of its own,
    never into the repository's media/, and never reads another test's."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fresh_site_settings():
    """The site settings are cached per process: no test reads a council name another test's
    rolled-back row left in the cache."""
    cache.delete(SITE_SETTINGS_CACHE_KEY)
    yield
    cache.delete(SITE_SETTINGS_CACHE_KEY)
