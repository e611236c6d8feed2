"""The scorecard domain (docs/architecture.md, the domain).

Figures are DecimalFields. Computed figures (DOT, RAG, YTD) are never stored on these rows:
they are derived by `scorecards.compute` and frozen only inside a Publication.
"""

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.roles import Action

from scorecards.compute.entry import (
    AMBER_LENGTH,
    BENCHMARK_YEAR_LENGTH,
    COUNCIL_PLAN_CODE_LENGTH,
    DATA_NOTE_LENGTH,
    GREEN_LENGTH,
    MEASURE_LENGTH,
    NAME_LENGTH,
    NUMBER_LENGTH,
    RED_LENGTH,
    SECTION_LENGTH,
    SLUG_LENGTH,
    SOURCE_LENGTH,
    TITLE_LENGTH,
    YEAR_LABEL_LENGTH,
    IndicatorRules,
    Problem,
    Read,
    check_benchmark,
    check_observation,
    check_outturn,
    check_target,
    read_indicator_number,
    read_narrative,
    read_period,
    read_slug,
    read_text,
    read_year,
)
from scorecards.compute.vocabulary import (
    VALUE_MARKS,
    ArrowConvention,
    CommentaryKind,
    DotBasis,
    Frequency,
    ObservationStatus,
    Polarity,
    PublicationFrequency,
    TargetKind,
    Unit,
    YtdMethod,
)
from scorecards.compute.working_days import LATEST_DEADLINE_DAY

# Wide enough for a rate per 10,000 or a count of hundreds of thousands, with room for the
# decimals a numerator or benchmark may be entered with.
FIGURE = {"max_digits": 20, "decimal_places": 6}


# Two working weeks after the month's end: the month-end deadline of a new scorecard.
DEFAULT_DEADLINE_WORKING_DAY = 10


def natural_sort_key(number: str) -> str:
    """A sortable key for printed indicator numbers: 6.2 < 6.2a < 6.10 < B.12."""
    parts = re.split(r"(\d+)", number.strip().lower())
    return "".join(part.zfill(6) if part.isdigit() else part for part in parts)


# -- entry rules: clean() refuses what the workbook import refuses, in the same words ------------------


