"""django-tables2 in GOV.UK markup: one base for the site's list screens (users, month end, the
scorecards to manage), so each table states only its columns, its class and its empty text.

It lives in `accounts`, the lowest app, so that every app's tables may build on it.
"""

from __future__ import annotations

import django_tables2 as tables

# A numeric column: heading and cells aligned right, as GOV.UK tables align figures.
NUMBER = {"th": {"class": "govuk-table__header govuk-table__header--numeric", "scope": "col"},
          "td": {"class": "govuk-table__cell govuk-table__cell--numeric"}}


def govuk_attrs(table_class: str) -> dict:
    """The table's attributes: GOV.UK classes on every part, plus the table's own class."""
    return {
        "class": f"govuk-table {table_class}",
        "thead": {"class": "govuk-table__head"},
        "tbody": {"class": "govuk-table__body"},
        "th": {"class": "govuk-table__header", "scope": "col"},
        "td": {"class": "govuk-table__cell"},
    }


class GovukTable(tables.Table):
    """A table with a caption its template shows as the heading of its scroll region."""

    class Meta:
        orderable = False
        row_attrs = {"class": "govuk-table__row"}

    def __init__(self, data, caption: str) -> None:
        super().__init__(data)
        self.caption = caption
