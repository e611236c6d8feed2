"""Writes of workbook imports: all or nothing (docs/workbook.md).

The command and the web upload run the same import. The upload first runs it as a dry run (the
whole import in a transaction that is always rolled back), which lists every row it would
write; applying runs it again and writes only when that list is the one previewed.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from scorecards import selectors
from scorecards.compute.entry import REASON_LENGTH, read_text
from scorecards.compute.periods import Month
from scorecards.entry_grid import months_published
from scorecards.models import Scorecard
from scorecards.workbook.apply import ApplyCounts, Change, Corrections, apply_workbook
from scorecards.workbook.permissions import import_issues
from scorecards.workbook.reader import SETTINGS, ReadLimits, ReadNote, WorkbookReadError, read_workbook
from scorecards.workbook.validate import Issue, scorecard_slug, validate_workbook

# How many corrected months a refusal names before it says "and N more".
NAMED = 20


@dataclass
class ImportReport:
    source_name: str
    errors: list = field(default_factory=list)  # Issue (sheet, row, column), or str for a file that cannot be read
    warnings: list = field(default_factory=list)
    counts: list[str] = field(default_factory=list)
    scorecard: Scorecard | None = None
    # Every row the import writes (or, in a dry run, would write), and how many it left as they were.
    changes: tuple[Change, ...] = ()
    unchanged: dict[str, int] = field(default_factory=dict)
    # What the changes add up to: the upload's apply compares it with the preview's.
    fingerprint: str = ""
    # Why a workbook without errors was not written: no reason for correcting published figures,
    # a reason that does not read, or stored figures changed since the preview (`stale`).
    refusal: str | None = None
    stale: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and self.refusal is None

    @property
    def corrections(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.correction)

    def lines(self) -> list[str]:
        problems = len(self.errors) + (self.refusal is not None)
        lines = [f"Import of {self.source_name}: " + ("done." if self.ok else f"{problems} error(s); nothing was changed.")]
        lines += [f"ERROR {issue}" for issue in self.errors]
        if self.refusal is not None:
            lines.append(f"ERROR {self.refusal}")
        lines += [f"WARNING {issue}" for issue in self.warnings]
        lines += self.counts
        return lines


def read_limits() -> ReadLimits:
    """How much a workbook may hold: the WORKBOOK_MAX_* settings (docs/workbook.md section 7)."""
    defaults = ReadLimits()
    return ReadLimits(**{limit: getattr(settings, name, getattr(defaults, limit)) for limit, name in SETTINGS.items()})


def _issue(note: ReadNote) -> Issue:
    return Issue(note.sheet, note.row, note.column, note.message)


def import_reason(source_name: str) -> str:
    return f"import of {source_name}"


def correction_reason(reason: str, source_name: str) -> str:
    """The history change reason of a row correcting a published figure: the reason given, then
    the file, so the history says both why and how ("Audit of December (import of dec.xlsx)")."""
    return f"{reason} ({import_reason(source_name)})"


def fingerprint(counts: ApplyCounts) -> str:
    """A digest of every row written, as stored before and as written: equal digests, equal writes."""
    rows = [[c.sheet, list(c.subject), c.created, [list(f) for f in c.fields], c.correction] for c in counts.changes]
    text = json.dumps([rows, sorted(counts.unchanged.items())], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def import_workbook(
    path: Path, user=None, reason: str = "", *, for_scorecard: str | None = None, dry_run: bool = False,
    previewed: str | None = None,
) -> ImportReport:
    """Import a workbook (.xlsx, folder or .zip of CSV): all or nothing (docs/workbook.md).

    `user` is who is importing: a performance officer may import values and commentary for
    their own indicators only, an admin anything, anyone else nothing (docs/architecture.md, who may do what);
    None is the system (the command line run without a user), which may import anything.
    The history of every row written names the user (none for the system).

    `reason`: why figures of published months change. Needed when the import changes a figure
    (value, counts or mark) of a month some publication shows; the history of each such row
    reads `correction_reason`, of every other row "import of <file>".

    `for_scorecard`: the scorecard the web upload's address names; the workbook's scorecard
    sheet is then optional, and must name that scorecard if present.
    `dry_run`: check and work out every change, report them, write nothing.
    `previewed`: the fingerprint of the preview being applied: when the changes differ now
    (someone saved since), nothing is written and the report is `stale`.

    Any error, a refusal included, leaves the database as it was; the report lists every
    error and warning. A file past one of the settings' limits is refused as it is read.
    """
    try:
        raw = read_workbook(Path(path), read_limits())
    except WorkbookReadError as error:
        return ImportReport(source_name=Path(path).name, errors=[str(error)], dry_run=dry_run)
    # What the reader found in cells (formulas, in an .xlsx file) comes before the validator's.
    read_errors = [_issue(note) for note in raw.notes if note.error]
    read_warnings = [_issue(note) for note in raw.notes if not note.error]
    slug = for_scorecard or scorecard_slug(raw)
    with transaction.atomic():
        # Hold the scorecard row (as publishing does) so that a publication never freezes half
        # an import, and the workbook is checked against what is stored while it is written.
        stored = Scorecard.objects.select_for_update().filter(slug=slug).first()
        existing = selectors.existing_scorecard(slug)
        if for_scorecard is not None and existing is None:
            raise Scorecard.DoesNotExist(for_scorecard)
        content = validate_workbook(raw, existing, scorecard_sheet_optional=for_scorecard is not None)
        # Who may import what comes first in the report: it may make the rest moot.
        refused = import_issues(content, selectors.stored_scorecard(slug), selectors.importer(user, slug))
        errors = refused + read_errors + content.errors
        report = ImportReport(source_name=raw.source_name, errors=errors, warnings=read_warnings + content.warnings,
                              dry_run=dry_run)
        if errors:
            return report
        given = read_text(reason.strip() or None, "reason", REASON_LENGTH)
        published = months_published(stored) if stored is not None else frozenset()
        corrections = Corrections(published, correction_reason(given.value or "", raw.source_name))
        report.scorecard, counts = apply_workbook(content, reason=import_reason(raw.source_name), user=user,
                                                  corrections=corrections)
        report.changes, report.unchanged = tuple(counts.changes), dict(counts.unchanged)
        report.fingerprint = fingerprint(counts)
        report.counts = counts.lines()
        report.refusal, report.stale = _refusal(report, given.problem, given.value, previewed)
        if given.value and not report.corrections:
            report.warnings.append("the reason is kept only with corrections of published figures, and this "
                                   "import corrects none: it is not recorded")
        if dry_run or report.refusal is not None:
            transaction.set_rollback(True)
    return report


def _refusal(report: ImportReport, problem, reason: str | None, previewed: str | None) -> tuple[str | None, bool]:
    if previewed is not None and report.fingerprint != previewed:
        return ("the stored figures changed since the preview (someone else saved some of them): nothing was "
                "changed; check the preview again before applying"), True
    if problem is not None:
        return problem.message, False
    if report.corrections and not reason and not report.dry_run:
        return ("expected a reason for correcting published figures: the import changes figures of months shown "
                f"in a publication ({corrected_words(report.corrections)}); found no reason"), False
    return None, False


def corrected_words(corrections: tuple[Change, ...]) -> str:
    """"indicator 6.1: Nov-20, Dec-20; indicator 6.2: Dec-20"."""
    months: dict[str, list[str]] = {}
    for change in corrections[:NAMED]:
        number, period = change.subject
        months.setdefault(number, []).append(Month.parse(period).abbreviation())
    words = "; ".join(f"indicator {number}: {', '.join(periods)}" for number, periods in months.items())
    if len(corrections) > NAMED:
        words += f" and {len(corrections) - NAMED} more"
    return words
