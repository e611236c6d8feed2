"""The month-end entry grid: who may use it, what it saves (with history), lost updates refused,
corrections of published figures explained and marked [r], and queries whatever the size."""

from datetime import date
from decimal import Decimal
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from scorecards.compute.periods import Month
from scorecards.models import Commentary, Indicator, Observation, Publication
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard
from tests.conftest import make_user
from tests.entry_pages import entry_url, grid_fields, owner_of, person

pytestmark = pytest.mark.django_db

JAN, DEC = "2021-01", "2020-12"


def ids(scorecard) -> dict[str, int]:
    return dict(Indicator.objects.filter(scorecard=scorecard).values_list("number", "pk"))


def load(client, scorecard, month=JAN) -> dict[str, str]:
    response = client.get(entry_url(scorecard.slug, month))
    assert response.status_code == 200
    return grid_fields(response.content.decode())


# -- who may use it -------------------------------------------------------------------

# (who, GET status, POST status, whether the figure posted for indicator 1.1 is saved): anonymous
# people are sent to sign in; a scorecard's owner writes its narratives, and enters figures only
# for the indicators they own (Indicator.is_owned_by).
PERMISSIONS = [
    ("anonymous", 302, 302, False),
    ("councillor", 403, 403, False),
    ("scorecard owner", 200, 200, False),
    ("indicator owner", 200, 200, True),
    ("officer owning nothing", 403, 403, False),
    ("governance advisor", 403, 403, False),
    ("admin", 200, 200, True),
]




@pytest.mark.parametrize(("who", "get_status", "post_status", "saves"), PERMISSIONS, ids=[p[0] for p in PERMISSIONS])
def test_who_may_use_the_entry_grid(client, who, get_status, post_status, saves):
    scorecard = build_scorecard(indicator_count=2)
    user = person(who, scorecard)
    if user is not None:
        client.force_login(user)
    url = entry_url(scorecard.slug, JAN)
    response = client.get(url)
    assert response.status_code == get_status
    if get_status == 302:
        assert response["Location"].startswith("/sign-in/?next=")
    pk = ids(scorecard)["1.1"]
    before = Observation.objects.count()
    response = client.post(url, {f"i{pk}-value": "44.4", f"i{pk}-version": "new", f"i{pk}-status": "final"})
    assert response.status_code == post_status
    assert Observation.objects.count() == before + saves


def test_an_officer_sees_and_saves_only_their_own_rows(client):
    scorecard = build_scorecard(indicator_count=3)
    officer = owner_of(scorecard, numbers=["1.1"])
    client.force_login(officer)
    fields = load(client, scorecard)
    numbers = ids(scorecard)
    assert f"i{numbers['1.1']}-value" in fields and f"i{numbers['1.2']}-value" not in fields
    # Fields of another officer's indicator, posted anyway, change nothing.
    client.post(entry_url(scorecard.slug, JAN), {**fields, f"i{numbers['1.1']}-value": "41.0",
                                                 f"i{numbers['1.2']}-value": "42.0", f"i{numbers['1.2']}-version": "new",
                                                 f"i{numbers['1.2']}-commentary": "Not mine"})
    assert Observation.objects.filter(period=date(2021, 1, 1)).count() == 1
    assert not Commentary.objects.exists()


def test_a_scorecard_owner_writes_every_narrative_and_the_link_shows_on_the_scorecard(client):
    scorecard = build_scorecard(indicator_count=2)
    publish_scorecard(scorecard, Month.parse(DEC))
    owner = make_user("owner", Role.PERFORMANCE_OFFICER)
    scorecard.owners.add(owner)
    client.force_login(owner)
    page = client.get(f"/scorecards/{scorecard.slug}/{DEC}/").content.decode()
    assert f'href="/scorecards/{scorecard.slug}/{JAN}/entry/">Enter figures for January 2021' in page
    fields = load(client, scorecard)
    section = scorecard.sections.get().pk
    assert not any(name.startswith("i") for name in fields)  # no indicator of theirs
    client.post(entry_url(scorecard.slug, JAN), {**fields, f"s{section}-text": "Placements rose."})
    note = Commentary.objects.get(section_id=section)
    assert (note.kind, note.text, note.author, note.period) == ("significant_changes", "Placements rose.", owner,
                                                                date(2021, 1, 1))


