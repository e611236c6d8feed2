"""The indicator screens' forms (docs/architecture.md, managing indicators): the list's filters,
an indicator's settings, and retiring it from a month on.

As in `manage_forms`, Django renders them and the shared entry rules (`compute.entry`) decide
what a value may be, so a mistake reads as it does in the workbook import. Choices are plain
text fields showing the vocabulary's options in the council's words, so that a posted value
outside them is refused by `read_choice` in the import's words.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from scorecards.compute.entry import (
    COUNCIL_PLAN_CODE_LENGTH,
    DATA_NOTE_LENGTH,
    NAME_LENGTH,
    REASON_LENGTH,
    check_decimals,
    check_ytd_method,
    found,
    read_choice,
    read_indicator_number,
    read_month_of_year,
    read_narrative,
    read_text,
)
from scorecards.compute.periods import Month
from scorecards.compute.precision import default_decimals
from scorecards.compute.vocabulary import (
    POLARITY_WORDS,
    UNIT_WORDS,
    YTD_METHOD_WORDS,
    Frequency,
    Polarity,
    Unit,
    YtdMethod,
)
from scorecards.manage_forms import _value, _whole, owners_field  # the management forms' readers, shared
from scorecards.manage_indicator_selectors import first_figure
from scorecards.manage_selectors import performance_officers, person_name
from scorecards.models import Indicator, Scorecard, Section
from scorecards.services.manage_indicators import IndicatorSettings
from scorecards.stale_edits import history_version, version_field

NO_SECTION = "Not in a section"
# Four sets of radios on one page: the small ones keep it short.
SMALL = {"class": "govuk-radios--small"}


def _words(words: dict) -> list[tuple[str, str]]:
    return [(choice.value, f"{said.name}: {said.meaning}") for choice, said in words.items()]


def _section_choices(sections: QuerySet, grouped: bool) -> list:
    """The sections as options: flat for one scorecard, grouped by scorecard for several."""
    sections = list(sections.select_related("scorecard").order_by("scorecard__title", "order", "id"))
    if not grouped:
        return [(str(section.pk), section.title) for section in sections]
    groups: dict[str, list] = {}
    for section in sections:
        groups.setdefault(section.scorecard.title, []).append((str(section.pk), section.title))
    return list(groups.items())


class IndicatorFilterForm(forms.Form):
    """The filters above the list: a plain GET form. An officer sees only their own indicators,
    so their form has no owner filter and offers only the scorecards and sections they hold."""

    scorecard = forms.ChoiceField(required=False, label="Scorecard",
                                  error_messages={"invalid_choice": "Select a scorecard from the list"})
    section = forms.ChoiceField(required=False, label="Section",
                                error_messages={"invalid_choice": "Select a section from the list"})
    owner = forms.ChoiceField(required=False, label="Owner",
                              error_messages={"invalid_choice": "Select an owner from the list"})
    polarity = forms.ChoiceField(required=False, label="Good performance",
                                 choices=[("", "Any"), *[(p.value, w.name) for p, w in POLARITY_WORDS.items()]],
                                 error_messages={"invalid_choice": "Select what good performance is from the list"})

    def __init__(self, *args, indicators: QuerySet, officer: Any = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        scorecards = Scorecard.objects.filter(pk__in=indicators.values("scorecard_id")).order_by("title")
        self.fields["scorecard"].choices = [("", "Any scorecard"), *scorecards.values_list("slug", "title")]
        sections = Section.objects.filter(pk__in=indicators.values("section_id"))
        self.fields["section"].choices = [("", "Any section"), *_section_choices(sections, grouped=True)]
        if officer is not None:
            del self.fields["owner"]
        else:
            self.fields["owner"].choices = [("", "Anyone"), ("none", "Nobody"),
                                            *[(str(user.pk), person_name(user)) for user in performance_officers()]]

    def chosen(self) -> dict[str, str]:
        """The filters chosen; none when one is not in its list (the form shows why)."""
        return {name: value for name, value in self.cleaned_data.items() if value} if self.is_valid() else {}


class IndicatorForm(forms.Form):
    """A new indicator (with its scorecard) or an existing one's settings (its scorecard stays:
    its figures, targets and publications belong to it)."""

    scorecard = forms.CharField(
        label="Scorecard", error_messages={"required": "Select the scorecard the indicator belongs to"},
        widget=forms.Select(),
    )
    number = forms.CharField(
        label="Number", help_text="As printed, for example 6.2a: letters, digits, \u201c.\u201d, \u201c-\u201d and "
        "\u201c_\u201d. It is in the indicator's web address.",
        error_messages={"required": "Enter the indicator's number"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    name = forms.CharField(label="Name", error_messages={"required": "Enter the indicator's name"},
                           widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}))
    section = forms.CharField(label="Section", required=False, widget=forms.Select())
    polarity = forms.CharField(label="Good performance is", error_messages={"required": "Select what good performance is"},
                               widget=forms.RadioSelect(choices=_words(POLARITY_WORDS), attrs=SMALL))
    unit = forms.CharField(label="Unit", error_messages={"required": "Select the unit"},
                           widget=forms.RadioSelect(choices=_words(UNIT_WORDS), attrs=SMALL))
    frequency = forms.CharField(label="How often it has a figure", error_messages={"required": "Select how often it has a figure"},
                                widget=forms.RadioSelect(choices=Frequency.choices(), attrs=SMALL))
    ytd_method = forms.CharField(label="Year to date", error_messages={"required": "Select how the year to date is worked out"},
                                 widget=forms.RadioSelect(choices=_words(YTD_METHOD_WORDS), attrs=SMALL))
    decimals = forms.CharField(
        label="Decimal places", required=False,
        help_text="How many decimal places its figures are shown to, from 0 to 6.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
    )
    data_note = forms.CharField(label="Data note (optional)", required=False,
                                help_text="A short note printed beside the indicator, such as where its figures come from.",
                                widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}))
    definition = forms.CharField(label="Definition (optional)", required=False, strip=False,
                                 help_text="What the indicator measures. Markdown: a blank line starts a new paragraph.",
                                 widget=forms.Textarea(attrs={"rows": 5}))
    council_plan_code = forms.CharField(label="Council plan code (optional)", required=False,
                                        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    owners = owners_field("Performance officers who enter its figures and notes at month end.")
    reason = forms.CharField(
        required=False, strip=False, label="Reason for the change (optional)",
        help_text="Kept in the indicator's history with what changed.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()  # the indicator's history version the page was drawn from (stale_edits)

    def __init__(self, *args, indicator: Indicator | None = None, scorecard: Scorecard | None = None,
                 **kwargs) -> None:
        self.indicator = indicator
        self.scorecard = indicator.scorecard if indicator is not None else scorecard
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        if indicator is not None:
            del self.fields["scorecard"]
            section.widget.choices = [("", NO_SECTION), *_section_choices(
                Section.objects.filter(scorecard=indicator.scorecard), grouped=False)]
            self.fields["decimals"].required = True
            self.fields["decimals"].error_messages["required"] = "Enter the number of decimal places"
        else:
            del self.fields["reason"], self.fields["version"]
            self.fields["scorecard"].widget.choices = [("", "Select a scorecard"),
                                                       *Scorecard.objects.order_by("title").values_list("slug", "title")]
            sections = Section.objects.all() if scorecard is None else Section.objects.filter(scorecard=scorecard)
            section.widget.choices = [("", NO_SECTION), *_section_choices(sections, grouped=scorecard is None)]
            section.help_text = "Sections belong to the scorecard chosen above." if scorecard is None else ""
            self.fields["decimals"].help_text += " Leave it empty for the unit's usual places: 0 for a count, 1 otherwise."

    @classmethod
    def for_indicator(cls, indicator: Indicator) -> IndicatorForm:
        return cls(indicator=indicator, initial={
            "number": indicator.number, "name": indicator.name, "section": str(indicator.section_id or ""),
            "polarity": indicator.polarity, "unit": indicator.unit, "frequency": indicator.frequency,
            "ytd_method": indicator.ytd_method, "decimals": str(indicator.decimals), "data_note": indicator.data_note,
            "definition": indicator.definition, "council_plan_code": indicator.council_plan_code,
            "owners": list(indicator.owners.values_list("pk", flat=True)), "version": history_version(indicator),
        })

    def clean_scorecard(self) -> Scorecard:
        slug = self.cleaned_data["scorecard"]
        scorecard = Scorecard.objects.filter(slug=slug).first()
        if scorecard is None:
            raise forms.ValidationError(f"Select a scorecard from the list; found {found(slug)}")
        return scorecard

    def clean_number(self) -> str:
        return _value(read_indicator_number(self.cleaned_data["number"]))

    def clean_name(self) -> str:
        return _value(read_text(self.cleaned_data["name"], "name", NAME_LENGTH))

    def clean_section(self) -> Section | None:
        text = self.cleaned_data["section"]
        if not text:
            return None
        section = Section.objects.select_related("scorecard").filter(pk=_whole(text)).first() if _whole(text) else None
        if section is None:
            raise forms.ValidationError(f"Select a section from the list; found {found(text)}")
        return section

    def clean_polarity(self) -> Polarity:
        return _value(read_choice(self.cleaned_data["polarity"], Polarity, "polarity", required=True))

    def clean_unit(self) -> Unit:
        return _value(read_choice(self.cleaned_data["unit"], Unit, "unit", required=True))

    def clean_frequency(self) -> Frequency:
        return _value(read_choice(self.cleaned_data["frequency"], Frequency, "frequency", required=True))

    def clean_ytd_method(self) -> YtdMethod:
        return _value(read_choice(self.cleaned_data["ytd_method"], YtdMethod, "ytd_method", required=True))

    def clean_decimals(self) -> int | None:
        text = self.cleaned_data["decimals"]
        if not text:
            return None  # a new indicator takes its unit's places (clean())
        problem = check_decimals(_whole(text), found(text))
        if problem is not None:
            raise forms.ValidationError(problem.message)
        return _whole(text)

    def clean_data_note(self) -> str:
        return _value(read_text(self.cleaned_data["data_note"], "data_note", DATA_NOTE_LENGTH))

    def clean_definition(self) -> str:
        return _value(read_narrative(self.cleaned_data["definition"].strip(), "definition"))

    def clean_council_plan_code(self) -> str:
        return _value(read_text(self.cleaned_data["council_plan_code"], "council_plan_code", COUNCIL_PLAN_CODE_LENGTH))

    def clean_reason(self) -> str | None:
        text = self.cleaned_data["reason"].strip()
        return _value(read_text(text, "reason", REASON_LENGTH, lines=True)) if text else None

    def clean(self) -> dict:
        data = super().clean()
        problem = check_ytd_method(data.get("unit"), data.get("ytd_method"))
        if problem is not None and "ytd_method" not in self.errors:
            self.add_error("ytd_method", problem.message)
        scorecard = self.scorecard if self.indicator is not None else data.get("scorecard")
        if scorecard is None:
            return data
        number, section = data.get("number"), data.get("section")
        if number is not None:
            same = Indicator.objects.filter(scorecard=scorecard, number__iexact=number)
            if self.indicator is not None:
                same = same.exclude(pk=self.indicator.pk)
            other = same.first()
            if other is not None:
                self.add_error("number", f"There is already an indicator {found(other.number)} in "
                               f"{scorecard.title}: {other.name}")
        if section is not None and section.scorecard_id != scorecard.pk:
            self.add_error("section", f"Select a section of {scorecard.title}: \u201c{section.title}\u201d is in "
                           f"{section.scorecard.title}")
        if data.get("decimals") is None and data.get("unit") is not None and "decimals" not in self.errors:
            data["decimals"] = default_decimals(data["unit"])
        return data

    def settings(self) -> IndicatorSettings:
        data = self.cleaned_data
        return IndicatorSettings(
            number=data["number"], name=data["name"], section_id=data["section"].pk if data["section"] else None,
            polarity=data["polarity"], unit=data["unit"], frequency=data["frequency"], ytd_method=data["ytd_method"],
            decimals=data["decimals"], data_note=data["data_note"], definition=data["definition"],
            council_plan_code=data["council_plan_code"], owner_ids=frozenset(user.pk for user in data["owners"]),
        )


class RetireForm(forms.Form):
    """The first month an indicator no longer appears, as its number and year (the GOV.UK date
    input without the day), and why. The template draws the two boxes as one date input."""

    month = forms.CharField(required=False, label="Month")
    year = forms.CharField(required=False, label="Year")
    reason = forms.CharField(label="Reason", error_messages={"required": "Enter why it is retired"},
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        self.indicator = indicator
        super().__init__(*args, prefix="retire", **kwargs)

    def clean(self) -> dict:
        data = super().clean()
        read = read_month_of_year(data.get("month"), data.get("year"))
        if read.problem is not None:
            self.add_error(read.problem.fields[0], read.problem.message)
            return data
        month = read.value
        first = first_figure(self.indicator)
        if first is not None and month <= first:
            self.add_error("month", f"expected a month after its first figure ({first.long_name()}), so that it "
                           f"appears with a figure at least once; found {month.long_name()}")
        data["from_month"] = month
        return data

    def clean_reason(self) -> str:
        return _value(read_text(self.cleaned_data["reason"], "reason", REASON_LENGTH, lines=True))


class UnretireForm(forms.Form):
    reason = forms.CharField(label="Reason", error_messages={"required": "Enter why it is brought back"},
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix="unretire", **kwargs)

    def clean_reason(self) -> str:
        return _value(read_text(self.cleaned_data["reason"], "reason", REASON_LENGTH, lines=True))

