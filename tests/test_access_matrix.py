"""Every URL pattern x every role, with canary figures and words planted in the live data after
the demo was published: no canary reaches the public or a councillor, in a page, JSON, PDF text
or spreadsheet, by any route or query-string trick; staff asking for live figures do see them.

Every named URL pattern of the site must have sample arguments here, so a new page is covered
the day it is added (`test_every_url_pattern_is_in_the_matrix`)."""

import io
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import make_user
from tests.test_web_hardening import CANARIES, change_every_live_field

pytestmark = pytest.mark.django_db

SLUG, MONTH = "corporate-parenting", "2020-12"
# Sample arguments of each named pattern; admin pages are covered by test_admin_access.py.
SAMPLES: dict[str, list[str]] = {
    "portal:home": ["/"],
    "portal:accessibility": ["/accessibility/"],
    "portal:month_end": ["/month-end/"],
    "portal:manage": ["/manage/"],
    "accounts:login": ["/sign-in/"],
    "accounts:logout": [],  # POST only
    "accounts:password_reset": ["/sign-in/reset/"],
    "accounts:password_reset_done": ["/sign-in/reset/sent/"],
    "accounts:password_reset_confirm": ["/sign-in/reset/MQ/set-password/", "/sign-in/reset/MQ/not-a-token/"],
    "accounts:password_reset_complete": ["/sign-in/reset/done/"],
    # The manage pages: admins only (tests/test_manage_users.py walks every role and method).
    "accounts:manage_users": ["/manage/users/", "/manage/users/?role=admin&active=yes", "/manage/users/?role=nobody"],
    "accounts:manage_user_add": ["/manage/users/add/"],
    "accounts:manage_user": ["/manage/users/1/"],
    "accounts:manage_user_unlock": [],  # POST only
    "accounts:manage_user_send_link": [],  # POST only
    "accounts:manage_site": ["/manage/site/"],
    "scorecards:list": ["/scorecards/"],
    "scorecards:latest": [f"/scorecards/{SLUG}/", f"/scorecards/{SLUG}/?month={MONTH}"],
    "scorecards:scorecard": [f"/scorecards/{SLUG}/{MONTH}/"],
    "scorecards:indicator": [f"/scorecards/{SLUG}/{MONTH}/indicators/{n}/" for n in ("6.1", "6.2", "6.9")],
    "scorecards:download": [
        f"/scorecards/{SLUG}/{MONTH}/{name}"
        for name in ("scorecard.pdf", "scorecard.xlsx", "workbook.xlsx", "workbook-csv.zip")
    ],
    "scorecards:json": [f"/scorecards/{SLUG}/{MONTH}.json"],
    "scorecards:changes": [f"/scorecards/{SLUG}/{MONTH}/changes/", f"/scorecards/{SLUG}/{MONTH}/changes/?against=live"],
    "scorecards:entry": [f"/scorecards/{SLUG}/2021-01/entry/", f"/scorecards/{SLUG}/{MONTH}/entry/"],
    "scorecards:upload": [f"/scorecards/{SLUG}/upload/"],
    "scorecards:submit": [f"/scorecards/{SLUG}/2021-01/submit/"],  # GET goes on to the grid
    "scorecards:month_end": [f"/scorecards/{SLUG}/2021-01/month-end/", f"/scorecards/{SLUG}/{MONTH}/month-end/"],
    "scorecards:sign_off": [f"/scorecards/{SLUG}/2021-01/sign-off/"],
    "scorecards:manage_scorecards": ["/manage/scorecards/"],
    "scorecards:manage_scorecard_new": ["/manage/scorecards/new/"],
    "scorecards:manage_scorecard": [f"/manage/scorecards/{SLUG}/"],
    "scorecards:manage_section_new": [f"/manage/scorecards/{SLUG}/sections/new/"],
    "scorecards:manage_section": [],  # a section's id differs per load: tests/test_manage_scorecards.py
    "scorecards:manage_section_move": [],  # POST only
    "scorecards:manage_indicator_owners": [f"/manage/scorecards/{SLUG}/indicator-owners/"],
    # Managing indicators: admins, and officers reading their own (tests/test_manage_indicators.py
    # walks every role and method). An indicator's id differs per load: 404 is an answer too.
    "scorecards:manage_indicators": ["/manage/indicators/", f"/manage/indicators/?scorecard={SLUG}&polarity=High",
                                     "/manage/indicators/?owner=nobody"],
    "scorecards:manage_indicator_new": ["/manage/indicators/new/", f"/manage/indicators/new/?scorecard={SLUG}"],
    "scorecards:manage_indicator": ["/manage/indicators/1/"],
    "scorecards:manage_indicator_retirement": [],  # POST only
    # Outturns and benchmarks of one indicator: an indicator's id differs per load, so
    # tests/test_manage_figures.py walks every URL x role x method.
    "scorecards:manage_outturns": [],
    "scorecards:manage_outturn": [],
    "scorecards:manage_benchmarks": [],
    "scorecards:manage_benchmark": [],
    # Managing targets: an indicator's id differs per load (tests/test_manage_targets.py walks them all).
    "scorecards:manage_targets": [],
    "scorecards:manage_target_preview": [],
    "scorecards:manage_target": [],
    "scorecards:manage_target_rollover": [f"/manage/scorecards/{SLUG}/targets/rollover/"],
    "scorecards:manage_target_review": [f"/manage/scorecards/{SLUG}/targets/2021-22/"],
    # The committee pages (issue 14, items 3 and 4): tests/test_meetings_visibility.py walks every
    # URL x role with exempt and draft canaries planted.
    "meetings:committees": ["/committees/"],
    "meetings:committee": ["/committees/corporate-parenting-panel/", "/committees/improving-lives-select-commission/"],
    "meetings:calendar": ["/committees/corporate-parenting-panel/meetings.ics"],
    "meetings:meeting": ["/committees/corporate-parenting-panel/2021-03-02/",
                         "/committees/corporate-parenting-panel/2021-01-05/",
                         "/committees/improving-lives-select-commission/2020-03-03/"],
    "meetings:document": ["/committees/corporate-parenting-panel/2021-03-02/documents/1/"],
    "meetings:person": ["/people/cusworth/", "/people/demo-councillor/"],
    # Documents of agenda items (issue 15, part 4): advisors only. No sample here: an item's and a
    # document's ids differ per load, and tests/test_meetings_visibility.py reads every "meetings:"
    # sample as a public page. tests/test_manage_matrix.py walks them by role and method, and
    # tests/test_manage_documents.py with documents of their own (exempt ones included).
    "meetings:manage_document_new": [],
    "meetings:manage_document": [],
    # The meetings area's advisor screens (issue 15, parts 2 and 3): tests/test_manage_meetings.py
    # walks them; an agenda item's id differs per load.
    "meetings:manage_meeting_new": ["/manage/committees/corporate-parenting-panel/meetings/new/"],
    "meetings:manage_meeting_series": ["/manage/committees/corporate-parenting-panel/meetings/series/"],
    "meetings:manage_meeting": ["/manage/committees/corporate-parenting-panel/2021-03-02/"],
    "meetings:manage_meeting_edit": ["/manage/committees/corporate-parenting-panel/2021-03-02/edit/"],
    "meetings:manage_meeting_status": ["/manage/committees/corporate-parenting-panel/2021-03-02/status/"],
    "meetings:manage_agenda_item_new": ["/manage/committees/corporate-parenting-panel/2021-03-02/agenda/new/"],
    "meetings:manage_agenda_item": [],
    "meetings:manage_agenda_item_move": [],  # POST only
    # Agenda packs (issue 16): the public and members' packs (404 until one is published), and
    # the advisor's pack screens.
    "meetings:pack": ["/committees/corporate-parenting-panel/2021-03-02/pack/"],
    "meetings:pack_pdf": ["/committees/corporate-parenting-panel/2021-03-02/pack.pdf"],
    "meetings:pack_version_pdf": ["/committees/corporate-parenting-panel/2021-03-02/pack/v1.pdf"],
    "meetings:supplement_pdf": ["/committees/corporate-parenting-panel/2021-03-02/supplement-1.pdf"],
    "meetings:members_pack": ["/committees/corporate-parenting-panel/2021-03-02/members-pack/"],
    "meetings:members_pack_pdf": ["/committees/corporate-parenting-panel/2021-03-02/members-pack.pdf"],
    "meetings:members_pack_version_pdf": ["/committees/corporate-parenting-panel/2021-03-02/members-pack/v1.pdf"],
    "meetings:members_supplement_pdf": ["/committees/corporate-parenting-panel/2021-03-02/members-supplement-1.pdf"],
    "meetings:manage_pack": ["/manage/committees/corporate-parenting-panel/2021-03-02/pack/"],
    "meetings:manage_pack_build": ["/manage/committees/corporate-parenting-panel/2021-03-02/pack/1/"],
    "meetings:manage_pack_status": ["/manage/committees/corporate-parenting-panel/2021-03-02/pack/1/status/"],
    # The minutes area (issue 15, parts 5 and 6): advisors and admins only; ids differ per load,
    # so tests/test_manage_matrix.py and tests/test_manage_minutes.py walk the rest.
    "meetings:manage_attendance": ["/manage/committees/corporate-parenting-panel/2021-01-05/attendance/"],
    "meetings:manage_attendance_entry": [],
    "meetings:manage_declarations": ["/manage/committees/corporate-parenting-panel/2021-01-05/declarations/"],
    "meetings:manage_declaration": [],
    "meetings:manage_minutes": ["/manage/committees/corporate-parenting-panel/2021-01-05/minutes/"],
    "meetings:manage_minute_new": ["/manage/committees/corporate-parenting-panel/2021-03-02/minutes/new/"],
    "meetings:manage_minute": [],
    "meetings:manage_minutes_publish": ["/manage/committees/corporate-parenting-panel/2021-01-05/minutes/publish/"],
    "meetings:manage_minutes_approve": ["/manage/committees/corporate-parenting-panel/2021-03-02/minutes/approve/"],
    "meetings:manage_actions": ["/manage/actions/", "/manage/actions/?status=all&committee=nobody"],
    "meetings:manage_action": [],
    # The advisor's committee screens (issue 15, part 1): advisors and admins, 403 to the rest.
    "meetings:manage_committees": ["/manage/committees/"],
    "meetings:manage_committee_new": ["/manage/committees/new/"],
    "meetings:manage_committee": ["/manage/committees/corporate-parenting-panel/"],
    "meetings:manage_standard_items": ["/manage/committees/corporate-parenting-panel/standard-items/"],
    "meetings:manage_standard_era": ["/manage/committees/corporate-parenting-panel/standard-items/2021-03-02/"],
    "meetings:manage_memberships": ["/manage/committees/corporate-parenting-panel/members/2020/"],
    "meetings:manage_membership_new": ["/manage/committees/corporate-parenting-panel/members/2020/add/"],
    "meetings:manage_membership_rollover": ["/manage/committees/corporate-parenting-panel/members/2020/rollover/"],
    "meetings:manage_membership": ["/manage/committees/corporate-parenting-panel/memberships/1/"],
}
# Ways someone might try to reach the live figures without being staff.
TRICKS = ["", "?live=1", "?live=true", "?live=1&live=1", "?LIVE=1", "?live=1&published=0", "?live[]=1"]
ROLES = ["anonymous", "councillor", "officer", "advisor", "admin"]
READERS = {"anonymous", "councillor"}


