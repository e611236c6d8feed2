"""The governance advisor's minutes screens (issue 15/16): included by meetings/urls.py, names in
the `meetings` namespace. Every view wears meetings.manage_access.advisors_only.

Attendance, declarations, minutes with their resolutions and actions, publishing them for
approval and approving them at a later meeting (docs/minutes-screens.md)."""

from django.urls import path

from meetings import manage_minutes_action_views as action_views
from meetings import manage_minutes_attendance_views as attendance_views
from meetings import manage_minutes_views as views

MEETING = "manage/committees/<slug:committee>/<day:day>/"

urlpatterns: list = [
    path(f"{MEETING}attendance/", attendance_views.attendance_page, name="manage_attendance"),
    path(f"{MEETING}attendance/<int:attendance_id>/", attendance_views.attendance_entry,
         name="manage_attendance_entry"),
    path(f"{MEETING}declarations/", attendance_views.declarations_page, name="manage_declarations"),
    path(f"{MEETING}declarations/<int:declaration_id>/", attendance_views.declaration_page,
         name="manage_declaration"),
    path(f"{MEETING}minutes/", views.minutes_page, name="manage_minutes"),
    path(f"{MEETING}minutes/new/", views.minute_new, name="manage_minute_new"),
    path(f"{MEETING}minutes/publish/", views.minutes_publish, name="manage_minutes_publish"),
    path(f"{MEETING}minutes/approve/", views.minutes_approve, name="manage_minutes_approve"),
    path(f"{MEETING}minutes/<int:minute_id>/", views.minute_page, name="manage_minute"),
    path("manage/actions/", action_views.actions_page, name="manage_actions"),
    path("manage/actions/<int:action_id>/", action_views.action_page, name="manage_action"),
]
