"""The governance advisor's meeting screens (issue 15/16): included by meetings/urls.py, names in
the `meetings` namespace. Every view wears meetings.manage_access.advisors_only."""

from django.urls import path

from meetings import manage_meeting_views as views

MEETING = "manage/committees/<slug:committee>/<day:day>/"

urlpatterns: list = [
    path("manage/committees/<slug:committee>/meetings/new/", views.meeting_new, name="manage_meeting_new"),
    path("manage/committees/<slug:committee>/meetings/series/", views.meeting_series, name="manage_meeting_series"),
    path(MEETING, views.meeting_screen, name="manage_meeting"),
    path(MEETING + "edit/", views.meeting_edit, name="manage_meeting_edit"),
    path(MEETING + "status/", views.meeting_status, name="manage_meeting_status"),
    path(MEETING + "agenda/new/", views.agenda_item_new, name="manage_agenda_item_new"),
    path(MEETING + "agenda/<int:item_id>/", views.agenda_item, name="manage_agenda_item"),
    path(MEETING + "agenda/<int:item_id>/move/", views.agenda_item_move, name="manage_agenda_item_move"),
]
