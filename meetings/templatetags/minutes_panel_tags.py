"""The minutes panel of the advisor's meeting screen (owned by the minutes area): its figures are
read here, so the screen that includes the panel passes only the meeting."""

from django import template

from meetings.manage_minutes_selectors import MinutesPanel, minutes_panel
from meetings.models import Meeting

register = template.Library()


@register.simple_tag
def minutes_panel_of(meeting: Meeting) -> MinutesPanel:
    return minutes_panel(meeting)
