"""The month-end table (django-tables2): one line per owner of the month's rows."""

import django_tables2 as tables
from django.utils import timezone

from accounts.govuk_tables import NUMBER, GovukTable, govuk_attrs
from scorecards.month_end import OwnerProgress



def submitted_words(progress: OwnerProgress) -> str:
    if progress.reopened:
        return f"Reopened: {', '.join(progress.reopened)} changed after submitting"
    if progress.all_submitted and progress.last_submitted is not None:
        when = timezone.localtime(progress.last_submitted)
        return f"Submitted {when.day} {when:%B %Y} at {when:%H:%M}"
    if progress.submitted:
        return f"{progress.submitted} of {progress.indicators} submitted"
    return "Not submitted"


class MonthEndTable(GovukTable):
    owner = tables.Column(verbose_name="Owner")
    indicators = tables.Column(verbose_name="Indicators", attrs=NUMBER)
    not_due = tables.Column(verbose_name="No figure due", attrs=NUMBER)
    entered = tables.Column(verbose_name="Figures entered", attrs=NUMBER)
    missing = tables.Column(verbose_name="Missing", attrs=NUMBER)
    provisional = tables.Column(verbose_name="Provisional", attrs=NUMBER)
    notes_missing = tables.Column(verbose_name="Red with no exception note", empty_values=())
    submitted = tables.Column(verbose_name="Submitted", empty_values=())

    class Meta(GovukTable.Meta):
        template_name = "scorecards/includes/month_end_table.html"
        attrs = govuk_attrs("app-month-end-table")
        empty_text = "This scorecard has no indicators."


    def render_notes_missing(self, value: tuple[str, ...]) -> str:
        return ", ".join(value) if value else "none"

    def render_submitted(self, record: OwnerProgress) -> str:
        return submitted_words(record)
