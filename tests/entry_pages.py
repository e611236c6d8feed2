"""Reading the entry grid as a browser would: the fields of its form with their values."""

from html.parser import HTMLParser

from accounts.roles import Role
from tests.conftest import make_user


class GridFields(HTMLParser):
    """Every field of the page's POST form with the value it holds, as a browser would send it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") != "submit":
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select, self._first_option = attrs["name"], None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
                self.fields.setdefault(self._select, self._first_option)
            if "selected" in attrs:
                self.fields[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # Django writes a newline after <textarea>, which browsers drop.
            self.fields[self._textarea] += data.removeprefix("\n") if not self.fields[self._textarea] else data


def grid_fields(html: str) -> dict[str, str]:
    parser = GridFields()
    parser.feed(html)
    parser.fields.pop("csrfmiddlewaretoken", None)
    return parser.fields


def entry_url(slug: str, month: str) -> str:
    return f"/scorecards/{slug}/{month}/entry/"


def owner_of(scorecard, username: str = "entry-officer", numbers=None):
    """A performance officer owning the given indicators of `scorecard` (all when None)."""

    user = make_user(username, Role.PERFORMANCE_OFFICER)
    indicators = scorecard.indicators.all()
    if numbers is not None:
        indicators = indicators.filter(number__in=numbers)
    user.owned_indicators.add(*indicators)
    return user


def person(who: str, scorecard):
    """The seven people of the month-end permission tables: the scorecard's owner owns none of
    its indicators; the indicator owner owns 1.1 alone."""
    if who == "anonymous":
        return None
    if who == "scorecard owner":
        user = make_user("owner", Role.PERFORMANCE_OFFICER)
        scorecard.owners.add(user)
        return user
    if who == "indicator owner":
        return owner_of(scorecard, "ind-owner", numbers=["1.1"])
    role = {"councillor": Role.COUNCILLOR, "officer owning nothing": Role.PERFORMANCE_OFFICER,
            "governance advisor": Role.GOVERNANCE_ADVISOR, "admin": Role.ADMIN}[who]
    return make_user(who.replace(" ", "-"), role)
