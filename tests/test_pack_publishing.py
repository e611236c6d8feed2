"""Publishing agenda packs (issue 16 parts 5 to 7): the pre-publication checks, versions that
never change, supplementary packs, failures that keep the previous version, the publish_pack
command, who may read the members' pack and what a shared cache may keep.

Builds run through the tasks framework's immediate backend here; tests/test_pack_worker.py runs
a real worker process over the database backend."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Person
from accounts.roles import Role
from meetings import pack_build
from meetings.models import AgendaItem, Meeting, Membership, Minutes, Pack
from meetings.pack_checks import (
    REFUSAL,
    WARNING,
    ItemFacts,
    PackFacts,
    check_chair,
    check_documents,
    check_minutes,
    check_next_meeting,
    check_notice,
    check_pack,
    clear_working_days,
    named_date,
)
from meetings.pack_services import PackRefused, request_pack
from meetings.vocabulary import MembershipRole, MinutesState, PackKind, PackState
from tests.conftest import make_user
from tests.pack_world import (
    DAY,
    EARLY,
    EXEMPT_CANARY,
    NEXT,
    PREVIOUS,
    build_world,
    corrupt_upload,
    pdf_text,
    served_text,
)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate(settings):
    """Builds run as they are enqueued (the worker's own test is tests/test_pack_worker.py)."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def advisor(db):
    return make_user("pack-advisor", Role.GOVERNANCE_ADVISOR)


@pytest.fixture
def published(world, immediate, django_capture_on_commit_callbacks):
    """Publish through request_pack as a request would, running what its commit enqueues."""
    def run(user=None, **options) -> Pack:
        options.setdefault("today", EARLY)
        with django_capture_on_commit_callbacks(execute=True):
            pack = request_pack(world["meeting"], user, **options)
        pack.refresh_from_db()
        return pack
    return run


# -- the checks, as pure rules -----------------------------------------------------------------


def facts(**changes) -> PackFacts:
    values = dict(
        committee="Pack Panel", meeting_date=DAY, year_label="2030/31", today=EARLY, items=(),
        earlier_meetings_with_minutes=frozenset({PREVIOUS}), next_meeting_date=NEXT, chair="Chair Person",
    )
    return PackFacts(**(values | changes))


def item(**changes) -> ItemFacts:
    values = dict(label="Item 3, Report", item_type="report", paginated=True, has_document=True, to_follow=False)
    return ItemFacts(**(values | changes))


def test_every_paginated_item_needs_a_document_or_to_follow():
    assert check_documents(facts(items=(item(), item(paginated=False, has_document=False)))) == []
    assert check_documents(facts(items=(item(has_document=False, to_follow=True),))) == []
    [finding] = check_documents(facts(items=(item(has_document=False),)))
    assert finding.severity == REFUSAL
    assert finding.words == "Item 3, Report has no document and is not marked to follow: add its papers, or mark it to follow."


def test_the_minutes_item_names_an_earlier_meeting_whose_minutes_are_held():
    minutes = dict(label="Item 2, Minutes", item_type="minutes_of_previous_meeting")
    assert check_minutes(facts(items=(item(**minutes, previous_meeting_date=PREVIOUS),))) == []
    [wrong] = check_minutes(facts(items=(item(**minutes, previous_meeting_date=datetime.date(2030, 12, 1)),)))
    assert wrong.severity == REFUSAL and "names 1 December 2030, but the record holds no minutes" in wrong.words
    [none] = check_minutes(facts(items=(item(**minutes),)))
    assert "names no meeting" in none.words


def test_the_next_meeting_item_matches_the_next_scheduled_meeting():
    next_item = dict(label="Item 6, Next meeting", item_type="date_of_next_meeting")
    assert check_next_meeting(facts(items=(item(**next_item, text="Tuesday, 6th May, 2031 at 10 a.m."),))) == []
    [wrong] = check_next_meeting(facts(items=(item(**next_item, text="on 13 May 2031"),)))
    assert wrong.severity == REFUSAL
    assert wrong.words == "Item 6, Next meeting names 13 May 2031, but the next scheduled meeting is on 6 May 2031."
    [undated] = check_next_meeting(facts(items=(item(**next_item, text="To be confirmed"),)))
    assert "names no date" in undated.words
    assert named_date("Thursday 31 February 2031, then 2 March 2031") == datetime.date(2031, 3, 2)


def test_the_front_sheet_chair_is_the_years_chair():
    assert check_chair(facts()) == []
    [missing] = check_chair(facts(chair=None))
    assert missing.severity == REFUSAL and missing.words.startswith("The 2030/31 membership has no chair")
    [ended] = check_chair(facts(chair_ended_on=datetime.date(2031, 2, 1)))
    assert "whose seat ended on 1 February 2031" in ended.words


def test_five_clear_working_days_is_a_warning_only():
    # Tuesday 4 March 2031: published Monday 24 February leaves Tue to Mon, five clear working days.
    assert clear_working_days(datetime.date(2031, 2, 24), DAY, frozenset()) == 5
    assert check_notice(facts(today=datetime.date(2031, 2, 24))) == []
    [late] = check_notice(facts(today=datetime.date(2031, 2, 25)))
    assert late.severity == WARNING and "4 clear working days before it" in late.words
    holiday = frozenset({datetime.date(2031, 2, 27)})
    assert check_notice(facts(today=datetime.date(2031, 2, 24), bank_holidays=holiday))[0].severity == WARNING
    assert not any(finding.is_refusal for finding in check_pack(facts(today=DAY)))


# -- publishing --------------------------------------------------------------------------------


def test_a_refused_pack_is_not_queued_without_a_reason(world, immediate, advisor):
    world["items"][4].documents.all().delete()
    with pytest.raises(PackRefused) as refused:
        request_pack(world["meeting"], advisor, today=EARLY)
    assert "Item 4, Resettlement Update has no document" in str(refused.value)
    assert not Pack.objects.exists()


def test_publishing_stores_both_packs_writes_page_ranges_and_publishes_the_minutes(world, published, advisor, client):
    pack = published(user=advisor)
    assert (pack.state, pack.version, pack.kind, pack.error) == (PackState.PUBLISHED, 1, PackKind.FULL, "")
    public, members = pack.public_pdf.read(), pack.members_pdf.read()
    assert hashlib.sha256(public).hexdigest() == pack.public_sha256
    assert hashlib.sha256(members).hexdigest() == pack.members_sha256
    assert EXEMPT_CANARY in pdf_text(members) and EXEMPT_CANARY not in pdf_text(public)
    report = AgendaItem.objects.get(pk=world["items"][3].pk)
    assert [report.page_from, report.page_to] == pack.page_ranges[str(report.pk)]
    assert report.history.first().history_change_reason.startswith("Agenda pack published")
    minutes = Minutes.objects.get(meeting=world["previous"])
    assert minutes.state == MinutesState.PUBLISHED and minutes.history.first().history_user == advisor
    page = client.get(reverse("meetings:meeting", args=["pack-panel", DAY])).content.decode()
    assert f"(Page {report.page_from})" in page or f"(Pages {report.page_from} - {report.page_to})" in page
    assert reverse("meetings:pack_pdf", args=["pack-panel", DAY]) in page


def test_an_override_is_recorded_with_the_pack(world, published):
    world["items"][4].documents.all().delete()
    pack = published(override_reason="Its report is to follow from the service.")
    assert pack.state == PackState.PUBLISHED and pack.override_reason == "Its report is to follow from the service."
    assert any(finding["severity"] == "refusal" for finding in pack.warnings)


def test_a_published_pack_never_changes(world, published, client):
    first = published()
    first_bytes = first.public_pdf.read()
    world["items"][3].documents.update(text="Corrected demo text.")
    second = published()
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.public_pdf.name != second.public_pdf.name and first.public_sha256 != second.public_sha256
    assert hashlib.sha256(first.public_pdf.read()).hexdigest() == first.public_sha256
    old = client.get(reverse("meetings:pack_version_pdf", args=["pack-panel", DAY, 1]))
    assert b"".join(old.streaming_content) == first_bytes
    current = client.get(reverse("meetings:pack_pdf", args=["pack-panel", DAY]))
    assert "Corrected demo text." in served_text(current)


def test_a_supplementary_pack_holds_only_its_items(world, published, client):
    first = published()
    ranges = {item.pk: (item.page_from, item.page_to) for item in AgendaItem.objects.filter(meeting=world["meeting"])}
    supplement = published(kind=PackKind.SUPPLEMENT, items=[world["items"][4]])
    assert (supplement.kind, supplement.version) == (PackKind.SUPPLEMENT, 1)
    assert list(supplement.items.all()) == [world["items"][4]]
    assert set(supplement.page_ranges) == {str(world["items"][4].pk)}
    text = pdf_text(supplement.public_pdf.read())
    assert "Resettlement" in text and "Placements" not in text
    # The agenda keeps the full pack's pages; the full pack stays current.
    assert ranges == {item.pk: (item.page_from, item.page_to) for item in AgendaItem.objects.filter(meeting=world["meeting"])}
    response = client.get(reverse("meetings:supplement_pdf", args=["pack-panel", DAY, 1]))
    assert response.status_code == 200 and "Placements" not in served_text(response)
    assert client.get(reverse("meetings:pack", args=["pack-panel", DAY])).context["pack"] == first
    with pytest.raises(PackRefused, match="Choose the items"):
        request_pack(world["meeting"], None, kind=PackKind.SUPPLEMENT, items=[])


def test_a_failed_build_says_why_and_keeps_the_previous_version(world, published, client, advisor):
    first = published()
    corrupt_upload(world["items"][3])
    failed = published()
    assert failed.state == PackState.FAILED and failed.version is None
    assert "broken.pdf" in failed.error and "not a PDF" in failed.error
    assert not failed.public_pdf and Pack.objects.filter(state=PackState.PUBLISHED).get() == first
    response = client.get(reverse("meetings:pack_pdf", args=["pack-panel", DAY]))
    assert response["ETag"] == f'"{first.public_sha256}"'
    client.force_login(advisor)
    page = client.get(reverse("meetings:manage_pack_build", args=["pack-panel", DAY, failed.pk])).content.decode()
    assert "The build failed" in page and "broken.pdf" in page


def test_an_unexpected_error_fails_the_build_in_words(world, published, monkeypatch):
    def explode(meeting, **options):
        raise RuntimeError("disk full")
    monkeypatch.setattr(pack_build, "build_pack", explode)
    pack = published()
    assert pack.state == PackState.FAILED
    assert pack.error == "The build stopped on an unexpected error (RuntimeError: disk full)."


# -- the command -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_command_waits_and_exits_non_zero_when_refused_or_failed(immediate, capsys):
    world = build_world(chair=False)
    with pytest.raises(CommandError, match="membership has no chair"):
        call_command("publish_pack", "pack-panel", DAY.isoformat())
    with pytest.raises(CommandError, match="--force needs --reason"):
        call_command("publish_pack", "pack-panel", DAY.isoformat(), "--force")
    call_command("publish_pack", "pack-panel", DAY.isoformat(), "--force", "--reason", "Chair elected at the meeting")
    assert "Published: Agenda pack v1" in capsys.readouterr().out
    corrupt_upload(world["items"][3])
    with pytest.raises(CommandError, match="The build failed: .*broken.pdf"):
        call_command("publish_pack", "pack-panel", DAY.isoformat(), "--force", "--reason", "Again")
    with pytest.raises(CommandError, match="The agenda has no item 42"):
        call_command("publish_pack", "pack-panel", DAY.isoformat(), "--supplement", "42")
    assert Pack.objects.filter(state=PackState.PUBLISHED).count() == 1


def test_the_command_returns_at_once_with_no_wait(world, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_pack", "pack-panel", DAY.isoformat(), "--no-wait", "--supplement", "3", "4")
    pack = Pack.objects.get()
    assert pack.state == PackState.QUEUED and pack.task_id  # in the database backend's queue
    assert list(pack.items.values_list("number", flat=True)) == [3, 4]
    assert "Queued" in capsys.readouterr().out
    call_command("publish_pack", "pack-panel", DAY.isoformat(), "--no-wait", "--once")
    assert Pack.objects.count() == 2
    call_command("publish_pack", "pack-panel", DAY.isoformat(), "--no-wait", "--once")
    assert Pack.objects.count() == 2


# -- who reads what, and what a cache may keep ---------------------------------------------------


def councillor_of(world, username: str, year: int | None):
    user = make_user(username, Role.COUNCILLOR)
    person = Person.objects.create(name=username, slug=username, user=user)
    if year is not None:
        Membership.objects.create(committee=world["committee"], person=person, municipal_year=year,
                                  role=MembershipRole.MEMBER)
    return user


def test_the_members_pack_is_for_members_that_year_advisors_and_admins(world, published, client, advisor):
    published()
    members_urls = [reverse(name, args=["pack-panel", DAY, *extra]) for name, extra in (
        ("meetings:members_pack", []), ("meetings:members_pack_pdf", []), ("meetings:members_pack_version_pdf", [1]))]
    for url in members_urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    year = world["meeting"].municipal_year
    for user, status in ((councillor_of(world, "not-a-member", None), 403),
                         (councillor_of(world, "last-years-member", year - 1), 403),
                         (councillor_of(world, "this-years-member", year), 200),
                         (advisor, 200), (make_user("pack-admin", Role.ADMIN), 200)):
        client.force_login(user)
        for url in members_urls:
            response = client.get(url)
            assert response.status_code == status, (user.username, url)
            assert "private" in response["Cache-Control"]
            assert status == 403 or "no-store" in response["Cache-Control"]
        if status == 200:
            page = client.get(reverse("meetings:members_pack", args=["pack-panel", DAY])).content.decode()
            assert EXEMPT_CANARY in page
        client.logout()


def test_a_cached_public_response_never_holds_members_content(world, published, client, advisor):
    published()
    public_urls = [reverse(name, args=["pack-panel", DAY, *extra]) for name, extra in (
        ("meetings:pack", []), ("meetings:pack_pdf", []), ("meetings:pack_version_pdf", [1]))]
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200 and EXEMPT_CANARY not in served_text(response)
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]
    client.force_login(advisor)
    for url in public_urls:
        response = client.get(url)
        # The public pack whoever asks; a signed-in person's page is private all the same.
        assert EXEMPT_CANARY not in served_text(response) and "no-store" in response["Cache-Control"]
    page = client.get(reverse("meetings:meeting", args=["pack-panel", DAY])).content.decode()
    assert reverse("meetings:members_pack", args=["pack-panel", DAY]) in page


def test_no_pack_published_is_not_found(world, client):
    assert client.get(reverse("meetings:pack", args=["pack-panel", DAY])).status_code == 404
    assert client.get(reverse("meetings:pack_version_pdf", args=["pack-panel", DAY, 1])).status_code == 404
    assert client.get(reverse("meetings:supplement_pdf", args=["pack-panel", DAY, 1])).status_code == 404


# -- the advisor's screen --------------------------------------------------------------------------


def test_the_screen_refuses_without_a_reason_and_keeps_what_was_entered(world, immediate, client, advisor):
    world["items"][4].documents.all().delete()
    client.force_login(advisor)
    url = reverse("meetings:manage_pack", args=["pack-panel", DAY])
    page = client.get(url).content.decode()
    assert "Item 4, Resettlement Update has no document and is not marked to follow" in page
    response = client.post(url, {"kind": "full", "override_reason": "  "})
    assert response.status_code == 400 and not Pack.objects.exists()
    assert "Enter the reason to publish despite the refusals, or correct the record first" in response.content.decode()
    response = client.post(url, {"kind": "supplement", "override_reason": "Kept"})
    assert "Choose the items the supplementary pack holds" in response.content.decode()
    assert "Kept</textarea>" in response.content.decode() and not Pack.objects.exists()


def test_the_screen_publishes_and_shows_the_build(world, immediate, client, advisor, django_capture_on_commit_callbacks):
    client.force_login(advisor)
    url = reverse("meetings:manage_pack", args=["pack-panel", DAY])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "full"})
    pack = Pack.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:manage_pack_build", args=["pack-panel", DAY, pack.pk])
    status = client.get(reverse("meetings:manage_pack_status", args=["pack-panel", DAY, pack.pk])).content.decode()
    assert "Published" in status and "data-pack-status" not in status
    page = client.get(url).content.decode()
    assert "Agenda pack 1</a>" in page and f"by {advisor.username}" in page


