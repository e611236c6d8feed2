"""The site frame in a real browser: home, sign-in, each demo user signed in; axe-core clean."""

import pytest

from portal.demo import DEMO_USERS, create_demo_users
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_and_sign_in_pages_are_accessible(live_server, axe_page):
    axe_page.goto(live_server.url + "/")
    assert axe_page.get_by_role("heading", level=1).inner_text() == "Performance scorecards"
    assert_accessible(axe_page, "home-public")

    axe_page.goto(live_server.url + "/sign-in/")
    assert_accessible(axe_page, "sign-in")

    axe_page.get_by_role("button", name="Sign in").click()
    assert axe_page.get_by_text("There is a problem").is_visible()
    assert_accessible(axe_page, "sign-in-error")

    axe_page.goto(live_server.url + "/accessibility/")
    assert_accessible(axe_page, "accessibility-statement")

    axe_page.goto(live_server.url + "/no-such-page/")
    assert axe_page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_accessible(axe_page, "page-not-found")


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda d: d.username)
def test_each_demo_user_signs_in(live_server, axe_page, demo):
    create_demo_users()
    sign_in(axe_page, live_server.url, demo.username, demo.password)
    assert axe_page.url == live_server.url + "/"
    assert f"({demo.role.value})" in axe_page.locator(".app-header__user").inner_text()
    assert_accessible(axe_page, f"home-{demo.username}")


def test_pages_run_under_the_real_csp_without_violations(live_server, page):
    """No CSP bypass here: the site's own script loads and nothing is refused."""
    for path in ["/", "/sign-in/", "/accessibility/"]:
        page.goto(live_server.url + path)
        page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    violations = [m for m in page.console_messages if "Content Security Policy" in m]
    assert violations == []


def test_small_screen_layout_is_accessible(live_server, browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "home-320px")
    context.close()
