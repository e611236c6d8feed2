"""The Django admin of the committee record: an admin reads every record and its history here;
the record itself is written by `manage.py import_meetings` (and, to come, the governance
advisor's pages), which check it and keep reasons in the history. Only what no page edits yet
is editable here: a committee's name, purpose and scorecards, its standard items, and
memberships."""

from django.contrib import admin

from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Committee,
    Declaration,
    Document,
    Meeting,
    Membership,
    Minute,
    Minutes,
    Resolution,
    StandardItem,
)
from scorecards.admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin


class StandardItemInline(admin.TabularInline):
    model = StandardItem
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["scorecards"]
    inlines = [StandardItemInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "committee", "municipal_year", "role", "represents"]
    list_filter = ["committee", "municipal_year", "role"]
    search_fields = ["person__name"]
    list_select_related = ["person", "committee"]
    autocomplete_fields = ["person", "substitute_for"]
    readonly_fields = ["source_meeting"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["order", "number", "title", "item_type", "pages_as_printed", "status", "exempt"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["committee", "date", "start_time", "venue", "status", "municipal_year"]
    list_filter = ["committee", "status", "municipal_year"]
    date_hierarchy = "date"
    list_select_related = ["committee"]
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "meeting", "item_type", "status", "exempt", "publication"]
    list_filter = ["meeting__committee", "item_type", "status", "exempt"]
    search_fields = ["title"]
    list_select_related = ["meeting__committee", "publication__scorecard"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "label", "agenda_item", "exempt"]
    list_filter = ["kind", "exempt"]
    list_select_related = ["agenda_item"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyHistoryAdmin):
    list_display = ["meeting", "state", "approved_at"]
    list_filter = ["state", "meeting__committee"]
    list_select_related = ["meeting__committee", "approved_at"]


@admin.register(Minute)
class MinuteAdmin(ReadOnlyHistoryAdmin):
    list_display = ["number", "title", "meeting", "municipal_year"]
    list_filter = ["committee", "municipal_year"]
    search_fields = ["title"]
    list_select_related = ["meeting__committee"]


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "minute"]
    list_select_related = ["minute"]


@admin.register(Action)
class ActionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["description", "owner", "due", "done", "minute"]
    list_filter = ["done"]
    list_select_related = ["minute"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["person", "kind", "role", "meeting"]
    list_filter = ["kind", "meeting__committee"]
    search_fields = ["person__name"]
    list_select_related = ["person", "meeting__committee"]


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["person", "interest_type", "agenda_item_number", "meeting", "left_meeting"]
    list_select_related = ["person", "meeting__committee"]
