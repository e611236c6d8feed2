from scorecards.compute.periods import Month


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
