"""The management list of indicators (django-tables2): one line per indicator, its settings in words."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from accounts.govuk_tables import GovukTable, govuk_attrs
from scorecards.manage_indicator_selectors import IndicatorRow


class IndicatorTable(GovukTable):
    number = tables.Column(verbose_name="Number")
    name = tables.Column(verbose_name="Name")
    scorecard = tables.Column(verbose_name="Scorecard")
    section = tables.Column(verbose_name="Section", empty_values=())
    polarity = tables.Column(verbose_name="Good performance")
    unit = tables.Column(verbose_name="Unit")
    frequency = tables.Column(verbose_name="Frequency")
    owners = tables.Column(verbose_name="Owners", empty_values=())
    retired = tables.Column(verbose_name="Retired", empty_values=())

    class Meta(GovukTable.Meta):
        # The scorecards list's template: a heading, then a region that scrolls sideways.
        template_name = "scorecards/manage/includes/scorecard_table.html"
        attrs = govuk_attrs("app-manage-table app-indicator-table")
        empty_text = "No indicators match these filters."

    def render_number(self, record: IndicatorRow) -> str:
        href = reverse("scorecards:manage_indicator", kwargs={"pk": record.pk})
        return format_html('<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
                           href, record.number, record.name)

    def render_section(self, value: str) -> str:
        return value or "Not in a section"

    def render_owners(self, value: str) -> str:
        return value or "Nobody"

    def render_retired(self, value: str) -> str:
        return value or "No"
