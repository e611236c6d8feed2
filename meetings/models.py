"""The committee record (docs/architecture.md, meetings; DESIGN 6; research/meetings_domain.md).

    Committee ─┬─ StandardItem (its agenda template, per era)
               ├─ Membership (Person, municipal year, role)
               └─ Meeting ─┬─ AgendaItem ── Document          (an item may present a Publication)
                           ├─ Minutes (state: draft, published for approval, approved by a Meeting)
                           ├─ Minute ─┬─ Resolution
                           │          └─ Action
                           ├─ Attendance (Person; for, absent for, left at, joined at Minutes)
                           └─ Declaration (Person; agenda item, minute)

The dependency runs meetings -> scorecards -> accounts: an agenda item names the publication it
presents and a committee its scorecards; neither scorecards nor accounts know of meetings.

The vocabularies (roles, types, statuses, Schedule 12A) are in `meetings.vocabulary`. The
history of minutes, minute, resolutions, actions, attendance, declarations and agenda items is
kept (django-simple-history): who changed what and when, and why (`_change_reason`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.models import Person
from meetings.storage import private_documents
from meetings.vocabulary import (
    PARAGRAPHS,
    AttendanceKind,
    AttendanceRole,
    CommitteeKind,
    DocumentKind,
    InterestType,
    ItemStatus,
    ItemType,
    MeetingStatus,
    MembershipRole,
    MinutesState,
    PackKind,
    PackState,
    municipal_year,
    municipal_year_label,
)


class Committee(models.Model):
    """A committee, panel or commission whose meetings the record holds."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Its address: /committees/<slug>/")
    kind = models.CharField(max_length=20, choices=CommitteeKind.choices(), default=CommitteeKind.COMMITTEE)
    description = models.TextField(blank=True, help_text="Its purpose, as the committee page shows it.")
    scorecards = models.ManyToManyField(
        "scorecards.Scorecard",
        blank=True,
        related_name="committees",
        # The table made when the link was declared on Scorecard, kept so no link is lost.
        db_table="scorecards_scorecard_committees",
        help_text="The scorecards presented to this committee.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def standard_items_on(self, day) -> list[StandardItem]:
        """The template of standard items in force on ``day``: those of the latest era begun by
        then (research 4.2: the order and wording change by era)."""
        era = self.standard_items.filter(era_from__lte=day).order_by("-era_from").values_list("era_from", flat=True).first()
        return list(self.standard_items.filter(era_from=era)) if era else []


class StandardItem(models.Model):
    """One standard agenda item of a committee's template, from ``era_from`` until a later era
    begins: its place, type and wording ("Apologies for Absence" + "To receive the apologies of
    any Panel Member ...")."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="standard_items")
    era_from = models.DateField(help_text="The first meeting date this template is used for.")
    order = models.PositiveIntegerField()
    item_type = models.CharField(max_length=40, choices=ItemType.choices())
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["committee", "era_from", "order"]
        constraints = [models.UniqueConstraint(fields=["committee", "era_from", "order"], name="standard_item_place_once")]

    def __str__(self) -> str:
        return f"{self.committee} from {self.era_from}: {self.order}. {self.title}"


class Membership(models.Model):
    """A person's seat on a committee for one municipal year (May to April)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    municipal_year = models.PositiveIntegerField(help_text="The calendar year it starts in: 2020 for 2020/21.")
    role = models.CharField(max_length=20, choices=MembershipRole.choices(), default=MembershipRole.MEMBER)
    capacity = models.CharField(
        max_length=300, blank=True, help_text="The capacity in which they sit: 'Minority Party representative'."
    )
    represents = models.CharField(max_length=300, blank=True, help_text="A co-opted member's organisation.")
    scope = models.CharField(
        max_length=300, blank=True,
        help_text="A co-opted member's scope of attendance: 'for agenda items relating to older peoples' issues'.",
    )
    substitute_for = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="substitutes",
        help_text="For a substitute: the member they stand in for, if named.",
    )
    # The front sheet it was read from; the import keeps what it wrote in step with the file and
    # leaves alone memberships entered otherwise (None), such as the demo councillor's.
    source_meeting = models.ForeignKey(
        "Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A seat given up during the year: the person stays in that year's record (their attendance
    # and declarations name the seat) but is no longer a current member from this day.
    ended_on = models.DateField(null=True, blank=True, help_text="The day the seat ended, within its year.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-municipal_year", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "person", "municipal_year"], name="membership_once_a_year"),
            models.UniqueConstraint(
                fields=["committee", "municipal_year"], condition=models.Q(role=MembershipRole.CHAIR),
                name="membership_one_chair_a_year",
            ),
            models.UniqueConstraint(
                fields=["committee", "municipal_year"], condition=models.Q(role=MembershipRole.VICE_CHAIR),
                name="membership_one_vice_chair_a_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {MembershipRole(self.role).label} of {self.committee} {self.year_label}"

    @property
    def year_label(self) -> str:
        return municipal_year_label(self.municipal_year)

    def clean(self) -> None:
        errors = {}
        if self.role == MembershipRole.CO_OPTED and not self.represents.strip():
            errors["represents"] = "A co-opted member represents an organisation: name it."
        if self.role != MembershipRole.CO_OPTED and (self.represents or self.scope):
            field = "represents" if self.represents else "scope"
            errors[field] = "Only a co-opted member represents an organisation or attends for some items only."
        if self.substitute_for_id and self.role != MembershipRole.SUBSTITUTE:
            errors["substitute_for"] = "Only a substitute stands in for a member."
        if errors:
            raise ValidationError(errors)


class Meeting(models.Model):
    """One meeting of a committee: its front sheet. One a day per committee."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True, help_text="Empty when printed without one.")
    municipal_year = models.PositiveIntegerField(editable=False, help_text="From the date (May to April).")
    venue = models.CharField(max_length=300, blank=True)
    is_virtual = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices(), default=MeetingStatus.SCHEDULED)
    webcast_url = models.URLField(max_length=500, blank=True)
    webcast_notice = models.TextField(blank=True, help_text="The front sheet's webcast wording, as printed.")
    contact = models.CharField(max_length=500, blank=True, help_text="The governance advisor to contact, as printed.")
    pre_meeting = models.CharField(max_length=500, blank=True, help_text="'There will be a pre-meeting ... at 4.00 p.m.'")
    signed_by = models.CharField(max_length=300, blank=True, help_text="Who issued the agenda: 'Sharon Kemp, Chief Executive.'")
    date_as_printed = models.CharField(max_length=100, blank=True)
    time_as_printed = models.CharField(max_length=100, blank=True)
    # Where the record came from, e.g. the seed's pack; "agenda" when it is the meeting whose pack
    # it is, "minutes" when only its minutes are bound into a later pack.
    source = models.CharField(max_length=100, blank=True)
    source_role = models.CharField(max_length=20, blank=True)
    notes = models.TextField(blank=True)
    status_reason = models.TextField(
        blank=True, help_text="Why it was cancelled or postponed, shown to the public."
    )
    # RFC 5545 SEQUENCE: raised by every change an advisor saves, so calendars that subscribed
    # to the feed replace their copy of the event (meetings.ical).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "date"]
        constraints = [models.UniqueConstraint(fields=["committee", "date"], name="meeting_once_a_day")]

    def __str__(self) -> str:
        return f"{self.committee}, {self.date:%-d %B %Y}"

    def save(self, *args, **kwargs) -> None:
        self.municipal_year = municipal_year(self.date)
        super().save(*args, **kwargs)

    @property
    def year_label(self) -> str:
        return municipal_year_label(municipal_year(self.date))


class AgendaItem(models.Model):
    """One item of a meeting's agenda, as printed: "8. Corporate Parenting Performance Report
    (Pages 24 - 44)", its description, documents and, for an exempt item, its grounds."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveIntegerField(null=True, blank=True, help_text="Empty for an unnumbered statement.")
    order = models.PositiveIntegerField(help_text="Its place on the agenda, from 1.")
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    item_type = models.CharField(max_length=40, choices=ItemType.choices(), default=ItemType.OTHER)
    section = models.CharField(max_length=200, blank=True, help_text="A heading grouping items: 'For scrutiny: -'.")
    sub_items = models.JSONField(default=list, blank=True, help_text="Sub-items printed under it, in order.")
    pages_as_printed = models.CharField(max_length=50, blank=True, help_text="'24 - 44'")
    page_from = models.PositiveIntegerField(null=True, blank=True)
    page_to = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ItemStatus.choices(), default=ItemStatus.LISTED)
    exempt = models.BooleanField(default=False)
    exempt_paragraphs = models.JSONField(
        default=list, blank=True, help_text="Paragraphs (1 to 7) of Part 1 of Schedule 12A that make it exempt."
    )
    exempt_reason = models.TextField(blank=True, help_text="The grounds as quoted.")
    cover_title = models.CharField(max_length=500, blank=True, help_text="The title on its report's cover, when it differs.")
    previous_meeting_date = models.DateField(
        null=True, blank=True, help_text="For the minutes item: the meeting whose minutes it names."
    )
    # A performance report presents one publication: the scorecard as the committee saw it.
    publication = models.ForeignKey(
        "scorecards.Publication", on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items"
    )
    # "To follow": the council will circulate its papers later; the pack says so in their place
    # and the pre-publication check does not ask for a document.
    to_follow = models.BooleanField(default=False, help_text="Its papers will follow after the pack.")
    # Why it was withdrawn or deferred, or added as urgent, as the agenda shows it.
    status_reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_place_once"),
            models.UniqueConstraint(
                fields=["meeting", "number"], condition=models.Q(number__isnull=False), name="agenda_item_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number is not None else self.title

    def clean(self) -> None:
        errors = {}
        paragraphs = self.exempt_paragraphs or []
        if self.exempt and not paragraphs:
            errors["exempt_paragraphs"] = "An exempt item needs the Schedule 12A paragraphs (1 to 7) that make it exempt."
        if not self.exempt and paragraphs:
            errors["exempt_paragraphs"] = "Only an exempt item has Schedule 12A paragraphs: tick exempt or remove them."
        wrong = [p for p in paragraphs if not isinstance(p, int) or isinstance(p, bool) or p not in PARAGRAPHS]
        if wrong:
            errors["exempt_paragraphs"] = f"Schedule 12A has paragraphs 1 to 7 in Part 1; not {wrong[0]!r}."
        if (self.page_from is None) != (self.page_to is None):
            errors["page_to"] = "Give both the first and the last page, or neither."
        elif self.page_from is not None and self.page_from > self.page_to:
            errors["page_to"] = f"The last page ({self.page_to}) comes before the first ({self.page_from})."
        if self.publication_id and self.item_type != ItemType.PERFORMANCE_REPORT:
            errors["publication"] = "Only a performance report item presents a scorecard publication."
        if errors:
            raise ValidationError(errors)

    @property
    def presents_publication(self) -> bool:
        return self.publication_id is not None


class Document(models.Model):
    """A paper of an agenda item: a cover report, an appendix or a presentation. Either an
    uploaded PDF (kept in private storage, served only by a view that checks who asks), or text
    written in the application; one named in a pack but not held has neither."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=DocumentKind.choices())
    label = models.CharField(max_length=20, blank=True, help_text="'A' or '1' for an appendix.")
    title = models.CharField(max_length=500)
    file = models.FileField(storage=private_documents, upload_to="meetings/documents/%Y/%m/", blank=True, max_length=300)
    text = models.TextField(blank=True, help_text="Markdown, rendered sanitised (nh3).")
    exempt = models.BooleanField(default=False, help_text="Withheld from the public, whatever its item.")
    original_name = models.CharField(max_length=300, blank=True, help_text="The uploaded file's own name.")
    page_count = models.PositiveIntegerField(null=True, blank=True, help_text="An uploaded PDF's pages (pypdf).")
    # A replaced upload stays in storage and in this history: a published pack named it.
    history = HistoricalRecords()

    class Meta:
        ordering = ["agenda_item", "order"]
        constraints = [models.UniqueConstraint(fields=["agenda_item", "order"], name="document_place_once")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.file and self.text.strip():
            raise ValidationError({"text": "A document is an uploaded PDF or text written here, not both."})
        if self.file and not self.file.name.lower().endswith(".pdf"):
            raise ValidationError({"file": "Upload a PDF."})

    @property
    def is_held(self) -> bool:
        """False for a paper the pack names that the record does not hold."""
        return bool(self.file) or bool(self.text.strip())


class Minutes(models.Model):
    """The minutes of one meeting as a whole: where they stand. Draft minutes are staff's only;
    published for approval they are public, labelled unconfirmed; approved records the meeting
    that approved them."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes_record")
    state = models.CharField(max_length=20, choices=MinutesState.choices(), default=MinutesState.DRAFT)
    approved_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="minutes_approved",
        help_text="The later meeting that approved them.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return f"Minutes of {self.meeting} ({MinutesState(self.state).label.lower()})"

    def clean(self) -> None:
        if self.state == MinutesState.APPROVED:
            if self.approved_at_id is None:
                raise ValidationError({"approved_at": "Approved minutes record the meeting that approved them."})
            approver = self.approved_at
            if approver.committee_id != self.meeting.committee_id or approver.date <= self.meeting.date:
                raise ValidationError(
                    {"approved_at": "Minutes are approved at a later meeting of the same committee."}
                )
        elif self.approved_at_id is not None:
            raise ValidationError({"approved_at": "Only approved minutes name the meeting that approved them."})

    @property
    def is_public(self) -> bool:
        return self.state != MinutesState.DRAFT


