"""How a scorecard row is shown to members: words, arrows, shapes, filters and the summary line.

Pure functions over typed rows (`scorecards.figures.ScorecardRow`), so the page, the PDF and the
presentation workbook all say the same thing. No Django imports.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from dataclasses import dataclass, field, replace
from typing import Any

from scorecards.charts import TrendInput, trend_figure
from scorecards.compute import entry
from scorecards.compute.periods import Month, months_ending, reporting_year_label, reporting_year_start
from scorecards.compute.vocabulary import (
    STATES,
    BenchmarkMeasure,
    CommentaryKind,
    DotState,
    Frequency,
    Mark,
    Rag,
    benchmark_label,
)
from scorecards.figures import BenchmarkFigure, Dot, Figures, ScorecardRow, shown_periods
from scorecards.snapshot import IndicatorData, ScorecardData, to_decimal

ARROW_GLYPHS = {"up": "↑", "down": "↓", "flat": "→"}
# What each rating means, in the key of every output, in the order the key lists them.
RAG_MEANINGS = {
    Rag.GREEN: "meets the target",
    Rag.AMBER: "within the tolerance of the target",
    Rag.RED: "outside the tolerance",
}
# A different shape for each status, so a rating never rests on colour alone.
RAG_SHAPES = {"green": "●", "amber": "▲", "red": "■"}
UNIT_SUFFIXES = {"percentage": "%"}

GLOSSARY = {
    "DOT": "Direction of travel: whether performance improved, declined or stayed the same since the last period with a figure.",
    "RAG": "Red, amber or green: how the figure stands against its target and tolerances.",
    "RAG in month": "The rating of the latest period's figure.",
    "RAG year end": "The rating of the year's figure so far (year to date), or of the year's outturn at the year end.",
    "Month after a rating": "\"Red, Dec-20\": the rating (or direction of travel) is of that month's figure. The month shown has no figure, so the latest earlier figure is rated.",
    "YTD": "Year to date: the reporting year (April to March) up to this month.",
    "Outturn": "The figure for a whole reporting year.",
    "Statistical neighbours": "Councils with similar populations and needs, used for comparison by the Department for Education.",
    "Top quartile": "The threshold of the best-performing quarter of councils nationally.",
    "Good performance is": "High: higher is better. Low: lower is better. Info: no good or bad, for information. Within Limits: a range is good.",
}


def figure_text(value: str | None, unit: str) -> str:
    """A figure as printed: `36.8%`, `607`, or `-` where there is none."""
    if value is None:
        return "-"
    return f"{value}{UNIT_SUFFIXES.get(unit, '')}"


@dataclass(frozen=True)
class DotDisplay:
    state: str
    words: str
    glyph: str
    colour: str


def dot_display(dot: Dot) -> DotDisplay | None:
    if not dot.state:
        return None
    return DotDisplay(
        state=dot.state,
        words=dot.words or STATES[DotState(dot.state)].words,
        glyph=ARROW_GLYPHS[dot.arrow],
        colour=dot.colour or STATES[DotState(dot.state)].colour,
    )


def dot_key() -> list[DotDisplay]:
    """All ten states with their words, arrows and colours, for the key."""
    return [
        DotDisplay(state=state.value, words=key.words, glyph=ARROW_GLYPHS[key.performance_arrow], colour=key.colour)
        for state, key in STATES.items()
    ]


def headline_rag(row: ScorecardRow) -> str | None:
    """The rating members see first: in month, else year end (sum indicators are rated on the year)."""
    return row.figures.rag_in_month or row.figures.rag_year_end


def is_exception(row: ScorecardRow, previous: Figures | None) -> bool:
    """The one definition (`compute.entry.is_exception`) applied to a row and the month before."""
    figures = row.figures
    return entry.is_exception(
        figures.rag_in_month,
        figures.rag_year_end,
        figures.dot.judgement,
        previous.dot.judgement if previous is not None else None,
    )


@dataclass(frozen=True)
class Filters:
    section: str = ""
    rag: str = ""  # red, amber, green or "none"
    dot: str = ""  # a DOT state, or "none"
    exceptions: bool = False

    @property
    def active(self) -> bool:
        return bool(self.section or self.rag or self.dot or self.exceptions)


def filter_rows(
    rows: Sequence[ScorecardRow], previous: Mapping[str, Figures | None], filters: Filters
) -> list[ScorecardRow]:
    kept = []
    for row in rows:
        if filters.section and row.section != filters.section:
            continue
        if filters.rag and (headline_rag(row) or "none") != filters.rag:
            continue
        if filters.dot and (row.figures.dot.state or "none") != filters.dot:
            continue
        if filters.exceptions and not is_exception(row, previous.get(row.number)):
            continue
        kept.append(row)
    return kept


@dataclass(frozen=True)
class RatedMonth:
    """The month a row's RAG in month and DOT rate, where it is not the month shown.

    By the current-period rule (docs/rules.md) a row with no figure for the month shown is
    rated on its latest earlier figure; every output names that month beside the rating.
    """

    abbreviation: str  # "Dec-20", beside the rating
    long_name: str  # "December 2020", in the words a screen reader says


def earlier_month(current_period: str | None, as_at: Month) -> RatedMonth | None:
    if current_period is None or current_period == str(as_at):
        return None
    month = Month.parse(current_period)
    return RatedMonth(month.abbreviation(), month.long_name())


def rated_month(row: ScorecardRow, as_at: Month) -> RatedMonth | None:
    return earlier_month(row.figures.current_period, as_at)


def rated_on_missing_figure(row: ScorecardRow, as_at: Month, year_start_month: int) -> bool:
    """Rated in month on an earlier month's figure although the month shown had a figure due.

    For a quarterly, termly or annual indicator an earlier month's rating is the normal case
    between its months, so it is not counted apart in the summary.
    """
    return (
        row.figures.rag_in_month is not None
        and rated_month(row, as_at) is not None
        and entry.figure_due(as_at, Frequency(row.frequency), year_start_month)
    )


@dataclass(frozen=True)
class Summary:
    indicators: int
    with_target: int
    green: int
    amber: int
    red: int
    no_target: int
    improved: int
    declined: int
    unchanged: int
    not_judged: int
    # Of the green, amber and red counts: rated on an earlier month's figure although the
    # month shown had a figure due (rated_on_missing_figure).
    earlier: Mapping[str, int] = field(default_factory=dict)

    @property
    def unrated(self) -> int:
        """With a target but no figure to rate this month."""
        return self.with_target - self.green - self.amber - self.red

    def ratings_sentence(self) -> str:
        """"17 indicators. 12 have a target: 3 green, 2 amber, 7 red, 2 of them on an earlier month's figure. ..."""
        parts = []
        for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
            count = getattr(self, rag.value)
            earlier = self.earlier.get(rag.value, 0)
            parts.append(f"{count} {rag.value}" + (f" ({earlier} of them on an earlier month's figure)" if earlier else ""))
        if self.unrated:
            parts.append(f"{self.unrated} with no figure to rate")
        return (
            f"{_count(self.indicators, 'indicator', 'indicators')}. "
            f"{self.with_target} {_count_verb(self.with_target)} a target: {', '.join(parts)}. "
            f"{self.no_target} {_count_verb(self.no_target)} no target."
        )

    def direction_sentence(self) -> str:
        return (
            f"Since the last period: {self.improved} improved, {self.declined} declined, {self.unchanged} stayed "
            f"the same, {self.not_judged} not judged (information only or nothing to compare)."
        )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _count_verb(number: int) -> str:
    return "has" if number == 1 else "have"


