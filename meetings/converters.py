import datetime

from scorecards.compute.periods import Month


class DayConverter:
    """`2021-03-02` in a URL, as a date: a real day in the months the application accepts
    (January 1990 to December 2099, as `scorecards.converters.MonthConverter`), so `2021-02-30`
    or `0001-01-01` is a 404, never a 500."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> datetime.date:
        # ValueError (an impossible day, or MonthOutOfRange) is Django's 404.
        Month.parse_accepted(value[:7])
        return datetime.date.fromisoformat(value)

    def to_url(self, value: datetime.date | str) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else value
