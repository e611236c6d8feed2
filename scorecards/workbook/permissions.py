"""Who may import what (docs/architecture.md, who may do what): a workbook checked against the person importing it.

A performance officer's workbook may carry values and commentary for the officer's own
indicators only; creating a scorecard, changing its settings and the `indicators`,
`targets`, `outturns` and `benchmarks` sheets need an admin. Admins may import anything,
and so may the system (the command line run without a user). Anyone else may import
nothing.

No Django here: the import service says who is importing (``Importer``) and what is
stored of the scorecard (``StoredScorecard``), and turns the issues into errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from scorecards.workbook.validate import Issue, WorkbookContent

# The sheets that define a scorecard rather than report on it.
ADMIN_SHEETS = ("indicators", "targets", "outturns", "benchmarks")
# The scorecard sheet's columns besides the slug, in the sheet's order.
SETTINGS = ("title", "year_start_month", "dot_basis", "arrow_convention", "publication_frequency")
# How many owned indicators a refusal lists before it says "and N more".
LISTED = 12


class Standing(StrEnum):
    SYSTEM = "system"  # the command line run without a user: anything
    ADMIN = "admin"  # anything
    OFFICER = "officer"  # values and commentary of their own indicators
    NONE = "none"  # nothing


@dataclass(frozen=True)
class StoredScorecard:
    """What the database holds of the scorecard's own settings."""

    slug: str
    title: str
    year_start_month: int
    dot_basis: str
    arrow_convention: str
    publication_frequency: str


@dataclass(frozen=True)
class Importer:
    """The person importing, as far as the rule needs to know them."""

    standing: Standing
    name: str = "the system"
    # How the refusal describes them: "a governance advisor", "no role".
    described: str = ""
    # The numbers of the scorecard's indicators they own, and the sections holding one.
    numbers: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()
    owns_scorecard: bool = False


SYSTEM = Importer(Standing.SYSTEM)


def import_issues(content: WorkbookContent, stored: StoredScorecard | None, importer: Importer) -> list[Issue]:
    """Every part of the workbook the importer may not import; empty when they may import it all."""
    if importer.standing in (Standing.SYSTEM, Standing.ADMIN):
        return []
    if importer.standing == Standing.NONE:
        return [
            Issue(
                "scorecard", None, None,
                f"{importer.name} ({importer.described or 'no role'}) may not import a workbook: importing "
                "figures and commentary needs a performance officer (for their own indicators) or an admin",
            )
        ]
    return _OfficerCheck(content, stored, importer).run()


class _OfficerCheck:
    def __init__(self, content: WorkbookContent, stored: StoredScorecard | None, importer: Importer) -> None:
        self.content, self.stored, self.importer = content, stored, importer
        self.issues: list[Issue] = []

    def run(self) -> list[Issue]:
        record = self.content.scorecard
        if self.stored is None:
            if record is not None:
                # Every other refusal would follow from this one: nothing of it is theirs yet.
                self.issues.append(
                    Issue("scorecard", None, "slug",
                          f'there is no scorecard "{record.slug}" to update: a performance officer may not '
                          "create a scorecard; ask an admin to create it and give you its indicators")
                )
            return self.issues
        self._scorecard()
        for sheet in ADMIN_SHEETS:
            self._admin_sheet(sheet)
        for value in self.content.values:
            self._own_indicator("values", value.row, value.number, "enter")
        for note in self.content.commentary:
            if note.number is not None:
                self._own_indicator("commentary", note.row, note.number, "comment on")
            elif note.section is not None:
                self._own_section(note.row, note.section)
        return self.issues

    def _scorecard(self) -> None:
        record, stored = self.content.scorecard, self.stored
        assert stored is not None
        if record is None:
            return  # the validator has reported why
        if record.slug != stored.slug:
            self.issues.append(
                Issue("scorecard", None, "slug", f'expected "{stored.slug}"; found "{record.slug}"')
            )
        for column in SETTINGS:
            given, kept = getattr(record, column), getattr(stored, column)
            if given is not None and given != kept:
                self.issues.append(
                    Issue("scorecard", None, column,
                          f'changing the scorecard\'s {column} needs an admin: expected the stored {column} '
                          f'"{kept}" or an empty cell; found "{given}"')
                )

    def _admin_sheet(self, sheet: str) -> None:
        rows = sorted(record.row for record in getattr(self.content, sheet))
        if not rows:
            return
        which = f"row {rows[0]}" if len(rows) == 1 else f"{len(rows)} rows, from row {rows[0]}"
        self.issues.append(
            Issue(sheet, None, None,
                  f"the {sheet} sheet needs an admin ({which}): a performance officer's workbook may carry "
                  "only values and commentary for the officer's own indicators; remove the sheet or ask an admin")
        )

    def _own_indicator(self, sheet: str, row: int, number: str, verb: str) -> None:
        if number in self.importer.numbers:
            return
        self.issues.append(
            Issue(sheet, row, "number",
                  f'indicator "{number}" is not yours to {verb}: {self.importer.name} may enter figures and '
                  f"commentary only for the indicators they own ({self._owned()}); ask an owner of {number} "
                  "or an admin")
        )

    def _own_section(self, row: int, section: str) -> None:
        if self.importer.owns_scorecard or section in self.importer.sections:
            return
        self.issues.append(
            Issue("commentary", row, "section",
                  f'section "{section}" is not yours to comment on: section commentary needs an owner of the '
                  f"scorecard or of an indicator in that section ({self.importer.name} owns {self._owned()})")
        )

    def _owned(self) -> str:
        numbers = sorted(self.importer.numbers, key=_natural)
        if not numbers:
            return "none of this scorecard's indicators"
        listed = ", ".join(numbers[:LISTED])
        if len(numbers) > LISTED:
            listed += f" and {len(numbers) - LISTED} more"
        return listed


def _natural(number: str) -> tuple:
    """6.2 before 6.10: the parts compared as numbers where they are numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in number.split("."))
