from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import NotificationPreference, ReminderDelivery


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdmin):
    """What was sent, to whom and why: for answering "why did I get this email?"."""

    list_display = ["email", "kind", "title", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["email", "title"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["email", "kind", "cadence", "updated_at"]
    list_filter = ["kind", "cadence"]
    search_fields = ["email"]
