"""The month-end entry grid's forms: one per indicator row, one per section narrative, and the
reason for correcting published figures (docs/architecture.md, the entry grid).

Django renders them (the GOV.UK templates in templates/django/forms/), but never validates them:
what is typed is read as typed and checked by the shared entry rules (`compute.entry`, through
`services.entry`), so a mistake gets the import's words, not a form field's. The problems come
back as errors on the fields they name, which gives each input its error message,
`aria-invalid` and `aria-describedby`, and the error summary its links.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django import forms
from django.forms.utils import ErrorDict
from django.http import QueryDict

from scorecards.compute.vocabulary import VALUE_MARKS, ObservationStatus, Unit
from scorecards.entry_grid import EntryGrid, EntryRow, EntrySection
from scorecards.services.entry import EntryError, TypedFigure, TypedGrid, TypedNote, TypedRow, fingerprint

FIGURE_INPUT = {"class": "govuk-input--width-5", "spellcheck": "false", "autocomplete": "off", "inputmode": "decimal"}
NARRATIVE_INPUT = {"rows": 4}
UNIT_WORDS = {Unit.PERCENTAGE: "a percentage", Unit.RATE: "a rate per 10,000", Unit.COUNT: "a count",
              Unit.AVERAGE: "an average", Unit.DAYS: "days", Unit.NUMBER: "a number"}


class TypedForm(forms.Form):
    """A form whose fields are read as typed: its own validation never runs (see the module)."""

    def full_clean(self) -> None:
        self._errors = ErrorDict(renderer=self.renderer)
        self.cleaned_data = {}

    def typed(self, name: str) -> str:
        value = self[name].value()
        return "" if value is None else str(value)


def _text(label: str, attrs: dict | None = None, help_text: str = "") -> forms.CharField:
    return forms.CharField(required=False, strip=False, label=label, help_text=help_text,
                           widget=forms.TextInput(attrs=attrs or {}))


def _narrative(label: str) -> forms.CharField:
    return forms.CharField(required=False, strip=False, label=label, widget=forms.Textarea(attrs=NARRATIVE_INPUT))


def _version() -> forms.CharField:
    return forms.CharField(required=False, widget=forms.HiddenInput)


class EntryRowForm(TypedForm):
    value = _text("Value", FIGURE_INPUT)
    numerator = _text("Numerator", FIGURE_INPUT)
    denominator = _text("Denominator", FIGURE_INPUT)
    mark = forms.CharField(required=False, label="Mark", widget=forms.Select(
        choices=[("", "No mark"), *((mark.value, f"{mark.value} {mark.label.split(':')[0]}") for mark in VALUE_MARKS)]
    ))
    status = forms.CharField(required=False, label="Status", widget=forms.Select(
        choices=[(ObservationStatus.FINAL.value, "Final"), (ObservationStatus.PROVISIONAL.value, "Provisional")]
    ))
    version = _version()
    loaded = _version()
    commentary = _narrative("Commentary")
    commentary_version = _version()
    commentary_loaded = _version()
    exception = _narrative("Exception note")
    exception_version = _version()
    exception_loaded = _version()

    def __init__(self, row: EntryRow, *args, **kwargs) -> None:
        super().__init__(*args, prefix=row.key, **kwargs)
        self.row = row
        places = "no decimal places" if row.decimals == 0 else f"{row.decimals} decimal place{'s' * (row.decimals > 1)}"
        self.fields["value"].help_text = f"{UNIT_WORDS.get(Unit(row.unit), 'a number')}, {places}"
        for name in ("mark", "status"):
            typed = self.typed(name) if self.is_bound else ""
            widget = self.fields[name].widget
            if typed and typed not in {value for value, _ in widget.choices}:
                # Keep what was posted on the page, even a choice the list does not offer.
                widget.choices = [*widget.choices, (typed, typed)]

    @property
    def shows_inputs(self) -> bool:
        """Off its frequency's months a row has no inputs, unless something was posted for it."""
        return self.row.due or bool(self.errors) or (self.is_bound and any(
            self.typed(name).strip() for name in ("value", "numerator", "denominator", "mark")))

    @property
    def notes_open(self) -> bool:
        """The commentary and exception note open in place when they hold an error or a note is needed."""
        return any(name in self.errors for name in ("commentary", "exception")) or (
            self.row.needs_exception_note and not self.typed("exception").strip())

    def typed_row(self) -> TypedRow:
        return TypedRow(
            indicator_id=self.row.indicator_id,
            figure=TypedFigure(*(self.typed(name) for name in ("value", "numerator", "denominator", "mark", "status",
                                                                "version", "loaded"))),
            commentary=TypedNote(*(self.typed(name) for name in ("commentary", "commentary_version", "commentary_loaded"))),
            exception=TypedNote(*(self.typed(name) for name in ("exception", "exception_version", "exception_loaded"))),
        )


