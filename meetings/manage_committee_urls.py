"""The governance advisor's committee screens (issue 15/16): included by meetings/urls.py, names in
the `meetings` namespace. Every view wears meetings.manage_access.advisors_only."""

from django.urls import path

from meetings import manage_committee_views as views

COMMITTEE = "manage/committees/<slug:committee>"

urlpatterns: list = [
    path("manage/committees/", views.committee_list, name="manage_committees"),
    # Before the committee's own address: "new" is no committee's short name.
    path("manage/committees/new/", views.committee_new, name="manage_committee_new"),
    path(f"{COMMITTEE}/", views.committee_page, name="manage_committee"),
    path(f"{COMMITTEE}/standard-items/", views.standard_items, name="manage_standard_items"),
    path(f"{COMMITTEE}/standard-items/<day:day>/", views.standard_era, name="manage_standard_era"),
    path(f"{COMMITTEE}/members/<int:municipal_year>/", views.memberships, name="manage_memberships"),
    path(f"{COMMITTEE}/members/<int:municipal_year>/add/", views.membership_new, name="manage_membership_new"),
    path(f"{COMMITTEE}/members/<int:municipal_year>/rollover/", views.membership_rollover,
         name="manage_membership_rollover"),
    path(f"{COMMITTEE}/memberships/<int:membership_id>/", views.membership_page, name="manage_membership"),
]
