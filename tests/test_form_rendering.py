"""GOV.UK form markup from Django's form renderer (templates/django/forms/) and the error summary."""

from html.parser import HTMLParser

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from scorecards.forms import ScorecardFilterForm

SECTIONS = ["LOOKED AFTER CHILDREN", "CARE LEAVERS"]


class ThrowawayForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As it appears on your passport")
    colour = forms.ChoiceField(label="Colour", choices=[("", "Choose a colour"), ("red", "Red"), ("green", "Green")])
    agree = forms.BooleanField(label="I agree to the terms")
    size = forms.ChoiceField(
        label="Size", choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect, help_text="Choose one"
    )
    extras = forms.MultipleChoiceField(
        label="Extras", choices=[("a", "Apples"), ("b", "Bananas")], widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the whole fragment."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def by_id(self, element_id: str) -> tuple[str, dict[str, str]]:
        matches = [(tag, attrs) for tag, attrs in self.tags if attrs.get("id") == element_id]
        assert len(matches) == 1, f"{len(matches)} elements with id {element_id}"
        return matches[0]

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.tags if name in attrs.get("class", "").split()]

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.tags if "id" in attrs}



def summary_links(html: str) -> list[str]:
    """The links in the error summary, in order."""
    start = html.index('<div class="govuk-error-summary"')
    summary = Elements(html[start : html.index("</ul>", start)])
    return [attrs["href"] for tag, attrs in summary.tags if tag == "a"]


@pytest.fixture
def invalid():
    form = ThrowawayForm(data={"notes": ""})
    assert not form.is_valid()
    return form


def test_each_field_is_a_govuk_form_group_with_its_error(invalid):
    page = Elements(str(invalid))
    assert len(page.with_class("govuk-form-group")) == 6
    assert len(page.with_class("govuk-form-group--error")) == 6
    assert page.by_id("id_name")[1]["class"] == "govuk-input govuk-input--error"
    assert page.by_id("id_colour")[0] == "select"
    assert page.by_id("id_colour")[1]["class"] == "govuk-select govuk-select--error"
    assert page.by_id("id_notes")[0] == "textarea"
    assert page.by_id("id_notes")[1]["class"] == "govuk-textarea govuk-textarea--error"
    assert page.by_id("id_agree")[1]["class"] == "govuk-checkboxes__input"
    assert page.by_id("id_size_0")[1]["class"] == "govuk-radios__input"
    assert page.by_id("id_extras_1")[1]["class"] == "govuk-checkboxes__input"
    assert len(page.with_class("govuk-radios")) == 1 and len(page.with_class("govuk-checkboxes")) == 2
    labels = {attrs["for"] for attrs in page.with_class("govuk-label")}
    assert labels == {"id_name", "id_colour", "id_agree", "id_size_0", "id_size_1", "id_extras_0", "id_extras_1", "id_notes"}
    assert [attrs["class"] for attrs in page.with_class("govuk-fieldset__legend")] == ["govuk-fieldset__legend"] * 2


def test_error_messages_carry_the_hidden_error_prefix(invalid):
    html = str(invalid)
    assert html.count('<span class="govuk-visually-hidden">Error:</span> This field is required.') == 6
    assert '<p class="govuk-error-message" id="id_name_error">' in html


def test_hint_and_error_are_linked_by_aria_describedby(invalid):
    page = Elements(str(invalid))
    assert page.by_id("id_name_helptext")[1]["class"] == "govuk-hint"
    assert page.by_id("id_name")[1]["aria-describedby"] == "id_name_helptext id_name_error"
    assert page.by_id("id_colour")[1]["aria-describedby"] == "id_colour_error"
    # Radios and checkboxes: on the fieldset, as GOV.UK does.
    fieldsets = [attrs for tag, attrs in page.tags if tag == "fieldset"]
    assert [attrs["aria-describedby"] for attrs in fieldsets] == ["id_size_helptext id_size_error", "id_extras_error"]
    described = {name for _, attrs in page.tags for name in attrs.get("aria-describedby", "").split()}
    assert described <= page.ids()


def test_a_valid_form_has_no_error_markup():
    form = ThrowawayForm(data={"name": "A", "colour": "red", "agree": "on", "size": "s", "extras": ["a"], "notes": "x"})
    assert form.is_valid()
    html = str(form)
    assert "--error" not in html and "govuk-error-message" not in html and "aria-invalid" not in html
    assert render_to_string("includes/error_summary.html", {"form": form}).strip() == ""