# -- saving ---------------------------------------------------------------------------


def test_a_save_writes_the_figures_with_history_and_shows_the_computed_figures(client):
    scorecard = build_scorecard(indicator_count=2)
    officer = owner_of(scorecard)
    client.force_login(officer)
    numbers = ids(scorecard)
    one, two = f"i{numbers['1.1']}", f"i{numbers['1.2']}"
    fields = load(client, scorecard)
    response = client.post(entry_url(scorecard.slug, JAN), {
        **fields, f"{one}-numerator": "31", f"{one}-denominator": "100", f"{one}-status": "provisional",
        f"{two}-value": "52.46", f"{one}-exception": "Fewer placements: <script>alert(1)</script>",
    })
    html = response.content.decode()
    assert response.status_code == 200 and "Saved 3 changes." in html
    assert "Indicator 1.2: 52.46 rounded to 52.5: indicator 1.2 is shown to 1 decimal place" in html
    first = Observation.objects.get(indicator_id=numbers["1.1"], period=date(2021, 1, 1))
    assert (first.value, first.numerator, first.denominator, first.status) == (
        Decimal("31.0"), Decimal(31), Decimal(100), "provisional")
    assert Observation.objects.get(indicator_id=numbers["1.2"], period=date(2021, 1, 1)).value == Decimal("52.5")
    record = first.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", officer, "entered on the month-end grid")
    # Markdown (and HTML) is stored as typed; the page shows it escaped.
    note = Commentary.objects.get(kind="exception")
    assert note.text == "Fewer placements: <script>alert(1)</script>"
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # After the save: the month's computed figures, and fresh versions in the inputs.
    assert "RAG in month" in html and "Red" in html
    saved = grid_fields(html)
    assert saved[f"{one}-value"] == "31.0" and saved[f"{one}-version"] == first.updated_at.isoformat()
    # Saving the page again as it is changes nothing.
    assert "Nothing to save" in client.post(entry_url(scorecard.slug, JAN), saved).content.decode()
    assert Observation.history.count() == 2


def test_clearing_a_figure_deletes_it_with_history(client):
    scorecard = build_scorecard(indicator_count=1)
    officer = owner_of(scorecard)
    client.force_login(officer)
    one = f"i{ids(scorecard)['1.1']}"
    fields = load(client, scorecard)
    client.post(entry_url(scorecard.slug, JAN), {**fields, f"{one}-value": "40.0"})
    fields = load(client, scorecard)
    client.post(entry_url(scorecard.slug, JAN), {**fields, f"{one}-value": ""})
    assert not Observation.objects.filter(period=date(2021, 1, 1)).exists()
    assert list(Observation.history.filter(period=date(2021, 1, 1)).values_list("history_type", flat=True)
                .order_by("history_id")) == ["+", "-"]


def test_a_quarterly_indicator_has_inputs_only_in_its_months(client):
    scorecard = build_scorecard(indicator_count=1)
    Indicator.objects.update(frequency="quarterly")
    client.force_login(owner_of(scorecard))
    one = f"i{ids(scorecard)['1.1']}"
    january = client.get(entry_url(scorecard.slug, JAN)).content.decode()
    assert f'name="{one}-value"' not in january
    assert "No figure is due for January 2021: a quarterly indicator. The next is due for March 2021." in january
    assert f'name="{one}-commentary"' in january  # notes may still be written
    assert f'name="{one}-value"' in client.get(entry_url(scorecard.slug, "2021-03")).content.decode()


def test_a_red_row_opens_its_notes_in_place(client):
    scorecard = build_scorecard(indicator_count=1)
    client.force_login(owner_of(scorecard))
    html = client.get(entry_url(scorecard.slug, DEC)).content.decode()
    # December's 40.0% against a target of 50%+ (red below 40%): amber, so closed; make it red.
    Observation.objects.filter(period=date(2020, 12, 1)).update(value=Decimal("30.0"), numerator=30)
    html = client.get(entry_url(scorecard.slug, DEC)).content.decode()
    assert '<details class="govuk-details app-entry-notes" open>' in html
    assert "red, an exception note is needed" in html


