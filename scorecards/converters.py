import re

from scorecards.compute.periods import Month
from scorecards.downloads import DOWNLOADS


class MonthConverter:
    """`2020-12` in a URL, as a Month."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> Month:
        try:
            return Month.parse(value)
        except ValueError as error:
            raise ValueError(str(error)) from error

    def to_url(self, value: Month | str) -> str:
        return str(value)


class DownloadNameConverter:
    """Only the four download file names: any other last segment under a month (a page typed
    without its slash) falls through to Django's usual redirect to the slashed URL."""

    regex = "|".join(re.escape(name) for name in DOWNLOADS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
