"""Exceptions and the sign-off rule (docs/architecture.md, the domain), from plain values. No Django."""

from __future__ import annotations

import pytest

from scorecards.compute.dot import Judgement
from scorecards.compute.entry import (
    SignOffItem,
    SignOffProblem,
    figure_due,
    is_exception,
    needs_exception_note,
    sign_off_problems,
)
from scorecards.compute.periods import Month
from scorecards.compute.vocabulary import Frequency, Rag

DEC_20 = Month(2020, 12)
NOTE = ("red (in month or at year end) with no exception note for December 2020: add one saying why it is red "
        "and what is being done")
FIGURE = ("no figure for December 2020, when one is due: enter the figure, or a mark ([x] not available, "
          "[z] not applicable, [c] confidential)")


@pytest.mark.parametrize(
    ("in_month", "year_end", "needs"),
    [
        (Rag.RED, None, True),
        (None, Rag.RED, True),
        ("red", "amber", True),
        (Rag.AMBER, Rag.RED, True),
        (Rag.GREEN, Rag.AMBER, False),
        (Rag.AMBER, Rag.AMBER, False),
        (None, None, False),
    ],
)
def test_needs_exception_note_when_red_in_month_or_at_year_end(in_month, year_end, needs: bool) -> None:
    assert needs_exception_note(in_month, year_end) is needs


@pytest.mark.parametrize(
    ("in_month", "year_end", "judgement", "previous", "exception"),
    [
        (Rag.RED, None, None, None, True),
        (None, "red", "improved", "improved", True),
        (Rag.GREEN, Rag.GREEN, Judgement.DECLINED, Judgement.DECLINED, True),
        ("amber", None, "declined", "declined", True),
        (None, None, "declined", "declined", True),  # no target: two declines still make an exception
        (Rag.GREEN, Rag.GREEN, Judgement.DECLINED, Judgement.UNCHANGED, False),
        (Rag.GREEN, Rag.GREEN, Judgement.DECLINED, None, False),  # no previous period to compare
        (Rag.GREEN, Rag.GREEN, None, Judgement.DECLINED, False),
        (Rag.AMBER, Rag.AMBER, Judgement.IMPROVED, Judgement.DECLINED, False),
        (None, None, None, None, False),
    ],
)
def test_exception_is_red_or_declined_in_both_of_the_last_two_periods(
    in_month, year_end, judgement, previous, exception: bool
) -> None:
    assert is_exception(in_month, year_end, judgement, previous) is exception


@pytest.mark.parametrize(
    ("frequency", "start_month", "month", "due"),
    [
        (Frequency.MONTHLY, 4, Month(2020, 11), True),
        (Frequency.QUARTERLY, 4, Month(2020, 12), True),
        (Frequency.QUARTERLY, 4, Month(2020, 11), False),
        (Frequency.QUARTERLY, 1, Month(2021, 3), True),
        (Frequency.TERMLY, 4, Month(2021, 7), True),
        (Frequency.TERMLY, 4, Month(2021, 9), False),
        (Frequency.ANNUAL, 4, Month(2021, 3), True),
        (Frequency.ANNUAL, 4, Month(2020, 12), False),
        (Frequency.ANNUAL, 1, Month(2020, 12), True),
    ],
)
def test_a_figure_is_due_on_the_months_its_frequency_allows(frequency, start_month, month, due: bool) -> None:
    assert figure_due(month, frequency, start_month) is due


def item(number: str, needs: bool = False, note: bool = False, due: bool = True, entered: bool = True) -> SignOffItem:
    return SignOffItem(number, needs_exception_note=needs, has_exception_note=note, figure_due=due,
                       figure_entered=entered)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], []),
        ([item("6.9")], []),
        ([item("6.9", needs=True, note=True)], []),
        ([item("6.9", needs=True)], [("6.9", NOTE)]),
        ([item("6.9", note=True)], []),  # a note where none is needed does no harm
        ([item("10.4", due=False, entered=False)], []),  # not a month its frequency allows
        ([item("6.1", entered=False)], [("6.1", FIGURE)]),  # a mark counts as entered
        ([item("6.9", needs=True, entered=False)], [("6.9", NOTE), ("6.9", FIGURE)]),  # red at year end, no figure
        (
            [item("6.1", entered=False), item("6.9", needs=True, note=True), item("8.2", needs=True)],
            [("6.1", FIGURE), ("8.2", NOTE)],
        ),
    ],
)
def test_sign_off_problems(items: list[SignOffItem], expected: list[tuple[str, str]]) -> None:
    assert sign_off_problems(DEC_20, items) == [SignOffProblem(number, message) for number, message in expected]


def test_sign_off_problem_in_words() -> None:
    (problem,) = sign_off_problems(DEC_20, [item("6.9", needs=True)])
    assert str(problem) == f"Indicator 6.9: {NOTE}"
