"""The governance advisor's committee screens (issue 15/16): included by meetings/urls.py, names in
the `meetings` namespace. Every view wears meetings.manage_access.advisors_only."""

urlpatterns: list = []
