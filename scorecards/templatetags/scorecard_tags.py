from functools import lru_cache

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import CommentaryKind, benchmark_label as measure_label
from scorecards.tables import rag_html, sparkline_only

register = template.Library()

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "h3", "h4", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}


@lru_cache(maxsize=512)
def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML; commentary repeats on every page view, so results are kept."""
    html = markdown_lib.markdown(text, extensions=["tables"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}})


@register.filter
def markdown(text: str | None) -> str:
    """Commentary is Markdown written by officers: rendered, then sanitised by nh3."""
    if not text:
        return ""
    return mark_safe(render_markdown(text))


@register.filter
def sparkline(row) -> str:
    """The row's sparkline SVG (the PDF prints the figures beside it)."""
    return mark_safe(sparkline_only(row))


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
    return (Month.parse(month) if isinstance(month, str) else month).long_name()


@register.filter
def benchmark_label(measure: str) -> str:
    return measure_label(measure)


@register.filter
def commentary_kind(kind: str) -> str:
    return CommentaryKind.labels().get(kind, kind)


@register.filter
def rag(value: str | None) -> str:
    """A rating as a shape, a word and a colour."""
    return mark_safe(rag_html(value))
