"""The month-end table (django-tables2): one line per owner of the month's rows."""

import django_tables2 as tables
from django.utils import timezone

from scorecards.month_end import OwnerProgress

NUMBER = {"th": {"class": "govuk-table__header govuk-table__header--numeric", "scope": "col"},
          "td": {"class": "govuk-table__cell govuk-table__cell--numeric"}}


def submitted_words(progress: OwnerProgress) -> str:
    if progress.reopened:
        return f"Reopened: {', '.join(progress.reopened)} changed after submitting"
    if progress.all_submitted and progress.last_submitted is not None:
        when = timezone.localtime(progress.last_submitted)
        return f"Submitted {when.day} {when:%B %Y} at {when:%H:%M}"
    if progress.submitted:
        return f"{progress.submitted} of {progress.indicators} submitted"
    return "Not submitted"


class MonthEndTable(tables.Table):
    owner = tables.Column(verbose_name="Owner")
    indicators = tables.Column(verbose_name="Indicators", attrs=NUMBER)
    not_due = tables.Column(verbose_name="No figure due", attrs=NUMBER)
    entered = tables.Column(verbose_name="Figures entered", attrs=NUMBER)
    missing = tables.Column(verbose_name="Missing", attrs=NUMBER)
    provisional = tables.Column(verbose_name="Provisional", attrs=NUMBER)
    notes_missing = tables.Column(verbose_name="Red with no exception note", empty_values=())
    submitted = tables.Column(verbose_name="Submitted", empty_values=())

    class Meta:
        template_name = "scorecards/includes/month_end_table.html"
        orderable = False
        attrs = {
            "class": "govuk-table app-month-end-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "scope": "col"},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {"class": "govuk-table__row"}
        empty_text = "This scorecard has no indicators."

    def __init__(self, data, caption: str) -> None:
        super().__init__(data)
        self.caption = caption

    def render_notes_missing(self, value: tuple[str, ...]) -> str:
        return ", ".join(value) if value else "none"

    def render_submitted(self, record: OwnerProgress) -> str:
        return submitted_words(record)
