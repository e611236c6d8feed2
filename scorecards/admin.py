from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from scorecards.models import (
    Benchmark,
    Commentary,
    Indicator,
    Observation,
    Outturn,
    Publication,
    Scorecard,
    Section,
    Target,
)


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "publication_frequency", "year_start_month", "dot_basis", "arrow_convention"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["owners"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "scorecard", "order"]
    list_filter = ["scorecard"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "scorecard", "section", "polarity", "unit", "frequency", "ytd_method"]
    list_filter = ["scorecard", "polarity", "unit", "frequency", "ytd_method"]
    search_fields = ["number", "name"]
    filter_horizontal = ["owners"]
    list_select_related = ["scorecard", "section"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "red", "amber", "green", "kind"]
    list_filter = ["year", "kind", "indicator__scorecard"]
    search_fields = ["indicator__number", "indicator__name"]
    list_select_related = ["indicator"]


@admin.register(Observation)
class ObservationAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "period", "value", "numerator", "denominator", "mark", "status"]
    list_filter = ["status", "indicator__scorecard", "period"]
    search_fields = ["indicator__number", "indicator__name"]
    list_select_related = ["indicator"]
    date_hierarchy = "period"


@admin.register(Outturn)
class OutturnAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value"]
    list_filter = ["year", "indicator__scorecard"]
    list_select_related = ["indicator"]


@admin.register(Benchmark)
class BenchmarkAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "measure", "value", "year", "source"]
    list_filter = ["measure", "indicator__scorecard"]
    list_select_related = ["indicator"]


@admin.register(Commentary)
class CommentaryAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "period", "author"]
    list_filter = ["kind", "scorecard"]
    list_select_related = ["indicator", "section", "author"]


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ["scorecard", "as_at", "issue", "published_at", "published_by"]
    list_filter = ["scorecard"]
    # A publication is frozen: the admin may look, never edit the snapshot.
    readonly_fields = ["scorecard", "as_at", "issue", "published_at", "published_by", "content_hash", "snapshot"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # What a committee was shown is never removed; a correction is the next issue.
        return False