class Minute(models.Model):
    """One numbered minute. Its printed number runs on through the committee's municipal year
    (research 5.2), so it is unique per committee and year, never derived from the agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    # Copied from the meeting on save, for the constraint below.
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+", editable=False)
    municipal_year = models.PositiveIntegerField(editable=False)
    number = models.PositiveIntegerField(help_text="As printed: 73 in January, 1 at the start of a municipal year.")
    order = models.PositiveIntegerField(help_text="Its place in the meeting's minutes, from 1.")
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True, help_text="The discussion minuted.")
    outcome = models.TextField(blank=True, help_text="What was decided or noted, when there is no 'Resolved'.")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="minutes"
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "municipal_year", "number"], name="minute_number_once_a_year"),
            models.UniqueConstraint(fields=["meeting", "order"], name="minute_place_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.committee_id = self.meeting.committee_id
        self.municipal_year = municipal_year(self.meeting.date)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.meeting_id is None or self.number is None:
            return
        year = municipal_year(self.meeting.date)
        taken = (
            Minute.objects.filter(committee_id=self.meeting.committee_id, municipal_year=year, number=self.number)
            .exclude(pk=self.pk).select_related("meeting").first()
        )
        if taken is not None:
            raise ValidationError({"number": (
                f"Minute {self.number} of the {municipal_year_label(year)} municipal year is already minute "
                f"{taken.number} of {taken.meeting.date:%-d %B %Y}: numbers run on through the year."
            )})
        if self.agenda_item_id and self.agenda_item.meeting_id != self.meeting_id:
            raise ValidationError({"agenda_item": "The agenda item is of another meeting."})


class Resolution(models.Model):
    """One numbered resolution of a minute ("Resolved:- (1) That ..."), in printed order."""

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveIntegerField(help_text="Its place, from 1; printed (1), 1) or not at all for one.")
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "number"]
        constraints = [models.UniqueConstraint(fields=["minute", "number"], name="resolution_number_once")]

    def __str__(self) -> str:
        return f"{self.minute.number} ({self.number}) {self.text[:60]}"


class Action(models.Model):
    """Something a minute asks someone to do: who, by when, and whether it is done."""

    minute = models.ForeignKey(Minute, on_delete=models.CASCADE, related_name="actions")
    resolution = models.ForeignKey(
        Resolution, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner = models.CharField(max_length=300, blank=True, help_text="Who: a name or a post.")
    due = models.DateField(null=True, blank=True, help_text="By when.")
    done = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "id"]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        if self.resolution_id and self.minute_id and self.resolution.minute_id != self.minute_id:
            raise ValidationError({"resolution": "The resolution is of another minute."})


class Attendance(models.Model):
    """Who was at a meeting, or sent apologies, and for which minutes: attendance can change
    during a meeting (left before a minute, re-joined, attended for one minute only)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    kind = models.CharField(max_length=20, choices=AttendanceKind.choices())
    role = models.CharField(max_length=20, choices=AttendanceRole.choices(), blank=True)
    note = models.TextField(blank=True, help_text="As printed: 'in the Chair'; a post; 'for item 48'.")
    for_minutes = models.ManyToManyField(
        Minute, blank=True, related_name="attended_for", help_text="Attended for these minutes only."
    )
    absent_for = models.ManyToManyField(
        Minute, blank=True, related_name="absent_members",
        help_text="Left the meeting for these minutes and re-joined (an interest declared).",
    )
    left_at = models.ForeignKey(
        Minute, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="Left the meeting before this minute, not to return.",
    )
    joined_at = models.ForeignKey(
        Minute, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="Joined the meeting at this minute.",
    )
    took_chair_at = models.ForeignKey(
        Minute, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="Took the chair from this minute (the Vice-Chair when the Chair left).",
    )
    history = HistoricalRecords(m2m_fields=[for_minutes, absent_for])

    class Meta:
        ordering = ["meeting", "kind", "id"]
        verbose_name_plural = "attendance"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_a_meeting")]

    def __str__(self) -> str:
        return f"{self.person}: {AttendanceKind(self.kind).label} at {self.meeting}"

    def clean(self) -> None:
        if self.kind == AttendanceKind.APOLOGIES and (self.left_at_id or self.joined_at_id or self.took_chair_at_id):
            raise ValidationError("Someone who sent apologies was not there to leave, join or take the chair.")
        for field in ("left_at", "joined_at", "took_chair_at"):
            minute = getattr(self, field)
            if minute is not None and minute.meeting_id != self.meeting_id:
                raise ValidationError({field: "The minute is of another meeting."})


