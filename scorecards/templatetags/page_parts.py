"""Helpers for the partials in templates/includes/: the data they need, never their markup.

The big scorecard table and the PDF draw their badges in Python (scorecards/tables.py) for speed;
templates include the partials, which take their shapes from the same place.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

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


class WarningNode(template.Node):
    def __init__(self, nodelist: template.NodeList, classes: template.base.FilterExpression | None) -> None:
        self.nodelist = nodelist
        self.classes = classes

    def render(self, context: template.Context) -> str:
        return render_to_string("includes/live_warning.html", {
            # The words were rendered (and escaped) by the template itself.
            "text": mark_safe(self.nodelist.render(context).strip()),
            "classes": self.classes.resolve(context) if self.classes else "",
        })


@register.tag
def warning(parser: template.base.Parser, token: template.base.Token) -> WarningNode:
    """``{% warning %}words, with {{ variables }}{% endwarning %}``, optionally ``{% warning "classes" %}``:
    the GOV.UK warning text of includes/live_warning.html around any words, so no page copies
    its markup (tests/test_partials.py)."""
    bits = token.split_contents()
    nodelist = parser.parse(("endwarning",))
    parser.delete_first_token()
    return WarningNode(nodelist, parser.compile_filter(bits[1]) if len(bits) > 1 else None)
