"""The target screens' forms and the preview of a tolerance (docs/architecture.md, managing targets).

Django renders them (templates/django/forms/); what a year or a cell may be is decided by the
shared entry rules (`compute.entry.read_year`, `check_target`), so a mistake reads as it does in
the workbook import. The preview says in words which values are red, amber and green for the
cells typed and the indicator's polarity: the form page shows it after "Check", and the preview
address returns it as the admin types.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.html import escape

from scorecards.compute.entry import REASON_LENGTH, TargetCheck, check_target, found, read_text, read_year
from scorecards.manage_selectors import shown_in_a_publication
from scorecards.manage_target_selectors import confirmed_years, next_year
from scorecards.models import Indicator, Scorecard, Target
from scorecards.services.manage_targets import Cells
from scorecards.stale_edits import history_version, version_field

CELLS = ("red", "amber", "green")
REASON_NEEDED = ("Enter a reason for the change: a published issue of the scorecard shows this target, "
                 "and its history keeps why it changed")


def cells_of(data: QueryDict | dict) -> tuple[str | None, str | None, str | None]:
    """The three cells as typed (outer spaces dropped; an empty cell is None, as in the import)."""
    return tuple((data.get(name) or "").strip() or None for name in CELLS)  # type: ignore[return-value]


def check(indicator: Indicator, data: QueryDict | dict) -> TargetCheck:
    return check_target(*cells_of(data), indicator.polarity)


@dataclass(frozen=True)
class Band:
    colour: str  # "green", "amber", "red": the rag badge's class
    label: str
    values: str  # the values in words: "at 95% or more"


@dataclass(frozen=True)
class TolerancePreview:
    """What the typed cells mean for this indicator: the problem, or the tolerance in words and its bands."""

    typed: bool  # any cell typed at all
    problems: tuple[str, ...]
    warnings: tuple[str, ...]
    words: str | None
    bands: tuple[Band, ...]


def tolerance_preview(indicator: Indicator, data: QueryDict | dict) -> TolerancePreview:
    checked = check(indicator, data)
    typed = any(cells_of(data))
    if checked.tolerance is None:
        return TolerancePreview(typed, tuple(problem.message for problem in checked.problems), (), None, ())
    tolerance = checked.tolerance
    bands = tuple(Band(rag.value, rag.label, " or ".join(phrases)) for rag, phrases in tolerance.bands(indicator.unit))
    return TolerancePreview(typed, (), tuple(warning.message for warning in checked.warnings),
                            tolerance.describe(indicator.unit), bands)


def _cell(name: str, example: str, width: str) -> forms.CharField:
    return forms.CharField(required=False, label=name.capitalize(), max_length=None,
                           # field.html shows help text as HTML: the example's < must be escaped.
                           help_text=escape(f"As printed, for example {example}"),
                           widget=forms.TextInput(attrs={"class": width, "spellcheck": "false",
                                                         "autocomplete": "off"}))


class TargetForm(forms.Form):
    """One indicator's target for a year: the year (when adding), the three cells as printed, and
    a reason (needed to change a target a publication shows)."""

    year = forms.CharField(label="Reporting year",
                           widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}))
    red = _cell("red", "<90%", "govuk-input--width-20")
    amber = _cell("amber", "90%>", "govuk-input--width-20")
    green = _cell("green", "95%+", "govuk-input--width-20")
    reason = forms.CharField(
        required=False, strip=False, label="Reason for the change",
        help_text="Needed when a published issue shows this target. It is kept in the target's history.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = version_field()  # the target's history version the page was drawn from (stale_edits)

    def __init__(self, *args, indicator: Indicator, target: Target | None = None, **kwargs) -> None:
        self.indicator, self.target = indicator, target
        super().__init__(*args, **kwargs)
        example = "2021" if indicator.scorecard.year_start_month == 1 else "2021/22"
        self.fields["year"].help_text = f"For example {example}"
        self.fields["year"].error_messages["required"] = f"Enter the reporting year of the target, for example {example}"
        if target is not None:
            del self.fields["year"]  # a target's year is its address: add another year instead
        else:
            del self.fields["version"]

    @classmethod
    def for_target(cls, indicator: Indicator, target: Target) -> TargetForm:
        return cls(indicator=indicator, target=target,
                   initial={"red": target.red, "amber": target.amber, "green": target.green,
                            "version": history_version(target)})

    def clean_year(self) -> str:
        text = self.cleaned_data["year"]
        read = read_year(text, self.indicator.scorecard.year_start_month)
        if read.problem is not None:
            raise forms.ValidationError(read.problem.message)
        if Target.objects.filter(indicator=self.indicator, year=read.value).exists():
            raise forms.ValidationError(
                f"There is already a target for {read.value}: change it from the list of this indicator's targets")
        return read.value

    def clean_reason(self) -> str | None:
        text = self.cleaned_data["reason"].strip()
        if not text:
            return None
        read = read_text(text, "reason", REASON_LENGTH, lines=True)
        if read.problem is not None:
            raise forms.ValidationError(read.problem.message)
        return read.value

    def clean(self) -> dict:
        data = super().clean()
        checked = check(self.indicator, self.data)
        if checked.problems:
            # A problem naming several cells (red and green that disagree) is shown once, at the first.
            for problem in checked.problems:
                fields = [field for field in CELLS if field in problem.fields] or ["green"]
                self.add_error(fields[0], problem.message)
            return data
        red, amber, green = cells_of(self.data)
        self.cells = Cells(red or "", amber or "", green or "", checked.kind)
        if self.target is not None and not data.get("reason") and "reason" not in self.errors:
            changed = (self.target.red, self.target.amber, self.target.green) != (
                self.cells.red, self.cells.amber, self.cells.green)
            if changed and shown_in_a_publication(self.target):
                self.add_error("reason", REASON_NEEDED)
        return data


class RolloverForm(forms.Form):
    """The year to copy targets from: one the scorecard has confirmed targets for."""

    from_year = forms.CharField(required=False, label="Copy the targets of",
                                help_text="The latest year with confirmed targets is chosen.")

    def __init__(self, *args, scorecard: Scorecard, **kwargs) -> None:
        self.scorecard = scorecard
        self.years = confirmed_years(scorecard)
        super().__init__(*args, **kwargs)
        start = scorecard.year_start_month
        self.fields["from_year"].widget = forms.Select(
            choices=[(year, f"{year}, to {next_year(year, start)}") for year in self.years])
        if self.years:
            self.fields["from_year"].initial = self.years[0]  # the latest

    def clean_from_year(self) -> str:
        text = self.cleaned_data["from_year"]
        read = read_year(text, self.scorecard.year_start_month)
        if read.problem is not None:
            raise forms.ValidationError(read.problem.message)
        if read.value not in self.years:
            raise forms.ValidationError(self.nothing_to_copy(read.value))
        return read.value

    @staticmethod
    def nothing_to_copy(year: str) -> str:
        return f"There are no confirmed targets for {found(year)} in this scorecard to copy: choose a year from the list"
