"""Bad entries through the month-end entry grid: each refused in the import's exact words, linked
from the error summary to its field, every typed value kept on the page, the database unchanged."""

from html import escape

import pytest

from scorecards.models import Commentary, Indicator, Observation
from tests.builders import build_scorecard
from tests.entry_pages import entry_url, grid_fields, owner_of

pytestmark = pytest.mark.django_db

MONTH = "2021-01"
NUMBERS = 'expected a number, a mark ([x], [z], [c], n/a) or empty; found'
# (row, what is typed in it, the field the message is shown at, the message: the import's words)
CASES = [
    ("1.1", {"value": "abc"}, "value", f'{NUMBERS} "abc"'),
    ("1.1", {"value": "six hundred"}, "value", f'{NUMBERS} "six hundred"'),
    ("1.1", {"value": "1,09"}, "value", f'{NUMBERS} "1,09"'),
    ("1.1", {"value": "1e5"}, "value", f'{NUMBERS} "1e5"'),
    ("1.1", {"value": "150"}, "value", 'expected a percentage from 0 to 100 (indicator 1.1); found "150"'),
    ("1.1", {"value": "-0.5"}, "value", 'expected a percentage from 0 to 100 (indicator 1.1); found "-0.5"'),
    ("2.1", {"value": "36.8%"}, "value",
     'expected a plain number: indicator 2.1\'s unit is count, not percentage; found the percentage "36.8%"'),
    ("1.1", {"numerator": "20", "denominator": "19"}, "numerator",
     "numerator 20 is above its denominator 19 on a percentage indicator"),
    ("1.1", {"value": "50.0", "numerator": "5", "denominator": "9"}, "value",
     "value 50.0 does not match numerator / denominator 5/9 = 55.6"),
    ("1.1", {"numerator": "5"}, "denominator", "numerator 5 is given without a denominator: give both or neither"),
    ("1.1", {"denominator": "10"}, "numerator", "denominator 10 is given without a numerator: give both or neither"),
    ("1.1", {"numerator": "3", "denominator": "0"}, "denominator", "numerator 3 is over a denominator of 0"),
    ("1.1", {"numerator": "-3", "denominator": "10"}, "numerator",
     "numerator -3 is below zero: numerators are zero or more"),
    ("1.1", {"numerator": "x", "denominator": "10"}, "numerator",
     'expected a numerator (a number, zero or more); found "x"'),
    ("2.1", {"value": "123456789012345"}, "value",
     f'{NUMBERS.removesuffix("; found")} of at most 14 digits before the decimal point; found "123456789012345"'),
    ("1.1", {"numerator": "1.1234567", "denominator": "10"}, "numerator",
     'expected a numerator (a number, zero or more) with at most 6 decimal places; found "1.1234567"'),
    ("1.1", {"value": "45", "mark": "[x]"}, "value",
     'expected no value with the mark [x] (a mark stands in place of a figure); found value "45"'),
    ("1.1", {"numerator": "3", "denominator": "4", "mark": "[c]"}, "numerator",
     "expected no numerator or denominator with the mark [c] in the value column (a mark stands in place of a "
     'figure); found numerator "3" and denominator "4"'),
    ("1.1", {"value": "[p]"}, "value", f'{NUMBERS} "[p]", which comes from the status column (provisional)'),
    ("1.1", {"value": "[r]"}, "value", f'{NUMBERS} "[r]", which comes from the history of revisions'),
    ("1.1", {"value": "[x]", "mark": "[z]"}, "value", 'expected one mark; found "[x]" as the value and "[z]" as the mark'),
    ("1.1", {"mark": "[q]"}, "mark", 'expected a mark ([x], [z], [c], n/a) or empty; found "[q]"'),
    ("1.1", {"value": "45", "status": "draft"}, "status", 'expected provisional or final; found "draft"'),
    # A quarterly indicator's inputs are not shown in January; a figure posted anyway is refused.
    ("3.1", {"value": "45"}, "value", "expected a period in Mar, Jun, Sep, Dec (indicator 3.1 is quarterly); found Jan-21"),
    ("1.1", {"commentary": "Escape \x1b[31m red"}, "commentary",
     "expected text without control characters; found U+001B at character 8"),
    ("1.1", {"exception": "Reversed \u202etext"}, "exception",
     "expected text without control characters; found U+202E at character 10"),
    ("1.1", {"commentary": "Null \x00 byte"}, "commentary",
     "expected text without control characters; found U+0000 at character 6"),
    ("1.1", {"commentary": "x" * 10_001}, "commentary", "expected at most 10,000 characters; found 10,001"),
    ("1.1", {"exception": ">" * 11 + " deep"}, "exception",
     "expected block quotes and lists nested at most 10 levels deep (each >, list marker or 4 spaces of indent is "
     "a level); found 11 on line 1"),
    ("section", {"text": "Narrative \x07 bell"}, "text",
     "expected text without control characters; found U+0007 at character 11"),
]


