import calendar

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from scorecards.charts import SparkPoint, sparkline_svg, sparkline_text
from scorecards.compute.periods import Month
from scorecards.presentation import BENCHMARK_LABELS, UNIT_SUFFIXES

register = template.Library()

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "h3", "h4", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}


@register.filter
def markdown(text: str | None) -> str:
    """Commentary is Markdown written by officers: rendered, then sanitised by nh3."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["tables"])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}))


def _points(row) -> list[SparkPoint]:
    return [SparkPoint(label=label, value=value) for label, value in row.spark]


@register.filter
def sparkline(row) -> str:
    return mark_safe(sparkline_svg(_points(row), row.band, label=f"Trend of {row.number} over the last 12 months"))


@register.filter
def sparkline_alt(row) -> str:
    return sparkline_text(_points(row), UNIT_SUFFIXES.get(row.unit, ""))


@register.filter
def get(mapping, key):
    return mapping.get(key, "")


@register.filter
def month_abbreviation(period: str) -> str:
    """`2020-12` as the council prints it: `Dec-20`."""
    return Month.parse(period).abbreviation()


@register.filter
def month_long(month) -> str:
    """A Month (or `2020-12`) in words: `December 2020`."""
    month = Month.parse(month) if isinstance(month, str) else month
    return f"{calendar.month_name[month.month]} {month.year}"


@register.filter
def benchmark_label(measure: str) -> str:
    return BENCHMARK_LABELS.get(measure, measure)


@register.filter
def commentary_kind(kind: str) -> str:
    return {"definition": "Definition", "significant_changes": "Significant changes", "commentary": "Commentary", "exception": "Exception"}.get(kind, kind)
