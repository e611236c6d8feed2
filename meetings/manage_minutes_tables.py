"""The advisor's list of actions across committees (django-tables2): one line per action, with
its minute, meeting, who and by when."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from accounts.govuk_tables import GovukTable, govuk_attrs
from meetings.models import Action


class ActionTable(GovukTable):
    description = tables.Column(verbose_name="Action", empty_values=())
    committee = tables.Column(verbose_name="Committee", accessor="minute__meeting__committee__name")
    minute = tables.Column(verbose_name="Minute", empty_values=())
    owner = tables.Column(verbose_name="Who", empty_values=())
    due = tables.Column(verbose_name="By when", empty_values=())
    done = tables.Column(verbose_name="Status", empty_values=())

    class Meta(GovukTable.Meta):
        template_name = "scorecards/manage/includes/scorecard_table.html"
        attrs = govuk_attrs("app-manage-table app-action-table")
        empty_text = "No actions match these filters."

    def render_description(self, record: Action) -> str:
        href = reverse("meetings:manage_action", kwargs={"action_id": record.pk})
        return format_html('<a class="govuk-link" href="{}">{}</a>', href, record.description)

    def render_minute(self, record: Action) -> str:
        meeting = record.minute.meeting
        return format_html("{} of {}", record.minute.number, f"{meeting.date:%-d %B %Y}")

    def render_owner(self, value: str) -> str:
        return value or "Not said"

    def render_due(self, value) -> str:
        return f"{value:%-d %B %Y}" if value else "Not said"

    def render_done(self, value: bool) -> str:
        return "Done" if value else "Open"