def test_error_summary_links_each_error_to_its_field(invalid):
    summary = render_to_string("includes/error_summary.html", {"form": invalid})
    parsed = Elements(summary)
    assert parsed.with_class("govuk-error-summary")[0]["data-module"] == "govuk-error-summary"
    assert "There is a problem" in "".join(parsed.text)
    links = summary_links(summary)
    assert links == ["#id_name", "#id_colour", "#id_agree", "#id_size_0", "#id_extras_0", "#id_notes"]
    assert {link[1:] for link in links} <= Elements(str(invalid)).ids()


def test_errors_of_the_whole_form_show_and_link_at_the_first_field():
    class NeedsOne(forms.Form):
        email = forms.EmailField(required=False)
        phone = forms.CharField(required=False)

        def clean(self):
            raise forms.ValidationError("Enter an email address or a phone number")

    form = NeedsOne(data={})
    html = str(form)
    first_group = html.split('<div class="govuk-form-group')[1]
    assert first_group.startswith(" govuk-form-group--error")
    assert "Enter an email address or a phone number" in first_group
    assert summary_links(render_to_string("includes/error_summary.html", {"form": form})) == ["#id_email"]


def test_widget_classes_follow_the_govuk_ones():
    class Widths(forms.Form):
        name = forms.CharField(widget=forms.TextInput(attrs={"class": "govuk-!-width-one-half"}))
        tick = forms.BooleanField(widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes--small"}))

    page = Elements(str(Widths()))
    assert page.by_id("id_name")[1]["class"] == "govuk-input govuk-!-width-one-half"
    assert page.by_id("id_tick")[1]["class"] == "govuk-checkboxes__input"
    assert page.with_class("govuk-checkboxes")[0]["class"] == "govuk-checkboxes govuk-checkboxes--small"


def test_the_filter_form_keeps_its_ids_and_look():
    page = Elements(str(ScorecardFilterForm({"rag": "red", "exceptions": "on"}, sections=SECTIONS)))
    assert [page.by_id(f"id_{name}")[0] for name in ("section", "rag", "dot", "exceptions")] == ["select"] * 3 + ["input"]
    assert page.by_id("id_rag")[1]["class"] == "govuk-select"
    assert "checked" in page.by_id("id_exceptions")[1]
    assert page.with_class("govuk-checkboxes")[0]["class"] == "govuk-checkboxes govuk-checkboxes--small"
    assert not page.with_class("govuk-form-group--error")


def test_the_filter_form_says_what_to_choose():
    form = ScorecardFilterForm({"rag": "purple"}, sections=SECTIONS)
    summary = render_to_string("includes/error_summary.html", {"form": form})
    assert summary_links(summary) == ["#id_rag"]
    assert "Select a rating from the list" in summary


@pytest.mark.django_db
def test_sign_in_with_nothing_entered_shows_the_error_summary(client):
    response = client.post(reverse("accounts:login"), {})
    page = Elements(response.content.decode())
    assert response.status_code == 200
    assert "".join(page.text).count("There is a problem") == 1
    assert summary_links(response.content.decode()) == ["#id_username", "#id_password"]
    assert {"id_username", "id_password"} <= page.ids()
    assert page.by_id("id_username")[1]["aria-describedby"] == "id_username_error"
    assert "<title>Error: Sign in" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_with_a_wrong_password_links_the_error_to_the_username(client, officer):
    response = client.post(
        reverse("accounts:login"), {"username": "officer1", "password": "wrong"}, REMOTE_ADDR="203.0.113.10"
    )
    page = Elements(response.content.decode())
    assert summary_links(response.content.decode()) == ["#id_username"]
    username_group = response.content.decode().split('<div class="govuk-form-group')[1]
    assert username_group.startswith(" govuk-form-group--error")
    assert '<span class="govuk-visually-hidden">Error:</span> Enter a correct username and password' in username_group
    assert page.by_id("id_username")[1]["value"] == "officer1"
    assert "autofocus" not in page.by_id("id_username")[1]


@pytest.mark.django_db
def test_the_sign_in_page_without_errors_has_no_summary(client):
    content = client.get(reverse("accounts:login")).content.decode()
    assert "govuk-error-summary" not in content and "<title>Sign in" in content


@pytest.mark.django_db
def test_the_scorecard_page_shows_the_summary_for_a_bad_filter(client, published_demo):
    content = client.get("/scorecards/corporate-parenting/2020-12/?rag=purple").content.decode()
    page = Elements(content)
    assert "<title>Error: " in content
    assert summary_links(content) == ["#id_rag"]
    assert page.by_id("id_rag")[1]["class"] == "govuk-select govuk-select--error"
    assert "open" in [attrs for tag, attrs in page.tags if tag == "details"][0]