@pytest.fixture
def grid(client):
    scorecard = build_scorecard(indicator_count=3)
    section = scorecard.sections.get()
    for number, unit, decimals, frequency in (("2.1", "count", 0, "monthly"), ("3.1", "percentage", 1, "quarterly")):
        Indicator.objects.create(scorecard=scorecard, section=section, number=number, name=f"Indicator {number}",
                                 polarity="High", unit=unit, decimals=decimals, frequency=frequency)
    officer = owner_of(scorecard)
    scorecard.owners.add(officer)  # and so the section's narrative
    client.force_login(officer)
    return scorecard


def stored_state():
    return (
        sorted(Observation.objects.values_list("indicator__number", "period", "value", "numerator", "denominator",
                                               "mark", "status", "updated_at")),
        sorted(Commentary.objects.values_list("kind", "text", "updated_at")),
        Observation.history.count(),
        Commentary.history.count(),
    )


@pytest.mark.parametrize(("number", "typed", "field", "message"), CASES,
                         ids=[f"{n}-{'-'.join(t)}-{i}" for i, (n, t, _, _) in enumerate(CASES)])
def test_a_bad_entry_is_refused_in_the_imports_words_and_nothing_is_lost(client, grid, number, typed, field, message):
    url = entry_url(grid.slug, MONTH)
    fields = grid_fields(client.get(url).content.decode())
    ids = dict(Indicator.objects.filter(scorecard=grid).values_list("number", "pk"))
    section = grid.sections.get().pk
    prefix = f"s{section}" if number == "section" else f"i{ids[number]}"
    posted = {**fields, **{f"{prefix}-{name}": value for name, value in typed.items()}}
    # Good values elsewhere on the grid, which must stay on the page.
    posted[f"i{ids['1.2']}-value"] = "47.5"
    posted[f"i{ids['1.2']}-commentary"] = "Kept **commentary**"
    if number != "section":
        posted[f"s{section}-text"] = "Kept narrative"
    before = stored_state()

    response = client.post(url, posted)

    assert response.status_code == 200
    html = response.content.decode()
    assert stored_state() == before
    assert html.startswith("<!DOCTYPE html>") and "<title>Error: " in html
    link = f'href="#id_{prefix}-{field}"'
    assert link in html, f"no error summary link {link}"
    assert escape(message, quote=True) in html or escape(message, quote=False) in html
    kept = grid_fields(html)
    for name, value in typed.items():
        # What was typed stays in its input (control characters are kept as typed, for fixing).
        assert kept[f"{prefix}-{name}"] == value.replace("\x00", "\ufffd") or name == "commentary" and "\x00" in value
    assert kept[f"i{ids['1.2']}-value"] == "47.5"
    assert kept[f"i{ids['1.2']}-commentary"] == "Kept **commentary**"
    if number != "section":
        assert kept[f"s{section}-text"] == "Kept narrative"


def test_a_future_month_is_refused(client, grid):
    from django.utils import timezone

    from scorecards.compute.periods import Month

    today = timezone.localdate()
    month = Month(today.year, today.month)
    url = entry_url(grid.slug, str(month))
    fields = grid_fields(client.get(url).content.decode())
    one = Indicator.objects.get(scorecard=grid, number="1.1").pk
    before = stored_state()
    html = client.post(url, {**fields, f"i{one}-value": "45.0"}).content.decode()
    assert stored_state() == before
    message = (f"expected a month that has ended (a figure is for a whole month, up to {month.plus(-1).abbreviation()} "
               f"today); found {month.abbreviation()}")
    assert escape(message) in html
    assert f'href="#id_i{one}-value"' in html
    assert grid_fields(html)[f"i{one}-value"] == "45.0"
