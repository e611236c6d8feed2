"""Helpers for the partials in templates/includes/: the data they need, never their markup.

The big scorecard table and the PDF draw their badges in Python (scorecards/tables.py) for speed;
templates include the partials, which take their shapes from the same place.
"""

from django import template

from scorecards.presentation import RAG_SHAPES

register = template.Library()


@register.filter
def rag_shape(rag: str | None) -> str:
    """The shape that goes with a rating (`●`, `▲`, `■`), or "" for no rating."""
    return RAG_SHAPES.get(rag, "") if isinstance(rag, str) else ""


@register.simple_tag
def breadcrumb_trail(*texts_and_links) -> list[dict]:
    """Items for includes/breadcrumbs.html: pairs of text and link, then the current page's text.

    `{% breadcrumb_trail "Scorecards" list_url scorecard.title as crumbs %}` gives
    [{"text": "Scorecards", "href": list_url}, {"text": scorecard.title, "href": None}].
    """
    parts = list(texts_and_links)
    items = [{"text": parts[i], "href": parts[i + 1]} for i in range(0, len(parts) - 1, 2)]
    if len(parts) % 2:
        items.append({"text": parts[-1], "href": None})
    return items


@register.filter
def with_query(url: str, query: str | None) -> str:
    """`url?query`, or the URL alone when there is no query string."""
    return f"{url}?{query}" if query else url
