"""Charts for the scorecard (docs/architecture.md, benchmarks and trend): a sparkline per row and a trend chart per indicator.

Pure functions: no Django, no database. The sparkline is server-side SVG so the scorecard
needs no JavaScript; it carries no ``style`` attribute or element because the site's
content security policy forbids inline styles, so colours are presentation attributes.
The trend chart is a plotly figure as a plain dict for a ``<script type="application/json">``.

Figures stay Decimal throughout. SVG coordinates are computed in Decimal and written with
at most one decimal place; plotly is given floats only in ``trend_figure``'s final step,
because plotly.js reads JSON numbers.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

import plotly.graph_objects as go

from scorecards.compute.periods import Month

# GOV.UK palette.
SPARK_LINE_COLOUR = "#0b0c0c"
SPARK_BAND_COLOUR = "#cce2d8"
SPARK_DOT_COLOUR = "#1d70b8"
TREND_LINE_COLOUR = "#1d70b8"
TREND_BENCHMARK_COLOUR = "#505a5f"
TREND_BAND_COLOUR = "#cce2d8"
TREND_TEXT_COLOUR = "#0b0c0c"
TREND_GRID_COLOUR = "#b1b4b6"
FONT_FAMILY = "system-ui, sans-serif"

# Room at every edge for the latest-point dot, so it is never cut off.
SPARK_MARGIN = Decimal(3)
SPARK_DOT_RADIUS = Decimal("2.5")
# An isolated figure (gaps either side) has no line to draw, so it gets a small dot instead.
SPARK_ISOLATED_RADIUS = Decimal("1.5")
SPARK_STROKE_WIDTH = Decimal("1.5")

# Benchmarks share one grey, so each gets its own dash pattern to tell them apart.
BENCHMARK_DASHES = ("dash", "dashdot", "longdashdot", "longdash")

# The trend chart's title wraps onto as many lines as it needs (plotly cuts a long title off).
# The server wraps for a narrow chart (a 320 px window); the page's script re-wraps to the
# chart's real width and on every resize, from the unwrapped title in ``layout.meta``.
TITLE_FONT_SIZE = 16
TITLE_LINE_HEIGHT = 22  # plotly sets title lines 1.3em apart: 20.8 px at 16 px
TITLE_PAD_TOP = 8
TITLE_GAP = 16  # between the title's last line and the plot area
TITLE_WRAP_CHARACTERS = 30  # about 280 px of 16 px text: a 320 px window less the page's margins

_ONE_PLACE = Decimal("0.1")
# Plenty of digits that a chart's scaling never loses one before the final rounding.
_CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP)

Band = tuple[Decimal | None, Decimal | None]


@dataclass(frozen=True)
class SparkPoint:
    label: str  # the month as the council prints it, e.g. "Dec-20" (Month.abbreviation())
    value: Decimal | None  # None: no figure that month, a gap in the line


@dataclass(frozen=True)
class TrendInput:
    periods: Sequence[str]  # ISO months "2020-01", oldest first
    values: Sequence[Decimal | None]
    # year label -> (first period, last period, green zone (low, high)); None is unbounded
    target_bands: Mapping[str, tuple[str, str, Band]]
    benchmarks: Mapping[str, Decimal]  # "National average 2018/19" -> value
    title: str
    unit_suffix: str = ""  # "%" for percentages


# --- sparkline ----------------------------------------------------------------------------


def _coordinate(value: Decimal) -> str:
    """At most one decimal place; whole numbers without the ``.0``."""
    rounded = value.quantize(_ONE_PLACE, rounding=ROUND_HALF_UP, context=_CONTEXT)
    if rounded.is_zero():
        # "-0.0" would be a valid coordinate but reads as a bug.
        rounded = rounded.copy_abs()
    if rounded == rounded.to_integral_value():
        return format(rounded.quantize(Decimal(1)), "f")
    return format(rounded, "f")


def _finite_bound(bound: Decimal | None) -> Decimal | None:
    """An infinite bound means the same as None: the green zone is open on that side."""
    if bound is None or bound.is_infinite():
        return None
    if bound.is_nan():
        raise ValueError("a target band bound must be a number, not NaN")
    return bound


def _checked_band(band: Band | None) -> Band | None:
    if band is None:
        return None
    low, high = (_finite_bound(bound) for bound in band)
    if low is not None and high is not None and low > high:
        raise ValueError(f"target band low {low} is above its high {high}")
    return low, high


def _checked_value(value: Decimal | None) -> Decimal | None:
    if value is not None and not value.is_finite():
        raise ValueError(f"a figure must be a finite number, not {value}")
    return value


def _svg_open(width: int, height: int, aria_label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-sparkline" role="img" '
        f'aria-label="{html.escape(aria_label)}" focusable="false" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    )


def sparkline_svg(
    points: Sequence[SparkPoint],
    band: Band | None = None,
    *,
    width: int = 120,
    height: int = 32,
    label: str = "",
) -> str:
    """An inline ``<svg>`` of the points, oldest on the left, with the green zone shaded.

    Each point keeps its slot on the x axis whether or not it has a figure, so a gap
    shows as a break in the line. The y scale runs from the lowest to the highest of the
    figures and the band's bounded sides, so the band is always in view; a side with no
    bound runs to the chart's edge. ``label`` is the accessible name; the page gives the
    full text alternative (``sparkline_text``) beside the chart.
    """
    minimum = 2 * SPARK_MARGIN + 1
    if width < minimum or height < minimum:
        raise ValueError(f"a sparkline needs a width and height of at least {minimum}, not {width} by {height}")
    values = [_checked_value(point.value) for point in points]
    band = _checked_band(band)
    accessible_name = label or "Trend"
    figures = [value for value in values if value is not None]
    if not figures:
        return _svg_open(width, height, f"{accessible_name}: no figures") + "</svg>"

    with localcontext(_CONTEXT):
        bounds = [bound for bound in (band or ()) if bound is not None]
        lowest = min(figures + bounds)
        highest = max(figures + bounds)
        chart_width = Decimal(width)
        chart_height = Decimal(height)

        def x_of(index: int) -> Decimal:
            if len(values) == 1:
                return chart_width / 2
            return SPARK_MARGIN + (chart_width - 2 * SPARK_MARGIN) * index / (len(values) - 1)

        def y_of(value: Decimal) -> Decimal:
            if highest == lowest:
                return chart_height / 2
            # SVG y grows downwards: the highest figure sits nearest the top.
            return SPARK_MARGIN + (chart_height - 2 * SPARK_MARGIN) * (highest - value) / (highest - lowest)

        parts = [_svg_open(width, height, accessible_name)]
        if band is not None:
            low, high = band
            top = Decimal(0) if high is None else y_of(high)
            bottom = chart_height if low is None else y_of(low)
            parts.append(
                f'<rect x="0" y="{_coordinate(top)}" width="{width}" '
                f'height="{_coordinate(bottom - top)}" fill="{SPARK_BAND_COLOUR}"/>'
            )

        runs: list[list[tuple[Decimal, Decimal]]] = []
        previous_had_figure = False
        for index, value in enumerate(values):
            if value is None:
                previous_had_figure = False
                continue
            if not previous_had_figure:
                runs.append([])
            runs[-1].append((x_of(index), y_of(value)))
            previous_had_figure = True

        for number, run in enumerate(runs, start=1):
            if len(run) == 1:
                if number == len(runs):
                    continue  # the latest-figure dot marks it
                x, y = run[0]
                parts.append(
                    f'<circle cx="{_coordinate(x)}" cy="{_coordinate(y)}" '
                    f'r="{_coordinate(SPARK_ISOLATED_RADIUS)}" fill="{SPARK_LINE_COLOUR}"/>'
                )
                continue
            coordinates = " ".join(f"{_coordinate(x)},{_coordinate(y)}" for x, y in run)
            parts.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{SPARK_LINE_COLOUR}" '
                f'stroke-width="{_coordinate(SPARK_STROKE_WIDTH)}" stroke-linejoin="round" stroke-linecap="round"/>'
            )

        latest_x, latest_y = runs[-1][-1]
        parts.append(
            f'<circle cx="{_coordinate(latest_x)}" cy="{_coordinate(latest_y)}" '
            f'r="{_coordinate(SPARK_DOT_RADIUS)}" fill="{SPARK_DOT_COLOUR}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline_text(points: Sequence[SparkPoint], suffix: str = "") -> str:
    """The text alternative: ``Jan-20: 12%, Feb-20: no figure, ...``; figures as stored."""
    if not points:
        return "no figures"
    return ", ".join(
        f"{point.label}: {'no figure' if point.value is None else format(point.value, 'f') + suffix}"
        for point in points
    )


# --- trend chart --------------------------------------------------------------------------


def wrap_title(text: str, width: int = TITLE_WRAP_CHARACTERS) -> list[str]:
    """The title in lines of at most ``width`` characters, broken between words; a word longer
    than a line is broken inside itself rather than cut off."""
    if width < 1:
        raise ValueError(f"a line needs room for a character, not {width}")
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not word:
            continue
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines or [""]


def title_margin(lines: int) -> int:
    """The top margin that holds a title of ``lines`` lines with a gap above the plot."""
    return TITLE_PAD_TOP + TITLE_LINE_HEIGHT * max(lines, 1) + TITLE_GAP


def _as_float(value: Decimal | None) -> float | None:
    """The one conversion to float: plotly.js reads JSON numbers."""
    return None if value is None else float(value)


def _plotly_text(text: str) -> str:
    """Plotly reads ``<b>`` and the like as markup in titles and names; entities it decodes."""
    return html.escape(text, quote=False)


def _half_month_before(period: Month) -> str:
    """Plotly puts a month's point on its 1st; halfway back from there is about the 16th before."""
    return f"{period.plus(-1)}-16"