def test_a_running_build_is_polled_and_can_be_refreshed(world, client, advisor):
    pack = Pack.objects.create(meeting=world["meeting"], state=PackState.BUILDING, progress="Rendering item 3.")
    client.force_login(advisor)
    page = client.get(reverse("meetings:manage_pack_build", args=["pack-panel", DAY, pack.pk])).content.decode()
    assert "Rendering item 3." in page and "js/pack-status" in page and ">Refresh<" in page
    assert f'data-pack-status="{reverse("meetings:manage_pack_status", args=["pack-panel", DAY, pack.pk])}"' in page


def test_the_lists_take_the_same_queries_however_many_versions(world, published, client, advisor):
    client.force_login(advisor)

    def queries(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [reverse("meetings:manage_pack", args=["pack-panel", DAY]), reverse("meetings:meeting", args=["pack-panel", DAY]),
            reverse("meetings:pack", args=["pack-panel", DAY])]
    published()
    published(kind=PackKind.SUPPLEMENT, items=[world["items"][3]])
    before = [queries(url) for url in urls]
    for _ in range(3):
        published()
        published(kind=PackKind.SUPPLEMENT, items=[world["items"][3], world["items"][4]])
    assert [queries(url) for url in urls] == before
    assert Meeting.objects.get(pk=world["meeting"].pk).packs.count() == 8


def test_the_advisors_meeting_screen_panel_shows_the_current_version(world, published):
    panel = render_to_string("meetings/manage/includes/meeting_pack_panel.html", {"meeting": world["meeting"]})
    assert "No agenda pack is published yet." in panel
    published()
    published()
    panel = render_to_string("meetings/manage/includes/meeting_pack_panel.html", {"meeting": world["meeting"]})
    assert "Version 2, published" in panel
    assert reverse("meetings:manage_pack", args=["pack-panel", DAY]) in panel
