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


class ReadOnlyAdmin(admin.ModelAdmin):
    """The admin looks and never writes: figures, targets, notes and settings change through the
    site's own pages and the import, which check entries by the shared rules, keep reasons in the
    history and refuse lost updates. Settings, sections and owners change under /manage/."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def revert_disabled(self, request, obj=None) -> bool:
        # The history pages list who changed what, and why; reverting would bypass the entry rules.
        return True


class ReadOnlyHistoryAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    pass


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ["title", "slug", "publication_frequency", "year_start_month", "dot_basis", "arrow_convention",
                    "deadline_working_day"]
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "scorecard", "order"]
    list_filter = ["scorecard"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyHistoryAdmin):
    list_display = ["number", "name", "scorecard", "section", "polarity", "unit", "frequency", "ytd_method"]
    list_filter = ["scorecard", "polarity", "unit", "frequency", "ytd_method"]
    search_fields = ["number", "name"]
    list_select_related = ["scorecard", "section"]


@admin.register(Target)
class TargetAdmin(ReadOnlyHistoryAdmin):
    list_display = ["indicator", "year", "red", "amber", "green", "kind"]
    list_filter = ["year", "kind", "indicator__scorecard"]
    search_fields = ["indicator__number", "indicator__name"]
    list_select_related = ["indicator"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["indicator", "period", "value", "numerator", "denominator", "mark", "status"]
    list_filter = ["status", "indicator__scorecard", "period"]
    search_fields = ["indicator__number", "indicator__name"]
    list_select_related = ["indicator"]
    date_hierarchy = "period"


@admin.register(Outturn)
class OutturnAdmin(ReadOnlyHistoryAdmin):
    list_display = ["indicator", "year", "value"]
    list_filter = ["year", "indicator__scorecard"]
    list_select_related = ["indicator"]


@admin.register(Benchmark)
class BenchmarkAdmin(ReadOnlyHistoryAdmin):
    list_display = ["indicator", "measure", "value", "year", "source"]
    list_filter = ["measure", "indicator__scorecard"]
    list_select_related = ["indicator"]


@admin.register(Commentary)
class CommentaryAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "kind", "period", "author"]
    list_filter = ["kind", "scorecard"]
    list_select_related = ["indicator", "section", "author"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["scorecard", "as_at", "issue", "published_at", "published_by"]
    list_filter = ["scorecard"]
    # A publication is frozen (ReadOnlyAdmin): what a committee was shown is never edited or
    # removed; a correction is the next issue.