def test_two_hundred_indicators_save(client, settings):
    scorecard = build_scorecard(indicator_count=200, months=2)
    client.force_login(owner_of(scorecard))
    fields = load(client, scorecard)
    assert len(fields) > 1_000  # more than Django's default limit of fields in a POST
    typed = {name: "45.5" for name in fields if name.endswith("-value")}
    response = client.post(entry_url(scorecard.slug, JAN), {**fields, **typed})
    assert response.status_code == 200 and "Saved 200 changes." in response.content.decode()
    assert Observation.objects.filter(period=date(2021, 1, 1), value=Decimal("45.5")).count() == 200
    assert Observation.history.filter(period=date(2021, 1, 1)).count() == 200


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_grid_uses_the_same_queries_for_5_and_200_indicators(client, method):
    counts = []
    for size in (5, 200):
        scorecard = build_scorecard(indicator_count=size, slug=f"card-{size}", months=3)
        officer = owner_of(scorecard, f"officer-{size}")
        scorecard.owners.add(officer)
        client.force_login(officer)
        url = entry_url(scorecard.slug, JAN)
        fields = load(client, scorecard)
        first = f"i{ids(scorecard)['1.1']}"
        section = scorecard.sections.get().pk
        # One figure, one note and the narrative change, whatever the size.
        changed = {**fields, f"{first}-value": "44.0", f"{first}-commentary": "Steady.", f"s{section}-text": "Stable."}
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url) if method == "GET" else client.post(url, changed)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# -- no lost updates ------------------------------------------------------------------


def test_the_second_save_of_a_row_is_refused_with_the_first_persons_values(client, django_user_model):
    from django.test import Client

    scorecard = build_scorecard(indicator_count=2)
    alice = owner_of(scorecard, "alice")
    alice.first_name, alice.last_name = "Alice", "Officer"
    alice.save()
    bob = owner_of(scorecard, "bob")
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(bob)
    numbers = ids(scorecard)
    one, two = f"i{numbers['1.1']}", f"i{numbers['1.2']}"
    alices = load(first, scorecard, DEC)
    bobs = load(second, scorecard, DEC)

    first.post(entry_url(scorecard.slug, DEC), {**alices, f"{one}-value": "", f"{one}-numerator": "55",
                                                f"{one}-denominator": "100", f"{one}-commentary": "Alice's note"})
    response = second.post(entry_url(scorecard.slug, DEC), {
        **bobs, f"{one}-value": "", f"{one}-numerator": "48", f"{one}-denominator": "100",
        f"{one}-commentary": "Bob's note", f"{two}-value": "", f"{two}-numerator": "60", f"{two}-denominator": "100",
    })
    html = response.content.decode()
    assert response.status_code == 200
    # Alice's figure and note stand; Bob's other row is saved.
    assert Observation.objects.get(indicator_id=numbers["1.1"], period=date(2020, 12, 1)).value == Decimal("55.0")
    assert Observation.objects.get(indicator_id=numbers["1.2"], period=date(2020, 12, 1)).value == Decimal("60.0")
    assert Commentary.objects.get().text == "Alice's note"
    assert "Not saved" in html and "Alice Officer saved the figure: value 55.0 (numerator 55, denominator 100), final" in html
    assert "Alice Officer saved the commentary: Alice&#x27;s note" in html
    # Bob's values stay in his inputs; saving again is his deliberate choice to replace Alice's.
    kept = grid_fields(html)
    assert (kept[f"{one}-numerator"], kept[f"{one}-commentary"]) == ("48", "Bob's note")
    second.post(entry_url(scorecard.slug, DEC), kept)
    assert Observation.objects.get(indicator_id=numbers["1.1"], period=date(2020, 12, 1)).value == Decimal("48.0")


