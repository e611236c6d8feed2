"""The outturn and benchmark forms (docs/architecture.md, managing outturns and benchmarks).

Every value is read by the workbook import's own rules (`compute.entry`: `read_year`,
`check_outturn`, `check_benchmark`, `read_text`), so a mistake reads as the import's and what is
stored is what the import would store: an outturn rounded to its indicator's places, a
benchmark kept with the places written. Figures are read from the text typed, never through a
float. What the import only warns about (a rounding, a near-standard measure name) is saved
and said in `warnings`, which the view passes on as a message.

One form adds, changes and deletes: deleting reads only the reason, so the page re-shown after
a refused deletion keeps what was typed in the other fields.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from scorecards.compute.entry import (
    BENCHMARK_YEAR_LENGTH,
    MEASURE_LENGTH,
    REASON_LENGTH,
    SOURCE_LENGTH,
    Checked,
    Problem,
    check_benchmark,
    check_outturn,
    near_standard_measure,
    read_choice,
    read_text,
    read_year,
)
from scorecards.compute.precision import format_figure
from scorecards.compute.vocabulary import BenchmarkMeasure, Unit, benchmark_label
from scorecards.manage_forms import _value
from scorecards.manage_selectors import shown_in_a_publication
from scorecards.models import Benchmark, Indicator, Outturn
from scorecards.services.manage_figures import BenchmarkEntry
from scorecards.stale_edits import history_version, version_field

REASON_NEEDED = "Enter a reason for the change: an issue already published shows this outturn"
# The radio for a comparator that is not one of the standard measures: its name is typed below.
ANOTHER = "another"
_STANDARD = tuple(measure.value for measure in BenchmarkMeasure)


def _places_hint(indicator: Indicator) -> str:
    places = f"{indicator.decimals} decimal place{'' if indicator.decimals == 1 else 's'}"
    hint = f"Rounded to {places}, as indicator {indicator.number} is shown."
    if indicator.unit == Unit.PERCENTAGE:
        hint += " A percentage from 0 to 100."
    return hint


def _checked(checked: Checked, missing: str) -> Decimal:
    """The figure compute.entry read, or the first problem as the field's error. No figure
    (empty, "-", "tbc": the import stores nothing for them) is refused with `missing`."""
    if checked.problems:
        raise forms.ValidationError(checked.problems[0].message)
    if checked.value is None:
        raise forms.ValidationError(missing)
    return checked.value


def _optional_text(text: str, field: str, limit: int, *, lines: bool = False) -> str:
    text = text.strip()
    return _value(read_text(text, field, limit, lines=lines)) if text else ""


class _FigureForm(forms.Form):
    """What the two forms share: the reason, the import's warnings, and deleting (which reads
    the reason alone). Every field is optional to Django: emptiness is said in each clean_*, so
    that deleting can skip it."""

    reason = forms.CharField(required=False, strip=False, label="Reason for the change",
                             widget=forms.Textarea(attrs={"rows": 3}))
    version = version_field()  # the row's history version the page was drawn from (stale_edits)

    def __init__(self, *args: Any, indicator: Indicator, deleting: bool = False, row: Any = None,
                 **kwargs: Any) -> None:
        self.indicator, self.deleting = indicator, deleting
        self.warnings: list[str] = []
        super().__init__(*args, **kwargs)
        if row is None:  # adding: there is no row to have changed
            del self.fields["version"]

    def _warn(self, problems: tuple[Problem, ...]) -> None:
        self.warnings += [problem.message for problem in problems]

    def clean_reason(self) -> str | None:
        return _optional_text(self.cleaned_data["reason"], "reason", REASON_LENGTH, lines=True) or None


class OutturnForm(_FigureForm):
    """A new year's outturn (`outturn` None: the year is asked), or one outturn's value."""

    year = forms.CharField(required=False, label="Reporting year",
                           widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}))
    value = forms.CharField(required=False, label="Outturn",
                            widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}))
    field_order = ("year", "value", "reason")

    def __init__(self, *args: Any, outturn: Outturn | None = None, **kwargs: Any) -> None:
        self.outturn = outturn
        super().__init__(*args, row=outturn, **kwargs)
        start = self.indicator.scorecard.year_start_month
        self.fields["year"].help_text = "For example 2020" if start == 1 else "For example 2020/21 or 2020-21"
        self.fields["value"].help_text = _places_hint(self.indicator)
        if outturn is None:
            del self.fields["reason"]
        else:
            del self.fields["year"]
            self.fields["reason"].help_text = ("Needed when an issue already published shows this outturn; "
                                               "kept in its history.")

    @classmethod
    def for_outturn(cls, outturn: Outturn) -> OutturnForm:
        return cls(indicator=outturn.indicator, outturn=outturn,
                   initial={"value": cls.shown_as(outturn), "version": history_version(outturn)})

    @staticmethod
    def shown_as(outturn: Outturn) -> str:
        """A stored outturn as the screens show it: to its indicator's places (36.800000 is 36.8)."""
        return format_figure(outturn.value, outturn.indicator.decimals) or ""

    def clean_year(self) -> str:
        written = self.cleaned_data["year"].strip()
        if not written:
            raise forms.ValidationError("Enter the reporting year")
        year = _value(read_year(written, self.indicator.scorecard.year_start_month))
        if Outturn.objects.filter(indicator=self.indicator, year=year).exists():
            raise forms.ValidationError(f"There is already an outturn for {year}: change or delete it in the list")
        return year

    def clean_value(self) -> Decimal | None:
        if self.deleting:
            return None
        checked = check_outturn(self.indicator.entry_rules(), self.cleaned_data["value"])
        value = _checked(checked, "Enter the outturn")
        self._warn(checked.warnings)
        return value

    def clean(self) -> dict:
        data = super().clean()
        if self.outturn is None or self.errors or data.get("reason"):
            return data
        changing = self.deleting or data["value"] != self.outturn.value
        if changing and shown_in_a_publication(self.outturn):
            self.add_error("reason", REASON_NEEDED)
        return data


