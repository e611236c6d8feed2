"""The governance advisor's document screens (issue 15/16): included by meetings/urls.py, names in
the `meetings` namespace. Every view wears meetings.manage_access.advisors_only."""

from django.urls import path

from meetings import manage_document_views as views

urlpatterns: list = [
    path("manage/committees/<slug:committee>/<day:day>/agenda/<int:item_id>/documents/new/", views.document_new,
         name="manage_document_new"),
    # ?version=<history id> opens the file an earlier version of the document held.
    path("manage/committees/<slug:committee>/<day:day>/documents/<int:document_id>/", views.document_page,
         name="manage_document"),
]