def test_a_row_left_alone_never_overwrites_someone_elses_save(client):
    """Bob's grid was loaded before Alice saved 1.1; Bob saves 1.2 only. His untouched 1.1 is
    neither refused nor written, then or on any later save: Alice's figure stands."""
    from django.test import Client

    scorecard = build_scorecard(indicator_count=2)
    alice, bob = owner_of(scorecard, "alice"), owner_of(scorecard, "bob")
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(bob)
    numbers = ids(scorecard)
    one, two = f"i{numbers['1.1']}", f"i{numbers['1.2']}"
    alices, bobs = load(first, scorecard, DEC), load(second, scorecard, DEC)
    first.post(entry_url(scorecard.slug, DEC), {**alices, f"{one}-value": "", f"{one}-numerator": "55",
                                                f"{one}-denominator": "100", f"{one}-commentary": "Alice's note"})
    response = second.post(entry_url(scorecard.slug, DEC), {
        **bobs, f"{two}-value": "", f"{two}-numerator": "60", f"{two}-denominator": "100",
    })
    html = response.content.decode()
    assert "Not saved" not in html
    figure = Observation.objects.get(indicator_id=numbers["1.1"], period=date(2020, 12, 1))
    assert figure.value == Decimal("55.0") and Commentary.objects.get().text == "Alice's note"
    assert Observation.objects.get(indicator_id=numbers["1.2"], period=date(2020, 12, 1)).value == Decimal("60.0")
    # The page now shows Alice's figure; saving it again as shown changes nothing.
    assert grid_fields(html)[f"{one}-numerator"] == "55"
    second.post(entry_url(scorecard.slug, DEC), grid_fields(html))
    assert Observation.objects.get(pk=figure.pk).value == Decimal("55.0")


# -- corrections ----------------------------------------------------------------------


def test_correcting_a_published_figure_needs_a_reason_kept_in_the_history_and_marked_r(client):
    scorecard = build_scorecard(indicator_count=2)
    for row in Observation.objects.filter(period=date(2020, 12, 1)):
        row.save()  # the builder bulk-creates without history; record the figures as entered
    publication, _ = publish_scorecard(scorecard, Month.parse(DEC))
    frozen = Publication.objects.get().snapshot
    officer = owner_of(scorecard)
    client.force_login(officer)
    numbers = ids(scorecard)
    one, two = f"i{numbers['1.1']}", f"i{numbers['1.2']}"
    fields = load(client, scorecard, DEC)
    assert "December 2020 is shown in a publication" in client.get(entry_url(scorecard.slug, DEC)).content.decode()
    changed = {**fields, f"{one}-value": "", f"{one}-numerator": "59", f"{one}-denominator": "100",
               f"{two}-value": "", f"{two}-numerator": "61", f"{two}-denominator": "100"}

    refused = client.post(entry_url(scorecard.slug, DEC), changed).content.decode()
    message = ("expected a reason for correcting published figures: Dec-20 is shown in a publication and the "
               "figures of indicators 1.1 and 1.2 for Dec-20 change; found an empty reason")
    assert escape(message) in refused and 'href="#id_reason"' in refused
    assert Observation.objects.get(indicator_id=numbers["1.1"], period=date(2020, 12, 1)).value == Decimal("40.0")
    assert grid_fields(refused)[f"{one}-numerator"] == "59"

    client.post(entry_url(scorecard.slug, DEC), {**changed, "reason": "Late returns from two teams"})
    corrected = Observation.objects.get(indicator_id=numbers["1.1"], period=date(2020, 12, 1))
    assert corrected.value == Decimal("59.0")
    latest = corrected.history.order_by("-history_id").first()
    assert (latest.history_change_reason, latest.history_user) == ("Late returns from two teams", officer)
    assert Publication.objects.get().snapshot == frozen
    live = client.get(f"/scorecards/{scorecard.slug}/{DEC}/?live=1").content.decode()
    assert '<abbr title="revised since it was first published">[r]</abbr>' in live
    published = client.get(f"/scorecards/{scorecard.slug}/{DEC}/").content.decode()
    assert "<abbr title=\"revised since it was first published\">[r]</abbr>" not in published


def test_a_status_or_a_note_in_a_published_month_needs_no_reason(client):
    scorecard = build_scorecard(indicator_count=1)
    publish_scorecard(scorecard, Month.parse(DEC))
    client.force_login(owner_of(scorecard))
    one = f"i{ids(scorecard)['1.1']}"
    fields = load(client, scorecard, DEC)
    html = client.post(entry_url(scorecard.slug, DEC), {**fields, f"{one}-status": "provisional",
                                                        f"{one}-commentary": "Checked."}).content.decode()
    assert "Saved 2 changes." in html
