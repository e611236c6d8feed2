"""The one home for a document written in the application: what its text may be, and how it is
rendered (docs/documents-screens.md). The document page, the advisor's screen and the agenda
pack all call `render_document_text`, so a written paper reads the same everywhere.

Why not the commentary's `scorecard_tags.render_markdown`: a cover report is longer than a
month's commentary (10,000 characters) and has headings of its own, which commentary keeps to
h3 and h4. The same guards apply: raw HTML is shown as typed (`WithoutRawHtml`), nesting is
bounded so python-markdown and WeasyPrint cannot be made to recurse or rescan without end, and
nh3 keeps only the tags below.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import lru_cache
from html import escape

import markdown as markdown_lib
import nh3
from markdown.treeprocessors import Treeprocessor

from scorecards.compute.entry import (
    MAX_NESTING,
    block_depth,
    bracket_depth,
    check_characters,
    check_length,
    normalise_line_breaks,
    without_control_characters,
)
from scorecards.templatetags.scorecard_tags import WithoutRawHtml

# About 30 printed pages: a written cover report, not a pack's appendix (upload those as PDFs).
DOCUMENT_TEXT_LENGTH = 100_000
ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "code", "pre",
}


def check_document_text(text: str) -> str | None:
    """Why ``text`` (line breaks already ``\\n``) cannot be a written document, or None."""
    problem = check_characters(text, "text", lines=True) or check_length(text, "text", DOCUMENT_TEXT_LENGTH)
    if problem is not None:
        return f"The text: {problem.message}"
    for number, line in enumerate(text.split("\n"), start=1):
        depth = block_depth(line)
        if depth > MAX_NESTING:
            return (f"The text: expected block quotes and lists nested at most {MAX_NESTING} levels deep; "
                    f"found {depth:,} on line {number:,}")
    depth, kind, at = bracket_depth(text)
    if depth > MAX_NESTING:
        return f'The text: expected brackets nested at most {MAX_NESTING} deep; found {depth:,} "{kind}" open at once at character {at:,}'
    return None


class HeadingsUnderTheTitle(Treeprocessor):
    """The page's h1 is the document's title: the text's "# Heading" is an h2, and so on down."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                element.tag = f"h{int(element.tag[1]) + 1}"


class DocumentMarkdown(WithoutRawHtml):
    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(HeadingsUnderTheTitle(md), "headings_under_the_title", 5)


@lru_cache(maxsize=128)
def render_document_text(text: str) -> str:
    """Markdown to safe HTML. A text stored past the rules (before them, or round them) is shown
    as plain paragraphs, so rendering stays bounded whatever the database holds."""
    cleaned = without_control_characters(normalise_line_breaks(text))
    if check_document_text(cleaned) is None:
        html = markdown_lib.markdown(cleaned, extensions=["tables", "sane_lists", DocumentMarkdown()])
    else:
        paragraphs = (part.strip() for part in cleaned[:DOCUMENT_TEXT_LENGTH].split("\n\n"))
        html = "".join(f"<p>{escape(part)}</p>" for part in paragraphs if part)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}})
