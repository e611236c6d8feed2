import re

from scorecards.compute.periods import Month
from scorecards.downloads import DOWNLOADS


class MonthConverter:
    """`2020-12` in a URL, as a Month: one of the months the application accepts (January 1990
    to December 2099, compute.periods), so `0001-01` or `9999-12` is a 404, never a 500."""

    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> Month:
        # ValueError (MonthOutOfRange outside the months accepted) is Django's 404.
        return Month.parse_accepted(value)

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
