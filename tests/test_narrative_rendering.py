"""Rendering a narrative is bounded whatever the database holds (issue 10, item 1).

python-markdown rescans the text from every unclosed "[" (24 KB of nested brackets took over
a minute) and its block parsers and WeasyPrint recurse once per level of nesting (60,000
quotes raised RecursionError). The entry rules keep both out of new entries; here, a text
stored round them (``.objects.update``) still renders quickly, as plain text with a note.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorecards.models import Commentary, Indicator, Publication
from scorecards.templatetags.scorecard_tags import render_markdown

ROOT = Path(__file__).resolve().parents[1]
BRACKETS_32_KB = "[" * 16_384 + "]" * 16_384
QUOTES_60_000 = "> " * 60_000 + "deep"
PAGE = "/scorecards/corporate-parenting/2020-12/"

RENDER = """
import django, sys, time
django.setup()
from scorecards.templatetags.scorecard_tags import render_markdown
text = sys.stdin.read()
html = render_markdown(text)
print(html[:200])
"""


def render_in_a_subprocess(text: str) -> str:
    """``render_markdown(text)`` in a fresh interpreter, killed after 30 s (a guard, not a timing)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", RENDER], input=text, capture_output=True, text=True, cwd=ROOT,
                            env=environment, timeout=30, check=True)
    return result.stdout


@pytest.mark.parametrize("text", [BRACKETS_32_KB, "[" * 32_768, "[a" * 4_000, QUOTES_60_000],
                         ids=["32-kb-nested-brackets", "32-kb-open-brackets", "8-kb-open-brackets", "60000-quotes"])
def test_a_stored_text_past_the_rules_renders_quickly_as_plain_text(text: str) -> None:
    html = render_in_a_subprocess(text)
    assert html.startswith("<p><em>This text breaks the limits on commentary (expected ")


def test_the_note_names_the_limit_and_the_text_is_cut() -> None:
    html = render_markdown(BRACKETS_32_KB)
    assert html.startswith(
        "<p><em>This text breaks the limits on commentary (expected at most 10,000 characters; found 32,768), "
        "so it is shown as plain text, cut to its first 10,000 characters.</em></p><p>[[["
    )
    assert html.count("[") == 10_000 and "]" not in html


def test_a_text_within_the_rules_is_markdown() -> None:
    assert render_markdown("**Adoptions** rose: see [the report](https://example.org).\r\n\r\n> quoted") == (
        '<p><strong>Adoptions</strong> rose: see <a href="https://example.org" rel="noopener noreferrer">the '
        "report</a>.</p>\n<blockquote>\n<p>quoted</p>\n</blockquote>"
    )


def test_raw_html_is_shown_as_typed_not_nested() -> None:
    """nh3 keeps <blockquote>, and 400 of them nested took the PDF down: raw HTML is text."""
    html = render_markdown("<blockquote>" * 800 + "x")
    assert "<blockquote>" not in html and html.startswith("<p>&lt;blockquote&gt;")
    assert render_markdown("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_control_characters_stored_before_the_rules_are_not_rendered() -> None:
    assert render_markdown("Red\x1b[31m and \x00bold") == "<p>Red[31m and bold</p>"


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once for the module); each test's changes roll back."""


def test_pages_and_the_pdf_survive_hostile_stored_narratives(client, officer, demo) -> None:
    Commentary.objects.update(text=QUOTES_60_000)
    Indicator.objects.update(definition=BRACKETS_32_KB)
    client.force_login(officer)
    page = client.get(PAGE + "?live=1")
    assert page.status_code == 200
    assert "This text breaks the limits on commentary" in page.content.decode()
    indicator = client.get(PAGE + "indicators/6.9/?live=1")
    assert indicator.status_code == 200
    assert "This text breaks the limits on commentary (expected at most 10,000" in indicator.content.decode()
    pdf = client.get(PAGE + "scorecard.pdf?live=1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_rendered_html_is_not_in_the_publication(demo) -> None:
    """The snapshot (and so its hash) holds each narrative as written: how it renders may change."""
    publication = Publication.objects.filter(scorecard__slug="corporate-parenting").latest("as_at", "issue")
    snapshot = json.dumps(publication.snapshot)
    texts = [note["text"] for note in publication.snapshot["data"]["commentary"]]
    assert texts and any("###" in text for text in texts)  # Markdown, as written
    assert "<p>" not in snapshot and "<h3>" not in snapshot and "<strong>" not in snapshot
