"""The admin's users and site-settings pages, and password reset by email (issue 13, items 5-7):
who may reach each page, what each form refuses (in its exact words, values kept, nothing
changed), the reset and set-password emails end to end, unlocking, and deactivating."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import AccountChange, Person, SiteSettings, council_name
from accounts.roles import Role
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ROLES = {"councillor": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
         "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}
STRONG = "a-long-enough-pass-phrase-42"


@pytest.fixture(autouse=True)
def locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def boss(db):
    user = make_user("boss", Role.ADMIN)
    user.email = "boss@example.com"
    user.save()
    return user


@pytest.fixture
def target(db):
    user = make_user("target", Role.COUNCILLOR)
    user.email, user.first_name, user.last_name = "target@example.com", "Tara", "Get"
    user.save()
    return user


def body(response) -> str:
    return response.content.decode()


def errors_in_summary(response) -> list[str]:
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', body(response), re.S)
    return re.findall(r'<a href="#[^"]+">([^<]+)</a>', summary.group(1)) if summary else []


# --- Permission matrix: every URL added here x role x method -----------------------------------

# (url name, kwargs, method, POST data, what an admin gets)
MATRIX = [
    ("accounts:manage_users", {}, "get", None, 200),
    ("accounts:manage_users", {}, "post", {}, 405),
    ("accounts:manage_user_add", {}, "get", None, 200),
    ("accounts:manage_user_add", {}, "post", {}, 200),  # the form, with its errors
    ("accounts:manage_user", {"pk": "target"}, "get", None, 200),
    ("accounts:manage_user", {"pk": "target"}, "post", {}, 200),
    ("accounts:manage_user_unlock", {"pk": "target"}, "get", None, 405),
    ("accounts:manage_user_unlock", {"pk": "target"}, "post", {}, 302),
    ("accounts:manage_user_send_link", {"pk": "target"}, "get", None, 405),
    ("accounts:manage_user_send_link", {"pk": "target"}, "post", {}, 302),
    ("accounts:manage_site", {}, "get", None, 200),
    ("accounts:manage_site", {}, "post", {}, 200),
]


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_the_manage_pages_are_for_admins_only(client, target, role):
    if role != "anonymous":
        client.force_login(make_user(f"who-{role}", ROLES[role]))
    for name, kwargs, method, data, admin_status in MATRIX:
        url = reverse(name, kwargs={k: target.pk for k in kwargs})
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        if admin_status == 405:
            expected = 405  # the method is refused before anything else, for everyone
        elif role == "admin":
            expected = admin_status
        elif role == "anonymous":
            expected = 302
        else:
            expected = 403
        assert response.status_code == expected, (role, method, url, response.status_code)
        if role == "anonymous" and expected == 302:
            assert response.url.startswith(reverse("accounts:login") + "?next="), url
        if role == "admin" and expected == 200:
            assert "no-store" in response["Cache-Control"], url
    # Nothing a non-admin sent changed anything.
    if role != "admin":
        assert not AccountChange.objects.exists() and not mail.outbox


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_the_reset_pages_are_open_to_everyone(client, role):
    if role != "anonymous":
        client.force_login(make_user(f"who-{role}", ROLES[role]))
    for url in ("/sign-in/reset/", "/sign-in/reset/sent/", "/sign-in/reset/done/", "/sign-in/reset/MQ/set-password/"):
        assert client.get(url).status_code == 200, url


# --- The list ------------------------------------------------------------------------------------

def test_the_list_shows_each_user_and_filters_by_role_and_active(client, boss, target):
    Person.objects.create(name="Tara Get", title="Councillor", user=target)
    retired = make_user("retired", Role.PERFORMANCE_OFFICER)
    retired.is_active = False
    retired.save()
    client.force_login(boss)
    page = body(client.get("/manage/users/"))
    for text in ("boss", "target", "retired", "Tara Get", "Councillor Tara Get", "performance officer",
                 "No (deactivated)", "Never", "3 users"):
        assert text in page, text
    councillors = body(client.get("/manage/users/?role=councillor"))
    assert "target" in councillors and "retired" not in councillors and "1 user<" in councillors
    inactive = body(client.get("/manage/users/?active=no"))
    assert "retired" in inactive and ">target<" not in inactive
    bad = client.get("/manage/users/?role=emperor")
    assert errors_in_summary(bad) == ["Select a role from the list"] and "3 users" in body(bad)


def test_the_list_shows_the_last_sign_in(client, boss, target):
    Client().post(reverse("accounts:login"), {"username": "target", "password": PASSWORD})
    client.force_login(boss)
    page = body(client.get("/manage/users/?role=councillor"))
    assert "Never" not in page and " at " in page


# --- Creating a user -----------------------------------------------------------------------------

GOOD = {"username": "newbie", "first_name": "Nina", "last_name": "Newman", "email": "nina@example.com",
        "role": "performance officer", "password_choice": "password", "password1": STRONG, "password2": STRONG}


def test_an_admin_creates_a_user_with_a_password_they_can_sign_in_with(client, boss):
    client.force_login(boss)
    response = client.post("/manage/users/add/", GOOD)
    user = get_user_model().objects.get(username="newbie")
    assert response.status_code == 302 and response.url == f"/manage/users/{user.pk}/"
    assert set(user.groups.values_list("name", flat=True)) == {"performance officer"}
    assert (user.first_name, user.last_name, user.email) == ("Nina", "Newman", "nina@example.com")
    assert not mail.outbox
    change = AccountChange.objects.get(user=user)
    assert change.changed_by == boss and change.description.startswith("Created with role performance officer")
    assert Client().post(reverse("accounts:login"), {"username": "newbie", "password": STRONG}).status_code == 302


BAD_INPUTS = [
    ("duplicate username", {"username": "target"}, {"username": "A user with that username already exists"}),
    ("duplicate username in other case", {"username": "TARGET"}, {"username": "A user with that username already exists"}),
    ("mismatched passwords", {"password2": STRONG + "x"}, {"password2": "The passwords do not match"}),
    ("weak password", {"password1": "short", "password2": "short"},
     {"password1": "This password is too short. It must contain at least 12 characters."}),
    ("common password", {"password1": "password1234", "password2": "password1234"},
     {"password1": "This password is too common."}),
    ("password like the username", {"username": "nina.newman.x", "password1": "nina.newman.x", "password2": "nina.newman.x"},
     {"password1": "The password is too similar to the username."}),
    ("bad email", {"email": "nina-at-example"}, {"email": "Enter an email address in the correct format, like name@example.com"}),
    ("another user's email", {"email": "TARGET@example.com"},
     {"email": "Another user already has this email address: each account needs its own"}),
    ("unknown role", {"role": "emperor"}, {"role": "Select a role from the list"}),
    ("over-long name", {"first_name": "N" * 151}, {"first_name": "First name must be 150 characters or fewer"}),
    ("control characters", {"last_name": "New\tman"},
     {"last_name": "Last name must not contain control characters such as tabs or line breaks"}),
    ("bad username characters", {"username": "nina newman"},
     {"username": "Username must contain only letters, numbers and the characters @ . + - _"}),
    ("password chosen but not typed", {"password1": "", "password2": ""},
     {"password1": "Enter a password", "password2": "Enter the password again"}),
    ("empty required fields", {"username": "", "first_name": "", "last_name": "", "email": "", "role": "", "password_choice": ""},
     {"username": "Enter the username", "first_name": "Enter the first name", "last_name": "Enter the last name",
      "email": "Enter an email address", "role": "Select a role", "password_choice": "Select how the user gets a password"}),
]


@pytest.mark.parametrize("case, changes, expected", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_the_add_form_refuses_bad_input(client, boss, target, case, changes, expected):
    client.force_login(boss)
    users_before = list(get_user_model().objects.values_list("username", flat=True).order_by("username"))
    posted = {**GOOD, **changes}
    response = client.post("/manage/users/add/", posted)
    assert response.status_code == 200
    assert errors_in_summary(response) == list(expected.values())
    page = body(response)
    assert page.count("govuk-error-message") == len(expected)
    assert "<title>Error: Add a user" in page
    for name in ("username", "first_name", "email"):
        if posted[name] and name not in expected:
            assert f'value="{posted[name]}"' in page, name  # kept as typed
    assert 'type="password"' in page and STRONG not in page  # passwords are never sent back
    assert list(get_user_model().objects.values_list("username", flat=True).order_by("username")) == users_before
    assert not AccountChange.objects.exists() and not mail.outbox


def test_the_admin_can_send_a_set_password_link_to_a_new_user(client, boss):
    client.force_login(boss)
    response = client.post("/manage/users/add/", {**GOOD, "password_choice": "link", "password1": "", "password2": ""})
    user = get_user_model().objects.get(username="newbie")
    assert not user.has_usable_password()
    assert "sent a set-password link to nina@example.com" in body(client.get(response.url))
    [email] = mail.outbox
    assert email.to == ["nina@example.com"] and "Your username is: newbie" in email.body
    new_password = choose_password_from_email(Client(), email.body, STRONG)
    assert Client().post(reverse("accounts:login"), {"username": "newbie", "password": new_password}).status_code == 302
    # The link works once: the password is part of what the token hashes.
    link = re.search(r"http://testserver(/sign-in/reset/\S+/)", email.body).group(1)
    assert "This link does not work" in body(Client().get(link, follow=True))


# --- Editing a user ------------------------------------------------------------------------------

def edit_data(**changes) -> dict:
    return {"first_name": "Tara", "last_name": "Get", "email": "target@example.com", "role": "councillor",
            "is_active": "on", "person": "", **changes}


def test_a_role_change_is_recorded_and_shown_as_the_last_change(client, boss, target):
    client.force_login(boss)
    response = client.post(f"/manage/users/{target.pk}/", edit_data(role="governance advisor", first_name="Tamsin"))
    assert response.status_code == 302
    target.refresh_from_db()
    assert set(target.groups.values_list("name", flat=True)) == {"governance advisor"}
    assert target.first_name == "Tamsin"
    assert set(AccountChange.objects.filter(user=target, changed_by=boss).values_list("description", flat=True)) == {
        "First name: Tara to Tamsin", "Role: councillor to governance advisor"}
    page = body(client.get(response.url))
    assert "By boss on" in page and "Role: councillor to governance advisor" in page


def test_linking_a_person_and_creating_one(client, boss, target):
    other = Person.objects.create(name="Someone Else")
    taken = Person.objects.create(name="Taken Person", user=boss)
    client.force_login(boss)
    form = body(client.get(f"/manage/users/{target.pk}/"))
    assert "Someone Else" in form and "Taken Person" not in form  # another account's person is not offered
    client.post(f"/manage/users/{target.pk}/", edit_data(person=str(other.pk)))
    assert Person.objects.get(user=target) == other
    client.post(f"/manage/users/{target.pk}/", edit_data(person="new"))
    assert Person.objects.get(user=target).name == "Tara Get"
    other.refresh_from_db()
    assert other.user is None and taken.user == boss
    refused = client.post(f"/manage/users/{target.pk}/", edit_data(person=str(taken.pk)))
    assert errors_in_summary(refused) == ["Select a person from the list"]


EDIT_BAD_INPUTS = [
    ("empty names", {"first_name": "", "last_name": ""}, ["Enter the first name", "Enter the last name"]),
    ("bad email", {"email": "x@"}, ["Enter an email address in the correct format, like name@example.com"]),
    ("another user's email", {"email": "Boss@Example.com"},
     ["Another user already has this email address: each account needs its own"]),
    ("unknown role", {"role": "emperor"}, ["Select a role from the list"]),
    ("control characters", {"first_name": "Ta\x00ra"}, ["Null characters are not allowed."]),
    ("line break", {"first_name": "Ta\nra"}, ["First name must not contain control characters such as tabs or line breaks"]),
]


@pytest.mark.parametrize("case, changes, expected", EDIT_BAD_INPUTS, ids=[case[0] for case in EDIT_BAD_INPUTS])
def test_the_edit_form_refuses_bad_input(client, boss, target, case, changes, expected):
    client.force_login(boss)
    response = client.post(f"/manage/users/{target.pk}/", edit_data(**{"last_name": "Kept", **changes}))
    assert errors_in_summary(response) == expected
    if "last_name" not in changes:
        assert 'value="Kept"' in body(response)
    target.refresh_from_db()
    assert (target.first_name, target.last_name, target.email) == ("Tara", "Get", "target@example.com")
    assert set(target.groups.values_list("name", flat=True)) == {"councillor"}
    assert not AccountChange.objects.exists()


def test_an_account_without_an_email_address_can_still_be_deactivated(client, boss, target):
    """Accounts made before these screens may have no address: an admin must still manage them."""
    target.email = ""
    target.save()
    client.force_login(boss)
    response = client.post(f"/manage/users/{target.pk}/", edit_data(email="", is_active=""))
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active and target.email == ""
    page = body(client.get(f"/manage/users/{target.pk}/"))
    assert "without one they cannot reset a password by email" in page


def test_an_admin_cannot_lock_themselves_out(client, boss):
    client.force_login(boss)
    response = client.post(f"/manage/users/{boss.pk}/", {"first_name": "B", "last_name": "O", "email": "b@example.com",
                                                          "role": "councillor", "person": ""})
    assert errors_in_summary(response) == ["You cannot remove your own admin role", "You cannot deactivate your own account"]
    boss.refresh_from_db()
    assert boss.is_active and boss.groups.filter(name="admin").exists()


def test_a_deactivated_user_can_no_longer_sign_in(client, boss, target):
    signed_in = Client()
    assert signed_in.post(reverse("accounts:login"), {"username": "target", "password": PASSWORD}).status_code == 302
    client.force_login(boss)
    client.post(f"/manage/users/{target.pk}/", edit_data(is_active=""))
    target.refresh_from_db()
    assert not target.is_active
    assert AccountChange.objects.filter(user=target, description="Deactivated").exists()
    assert get_user_model().objects.filter(pk=target.pk).exists()  # never deleted
    refused = Client().post(reverse("accounts:login"), {"username": "target", "password": PASSWORD})
    assert refused.status_code == 200 and "Enter a correct username and password" in body(refused)
    # A session opened before is no longer signed in either.
    assert "Not signed in" in body(signed_in.get("/"))


def test_unlocking_an_account_locked_by_failed_sign_ins(client, boss, target, settings):
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        stranger.post(reverse("accounts:login"), {"username": "target", "password": "wrong"})
    assert stranger.post(reverse("accounts:login"), {"username": "target", "password": PASSWORD}).status_code == 429
    client.force_login(boss)
    assert "Yes: too many failed sign-ins" in body(client.get(f"/manage/users/{target.pk}/"))
    assert re.search(r"<td[^>]*>Yes</td>\s*</tr>", body(client.get("/manage/users/?role=councillor")))
    response = client.post(f"/manage/users/{target.pk}/unlock/")
    assert response.status_code == 302
    assert "Unlocked target: they may sign in again." in body(client.get(response.url))
    assert AccountChange.objects.filter(user=target, changed_by=boss, description="Unlocked after failed sign-ins").exists()
    assert stranger.post(reverse("accounts:login"), {"username": "target", "password": PASSWORD}).status_code == 302


# --- Password reset by email ---------------------------------------------------------------------

def choose_password_from_email(browser: Client, email_body: str, password: str) -> str:
    link = re.search(r"http://testserver(/sign-in/reset/\S+/)", email_body).group(1)
    form_page = browser.get(link, follow=True)
    assert "Choose a new password" in body(form_page)
    set_url = form_page.redirect_chain[-1][0]
    assert set_url.endswith("/set-password/")  # the token leaves the address bar (and Referer)
    done = browser.post(set_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302 and done.url == reverse("accounts:password_reset_complete")
    return password


def test_the_reset_flow_end_to_end(target):
    browser = Client()
    assert "Forgotten your password?" in body(browser.get(reverse("accounts:login")))
    response = browser.post("/sign-in/reset/", {"email": "target@example.com"})
    assert response.status_code == 302 and response.url == "/sign-in/reset/sent/"
    [email] = mail.outbox
    assert email.to == ["target@example.com"] and "target" in email.body
    choose_password_from_email(browser, email.body, STRONG)
    assert Client().post(reverse("accounts:login"), {"username": "target", "password": PASSWORD}).status_code == 200
    assert Client().post(reverse("accounts:login"), {"username": "target", "password": STRONG}).status_code == 302


def test_the_reset_never_says_whether_an_address_has_an_account(target):
    known = Client().post("/sign-in/reset/", {"email": "target@example.com"}, follow=True)
    unknown = Client().post("/sign-in/reset/", {"email": "nobody@example.com"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/sign-in/reset/sent/", 302)]
    strip = lambda page: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body(page))  # noqa: E731
    assert strip(known) == strip(unknown)
    assert len(mail.outbox) == 1


def test_the_reset_forms_refuse_bad_input(target):
    browser = Client()
    response = browser.post("/sign-in/reset/", {"email": "not an address"})
    assert errors_in_summary(response) == ["Enter an email address in the correct format, like name@example.com"]
    assert 'value="not an address"' in body(response) and not mail.outbox
    browser.post("/sign-in/reset/", {"email": "target@example.com"})
    link = re.search(r"http://testserver(/sign-in/reset/\S+/)", mail.outbox[0].body).group(1)
    set_url = browser.get(link, follow=True).redirect_chain[-1][0]
    mismatch = browser.post(set_url, {"new_password1": STRONG, "new_password2": STRONG + "x"})
    assert errors_in_summary(mismatch) == ["The passwords do not match"]
    weak = browser.post(set_url, {"new_password1": "123456789012", "new_password2": "123456789012"})
    assert errors_in_summary(weak) == ["This password is entirely numeric."]
    target.refresh_from_db()
    assert target.check_password(PASSWORD)


def test_sign_in_is_still_throttled_after_a_reset_page_visit(target, settings):
    browser = Client(REMOTE_ADDR="203.0.113.10")
    browser.get("/sign-in/reset/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browser.post(reverse("accounts:login"), {"username": "target", "password": "wrong"})
    assert browser.post(reverse("accounts:login"), {"username": "target", "password": PASSWORD}).status_code == 429


# --- Site settings -------------------------------------------------------------------------------

def test_an_admin_renames_the_council_with_a_reason_shown_in_its_history(client, boss):
    client.force_login(boss)
    assert "Not changed yet" in body(client.get("/manage/site/"))
    response = client.post("/manage/site/", {"council_name": "Newtown City Council", "draft_minutes_working_days": "10",
                                              "reason": "Became a city"})
    assert response.status_code == 302
    assert council_name() == "Newtown City Council"
    record = SiteSettings.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (boss, "Became a city")
    page = body(client.get("/manage/site/"))
    assert "Last changed by boss on" in page and "Became a city" in page and "Newtown City Council" in page


SITE_BAD_INPUTS = [
    ("no reason", {"reason": ""}, ["Enter the reason for the change"]),
    ("empty name", {"council_name": ""}, ["Enter the council name"]),
    ("over-long name", {"council_name": "C" * 201}, ["Council name must be 200 characters or fewer"]),
    ("control characters", {"council_name": "Newtown\rCouncil"},
     ["Council name must not contain control characters such as tabs or line breaks"]),
]


@pytest.mark.parametrize("case, changes, expected", SITE_BAD_INPUTS, ids=[case[0] for case in SITE_BAD_INPUTS])
def test_the_site_form_refuses_bad_input(client, boss, case, changes, expected):
    client.force_login(boss)
    before = council_name()
    response = client.post("/manage/site/", {"council_name": "Kept Council", "draft_minutes_working_days": "10",
                                              "reason": "Kept reason", **changes})
    assert errors_in_summary(response) == expected
    page = body(response)
    assert ("Kept Council" in page) == ("council_name" not in changes)
    assert ("Kept reason" in page) == ("reason" not in changes)
    assert council_name() == before and not SiteSettings.objects.exists()
