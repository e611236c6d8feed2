"""Issue 10's findings about the web side, each pinned: HEAD answered, unpublished scorecards
kept from the public, published outputs drawn from the publication alone, role-dependent
responses private, production settings, and the client address behind trusted proxies."""

import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.client_address import client_address
from scorecards.models import Benchmark, Commentary, Indicator, Observation, Outturn, Scorecard, Section, Target
from tests.builders import build_scorecard

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PAGE = "/scorecards/corporate-parenting/2020-12/"
SAFE_URLS = [
    PAGE,
    PAGE + "indicators/6.2/",
    PAGE + "scorecard.pdf",
    PAGE + "scorecard.xlsx",
    PAGE + "workbook.xlsx",
    PAGE + "workbook-csv.zip",
    "/scorecards/corporate-parenting/2020-12.json",
    "/scorecards/",
    "/",
    "/accessibility/",
]


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once per module); each test's changes roll back."""


@pytest.mark.parametrize("url", SAFE_URLS)
def test_pages_that_answer_get_answer_head(client, demo, url):
    get = client.get(url)
    head = client.head(url)
    assert get.status_code == 200
    assert head.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


@pytest.mark.parametrize("url", [PAGE, PAGE + "scorecard.pdf", "/scorecards/corporate-parenting/2020-12.json"])
def test_a_post_is_still_refused(client, demo, url):
    assert client.post(url).status_code == 405


def test_an_unpublished_scorecard_is_listed_to_staff_only(client, demo, councillor, officer):
    build_scorecard(indicator_count=3, slug="draft-card")
    for url in ("/", "/scorecards/"):
        assert b"Test scorecard draft-card" not in client.get(url).content
    client.force_login(councillor)
    for url in ("/", "/scorecards/"):
        assert b"Test scorecard draft-card" not in client.get(url).content
    client.force_login(officer)
    listed = client.get("/scorecards/").content.decode()
    assert "Test scorecard draft-card" in listed and "Not yet published." in listed
    assert "Corporate Parenting Monthly Performance Report" in listed


def change_every_live_field() -> None:
    """After publishing: every field a published output shows, changed in the live tables."""
    scorecard = Scorecard.objects.get(slug="corporate-parenting")
    scorecard.title = "CANARY TITLE"
    scorecard.save()
    for section in Section.objects.filter(scorecard=scorecard):
        section.title = f"CANARY SECTION {section.pk}"
        section.save()
    Indicator.objects.filter(scorecard=scorecard).update(name="CANARY NAME", data_note="CANARY NOTE", polarity="Info")
    Target.objects.filter(indicator__scorecard=scorecard).update(red="<1%", amber="1%>", green="77.7%+")
    Observation.objects.filter(indicator__scorecard=scorecard, mark="").update(value=Decimal("7777"))
    Outturn.objects.filter(indicator__scorecard=scorecard).update(value=Decimal("8888"))
    Benchmark.objects.filter(indicator__scorecard=scorecard).update(value=Decimal("9999"), source="CANARY SOURCE")
    Commentary.objects.filter(scorecard=scorecard).update(text="CANARY COMMENT")


CANARIES = ["CANARY", "7777", "8888", "9999", "77.7%+"]


def texts_of_every_published_output(client) -> dict[str, str]:
    outputs = {
        "page": client.get(PAGE).content.decode(),
        "indicator page": client.get(PAGE + "indicators/6.2/").content.decode(),
        "json": client.get("/scorecards/corporate-parenting/2020-12.json").content.decode(),
    }
    pdf = PdfReader(io.BytesIO(client.get(PAGE + "scorecard.pdf").content))
    outputs["pdf"] = " ".join(page.extract_text() for page in pdf.pages) + str(pdf.metadata)
    for name in ("scorecard.xlsx", "workbook.xlsx"):
        workbook = load_workbook(io.BytesIO(client.get(PAGE + name).content))
        cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value]
        outputs[name] = " ".join(cells) + str(workbook.properties.title) + "".join(
            str(sheet.oddFooter.left.text) for sheet in workbook
        )
    return outputs


def test_published_outputs_show_the_publication_whatever_changes_after(client, demo):
    change_every_live_field()
    for output, text in texts_of_every_published_output(client).items():
        for canary in CANARIES:
            assert canary not in text, f"{canary} in the published {output}"
    assert "Corporate Parenting Monthly Performance Report" in client.get(PAGE).content.decode()


