from django.urls import include, path, register_converter

from meetings import views
from meetings.converters import DayConverter

register_converter(DayConverter, "day")

app_name = "meetings"

urlpatterns = [
    path("committees/", views.committee_list, name="committees"),
    path("committees/<slug:slug>/", views.committee_page, name="committee"),
    path("committees/<slug:slug>/meetings.ics", views.committee_calendar, name="calendar"),
    path("committees/<slug:slug>/<day:day>/", views.meeting_page, name="meeting"),
    path("committees/<slug:slug>/<day:day>/documents/<int:document_id>/", views.document_page, name="document"),
    path("people/<slug:slug>/", views.person_page, name="person"),
]

# The governance advisor's screens (advisors and admins), one module per area.
urlpatterns += [
    path("", include("meetings.manage_committee_urls")),  # committees, standard items, memberships
    path("", include("meetings.manage_meeting_urls")),  # meetings, series, status, agenda items
    path("", include("meetings.manage_document_urls")),  # documents of agenda items
    path("", include("meetings.manage_minutes_urls")),  # attendance, declarations, minutes, actions
    path("", include("meetings.manage_pack_urls")),  # agenda packs: publish, versions
]