def raise_problems(problems: Iterable[Problem]) -> None:
    """Raise compute.entry's problems as a ValidationError, each message on every field it names."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        for name in problem.fields or (NON_FIELD_ERRORS,):
            errors.setdefault(name, []).append(problem.message)
    if errors:
        raise ValidationError(errors)


def _decimal(value: object) -> Decimal | None:
    """A figure field's value for compute.entry; anything else is left to the field's own validation."""
    return value if isinstance(value, Decimal) else None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


class EntryRulesMixin:
    """A model whose figures and texts compute.entry checks in clean(): a figure's size (at
    most 14 whole digits; at most 6 places where kept as entered, while values and outturns
    are rounded to the indicator's places) is not also checked by the fields' digit
    validators, nor a text's length by max_length, so each is refused once, in the import's
    words."""

    ENTRY_FIGURES: tuple[str, ...] = ()
    ENTRY_TEXTS: tuple[str, ...] = ()

    def clean_fields(self, exclude=None) -> None:
        checked_in_clean = [name for name in self.ENTRY_FIGURES if _decimal(getattr(self, name)) is not None]
        checked_in_clean += [name for name in self.ENTRY_TEXTS if _text(getattr(self, name)) is not None]
        super().clean_fields(exclude=[*(exclude or ()), *checked_in_clean])

    def read_texts(self, reads: dict[str, Read[str]]) -> list[Problem]:
        """Keep each text as compute.entry read it (line breaks made \\n); the problems of the rest."""
        problems = []
        for name, read in reads.items():
            if read.problem is not None:
                problems.append(read.problem)
            elif read.value is not None:
                setattr(self, name, read.value)
        return problems


def _given(value: object) -> str | None:
    """A text field's value as compute.entry reads it: None when empty (the field's own
    blank check speaks then), else as given."""
    return value if isinstance(value, str) and value.strip() else None


class Scorecard(EntryRulesMixin, models.Model):
    ENTRY_TEXTS = ("slug", "title")

    slug = models.SlugField(max_length=SLUG_LENGTH, unique=True)
    title = models.CharField(max_length=TITLE_LENGTH)
    year_start_month = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="First month of the reporting year (4 = April).",
    )
    dot_basis = models.CharField(max_length=10, choices=DotBasis.choices(), default=DotBasis.MONTH)
    arrow_convention = models.CharField(
        max_length=20, choices=ArrowConvention.choices(), default=ArrowConvention.PERFORMANCE
    )
    publication_frequency = models.CharField(
        max_length=20,
        choices=PublicationFrequency.choices(),
        default=PublicationFrequency.MONTHLY,
        help_text="How often it is published; the list of scorecards is grouped by it.",
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_scorecards",
        help_text="Performance officers who may sign off and publish this scorecard.",
    )
    deadline_working_day = models.PositiveSmallIntegerField(
        default=DEFAULT_DEADLINE_WORKING_DAY,
        validators=[MinValueValidator(1), MaxValueValidator(LATEST_DEADLINE_DAY)],
        help_text="A month is due signed off by this working day after it ends (10 = the tenth working day).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_start_month__gte=1) & Q(year_start_month__lte=12),
                name="scorecard_year_start_month_1_to_12",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        reads = {"title": read_text(_given(self.title), "title", TITLE_LENGTH)}
        if _given(self.slug) is not None:
            reads["slug"] = read_slug(self.slug)
        raise_problems(self.read_texts(reads))

    def is_owned_by(self, user, action: Action) -> bool:
        """Its owners sign it off and publish it (docs/architecture.md, who may do what)."""
        return self.owners.filter(pk=user.pk).exists()

    @property
    def listed_title(self) -> str:
        """The title the list shows: its latest publication's (see selectors.scorecard_list)."""
        return getattr(self, "published_title", None) or self.title

    @property
    def latest_month(self) -> str | None:
        """`2020-12` for the list's `latest_published` annotation (see selectors.scorecard_list)."""
        latest = getattr(self, "latest_published", None)
        return f"{latest:%Y-%m}" if latest else None


class Section(EntryRulesMixin, models.Model):
    ENTRY_TEXTS = ("title",)

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=SECTION_LENGTH)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["scorecard", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "title"], name="section_title_unique_in_scorecard")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        raise_problems(self.read_texts({"title": read_text(_given(self.title), "title", SECTION_LENGTH)}))


class IndicatorQuerySet(models.QuerySet):
    def reported_in(self, period: datetime.date) -> "IndicatorQuerySet":
        """Those still in the scorecard in the month starting `period` (not retired by then)."""
        return self.filter(Q(retired_from__isnull=True) | Q(retired_from__gt=period))


