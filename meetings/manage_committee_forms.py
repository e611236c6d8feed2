"""The forms of the advisor's committee screens (docs/committees-screens.md).

Django renders them in GOV.UK markup (templates/django/forms/); a date is the GOV.UK date input
(day, month and year boxes: `DayField`). Every message names what is wrong and what to do; a
seat's rules are the model's own (`Membership.clean`), so the screens and the Django admin refuse
the same things in the same words.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from accounts.models import Person, PersonAlias
from meetings.manage_committee_selectors import PlannedSeat, people, role_holder, scorecard_choices
from meetings.manage_committee_services import (
    CommitteeValues,
    ItemValues,
    NewPerson,
    SeatValues,
    role_taken_message,
)
from meetings.models import Committee, Membership, StandardItem
from meetings.vocabulary import (
    CommitteeKind,
    ItemType,
    MembershipRole,
    municipal_year_bounds,
    municipal_year_label,
    name_key,
)
from scorecards.stale_edits import history_version, version_field

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# /manage/committees/new/ is the page that creates one.
RESERVED_SLUGS = {"new"}


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


# -- the GOV.UK date input --------------------------------------------------------------------


class DayWidget(forms.MultiWidget):
    """Day, month and year boxes (templates/meetings/manage/widgets/date_input.html)."""

    template_name = "meetings/manage/widgets/date_input.html"
    use_fieldset = True

    def __init__(self) -> None:
        box = {"inputmode": "numeric", "autocomplete": "off"}
        super().__init__([forms.TextInput(attrs={**box, "class": "govuk-date-input__input govuk-input--width-2"}),
                          forms.TextInput(attrs={**box, "class": "govuk-date-input__input govuk-input--width-2"}),
                          forms.TextInput(attrs={**box, "class": "govuk-date-input__input govuk-input--width-4"})])

    def decompress(self, value: datetime.date | None) -> list:
        return [value.day, value.month, value.year] if value else [None, None, None]


class DayField(forms.MultiValueField):
    """A day typed in three boxes, read with the GOV.UK date input's messages: ``noun`` is what
    the date is ("The date the seat ended")."""

    widget = DayWidget

    def __init__(self, noun: str, **kwargs) -> None:
        self.noun = noun
        boxes = [forms.CharField(required=False) for _ in range(3)]
        super().__init__(boxes, require_all_fields=False,
                         error_messages={"required": f"Enter {noun[0].lower()}{noun[1:]}"}, **kwargs)

    def compress(self, values: list) -> datetime.date | None:
        if not values or not any(str(value or "").strip() for value in values):
            return None
        parts = [str(value or "").strip() for value in values]
        missing = [name for name, part in zip(("day", "month", "year"), parts) if not part]
        if missing:
            raise ValidationError(f"{self.noun} must include a {' and a '.join(missing)}")
        if not all(part.isascii() and part.isdigit() for part in parts) or len(parts[2]) != 4:
            raise ValidationError(f"{self.noun} must be a real date, for example 2 3 2021")
        try:
            day = datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise ValidationError(f"{self.noun} must be a real date, for example 2 3 2021") from None
        if not 1990 <= day.year <= 2099:
            raise ValidationError(f"{self.noun} must be between 1990 and 2099")
        return day


# -- committees -------------------------------------------------------------------------------


class CommitteeForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200,
        error_messages={"required": "Enter the committee's name",
                        "max_length": "The name must be 200 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}),
    )
    slug = forms.CharField(
        label="Short name for its web address", required=False, max_length=100,
        help_text="Letters, digits, - and _, as in /committees/corporate-parenting-panel/. "
        "Leave it blank to make it from the name.",
        error_messages={"max_length": "The short name must be 100 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-one-half", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label="Kind", choices=CommitteeKind.choices(), widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of committee it is",
                        "invalid_choice": "Select what kind of committee it is from the list"},
    )
    description = forms.CharField(
        label="Purpose", required=False, help_text="As the committee's public page shows it.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    scorecards = forms.ModelMultipleChoiceField(
        queryset=scorecard_choices(), required=False, label="Scorecards it scrutinises",
        help_text="Its performance reports present publications of these scorecards.",
        error_messages={"invalid_choice": "Select scorecards from the list",
                        "invalid_pk_value": "Select scorecards from the list"},
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
    )
    version = version_field()  # the committee's version the page was drawn from (stale_edits)

    def __init__(self, *args, committee: Committee | None = None, **kwargs) -> None:
        self.committee = committee
        super().__init__(*args, **kwargs)
        self.fields["scorecards"].label_from_instance = lambda scorecard: scorecard.title
        if not self.fields["scorecards"].queryset.exists():
            self.fields["scorecards"].help_text = "There are no scorecards yet: link them here once they are created."
        if committee is None:
            del self.fields["version"]
        else:
            self.fields["slug"].help_text = ("Letters, digits, - and _. Changing it changes the committee's public "
                                             "address and its calendar feed: links to the old ones stop working.")

    @classmethod
    def for_committee(cls, committee: Committee) -> CommitteeForm:
        return cls(committee=committee, initial={
            "name": committee.name, "slug": committee.slug, "kind": committee.kind,
            "description": committee.description, "scorecards": list(committee.scorecards.values_list("pk", flat=True)),
            "version": history_version(committee),
        })

    def _others(self):
        others = Committee.objects.all()
        return others.exclude(pk=self.committee.pk) if self.committee else others

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        existing = self._others().filter(name__iexact=name).first()
        if existing is not None:
            raise ValidationError(f"There is already a committee called “{existing.name}”: choose another name")
        return name

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip()
        if slug and not SLUG.fullmatch(slug):
            raise ValidationError("The short name can only contain letters, digits, - and _, "
                                  "for example corporate-parenting-panel")
        return slug

    def clean(self) -> dict:
        data = super().clean()
        if "name" not in data or "slug" not in data:
            return data
        typed = data["slug"]
        slug = typed or slugify(data["name"])[:100].strip("-")
        if not slug:
            self.add_error("slug", "Enter a short name for the web address: none can be made from this name")
            return data
        if slug.lower() in RESERVED_SLUGS:
            self.add_error("slug", f"Choose another short name: “{slug}” is the address of the page that creates "
                                   "a committee")
            return data
        existing = self._others().filter(slug__iexact=slug).first()
        if existing is not None:
            self.add_error("slug", f"The short name {slug} is taken by “{existing.name}”: enter another" if typed
                           else f"The short name made from the name, {slug}, is taken by “{existing.name}”: "
                                "enter another short name")
            return data
        data["slug"] = slug
        return data

    def values(self) -> CommitteeValues:
        data = self.cleaned_data
        return CommitteeValues(name=data["name"], slug=data["slug"], kind=CommitteeKind(data["kind"]),
                               description=data["description"].strip(),
                               scorecard_ids=frozenset(scorecard.pk for scorecard in data["scorecards"]))


# -- standard items ---------------------------------------------------------------------------


class NewEraForm(forms.Form):
    era_from = DayField("The date of its first meeting", label="Used for meetings from",
                        help_text="The date of the first meeting with the new order or wording. For example, 4 5 2021.")

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        self.committee = committee
        super().__init__(*args, **kwargs)

    def clean_era_from(self) -> datetime.date:
        day = self.cleaned_data["era_from"]
        if self.committee.standard_items.filter(era_from=day).exists():
            raise ValidationError(f"There is already an era from {_day(day)}: change its items instead")
        return day


class StandardItemForm(forms.Form):
    item_type = forms.ChoiceField(
        label="Type", choices=[("", "Choose a type"), *ItemType.choices()],
        error_messages={"required": "Select the item's type", "invalid_choice": "Select the item's type from the list"},
    )
    title = forms.CharField(
        label="Title", max_length=500, help_text="As the agenda prints it: Apologies for Absence.",
        error_messages={"required": "Enter the item's title", "max_length": "The title must be 500 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-full"}),
    )
    description = forms.CharField(
        label="Description", required=False, help_text="The words under the title, if any.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def for_item(cls, item: StandardItem, prefix: str | None = None) -> StandardItemForm:
        return cls(prefix=prefix, initial={"item_type": item.item_type, "title": item.title,
                                           "description": item.description})

    def values(self) -> ItemValues:
        data = self.cleaned_data
        return ItemValues(ItemType(data["item_type"]), data["title"], data["description"].strip())


# -- memberships ------------------------------------------------------------------------------


class SeatForm(forms.Form):
    """A seat's role and details; with `membership`, its end and the version it was drawn from."""

    role = forms.ChoiceField(
        label="Role", choices=MembershipRole.choices(), widget=forms.RadioSelect,
        error_messages={"required": "Select the role", "invalid_choice": "Select the role from the list"},
    )
    move_role = forms.BooleanField(required=False, label="Move the role to this person")
    capacity = forms.CharField(
        label="Capacity (optional)", required=False, max_length=300,
        help_text="The capacity in which they sit, for example Minority Party representative.",
        error_messages={"max_length": "The capacity must be 300 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    represents = forms.CharField(
        label="Organisation represented (co-opted members)", required=False, max_length=300,
        error_messages={"max_length": "The organisation must be 300 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    scope = forms.CharField(
        label="Attends for (co-opted members, optional)", required=False, max_length=300,
        help_text="Leave blank when they attend for every item. For example, for agenda items relating to older "
        "peoples' issues.",
        error_messages={"max_length": "The scope must be 300 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    substitute_for = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label="Stands in for (substitutes, optional)",
        empty_label="Not named",
        error_messages={"invalid_choice": "Select the member they stand in for from the list"},
    )
    ended_on = DayField("The date the seat ended", label="Seat ended on (optional)", required=False)
    version = version_field()

    def __init__(self, *args, committee: Committee, year: int, membership: Membership | None = None,
                 **kwargs) -> None:
        self.committee, self.year, self.membership = committee, year, membership
        self.offer_move = False  # set when the role chosen is someone else's this year
        super().__init__(*args, **kwargs)
        members = Person.objects.filter(memberships__committee=committee, memberships__municipal_year=year)
        if membership is not None:
            members = members.exclude(pk=membership.person_id)
            first, last = municipal_year_bounds(year)
            self.fields["ended_on"].help_text = (f"Within {municipal_year_label(year)}: from {_day(first)} to "
                                                 f"{_day(last)}. They are no longer a member from that day.")
        else:
            del self.fields["ended_on"], self.fields["version"]
        self.fields["substitute_for"].queryset = members.order_by("name").distinct()

    @classmethod
    def for_membership(cls, membership: Membership) -> SeatForm:
        return cls(committee=membership.committee, year=membership.municipal_year, membership=membership, initial={
            "role": membership.role, "capacity": membership.capacity, "represents": membership.represents,
            "scope": membership.scope, "substitute_for": membership.substitute_for_id,
            "ended_on": membership.ended_on, "version": history_version(membership),
        })

    def clean_ended_on(self) -> datetime.date | None:
        day = self.cleaned_data["ended_on"]
        first, last = municipal_year_bounds(self.year)
        if day is not None and not first <= day <= last:
            raise ValidationError(f"The date the seat ended must be within {municipal_year_label(self.year)}: "
                                  f"from {_day(first)} to {_day(last)}")
        return day

    def clean(self) -> dict:
        data = super().clean()
        for field in ("capacity", "represents", "scope"):
            if field in data:
                data[field] = " ".join(data[field].split())
        if "role" in data:
            self._check_seat(data)
            self._check_role(data)
        return data

    def _check_seat(self, data: dict) -> None:
        """The model's own rules of a seat (co-opted members, substitutes), in its words."""
        substitute = data.get("substitute_for")
        seat = Membership(role=data["role"], represents=data.get("represents", ""), scope=data.get("scope", ""),
                          substitute_for_id=substitute.pk if substitute else None)
        try:
            seat.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)

    def _check_role(self, data: dict) -> None:
        """One chair and one vice-chair a year: name who holds it, and offer to move it."""
        holder = role_holder(self.committee, self.year, data["role"],
                             besides=self.membership.pk if self.membership else None)
        if holder is None:
            return
        self.offer_move = True
        role = MembershipRole(data["role"]).label.lower()
        # The bound field was made before clean(): it carries its own copy of the words.
        bound = self["move_role"]
        bound.label = self.fields["move_role"].label = f"Move the {role} role to this person"
        bound.help_text = self.fields["move_role"].help_text = f"{holder.person} stays on the committee as a member."
        if not data.get("move_role"):
            self.add_error("role", role_taken_message(holder))

    def seat(self) -> SeatValues:
        data = self.cleaned_data
        substitute = data.get("substitute_for")
        return SeatValues(role=MembershipRole(data["role"]), capacity=data["capacity"], represents=data["represents"],
                          scope=data["scope"], substitute_for_id=substitute.pk if substitute else None,
                          ended_on=data.get("ended_on"))


class NewSeatForm(SeatForm):
    """Seat someone: a person on the record, or one created here by name and title."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label="A person already on the record",
        empty_label="Choose a person",
        error_messages={"invalid_choice": "Select a person from the list"},
    )
    new_title = forms.CharField(
        label="Title (optional)", required=False, max_length=50, help_text="For example, Councillor or Ms.",
        error_messages={"max_length": "The title must be 50 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    new_name = forms.CharField(
        label="Name", required=False, max_length=200, help_text="As the front sheet prints it, without the title: "
        "M. S. Elliott.",
        error_messages={"max_length": "The name must be 200 characters or fewer"},
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    field_order = ["person", "new_title", "new_name"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()

    def clean(self) -> dict:
        data = super().clean()
        person, name = data.get("person"), " ".join(data.get("new_name", "").split())
        title = " ".join(data.get("new_title", "").split())
        data["new_name"], data["new_title"] = name, title
        if "person" in self.errors:
            return data
        if person is not None and (name or title):
            self.add_error("person", "Choose a person from the list or enter a new person's name, not both")
        elif person is None and not name:
            self.add_error("person", "Choose a person from the list, or enter the name of someone not on the record")
        elif person is None:
            same = self._same_name(title, name)
            if same is not None:
                self.add_error("new_name", f"There is already a person called {same} on the record: choose them "
                                           "from the list")
        elif (seat := Membership.objects.filter(committee=self.committee, person=person,
                                                municipal_year=self.year).first()) is not None:
            self.add_error("person", f"{person} already has a seat on this committee in "
                                     f"{municipal_year_label(self.year)} ({seat.get_role_display()}): "
                                     "change that seat instead")
        return data

    @staticmethod
    def _same_name(title: str, name: str) -> Person | None:
        """Someone whose printed name (or an alias) is this one: never a second person of that name."""
        key = name_key(title, name)
        for person in Person.objects.filter(name__iexact=name):
            if name_key(person.title, person.name) == key:
                return person
        alias = PersonAlias.objects.filter(name__iexact=name).select_related("person")
        return next((each.person for each in alias if name_key(each.title, each.name) == key), None)

    def new_person(self) -> NewPerson | None:
        data = self.cleaned_data
        return None if data["person"] else NewPerson(data["new_title"], data["new_name"])


class RolloverForm(forms.Form):
    seats = forms.MultipleChoiceField(
        label="Seats to roll over", required=True, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one seat to roll over",
                        "invalid_choice": "Select seats from the list: the preview has changed, check it again"},
    )

    def __init__(self, *args, carried: tuple[PlannedSeat, ...], next_label: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seats"].label = f"Seats to roll over into {next_label}"
        self.fields["seats"].choices = [
            (str(seat.membership_id), f"{seat.person}, {seat.role_label}" + (f" ({seat.note})" if seat.note else ""))
            for seat in carried
        ]
        self.fields["seats"].initial = [str(seat.membership_id) for seat in carried]

    def chosen(self) -> frozenset[int]:
        return frozenset(int(value) for value in self.cleaned_data["seats"])
