from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import ColumnView, Rag
from scorecards.figures import PUBLISHED_MONTHS
from scorecards.models import Publication
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
# The page's switches, kept when the filters are cleared: live figures, notes, choice of columns.
PAGE_SWITCHES = ("live", "notes", "columns")


def wants_notes(query: QueryDict) -> bool:
    """The "show commentary and exception notes" switch: `?notes=1`, kept in the URL like the filters."""
    return query.get("notes") == "1"


def changed_query(query: QueryDict, **changes: str | None) -> str:
    """The query string with each named parameter set (or removed, for None), the rest kept."""
    changed = query.copy()
    for name, value in changes.items():
        changed.pop(name, None)
        if value is not None:
            changed[name] = value
    return changed.urlencode()


def kept_query(query: QueryDict, names: tuple[str, ...]) -> str:
    """The query string with only the named parameters."""
    kept = QueryDict(mutable=True)
    for name in names:
        if name in query:
            kept.setlist(name, query.getlist(name))
    return kept.urlencode()


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
    return [
        ColumnLink(view, f"?{changed_query(query, columns=None if view == DEFAULT_COLUMNS else view.value)}", view == shown)
        for view in ColumnView
    ]


LIVE = "live"


class ChangesForm(forms.Form):
    """Which issue of the month to compare, and with what: the live figures (staff only) or a
    later issue whose 24 months include the month. A plain GET form; both choices have defaults."""

    issue = forms.TypedChoiceField(
        required=False, coerce=int, label="Issue as presented",
        error_messages={"invalid_choice": "Select an issue of this month from the list"},
    )
    against = forms.ChoiceField(
        required=False, label="Compare with",
        error_messages={"invalid_choice": "Select what to compare with from the list"},
    )

    def __init__(self, *args, publications: list[Publication], as_at: Month, live: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.of_month = [p for p in publications if (p.as_at.year, p.as_at.month) == (as_at.year, as_at.month)]
        self.fields["issue"].choices = [(p.issue, p.status_line) for p in reversed(self.of_month)]
        self.base = self._chosen_base()
        later = []
        if self.base is not None:
            later = [
                p for p in publications
                if p.published_at > self.base.published_at
                and 0 <= as_at.months_until(Month(p.as_at.year, p.as_at.month)) < PUBLISHED_MONTHS
            ]
        self.later = {str(p.pk): p for p in reversed(later)}  # latest first
        choices = [(LIVE, "The live figures as they stand now")] if live else []
        choices += [
            (key, f"{Month(p.as_at.year, p.as_at.month).long_name()}, {p.status_line}") for key, p in self.later.items()
        ]
        self.fields["against"].choices = choices

    def _chosen_base(self) -> Publication | None:
        wanted = self.data.get("issue")
        for publication in reversed(self.of_month):
            if not wanted or str(publication.issue) == wanted:
                return publication
        return self.of_month[-1] if self.of_month else None

    @property
    def against_choice(self) -> str | None:
        """What the base is compared with: the choice made, else the first offered; None if nothing."""
        chosen = self.cleaned_data.get("against") if self.is_valid() else None
        if chosen:
            return chosen
        return self.fields["against"].choices[0][0] if self.fields["against"].choices else None

    @property
    def against_publication(self) -> Publication | None:
        """The later publication compared with; None for the live figures."""
        choice = self.against_choice
        return None if choice in (None, LIVE) else self.later[choice]
