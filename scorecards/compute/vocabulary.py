"""Every set of choices the application knows, with the words people read, in their order.

One home for each vocabulary: models, the workbook validator, presentation, template tags and
exports all import from here. Members are plain string enums, so values read from a workbook,
stored by Django or written to JSON compare equal to them without conversion; `label` is what a
person reads (a form's option, a key, a column heading). No Django here (docs/architecture.md).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from enum import StrEnum


class Choice(StrEnum):
    """A string enum whose members carry a label: `HIGH = "High", "High: higher is better"`."""

    label: str

    def __new__(cls, value: str, label: str | None = None) -> Choice:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label if label is not None else value
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs in order, as Django's `choices` wants them."""
        return [(member.value, member.label) for member in cls]

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {member.value: member.label for member in cls}


class Polarity(Choice):
    """What good performance is (the printed "GOOD PERF IS" column)."""

    HIGH = "High", "High"
    LOW = "Low", "Low"
    INFO = "Info", "Info"
    WITHIN_LIMITS = "Within Limits", "Within Limits"


class Rag(Choice):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Unit(Choice):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate", "Rate"
    AVERAGE = "average", "Average"
    DAYS = "days", "Days"
    NUMBER = "number", "Number"


class Frequency(Choice):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    TERMLY = "termly", "Termly"
    ANNUAL = "annual", "Annual"


class PublicationFrequency(Choice):
    """How often a scorecard is published (a scorecard setting; an indicator's own is `Frequency`)."""

    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


# The scorecard list files each scorecard under the heading of its publication frequency, in
# this order: an annual report is not a monthly scorecard.
PUBLICATION_FREQUENCY_HEADINGS: dict[PublicationFrequency, str] = {
    PublicationFrequency.MONTHLY: "Monthly performance scorecards",
    PublicationFrequency.QUARTERLY: "Quarterly performance scorecards",
    PublicationFrequency.ANNUAL: "Annual reports",
}


class YtdMethod(Choice):
    SUM = "sum", "Sum"
    RATIO = "ratio", "Ratio"
    MEAN = "mean", "Mean"
    LATEST = "latest", "Latest"
    NONE = "none", "None"


class DotBasis(Choice):
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class ArrowConvention(Choice):
    PERFORMANCE = "performance", "Performance"
    MOVEMENT = "movement", "Movement"


@dataclass(frozen=True)
class SettingWords:
    """A scorecard setting as the management screens put it to a council officer: the stored
    value's label above is the workbook's word; these say what choosing it means."""

    name: str  # "Month on month"
    meaning: str  # "each month is compared with the month before"


DOT_BASIS_WORDS: dict[DotBasis, SettingWords] = {
    DotBasis.MONTH: SettingWords("Month on month", "each month is compared with the month before"),
    DotBasis.YEAR: SettingWords("Year on year", "each month is compared with the same month a year before"),
}
ARROW_CONVENTION_WORDS: dict[ArrowConvention, SettingWords] = {
    ArrowConvention.PERFORMANCE: SettingWords(
        "By performance", "an up arrow means better, whichever way the numbers moved"),
    ArrowConvention.MOVEMENT: SettingWords(
        "By the numbers", "an up arrow means the figure went up, whether that is better or worse"),
}
# An indicator's settings as the management screens put them (the workbook's words are the labels).
POLARITY_WORDS: dict[Polarity, SettingWords] = {
    Polarity.HIGH: SettingWords("Higher is better", "a rise is an improvement"),
    Polarity.LOW: SettingWords("Lower is better", "a fall is an improvement"),
    Polarity.INFO: SettingWords("For information", "neither a rise nor a fall is better in itself"),
    Polarity.WITHIN_LIMITS: SettingWords("Within limits", "a figure inside a range is good"),
}
UNIT_WORDS: dict[Unit, SettingWords] = {
    Unit.COUNT: SettingWords("Count", "a number of people or things, never below zero"),
    Unit.PERCENTAGE: SettingWords("Percentage", "from 0 to 100, shown with %"),
    Unit.RATE: SettingWords("Rate per 10,000", "never below zero"),
    Unit.AVERAGE: SettingWords("Average", "may be below zero"),
    Unit.DAYS: SettingWords("Number of days", "never below zero"),
    Unit.NUMBER: SettingWords("Number", "any other figure; may be below zero"),
}
YTD_METHOD_WORDS: dict[YtdMethod, SettingWords] = {
    YtdMethod.SUM: SettingWords("Total", "the year's figures added up: counts in the month"),
    YtdMethod.RATIO: SettingWords("Ratio of totals", "the year's numerators over its denominators: percentages and rates built from counts"),
    YtdMethod.MEAN: SettingWords("Average", "the average of the year's figures"),
    YtdMethod.LATEST: SettingWords("Latest", "the latest figure of the year: positions at month end"),
    YtdMethod.NONE: SettingWords("None", "no year-to-date figure: snapshots and rolling figures"),
}
# The month a reporting year starts in, by number (4 = April), as a person reads it.
MONTH_NAMES: dict[int, str] = {number: calendar.month_name[number] for number in range(1, 13)}


