from django.contrib import admin

from accounts.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "user"]
    search_fields = ["name"]
