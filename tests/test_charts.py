"""Sparklines and trend charts (docs/architecture.md, benchmarks and trend): geometry, accessibility and the plotly figure's data."""

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.charts import (
    TITLE_WRAP_CHARACTERS,
    SparkPoint,
    TrendInput,
    sparkline_svg,
    sparkline_text,
    title_margin,
    trend_figure,
    wrap_title,
)

D = Decimal
SVG = "{http://www.w3.org/2000/svg}"
ONE_PLACE_OR_WHOLE = re.compile(r"-?\d+(\.\d)?")
COORDINATE_ATTRIBUTES = ("x", "y", "width", "height", "cx", "cy", "r", "stroke-width")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def points(cells: str) -> list[SparkPoint]:
    """"12,-,13.5" is three months from Jan-20; "-" is a month with no figure."""
    return [
        SparkPoint(f"{MONTHS[index % 12]}-{20 + index // 12}", None if cell == "-" else D(cell))
        for index, cell in enumerate(cells.split(","))
    ]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def children(root: ET.Element, tag: str) -> list[ET.Element]:
    return root.findall(f"{SVG}{tag}")


def polylines(root: ET.Element) -> list[list[tuple[Decimal, Decimal]]]:
    return [
        [tuple(D(number) for number in pair.split(",")) for pair in line.get("points").split()]
        for line in children(root, "polyline")
    ]


def circles(root: ET.Element) -> list[tuple[Decimal, Decimal, Decimal, str]]:
    return [
        (D(circle.get("cx")), D(circle.get("cy")), D(circle.get("r")), circle.get("fill"))
        for circle in children(root, "circle")
    ]


def latest_dot(root: ET.Element) -> tuple[Decimal, Decimal]:
    dots = [(cx, cy) for cx, cy, _r, fill in circles(root) if fill == "#1d70b8"]
    assert len(dots) == 1
    return dots[0]


def band_rect(root: ET.Element) -> tuple[Decimal, Decimal]:
    """Top and bottom y of the one band rectangle."""
    (rect,) = children(root, "rect")
    assert rect.get("fill") == "#cce2d8"
    assert (rect.get("x"), rect.get("width")) == ("0", root.get("width"))
    top = D(rect.get("y"))
    return top, top + D(rect.get("height"))


def drawn_ys(root: ET.Element) -> list[Decimal]:
    """y of every drawn figure, left to right (the latest dot repeats the last one)."""
    located = {x: y for line in polylines(root) for x, y in line}
    located.update({cx: cy for cx, cy, r, fill in circles(root) if fill == "#0b0c0c"})
    return [located[x] for x in sorted(located)]


# --- sparkline: the element ---------------------------------------------------------------


def test_svg_element_carries_its_accessible_name_and_size():
    root = parse(sparkline_svg(points("1,2,3"), label="Trend for 6.5 over the last 12 months", width=100, height=40))

    assert root.get("role") == "img"
    assert root.get("aria-label") == "Trend for 6.5 over the last 12 months"
    assert root.get("focusable") == "false"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("100", "40", "0 0 100 40")


def test_label_is_escaped():
    label = 'Trend for "6.5" <b>children & young people</b>'
    svg = sparkline_svg(points("1,2"), label=label)

    assert "<b>" not in svg
    assert "&lt;b&gt;children &amp; young people&lt;/b&gt;" in svg
    assert "&quot;6.5&quot;" in svg
    assert parse(svg).get("aria-label") == label


@pytest.mark.parametrize(
    "cells, band",
    [
        ("12,13.5,11,14", None),
        ("12,-,13.5,11,-,-,14,9", (D("10"), D("13"))),
        ("5", (None, D("7"))),
        ("-,-", (D("1"), None)),
        ("1,1,1", (None, None)),
    ],
)
def test_no_inline_style_only_presentation_attributes(cells, band):
    svg = sparkline_svg(points(cells), band, label="Trend")

    assert "style" not in svg
    for element in parse(svg).iter():
        assert element.tag != f"{SVG}style"


def test_palette():
    root = parse(sparkline_svg(points("1,2,-,4,5"), (D(2), D(4))))

    assert {line.get("stroke") for line in children(root, "polyline")} == {"#0b0c0c"}
    assert {line.get("fill") for line in children(root, "polyline")} == {"none"}
    assert band_rect(root)
    assert latest_dot(root) == (D(117), D(3))


