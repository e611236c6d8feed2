"""The forms of the advisor's meeting and agenda screens (docs/meetings-screens.md).

Rendered by Django in GOV.UK markup (templates/django/forms/); every message names what is wrong
and how to put it right. A form only reads and checks: the services write.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from meetings.manage_meeting_services import FrontSheet, ItemValues
from meetings.models import AgendaItem, Committee, Meeting
from meetings.schedule import MOST_DATES, WEEKDAYS, WHICH, SeriesRule, parse_time, series_dates
from meetings.vocabulary import PARAGRAPHS, SCHEDULE_12A, ItemStatus, ItemType, MeetingStatus, municipal_year
from scorecards.models import Publication
from scorecards.stale_edits import history_version, version_field

DATE_FORMATS = ["%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d/%m/%Y"]
DATE_HINT = "For example, 2 March 2027 or 2027-03-02"
BAD_DATE = "Enter the date as 2 March 2027 or 2027-03-02"
BAD_TIME = "Enter the time as 3:30pm or 15:30, or leave it empty"
PLACE_NEEDED = "Enter the venue, or tick that the meeting is virtual"
EXEMPT_NEEDS_PARAGRAPHS = "An exempt item needs the Schedule 12A paragraphs (1 to 7) that make it exempt."
PARAGRAPHS_NEED_EXEMPT = "Only an exempt item has Schedule 12A paragraphs: tick exempt or remove them."
ONLY_PERFORMANCE_REPORTS = "Only a performance report item presents a scorecard publication."


def day_words(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def date_field(label: str, required_message: str) -> forms.DateField:
    return forms.DateField(label=label, help_text=DATE_HINT, input_formats=DATE_FORMATS,
                           widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
                           error_messages={"required": required_message, "invalid": BAD_DATE})


class TimeText(forms.CharField):
    """A start time, optional, as "3:30pm" or "15:30" (`schedule.parse_time`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, label="Time", help_text="For example, 3:30pm or 15:30. Leave empty if not fixed yet.",
                         widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%H:%M}" if isinstance(value, datetime.time) else value

    def to_python(self, value: Any) -> datetime.time | None:
        text = super().to_python(value)
        if not text:
            return None
        time = parse_time(text)
        if time is None:
            raise forms.ValidationError(BAD_TIME)
        return time


def _place_fields() -> dict[str, forms.Field]:
    return {
        "start_time": TimeText(),
        "venue": forms.CharField(required=False, max_length=300, label="Venue",
                                 help_text="As the front sheet prints it: 'Town Hall, Moorgate Street, Rotherham. S60 2TH'"),
        "is_virtual": forms.BooleanField(required=False, label="The meeting is virtual (or can be joined online)"),
    }


def _check_place(form: forms.Form, data: dict) -> None:
    if not data.get("venue", "").strip() and not data.get("is_virtual"):
        form.add_error("venue", PLACE_NEEDED)


