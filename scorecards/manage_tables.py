"""The management list of scorecards (django-tables2): one line per scorecard, its settings in words."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from scorecards.manage_selectors import ScorecardSettingsRow
from scorecards.month_end_table import NUMBER


class ScorecardSettingsTable(tables.Table):
    title = tables.Column(verbose_name="Scorecard")
    year_start = tables.Column(verbose_name="Year starts")
    dot_basis = tables.Column(verbose_name="Direction of travel")
    arrows = tables.Column(verbose_name="Arrows")
    published = tables.Column(verbose_name="Published")
    deadline = tables.Column(verbose_name="Month-end deadline")
    owners = tables.Column(verbose_name="Owners")
    sections = tables.Column(verbose_name="Sections", attrs=NUMBER)
    indicators = tables.Column(verbose_name="Indicators", attrs=NUMBER)

    class Meta:
        template_name = "scorecards/manage/includes/scorecard_table.html"
        orderable = False
        attrs = {
            "class": "govuk-table app-manage-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "scope": "col"},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {"class": "govuk-table__row"}
        empty_text = "There are no scorecards yet."

    def __init__(self, data: list[ScorecardSettingsRow], caption: str) -> None:
        super().__init__(data)
        self.caption = caption

    def render_title(self, record: ScorecardSettingsRow) -> str:
        href = reverse("scorecards:manage_scorecard", kwargs={"slug": record.slug})
        return format_html('<a class="govuk-link" href="{}">{}</a>', href, record.title)
