"""The advisor's committee lists (django-tables2 in GOV.UK markup): the committees, and one
municipal year's seats."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from accounts.govuk_tables import NUMBER, GovukTable, govuk_attrs
from meetings.manage_committee_selectors import CommitteeRow
from meetings.models import Membership


class CommitteeTable(GovukTable):
    name = tables.Column(verbose_name="Committee")
    kind = tables.Column(verbose_name="Kind")
    members = tables.Column(verbose_name="Members this year", attrs=NUMBER)
    chair = tables.Column(verbose_name="Chair", empty_values=())
    links = tables.Column(verbose_name="Records", empty_values=(), accessor="slug")

    class Meta(GovukTable.Meta):
        template_name = "scorecards/manage/includes/scorecard_table.html"
        attrs = govuk_attrs("app-manage-table app-committee-table")
        empty_text = "No committees yet."

    def render_name(self, record: CommitteeRow) -> str:
        href = reverse("meetings:manage_committee", kwargs={"committee": record.slug})
        return format_html('<a class="govuk-link" href="{}">{}</a>', href, record.name)

    def render_members(self, record: CommitteeRow) -> str:
        if record.latest is None or record.latest.year == record.year:
            return str(record.members)
        return format_html('{}<br><span class="app-muted">{} in {}</span>', record.members, record.latest.seats,
                           record.latest.label)

    def render_chair(self, value: str) -> str:
        return value or "None recorded"

    def render_links(self, record: CommitteeRow) -> str:
        members = reverse("meetings:manage_memberships", kwargs={"committee": record.slug,
                                                                 "municipal_year": record.year})
        items = reverse("meetings:manage_standard_items", kwargs={"committee": record.slug})
        return format_html(
            '<a class="govuk-link" href="{}">Members<span class="govuk-visually-hidden"> of {}</span></a><br>'
            '<a class="govuk-link" href="{}">Standard items<span class="govuk-visually-hidden"> of {}</span></a>',
            members, record.name, items, record.name)


def seat_words(seat: Membership) -> str:
    """A seat's role with what goes with it: "Co-opted member (capacity), representing ..., for ..."."""
    words = [seat.get_role_display() + (f" ({seat.capacity})" if seat.capacity else "")]
    if seat.represents:
        words.append(f"representing {seat.represents}")
    if seat.scope:
        words.append(seat.scope)
    if seat.substitute_for_id:
        words.append(f"for {seat.substitute_for}")
    return ", ".join(words)


class SeatTable(GovukTable):
    person = tables.Column(verbose_name="Name", empty_values=())
    # One column for the rest, so that the list reads at 320 px without scrolling sideways.
    role = tables.Column(verbose_name="Role", empty_values=())

    class Meta(GovukTable.Meta):
        template_name = "scorecards/manage/includes/scorecard_table.html"
        attrs = govuk_attrs("app-manage-table app-seat-table")
        empty_text = "No seats recorded for this year."

    def render_person(self, record: Membership) -> str:
        href = reverse("meetings:manage_membership", kwargs={"committee": record.committee.slug,
                                                             "membership_id": record.pk})
        return format_html('<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden">: change the '
                           'seat</span></a>', href, record.person)

    def render_role(self, record: Membership) -> str:
        if record.ended_on is None:
            return seat_words(record)
        return format_html('{}<br><strong class="govuk-tag govuk-tag--grey">Seat ended {}</strong>',
                           seat_words(record), f"{record.ended_on:%-d %B %Y}")