# --- sparkline: geometry ------------------------------------------------------------------


@pytest.mark.parametrize("count, width", [(2, 120), (5, 120), (12, 120), (12, 100), (7, 64)])
def test_points_are_evenly_spaced_between_the_margins(count, width):
    root = parse(sparkline_svg(points(",".join(str(n % 3) for n in range(count))), width=width))

    (line,) = polylines(root)
    xs = [x for x, _y in line]
    step = D(width - 6) / (count - 1)
    assert xs[0] == 3
    assert xs[-1] == width - 3
    for index, x in enumerate(xs):
        # Written to one decimal place, so each sits within 0.05 of its exact slot.
        assert abs(x - (3 + step * index)) <= D("0.05")


@pytest.mark.parametrize(
    "cells, highest_index, lowest_index",
    [
        ("10,20", 1, 0),
        ("20,10", 0, 1),
        ("-5,-1,-3", 1, 0),
        ("36.8,37.0,36.9", 1, 0),
        ("0.001,0.002,0.003,0.0015", 2, 0),
    ],
)
def test_a_higher_figure_is_drawn_higher(cells, highest_index, lowest_index):
    ys = drawn_ys(parse(sparkline_svg(points(cells), height=32)))

    # SVG y grows downwards: the highest figure sits on the top margin, the lowest on the bottom.
    assert ys[highest_index] == 3
    assert ys[lowest_index] == 29
    assert min(ys) == ys[highest_index]


def test_intermediate_figures_are_scaled_linearly():
    ys = drawn_ys(parse(sparkline_svg(points("10,15,12.5,20"), height=32)))

    # 26 pixels between the margins for 10 units: 2.6 a unit down from 20 at y=3.
    assert ys == [D(29), D(16), D("22.5"), D(3)]


@pytest.mark.parametrize(
    "cells, run_slots, isolated_slots",
    [
        ("1,2,3,4", [[0, 1, 2, 3]], []),
        ("1,2,-,3,4", [[0, 1], [3, 4]], []),
        ("1,-,2,3", [[2, 3]], [0]),
        ("1,2,-,-,3,-,4,5,6", [[0, 1], [6, 7, 8]], [4]),
        ("-,1,2,-", [[1, 2]], []),
        ("1,-,2,-,3", [], [0, 2]),
    ],
)
def test_gaps_split_the_line_and_keep_their_slots(cells, run_slots, isolated_slots):
    root = parse(sparkline_svg(points(cells), width=120))
    step = D(114) / (len(cells.split(",")) - 1)

    def slots(xs):
        return [int(((x - 3) / step).to_integral_value()) for x in xs]

    assert [slots(x for x, _y in line) for line in polylines(root)] == run_slots
    isolated = [cx for cx, _cy, r, fill in circles(root) if fill == "#0b0c0c"]
    assert slots(isolated) == isolated_slots


@pytest.mark.parametrize(
    "cells, expected",
    [
        ("1,2,3", (D(117), D(3))),
        ("3,2,1", (D(117), D(29))),
        # The latest month has no figure: the dot marks the latest figure there is.
        ("1,3,-,-", (D(41), D(3))),
    ],
)
def test_dot_on_the_latest_figure(cells, expected):
    assert latest_dot(parse(sparkline_svg(points(cells)))) == expected


def test_single_point_sits_in_the_centre():
    root = parse(sparkline_svg(points("42"), width=120, height=32))

    assert polylines(root) == []
    assert latest_dot(root) == (D(60), D(16))


def test_flat_series_is_centred():
    root = parse(sparkline_svg(points("7,7,-,7"), height=40))

    assert {y for line in polylines(root) for _x, y in line} == {D(20)}
    assert latest_dot(root)[1] == 20


@pytest.mark.parametrize("cells", ["", "-", "-,-,-"])
def test_no_figures_gives_an_empty_frame(cells):
    chosen = points(cells) if cells else []
    root = parse(sparkline_svg(chosen, (D(1), D(2)), label="Trend for 6.5", width=120, height=32))

    assert list(root) == []
    assert root.text is None
    assert root.get("aria-label") == "Trend for 6.5: no figures"
    assert root.get("viewBox") == "0 0 120 32"


