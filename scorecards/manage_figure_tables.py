"""The lists of an indicator's outturns and benchmarks (django-tables2, GOV.UK markup): each row
with who changed it last and a link to change or delete it."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.timezone import localtime

from accounts.govuk_tables import NUMBER, GovukTable, govuk_attrs
from scorecards.manage_figure_selectors import BenchmarkRow, Changed, OutturnRow

TEMPLATE = "scorecards/manage/includes/scorecard_table.html"  # a heading over a region that scrolls sideways
CHANGED = {"td": {"class": "govuk-table__cell app-figure-table__changed"}}


def _changed(changed: Changed | None) -> str:
    if changed is None:
        return "Not recorded"
    return f"{changed.who}, {date_format(localtime(changed.when), 'j F Y')}"


def _change_link(href: str, hidden: str) -> str:
    return format_html('<a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden"> {}</span></a>',
                       href, hidden)


class OutturnTable(GovukTable):
    year = tables.Column(verbose_name="Reporting year")
    value = tables.Column(verbose_name="Outturn", attrs=NUMBER)
    changed = tables.Column(verbose_name="Last changed", empty_values=(), attrs=CHANGED)
    change = tables.Column(verbose_name="Change or delete", empty_values=(), accessor="year")

    class Meta(GovukTable.Meta):
        template_name = TEMPLATE
        attrs = govuk_attrs("app-manage-table app-figure-table")
        empty_text = "There are no outturns yet."

    def __init__(self, data, caption: str, indicator_id: int) -> None:
        super().__init__(data, caption)
        self.indicator_id = indicator_id

    def render_changed(self, record: OutturnRow) -> str:
        return _changed(record.changed)

    def render_change(self, record: OutturnRow) -> str:
        href = reverse("scorecards:manage_outturn", kwargs={"pk": self.indicator_id, "year": record.year_in_address})
        return _change_link(href, f"the outturn for {record.year}")


class BenchmarkTable(GovukTable):
    label = tables.Column(verbose_name="Measure")
    value = tables.Column(verbose_name="Value", attrs=NUMBER)
    year = tables.Column(verbose_name="Year")
    source = tables.Column(verbose_name="Source")
    changed = tables.Column(verbose_name="Last changed", empty_values=(), attrs=CHANGED)
    change = tables.Column(verbose_name="Change or delete", empty_values=(), accessor="benchmark_id")

    class Meta(GovukTable.Meta):
        template_name = TEMPLATE
        attrs = govuk_attrs("app-manage-table app-figure-table")
        empty_text = "There are no benchmarks yet."

    def __init__(self, data, caption: str, indicator_id: int) -> None:
        super().__init__(data, caption)
        self.indicator_id = indicator_id

    def render_label(self, record: BenchmarkRow) -> str:
        if record.standard:
            return record.label
        return format_html('{} <span class="govuk-body-s app-last-change">(another comparator)</span>', record.label)

    def render_changed(self, record: BenchmarkRow) -> str:
        return _changed(record.changed)

    def render_change(self, record: BenchmarkRow) -> str:
        href = reverse("scorecards:manage_benchmark", kwargs={"pk": self.indicator_id,
                                                               "benchmark_id": record.benchmark_id})
        return _change_link(href, f"the benchmark {record.label}")
