"""The target screens' lists (django-tables2): an indicator's targets by year, and a year's drafts to review."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.govuk_tables import GovukTable, govuk_attrs
from scorecards.manage_target_selectors import DraftRow, TargetRow, year_slug

TEMPLATE = "scorecards/manage/includes/scorecard_table.html"  # the heading outside the scroll region


class CellColumn(tables.Column):
    """A tolerance cell as printed; an empty one as "-"."""

    def __init__(self, verbose_name: str) -> None:
        # Never broken inside: "<90%" stays whole.
        super().__init__(verbose_name=verbose_name, empty_values=(),
                         attrs={"td": {"class": "govuk-table__cell app-printed-cell"}})

    def render(self, value: str) -> str:
        return value or "-"


class TargetTable(GovukTable):
    year = tables.Column(verbose_name="Year")
    red = CellColumn("Red")
    amber = CellColumn("Amber")
    green = CellColumn("Green")
    words = tables.Column(verbose_name="In words")
    draft = tables.Column(verbose_name="Status")
    last_change = tables.Column(verbose_name="Last changed", empty_values=())
    change = tables.Column(verbose_name="Change", empty_values=(), accessor="pk")

    class Meta(GovukTable.Meta):
        template_name = TEMPLATE
        attrs = govuk_attrs("app-manage-table app-target-table")
        empty_text = "This indicator has no targets yet: without one a year gives no RAG rating."

    def __init__(self, data, caption: str, indicator_id: int) -> None:
        super().__init__(data, caption)
        self.indicator_id = indicator_id

    def render_draft(self, value: bool) -> str:
        if value:
            return mark_safe('<strong class="govuk-tag govuk-tag--yellow">Draft</strong>')
        return mark_safe('<strong class="govuk-tag govuk-tag--green">Confirmed</strong>')

    def render_last_change(self, record: TargetRow) -> str:
        change = record.last_change
        if change is None:
            return "-"
        when = dateformat.format(timezone.localtime(change.when), "j F Y")
        return format_html("{} on {}{}", change.who, when, f": {change.what}" if change.what else "")

    def render_change(self, record: TargetRow) -> str:
        href = reverse("scorecards:manage_target", kwargs={"pk": self.indicator_id, "year": record.slug})
        return format_html('<a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> the target '
                           'for {}</span></a>', href, record.year)


class DraftTable(GovukTable):
    number = tables.Column(verbose_name="Indicator")
    red = CellColumn("Red")
    amber = CellColumn("Amber")
    green = CellColumn("Green")
    words = tables.Column(verbose_name="In words")
    actions = tables.Column(verbose_name="Review", empty_values=(), accessor="pk")

    class Meta(GovukTable.Meta):
        template_name = TEMPLATE
        attrs = govuk_attrs("app-manage-table app-target-table")
        empty_text = "There are no draft targets for this year."

    def __init__(self, data, caption: str, year: str) -> None:
        super().__init__(data, caption)
        self.year = year

    def render_number(self, record: DraftRow) -> str:
        return format_html("{} <span class=\"govuk-body-s\">{}</span>", record.number, record.name)

    def render_actions(self, record: DraftRow) -> str:
        edit = reverse("scorecards:manage_target", kwargs={"pk": record.indicator_id, "year": year_slug(self.year)})
        return format_html(
            '<button type="submit" name="confirm" value="{}" class="govuk-button govuk-button--secondary '
            'govuk-!-margin-bottom-1" data-module="govuk-button">Confirm<span class="govuk-visually-hidden"> the '
            'target of {}</span></button> <a class="govuk-link" href="{}?from=review">Edit<span '
            'class="govuk-visually-hidden"> the target of {}</span></a>',
            record.pk, record.number, edit, record.number)
