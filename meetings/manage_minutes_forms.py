"""The forms of the advisor's attendance, declarations, minutes and actions screens
(docs/minutes-screens.md). Django renders them in GOV.UK markup (templates/django/forms/); each
message names what is wrong and what was found. Choices that name a row (a person, a minute) are
plain text fields shown as a select, so that a posted id of some other meeting's row is found
and refused in the model's own words (Attendance.clean, Declaration.clean, Minute.clean) rather
than as "not one of the choices".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Person
from meetings.manage_minutes_services import (
    ABSENT,
    ActionValues,
    Attendee,
    DeclarationValues,
    EntryChange,
    MinuteValues,
    NewPerson,
    seat_role,
)
from meetings.models import AgendaItem, Attendance, Meeting, Membership, Minute, Minutes
from meetings.vocabulary import AttendanceKind, AttendanceRole, InterestType, MinutesState, name_key, printed_name
from scorecards.compute.entry import quoted
from scorecards.stale_edits import history_version, version_field

SMALL_INLINE = {"class": "govuk-radios--small govuk-radios--inline"}
WIDE = {"class": "govuk-!-width-full"}
# Blank lines offered under the substitutes and the people in attendance: the GOV.UK "add
# another" without script; saving offers two more.
BLANK_ROWS = 2


def _pk(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


def _printed(person: Person) -> str:
    return printed_name(person.title, person.name)


def _minute_choices(meeting: Meeting, empty: str) -> list[tuple[str, str]]:
    return [("", empty), *[(str(m.pk), f"{m.number}. {m.title}") for m in meeting.minutes.order_by("order")]]


def _item_choices(meeting: Meeting) -> list[tuple[str, str]]:
    return [("", "None"), *[(str(item.pk), str(item)) for item in meeting.agenda_items.order_by("order")]]


def _find_minute(text: str) -> Minute | None:
    """The minute a posted id names, of any meeting: Attendance.clean says when it is another's."""
    if not text:
        return None
    minute = Minute.objects.filter(pk=_pk(text)).first() if _pk(text) else None
    if minute is None:
        raise ValidationError(f"Select a minute from the list; found {quoted(text)}")
    return minute


# -- the attendance sheet ---------------------------------------------------------------------

STATUS = [(AttendanceKind.PRESENT.value, "Present"), (AttendanceKind.APOLOGIES.value, "Apologies"), (ABSENT, "Absent")]


@dataclass(frozen=True)
class Seat:
    """A line of the members' part of the sheet: a member of that year, or someone the record
    has present or with apologies without a membership that year (an imported meeting whose
    membership was not printed), so that they can be seen and changed too."""

    person: Person
    role: str  # AttendanceRole
    label: str  # "Councillor Watson, chair"

    @classmethod
    def of_membership(cls, membership: Membership) -> Seat:
        return cls(membership.person, seat_role(membership.role),
                   f"{_printed(membership.person)}, {membership.get_role_display().lower()}")

    @classmethod
    def of_row(cls, row: Attendance, year_label: str) -> Seat:
        role = f", {row.get_role_display().lower()}" if row.role else ""
        return cls(row.person, row.role, f"{_printed(row.person)}{role} (no membership recorded for {year_label})")