class MeetingForm(forms.Form):
    """A meeting's front sheet: new, or edited. A date in the past is asked to be confirmed
    (a meeting recorded after the event), never refused; a second meeting of the committee on
    one date is refused."""

    date = date_field("Date", "Enter the date of the meeting")

    def __init__(self, *args: Any, committee: Committee, meeting: Meeting | None = None, **kwargs: Any) -> None:
        if meeting is not None:
            kwargs.setdefault("initial", {
                **{name: getattr(meeting, name) for name in FrontSheet.__dataclass_fields__},
                "version": history_version(meeting)})
        super().__init__(*args, **kwargs)
        self.committee, self.meeting = committee, meeting
        for name, field in _place_fields().items():
            self.fields[name] = field
        self.fields["webcast_url"] = forms.URLField(
            required=False, max_length=500, label="Webcast link", assume_scheme="https",
            error_messages={"invalid": "Enter the webcast link as a web address, like https://example.org/live"})
        self.fields["contact"] = forms.CharField(required=False, max_length=500, label="Contact",
                                                 help_text="The governance advisor to contact, with phone or email")
        self.fields["pre_meeting"] = forms.CharField(required=False, max_length=500, label="Pre-meeting",
                                                     help_text="For example, 'There will be a pre-meeting at 4.00 p.m.'")
        self.fields["signed_by"] = forms.CharField(required=False, max_length=300, label="Signed by",
                                                   help_text="Who issues the agenda: 'Sharon Kemp, Chief Executive.'")
        if self._past_date_posted() is not None:
            self.fields["confirm_past"] = forms.BooleanField(
                required=False, label="Yes, record a meeting on a date in the past")
        self.fields["version"] = version_field()

    def _past_date_posted(self) -> datetime.date | None:
        """The posted date when it is in the past (and, editing, not the date already stored)."""
        if not self.is_bound:
            return None
        try:
            day = self.fields["date"].clean(self.data.get(self.add_prefix("date"), ""))
        except forms.ValidationError:
            return None
        if day >= timezone.localdate() or (self.meeting is not None and day == self.meeting.date):
            return None
        return day

    def clean(self) -> dict:
        data = super().clean()
        _check_place(self, data)
        day = data.get("date")
        if day is not None:
            other = Meeting.objects.filter(committee=self.committee, date=day)
            if self.meeting is not None:
                other = other.exclude(pk=self.meeting.pk)
            existing = other.first()
            if existing is not None:
                self.add_error("date", f"The {self.committee.name} already has a meeting on {day_words(day)} "
                                       f"({existing.get_status_display().lower()}): choose another date, or "
                                       "change that meeting")
            elif self._moves_minutes_year(day):
                self.add_error("date", f"The meeting has minutes numbered in the {self.meeting.year_label} municipal "
                                       f"year: its date stays between 1 May {self.meeting.municipal_year} and "
                                       f"30 April {self.meeting.municipal_year + 1}")
            elif "confirm_past" in self.fields and not data.get("confirm_past"):
                self.add_error("confirm_past", f"The date {day_words(day)} is in the past: tick the box to record "
                                               "it anyway, or change the date")
        return data

    def _moves_minutes_year(self, day: datetime.date) -> bool:
        """Whether the date leaves the municipal year its minutes are numbered in (numbers run on
        through a year, and a minute keeps its meeting's year)."""
        return (self.meeting is not None and municipal_year(day) != self.meeting.municipal_year
                and self.meeting.minutes.exists())

    def sheet(self) -> FrontSheet:
        data = self.cleaned_data
        return FrontSheet(date=data["date"], start_time=data["start_time"], venue=data["venue"].strip(),
                          is_virtual=data["is_virtual"], webcast_url=data["webcast_url"],
                          contact=data["contact"].strip(), pre_meeting=data["pre_meeting"].strip(),
                          signed_by=data["signed_by"].strip())


class SeriesForm(forms.Form):
    """A series of meetings by a rule: "the first Tuesday of every 2 months from ... to ...",
    with one time and venue."""

    which = forms.ChoiceField(label="Which one in the month", choices=[(str(k), v.capitalize()) for k, v in WHICH.items()],
                              error_messages={"required": "Choose which one in the month",
                                              "invalid_choice": "Choose first, second, third, fourth or last"})
    weekday = forms.ChoiceField(label="Day of the week", choices=list(enumerate(WEEKDAYS)),
                                error_messages={"required": "Choose the day of the week",
                                                "invalid_choice": "Choose a day of the week, Monday to Sunday"})
    every_months = forms.IntegerField(
        label="Every how many months", help_text="1 for every month, 2 for alternate months",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2", "inputmode": "numeric"}),
        error_messages={"required": "Enter how many months apart the meetings are, from 1 to 12",
                        "invalid": "Enter how many months apart the meetings are, from 1 to 12"})
    first = date_field("From", "Enter the date the series starts from")
    last = date_field("To", "Enter the date the series ends on")

    def __init__(self, *args: Any, committee: Committee, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.committee = committee
        for name, field in _place_fields().items():
            self.fields[name] = field

    def clean_every_months(self) -> int:
        months = self.cleaned_data["every_months"]
        if not 1 <= months <= 12:
            raise forms.ValidationError("Enter how many months apart the meetings are, from 1 to 12")
        return months

    def clean(self) -> dict:
        data = super().clean()
        _check_place(self, data)
        first, last = data.get("first"), data.get("last")
        if first and last and last < first:
            self.add_error("last", f"The series ends ({day_words(last)}) before it starts ({day_words(first)}): "
                                   "the 'To' date comes after the 'From' date")
        elif first and last and not self.errors:
            dates = series_dates(self.rule())
            if not dates:
                self.add_error("last", f"No date between {day_words(first)} and {day_words(last)} is {self.rule().words()}")
            elif len(dates) >= MOST_DATES:
                self.add_error("last", f"That makes more than {MOST_DATES - 1} meetings: choose a shorter series")
        return data

    def rule(self) -> SeriesRule:
        data = self.cleaned_data
        return SeriesRule(weekday=int(data["weekday"]), which=int(data["which"]), every_months=data["every_months"],
                          first=data["first"], last=data["last"])

    def sheet(self, day: datetime.date) -> FrontSheet:
        data = self.cleaned_data
        return FrontSheet(date=day, start_time=data["start_time"], venue=data["venue"].strip(),
                          is_virtual=data["is_virtual"], webcast_url="", contact="", pre_meeting="", signed_by="")


class StatusForm(forms.Form):
    """A meeting's status, and why it is cancelled or postponed (shown to the public)."""

    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect, choices=MeetingStatus.choices(),
                               error_messages={"required": "Choose the meeting's status",
                                               "invalid_choice": "Choose scheduled, held, cancelled or postponed"})
    reason = forms.CharField(required=False, label="Reason", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Shown on the public meeting page. Needed when it is cancelled or postponed.")

    def clean(self) -> dict:
        data = super().clean()
        status, reason = data.get("status"), data.get("reason", "").strip()
        if status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED) and not reason:
            self.add_error("reason", f"Say why the meeting is {MeetingStatus(status).label.lower()}: "
                                     "the public meeting page shows it")
        data["reason"] = reason
        return data


