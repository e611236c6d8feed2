"""The user form in a real browser, by keyboard alone, at a desktop and a phone width: axe-core
clean on the list, the form with its errors, the saved user and the site settings."""

import pytest
from django.contrib.auth import get_user_model

from accounts.roles import Role
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1366, 320])
def test_adding_a_user_by_keyboard(live_server, browser, width, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_user("boss", Role.ADMIN)
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, "boss", PASSWORD)

    page.goto(f"{live_server.url}/manage/users/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"manage-users-{width}")

    page.locator("main").get_by_role("link", name="Add a user").last.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/manage/users/add/")
    page.get_by_label("Username").focus()
    page.keyboard.type("nina")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form with most of it empty
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_label("Username").input_value() == "nina"  # kept
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"manage-user-add-errors-{width}")

    # The summary's link takes focus to the field it names.
    page.get_by_role("link", name="Enter the first name").click()
    assert page.evaluate("document.activeElement.id") == "id_first_name"
    page.keyboard.type("Nina")
    page.keyboard.press("Tab")
    page.keyboard.type("Newman")
    page.keyboard.press("Tab")
    page.keyboard.type("nina@example.com")
    page.keyboard.press("Tab")  # the first role
    page.keyboard.press("ArrowDown")  # arrows choose within a radio group: performance officer
    page.keyboard.press("Tab")  # the first password choice
    page.keyboard.press("Space")  # email a link
    for _ in range(3):  # the two password boxes, left empty, then the button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Add the user"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.rstrip("/").split("/")[-1].isdigit()
    assert page.get_by_text("Created the user nina and sent a set-password link to nina@example.com.").is_visible()
    user = get_user_model().objects.get(username="nina")
    assert set(user.groups.values_list("name", flat=True)) == {"performance officer"}
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, f"manage-user-{width}")

    page.goto(f"{live_server.url}/manage/site/")
    assert_accessible(page, f"manage-site-{width}")
    context.close()
