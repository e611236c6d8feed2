"""Writes of workbook imports: all or nothing (docs/workbook.md)."""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from scorecards import selectors
from scorecards.models import Scorecard
from scorecards.workbook.apply import apply_workbook
from scorecards.workbook.permissions import import_issues
from scorecards.workbook.reader import SETTINGS, ReadLimits, ReadNote, WorkbookReadError, read_workbook
from scorecards.workbook.validate import Issue, scorecard_slug, validate_workbook


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


def read_limits() -> ReadLimits:
    """How much a workbook may hold: the WORKBOOK_MAX_* settings (docs/workbook.md section 7)."""
    defaults = ReadLimits()
    return ReadLimits(**{limit: getattr(settings, name, getattr(defaults, limit)) for limit, name in SETTINGS.items()})


def _issue(note: ReadNote) -> Issue:
    return Issue(note.sheet, note.row, note.column, note.message)


def import_workbook(path: Path, user=None) -> ImportReport:
    """Import a workbook (.xlsx, folder or .zip of CSV): all or nothing (docs/workbook.md).

    `user` is who is importing: a performance officer may import values and commentary for
    their own indicators only, an admin anything, anyone else nothing (docs/architecture.md, who may do what);
    None is the system (the command line run without a user), which may import anything.
    The history of every row written names the user (none for the system).

    Any error, a refusal included, leaves the database as it was; the report lists every
    error and warning. A file past one of the settings' limits is refused as it is read.
    """
    try:
        raw = read_workbook(Path(path), read_limits())
    except WorkbookReadError as error:
        return ImportReport(source_name=Path(path).name, errors=[str(error)])
    # What the reader found in cells (formulas, in an .xlsx file) comes before the validator's.
    read_errors = [_issue(note) for note in raw.notes if note.error]
    read_warnings = [_issue(note) for note in raw.notes if not note.error]
    slug = scorecard_slug(raw)
    with transaction.atomic():
        # Hold the scorecard row (as publishing does) so that a publication never freezes half
        # an import, and the workbook is checked against what is stored while it is written.
        Scorecard.objects.select_for_update().filter(slug=slug).first()
        content = validate_workbook(raw, selectors.existing_scorecard(slug))
        # Who may import what comes first in the report: it may make the rest moot.
        refused = import_issues(content, selectors.stored_scorecard(slug), selectors.importer(user, slug))
        errors = refused + read_errors + content.errors
        report = ImportReport(source_name=raw.source_name, errors=errors, warnings=read_warnings + content.warnings)
        if errors:
            return report
        report.scorecard, counts = apply_workbook(content, reason=f"import of {raw.source_name}", user=user)
    report.counts = counts.lines()
    return report