def summarise(rows: Iterable[ScorecardRow], as_at: Month, year_start_month: int) -> Summary:
    """The summary line: targets and ratings, then direction of travel."""
    rows = list(rows)
    banded = [row for row in rows if row.target and row.target.kind == "bands"]
    rated = Counter(headline_rag(row) for row in banded)
    earlier = Counter(
        str(row.figures.rag_in_month) for row in banded if rated_on_missing_figure(row, as_at, year_start_month)
    )
    judged = Counter(row.figures.dot.judgement for row in rows)
    with_target = sum(rated.values())
    return Summary(
        indicators=len(rows),
        with_target=with_target,
        green=rated["green"],
        amber=rated["amber"],
        red=rated["red"],
        no_target=len(rows) - with_target,
        improved=judged["improved"],
        declined=judged["declined"],
        unchanged=judged["unchanged"],
        not_judged=len(rows) - judged["improved"] - judged["declined"] - judged["unchanged"],
        earlier=dict(earlier),
    )


@dataclass(frozen=True)
class CellFigure:
    period: str
    text: str
    marks: tuple[str, ...]
    value: Decimal | None = None  # the figure the text shows, for outputs that hold numbers


@dataclass(frozen=True)
class ChangedMark:
    """The live page's mark on a figure that differs from the one a meeting saw (DESIGN 4.6):
    "changed since presented to Corporate Parenting Panel, 2 March 2021". Only the page draws it;
    the PDF and the Excel file never get one (`with_changed_marks` is applied by the page alone)."""

    period: str  # the month of the figure marked, "2020-12"
    committee: str
    meeting_date: datetime.date
    then: str  # the figure as presented, as printed ("615", "12.5%", "no figure")

    @property
    def meeting(self) -> str:
        """"Corporate Parenting Panel, 2 March 2021"."""
        return f"{self.committee}, {self.meeting_date.day} {self.meeting_date:%B %Y}"

    @property
    def words(self) -> str:
        return f"changed since presented to {self.meeting}"