def named_patterns(resolver: URLResolver = None, namespace: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    assert named_patterns() == set(SAMPLES)


def readable_text(response) -> str:
    """What a person could read in the response, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(content))
        return " ".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    if "spreadsheetml" in kind:
        workbook = load_workbook(io.BytesIO(content))
        return " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value)
    if kind.startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    return content.decode("utf-8", errors="replace")


@pytest.fixture
def planted(published_demo, db):
    change_every_live_field()


def sign_in(client, role: str) -> None:
    if role == "anonymous":
        return
    from accounts.roles import Role

    roles = {"councillor": Role.COUNCILLOR, "officer": Role.PERFORMANCE_OFFICER,
             "advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}
    client.force_login(make_user(f"matrix-{role}", roles[role]))


@pytest.mark.parametrize("role", ROLES)
def test_no_canary_reaches_the_public_or_a_councillor(client, planted, role):
    sign_in(client, role)
    checked = 0
    for name, urls in SAMPLES.items():
        for url in urls:
            # Every trick for those who must never see live figures; staff may, so for them one
            # asking is enough to check the live switch works (each live PDF takes seconds).
            for trick in TRICKS if role in READERS else ("", "?live=1"):
                joiner = "&" if "?" in url and trick else ""
                target = url + (trick.replace("?", joiner, 1) if joiner else trick)
                response = client.get(target, follow=True)
                # 403: a page for some staff only (the entry grid, to the owners of what it holds).
                assert response.status_code in (200, 403, 404), (target, response.status_code)
                if response.status_code != 200:
                    continue
                checked += 1
                text = readable_text(response)
                live = "Live figures" in text or '"figures": "live"' in text
                if role in READERS:
                    assert not live, f"{role} got live figures at {target}"
                    for canary in CANARIES:
                        assert canary not in text, f"{canary} reached {role} at {target}"
                elif "live=1" in trick and not trick.startswith("?LIVE") and "[]" not in trick:
                    if name in ("scorecards:scorecard", "scorecards:json", "scorecards:download", "scorecards:indicator"):
                        assert "7777" in text or "CANARY" in text, f"staff asked for live figures at {target}"
    assert checked > (50 if role in READERS else 25)


def test_staff_live_responses_are_never_cached(client, planted):
    sign_in(client, "officer")
    for urls in (SAMPLES["scorecards:scorecard"], SAMPLES["scorecards:download"], SAMPLES["scorecards:json"]):
        for url in urls:
            response = client.get(url + "?live=1")
            assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url
