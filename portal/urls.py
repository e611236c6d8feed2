from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("month-end/", views.month_end_list, name="month_end"),
    path("manage/", views.manage, name="manage"),
]
