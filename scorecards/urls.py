from django.urls import path, register_converter

from scorecards import views
from scorecards.converters import MonthConverter

register_converter(MonthConverter, "month")

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("scorecards/<slug:slug>/<month:as_at>.json", views.scorecard_json, name="scorecard-json"),
]
