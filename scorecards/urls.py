from django.urls import path, register_converter

from scorecards import (
    manage_figure_views,
    manage_indicator_views,
    manage_target_views,
    manage_views,
    month_end_views,
    upload_views,
    views,
)
from scorecards.converters import DownloadNameConverter, MonthConverter

register_converter(MonthConverter, "month")
register_converter(DownloadNameConverter, "download")

app_name = "scorecards"

urlpatterns = [
    path("scorecards/", views.scorecard_list, name="list"),
    path("scorecards/<slug:slug>/", views.scorecard_latest, name="latest"),
    path("scorecards/<slug:slug>/<month:as_at>/", views.scorecard_page, name="scorecard"),
    path("scorecards/<slug:slug>/<month:as_at>/indicators/<str:number>/", views.indicator_page, name="indicator"),
    path("scorecards/<slug:slug>/<month:as_at>/changes/", views.scorecard_changes, name="changes"),
    path("scorecards/<slug:slug>/<month:as_at>/<download:name>", views.scorecard_download, name="download"),
    path("scorecards/<slug:slug>/<month:as_at>.json", views.scorecard_json, name="json"),
    path("scorecards/<slug:slug>/<month:as_at>/entry/", views.entry_page, name="entry"),
    path("scorecards/<slug:slug>/upload/", upload_views.upload_page, name="upload"),
    path("scorecards/<slug:slug>/<month:as_at>/submit/", month_end_views.submit_page, name="submit"),
    path("scorecards/<slug:slug>/<month:as_at>/month-end/", month_end_views.month_end_page, name="month_end"),
    path("scorecards/<slug:slug>/<month:as_at>/sign-off/", month_end_views.sign_off_page, name="sign_off"),
    path("manage/scorecards/", manage_views.scorecard_list, name="manage_scorecards"),
    path("manage/scorecards/new/", manage_views.scorecard_new, name="manage_scorecard_new"),
    path("manage/scorecards/<slug:slug>/", manage_views.scorecard_settings, name="manage_scorecard"),
    path("manage/scorecards/<slug:slug>/sections/new/", manage_views.section_form, name="manage_section_new"),
    path("manage/scorecards/<slug:slug>/sections/<int:section_id>/", manage_views.section_form,
         name="manage_section"),
    path("manage/scorecards/<slug:slug>/sections/<int:section_id>/move/", manage_views.section_move,
         name="manage_section_move"),
    path("manage/scorecards/<slug:slug>/indicator-owners/", manage_views.indicator_owners,
         name="manage_indicator_owners"),
    # Targets (issue 13, item 3): "preview" and "rollover" before the <year> patterns they would match.
    path("manage/indicators/<int:pk>/targets/", manage_target_views.indicator_targets, name="manage_targets"),
    path("manage/indicators/<int:pk>/targets/preview/", manage_target_views.target_preview,
         name="manage_target_preview"),
    path("manage/indicators/<int:pk>/targets/<str:year>/", manage_target_views.target_form, name="manage_target"),
    path("manage/scorecards/<slug:slug>/targets/rollover/", manage_target_views.rollover,
         name="manage_target_rollover"),
    path("manage/scorecards/<slug:slug>/targets/<str:year>/", manage_target_views.review,
         name="manage_target_review"),
    # Managing indicators (issue 13, item 2): admins; officers may see their own.
    path("manage/indicators/", manage_indicator_views.indicator_list, name="manage_indicators"),
    path("manage/indicators/new/", manage_indicator_views.indicator_new, name="manage_indicator_new"),
    path("manage/indicators/<int:pk>/", manage_indicator_views.indicator_page, name="manage_indicator"),
    path("manage/indicators/<int:pk>/retirement/", manage_indicator_views.indicator_retirement,
         name="manage_indicator_retirement"),
    # Outturns and benchmarks of one indicator: admins only.
    path("manage/indicators/<int:pk>/outturns/", manage_figure_views.outturn_list, name="manage_outturns"),
    path("manage/indicators/<int:pk>/outturns/<str:year>/", manage_figure_views.outturn_edit, name="manage_outturn"),
    path("manage/indicators/<int:pk>/benchmarks/", manage_figure_views.benchmark_list, name="manage_benchmarks"),
    path("manage/indicators/<int:pk>/benchmarks/<int:benchmark_id>/", manage_figure_views.benchmark_edit,
         name="manage_benchmark"),
]