@dataclass(frozen=True)
class DisplayRow:
    number: str
    name: str
    polarity: str
    data_note: str
    figures: tuple[CellFigure, ...]
    ytd: str
    ytd_incomplete: bool
    dot: DotDisplay | None
    rag_in_month: str | None
    rag_year_end: str | None
    target: tuple[str, str, str]
    target_words: str | None
    outturns: tuple[tuple[str, str], ...]
    benchmarks: tuple[tuple[str, str, str | None], ...]  # (label, figure, year)
    spark: tuple[tuple[str, Any], ...]  # (label, Decimal or None) for the last twelve periods
    band: tuple[Any, Any] | None  # the green zone of this year's target, for the sparkline
    unit: str
    # The figures behind the texts above, for outputs that hold numbers (the Excel file).
    decimals: int = 0
    ytd_value: Decimal | None = None
    outturn_values: tuple[Decimal | None, ...] = ()  # in the order of `outturns`
    benchmark_values: tuple[Decimal | None, ...] = ()  # in the order of `benchmarks`
    rated: RatedMonth | None = None  # the month the RAG in month and the DOT rate, if not the one shown
    latest: str = "-"  # the figure of the current period, as printed
    latest_period: str | None = None  # its month, "Dec-20"
    changed: ChangedMark | None = None  # live page only: differs from the figure presented

    @property
    def changed_off_table(self) -> bool:
        """A changed figure whose month has no column of its own (an annual figure of long
        ago): the mark goes beside the indicator's name instead."""
        return self.changed is not None and all(figure.period != self.changed.period for figure in self.figures)


def display_row(
    row: ScorecardRow, periods: Sequence[str], spark: Sequence[tuple[str, Any]], band: tuple[Any, Any] | None = None
) -> DisplayRow:
    unit = row.unit
    target = row.target
    figures = row.figures
    return DisplayRow(
        number=row.number,
        name=row.name,
        polarity=row.polarity,
        data_note=row.data_note,
        figures=tuple(
            CellFigure(p, figure_text(row.values.get(p), unit), row.marks.get(p, ()), to_decimal(row.values.get(p)))
            for p in periods
        ),
        ytd=figure_text(figures.ytd, unit),
        ytd_incomplete=figures.ytd_incomplete,
        dot=dot_display(figures.dot),
        rag_in_month=figures.rag_in_month,
        rag_year_end=figures.rag_year_end,
        target=(target.red or "", target.amber or "", target.green or "") if target else ("", "", ""),
        target_words=target.words if target else None,
        outturns=tuple((year, figure_text(value, unit)) for year, value in row.outturns.items()),
        benchmarks=tuple(
            (measure.label, figure_text(row.benchmarks[measure].value, unit), row.benchmarks[measure].year)
            if measure in row.benchmarks
            else (measure.label, "-", None)
            for measure in BenchmarkMeasure
        ),
        spark=tuple(spark),
        band=band,
        unit=unit,
        decimals=row.decimals,
        ytd_value=to_decimal(figures.ytd),
        outturn_values=tuple(to_decimal(value) for value in row.outturns.values()),
        benchmark_values=tuple(
            to_decimal(row.benchmarks[measure].value) if measure in row.benchmarks else None
            for measure in BenchmarkMeasure
        ),
        rated=rated_month(row, Month.parse(periods[-1])),
        latest=figure_text(row.current_value, unit),
        latest_period=Month.parse(figures.current_period).abbreviation() if figures.current_period else None,
    )


@dataclass(frozen=True)
class SectionGroup:
    title: str
    anchor: str
    rows: tuple[DisplayRow, ...]
    definition: str | None  # Markdown
    significant_changes: str | None  # Markdown


