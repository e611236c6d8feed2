"""The agenda packs on the meeting pages (issue 16): `{% meeting_packs meeting as packs %}` reads
a meeting's published versions (one query) where a page has only the meeting."""

from django import template

from meetings.models import Meeting
from meetings.pack_selectors import PackVersions, pack_versions

register = template.Library()


@register.simple_tag
def meeting_packs(meeting: Meeting) -> PackVersions:
    return pack_versions(meeting)