class NarrativeForm(TypedForm):
    text = _narrative("Significant changes")
    version = _version()
    loaded = _version()

    def __init__(self, section: EntrySection, *args, **kwargs) -> None:
        super().__init__(*args, prefix=section.key, **kwargs)
        self.section = section


class CorrectionForm(TypedForm):
    reason = _text("Reason for correcting published figures", {"class": "govuk-!-width-full"})


@dataclass(frozen=True)
class SummaryLink:
    href: str
    text: str


def _initial_row(row: EntryRow) -> dict[str, str]:
    figure = row.figure.as_initial()
    return {
        **figure,
        "loaded": fingerprint(*(figure[name] for name in ("value", "numerator", "denominator", "mark", "status"))),
        "commentary": row.commentary.text,
        "commentary_version": row.commentary.version,
        "commentary_loaded": fingerprint(row.commentary.text),
        "exception": row.exception.text,
        "exception_version": row.exception.version,
        "exception_loaded": fingerprint(row.exception.text),
    }


def _initial_narrative(section: EntrySection) -> dict[str, str]:
    text = section.narrative.text
    return {"text": text, "version": section.narrative.version, "loaded": fingerprint(text)}


class GridForms:
    """Every form of the grid, in page order. Bound to what was posted (`data`), or only for the
    rows in `kept` (those refused after a save), whose versions are brought up to date so that
    saving again is a deliberate choice to write over the other person's."""

    def __init__(self, grid: EntryGrid, data: QueryDict | None = None, kept: frozenset[str] | None = None) -> None:
        self.grid = grid
        self.correction = CorrectionForm(data if data is not None and kept is None else None)
        self.sections: list[tuple[EntrySection, NarrativeForm | None, list[EntryRowForm]]] = []
        for section in grid.sections:
            narrative = None
            if section.narrative_editable:
                initial = _initial_narrative(section)
                narrative = NarrativeForm(section, self._data(data, kept, section.key, initial), initial=initial)
            rows = [EntryRowForm(row, self._data(data, kept, row.key, _initial_row(row)), initial=_initial_row(row))
                    for row in section.rows]
            self.sections.append((section, narrative, rows))

    @staticmethod
    def _data(data: QueryDict | None, kept: frozenset[str] | None, key: str, initial: dict[str, str]) -> QueryDict | None:
        if data is None or (kept is not None and key not in kept):
            return None
        if kept is None:
            return data
        fresh = data.copy()
        # Brought up to date: what is stored now is what this person has seen.
        for name in ("version", "loaded", "commentary_version", "commentary_loaded", "exception_version",
                     "exception_loaded"):
            if name in initial:
                fresh[f"{key}-{name}"] = initial[name]
        return fresh

    def forms(self) -> Iterator[TypedForm]:
        yield self.correction
        for _, narrative, rows in self.sections:
            if narrative is not None:
                yield narrative
            yield from rows

    def typed(self) -> TypedGrid:
        rows, narratives = [], []
        for section, narrative, row_forms in self.sections:
            if narrative is not None:
                narratives.append((section.section_id, TypedNote(*(narrative.typed(name) for name in ("text", "version", "loaded")))))
            rows += [form.typed_row() for form in row_forms]
        return TypedGrid(tuple(rows), tuple(narratives), self.correction.typed("reason"))

    def show_errors(self, errors: tuple[EntryError, ...]) -> None:
        by_key = {form.prefix or "": form for form in self.forms()}
        self.subjects = {}
        for error in errors:
            form = by_key[error.key]
            form.add_error(error.field, error.message)
            self.subjects[form.prefix or ""] = error.subject

    def summary(self) -> list[SummaryLink]:
        """The error summary's links, in page order, each to the field it names."""
        links = []
        subjects = getattr(self, "subjects", {})
        for form in self.forms():
            for name in form.errors:
                field = form[name]
                subject = subjects.get(form.prefix or "", "")
                label = field.label if form is not self.correction else ""
                prefix = f"{subject}, {label.lower()}: " if label else ""
                links += [SummaryLink(f"#{field.id_for_label}", f"{prefix}{message}") for message in form.errors[name]]
        return links