@pytest.mark.parametrize("url", [PAGE, PAGE + "indicators/6.2/", "/", PAGE + "scorecard.xlsx"])
def test_responses_to_signed_in_users_are_private(client, demo, officer, url):
    client.force_login(officer)
    response = client.get(url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_the_staff_view_of_a_published_indicator_page_is_private(client, demo, officer):
    client.force_login(officer)
    response = client.get(PAGE + "indicators/6.2/")
    assert "Revision history" in response.content.decode() or "revision" in response.content.decode().lower()
    assert "private" in response["Cache-Control"]


def test_anonymous_responses_vary_on_the_cookie(client, demo):
    assert "Cookie" in client.get(PAGE)["Vary"]


@pytest.mark.parametrize(
    "proxies,forwarded,remote,expected",
    [
        (0, "198.51.100.7", "10.0.0.2", "10.0.0.2"),  # no trusted proxy: the header is the client's word
        (1, "198.51.100.7", "10.0.0.2", "198.51.100.7"),
        (1, "203.0.113.66, 198.51.100.7", "10.0.0.2", "198.51.100.7"),  # a forged left-hand entry is ignored
        (2, "198.51.100.7, 10.0.0.9", "10.0.0.2", "198.51.100.7"),
        (2, "10.0.0.9", "10.0.0.2", "10.0.0.2"),  # fewer hops than proxies: did not come through them
        (1, "not-an-address", "10.0.0.2", "10.0.0.2"),
        (1, "", "10.0.0.2", "10.0.0.2"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxies_report(proxies, forwarded, remote, expected):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_address(request) == expected


@override_settings(TRUSTED_PROXIES=1)
def test_sign_in_throttling_behind_a_proxy_locks_out_one_client_not_everyone(client, db):
    from tests.conftest import make_user

    make_user("victim", None)
    for _ in range(5):
        client.post("/sign-in/", {"username": "victim", "password": "wrong"}, REMOTE_ADDR="10.0.0.2",
                    HTTP_X_FORWARDED_FOR="198.51.100.7")
    locked = client.post("/sign-in/", {"username": "victim", "password": "wrong"}, REMOTE_ADDR="10.0.0.2",
                         HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert locked.status_code == 429
    other = client.post("/sign-in/", {"username": "victim", "password": "wrong"}, REMOTE_ADDR="10.0.0.2",
                        HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 200


def run_check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**clean, "DJANGO_SECRET_KEY": "x" * 60 + "production-like-secret-key-1234567890", **env},
        capture_output=True, text=True,
    )


def test_check_deploy_is_clean_with_the_production_settings_set():
    result = run_check_deploy({
        "DJANGO_SSL_REDIRECT": "1",
        "DJANGO_HSTS_SECONDS": "31536000",
        "DJANGO_HSTS_PRELOAD": "1",
        "DJANGO_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
    })
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_without_them():
    result = run_check_deploy({})
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stdout + result.stderr
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


def test_sqlite_writers_wait_for_each_other():
    script = (
        "import json, config.settings as s; o = s.DATABASES['default'].get('OPTIONS', {}); "
        "print(json.dumps([o.get('transaction_mode'), o.get('timeout')]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**clean, "DJANGO_SECRET_KEY": "k"},
                            capture_output=True, text=True)
    assert result.stdout.strip() == '["IMMEDIATE", 60]', result.stderr


def test_two_imports_and_a_publication_at_once_on_sqlite_all_finish(tmp_path):
    """Three writers on one SQLite file at the same time: each waits its turn, none dies with
    "database is locked"."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SECRET_KEY": "k", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "import_scorecard", "fixtures/corporate-parenting.xlsx"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    writers = [
        subprocess.Popen([*manage, "import_scorecard", "fixtures/corporate-parenting.xlsx"], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        subprocess.Popen([*manage, "import_scorecard", "fixtures/safeguarding-children-families.xlsx"], cwd=ROOT,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        subprocess.Popen([*manage, "publish_scorecard", "corporate-parenting", "--as-at", "2020-12", "--force",
                          "--reason", "as printed, with no exception notes"], cwd=ROOT,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err


def test_a_control_character_stored_before_the_rule_does_not_break_the_workbook_download(client, demo, officer):
    Indicator.objects.filter(scorecard__slug="corporate-parenting", number="6.1").update(name="Looked\x1b After\x07")
    client.force_login(officer)
    response = client.get(PAGE + "workbook.xlsx?live=1")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    names = [row[2].value for row in workbook["indicators"].iter_rows(min_row=2)]
    assert "Looked\ufffd After\ufffd" in names
