"""The demo exports are byte-for-byte what they were before the groundwork refactor (tests/golden/)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

GOLDEN = Path(__file__).resolve().parent / "golden"
PUBLISHED_AT = re.compile(rb'^  "published_at": "[^"]+",$', re.MULTILINE)
EXPORTS = [
    (slug, month, state)
    for slug, month in (("corporate-parenting", "2020-12"), ("safeguarding-children-families", "2016-03"))
    for state in ("published", "live")
]


def without_publication_time(content: bytes) -> bytes:
    return PUBLISHED_AT.sub(b'  "published_at": "(when load_demo ran)",', content)


@pytest.mark.parametrize("slug,month,state", EXPORTS)
def test_export_is_unchanged(published_demo, db, tmp_path, slug, month, state):
    output = tmp_path / "export.json"
    options = {"as_at": month, "output": str(output), "published": state == "published"}
    call_command("export_scorecard", slug, **options)
    expected = (GOLDEN / f"{slug}-{month}-{state}.json").read_bytes()
    assert without_publication_time(output.read_bytes()) == without_publication_time(expected)
