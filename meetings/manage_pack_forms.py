"""The advisor's publish form (issue 16 part 5): a full pack, or a supplementary pack of chosen
items; and, when a check refuses, the reason to publish anyway."""

from __future__ import annotations

from django import forms

from meetings.models import AgendaItem, Meeting
from meetings.pack_selectors import item_label
from meetings.vocabulary import PackKind

REASON_LENGTH = 2000


class PublishPackForm(forms.Form):
    kind = forms.ChoiceField(
        label="What to publish", widget=forms.RadioSelect,
        choices=[(PackKind.FULL, "The agenda pack: a new version of the whole pack"),
                 (PackKind.SUPPLEMENT, "A supplementary pack of the items chosen below")],
        initial=PackKind.FULL, error_messages={"required": "Choose the agenda pack or a supplementary pack"},
    )
    items = forms.ModelMultipleChoiceField(
        queryset=AgendaItem.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        label="Items of a supplementary pack", help_text="Only for a supplementary pack: the added or replaced items it holds.",
    )
    override_reason = forms.CharField(
        required=False, label="Reason to publish despite the refusals", max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded with the pack: for example, 'Item 9's report is to follow from the service.'",
        error_messages={"max_length": f"Keep the reason to {REASON_LENGTH} characters or fewer"},
    )

    def __init__(self, *args, meeting: Meeting, refused: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.refused = refused
        self.fields["items"].queryset = meeting.agenda_items.order_by("order")
        self.fields["items"].label_from_instance = item_label
        if not refused:
            del self.fields["override_reason"]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == PackKind.SUPPLEMENT and not data.get("items"):
            self.add_error("items", "Choose the items the supplementary pack holds")
        if data.get("kind") == PackKind.FULL and data.get("items"):
            self.add_error("items", "Items are chosen for a supplementary pack only: choose a supplementary pack, or untick them")
        # A supplementary pack is checked on its items only: the service says when they are refused.
        if self.refused and data.get("kind") == PackKind.FULL and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", "Enter the reason to publish despite the refusals, or correct the record first")
        return data
