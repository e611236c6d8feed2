"""Writes: every change to the database goes through a function here."""

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from meetings.models import Person
from scorecards import selectors
from scorecards.compute.periods import Month, months_ending
from scorecards.export import compute_figures
from scorecards.models import Publication, Scorecard
from scorecards.roles import Role, ensure_role_groups
from scorecards.snapshot import SNAPSHOT_FORMAT, content_hash
from scorecards.workbook.apply import apply_workbook
from scorecards.workbook.reader import WorkbookReadError, read_workbook
from scorecards.workbook.validate import scorecard_slug, validate_workbook


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    full_name: str


# Demo accounts only: `make run` prints these. Never create them on a real deployment.
DEMO_USERS = [
    DemoUser("councillor", "councillor-demo-2026", Role.COUNCILLOR, "Demo Councillor"),
    DemoUser("officer", "officer-demo-2026", Role.PERFORMANCE_OFFICER, "Demo Performance Officer"),
    DemoUser("advisor", "advisor-demo-2026", Role.GOVERNANCE_ADVISOR, "Demo Governance Advisor"),
    DemoUser("admin", "admin-demo-2026", Role.ADMIN, "Demo Administrator"),
]


@transaction.atomic
def create_demo_users() -> list[DemoUser]:
    """One user per role, created only where the username is free (safe to run again)."""
    groups = ensure_role_groups()
    User = get_user_model()
    for demo in DEMO_USERS:
        if User.objects.filter(username=demo.username).exists():
            # Never reset an existing account: on a real server "admin" may be someone's.
            continue
        first, last = demo.full_name.split(" ", 1)
        user = User(username=demo.username, first_name=first, last_name=last)
        user.is_active = True
        user.set_password(demo.password)
        user.save()
        user.groups.set([groups[demo.role]])
        if demo.role == Role.COUNCILLOR:
            Person.objects.update_or_create(user=user, defaults={"name": "Demo Councillor", "title": "Councillor"})
    return DEMO_USERS


# A publication keeps the 24 months up to its month, with every computed figure of each.
PUBLISHED_MONTHS = 24


@transaction.atomic
def publish_scorecard(scorecard: Scorecard, as_at: Month, user=None) -> tuple[Publication, bool]:
    """Freeze the scorecard as at `as_at` (DESIGN section 3). Returns (publication, created).

    Publishing again with nothing changed returns the latest issue untouched; with changes it
    makes the next issue. Earlier issues are never altered.
    """
    # Lock the scorecard row so two officers publishing at once cannot both take the same issue.
    Scorecard.objects.select_for_update().filter(pk=scorecard.pk).first()
    data = selectors.live_data(scorecard, as_at, months_computed=PUBLISHED_MONTHS)
    months = months_ending(as_at, PUBLISHED_MONTHS)
    computed = compute_figures(data, months)
    kept = {str(m) for m in months}
    for indicator in data.indicators:
        indicator.observations = {p: o for p, o in indicator.observations.items() if p in kept}
    data.commentary = [note for note in data.commentary if note.period in kept]
    content = {"format": SNAPSHOT_FORMAT, "as_at": str(as_at), "data": data.to_json(), "computed": computed}
    fingerprint = content_hash(content)

    latest = selectors.latest_publication(scorecard, as_at)
    if latest is not None and latest.content_hash == fingerprint:
        return latest, False
    publication = Publication(
        scorecard=scorecard,
        as_at=selectors.month_date(as_at),
        issue=1 if latest is None else latest.issue + 1,
        published_at=timezone.now(),
        published_by=user,
        content_hash=fingerprint,
        snapshot=content,
    )
    publication._change_reason = f"published {publication.document_status}"
    publication.save()
    return publication, True


@dataclass
class ImportReport:
    source_name: str
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    counts: list[str] = field(default_factory=list)
    scorecard: Scorecard | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        lines = [f"Import of {self.source_name}: " + ("done." if self.ok else f"{len(self.errors)} error(s); nothing was changed.")]
        lines += [f"ERROR {issue}" for issue in self.errors]
        lines += [f"WARNING {issue}" for issue in self.warnings]
        lines += self.counts
        return lines


def import_workbook(path: Path, user=None) -> ImportReport:
    """Import a workbook (.xlsx, folder or .zip of CSV): all or nothing (DESIGN section 5).

    Any error leaves the database as it was; the report lists every error and warning.
    """
    try:
        raw = read_workbook(Path(path))
    except WorkbookReadError as error:
        return ImportReport(source_name=Path(path).name, errors=[str(error)])
    slug = scorecard_slug(raw)
    with transaction.atomic():
        # Hold the scorecard row (as publishing does) so that a publication never freezes half
        # an import, and the workbook is checked against what is stored while it is written.
        Scorecard.objects.select_for_update().filter(slug=slug).first()
        content = validate_workbook(raw, selectors.existing_scorecard(slug))
        report = ImportReport(source_name=raw.source_name, errors=content.errors, warnings=content.warnings)
        if content.errors:
            return report
        report.scorecard, counts = apply_workbook(content, reason=f"import of {raw.source_name}", user=user)
    report.counts = counts.lines()
    return report


DEMO_DIR = Path(__file__).resolve().parent.parent / "fixtures"
# The demo workbooks and the month each was presented to committee.
DEMO_SCORECARDS = [
    ("corporate-parenting.xlsx", Month(2020, 12)),
    ("safeguarding-children-families.xlsx", Month(2016, 3)),
]


def load_demo() -> list[str]:
    """Import the demo workbooks, give the demo officer ownership, publish the months they were
    presented. Running it again changes nothing."""
    lines = []
    users = {demo.role: demo for demo in create_demo_users()}
    officer = get_user_model().objects.get(username=users[Role.PERFORMANCE_OFFICER].username)
    for file_name, as_at in DEMO_SCORECARDS:
        report = import_workbook(DEMO_DIR / file_name)
        if not report.ok:
            raise ValueError("\n".join(report.lines()))
        scorecard = report.scorecard
        scorecard.owners.add(officer)
        officer.owned_indicators.add(*scorecard.indicators.all())
        publication, created = publish_scorecard(scorecard, as_at, user=officer)
        state = "published" if created else "already published"
        lines.append(f"{scorecard.title}: {scorecard.indicators.count()} indicators; {as_at} {state} ({publication.document_status}).")
    return lines