class Declaration(models.Model):
    """A declaration of interest at a meeting, in an agenda item or minute."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    # The agenda's number as the minutes print it ("agenda item 9"): that agenda may not be in the
    # record when only the minutes are (research 12.15).
    agenda_item_number = models.PositiveIntegerField(null=True, blank=True)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="declarations")
    minute = models.ForeignKey(Minute, on_delete=models.SET_NULL, null=True, blank=True, related_name="declarations")
    interest_type = models.CharField(max_length=20, choices=InterestType.choices())
    reason = models.TextField(blank=True)
    left_meeting = models.BooleanField(default=False, help_text="Left the meeting for the item.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {InterestType(self.interest_type).label} interest at {self.meeting}"

    def clean(self) -> None:
        for field in ("agenda_item", "minute"):
            target = getattr(self, field)
            if target is not None and target.meeting_id != self.meeting_id:
                raise ValidationError({field: f"The {field.replace('_', ' ')} is of another meeting."})


class Pack(models.Model):
    """One agenda pack of a meeting, built from its record in the background (DESIGN 6; issue 16).

    One build makes two packs with the same agenda and page numbers: the public pack, where each
    exempt item's papers give way to the Schedule 12A notice, and the members' pack. Once
    published a pack is never changed: a correction is a new version, or a supplementary pack
    holding only its items. A build that fails keeps its reason and no version.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    kind = models.CharField(max_length=20, choices=PackKind.choices(), default=PackKind.FULL)
    # 1, 2, ... per meeting and kind, given when the build succeeds.
    version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    items = models.ManyToManyField(
        AgendaItem, blank=True, related_name="supplements", help_text="A supplementary pack's items."
    )
    state = models.CharField(max_length=20, choices=PackState.choices(), default=PackState.QUEUED)
    progress = models.CharField(max_length=300, blank=True, help_text="What the build is doing now.")
    error = models.TextField(blank=True, help_text="Why the build failed, in words.")
    task_id = models.CharField(max_length=100, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The pre-publication checks as they stood, and the reason an advisor gave to publish despite
    # a refusal.
    warnings = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(blank=True)
    public_pdf = models.FileField(storage=private_documents, upload_to="meetings/packs/%Y/", blank=True, max_length=300)
    members_pdf = models.FileField(storage=private_documents, upload_to="meetings/packs/%Y/", blank=True, max_length=300)
    public_sha256 = models.CharField(max_length=64, blank=True)
    members_sha256 = models.CharField(max_length=64, blank=True)
    public_html = models.TextField(blank=True)
    members_html = models.TextField(blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    # {agenda item id: [first page, last page]} as this build numbered them.
    page_ranges = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["meeting", "kind", "version", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "version"], condition=models.Q(version__isnull=False),
                name="pack_version_once",
            ),
        ]

    def __str__(self) -> str:
        label = PackKind(self.kind).label
        return f"{label} v{self.version} of {self.meeting}" if self.version else f"{label} of {self.meeting} ({self.state})"
