"""The management list of scorecards (django-tables2): one line per scorecard, its settings in words."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from accounts.govuk_tables import NUMBER, GovukTable, govuk_attrs
from scorecards.manage_selectors import ScorecardSettingsRow


class ScorecardSettingsTable(GovukTable):
    title = tables.Column(verbose_name="Scorecard")
    year_start = tables.Column(verbose_name="Year starts")
    dot_basis = tables.Column(verbose_name="Direction of travel")
    arrows = tables.Column(verbose_name="Arrows")
    published = tables.Column(verbose_name="Published")
    deadline = tables.Column(verbose_name="Month-end deadline")
    owners = tables.Column(verbose_name="Owners")
    sections = tables.Column(verbose_name="Sections", attrs=NUMBER)
    indicators = tables.Column(verbose_name="Indicators", attrs=NUMBER)

    class Meta(GovukTable.Meta):
        template_name = "scorecards/manage/includes/scorecard_table.html"
        attrs = govuk_attrs("app-manage-table")
        empty_text = "There are no scorecards yet."


    def render_title(self, record: ScorecardSettingsRow) -> str:
        href = reverse("scorecards:manage_scorecard", kwargs={"slug": record.slug})
        return format_html('<a class="govuk-link" href="{}">{}</a>', href, record.title)