class MemberMarkForm(forms.Form):
    """One member of that year: present, apologies (with the reason) or absent (no row)."""

    status = forms.ChoiceField(choices=STATUS, widget=forms.RadioSelect(attrs=SMALL_INLINE))
    reason = forms.CharField(required=False, label="Reason for apologies (optional)",
                             widget=forms.TextInput(attrs=WIDE))

    def __init__(self, *args, seat: Seat, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.seat = seat
        name = _printed(seat.person)
        self.fields["status"].label = seat.label
        self.fields["status"].error_messages = {
            "required": f"Select present, apologies or absent for {name}",
            "invalid_choice": f"Select present, apologies or absent for {name}",
        }
        self.fields["reason"].label = f"Reason for {name}'s apologies (optional)"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reason", "").strip() and data.get("status") not in (None, AttendanceKind.APOLOGIES):
            self.add_error("reason", f"Only apologies have a reason: {_printed(self.seat.person)} is not "
                           "marked as sending apologies")
        return data


class OtherForm(forms.Form):
    """A substitute (and whom they stand in for) or someone in attendance (an officer, a cabinet
    member, another councillor): a stored person, or a new one by name and title."""

    person = forms.CharField(required=False, label="Person", widget=forms.Select())
    name = forms.CharField(required=False, label="Or a new person's name", max_length=200,
                           help_text="As printed, without the title: J. Smith")
    title = forms.CharField(required=False, label="Their title (optional)", max_length=50,
                            help_text="Councillor, Mrs., or a post such as Strategic Director")
    for_member = forms.CharField(required=False, label="Standing in for", widget=forms.Select())
    role = forms.ChoiceField(required=False, label="Capacity", choices=[
        (role.value, role.label) for role in (AttendanceRole.OFFICER, AttendanceRole.CABINET_MEMBER,
                                               AttendanceRole.EXTERNAL, AttendanceRole.NONE)
    ], error_messages={"invalid_choice": "Select the capacity from the list"})
    note = forms.CharField(required=False, label="Note (optional)", max_length=500,
                           help_text="A post, or what they attended for: for item 48")
    remove = forms.BooleanField(required=False, label="Take them off the attendance")
    attendance = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kind: str, people: list[tuple[str, str]], members: list[tuple[str, str]],
                 existing: Attendance | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind, self.existing = kind, existing
        self.fields["person"].widget.choices = [("", "Choose a person"), *people]
        if kind == AttendanceKind.SUBSTITUTE:
            del self.fields["role"], self.fields["note"]
            self.fields["for_member"].widget.choices = [("", "Choose the member"), *members]
        else:
            del self.fields["for_member"]
        if existing is None:
            del self.fields["remove"]

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not data.get("person") and not data.get("name", "").strip()

    def clean_person(self) -> Person | None:
        text = self.cleaned_data["person"]
        if not text:
            return None
        person = Person.objects.filter(pk=_pk(text)).first() if _pk(text) else None
        if person is None:
            raise ValidationError(f"Choose a person from the list; found {quoted(text)}")
        return person

    def clean(self) -> dict:
        data = super().clean()
        person, name = data.get("person"), data.get("name", "").strip()
        if person is not None and name:
            self.add_error("name", "Choose someone from the list or type a new name, not both")
        elif name:
            key = name_key(data.get("title", ""), name)
            if any(name_key(p.title, p.name) == key for p in Person.objects.filter(name__iexact=name)):
                self.add_error("name", f"{printed_name(data.get('title', ''), name)} is already in the record: "
                               "choose them from the list")
        if self.kind == AttendanceKind.SUBSTITUTE and not self.is_blank() and not data.get("for_member"):
            self.add_error("for_member", f"Select the member {self.who()} stands in for")
        return data

    def who(self) -> str:
        data = self.cleaned_data
        person = data.get("person")
        return _printed(person) if person else printed_name(data.get("title", "").strip(), data.get("name", "").strip())


class AttendanceSheet:
    """The whole attendance of one meeting as one form: every member's mark, the substitutes and
    the people in attendance, checked together and saved all at once (or not at all)."""

    def __init__(self, meeting: Meeting, members: list[Membership], rows: list[Attendance], data=None) -> None:
        self.meeting, self.data = meeting, data
        mine = {row.person_id: row for row in rows}
        member_ids = {m.person_id for m in members}
        self.members = [
            MemberMarkForm(data, prefix=f"member-{m.pk}", seat=Seat.of_membership(m),
                           initial=self._mark(mine.get(m.person_id)))
            for m in members
        ] + [
            MemberMarkForm(data, prefix=f"person-{row.person_id}", seat=Seat.of_row(row, meeting.year_label),
                           initial=self._mark(row))
            for row in rows
            if row.person_id not in member_ids and row.kind in (AttendanceKind.PRESENT, AttendanceKind.APOLOGIES)
        ]
        people = [(str(pk), printed_name(title, name)) for pk, title, name in
                  Person.objects.order_by("name", "title").values_list("pk", "title", "name")]
        member_choices = [(str(m.person_id), _printed(m.person)) for m in members]
        self.member_names = dict(member_choices)
        others = [row for row in rows if row.kind in (AttendanceKind.SUBSTITUTE, AttendanceKind.IN_ATTENDANCE)]
        self.substitutes = self._others(AttendanceKind.SUBSTITUTE, "substitute", others, people, member_choices)
        self.in_attendance = self._others(AttendanceKind.IN_ATTENDANCE, "other", others, people, member_choices)
        self.errors: list[dict] = []

    @staticmethod
    def _mark(row: Attendance | None) -> dict:
        if row is None or row.kind not in (AttendanceKind.PRESENT, AttendanceKind.APOLOGIES):
            return {"status": ABSENT}
        return {"status": row.kind, "reason": row.note if row.kind == AttendanceKind.APOLOGIES else ""}

    def _others(self, kind: str, prefix: str, rows: list[Attendance], people, members) -> list[OtherForm]:
        mine = [row for row in rows if row.kind == kind]
        forms_ = []
        for index, row in enumerate(mine):
            initial = {"person": str(row.person_id), "attendance": str(row.pk), "role": row.role, "note": row.note}
            if kind == AttendanceKind.SUBSTITUTE:
                initial["for_member"] = next((pk for pk, name in members if row.note == f"for {name}"), "")
            forms_.append(OtherForm(self.data, prefix=f"{prefix}-{index}", kind=kind, people=people, members=members,
                                    existing=row, initial=initial))
        for index in range(len(mine), len(mine) + BLANK_ROWS):
            forms_.append(OtherForm(self.data, prefix=f"{prefix}-{index}", kind=kind, people=people, members=members,
                                    initial={"role": AttendanceRole.OFFICER.value}))
        return forms_

    def is_valid(self) -> bool:
        every = [*self.members, *self.substitutes, *self.in_attendance]
        valid = all([form.is_valid() for form in every])  # every form, so each shows its errors
        if valid:
            self._check_together()
        self.errors = [
            {"href": f"#{form[name].id_for_label or form[name].auto_id + '_0'}"
             if name in form.fields else "#main-content", "text": error}
            for form in every for name, errors in form.errors.items() for error in errors
        ]
        return not self.errors

    def _check_together(self) -> None:
        """What no one line can tell: someone twice, apologies and present, a substitute for a
        member who is there."""
        marks = {form.seat.person.pk: form.cleaned_data["status"] for form in self.members}
        seen: dict[int, str] = {pid: "member" for pid, status in marks.items() if status != ABSENT}
        for form in [*self.substitutes, *self.in_attendance]:
            data = form.cleaned_data
            if form.is_blank() or data.get("remove"):
                continue
            standing_for = data.get("for_member")
            if standing_for and marks.get(_pk(standing_for)) == AttendanceKind.PRESENT:
                form.add_error("for_member", f"{self.member_names.get(standing_for, 'That member')} is marked present: "
                               "a substitute stands in for a member who is absent")
            person = data.get("person")
            if person is None:
                continue
            where = "a substitute" if form.kind == AttendanceKind.SUBSTITUTE else "in attendance"
            if marks.get(person.pk) == AttendanceKind.APOLOGIES:
                form.add_error("person", f"{_printed(person)} is marked as sending apologies and as present "
                               f"({where}): record them once")
            elif person.pk in seen:
                form.add_error("person", f"{_printed(person)} is already on the attendance: record them once")
            seen[person.pk] = where

    def attendees(self) -> list[Attendee]:
        found: list[Attendee] = []
        for form in self.members:
            data, seat = form.cleaned_data, form.seat
            note = data["reason"].strip() if data["status"] == AttendanceKind.APOLOGIES else ""
            found.append(Attendee(kind=data["status"], role=seat.role, note=note, person=seat.person.pk))
        for form in [*self.substitutes, *self.in_attendance]:
            data = form.cleaned_data
            if form.is_blank() or data.get("remove"):
                continue
            person = data.get("person")
            new = None if person else NewPerson(name=data["name"].strip(), title=data["title"].strip())
            if form.kind == AttendanceKind.SUBSTITUTE:
                role, note = AttendanceRole.SUBSTITUTE.value, f"for {self.member_names[data['for_member']]}"
            else:
                role, note = data["role"], data["note"].strip()
            found.append(Attendee(kind=form.kind, role=role, note=note, person=person.pk if person else None, new=new,
                                  attendance_id=form.existing.pk if form.existing else None))
        return found

    def removed(self) -> list[int]:
        return [form.existing.pk for form in [*self.substitutes, *self.in_attendance]
                if form.existing is not None and form.cleaned_data.get("remove")]


class AttendanceEntryForm(forms.Form):
    """Where one person's attendance changed during the meeting."""

    left_at = forms.CharField(required=False, label="Left the meeting before minute", widget=forms.Select(),
                              help_text="Not to return.")
    joined_at = forms.CharField(required=False, label="Joined the meeting at minute", widget=forms.Select())
    took_chair_at = forms.CharField(required=False, label="Took the chair at minute", widget=forms.Select(),
                                    help_text="The Vice-Chair, when the Chair left.")
    for_minutes = forms.MultipleChoiceField(
        required=False, label="Attended for these minutes only", widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select minutes of this meeting from the list; found %(value)s"},
    )
    absent_for = forms.MultipleChoiceField(
        required=False, label="Left the meeting for these minutes and re-joined",
        help_text="For example, after declaring an interest.", widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select minutes of this meeting from the list; found %(value)s"},
    )

    def __init__(self, *args, attendance: Attendance, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.attendance = attendance
        meeting = attendance.meeting
        for name in ("left_at", "joined_at", "took_chair_at"):
            self.fields[name].widget.choices = _minute_choices(meeting, "None")
        minutes = _minute_choices(meeting, "")[1:]
        self.fields["for_minutes"].choices = minutes
        self.fields["absent_for"].choices = minutes

    @classmethod
    def for_attendance(cls, attendance: Attendance) -> AttendanceEntryForm:
        return cls(attendance=attendance, initial={
            "left_at": str(attendance.left_at_id or ""), "joined_at": str(attendance.joined_at_id or ""),
            "took_chair_at": str(attendance.took_chair_at_id or ""),
            "for_minutes": [str(m.pk) for m in attendance.for_minutes.all()],
            "absent_for": [str(m.pk) for m in attendance.absent_for.all()],
        })

    def clean_left_at(self) -> Minute | None:
        return _find_minute(self.cleaned_data["left_at"])

    def clean_joined_at(self) -> Minute | None:
        return _find_minute(self.cleaned_data["joined_at"])

    def clean_took_chair_at(self) -> Minute | None:
        return _find_minute(self.cleaned_data["took_chair_at"])

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        probe = Attendance(meeting=self.attendance.meeting, person=self.attendance.person, kind=self.attendance.kind,
                           left_at=data["left_at"], joined_at=data["joined_at"], took_chair_at=data["took_chair_at"])
        try:
            probe.clean()  # the model's own words: a minute of another meeting, apologies
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
            else:
                self.add_error("left_at", error.messages)
        return data

    def change(self) -> EntryChange:
        data = self.cleaned_data
        minutes = {str(m.pk): m for m in self.attendance.meeting.minutes.all()}
        return EntryChange(
            left_at=data["left_at"], joined_at=data["joined_at"], took_chair_at=data["took_chair_at"],
            for_minutes=tuple(minutes[pk] for pk in data["for_minutes"]),
            absent_for=tuple(minutes[pk] for pk in data["absent_for"]),
        )


# -- declarations -----------------------------------------------------------------------------


class DeclarationForm(forms.Form):
    person = forms.CharField(label="Who declared it", widget=forms.Select(),
                             help_text="Those recorded present, substitutes and people in attendance.",
                             error_messages={"required": "Select who declared the interest"})
    agenda_item = forms.CharField(required=False, label="Agenda item", widget=forms.Select())
    minute = forms.CharField(required=False, label="Minute", widget=forms.Select())
    interest_type = forms.ChoiceField(label="Interest", choices=InterestType.choices(),
                                      widget=forms.RadioSelect(attrs={"class": "govuk-radios--small"}),
                                      error_messages={"required": "Select the kind of interest",
                                                      "invalid_choice": "Select the kind of interest from the list"})
    reason = forms.CharField(required=False, label="Why (optional)", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="As the minutes print it: as she was a board member of RISE.")
    left_meeting = forms.BooleanField(required=False, label="They left the meeting for the item")

    def __init__(self, *args, meeting: Meeting, present: list[Attendance], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.present_ids = {row.person_id for row in present}
        self.fields["person"].widget.choices = [("", "Choose a person"),
                                                *[(str(row.person_id), _printed(row.person)) for row in present]]
        self.fields["agenda_item"].widget.choices = _item_choices(meeting)
        self.fields["minute"].widget.choices = _minute_choices(meeting, "None")

    @classmethod
    def initial_of(cls, declaration) -> dict:
        return {"person": str(declaration.person_id), "agenda_item": str(declaration.agenda_item_id or ""),
                "minute": str(declaration.minute_id or ""), "interest_type": declaration.interest_type,
                "reason": declaration.reason, "left_meeting": declaration.left_meeting}

    def clean_person(self) -> Person:
        text = self.cleaned_data["person"]
        person = Person.objects.filter(pk=_pk(text)).first() if _pk(text) else None
        if person is None:
            raise ValidationError(f"Select who declared the interest from the list; found {quoted(text)}")
        if person.pk not in self.present_ids:
            raise ValidationError(f"{_printed(person)} is not recorded as present at this meeting: record their "
                                  "attendance first")
        return person

    def clean_agenda_item(self) -> AgendaItem | None:
        text = self.cleaned_data["agenda_item"]
        if not text:
            return None
        item = AgendaItem.objects.filter(pk=_pk(text), meeting=self.meeting).first() if _pk(text) else None
        if item is None:
            raise ValidationError(f"Select an agenda item of this meeting from the list; found {quoted(text)}")
        return item

    def clean_minute(self) -> Minute | None:
        minute = _find_minute(self.cleaned_data["minute"])
        if minute is not None and minute.meeting_id != self.meeting.pk:
            raise ValidationError("The minute is of another meeting.")
        return minute

    def clean(self) -> dict:
        data = super().clean()
        if "agenda_item" in data and "minute" in data and not data["agenda_item"] and not data["minute"]:
            self.add_error("agenda_item", "Select the agenda item or the minute the interest is in")
        return data

    def values(self) -> DeclarationValues:
        data = self.cleaned_data
        return DeclarationValues(person=data["person"], agenda_item=data["agenda_item"], minute=data["minute"],
                                 interest_type=data["interest_type"], reason=data["reason"].strip(),
                                 left_meeting=data["left_meeting"])


# -- minutes ----------------------------------------------------------------------------------


class MinuteForm(forms.Form):
    number = forms.CharField(
        label="Minute number", help_text="Numbers run on through the committee's municipal year and start at 1 in "
        "May. The next free number is proposed.",
        error_messages={"required": "Enter the minute's number"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
    )
    title = forms.CharField(label="Title", max_length=500, error_messages={"required": "Enter the minute's title"},
                            help_text="As printed, in capitals: DECLARATIONS OF INTEREST", widget=forms.TextInput(attrs=WIDE))
    agenda_item = forms.CharField(required=False, label="Agenda item (optional)", widget=forms.Select())
    body = forms.CharField(required=False, label="What was discussed (optional)", widget=forms.Textarea(attrs={"rows": 8}))
    outcome = forms.CharField(required=False, label="Outcome, when nothing was resolved (optional)",
                              help_text="Judith was thanked for her report.", widget=forms.Textarea(attrs={"rows": 3}))
    version = version_field()  # the minute's history version the page was drawn from (stale_edits)

    def __init__(self, *args, meeting: Meeting, minute: Minute | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting, self.minute = meeting, minute
        self.fields["agenda_item"].widget.choices = _item_choices(meeting)
        if minute is None:
            del self.fields["version"]

    @classmethod
    def initial_of(cls, minute: Minute) -> dict:
        return {"number": str(minute.number), "title": minute.title, "agenda_item": str(minute.agenda_item_id or ""),
                "body": minute.body, "outcome": minute.outcome, "version": history_version(minute)}

    def clean_number(self) -> int:
        text = self.cleaned_data["number"].strip()
        if not text.isdigit() or not 0 < int(text) < 10000:
            raise ValidationError(f"Enter the minute's number as a whole number, like 74; found {quoted(text)}")
        return int(text)

    def clean_agenda_item(self) -> AgendaItem | None:
        text = self.cleaned_data["agenda_item"]
        if not text:
            return None
        item = AgendaItem.objects.filter(pk=_pk(text)).first() if _pk(text) else None
        if item is None:
            raise ValidationError(f"Select an agenda item from the list; found {quoted(text)}")
        return item

    def clean(self) -> dict:
        data = super().clean()
        if "number" in data and "agenda_item" in data:
            probe = Minute(pk=self.minute.pk if self.minute else None, meeting=self.meeting, number=data["number"],
                           agenda_item=data["agenda_item"])
            try:
                probe.clean()  # the number taken in the year; an item of another meeting
            except ValidationError as error:
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
        return data

    def values(self) -> MinuteValues:
        data = self.cleaned_data
        return MinuteValues(number=data["number"], title=data["title"].strip(), body=data["body"].strip(),
                            outcome=data["outcome"].strip(), agenda_item=data["agenda_item"])


class ResolutionForm(forms.Form):
    text = forms.CharField(label="Resolution", widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Usually \u201cThat \u2026\u201d. Each is numbered (1), (2) \u2026 in this order.",
                           error_messages={"required": "Enter the resolution's text"})


_DAY = re.compile(r"^\s*(\d{1,2})\s*[/. -]\s*(\d{1,2})\s*[/. -]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


# The meeting screens take "2 March 2027" (manage_meeting_forms.DATE_FORMATS): an advisor who types
# a due date the same way is understood too (the walkthrough of issue 15 found it refused).
_WORDS = ("%d %B %Y", "%d %b %Y")


def read_day(text: str) -> datetime.date | None:
    """31/03/2021, 31 3 2021, 2021-03-31 or 31 March 2021; None for anything else."""
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        return _day_in_words(text.strip())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _day_in_words(text: str) -> datetime.date | None:
    for form in _WORDS:
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


class ActionForm(forms.Form):
    description = forms.CharField(label="What is to be done", widget=forms.Textarea(attrs={"rows": 2}),
                                  error_messages={"required": "Enter what is to be done"})
    owner = forms.CharField(required=False, label="Who (optional)", max_length=300,
                            help_text="A name or a post: the Assistant Director for Early Help",
                            widget=forms.TextInput(attrs=WIDE))
    due = forms.CharField(required=False, label="By when (optional)", help_text="For example, 31/03/2021 or 31 March 2021",
                          widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    done = forms.BooleanField(required=False, label="Done")

    @classmethod
    def initial_of(cls, action) -> dict:
        return {"description": action.description, "owner": action.owner,
                "due": action.due.strftime("%d/%m/%Y") if action.due else "", "done": action.done}

    def clean_due(self) -> datetime.date | None:
        text = self.cleaned_data["due"].strip()
        if not text:
            return None
        day = read_day(text)
        if day is None:
            raise ValidationError(f"Enter the date it is due by as a real date, like 31/03/2021; found {quoted(text)}")
        return day

    def values(self) -> ActionValues:
        data = self.cleaned_data
        return ActionValues(description=data["description"].strip(), owner=data["owner"].strip(), due=data["due"],
                            done=data["done"])


class ActionDoneForm(forms.Form):
    note = forms.CharField(required=False, label="Note for the history (optional)", max_length=300,
                           help_text="What was done, or why it is reopened.", widget=forms.TextInput(attrs=WIDE))


# -- approving --------------------------------------------------------------------------------


class ApproveForm(forms.Form):
    """Which earlier minutes this meeting approves. Any minutes may be posted; only published
    minutes of an earlier meeting of the same committee are accepted, each refusal in words."""

    minutes = forms.CharField(label="Minutes to approve", widget=forms.RadioSelect(),
                              error_messages={"required": "Select the minutes to approve"})

    def __init__(self, *args, meeting: Meeting, candidates: list[Minutes], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["minutes"].widget.choices = [
            (str(record.pk), f"Minutes of {record.meeting.date:%-d %B %Y}") for record in candidates
        ]

    def clean_minutes(self) -> Minutes:
        text = self.cleaned_data["minutes"]
        record = Minutes.objects.select_related("meeting__committee", "approved_at").filter(pk=_pk(text)).first() \
            if _pk(text) else None
        if record is None:
            raise ValidationError(f"Select the minutes to approve from the list; found {quoted(text)}")
        theirs, here = record.meeting, self.meeting
        day = f"{theirs.date:%-d %B %Y}"
        if theirs.committee_id != here.committee_id:
            raise ValidationError(f"Those are the minutes of {theirs.committee.name}, {day}: a meeting approves the "
                                  f"minutes of its own committee only.")
        if theirs.date >= here.date:
            raise ValidationError(f"The minutes of {day} are not of an earlier meeting: a meeting approves the "
                                  "minutes of a meeting before it.")
        if record.state == MinutesState.DRAFT:
            raise ValidationError(f"The minutes of {day} are a draft: publish them for approval first.")
        if record.state == MinutesState.APPROVED:
            raise ValidationError(f"The minutes of {day} were approved at the meeting of "
                                  f"{record.approved_at.date:%-d %B %Y}.")
        return record


class ActionFilterForm(forms.Form):
    committee = forms.ChoiceField(required=False, label="Committee",
                                  error_messages={"invalid_choice": "Select a committee from the list"})
    status = forms.ChoiceField(required=False, label="Status", initial="open",
                               choices=[("open", "Open"), ("done", "Done"), ("all", "Open and done")],
                               error_messages={"invalid_choice": "Select open, done, or open and done"})

    def __init__(self, *args, committees: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", "Every committee"), *committees]

    def chosen(self) -> tuple[str, str]:
        if not self.is_bound or not self.is_valid():
            return "", "open"
        return self.cleaned_data["committee"], self.cleaned_data["status"] or "open"
