"""The demo: both demo scorecards imported and published as presented, one user per role, the
site named after the council whose reports they are, and the six meetings of the seeds with the
two performance reports joined to the publications they presented."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import SITE_SETTINGS_PK, Person, SiteSettings
from accounts.roles import Role, ensure_role_groups
from meetings.models import AgendaItem, Committee, Meeting, Membership
from meetings.services import import_meetings_file, record_standard_items
from meetings.vocabulary import MembershipRole, municipal_year
from portal.demo_packs import add_demo_pack_papers
from scorecards.compute.periods import Month
from scorecards.models import Publication, Scorecard
from scorecards.services.imports import import_workbook
from scorecards.services.month_end import publish_checked


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


# Both demo workbooks are built from this council's published reports (fixtures/DEMO_DATA.md),
# whose narratives name it: the demo site is shown under its name.
DEMO_COUNCIL_NAME = "Rotherham Metropolitan Borough Council"


def set_demo_council_name() -> bool:
    """Name the site after the demo's council; True when that changed anything (safe to run again)."""
    site = SiteSettings.objects.filter(pk=SITE_SETTINGS_PK).first()
    if site is not None and site.council_name == DEMO_COUNCIL_NAME:
        return False
    site = site or SiteSettings()
    site.council_name = DEMO_COUNCIL_NAME
    site._change_reason = "load_demo"
    site.save()
    return True


DEMO_DIR = Path(__file__).resolve().parent.parent / "fixtures"
# The demo workbooks and the month each was presented to committee.
# The printed reports carry no exception notes for their reds (December 2020: 10, March 2016:
# 17), so the demo months would fail the sign-off checks: they are published as printed, with
# this reason kept on the publication (outside its frozen content: the hashes do not move).
DEMO_FORCED_REASON = (
    "Demo: published as the council printed it; the printed report has no exception notes for its red indicators."
)
DEMO_SCORECARDS = [
    ("corporate-parenting.xlsx", Month(2020, 12)),
    ("safeguarding-children-families.xlsx", Month(2016, 3)),
]


DEMO_RESTORED_REASON = "The demo's figures restored by load_demo"


def load_demo() -> list[str]:
    """Name the site after the demo's council, import the demo workbooks, give the demo officer
    ownership, publish the months they were presented (setting the sign-off checks aside, with
    the reason recorded). Running it again changes nothing."""
    lines = []
    if set_demo_council_name():
        lines.append(f"Site settings: council name {DEMO_COUNCIL_NAME}.")
    users = {demo.role: demo for demo in create_demo_users()}
    officer = get_user_model().objects.get(username=users[Role.PERFORMANCE_OFFICER].username)
    for file_name, as_at in DEMO_SCORECARDS:
        # Run again, it restores the demo's figures, a published month's too: the history says why.
        report = import_workbook(DEMO_DIR / file_name, reason=DEMO_RESTORED_REASON)
        if not report.ok:
            raise ValueError("\n".join(report.lines()))
        scorecard = report.scorecard
        scorecard.owners.add(officer)
        officer.owned_indicators.add(*scorecard.indicators.all())
        checked = publish_checked(scorecard, as_at, user=officer, forced_reason=DEMO_FORCED_REASON)
        publication, created = checked.publication, checked.created
        state = "published" if created else "already published"
        lines.append(f"{scorecard.title}: {scorecard.indicators.count()} indicators; {as_at} {state} ({publication.document_status}).")
    lines += load_demo_meetings()
    return lines


# The committee record of the seeds (fixtures/meetings.json, fixtures/DEMO_DATA.md).
DEMO_MEETINGS = DEMO_DIR / "meetings.json"
DEMO_COMMITTEES = {
    "corporate-parenting-panel": (
        "The Council's panel of councillors that makes sure it acts as a good corporate parent to the children "
        "and young people in its care and to care leavers.",
        ["corporate-parenting"],
    ),
    "improving-lives-select-commission": (
        "The scrutiny commission for children and young people's services: it scrutinises performance, "
        "policy and services, and makes recommendations to the Cabinet.",
        ["safeguarding-children-families"],
    ),
}
# (committee, meeting date, agenda item number) -> (scorecard, month, issue) it presented: the
# performance reports of seeds 000 and 003, whose appendices the demo scorecards are.
DEMO_PRESENTED = {
    ("corporate-parenting-panel", datetime.date(2021, 3, 2), 8): ("corporate-parenting", datetime.date(2020, 12, 1), 1),
    ("improving-lives-select-commission", datetime.date(2016, 6, 29), 11): (
        "safeguarding-children-families", datetime.date(2016, 3, 1), 1,
    ),
}
# The demo councillor sits on the panel the December 2020 scorecard was presented to, in that
# meeting's municipal year (2020/21): their committee's papers are theirs to read.
DEMO_COUNCILLOR_SEAT = ("corporate-parenting-panel", datetime.date(2021, 3, 2))


def load_demo_meetings() -> list[str]:
    """Import the six meetings, give the two committees their purpose, scorecards and standard
    items, join the performance reports to their publications and seat the demo councillor.
    Running it again changes nothing."""
    result = import_meetings_file(DEMO_MEETINGS, reason="load_demo")
    if not result.ok:
        raise ValueError("\n".join(result.lines()))
    for slug, (description, scorecards) in DEMO_COMMITTEES.items():
        committee = Committee.objects.get(slug=slug)
        if committee.description != description:
            committee.description = description
            committee.save()
        committee.scorecards.add(*Scorecard.objects.filter(slug__in=scorecards))
    for meeting in Meeting.objects.filter(source_role="agenda"):
        record_standard_items(meeting)
    for (committee, day, number), (scorecard, as_at, issue) in DEMO_PRESENTED.items():
        item = AgendaItem.objects.get(meeting__committee__slug=committee, meeting__date=day, number=number)
        publication = Publication.objects.get(scorecard__slug=scorecard, as_at=as_at, issue=issue)
        if item.publication_id != publication.pk:
            item.publication = publication
            item._change_reason = "load_demo: the scorecard this report presented"
            item.save()
    councillor = Person.objects.get(user__username="councillor")
    committee_slug, day = DEMO_COUNCILLOR_SEAT
    Membership.objects.get_or_create(
        committee=Committee.objects.get(slug=committee_slug), person=councillor, municipal_year=municipal_year(day),
        defaults={"role": MembershipRole.MEMBER},
    )
    return [f"Committees: {Committee.objects.count()}; meetings: {Meeting.objects.count()} ({DEMO_MEETINGS.name})."] + (
        add_demo_pack_papers()  # the agenda pack's demo papers (issue 16)
    )
