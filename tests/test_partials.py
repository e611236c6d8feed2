"""The partials in templates/includes/: the same markup as the Python renderers, and the only copies."""

from pathlib import Path

import pytest
from django.template.loader import render_to_string

from scorecards.presentation import RatedMonth, dot_key
from scorecards.tables import dot_html, rag_html

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.mark.parametrize("rag", ["green", "amber", "red", None, "", "purple"])
def test_rag_badge_matches_the_table_renderer(rag):
    assert render_to_string("includes/rag_badge.html", {"rag": rag}) == rag_html(rag)


@pytest.mark.parametrize("item", [*dot_key(), None], ids=lambda item: item.state if item else "none")
def test_dot_badge_matches_the_table_renderer(item):
    assert render_to_string("includes/dot_badge.html", {"dot": item}) == dot_html(item)


def test_badges_name_a_rated_month_as_the_table_renderer_does():
    rated = RatedMonth("Dec-20", "December 2020")
    assert render_to_string("includes/rag_badge.html", {"rag": "red", "rated": rated}) == rag_html("red", rated)
    item = dot_key()[0]
    assert render_to_string("includes/dot_badge.html", {"dot": item, "rated": rated}) == dot_html(item, rated)
    assert ", <span aria-hidden=\"true\">Dec-20</span>" in rag_html("red", rated)


def test_dot_badge_says_what_it_is_given_when_there_is_no_dot():
    assert render_to_string("includes/dot_badge.html", {"dot": None, "empty": "-"}) == "-"


def test_breadcrumbs_link_every_crumb_but_the_current_page():
    html = render_to_string(
        "includes/breadcrumbs.html",
        {"crumbs": [{"text": "Scorecards", "href": "/scorecards/"}, {"text": "Fish & chips", "href": None}]},
    )
    assert '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<a class="govuk-breadcrumbs__link" href="/scorecards/">Scorecards</a>' in html
    assert '<li class="govuk-breadcrumbs__list-item">Fish &amp; chips</li>' in html


def test_breadcrumb_trail_pairs_texts_with_links():
    from django.template import Context, Template

    template = Template(
        '{% load page_parts %}{% breadcrumb_trail "A" "/a/" "B" "/b/"|with_query:q "C" as crumbs %}'
        "{% for c in crumbs %}{{ c.text }}={{ c.href }};{% endfor %}"
    )
    assert template.render(Context({"q": "rag=red"})) == "A=/a/;B=/b/?rag=red;C=None;"
    assert template.render(Context({"q": ""})) == "A=/a/;B=/b/;C=None;"


def test_live_warning_has_the_standard_wording_unless_told_otherwise():
    standard = render_to_string("includes/live_warning.html", {})
    assert "<span class=\"govuk-visually-hidden\">Warning</span> Live figures: these are the figures" in standard
    assert 'class="govuk-warning-text"' in standard
    short = render_to_string("includes/live_warning.html", {"text": "Live figures.", "classes": "app-x"})
    assert "</span> Live figures.</strong>" in short and 'class="govuk-warning-text app-x"' in short


@pytest.mark.parametrize("markup", ["govuk-breadcrumbs", "govuk-warning-text", "app-dot--", "app-rag--", "|rag }}"])
def test_pages_include_the_partials_rather_than_copy_them(markup):
    copies = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "includes" not in path.parts and markup in path.read_text()
    ]
    assert copies == []