def test_no_label_still_has_an_accessible_name():
    assert parse(sparkline_svg(points("1,2"))).get("aria-label") == "Trend"
    assert parse(sparkline_svg([])).get("aria-label") == "Trend: no figures"


# --- sparkline: target band ---------------------------------------------------------------


@pytest.mark.parametrize(
    "band, top, bottom",
    [
        # Figures 10 to 20 over 26 pixels: y = 3 + 2.6 * (20 - value).
        ((D(12), D(18)), D("8.2"), D("23.8")),
        ((D(10), D(20)), D(3), D(29)),
        ((D("12.5"), D("12.5")), D("22.5"), D("22.5")),
        # No bound on a side: the band runs to the chart's edge.
        ((None, D(15)), D(16), D(32)),
        ((D(15), None), D(0), D(16)),
        ((None, None), D(0), D(32)),
        ((D("-Infinity"), D("Infinity")), D(0), D(32)),
    ],
)
def test_band_spans_its_bounds(band, top, bottom):
    root = parse(sparkline_svg(points("10,20,15"), band, height=32))

    assert band_rect(root) == (top, bottom)


@pytest.mark.parametrize(
    "band, figure_ys, top, bottom",
    [
        # A bound beyond the figures widens the scale to 10..30: y = 3 + 1.3 * (30 - value).
        ((D(25), D(30)), [D(29), D(16)], D(3), D("9.5")),
        # 10..25: y = 3 + 26 / 15 * (25 - value), so 20 sits at 11.67.
        ((D(25), None), [D(29), D("11.7")], D(0), D(3)),
        # 0..20: y = 3 + 1.3 * (20 - value); the open top still runs to the edge.
        ((D(0), None), [D(16), D(3)], D(0), D(29)),
        ((None, D(0)), [D(16), D(3)], D(29), D(32)),
    ],
)
def test_band_bounds_join_the_scale(band, figure_ys, top, bottom):
    root = parse(sparkline_svg(points("10,20"), band, height=32))

    assert drawn_ys(root) == figure_ys
    assert band_rect(root) == (top, bottom)


def test_no_band_no_rect():
    assert children(parse(sparkline_svg(points("1,2,3"))), "rect") == []


def test_band_sits_beneath_the_line():
    root = parse(sparkline_svg(points("1,2,3"), (D(1), D(2))))

    assert [element.tag.removeprefix(SVG) for element in root] == ["rect", "polyline", "circle"]


@pytest.mark.parametrize(
    "cells, band, width",
    [
        ("1,2,3,4,5,6,7", (D("1.37"), D("4.11")), 100),
        ("0.1,0.7,0.3,-,0.9", (None, D("0.55")), 97),
        ("1000.123,999.877,1000.001", (D("999.9"), None), 121),
        ("33.3,66.6,99.9,-,1,-,2", None, 83),
    ],
)
def test_coordinates_have_at_most_one_decimal_place(cells, band, width):
    root = parse(sparkline_svg(points(cells), band, width=width, height=33))

    numbers = [pair for line in children(root, "polyline") for pair in line.get("points").replace(",", " ").split()]
    numbers += [element.get(name) for element in root for name in COORDINATE_ATTRIBUTES if element.get(name)]
    assert len(numbers) > 10
    for number in numbers:
        assert ONE_PLACE_OR_WHOLE.fullmatch(number), number


@given(
    st.lists(
        st.none() | st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, allow_infinity=False, places=3),
        min_size=1,
        max_size=24,
    )
)
def test_any_series_stays_inside_the_frame_in_order(values):
    chosen = [SparkPoint(str(index), value) for index, value in enumerate(values)]
    root = parse(sparkline_svg(chosen, width=120, height=32))

    drawn = {x: y for line in polylines(root) for x, y in line}
    drawn.update({cx: cy for cx, cy, _r, _fill in circles(root)})
    figures = [value for value in values if value is not None]
    assert len(drawn) == len(figures)
    for x, y in drawn.items():
        assert 3 <= x <= 117 and 3 <= y <= 29
    # Higher figures never sit lower (equal y allowed: near-equal figures round together).
    by_figure = sorted(zip(figures, (drawn[x] for x in sorted(drawn))))
    assert all(earlier[1] >= later[1] for earlier, later in zip(by_figure, by_figure[1:]))