def with_changed_marks(groups: Sequence[SectionGroup], marks: Mapping[str, ChangedMark]) -> list[SectionGroup]:
    """The groups with each changed row (by indicator number) carrying its mark: the live page's
    rows only, after `section_groups`, so the shared rows of every output stay unmarked."""
    if not marks:
        return list(groups)
    return [
        replace(group, rows=tuple(
            replace(row, changed=marks[row.number]) if row.number in marks else row for row in group.rows
        ))
        for group in groups
    ]


def section_groups(data: ScorecardData, rows: Sequence[ScorecardRow], as_at: Month) -> list[SectionGroup]:
    """Rows grouped by section in the scorecard's order, each with its narratives as at the month.

    `data` is the ScorecardData the rows were built from (observations for the sparklines,
    targets for the band, commentary for the narratives).
    """
    year = reporting_year_label(as_at, data.year_start_month)
    periods = shown_periods(as_at)
    spark_months = [(str(m), m.abbreviation()) for m in months_ending(as_at, 12)]
    by_number = {indicator.number: indicator for indicator in data.indicators}
    narratives: dict[tuple[str, str], str] = {}
    for note in sorted(data.commentary, key=lambda n: n.period):
        if note.section and note.period <= str(as_at):
            narratives[(note.section, note.kind)] = note.text  # the latest at or before the month wins
    grouped: dict[str | None, list[DisplayRow]] = {}
    for row in rows:
        indicator = by_number[row.number]
        observations = indicator.observations
        spark = [
            (label, to_decimal(observations[period].value) if period in observations else None)
            for period, label in spark_months
        ]
        tolerance = indicator.tolerance_for(year)
        band = tolerance.green_zone() if tolerance is not None else None
        grouped.setdefault(row.section, []).append(display_row(row, periods, spark, band))
    order = [*data.sections, None]
    return [
        SectionGroup(
            title=title or "Other indicators",
            anchor=f"section-{index}",
            rows=tuple(grouped[title]),
            definition=narratives.get((title, CommentaryKind.DEFINITION)) if title else None,
            significant_changes=narratives.get((title, CommentaryKind.SIGNIFICANT_CHANGES)) if title else None,
        )
        for index, title in enumerate(order, start=1)
        if title in grouped
    ]


def benchmark_sentences(
    value: str | None, benchmarks: Mapping[str, BenchmarkFigure], polarity: str, unit: str
) -> list[str]:
    """Where the current figure stands against each standard benchmark, in words.

    Better or worse follows the polarity; for Info and Within Limits indicators only higher or
    lower is said, since neither is good or bad.
    """
    if value is None:
        return []
    current = Decimal(value)
    sentences = []
    for measure, label in BenchmarkMeasure.labels().items():
        benchmark = benchmarks.get(measure)
        if not benchmark or benchmark.value is None:
            continue
        other = Decimal(benchmark.value)
        year = f", {benchmark.year}" if benchmark.year else ""
        compared = f"the {label.lower()} ({figure_text(benchmark.value, unit)}{year})"
        if current == other:
            sentences.append(f"The same as {compared}.")
            continue
        higher = current > other
        if polarity == "High":
            verdict = "Better than" if higher else "Worse than"
        elif polarity == "Low":
            verdict = "Worse than" if higher else "Better than"
        else:
            verdict = "Higher than" if higher else "Lower than"
        sentences.append(f"{verdict} {compared}.")
    return sentences


@dataclass(frozen=True)
class SeriesRow:
    period: str
    label: str
    value: str
    marks: tuple[str, ...]
    counts: str  # "54/615" where a numerator and denominator were given
    ytd: str
    dot: DotDisplay | None
    rag_in_month: str | None
    rated: RatedMonth | None = None  # where the DOT and RAG rate an earlier month's figure


def series_months(indicator: IndicatorData, months: Sequence[Month], start_month: int) -> list[Month]:
    """The months the indicator page's table and chart show: from the first month with a figure
    (a value or a mark in its place), so that a new indicator shows no empty year before its
    first figure; but the reporting year of the last month is always shown from its start, so
    its green zone is whole. Within ``months`` (oldest first), never beyond."""
    if not months:
        return []
    year_start = reporting_year_start(months[-1], start_month)
    first_figure = next(
        (
            month
            for month in months
            if (observation := indicator.observations.get(str(month))) is not None
            and (observation.value is not None or observation.mark)
        ),
        year_start,
    )
    start = max(min(first_figure, year_start), months[0])
    return [month for month in months if month >= start]


