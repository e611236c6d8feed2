"""The vocabulary of the computation module (DESIGN section 4).

Plain string enums so that values read from a workbook, stored by Django or written to
JSON compare equal to the enum members without conversion.
"""

from enum import StrEnum


class Polarity(StrEnum):
    """What good performance is (the printed "GOOD PERF IS" column)."""

    HIGH = "High"
    LOW = "Low"
    INFO = "Info"
    WITHIN_LIMITS = "Within Limits"


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Unit(StrEnum):
    COUNT = "count"
    PERCENTAGE = "percentage"
    RATE = "rate"
    AVERAGE = "average"
    DAYS = "days"
    NUMBER = "number"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    TERMLY = "termly"
    ANNUAL = "annual"


class YtdMethod(StrEnum):
    SUM = "sum"
    RATIO = "ratio"
    MEAN = "mean"
    LATEST = "latest"
    NONE = "none"


class DotBasis(StrEnum):
    MONTH = "month"
    YEAR = "year"


class ArrowConvention(StrEnum):
    PERFORMANCE = "performance"
    MOVEMENT = "movement"


class Mark(StrEnum):
    """Government Statistical Service shorthand (DESIGN 4.6)."""

    PROVISIONAL = "[p]"
    REVISED = "[r]"
    NOT_AVAILABLE = "[x]"
    NOT_APPLICABLE = "[z]"
    CONFIDENTIAL = "[c]"


# Marks that stand in place of a value (a row holding one has no numerator or denominator).
VALUE_MARKS = (Mark.NOT_AVAILABLE, Mark.NOT_APPLICABLE, Mark.CONFIDENTIAL)
