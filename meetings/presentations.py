"""The committee record's finder for `scorecards.presentations` (docs/architecture.md, the join):
the agenda items that presented publications, as the user asking may see them. The portal
registers it at startup; scorecards never imports this module.

One query whatever the number of publications: whether the user holds a seat on the item's
committee in the meeting's year, and the number of the item's minute, come as annotations, and
`meetings.visibility` decides from them as it does for the meeting page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse

from accounts.roles import Action, Role, can, user_roles
from meetings.models import AgendaItem, Membership, Minute
from meetings.visibility import Viewer, sees_exempt, sees_item_in_full, sees_minutes
from scorecards.presentations import Presentation


def viewer_without_seats(user) -> Viewer:
    """Who is asking, but for their seats, which the finder's one query reads per item."""
    if user is None or not user.is_authenticated:
        return Viewer()
    roles = user_roles(user)
    return Viewer(
        signed_in=True,
        sees_drafts=can(user, Action.VIEW_DRAFTS),
        sees_all_exempt=bool(roles & {Role.GOVERNANCE_ADVISOR, Role.ADMIN}),
    )


def seated(user):
    """Whether ``user`` holds a seat on the item's committee in its meeting's municipal year."""
    if user is None or not user.is_authenticated or Role.COUNCILLOR not in user_roles(user):
        return Exists(Membership.objects.none())
    return Exists(Membership.objects.filter(
        person__user=user, committee_id=OuterRef("meeting__committee_id"),
        municipal_year=OuterRef("meeting__municipal_year"),
    ))


def presented_items(publication_pks: Iterable[int], user):
    first_minute = Minute.objects.filter(agenda_item=OuterRef("pk")).order_by("order").values("number")[:1]
    return (
        AgendaItem.objects.filter(publication_id__in=list(publication_pks))
        .select_related("meeting__committee", "meeting__minutes_record")
        .only("number", "exempt", "publication_id", "meeting__date", "meeting__committee__name",
              "meeting__committee__slug", "meeting__municipal_year", "meeting__minutes_record__state")
        .annotate(seated=seated(user), minute_number=Subquery(first_minute))
        .order_by("meeting__date", "order")
    )


def meetings_finder(publication_pks: frozenset[int], user) -> list[Presentation]:
    """The presentations of ``publication_pks`` that ``user`` may see: an exempt item only to
    those who may read its papers; its minute once the minutes are theirs to read."""
    base = viewer_without_seats(user)
    found = []
    for item in presented_items(publication_pks, user):
        meeting, committee = item.meeting, item.meeting.committee
        exempt_allowed = item.seated or sees_exempt(base, committee.pk, meeting.municipal_year)
        if not sees_item_in_full(item.exempt, exempt_allowed):
            continue  # the public may not learn what an exempt report presented
        url = reverse("meetings:meeting", args=[committee.slug, meeting.date])
        record = getattr(meeting, "minutes_record", None)
        state = record.state if record is not None else None
        minute_url = None
        if item.minute_number is not None and state is not None and sees_minutes(base, state):
            minute_url = f"{url}#minute-{item.minute_number}"
        found.append(Presentation(
            committee=committee.name, meeting_date=meeting.date, item_number=item.number,
            meeting_url=url, minute_url=minute_url, publication_pk=item.publication_id, exempt=item.exempt,
        ))
    return found