# -- agenda items ---------------------------------------------------------------------------


def publications_for(committee: Committee) -> list[Publication]:
    """The publications of the scorecards the committee scrutinises, newest first per scorecard."""
    return list(Publication.objects.filter(scorecard__committees=committee).select_related("scorecard")
                .defer("snapshot").order_by("scorecard__title", "-as_at", "-issue"))


def publication_label(publication: Publication) -> str:
    return f"{publication.scorecard.title}, {publication.as_at:%B %Y}, Issue {publication.issue}"


class ParagraphsField(forms.MultipleChoiceField):
    """Schedule 12A paragraphs as checkboxes, each labelled with its description."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self) -> None:
        super().__init__(
            required=False, label="Schedule 12A paragraphs",
            help_text="Part 1 of Schedule 12A to the Local Government Act 1972: tick each that applies.",
            choices=[(str(number), f"{number}. {SCHEDULE_12A[number]}") for number in PARAGRAPHS],
            error_messages={"invalid_choice": "Schedule 12A has paragraphs 1 to 7 in Part 1; not %(value)s."})

    def clean(self, value: Any) -> tuple[int, ...]:
        return tuple(int(number) for number in super().clean(value))


class AgendaItemForm(forms.Form):
    """One agenda item: what it is, its sub-items, exempt grounds, the publication a performance
    report presents and, editing, whether it is withdrawn or deferred and why."""

    number = forms.IntegerField(
        required=False, min_value=1, label="Number", help_text="Leave empty for an unnumbered statement.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the item's number as a whole number, like 5, or leave it empty",
                        "min_value": "Enter the item's number as a whole number, like 5, or leave it empty"})
    title = forms.CharField(max_length=500, label="Title", error_messages={"required": "Enter the item's title"})
    description = forms.CharField(required=False, label="Description", widget=forms.Textarea(attrs={"rows": 3}))
    item_type = forms.ChoiceField(label="Type", choices=ItemType.choices(),
                                  error_messages={"required": "Choose the item's type",
                                                  "invalid_choice": "Choose one of the item types listed"})
    section = forms.CharField(required=False, max_length=200, label="Section heading",
                              help_text="A heading printed above it, like 'For scrutiny: -'. Usually empty.")
    sub_items = forms.CharField(required=False, label="Sub-items", widget=forms.Textarea(attrs={"rows": 3}),
                                help_text="One a line, printed under the title.")
    to_follow = forms.BooleanField(required=False, label="Its papers are to follow",
                                   help_text="The pack says so in their place.")

    def __init__(self, *args: Any, meeting: Meeting, item: AgendaItem | None = None, urgent: bool = False,
                 **kwargs: Any) -> None:
        if item is not None:
            initial = {name: getattr(item, name) for name in ItemValues.__dataclass_fields__}
            initial.update(sub_items="\n".join(item.sub_items), exempt_paragraphs=[str(p) for p in item.exempt_paragraphs],
                           publication=str(item.publication_id or ""), version=history_version(item))
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.meeting, self.item, self.urgent = meeting, item, urgent
        if item is not None:
            statuses = [(s.value, s.label) for s in ItemStatus
                        if s != ItemStatus.ADDED_AS_URGENT or item.status == ItemStatus.ADDED_AS_URGENT]
            self.fields["status"] = forms.ChoiceField(
                label="Status", widget=forms.RadioSelect, choices=statuses,
                error_messages={"required": "Choose the item's status",
                                "invalid_choice": "Choose listed, withdrawn or deferred"})
        if item is not None or urgent:
            self.fields["status_reason"] = forms.CharField(
                required=False, label="Why it is urgent" if urgent else "Reason for its status",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=("The agenda has been published: this item is added as urgent business, and the agenda "
                           "says why." if urgent else "Needed when it is withdrawn or deferred: the agenda shows it."))
        self.fields["exempt"] = forms.BooleanField(required=False, label="Exempt: not for publication",
                                                   help_text="The public see its number, title and the notice only.")
        self.fields["exempt_paragraphs"] = ParagraphsField()
        self.fields["exempt_reason"] = forms.CharField(
            required=False, label="Grounds", widget=forms.Textarea(attrs={"rows": 2}),
            help_text="As printed, if more than the notice: '(information relates to finance and business affairs)'.")
        self.publications = publications_for(meeting.committee)
        if item is not None and item.publication_id and all(p.pk != item.publication_id for p in self.publications):
            self.publications.append(item.publication)  # presented before the committee dropped the scorecard
        if self.publications or (item is not None and item.publication_id):
            self.fields["publication"] = forms.ChoiceField(
                required=False, label="Scorecard publication presented",
                help_text="For a performance report item: the scorecard as the committee will see it.",
                choices=[("", "None")] + [(str(p.pk), publication_label(p)) for p in self.publications],
                error_messages={"invalid_choice": "Choose a publication of a scorecard this committee scrutinises"})
        self.fields["version"] = version_field()

    def clean_sub_items(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.cleaned_data["sub_items"].splitlines() if line.strip())

    def clean_number(self) -> int | None:
        number = self.cleaned_data["number"]
        if number is None:
            return None
        taken = self.meeting.agenda_items.filter(number=number)
        if self.item is not None:
            taken = taken.exclude(pk=self.item.pk)
        other = taken.first()
        if other is not None:
            raise forms.ValidationError(f"Item {number} of this agenda is already \u201c{other.title}\u201d: "
                                        "choose another number")
        return number

    def clean(self) -> dict:
        data = super().clean()
        exempt, paragraphs = data.get("exempt"), data.get("exempt_paragraphs")
        if exempt and paragraphs == ():
            self.add_error("exempt_paragraphs", EXEMPT_NEEDS_PARAGRAPHS)
        elif not exempt and paragraphs:
            self.add_error("exempt_paragraphs", PARAGRAPHS_NEED_EXEMPT)
        if data.get("publication") and data.get("item_type") and data["item_type"] != ItemType.PERFORMANCE_REPORT:
            self.add_error("publication", ONLY_PERFORMANCE_REPORTS)
        reason = data.get("status_reason", "").strip()
        status = data.get("status")
        if status in (ItemStatus.WITHDRAWN, ItemStatus.DEFERRED) and not reason:
            self.add_error("status_reason", f"Say why the item is {ItemStatus(status).label.lower()}: "
                                            "the agenda shows it")
        if self.urgent and "status_reason" in self.fields and not reason:
            self.add_error("status_reason", "Say why the item is urgent: the agenda has been published, so it is "
                                            "added as urgent business")
        data["status_reason"] = reason
        return data

    def values(self) -> ItemValues:
        data = self.cleaned_data
        status = data.get("status") or (self.item.status if self.item is not None
                                        else ItemStatus.ADDED_AS_URGENT if self.urgent else ItemStatus.LISTED)
        reason = data["status_reason"] if status != ItemStatus.LISTED else ""
        return ItemValues(
            number=data["number"], title=data["title"].strip(), description=data["description"].strip(),
            item_type=data["item_type"], section=data["section"].strip(), sub_items=data["sub_items"],
            to_follow=data["to_follow"], exempt=data["exempt"], exempt_paragraphs=data["exempt_paragraphs"],
            exempt_reason=data["exempt_reason"].strip() if data["exempt"] else "",
            publication_id=int(data["publication"]) if data.get("publication") else None,
            status=status, status_reason=reason)