class BenchmarkForm(_FigureForm):
    """A benchmark: a standard measure or another comparator named as written (as the import
    allows), its value as entered, the year it describes and its source."""

    measure = forms.CharField(
        required=False, label="Measure",
        widget=forms.RadioSelect(choices=[*BenchmarkMeasure.choices(), (ANOTHER, "Another comparator, as written")]),
    )
    other_measure = forms.CharField(
        required=False, label="Name of the other comparator",
        help_text="Only for another comparator: a regional average, say. Kept exactly as written.",
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    value = forms.CharField(required=False, label="Value",
                            widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}))
    year = forms.CharField(required=False, label="Year it describes (optional)",
                           help_text="As the source writes it: 2018/19, 2017.",
                           widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    source = forms.CharField(required=False, label="Source (optional)", help_text="For example DfE.",
                             widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}))
    field_order = ("measure", "other_measure", "value", "year", "source", "reason")

    def __init__(self, *args: Any, benchmark: Benchmark | None = None, **kwargs: Any) -> None:
        self.benchmark = benchmark
        super().__init__(*args, row=benchmark, **kwargs)
        self.fields["value"].help_text = ("Kept as entered, with the decimal places you write: 42.0 stays 42.0."
                                          + (" A percentage from 0 to 100." if self.indicator.unit == Unit.PERCENTAGE
                                             else ""))
        self.fields["reason"].label = "Reason for the change (optional)"
        self.fields["reason"].help_text = "Kept in the benchmark's history."

    @classmethod
    def for_benchmark(cls, benchmark: Benchmark) -> BenchmarkForm:
        standard = benchmark.measure in _STANDARD
        return cls(indicator=benchmark.indicator, benchmark=benchmark, initial={
            "measure": benchmark.measure if standard else ANOTHER,
            "other_measure": "" if standard else benchmark.measure,
            "value": format_figure(benchmark.value, benchmark.decimals),
            "year": benchmark.year, "source": benchmark.source, "version": history_version(benchmark),
        })

    def clean_value(self) -> Decimal | None:
        if self.deleting:
            return None
        return _checked(check_benchmark(self.indicator.entry_rules(), self.cleaned_data["value"]),
                        "Enter the benchmark's value")

    def clean_year(self) -> str:
        return "" if self.deleting else _optional_text(self.cleaned_data["year"], "year", BENCHMARK_YEAR_LENGTH)

    def clean_source(self) -> str:
        return "" if self.deleting else _optional_text(self.cleaned_data["source"], "source", SOURCE_LENGTH)

    def clean(self) -> dict:
        data = super().clean()
        if self.deleting:
            return data
        measure = self._measure(data.get("measure", ""), data.get("other_measure", ""))
        if measure is not None:
            others = Benchmark.objects.filter(indicator=self.indicator, measure=measure)
            if self.benchmark is not None:
                others = others.exclude(pk=self.benchmark.pk)
            if others.exists():
                self.add_error("other_measure" if data["measure"] == ANOTHER else "measure",
                               f"There is already a benchmark \u201c{benchmark_label(measure)}\u201d "
                               f"for indicator {self.indicator.number}")
            data["measure_key"] = measure
        return data

    def _measure(self, chosen: str, other: str) -> str | None:
        """The measure to store: a standard one's key, or the other comparator as written (the
        import's rules: a standard key typed exactly is that measure; a standard name written
        differently is kept apart, with the import's warning). None when refused."""
        if not chosen:
            self.add_error("measure", "Select the measure")
            return None
        if chosen != ANOTHER:
            read = read_choice(chosen, BenchmarkMeasure, "measure", required=True)
            if read.problem is not None:
                self.add_error("measure", read.problem.message)
                return None
            return read.value.value
        name = other.strip()
        if not name:
            self.add_error("other_measure", "Enter the name of the other comparator")
            return None
        read = read_text(name, "measure", MEASURE_LENGTH)
        if read.problem is not None:
            self.add_error("other_measure", read.problem.message)
            return None
        near = near_standard_measure(name)
        if near is not None:
            self._warn((near,))
        return name

    def entry(self) -> BenchmarkEntry:
        data = self.cleaned_data
        value: Decimal = data["value"]
        # check_benchmark keeps the value with the places written (42.0 has exponent -1), as
        # the import's `figure.places`: that is the benchmark's `decimals`.
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return BenchmarkEntry(data["measure_key"], value, decimals, data["year"], data["source"])
