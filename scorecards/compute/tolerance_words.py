"""The grammar of one tolerance cell as officers type it (docs/rules.md section 6).

Reading a cell says only which form it has (threshold, range, range distance, band,
no-target marker); what the numbers mean depends on the other two cells and the polarity,
and is decided in `tolerance.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CELLS = ("red", "amber", "green")

# ASCII digits only: `\d` would let other scripts' digits through to Decimal.
_UNSIGNED = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+"
_NUMBER = rf"-?(?:{_UNSIGNED})"

_THRESHOLD = re.compile(rf"(<=|>=|≤|≥|<|>)?({_NUMBER})([+<>])?")
_RANGE = re.compile(rf"({_NUMBER})-({_NUMBER})")
_DISTANCE = re.compile(
    rf"(over)?(-?)({_UNSIGNED})(\+)?(?:above(?:/below)?|below(?:/above)?)range(?:limit)?"
)
_BAND = re.compile(rf"(morethan)?(?:±|\+/-|\+-|\+/)(-?)({_UNSIGNED})(?:of({_NUMBER}))?")

_OPERATORS = {"<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">="}
_MARKERS = frozenset({"n/a", "rangetobeset", "tbc"})


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@dataclass(frozen=True)
class Threshold:
    """`<90`, `>=12`, `13+`, `90>`, `95`: operator and mark are never both set."""

    operator: str | None  # "<", "<=", ">", ">="
    number: Decimal
    mark: str | None  # "+", "<", ">"


@dataclass(frozen=True)
class Span:
    """`A-B`, inclusive at both ends, low below high."""

    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class Distance:
    """`N above range` (within), `N+ above range` (or_more), `over N above range` (more_than)."""

    distance: Decimal
    kind: str  # "within", "or_more", "more_than"


@dataclass(frozen=True)
class Band:
    """`+/-N of R` (reference given), `+/-N`, `more than +/-N`."""

    width: Decimal
    reference: Decimal | None
    more_than: bool


@dataclass(frozen=True)
class Marker:
    """`n/a`, `tbc`, `range to be set`: no target."""


@dataclass(frozen=True)
class Unreadable:
    """Matches no form; `reason` says why when a near miss is recognised."""

    reason: str | None = None


Form = Threshold | Span | Distance | Band | Marker | Unreadable


GREEN_FORMS = (
    'a threshold such as "95%+", "<8%" or "99.1", a range such as "14-20", a band such as '
    '"+/-5 of 158.8", a no-target marker ("n/a", "tbc", "range to be set") or a target in words'
)
# The forms a red or amber cell may take, by the form of the green cell (None: unknown).
EXPECTED = {
    "red": {
        "threshold": 'a threshold such as "<90%", ">12%", "13%+" or "90%"',
        "range": 'a distance outside the range such as "1+ above range limit" or '
        '"over 1% above range"',
        "band": 'a band such as "more than +/-15"',
        None: 'a threshold such as "<90%" or "13%+", a range distance such as '
        '"1+ above range limit", or a band such as "more than +/-15"',
    },
    "amber": {
        "threshold": 'a threshold such as "90%>", "84%+" or "12%", or a range such as "50-70%"',
        "range": 'a distance outside the range such as "1 above / below range limit" or '
        '"1% above range"',
        "band": 'a band such as "+/-15"',
        None: 'a threshold such as "90%>" or "84%+", a range such as "50-70%", a range distance '
        'such as "1 above range", or a band such as "+/-15"',
    },
}


def family(green: Form) -> str | None:
    """The form of a green cell that can hold a target, which decides the other cells' forms."""
    if isinstance(green, Threshold):
        return "threshold"
    if isinstance(green, Span):
        return "range"
    if isinstance(green, Band) and green.reference is not None and not green.more_than:
        return "band"
    return None


def fits(cell: str, form: Form, green_family: str) -> bool:
    """Whether a red or amber form goes with a green of this family."""
    if green_family == "threshold":
        return isinstance(form, Threshold) or (cell == "amber" and isinstance(form, Span))
    if green_family == "range":
        return isinstance(form, Distance) and (form.kind == "within") == (cell == "amber")
    return isinstance(form, Band) and form.more_than == (cell == "red")


def misread(cell: str, text: str, form: Form, expected: str) -> str:
    """Why a cell matches no form it may take, and what was expected."""
    if isinstance(form, Unreadable) and form.reason:
        what = form.reason
    elif isinstance(form, Unreadable) and starts_with_letter(text):
        what = "is text"
    elif isinstance(form, Unreadable):
        what = "is not a form the parser knows"
    else:
        what = "is a red or amber form, not a target"
    return f'{cell} cell "{text}" {what}: expected {expected}'


def is_empty(raw: str | None) -> bool:
    return raw is None or raw.strip() in ("", "-")


def squeeze(raw: str) -> str:
    """Drop `%` and spaces, keeping a space between two digits so `1 2` is not read as 12."""
    text = re.sub(r"\s+", " ", raw.strip().replace("%", ""))
    text = re.sub(r"(?<![0-9]) | (?![0-9])", "", text)
    return text.casefold()


def starts_with_letter(raw: str) -> bool:
    text = raw.strip()
    return bool(text) and text[0].isalpha()


def read_cell(raw: str) -> Form:
    text = squeeze(raw)
    if text in _MARKERS:
        return Marker()
    if match := _THRESHOLD.fullmatch(text):
        operator, digits, mark = match.groups()
        if operator and mark:
            return Unreadable("has both a leading operator and a trailing mark")
        return Threshold(_OPERATORS[operator] if operator else None, number(digits), mark)
    if match := _RANGE.fullmatch(text):
        low, high = number(match[1]), number(match[2])
        if low >= high:
            return Unreadable("is a reversed range (the first number must be below the second)")
        return Span(low, high)
    if match := _DISTANCE.fullmatch(text):
        over, sign, digits, plus = match.groups()
        if sign:
            return Unreadable("gives a negative distance")
        if over and plus:
            return Unreadable('has both "over" and a trailing "+"')
        kind = "more_than" if over else "or_more" if plus else "within"
        return Distance(number(digits), kind)
    if match := _BAND.fullmatch(text.removeprefix("upto")):
        more_than, sign, digits, reference = match.groups()
        if sign:
            return Unreadable("gives a negative band width")
        return Band(number(digits), number(reference) if reference else None, bool(more_than))
    if re.fullmatch(r"(?:<=|>=|≤|≥|<|>|=<|=>|=){2,}-?[0-9.,]+[+<>]*|-?[0-9.,]+[+<>]{2,}", text):
        return Unreadable("has two operators")
    return Unreadable()