@pytest.mark.parametrize(
    "cells, band, size",
    [
        ("1,NaN", None, {}),
        ("1,Infinity", None, {}),
        ("1,2", (D(3), D(2)), {}),
        ("1,2", (D("NaN"), None), {}),
        ("1,2", None, {"width": 6}),
        ("1,2", None, {"height": 0}),
    ],
)
def test_refuses_what_cannot_be_drawn(cells, band, size):
    with pytest.raises(ValueError):
        sparkline_svg(points(cells), band, **size)


# --- sparkline: text alternative ----------------------------------------------------------


@pytest.mark.parametrize(
    "cells, suffix, expected",
    [
        ("12,-,13.5", "%", "Jan-20: 12%, Feb-20: no figure, Mar-20: 13.5%"),
        ("36.80,0.0", "", "Jan-20: 36.80, Feb-20: 0.0"),
        ("-0.2,1E+2", " per 10,000", "Jan-20: -0.2 per 10,000, Feb-20: 100 per 10,000"),
        ("-,-", "%", "Jan-20: no figure, Feb-20: no figure"),
    ],
)
def test_text_alternative(cells, suffix, expected):
    assert sparkline_text(points(cells), suffix) == expected


def test_text_alternative_with_no_months():
    assert sparkline_text([], "%") == "no figures"


def test_text_alternative_uses_the_labels_given():
    assert sparkline_text([SparkPoint("Dec-20", D("6")), SparkPoint("Spring 21", None)]) == (
        "Dec-20: 6, Spring 21: no figure"
    )


# --- trend chart --------------------------------------------------------------------------


def as_decimal(number: int | float | None) -> Decimal | None:
    """Read plotly's JSON numbers back as the decimals they were written from."""
    return None if number is None else D(str(number))


def trend(**changes) -> TrendInput:
    fields = {
        "periods": ["2020-02", "2020-03", "2020-04", "2020-05", "2020-06"],
        "values": [D("36.8"), D("40.25"), None, D("38.0"), D("45.1")],
        "target_bands": {
            "2019/20": ("2019-04", "2020-03", (D("38"), None)),
            "2020/21": ("2020-04", "2021-03", (D("35"), D("42"))),
        },
        "benchmarks": {"National average 2018/19": D("39.4"), "Statistical neighbours 2018/19": D("41")},
        "title": "6.5 Care leavers in education, employment or training",
        "unit_suffix": "%",
    }
    fields.update(changes)
    return TrendInput(**fields)


def series_trace(figure: dict) -> dict:
    return figure["data"][0]


def benchmark_traces(figure: dict) -> list[dict]:
    return figure["data"][1:]


def y_range(figure: dict) -> list[Decimal]:
    return [as_decimal(bound) for bound in figure["layout"]["yaxis"]["range"]]


def test_series_trace_is_the_input():
    data = trend()
    trace = series_trace(trend_figure(data))

    assert trace["x"] == list(data.periods)
    assert [as_decimal(y) for y in trace["y"]] == list(data.values)
    assert trace["y"][2] is None
    assert trace["customdata"] == ["36.8", "40.25", None, "38.0", "45.1"]
    assert trace["type"] == "scatter"
    assert trace["mode"] == "lines+markers"
    assert trace["connectgaps"] is False
    assert trace["line"]["color"] == "#1d70b8"


@pytest.mark.parametrize("suffix", ["%", "", " per 10,000"])
def test_hover_shows_the_figure_as_stored_with_its_unit(suffix):
    figure = trend_figure(trend(unit_suffix=suffix))

    assert series_trace(figure)["hovertemplate"] == f"%{{x|%b-%y}}: %{{customdata}}{suffix}<extra></extra>"
    hovers = [trace["hovertemplate"] for trace in benchmark_traces(figure)]
    assert hovers == [
        f"National average 2018/19: 39.4{suffix}<extra></extra>",
        f"Statistical neighbours 2018/19: 41{suffix}<extra></extra>",
    ]