class Indicator(EntryRulesMixin, models.Model):
    ENTRY_TEXTS = ("number", "name", "data_note", "council_plan_code")

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="indicators")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators"
    )
    number = models.CharField(max_length=NUMBER_LENGTH, help_text="As printed, e.g. 6.5, 6.2a, B.12.")
    sort_key = models.CharField(max_length=80, editable=False, db_index=True)
    name = models.CharField(max_length=NAME_LENGTH)
    polarity = models.CharField(max_length=20, choices=Polarity.choices())
    data_note = models.CharField(max_length=DATA_NOTE_LENGTH, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices(), default=Unit.NUMBER)
    frequency = models.CharField(max_length=20, choices=Frequency.choices(), default=Frequency.MONTHLY)
    ytd_method = models.CharField(max_length=20, choices=YtdMethod.choices(), default=YtdMethod.NONE)
    decimals = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    definition = models.TextField(blank=True)
    council_plan_code = models.CharField(
        max_length=COUNCIL_PLAN_CODE_LENGTH, blank=True, help_text="Flag such as a Council Plan indicator code."
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_indicators",
        help_text="Performance officers who enter this indicator's figures.",
    )
    # The first month the indicator is no longer reported: it leaves the live scorecard from
    # that month on, while its figures, history and publications stay.
    retired_from = models.DateField(
        null=True, blank=True, help_text="First day of the first month it no longer appears in the scorecard."
    )
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["scorecard", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "number"], name="indicator_number_unique_in_scorecard"),
            models.CheckConstraint(
                condition=Q(retired_from__isnull=True) | Q(retired_from__day=1), name="indicator_retired_from_first_of_month"
            ),
        ]

    def is_owned_by(self, user, action: Action) -> bool:
        """Its owners enter its figures; its scorecard's owners publish it (docs/architecture.md, who may do what)."""
        if action == Action.ENTER_FIGURES:
            return self.owners.filter(pk=user.pk).exists()
        return self.scorecard.is_owned_by(user, action)

    def save(self, *args, **kwargs) -> None:
        self.sort_key = natural_sort_key(self.number)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def clean(self) -> None:
        reads = {
            "name": read_text(_given(self.name), "name", NAME_LENGTH),
            "data_note": read_text(_given(self.data_note), "data_note", DATA_NOTE_LENGTH),
            "council_plan_code": read_text(_given(self.council_plan_code), "council_plan_code",
                                           COUNCIL_PLAN_CODE_LENGTH),
            "definition": read_narrative(_given(self.definition), "definition"),
        }
        if _given(self.number) is not None:
            reads["number"] = read_indicator_number(self.number)
        raise_problems(self.read_texts(reads))

    def entry_rules(self) -> IndicatorRules:
        """What entering this indicator's figures is checked against (compute.entry)."""
        return IndicatorRules(
            number=self.number,
            unit=Unit(self.unit),
            decimals=self.decimals,
            frequency=Frequency(self.frequency),
            year_start_month=self.scorecard.year_start_month,
        )


class Target(EntryRulesMixin, models.Model):
    """The three tolerance cells for one reporting year, exactly as entered (docs/rules.md section 6).

    clean() refuses cells that do not parse, in the import's words, normalises the year
    label (2020-21 is 2020/21) and sets ``kind`` from the cells.
    """

    ENTRY_TEXTS = ("year", "red", "amber", "green")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.CharField(max_length=YEAR_LABEL_LENGTH, help_text="Reporting year label, e.g. 2020/21.")
    red = models.CharField(max_length=RED_LENGTH, blank=True)
    amber = models.CharField(max_length=AMBER_LENGTH, blank=True)
    green = models.CharField(max_length=GREEN_LENGTH, blank=True)
    # The parsed kind, kept so lists can filter without re-parsing; the cells are the truth.
    kind = models.CharField(max_length=10, choices=TargetKind.choices(), default=TargetKind.BANDS)
    # Copied forward by the yearly rollover for review: a draft target rates nothing until an
    # admin confirms it (docs/rules.md section 6).
    draft = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_unique_per_indicator_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.year}: {self.red} / {self.amber} / {self.green}"

    def clean(self) -> None:
        if self.indicator_id is None:
            return  # the indicator's own field says so
        indicator = self.indicator
        problems = []
        if _text(self.year) is not None:
            year = read_year(self.year, indicator.scorecard.year_start_month)
            if year.problem is not None:
                problems.append(year.problem)
            else:
                self.year = year.value
        checked = check_target(_text(self.red), _text(self.amber), _text(self.green), indicator.polarity)
        problems += checked.problems
        raise_problems(problems)
        assert checked.kind is not None
        self.kind = checked.kind