class ObservationStatus(Choice):
    PROVISIONAL = "provisional", "Provisional"
    FINAL = "final", "Final"


class Mark(Choice):
    """Government Statistical Service shorthand (docs/rules.md, data-quality marks)."""

    PROVISIONAL = "[p]", "provisional: the figure may change"
    REVISED = "[r]", "revised since it was first published"
    NOT_AVAILABLE = "[x]", "not available"
    NOT_APPLICABLE = "[z]", "not applicable"
    CONFIDENTIAL = "[c]", "confidential: suppressed because it could identify a child"


# Marks that stand in place of a value (a row holding one has no numerator or denominator).
VALUE_MARKS = (Mark.NOT_AVAILABLE, Mark.NOT_APPLICABLE, Mark.CONFIDENTIAL)


class CommentaryKind(Choice):
    DEFINITION = "definition", "Definition"
    SIGNIFICANT_CHANGES = "significant_changes", "Significant changes and concerns"
    COMMENTARY = "commentary", "Commentary"
    EXCEPTION = "exception", "Exception (why red and what is being done)"


class ColumnView(Choice):
    """Which groups of the scorecard's columns the members' page shows beside the indicator
    (`?columns=` in its URL). Print always shows every column."""

    FIGURES = "figures", "Figures and performance"
    TARGETS = "targets", "Targets and tolerances"
    TREND = "trend", "Year on year"
    BENCHMARKS = "benchmarks", "Benchmarks"
    ALL = "all", "All columns"


class TargetKind(Choice):
    """What a target's three cells amount to (docs/rules.md, tolerances)."""

    BANDS = "bands", "Bands"
    NONE = "none", "No target"
    WORDS = "words", "Target in words"


class BenchmarkMeasure(Choice):
    """The measures the scorecard prints in its benchmark columns; any other label is kept too."""

    STAT_NEIGHBOUR_AVERAGE = "stat_neighbour_average", "Statistical neighbour average"
    BEST_STAT_NEIGHBOUR = "best_stat_neighbour", "Best statistical neighbour"
    NATIONAL_AVERAGE = "national_average", "National average"
    NATIONAL_TOP_QUARTILE = "national_top_quartile", "National top quartile threshold"


def benchmark_label(measure: str) -> str:
    """A standard measure's label, or another comparator's name as written."""
    return BenchmarkMeasure.labels().get(measure, measure)


# -- direction of travel (docs/rules.md, direction of travel)


class Movement(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


class Judgement(StrEnum):
    IMPROVED = "improved"
    DECLINED = "declined"
    UNCHANGED = "unchanged"


class Qualifier(StrEnum):
    WITHIN_TARGET = "within_target"
    NOT_ON_TARGET = "not_on_target"


class Arrow(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


class Colour(StrEnum):
    NEUTRAL = "neutral"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class DotState(StrEnum):
    INCREASE = "increase"
    STABLE = "stable"
    DECREASE = "decrease"
    IMPROVEMENT = "improvement"
    DECLINE_WITHIN_TARGET = "decline_within_target"
    DECLINE_NOT_ON_TARGET = "decline_not_on_target"
    DECLINE = "decline"
    NO_MOVEMENT_WITHIN_TARGET = "no_movement_within_target"
    NO_MOVEMENT_NOT_ON_TARGET = "no_movement_not_on_target"
    NO_MOVEMENT = "no_movement"


@dataclass(frozen=True)
class StateKey:
    """How a state is shown: its words (shown, or the arrow's accessible name), arrow and colour."""

    words: str
    performance_arrow: Arrow
    colour: Colour


# The published DOT key (the first nine) plus two states for indicators without a target.
STATES: dict[DotState, StateKey] = {
    DotState.INCREASE: StateKey("increase in numbers (no good or bad performance)", Arrow.UP, Colour.NEUTRAL),
    DotState.STABLE: StateKey("stable with last period (no good or bad performance)", Arrow.FLAT, Colour.NEUTRAL),
    DotState.DECREASE: StateKey("decrease in numbers (no good or bad performance)", Arrow.DOWN, Colour.NEUTRAL),
    DotState.IMPROVEMENT: StateKey("improvement in performance", Arrow.UP, Colour.GREEN),
    DotState.DECLINE_WITHIN_TARGET: StateKey(
        "decline in performance but still within limits of target", Arrow.DOWN, Colour.AMBER
    ),
    DotState.DECLINE_NOT_ON_TARGET: StateKey("decline in performance, not on target", Arrow.DOWN, Colour.RED),
    DotState.DECLINE: StateKey("decline in performance", Arrow.DOWN, Colour.AMBER),
    DotState.NO_MOVEMENT_WITHIN_TARGET: StateKey("no movement but within limits of target", Arrow.FLAT, Colour.GREEN),
    DotState.NO_MOVEMENT_NOT_ON_TARGET: StateKey("no movement, not on target", Arrow.FLAT, Colour.RED),
    DotState.NO_MOVEMENT: StateKey("no movement", Arrow.FLAT, Colour.NEUTRAL),
}