def test_axis_range_covers_figures_bands_and_benchmarks():
    # 35 (band low) to 45.1 (latest figure), padded by a tenth of 10.1 each side.
    assert y_range(trend_figure(trend())) == [D("33.99"), D("46.11")]


@pytest.mark.parametrize(
    "values, bands, benchmarks, expected",
    [
        ([D(10), D(20)], {}, {}, [D(9), D(21)]),
        ([D(10), None], {}, {}, [D(9), D(11)]),
        ([D(0), D(0)], {}, {}, [D(-1), D(1)]),
        ([D(10), D(20)], {}, {"Best statistical neighbour": D(30)}, [D(8), D(32)]),
        ([D(10), D(20)], {"2020/21": ("2020-04", "2021-03", (D(-10), None))}, {}, [D(-13), D(23)]),
        ([None, None], {}, {}, [D(0), D(1)]),
    ],
)
def test_axis_range_cases(values, bands, benchmarks, expected):
    data = trend(periods=["2020-04", "2020-05"], values=values, target_bands=bands, benchmarks=benchmarks)
    figure = trend_figure(data)

    assert y_range(figure) == expected


def test_one_band_per_year_with_its_bounds():
    figure = trend_figure(trend())
    shapes = figure["layout"]["shapes"]
    low, high = y_range(figure)

    assert [(shape["x0"], shape["x1"]) for shape in shapes] == [
        # Half a month beyond the year's first and last months, so consecutive years meet.
        ("2019-03-16", "2020-03-16"),
        ("2020-03-16", "2021-03-16"),
    ]
    # 2019/20 has no upper bound: it runs to the top of the axis range.
    assert [(as_decimal(shape["y0"]), as_decimal(shape["y1"])) for shape in shapes] == [
        (D(38), high),
        (D(35), D(42)),
    ]
    for shape in shapes:
        assert (shape["type"], shape["xref"], shape["yref"], shape["layer"]) == ("rect", "x", "y", "below")
        assert shape["fillcolor"] == "#cce2d8"
    # One legend entry stands for all the years.
    assert [shape["showlegend"] for shape in shapes] == [True, False]
    assert low < D(35)


@pytest.mark.parametrize(
    "zone, expected",
    [
        ((None, D(40)), ("low", D(40))),
        ((D(40), None), (D(40), "high")),
        ((None, None), ("low", "high")),
        ((D("-Infinity"), D("Infinity")), ("low", "high")),
    ],
)
def test_unbounded_band_sides_are_clipped_to_the_axis_range(zone, expected):
    figure = trend_figure(trend(target_bands={"2020/21": ("2020-04", "2021-03", zone)}))
    low, high = y_range(figure)
    (shape,) = figure["layout"]["shapes"]

    ends = {"low": low, "high": high}
    assert (as_decimal(shape["y0"]), as_decimal(shape["y1"])) == tuple(ends.get(end, end) for end in expected)


def test_one_dashed_line_per_benchmark_at_its_value():
    data = trend()
    figure = trend_figure(data)
    traces = benchmark_traces(figure)

    assert [trace["name"] for trace in traces] == list(data.benchmarks)
    for trace, value in zip(traces, data.benchmarks.values()):
        assert [as_decimal(y) for y in trace["y"]] == [value, value]
        assert trace["x"] == figure["layout"]["xaxis"]["range"]
        assert trace["mode"] == "lines"
        assert "dash" in trace["line"]["dash"]
        assert trace["line"]["color"] == "#505a5f"
    # Same colour, so the dash pattern tells them apart.
    assert traces[0]["line"]["dash"] != traces[1]["line"]["dash"]


def test_no_benchmarks_no_benchmark_traces():
    assert benchmark_traces(trend_figure(trend(benchmarks={}))) == []


def test_x_axis_is_the_series_months():
    xaxis = trend_figure(trend())["layout"]["xaxis"]

    assert xaxis["type"] == "date"
    # Half a month either side of February to June 2020, so the end markers are whole.
    assert xaxis["range"] == ["2020-01-16", "2020-06-16"]