def series_rows(indicator: IndicatorData, computed: Mapping[str, Figures], months: Sequence[Month]) -> list[SeriesRow]:
    """The indicator's figures month by month, newest first: the chart's text alternative."""
    rows = []
    for month in reversed(months):
        period = str(month)
        observation = indicator.observations.get(period)
        figures = computed.get(period)
        marks = observation.marks() if observation else []
        counts = ""
        if observation and observation.numerator is not None and observation.denominator is not None:
            counts = f"{observation.numerator}/{observation.denominator}"
        rows.append(
            SeriesRow(
                period=period,
                label=month.abbreviation(),
                value=figure_text(observation.value if observation else None, indicator.unit),
                marks=tuple(marks),
                counts=counts,
                ytd=figure_text(figures.ytd if figures else None, indicator.unit),
                dot=dot_display(figures.dot) if figures else None,
                rag_in_month=figures.rag_in_month if figures else None,
                rated=earlier_month(figures.current_period, month) if figures else None,
            )
        )
    return rows


def ytd_by_year(
    computed: Mapping[str, Figures], months: Sequence[Month], start_month: int, unit: str
) -> list[tuple[str, str, str]]:
    """(reporting year, as at, YTD) for each reporting year in the months shown, newest first:
    the YTD at the year's last month shown."""
    latest: dict[str, Month] = {}
    for month in months:
        if str(month) in computed:
            latest[reporting_year_label(month, start_month)] = month
    return [
        (year, month.abbreviation(), figure_text(computed[str(month)].ytd, unit))
        for year, month in reversed(latest.items())
    ]


def trend_input(indicator: IndicatorData, months: Sequence[Month], start_month: int) -> TrendInput:
    """What the trend chart draws: the series, each reporting year's green zone, the benchmarks."""
    tolerances = indicator.tolerances()
    spans: dict[str, list[str]] = {}
    for month in months:
        spans.setdefault(reporting_year_label(month, start_month), []).append(str(month))
    bands = {}
    for year, periods in spans.items():
        tolerance = tolerances.get(year)
        zone = tolerance.green_zone() if tolerance is not None else None
        if zone is not None:
            bands[year] = (periods[0], periods[-1], zone)
    benchmarks = {
        f"{benchmark_label(measure)}{' ' + b['year'] if b.get('year') else ''}": Decimal(b["value"])
        for measure, b in indicator.benchmarks.items()
        if b.get("value") is not None
    }
    return TrendInput(
        periods=[str(m) for m in months],
        values=[
            Decimal(indicator.observations[str(m)].value)
            if str(m) in indicator.observations and indicator.observations[str(m)].value is not None
            else None
            for m in months
        ],
        target_bands=bands,
        benchmarks=benchmarks,
        title=f"{indicator.number} {indicator.name}",
        unit_suffix=UNIT_SUFFIXES.get(indicator.unit, ""),
    )


def indicator_details(
    indicator: IndicatorData,
    row: ScorecardRow,
    computed: Mapping[str, Figures],
    months: Sequence[Month],
    data: ScorecardData,
) -> dict[str, Any]:
    """Everything the indicator page says about one indicator, from its frozen or live data."""
    start_month = data.year_start_month
    tolerance = indicator.tolerance_for(reporting_year_label(months[-1], start_month))
    rated = rated_month(row, months[-1])
    months = series_months(indicator, months, start_month)
    return {
        "indicator": indicator,
        "row": row,
        "dot": dot_display(row.figures.dot),
        "rated": rated,
        "tolerance_words": tolerance.describe(indicator.unit) if tolerance else "no target set for this year",
        "series": series_rows(indicator, computed, months),
        "series_span": f"{months[0].long_name()} to {months[-1].long_name()}" if months else "",
        "ytd_years": ytd_by_year(computed, months, start_month, indicator.unit),
        "benchmark_sentences": benchmark_sentences(row.current_value, row.benchmarks, indicator.polarity, indicator.unit),
        "figure": trend_figure(trend_input(indicator, months, start_month)),
        "commentary": [note for note in data.commentary if note.number == indicator.number],
        "marks": Mark.labels(),
    }


# -- exceptions and the notes of each indicator (issue 11, item 3) ----------------------------------------------

RED_IN_MONTH = "Red in month"
RED_AT_YEAR_END = "Red at year end"
DECLINED_TWICE = "Declined in each of the last two periods"
NO_EXCEPTION_NOTE = "No exception note"


