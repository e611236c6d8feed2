import re
from functools import lru_cache
from html import escape

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe
from markdown.extensions import Extension

from scorecards.compute.entry import NARRATIVE_LENGTH, check_narrative, normalise_line_breaks, without_control_characters
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import CommentaryKind, benchmark_label as measure_label

register = template.Library()

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "h3", "h4", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}


class WithoutRawHtml(Extension):
    """Raw HTML in a narrative is shown as typed, not passed through: nh3 would keep an allowed
    tag such as <blockquote>, and 800 of them nested take the PDF down (RecursionError)."""

    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@lru_cache(maxsize=512)
def render_markdown(text: str) -> str:
    """Markdown to sanitised HTML; commentary repeats on every page view, so results are kept.

    Only a narrative within the entry rules (compute.entry.check_narrative: at most 10,000
    characters, blocks and brackets nested at most 10 deep) goes through python-markdown,
    whose link patterns rescan the text from every unclosed "[" (24 KB of them take
    minutes) and whose block parsers recurse once per level. One stored past them (written
    before the rules, or round them) is shown as plain text with a note, cut to 10,000
    characters: rendering is bounded whatever the database holds.
    """
    cleaned = without_control_characters(normalise_line_breaks(text))
    problem = check_narrative(cleaned)
    if problem is None:
        html = markdown_lib.markdown(cleaned, extensions=["tables", WithoutRawHtml()])
    else:
        html = _plain_text(cleaned, problem.message)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}})


def _plain_text(text: str, why: str) -> str:
    cut = len(text) > NARRATIVE_LENGTH
    note = f"This text breaks the limits on commentary ({why}), so it is shown as plain text"
    note += f", cut to its first {NARRATIVE_LENGTH:,} characters." if cut else "."
    paragraphs = [part.strip() for part in _BLANK_LINE.split(text[:NARRATIVE_LENGTH])]
    body = "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs if part)
    return f"<p><em>{escape(note)}</em></p>{body}"


@register.filter
def markdown(text: str | None) -> str:
    """Commentary is Markdown written by officers: rendered, then sanitised by nh3."""
    if not text:
        return ""
    return mark_safe(render_markdown(text))


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

