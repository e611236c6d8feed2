from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from scorecards.compute.vocabulary import ColumnView, Rag
from scorecards.presentation import Filters, dot_key


class ScorecardFilterForm(forms.Form):
    """The filters above the scorecard table: a plain GET form, no JavaScript, rendered by {{ form }}."""

    section = forms.ChoiceField(
        required=False, label="Section", error_messages={"invalid_choice": "Select a section from the list"}
    )
    rag = forms.ChoiceField(
        required=False,
        label="Rating (RAG)",
        error_messages={"invalid_choice": "Select a rating from the list"},
        choices=[("", "Any rating"), *Rag.choices(), ("none", "No rating")],
    )
    dot = forms.ChoiceField(
        required=False,
        label="Direction of travel",
        error_messages={"invalid_choice": "Select a direction of travel from the list"},
    )
    exceptions = forms.BooleanField(
        required=False,
        label="Exceptions only: red, or declined in each of the last two periods",
        # On a checkbox the class goes on its govuk-checkboxes container (templates/django/forms/).
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes--small"}),
    )

    def __init__(self, *args, sections: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "All sections"), *[(title, title) for title in sections]]
        self.fields["dot"].choices = [
            ("", "Any direction"),
            *[(item.state, f"{item.glyph} {item.words}") for item in dot_key()],
            ("none", "No direction of travel"),
        ]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        return Filters(**self.cleaned_data)


DEFAULT_COLUMNS = ColumnView.FIGURES


def chosen_columns(query: QueryDict) -> tuple[ColumnView, str | None]:
    """The groups of columns asked for in `?columns=`, and what is wrong with the ask if anything."""
    value = query.get("columns", "")
    if not value:
        return DEFAULT_COLUMNS, None
    try:
        return ColumnView(value), None
    except ValueError:
        return DEFAULT_COLUMNS, (
            f"There is no choice of columns called \u201c{value[:50]}\u201d: showing "
            f"{DEFAULT_COLUMNS.label.lower()}. Choose one of the links."
        )


@dataclass(frozen=True)
class ColumnLink:
    view: ColumnView
    href: str  # the page's query string with this choice of columns, the other parameters kept
    current: bool


def column_links(query: QueryDict, shown: ColumnView) -> list[ColumnLink]:
    links = []
    for view in ColumnView:
        changed = query.copy()
        changed.pop("columns", None)
        if view != DEFAULT_COLUMNS:
            changed["columns"] = view.value
        links.append(ColumnLink(view, f"?{changed.urlencode()}", view == shown))
    return links
