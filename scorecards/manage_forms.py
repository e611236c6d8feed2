"""The management screens' forms (docs/architecture.md, managing scorecards).

Django renders them (templates/django/forms/); what a value may be is decided by the shared
entry rules (`compute.entry`), so a mistake reads as it does in the workbook import. Choice
fields are plain text fields showing the vocabulary's options, so that a posted value outside
them is refused by `read_choice` in the import's words, not by Django's own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from scorecards.compute.entry import (
    REASON_LENGTH,
    SECTION_LENGTH,
    TITLE_LENGTH,
    Read,
    check_deadline_day,
    check_start_month,
    found,
    read_choice,
    read_slug,
    read_text,
)
from scorecards.compute.vocabulary import (
    ARROW_CONVENTION_WORDS,
    DOT_BASIS_WORDS,
    MONTH_NAMES,
    ArrowConvention,
    DotBasis,
    PublicationFrequency,
)
from scorecards.compute.working_days import LATEST_DEADLINE_DAY
from scorecards.manage_selectors import IndicatorOwners, performance_officers, person_name
from scorecards.models import Scorecard, Section
from scorecards.services.manage import ScorecardSettings, changes_live_figures
from scorecards.stale_edits import scorecard_version, version_field

REASON_NEEDED = ("Enter a reason for the change: the reporting year start and how direction of travel is "
                 "judged change the live figures of a scorecard that has been published")


def _value(read: Read) -> Any:
    if read.problem is not None:
        raise forms.ValidationError(read.problem.message)
    return read.value


def _whole(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else None


def owners_field(help_text: str) -> forms.ModelMultipleChoiceField:
    """Who owns a scorecard or an indicator: performance officers, as small checkboxes by name."""
    field = forms.ModelMultipleChoiceField(
        queryset=performance_officers(), required=False, label="Owners", help_text=help_text,
        error_messages={"invalid_choice": "Select owners from the list", "invalid_pk_value": "Select owners from the list"},
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
    )
    field.label_from_instance = person_name
    return field


class ScorecardForm(forms.Form):
    """A new scorecard (with its slug) or an existing one's settings (the slug stays: it is in
    every address and download name of the scorecard)."""

    title = forms.CharField(label="Title", error_messages={"required": "Enter the scorecard's title"},
                            widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}))
    slug = forms.CharField(
        label="Short name for its web address",
        help_text="Letters, digits, - and _, for example corporate-parenting. It cannot be changed later.",
        error_messages={"required": "Enter a short name for the web address"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-one-half", "spellcheck": "false"}),
    )
    year_start_month = forms.CharField(
        label="Reporting year starts in",
        help_text="The first month of each reporting year: April for most councils.",
        error_messages={"required": "Select the month the reporting year starts in"},
        widget=forms.Select(choices=[(str(number), name) for number, name in MONTH_NAMES.items()]),
    )
    dot_basis = forms.CharField(
        label="How direction of travel is judged",
        error_messages={"required": "Select how direction of travel is judged"},
        widget=forms.RadioSelect(choices=[(basis.value, f"{words.name}: {words.meaning}")
                                          for basis, words in DOT_BASIS_WORDS.items()]),
    )
    arrow_convention = forms.CharField(
        label="How arrows are drawn",
        error_messages={"required": "Select how arrows are drawn"},
        widget=forms.RadioSelect(choices=[(convention.value, f"{words.name}: {words.meaning}")
                                          for convention, words in ARROW_CONVENTION_WORDS.items()]),
    )
    publication_frequency = forms.CharField(
        label="How often it is published",
        help_text="The list of scorecards is grouped by it.",
        error_messages={"required": "Select how often it is published"},
        widget=forms.RadioSelect(choices=PublicationFrequency.choices()),
    )
    deadline_working_day = forms.CharField(
        label="Month-end deadline: working day after the month ends",
        help_text=f"A month is due signed off by this working day, from 1 to {LATEST_DEADLINE_DAY}. "
        "10 is two working weeks.",
        error_messages={"required": "Enter the working day of the month-end deadline"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
    )
    owners = owners_field("Performance officers who sign off and publish this scorecard.")
    reason = forms.CharField(
        required=False, strip=False, label="Reason for the change",
        help_text="Needed when a published scorecard's reporting year start or direction of travel changes.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = version_field()  # the scorecard's version the page was drawn from (stale_edits)

    def __init__(self, *args, scorecard: Scorecard | None = None, **kwargs) -> None:
        self.scorecard = scorecard
        super().__init__(*args, **kwargs)
        if scorecard is not None:
            del self.fields["slug"]
        else:
            del self.fields["reason"], self.fields["version"]

    @classmethod
    def for_scorecard(cls, scorecard: Scorecard) -> ScorecardForm:
        return cls(scorecard=scorecard, initial={
            "title": scorecard.title, "year_start_month": str(scorecard.year_start_month),
            "dot_basis": scorecard.dot_basis, "arrow_convention": scorecard.arrow_convention,
            "publication_frequency": scorecard.publication_frequency,
            "deadline_working_day": str(scorecard.deadline_working_day),
            "owners": list(scorecard.owners.values_list("pk", flat=True)), "version": scorecard_version(scorecard),
        })

    def clean_title(self) -> str:
        return _value(read_text(self.cleaned_data["title"], "title", TITLE_LENGTH))

    def clean_slug(self) -> str:
        slug = _value(read_slug(self.cleaned_data["slug"]))
        if slug.lower() == "new":  # /manage/scorecards/new/ is the page that creates one
            raise forms.ValidationError("Choose another short name: \u201cnew\u201d is the address of this page")
        if Scorecard.objects.filter(slug__iexact=slug).exists():
            raise forms.ValidationError(f"There is already a scorecard with the short name {found(slug)}")
        return slug

    def clean_year_start_month(self) -> int:
        text = self.cleaned_data["year_start_month"]
        problem = check_start_month(_whole(text), found(text))
        if problem is not None:
            raise forms.ValidationError(problem.message)
        return _whole(text)

    def clean_dot_basis(self) -> DotBasis:
        return _value(read_choice(self.cleaned_data["dot_basis"], DotBasis, "dot_basis", required=True))

    def clean_arrow_convention(self) -> ArrowConvention:
        return _value(read_choice(self.cleaned_data["arrow_convention"], ArrowConvention, "arrow_convention",
                                  required=True))

    def clean_publication_frequency(self) -> PublicationFrequency:
        return _value(read_choice(self.cleaned_data["publication_frequency"], PublicationFrequency,
                                  "publication_frequency", required=True))

    def clean_deadline_working_day(self) -> int:
        text = self.cleaned_data["deadline_working_day"]
        problem = check_deadline_day(_whole(text), found(text), LATEST_DEADLINE_DAY)
        if problem is not None:
            raise forms.ValidationError(problem.message)
        return _whole(text)

    def clean_reason(self) -> str | None:
        text = self.cleaned_data["reason"].strip()
        return _value(read_text(text, "reason", REASON_LENGTH, lines=True)) if text else None

    def clean(self) -> dict:
        data = super().clean()
        if self.scorecard is not None and not self.errors and not data.get("reason"):
            if changes_live_figures(self.scorecard, self.settings()):
                self.add_error("reason", REASON_NEEDED)
        return data

    def settings(self) -> ScorecardSettings:
        data = self.cleaned_data
        return ScorecardSettings(
            title=data["title"], year_start_month=data["year_start_month"], dot_basis=data["dot_basis"],
            arrow_convention=data["arrow_convention"], publication_frequency=data["publication_frequency"],
            deadline_working_day=data["deadline_working_day"],
            owner_ids=frozenset(user.pk for user in data["owners"]),
        )


class SectionForm(forms.Form):
    """A section's title, new or renamed: unique within its scorecard (whatever its case, so
    that two sections never read the same on the page)."""

    title = forms.CharField(label="Section title", error_messages={"required": "Enter the section's title"},
                            widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}))

    def __init__(self, *args, scorecard: Scorecard, section: Section | None = None, **kwargs) -> None:
        self.scorecard, self.section = scorecard, section
        super().__init__(*args, **kwargs)

    def clean_title(self) -> str:
        title = _value(read_text(self.cleaned_data["title"], "title", SECTION_LENGTH))
        others = Section.objects.filter(scorecard=self.scorecard, title__iexact=title)
        if self.section is not None:
            others = others.exclude(pk=self.section.pk)
        existing = others.first()
        if existing is not None:  # named as it stands, whatever the case typed
            raise forms.ValidationError(f"There is already a section called {found(existing.title)} in this scorecard")
        return title


def read_indicator_owners(data: QueryDict, rows: list[IndicatorOwners]) -> tuple[dict[int, frozenset[int]], list[str]]:
    """The owners ticked for each indicator (`owners-<indicator id>`), and what is wrong: an owner
    who is not a performance officer (a stale page, or a crafted post) refuses the whole save.
    The officers ticked are returned for every row, so a refused page shows what was ticked."""
    officers = set(performance_officers().values_list("pk", flat=True))
    owners, problems = {}, []
    for row in rows:
        ids = {_whole(value) for value in data.getlist(f"owners-{row.indicator_id}")}
        if None in ids or not ids <= officers:
            problems.append(f"{row.number}: select owners from the list of performance officers")
        owners[row.indicator_id] = frozenset(ids & officers)
    return owners, problems