@dataclass(frozen=True)
class IndicatorNotes:
    """An indicator's commentary and exception note for one month (Markdown), either may be None."""

    commentary: str | None
    exception_note: str | None


def indicator_notes(data: ScorecardData, as_at: Month) -> dict[str, IndicatorNotes]:
    """Each indicator's notes written for the month shown, by number; indicators without any are left out.

    Read from `data.commentary`, the same source as the indicator page: a publication's frozen
    commentary, or the live notes. A note is for its own month: an older one is not carried on,
    since an exception note explains that month's red.
    """
    period = str(as_at)
    found: dict[str, dict[str, str]] = {}
    for note in data.commentary:
        if note.number and note.period == period and note.kind in (CommentaryKind.COMMENTARY, CommentaryKind.EXCEPTION):
            found.setdefault(note.number, {})[note.kind] = note.text
    return {
        number: IndicatorNotes(
            commentary=kinds.get(CommentaryKind.COMMENTARY) or None,
            exception_note=kinds.get(CommentaryKind.EXCEPTION) or None,
        )
        for number, kinds in found.items()
    }


@dataclass(frozen=True)
class ExceptionItem:
    """One exception of a scorecard as at a month: which indicator, why, and its exception note."""

    number: str
    name: str
    section: str | None
    reasons: tuple[str, ...]  # RED_IN_MONTH, RED_AT_YEAR_END, DECLINED_TWICE, in that order
    note: str | None  # the exception note for the month (Markdown), or None
    needs_note: bool  # red in month or at year end (compute.entry.needs_exception_note)

    @property
    def why(self) -> str:
        """The reasons in one phrase: "Red in month and at year end; declined in each of the last two periods"."""
        red = [reason for reason in self.reasons if reason in (RED_IN_MONTH, RED_AT_YEAR_END)]
        phrases = []
        if red == [RED_IN_MONTH, RED_AT_YEAR_END]:
            phrases.append("Red in month and at year end")
        else:
            phrases.extend(red)
        if DECLINED_TWICE in self.reasons:
            phrases.append(DECLINED_TWICE)
        text = "; ".join(phrase[0].lower() + phrase[1:] for phrase in phrases)
        return text[:1].upper() + text[1:]

    @property
    def note_missing(self) -> bool:
        """Red with no exception note: signing off the month is refused until one is written."""
        return self.needs_note and self.note is None


def exception_reasons(row: ScorecardRow, previous: Figures | None) -> tuple[str, ...]:
    """Why a row is an exception, in words; empty when it is not one (`is_exception` decides)."""
    if not is_exception(row, previous):
        return ()
    figures = row.figures
    reasons = []
    if figures.rag_in_month == Rag.RED:
        reasons.append(RED_IN_MONTH)
    if figures.rag_year_end == Rag.RED:
        reasons.append(RED_AT_YEAR_END)
    if figures.dot.judgement == "declined" and previous is not None and previous.dot.judgement == "declined":
        reasons.append(DECLINED_TWICE)
    return tuple(reasons)


def exceptions(
    rows: Iterable[ScorecardRow],
    previous: Mapping[str, Figures | None],
    notes: Mapping[str, IndicatorNotes],
) -> tuple[ExceptionItem, ...]:
    """Every exception of the scorecard in its order, with its exception note for the month.

    `rows` and `previous` are a `ScorecardView`'s; `notes` comes from `indicator_notes` over the
    same data, so a publication lists its frozen notes and live figures the live ones.
    """
    listed = []
    for row in rows:
        reasons = exception_reasons(row, previous.get(row.number))
        if not reasons:
            continue
        own = notes.get(row.number)
        listed.append(
            ExceptionItem(
                number=row.number,
                name=row.name,
                section=row.section,
                reasons=reasons,
                note=own.exception_note if own else None,
                needs_note=entry.needs_exception_note(row.figures.rag_in_month, row.figures.rag_year_end),
            )
        )
    return tuple(listed)


def missing_exception_notes(listed: Iterable[ExceptionItem]) -> tuple[ExceptionItem, ...]:
    """The reds with no exception note, for the warning staff see on live figures."""
    return tuple(item for item in listed if item.note_missing)


def missing_notes_words(count: int) -> str:
    """The warning staff see on live figures: "10 red ratings have no exception note"."""
    return f"{count} red rating{'' if count == 1 else 's'} {'has' if count == 1 else 'have'} no exception note"