class Observation(EntryRulesMixin, models.Model):
    """One indicator's figure for one month (docs/architecture.md, the domain).

    clean() checks it as the workbook import does (compute.entry) and stores the value
    rounded to the indicator's places, or derived from numerator / denominator.
    """

    ENTRY_FIGURES = ("value", "numerator", "denominator")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period = models.DateField(help_text="First day of the month the figure is for.")
    value = models.DecimalField(**FIGURE, null=True, blank=True)
    numerator = models.DecimalField(**FIGURE, null=True, blank=True)
    denominator = models.DecimalField(**FIGURE, null=True, blank=True)
    mark = models.CharField(max_length=3, choices=[(m.value, f"{m.value} {m.label}") for m in VALUE_MARKS], blank=True)
    status = models.CharField(max_length=12, choices=ObservationStatus.choices(), default=ObservationStatus.FINAL)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="observation_unique_per_indicator_period"),
            models.CheckConstraint(condition=Q(period__day=1), name="observation_period_first_of_month"),
            # A mark stands in place of a value: never both, and never with a numerator.
            models.CheckConstraint(
                condition=Q(mark="") | (Q(value__isnull=True) & Q(numerator__isnull=True) & Q(denominator__isnull=True)),
                name="observation_mark_stands_alone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.period:%Y-%m}: {self.mark or self.value}"

    def clean(self) -> None:
        if self.indicator_id is None:
            return  # the indicator's own field says so
        period = self.period if isinstance(self.period, datetime.date) else None
        checked = check_observation(
            self.indicator.entry_rules(),
            period=period,
            value=_decimal(self.value),
            numerator=_decimal(self.numerator),
            denominator=_decimal(self.denominator),
            mark=_text(self.mark),
            status=_text(self.status),
        )
        # A missing period is the period field's own error.
        raise_problems(problem for problem in checked.problems if period is not None or problem.fields != ("period",))
        if _decimal(self.value) is not None or checked.value is not None:
            self.value = checked.value


class Outturn(EntryRulesMixin, models.Model):
    """Year-end figure for the year-on-year trend; clean() rounds it to the indicator's places."""

    ENTRY_FIGURES = ("value",)
    ENTRY_TEXTS = ("year",)

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="outturns")
    year = models.CharField(max_length=YEAR_LABEL_LENGTH)
    value = models.DecimalField(**FIGURE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="outturn_unique_per_indicator_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.year}: {self.value}"

    def clean(self) -> None:
        if self.indicator_id is None:
            return  # the indicator's own field says so
        rules = self.indicator.entry_rules()
        problems = []
        if _text(self.year) is not None:
            year = read_year(self.year, rules.year_start_month)
            if year.problem is not None:
                problems.append(year.problem)
            else:
                self.year = year.value
        checked = check_outturn(rules, _decimal(self.value))
        problems += checked.problems
        raise_problems(problems)
        if checked.value is not None:
            self.value = checked.value


class Benchmark(EntryRulesMixin, models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    measure = models.CharField(max_length=MEASURE_LENGTH, help_text="A standard measure or another comparator, as written.")
    value = models.DecimalField(**FIGURE)
    # Benchmarks are shown as entered (42.0 stays 42.0), so the entered decimals are kept.
    decimals = models.PositiveSmallIntegerField(default=0)
    year = models.CharField(max_length=BENCHMARK_YEAR_LENGTH, blank=True, help_text="The year it describes, e.g. 2018/19.")
    source = models.CharField(max_length=SOURCE_LENGTH, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measure"], name="benchmark_unique_per_indicator_measure")
        ]

    ENTRY_FIGURES = ("value",)
    ENTRY_TEXTS = ("measure", "year", "source")

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.measure}: {self.value}"

    def clean(self) -> None:
        """Kept as entered (never rounded), but a percentage from 0 to 100 on a percentage indicator."""
        problems = self.read_texts({
            "measure": read_text(_given(self.measure), "measure", MEASURE_LENGTH),
            "year": read_text(_given(self.year), "year", BENCHMARK_YEAR_LENGTH),
            "source": read_text(_given(self.source), "source", SOURCE_LENGTH),
        })
        if self.indicator_id is not None:
            problems += check_benchmark(self.indicator.entry_rules(), _decimal(self.value)).problems
        raise_problems(problems)


class Commentary(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="commentary")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="commentary"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, blank=True, related_name="commentary")
    period = models.DateField()
    kind = models.CharField(max_length=30, choices=CommentaryKind.choices())
    text = models.TextField(help_text="Markdown; rendered through nh3.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "commentary"
        ordering = ["scorecard", "period", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(indicator__isnull=False) & Q(section__isnull=True))
                | (Q(indicator__isnull=True) & Q(section__isnull=False)),
                name="commentary_on_indicator_or_section",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "kind"],
                condition=Q(indicator__isnull=False),
                name="commentary_unique_per_indicator_period_kind",
            ),
            models.UniqueConstraint(
                fields=["section", "period", "kind"],
                condition=Q(section__isnull=False),
                name="commentary_unique_per_section_period_kind",
            ),
        ]

    def __str__(self) -> str:
        subject = self.indicator or self.section
        return f"{subject} {self.period:%Y-%m} {self.kind}"

    def clean(self) -> None:
        problems = []
        text = read_narrative(_given(self.text), "text")
        if text.problem is not None:
            problems.append(text.problem)
        elif text.value is not None:
            self.text = text.value
        if isinstance(self.period, datetime.date):
            period = read_period(self.period)
            if period.problem is not None:
                problems.append(period.problem)
        if self.indicator_id is not None and self.section_id is not None:
            problems.append(Problem(
                ("indicator", "section"),
                f'expected an indicator or a section, not both; found indicator "{self.indicator.number}" '
                f'and section "{self.section.title}"',
            ))
        elif self.indicator_id is None and self.section_id is None:
            problems.append(Problem(("indicator", "section"), "expected an indicator or a section; found both empty"))
        raise_problems(problems)


