"""The web upload's forms and what its preview shows (docs/architecture.md, upload).

The file is checked by `services.uploads.upload_problem` (its size first, before anything reads
it); the reason by the import itself, in the words of the grid and the command. The preview is
the import's dry-run report shaped for the page: new figures, changed figures with the old and
new values, other rows, unchanged counts, warnings and errors with their sheet, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms

from scorecards.compute.periods import Month
from scorecards.services.imports import ImportReport
from scorecards.services.uploads import upload_problem
from scorecards.workbook.apply import Change
from scorecards.workbook.validate import Issue

FIELD_WORDS = {"value": "value", "numerator": "numerator", "denominator": "denominator", "mark": "mark",
               "status": "status", "text": "text", "author_id": "author"}
SHEET_WORDS = {"values": "figures", "commentary": "notes", "indicators": "indicators", "targets": "targets",
               "outturns": "outturns", "benchmarks": "benchmarks", "scorecard": "scorecard settings",
               "sections": "sections"}
KIND_WORDS = {"commentary": "commentary", "exception": "exception note", "significant_changes": "significant changes",
              "definition": "definition"}
# How many errors the error summary links; the table lists every one.
SUMMARISED = 20
_PERIOD = re.compile(r"\d{4}-\d{2}")


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label="Workbook",
        help_text="An Excel workbook (.xlsx) or a .zip of CSV files, in the scorecard workbook format. "
        "The scorecard sheet may be left out.",
        widget=forms.FileInput(attrs={"accept": ".xlsx,.zip"}),
        error_messages={"required": "Select a workbook to upload", "empty": "The selected file is empty",
                        "invalid": "Select a workbook to upload"},
    )

    @classmethod
    def refusing(cls, message: str) -> UploadForm:
        """An empty form showing `message` at the file input (the upload a page carried is gone)."""
        form = cls()
        form.cleaned_data = {}  # add_error expects a cleaned form; an unbound one is never cleaned
        form.add_error("workbook", message)
        return form

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        problem = upload_problem(upload)
        if problem is not None:
            raise forms.ValidationError(problem)
        return upload


class ApplyForm(forms.Form):
    """Apply or cancel a preview. Never validated by Django: the import reads the reason."""

    upload = forms.CharField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        required=False, strip=False, label="Reason for correcting published figures",
        help_text="Kept in the history of each published figure this workbook changes; the publications themselves do not change.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def typed(self, name: str) -> str:
        value = self[name].value()
        return "" if value is None else str(value)


@dataclass(frozen=True)
class FigureChange:
    number: str
    month: str  # "December 2020"
    before: str  # "value 45.0, numerator 45" or "" for a new figure
    after: str
    published: bool  # the month is shown in a publication: a correction


@dataclass(frozen=True)
class RowChange:
    sheet: str  # in words: "notes", "targets"
    subject: str  # "6.1, Dec 2020, commentary"
    created: bool
    fields: str  # "text: 'Fewer…' to 'More…'"


@dataclass(frozen=True)
class Place:
    sheet: str
    row: str
    column: str
    message: str


@dataclass(frozen=True)
class UploadPreview:
    file_name: str
    new_figures: tuple[FigureChange, ...]
    changed_figures: tuple[FigureChange, ...]
    other_changes: tuple[RowChange, ...]
    unchanged: tuple[tuple[str, int], ...]  # (sheet in words, rows)
    warnings: tuple[Place, ...]
    errors: tuple[Place, ...]

    @property
    def corrections(self) -> int:
        return sum(change.published for change in self.new_figures + self.changed_figures)

    @property
    def summary_links(self) -> list[dict[str, str]]:
        """The error summary: each error links to its row in the table of errors (the first SUMMARISED)."""
        links = [{"href": f"#upload-error-{n}", "text": _summary_text(error)}
                 for n, error in enumerate(self.errors[:SUMMARISED], start=1)]
        if len(self.errors) > SUMMARISED:
            links.append({"href": f"#upload-error-{SUMMARISED + 1}",
                          "text": f"and {len(self.errors) - SUMMARISED} more errors, listed below"})
        return links

    @property
    def changes(self) -> int:
        return len(self.new_figures) + len(self.changed_figures) + len(self.other_changes)


def _summary_text(place: Place) -> str:
    where = ", ".join(part for part in (place.sheet, place.row and f"row {place.row}",
                                        place.column and f"column {place.column}") if part)
    return f"{where}: {place.message}" if where else place.message


def _month(text: str) -> str:
    """ "2020-12" as "December 2020"; any other part of a row's key as it is."""
    if not _PERIOD.fullmatch(text):
        return text
    return Month.parse(text).long_name()


def _figure_words(change: Change, before: bool) -> str:
    """"value 45.0, numerator 45": the fields that change, as stored (`before`) or as imported."""
    parts = [(name, old if before else new) for name, old, new in change.fields]
    if [name for name, _ in parts] == ["value"]:
        return parts[0][1]  # a value alone needs no label: "615" to "616"
    return ", ".join(f"{FIELD_WORDS.get(name, name)} {text}" for name, text in parts if text)


def _field_words(change: Change) -> str:
    def shown(text: str) -> str:
        return f"“{text[:80]}{'…' if len(text) > 80 else ''}”" if text else "nothing"

    if change.created:
        return "; ".join(f"{FIELD_WORDS.get(name, name)} {shown(new)}" for name, _, new in change.fields if name != "author_id")
    words = []
    for name, old, new in change.fields:
        if name == "author_id":
            words.append("author becomes you")
        else:
            words.append(f"{FIELD_WORDS.get(name, name)} {shown(old)} becomes {shown(new)}")
    return "; ".join(words)


def _place(issue: Issue | str) -> Place:
    if isinstance(issue, Issue):
        return Place(issue.sheet, "" if issue.row is None else str(issue.row), issue.column or "", issue.message)
    return Place("", "", "", str(issue))


def upload_preview(report: ImportReport) -> UploadPreview:
    new, changed, other = [], [], []
    for change in report.changes:
        if change.sheet == "values":
            number, period = change.subject
            figure = FigureChange(number, _month(period), "" if change.created else _figure_words(change, True),
                                  _figure_words(change, False), change.correction)
            (new if change.created else changed).append(figure)
        else:
            first, *rest = change.subject  # an indicator number, a section, a slug: as written
            rest = [KIND_WORDS.get(part, _month(part)) for part in rest]
            subject = ", ".join([first, *rest])
            other.append(RowChange(SHEET_WORDS.get(change.sheet, change.sheet), subject, change.created,
                                   _field_words(change)))
    return UploadPreview(
        file_name=report.source_name,
        new_figures=tuple(new),
        changed_figures=tuple(changed),
        other_changes=tuple(other),
        # The scorecard's own row is no one's figure: it is not counted as unchanged.
        unchanged=tuple((SHEET_WORDS.get(sheet, sheet), count) for sheet, count in sorted(report.unchanged.items())
                        if count and sheet != "scorecard"),
        warnings=tuple(_place(issue) for issue in report.warnings),
        errors=tuple(_place(issue) for issue in report.errors),
    )
