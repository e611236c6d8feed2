"""Template tags of the advisor's meeting screens. The committee screen (the committee area's)
includes the meetings panel with only its `committee`: the panel reads its meetings here."""

from django import template
from django.utils import timezone

from meetings.manage_meeting_selectors import CommitteeMeetings, committee_meetings as read_committee_meetings
from meetings.models import Committee

register = template.Library()


@register.simple_tag
def committee_meetings(committee: Committee) -> CommitteeMeetings:
    """The committee's upcoming and past meetings (one query)."""
    return read_committee_meetings(committee, timezone.localdate())
