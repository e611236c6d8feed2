"""The governance advisor's committee screens (docs/committees-screens.md): committees, their
standard items by era, memberships by municipal year, and the yearly rollover. Advisors and
admins only (`advisors_only`). Thin views: reads in `manage_committee_selectors`, checks in
`manage_committee_forms`, writes in `manage_committee_services`.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from meetings import manage_committee_selectors as selectors
from meetings import manage_committee_services as service
from meetings.manage_access import advisors_only
from meetings.manage_committee_forms import (
    CommitteeForm,
    NewEraForm,
    NewSeatForm,
    RolloverForm,
    SeatForm,
    StandardItemForm,
)
from meetings.manage_committee_tables import CommitteeTable, SeatTable
from meetings.models import Committee, Membership, StandardItem
from meetings.vocabulary import municipal_year, municipal_year_label
from scorecards.stale_edits import Changed, refuse

PAGES = ["GET", "HEAD", "POST"]
READS = ["GET", "HEAD"]


def today() -> datetime.date:
    return timezone.localdate()


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _committee_url(committee: Committee) -> str:
    return reverse("meetings:manage_committee", kwargs={"committee": committee.slug})


def _seats_url(committee: Committee, year: int) -> str:
    return reverse("meetings:manage_memberships", kwargs={"committee": committee.slug, "municipal_year": year})


def _era_url(committee: Committee, day: datetime.date) -> str:
    return reverse("meetings:manage_standard_era", kwargs={"committee": committee.slug, "day": day})


# -- committees -------------------------------------------------------------------------------


@advisors_only
@require_http_methods(READS)
def committee_list(request: HttpRequest) -> HttpResponse:
    year = municipal_year(today())
    table = CommitteeTable(selectors.committee_rows(year, today()), f"Committees in {municipal_year_label(year)}")
    return render(request, "meetings/manage/committee_list.html", {"table": table})


@advisors_only
@require_http_methods(PAGES)
def committee_new(request: HttpRequest) -> HttpResponse:
    form = CommitteeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        committee = service.create_committee(form.values(), request.user)
        messages.success(request, f"Created the committee “{committee.name}”. Add its members and standard items.")
        return redirect(_committee_url(committee))
    return render(request, "meetings/manage/committee_new.html", {"form": form})


@advisors_only
@require_http_methods(PAGES)
def committee_page(request: HttpRequest, committee: str) -> HttpResponse:
    """A committee's settings, its members today, and links to its seats, template and meetings."""
    committee = selectors.committee_or_404(committee)
    form = CommitteeForm(request.POST, committee=committee) if request.method == "POST" \
        else CommitteeForm.for_committee(committee)
    if request.method == "POST" and form.is_valid():
        try:
            changes = service.change_committee(committee, form.values(), request.user, form.cleaned_data["version"])
        except Changed as changed:
            refuse(form, changed, "committee", "settings")
            committee.refresh_from_db()
        else:
            messages.success(request, f"Saved: {'; '.join(changes)}." if changes else "Nothing had changed.")
            return redirect(_committee_url(Committee.objects.get(pk=committee.pk)))
    screen = selectors.committee_screen(committee, municipal_year(today()), today())
    return render(request, "meetings/manage/committee.html", {"committee": committee, "screen": screen, "form": form})


# -- standard items ---------------------------------------------------------------------------


@advisors_only
@require_http_methods(PAGES)
def standard_items(request: HttpRequest, committee: str) -> HttpResponse:
    """The eras of the committee's template, and starting a new one from the latest."""
    committee = selectors.committee_or_404(committee)
    form = NewEraForm(request.POST if request.method == "POST" else None, committee=committee)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["era_from"]
        copied = service.start_era(committee, day, request.user)
        messages.success(request, f"Started the era from {day:%-d %B %Y} with {_counted(copied, 'item')} copied "
                                  "from the latest era.")
        return redirect(_era_url(committee, day))
    context = {"committee": committee, "eras": selectors.eras(committee), "form": form}
    return render(request, "meetings/manage/standard_items.html", context)


ERA_ACTIONS = ("add", "edit", "move", "remove")


@advisors_only
@require_http_methods(PAGES)
def standard_era(request: HttpRequest, committee: str, day: datetime.date) -> HttpResponse:
    """One era's items: add one, change, move or remove one (`action`, and the item's `item`)."""
    committee = selectors.committee_or_404(committee)
    editing = request.GET.get("edit") if request.method != "POST" else request.POST.get("item")
    item = _era_item(committee, day, editing)
    if request.method != "POST":
        edit_form = StandardItemForm.for_item(item, prefix="edit") if item else None
        return _era_page(request, committee, day, StandardItemForm(prefix="add"), item, edit_form)
    action = request.POST.get("action")
    if action not in ERA_ACTIONS or (action != "add" and item is None):
        return HttpResponseBadRequest("Expected an action (add, edit, move or remove) and, but to add, an item.")
    if action in ("move", "remove"):
        return _era_move_or_remove(request, committee, day, item, action)
    form = StandardItemForm(request.POST, prefix=action)
    if not form.is_valid():
        add = form if action == "add" else StandardItemForm(prefix="add")
        return _era_page(request, committee, day, add, item, form if action == "edit" else None, summary=form)
    if action == "add":
        service.add_standard_item(committee, day, form.values(), request.user)
        messages.success(request, f"Added “{form.values().title}”.")
    elif service.change_standard_item(item, form.values(), request.user):
        messages.success(request, f"Saved “{form.values().title}”.")
    return redirect(_era_url(committee, day))


