"""The advisor's actions across committees (docs/minutes-screens.md): the open (or done)
actions of the minutes, filtered by committee, and one action marked done or reopened, with its
history. Every view wears `advisors_only`."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from meetings import manage_minutes_selectors as selectors
from meetings import manage_minutes_services as service
from meetings.manage_access import advisors_only
from meetings.manage_minutes_forms import ActionDoneForm, ActionFilterForm
from meetings.manage_minutes_tables import ActionTable
from meetings.models import Committee
from meetings.manage_meeting_selectors import meeting_screen_url


@advisors_only
@require_http_methods(["GET", "HEAD"])
def actions_page(request: HttpRequest) -> HttpResponse:
    committees = list(Committee.objects.order_by("name").values_list("slug", "name"))
    filters = ActionFilterForm(request.GET or None, committees=committees)
    slug, status = filters.chosen()
    committee = Committee.objects.filter(slug=slug).first() if slug else None
    rows = selectors.actions_list(committee, status)
    table = ActionTable(rows, f"{len(rows)} action{'' if len(rows) == 1 else 's'}")
    if committee is not None:
        table.columns.hide("committee")  # one committee: the filter above names it
    return render(request, "meetings/manage/actions.html", {"form": filters, "table": table})


@advisors_only
@require_http_methods(["GET", "HEAD", "POST"])
def action_page(request: HttpRequest, action_id: int) -> HttpResponse:
    """One action: mark it done or reopen it, with a note kept in its history."""
    action = selectors.find_action(action_id)
    form = ActionDoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = request.POST.get("do") != "reopen"
        service.set_action_done(action, done, request.user, form.cleaned_data["note"].strip())
        messages.success(request, "Marked the action done." if done else "Reopened the action.")
        return redirect(reverse("meetings:manage_action", kwargs={"action_id": action.pk}))
    meeting = action.minute.meeting
    context = {"action": action, "form": form, "history": selectors.action_history(action), "meeting": meeting,
               "meeting_url": meeting_screen_url(meeting)}
    return render(request, "meetings/manage/action.html", context)
