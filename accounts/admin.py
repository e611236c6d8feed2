from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import SITE_SETTINGS_PK, Person, PersonAlias, SiteSettings


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "slug", "user"]
    search_fields = ["name", "aliases__name"]
    # The slug is a person's address (/people/<slug>/): made once, never edited, so links hold.
    readonly_fields = ["slug"]
    inlines = [PersonAliasInline]


@admin.register(SiteSettings)
class SiteSettingsAdmin(SimpleHistoryAdmin):
    """One row: the list goes straight to it (or to adding it, from the deployment's defaults)."""

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if SiteSettings.objects.filter(pk=SITE_SETTINGS_PK).exists():
            return HttpResponseRedirect(reverse("admin:accounts_sitesettings_change", args=[SITE_SETTINGS_PK]))
        return HttpResponseRedirect(reverse("admin:accounts_sitesettings_add"))

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # What the site shows until the first save, so that saving unchanged changes nothing.
        return {"council_name": SiteSettings.defaults().council_name}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: SiteSettings | None = None) -> bool:
        # Deleting would only bring back the defaults; edit the row instead.
        return False
