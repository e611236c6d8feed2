from django.urls import path, register_converter

from scorecards import views
from scorecards.converters import MonthConverter

register_converter(MonthConverter, "month")

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("scorecards/", views.home, name="scorecard-list"),
    path("scorecards/<slug:slug>/", views.scorecard_latest, name="scorecard-latest"),
    path("scorecards/<slug:slug>/<month:as_at>/", views.scorecard_page, name="scorecard"),
    path(
        "scorecards/<slug:slug>/<month:as_at>/indicators/<str:number>/", views.indicator_page, name="indicator"
    ),
    path("scorecards/<slug:slug>/<month:as_at>/<str:name>", views.scorecard_download, name="scorecard-download"),
    path("scorecards/<slug:slug>/<month:as_at>.json", views.scorecard_json, name="scorecard-json"),
]