def test_layout():
    layout = trend_figure(trend())["layout"]

    # Wrapped for a narrow chart; the page's script re-wraps it from meta to the real width.
    assert layout["title"]["text"] == "6.5 Care leavers in education,<br>employment or training"
    assert layout["meta"]["title"] == "6.5 Care leavers in education, employment or training"
    assert layout["title"]["xref"] == layout["title"]["yref"] == "container"
    assert layout["margin"]["t"] == title_margin(2)
    assert layout["font"]["family"] == "system-ui, sans-serif"
    assert layout["legend"]["orientation"] == "h"
    assert layout["yaxis"]["title"]["text"] == "Figure (%)"
    # The axes make room for their tick labels and titles: the y title is never cut off.
    assert layout["yaxis"]["automargin"] is True and layout["xaxis"]["automargin"] is True
    assert all(side <= 80 for side in (layout["margin"][key] for key in "lrb"))


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("6.2 Rate of Looked After Children", 40, ["6.2 Rate of Looked After Children"]),
        ("6.2 Rate of Looked After Children", 12, ["6.2 Rate of", "Looked After", "Children"]),
        ("a  b\tc", 3, ["a b", "c"]),
        ("Supercalifragilistic words", 10, ["Supercalif", "ragilistic", "words"]),
        ("", 10, [""]),
    ],
)
def test_wrap_title(text, width, lines):
    assert wrap_title(text, width) == lines


@given(st.text(alphabet="ab ", max_size=80), st.integers(min_value=1, max_value=40))
def test_wrapped_title_keeps_every_word_and_fits(text, width):
    lines = wrap_title(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_long_title_is_wrapped_not_cut():
    title = "6.2 Rate of Looked After Children per 10,000 population aged under 18 (Council Plan Indicator)"
    layout = trend_figure(trend(title=title))["layout"]
    lines = layout["title"]["text"].split("<br>")
    assert len(lines) == 4 and all(len(line) <= TITLE_WRAP_CHARACTERS for line in lines)
    assert " ".join(lines) == title
    assert layout["margin"]["t"] == title_margin(4) > title_margin(1)


@pytest.mark.parametrize("suffix, title", [("%", "Figure (%)"), (" per 10,000", "Figure (per 10,000)"), ("", "Figure")])
def test_y_axis_title_names_the_unit(suffix, title):
    assert trend_figure(trend(unit_suffix=suffix))["layout"]["yaxis"]["title"]["text"] == title


def test_title_and_names_are_not_read_as_markup():
    figure = trend_figure(trend(title="Children <5 & families", benchmarks={"<b>National</b>": D(1)}))

    assert figure["layout"]["title"]["text"] == "Children &lt;5 &amp; families"
    assert figure["layout"]["meta"]["title"] == "Children <5 & families"  # plain text: the script escapes it
    assert benchmark_traces(figure)[0]["name"] == "&lt;b&gt;National&lt;/b&gt;"


def test_figure_is_plain_json_with_nothing_remote():
    figure = trend_figure(trend())
    text = json.dumps(figure)

    assert json.loads(text) == figure
    assert "http" not in text
    for key in ("mapbox", "map", "geo", "images"):
        assert key not in figure["layout"]


def test_an_empty_series_is_still_a_figure():
    figure = trend_figure(trend(periods=[], values=[], target_bands={}, benchmarks={"National average": D(5)}))

    json.dumps(figure)
    assert series_trace(figure)["x"] == []
    assert benchmark_traces(figure)[0]["x"] == []


@pytest.mark.parametrize(
    "changes",
    [
        {"values": [D(1)]},
        {"periods": ["2020-02", "2020-01"], "values": [D(1), D(2)]},
        {"periods": ["2020-02", "2020-02"], "values": [D(1), D(2)]},
        {"periods": ["Feb-20"], "values": [D(1)]},
        {"periods": ["2020-13"], "values": [D(1)]},
        {"target_bands": {"2020/21": ("2021-03", "2020-04", (D(1), D(2)))}},
        {"target_bands": {"2020/21": ("2020-04", "2021-03", (D(2), D(1)))}},
        {"benchmarks": {"National average": D("NaN")}},
        {"values": [D(1), D("Infinity"), None, D(2), D(3)]},
    ],
)
def test_refuses_inconsistent_input(changes):
    with pytest.raises(ValueError):
        trend_figure(trend(**changes))
