"""The advisor's agenda pack screen in a real browser (issue 16): axe-core clean at 1366 px and
320 px, with the checks' refusals, after an error, and on a build's page; publishing through the
form; and the build's status following the build under the real CSP (js/pack-status.js)."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from meetings.models import Pack
from meetings.vocabulary import PackState
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD, make_user
from tests.pack_world import DAY, build_world

pytestmark = pytest.mark.django_db(transaction=True)
SCREEN = f"/manage/committees/pack-panel/{DAY.isoformat()}/pack/"


@pytest.fixture
def world(transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world = build_world()
    world["advisor"] = make_user("browser-advisor", Role.GOVERNANCE_ADVISOR)
    return world


def test_the_publish_screen_is_accessible_and_publishes(live_server, axe_page, world):
    page = axe_page
    world["items"][4].documents.all().delete()  # a refusal to show
    sign_in(page, live_server.url, "browser-advisor", PASSWORD)
    for width in (1366, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + SCREEN)
        expect(page.get_by_text("Item 4, Resettlement Update has no document")).to_be_visible()
        assert_accessible(page, f"pack-publish-{width}")
    page.get_by_label("A supplementary pack of the items chosen below").check()
    page.get_by_role("button", name="Publish the pack").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the items the supplementary pack holds")
    assert_accessible(page, "pack-publish-error")
    page.get_by_label("The agenda pack: a new version of the whole pack").check()
    page.get_by_label("Reason to publish despite the refusals").fill("Its report is to follow.")
    page.get_by_role("button", name="Publish the pack").click()
    expect(page.locator("#pack-status")).to_contain_text("Published")
    assert Pack.objects.get().override_reason == "Its report is to follow."
    assert_accessible(page, "pack-build-published")


def test_a_running_build_is_followed_without_reloading(live_server, page, world):
    pack = Pack.objects.create(meeting=world["meeting"], state=PackState.BUILDING, progress="Rendering item 3.")
    sign_in(page, live_server.url, "browser-advisor", PASSWORD)
    page.goto(f"{live_server.url}{SCREEN}{pack.pk}/")
    expect(page.locator("#pack-status")).to_contain_text("Rendering item 3.")
    Pack.objects.filter(pk=pack.pk).update(state=PackState.FAILED, error="The upload of item 3 is not a PDF.")
    expect(page.locator("#pack-status")).to_contain_text("The upload of item 3 is not a PDF.", timeout=10000)
    assert not [message for message in page.console_messages if "Content Security Policy" in message]


def test_the_html_packs_are_accessible_and_the_public_one_withholds_the_exempt_paper(live_server, axe_page, world):
    from meetings.pack_services import request_pack
    from tests.pack_world import EARLY, EXEMPT_CANARY

    request_pack(world["meeting"], world["advisor"], today=EARLY)  # built at once (immediate backend)
    page = axe_page
    public = f"{live_server.url}/committees/pack-panel/{DAY.isoformat()}/pack/"
    for width in (1366, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(public)
        expect(page.get_by_role("heading", name="Council Update")).to_be_visible()
        expect(page.get_by_text("By virtue of paragraph(s) 1, 2 of Part 1 of Schedule 12A")).to_be_visible()
        assert EXEMPT_CANARY not in page.content()
        assert_accessible(page, f"pack-html-public-{width}")
    sign_in(page, live_server.url, "browser-advisor", PASSWORD)
    for width in (1366, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(public.replace("/pack/", "/members-pack/"))
        expect(page.get_by_text(EXEMPT_CANARY)).to_be_visible()
        assert_accessible(page, f"pack-html-members-{width}")
