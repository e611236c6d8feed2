from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("portal.urls")),
    path("", include("accounts.urls")),
    path("", include("scorecards.urls")),
    path("", include("meetings.urls")),
    path("admin/", admin.site.urls),
]