def _era_item(committee: Committee, day: datetime.date, pk: str | None) -> StandardItem | None:
    if not pk or not pk.isdigit():
        return None
    return get_object_or_404(StandardItem, pk=int(pk), committee=committee, era_from=day)


def _era_move_or_remove(request: HttpRequest, committee: Committee, day: datetime.date, item: StandardItem,
                        action: str) -> HttpResponse:
    if action == "remove":
        service.remove_standard_item(item, request.user)
        messages.success(request, f"Removed “{item.title}”.")
        remaining = committee.standard_items.filter(era_from=day).exists()
        return redirect(_era_url(committee, day) if remaining else
                        reverse("meetings:manage_standard_items", kwargs={"committee": committee.slug}))
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):  # only the page's two buttons send one
        return HttpResponseBadRequest("Moving an item needs a direction: up or down.")
    if service.move_standard_item(item, direction == "up", request.user):
        messages.success(request, f"Moved “{item.title}” {direction}.")
    return redirect(_era_url(committee, day))


def _era_page(request: HttpRequest, committee: Committee, day: datetime.date, add: StandardItemForm,
              item: StandardItem | None, edit: StandardItemForm | None, summary=None) -> HttpResponse:
    later = [era.era_from for era in selectors.eras(committee) if era.era_from > day]
    context = {"committee": committee, "day": day, "items": selectors.era_items(committee, day), "add": add,
               "item": item, "edit": edit, "summary": summary, "until": min(later, default=None)}
    return render(request, "meetings/manage/standard_era.html", context)


# -- memberships ------------------------------------------------------------------------------


def _committee_year(slug: str, year: int) -> tuple[Committee, int]:
    """The committee and municipal year an address names (404 for either not there)."""
    return selectors.committee_or_404(slug), selectors.year_or_404(year)


@advisors_only
@require_http_methods(READS)
def memberships(request: HttpRequest, committee: str, municipal_year: int) -> HttpResponse:
    committee, year = _committee_year(committee, municipal_year)
    seats = selectors.year_seats(committee, year)
    table = SeatTable(seats, _counted(len(seats), "seat"))
    context = {"committee": committee, "year": year, "year_label": municipal_year_label(year), "table": table,
               "next_label": municipal_year_label(year + 1),
               "before_label": municipal_year_label(year - 1), "years": selectors.seat_years(committee),
               "has_seats": bool(seats)}
    return render(request, "meetings/manage/memberships.html", context)


@advisors_only
@require_http_methods(PAGES)
def membership_new(request: HttpRequest, committee: str, municipal_year: int) -> HttpResponse:
    committee, year = _committee_year(committee, municipal_year)
    form = NewSeatForm(request.POST if request.method == "POST" else None, committee=committee, year=year,
                       initial={"role": "member"})
    if request.method == "POST" and form.is_valid():
        try:
            seat = service.add_membership(committee, year, form.seat(), request.user, person=form.cleaned_data["person"],
                                          new_person=form.new_person(), move_role=form.cleaned_data["move_role"])
        except service.RoleTaken as taken:  # someone took the role since the form was checked
            form.add_error("role", str(taken))
        else:
            messages.success(request, f"Added {seat.person} as {seat.get_role_display()} for "
                                      f"{municipal_year_label(year)}.")
            return redirect(_seats_url(committee, year))
    context = {"committee": committee, "year": year, "year_label": municipal_year_label(year), "form": form}
    return render(request, "meetings/manage/membership_new.html", context)


@advisors_only
@require_http_methods(PAGES)
def membership_page(request: HttpRequest, committee: str, membership_id: int) -> HttpResponse:
    """One seat: its role and details, ending it, and moving the chair or vice-chair to it."""
    seat = get_object_or_404(Membership.objects.select_related("committee", "person", "source_meeting"),
                             pk=membership_id, committee__slug=committee)
    form = SeatForm(request.POST, committee=seat.committee, year=seat.municipal_year, membership=seat) \
        if request.method == "POST" else SeatForm.for_membership(seat)
    if request.method == "POST" and form.is_valid():
        try:
            changes = service.change_membership(seat, form.seat(), request.user, form.cleaned_data["version"],
                                                move_role=form.cleaned_data["move_role"])
        except Changed as changed:
            refuse(form, changed, "seat", "seat")
        except service.RoleTaken as taken:
            form.add_error("role", str(taken))
        else:
            messages.success(request, f"Saved: {'; '.join(changes)}." if changes else "Nothing had changed.")
            return redirect(_seats_url(seat.committee, seat.municipal_year))
    context = {"seat": seat, "committee": seat.committee, "form": form,
               "last_change": selectors.last_change(seat)}
    return render(request, "meetings/manage/membership.html", context)


@advisors_only
@require_http_methods(PAGES)
def membership_rollover(request: HttpRequest, committee: str, municipal_year: int) -> HttpResponse:
    """A preview of the year's seats in the next year (GET); carrying those ticked (POST)."""
    committee, year = _committee_year(committee, municipal_year)
    plan = selectors.rollover_plan(committee, year)
    form = RolloverForm(request.POST if request.method == "POST" else None, carried=plan.carried,
                        next_label=plan.next_label)
    if request.method == "POST" and form.is_valid():
        result = service.roll_over(committee, year, form.chosen(), request.user)
        messages.success(request, f"Rolled {_counted(len(result.carried), 'seat')} over into "
                                  f"{plan.next_label}." + (f" Skipped: {'; '.join(result.skipped)}."
                                                                 if result.skipped else ""))
        return redirect(_seats_url(committee, year + 1))
    return render(request, "meetings/manage/rollover.html", {"committee": committee, "plan": plan, "form": form})
