"""The forms of the advisor's document screens (docs/documents-screens.md): a document's kind,
label, title, exempt flag, and either an uploaded PDF or text written here.

An upload is read here, before anything is written: its size against
settings.MEETING_DOCUMENT_MAX_BYTES, then its bytes with pypdf (`meetings.pdf_uploads`). The form
gives the services a `DocumentContent` whose upload, if any, is known to be a PDF a pack can merge.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from meetings.document_text import check_document_text
from meetings.manage_document_services import CheckedUpload, DocumentContent
from meetings.models import Document
from meetings.pdf_uploads import clean_name, read_pdf, size_problem, size_words
from meetings.vocabulary import DocumentKind
from scorecards.compute.entry import REASON_LENGTH, normalise_line_breaks, read_text
from scorecards.stale_edits import history_version, version_field

TITLE_LENGTH = 500
LABEL_LENGTH = 20
BOTH = "Upload a PDF or write the text, not both"
NEITHER = "Upload a PDF or write the document's text"
REASON_NEEDED = ("Give a reason for replacing it: the meeting's agenda pack is published, and the history keeps "
                 "the paper it printed")


def _checked(read) -> str:
    if read.problem is not None:
        raise forms.ValidationError(read.problem.message[0].upper() + read.problem.message[1:])
    return read.value


class DocumentForm(forms.Form):
    """Adding a document (``document`` None) or changing one. ``reason_needed``: the meeting has
    a published pack, so replacing the file or text needs a reason."""

    kind = forms.ChoiceField(
        label="What it is", choices=DocumentKind.choices(), widget=forms.RadioSelect,
        error_messages={"required": "Choose what the document is", "invalid_choice": "Choose what the document is"},
    )
    label = forms.CharField(
        label="Label (optional)", required=False, max_length=LABEL_LENGTH,
        help_text="An appendix's letter or number as the cover report lists it, for example A or 1.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={"max_length": f"The label must be {LABEL_LENGTH} characters or fewer"},
    )
    title = forms.CharField(
        label="Title", max_length=TITLE_LENGTH,
        help_text="As the agenda and the pack print it, for example Corporate Parenting Performance Report.",
        error_messages={"required": "Enter the document's title",
                        "max_length": f"The title must be {TITLE_LENGTH} characters or fewer"},
    )
    exempt = forms.BooleanField(
        label="Exempt: not for publication", required=False,
        help_text="The public sees its title only, and the public pack leaves it out. Every paper of an exempt "
        "item is withheld already.",
    )
    file = forms.FileField(
        label="Upload a PDF", required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={"empty": "The selected file is empty", "invalid": "Select a PDF to upload"},
    )
    text = forms.CharField(
        label="Or write the document here", required=False, strip=False,
        help_text="In Markdown: a blank line between paragraphs, # for a heading, - for a list item, **bold**.",
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    reason = forms.CharField(
        label="Reason for the change (optional)", required=False, strip=False,
        help_text="Kept in the document's history.", widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = version_field()

    def __init__(self, *args, document: Document | None = None, reason_needed: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.document, self.reason_needed = document, reason_needed
        limit = settings.MEETING_DOCUMENT_MAX_BYTES
        self.fields["file"].help_text = (
            f"At most {size_words(limit)}; not password-protected, so that the agenda pack can merge it."
        )
        if document is None:
            del self.fields["reason"], self.fields["version"]
            return
        if document.file:
            self.fields["file"].label = "Replace the PDF (optional)"
            self.fields["file"].help_text += " The current PDF stays in the history."
            self.fields["text"].label = "Or replace the PDF with text written here"
        elif document.text.strip():
            self.fields["text"].label = "The document's text"
            self.fields["file"].label = "Or replace the text with a PDF"
        # A paper the pack names but the record does not hold keeps the labels of a new one.
        if reason_needed:
            self.fields["reason"].label = "Reason for the change"
            self.fields["reason"].help_text = ("Needed to replace the PDF or text: the meeting's agenda pack is "
                                               "published. Kept in the document's history.")

    @classmethod
    def for_document(cls, document: Document, reason_needed: bool) -> DocumentForm:
        initial = {"kind": document.kind, "label": document.label, "title": document.title,
                   "exempt": document.exempt, "text": document.text, "version": history_version(document)}
        return cls(initial=initial, document=document, reason_needed=reason_needed)

    def clean_label(self) -> str:
        return _checked(read_text(self.cleaned_data["label"].strip(), "label", LABEL_LENGTH))

    def clean_title(self) -> str:
        return _checked(read_text(self.cleaned_data["title"].strip(), "title", TITLE_LENGTH))

    def clean_text(self) -> str:
        text = normalise_line_breaks(self.cleaned_data["text"])
        if not text.strip():
            return ""
        problem = check_document_text(text)
        if problem is not None:
            raise forms.ValidationError(problem)
        return text

    def clean_reason(self) -> str:
        text = self.cleaned_data["reason"].strip()
        return _checked(read_text(text, "reason", REASON_LENGTH, lines=True)) if text else ""

    def clean_file(self) -> CheckedUpload | None:
        upload: UploadedFile | None = self.cleaned_data["file"]
        if upload is None:
            return None
        name = clean_name(upload.name)
        problem = size_problem(name, upload.size, settings.MEETING_DOCUMENT_MAX_BYTES)
        reading = None if problem else read_pdf(name, upload)
        if problem or reading.problem:
            raise forms.ValidationError(problem or reading.problem)
        return CheckedUpload(file=upload, original_name=name, page_count=reading.page_count)

    def clean(self) -> dict:
        data = super().clean()
        upload, text = data.get("file"), data.get("text")
        if "file" in self.errors or "text" in self.errors:
            return data
        if upload is not None and text:
            self.add_error("file", BOTH)
        elif upload is None and not text and not (self.document is not None and self.document.file):
            self.add_error("file", NEITHER)
        elif self.reason_needed and self.replaces_content(upload, text) and not data.get("reason"):
            self.add_error("reason", REASON_NEEDED)
        return data

    def replaces_content(self, upload: CheckedUpload | None, text: str) -> bool:
        """Whether the posted file or text takes the place of what the document holds."""
        if self.document is None:
            return False
        if upload is not None:
            return True
        return bool(text) and text != self.document.text

    def content(self) -> DocumentContent:
        data = self.cleaned_data
        return DocumentContent(kind=data["kind"], label=data["label"], title=data["title"], exempt=data["exempt"],
                               text=data["text"], upload=data["file"])


class DeleteForm(forms.Form):
    """Deleting a document: asked once more, since only the history keeps it afterwards."""

    confirm = forms.BooleanField(
        label="Yes, delete this document", required=True,
        error_messages={"required": "Tick the box to confirm that you want to delete this document"},
    )
