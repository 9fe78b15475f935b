from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Entry, Load


@admin.register(Load)
class LoadAdmin(ReadOnlyAdmin):
    list_display = ["register", "started_at", "finished_at", "rows", "added", "changed", "closed"]
    list_filter = ["register"]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "name", "register", "status", "is_open"]
    list_filter = ["register", "is_open"]
    search_fields = ["identifier", "name"]