class Publication(models.Model):
    """A scorecard as at a month, frozen when published (docs/architecture.md, the domain).

    `snapshot` holds everything a published page draws from; it is never edited after
    publication: a revision makes the next issue.
    """

    scorecard = models.ForeignKey(Scorecard, on_delete=models.PROTECT, related_name="publications")
    as_at = models.DateField(help_text="First day of the month the scorecard is as at.")
    issue = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the frozen content, to spot republishing.")
    snapshot = models.JSONField()
    # Kept beside the snapshot, never in it: the content hash is of the figures alone.
    forced_reason = models.TextField(
        blank=True,
        help_text="Why it was published without passing the sign-off checks (publish_scorecard --force --reason).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["scorecard", "-as_at", "-issue"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "as_at", "issue"], name="publication_issue_unique"),
            models.CheckConstraint(condition=Q(as_at__day=1), name="publication_as_at_first_of_month"),
        ]

    @property
    def document_status(self) -> str:
        return f"Issue {self.issue}"

    @property
    def status_line(self) -> str:
        """As the page, the PDF and the Excel file print it: `Issue 1, published 3 February 2021 by Jane Smith`."""
        published = timezone.localtime(self.published_at)
        line = f"{self.document_status}, published {published.day} {published:%B %Y}"
        if self.published_by is not None:
            line += f" by {self.published_by.get_full_name() or self.published_by.get_username()}"
        return line

    def __str__(self) -> str:
        return f"{self.scorecard} as at {self.as_at:%B %Y}, issue {self.issue}"


class Submission(models.Model):
    """An indicator owner's word that one indicator's row of one month is ready for sign-off
    (docs/architecture.md, submission, sign-off and deadline).

    A submission stands only while nothing in the row has changed since: a figure or note of
    the indicator for the month saved after `submitted_at` reopens it (read in
    `month_end.py` from the rows' `updated_at`, so every way of writing, grid, upload or
    import, reopens it without knowing of submissions). Submitting again moves
    `submitted_at` on; the history keeps each submission.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="submissions")
    period = models.DateField(help_text="First day of the month submitted.")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="submission_unique_per_indicator_period"),
            models.CheckConstraint(condition=Q(period__day=1), name="submission_period_first_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.number} {self.period:%Y-%m} submitted by {self.submitted_by}"
