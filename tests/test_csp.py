"""The content security policy is on every page, and no template carries inline script or style."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["portal:home", "portal:accessibility", "accounts:login"]


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_sends_a_strict_policy(client, officer, page, signed_in):
    if signed_in and page != "accounts:login":  # the sign-in page sends signed-in users home
        client.force_login(officer)
    response = client.get(reverse(page))
    assert response.status_code == 200
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_error_pages_send_the_policy_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Page not found" in response.content.decode()


def template_files() -> list[Path]:
    return sorted((ROOT / "templates").rglob("*.html")) + sorted(ROOT.glob("*/templates/**/*.html"))


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def test_templates_exist_to_check():
    assert len(template_files()) >= 4


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_or_style_in_templates(path):
    text = path.read_text()
    for attributes, body in SCRIPT_TAG.findall(text):
        is_data = 'type="application/json"' in attributes
        assert is_data or ("src=" in attributes and not body.strip()), f"inline script in {path}"
    assert not EVENT_HANDLER.search(text), f"inline event handler in {path}"
    assert not STYLE_ATTRIBUTE.search(text), f"inline style attribute in {path}"
    assert "<style" not in text.lower(), f"style element in {path}"