def _half_month_after(period: Month) -> str:
    return f"{period}-16"


def _axis_range(data: TrendInput, bands: Mapping[str, Band]) -> tuple[Decimal, Decimal]:
    """Lowest to highest of every figure, band bound and benchmark, padded a tenth each side."""
    candidates = [value for value in data.values if value is not None]
    candidates += [bound for band in bands.values() for bound in band if bound is not None]
    candidates += list(data.benchmarks.values())
    if not candidates:
        return Decimal(0), Decimal(1)
    with localcontext(_CONTEXT):
        lowest, highest = min(candidates), max(candidates)
        span = highest - lowest
        if span.is_zero():
            # A flat series sits in the middle of the chart.
            pad = abs(lowest) / 10 if not lowest.is_zero() else Decimal(1)
        else:
            pad = span / 10
        return lowest - pad, highest + pad


def trend_figure(data: TrendInput) -> dict[str, Any]:
    """The indicator page's trend chart as a plotly figure dict (``fig.to_plotly_json()``).

    Traces: the monthly series (gaps left open), then one dashed line per benchmark across
    the series. One shaded rectangle per reporting year for its green zone, drawn beneath
    the traces, from half a month before its first period to half a month after its last;
    a side with no bound runs to the edge of the y axis range, which is set explicitly so
    the clipping holds. The page sets plotly's ``config`` (no logo) itself.
    """
    if len(data.periods) != len(data.values):
        raise ValueError(f"{len(data.periods)} periods but {len(data.values)} values")
    months = [Month.parse(period) for period in data.periods]
    if any(later <= earlier for earlier, later in zip(months, months[1:])):
        raise ValueError("periods must run oldest first with no repeats")
    values = [_checked_value(value) for value in data.values]
    for name, value in data.benchmarks.items():
        if not value.is_finite():
            raise ValueError(f"benchmark {name!r} must be a finite number, not {value}")
    bands: dict[str, Band] = {}
    band_months: dict[str, tuple[Month, Month]] = {}
    for year, (first, last, zone) in data.target_bands.items():
        first_month, last_month = Month.parse(first), Month.parse(last)
        if last_month < first_month:
            raise ValueError(f"target band {year}: last period {last} is before first period {first}")
        checked = _checked_band(zone)
        bands[year] = (None, None) if checked is None else checked
        band_months[year] = (first_month, last_month)
    axis_low, axis_high = _axis_range(data, bands)

    suffix = _plotly_text(data.unit_suffix)
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=list(data.periods),
            y=[_as_float(value) for value in values],
            # The figure as stored ("36.80"), so the hover never shows float noise.
            customdata=[None if value is None else format(value, "f") for value in values],
            mode="lines+markers",
            connectgaps=False,
            # The chart's title names the indicator; a long name would crowd the legend.
            name="Monthly figure",
            line={"color": TREND_LINE_COLOUR, "width": 2},
            marker={"color": TREND_LINE_COLOUR, "size": 6},
            hovertemplate=f"%{{x|%b-%y}}: %{{customdata}}{suffix}<extra></extra>",
        )
    )

    # Across the whole x axis range (x_range below), so each line reads as a level.
    span = [_half_month_before(months[0]), _half_month_after(months[-1])] if months else []
    for index, (name, value) in enumerate(data.benchmarks.items()):
        figure.add_trace(
            go.Scatter(
                x=span,
                y=[_as_float(value)] * len(span),
                mode="lines",
                name=_plotly_text(name),
                line={
                    "color": TREND_BENCHMARK_COLOUR,
                    "width": 2,
                    "dash": BENCHMARK_DASHES[index % len(BENCHMARK_DASHES)],
                },
                hovertemplate=f"{_plotly_text(name)}: {format(value, 'f')}{suffix}<extra></extra>",
            )
        )

    for index, (year, (low, high)) in enumerate(bands.items()):
        first_month, last_month = band_months[year]
        figure.add_shape(
            type="rect",
            xref="x",
            yref="y",
            # Half a month beyond each end: the year's first and last points sit inside its
            # band, and consecutive years' bands meet.
            x0=_half_month_before(first_month),
            x1=_half_month_after(last_month),
            y0=_as_float(axis_low if low is None else low),
            y1=_as_float(axis_high if high is None else high),
            fillcolor=TREND_BAND_COLOUR,
            line={"width": 0},
            layer="below",
            name="Target (green zone)",
            # One legend entry stands for every year's band: the bounds differ, the meaning does not.
            legendgroup="target",
            showlegend=index == 0,
            legendrank=2000,
        )
    # Fixed to the series (half a month either side, so the end markers are whole): a year's
    # band reaching beyond the series must not widen the chart.
    x_range = {"range": span} if span else {}
    axis = {
        "color": TREND_TEXT_COLOUR,
        "gridcolor": TREND_GRID_COLOUR,
        "linecolor": TREND_TEXT_COLOUR,
        "zeroline": False,
    }
    title_lines = wrap_title(data.title)
    figure.update_layout(
        template="none",
        # From the top left corner of the whole chart, not of the plot area: a wrapped title has
        # the full width, and its lines grow downwards into the margin made for them.
        title={
            "text": "<br>".join(_plotly_text(line) for line in title_lines),
            "font": {"size": TITLE_FONT_SIZE},
            "xref": "container",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": TITLE_PAD_TOP, "l": 2},
        },
        # For the page's script, which re-wraps the title to the chart's width (plain text: the
        # script escapes it as this module does).
        meta={
            "title": data.title,
            "titleLineHeight": TITLE_LINE_HEIGHT,
            "titlePadTop": TITLE_PAD_TOP,
            "titleGap": TITLE_GAP,
        },
        font={"family": FONT_FAMILY, "color": TREND_TEXT_COLOUR, "size": 14},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        # Axes widen their margins to fit their tick labels and titles (automargin), so the
        # y axis title is never cut off by a wide tick label.
        margin={"l": 48, "r": 16, "t": title_margin(len(title_lines)), "b": 40},
        # Plotly's own place for a horizontal legend, just below the tick labels; the x axis
        # has no title because a title there sits under the legend whenever the chart is short,
        # and the month tick labels already say what the axis is.
        legend={"orientation": "h", "x": 0, "xanchor": "left"},
        hovermode="closest",
        xaxis={**axis, "type": "date", "tickformat": "%b-%y", "automargin": True, **x_range},
        yaxis={
            **axis,
            "automargin": True,
            "range": [_as_float(axis_low), _as_float(axis_high)],
            # The unit in the title, not on every tick: " per 10,000" would crowd the margin.
            "title": {"text": f"Figure ({suffix.strip()})" if suffix.strip() else "Figure"},
        },
    )
    return figure.to_plotly_json()
