from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import ActionProgress, DriveAction, DrivePrompt


class PromptInline(admin.TabularInline):
    model = DrivePrompt
    fields = ["position", "text", "hint", "required"]
    extra = 0


@admin.register(DriveAction)
class DriveActionAdmin(admin.ModelAdmin):
    """The five actions are fixed; their guidance and prompts are site content staff may
    improve."""

    list_display = ["number", "title"]
    fields = ["number", "slug", "title", "summary", "guidance"]
    readonly_fields = ["number", "slug"]
    inlines = [PromptInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionProgress)
class ActionProgressAdmin(ReadOnlyAdmin):
    list_display = ["partnership", "action", "status", "owner", "due_date", "updated_at"]
    list_filter = ["status", "action"]
    search_fields = ["partnership__title", "owner__email"]
    list_select_related = ["partnership", "action", "owner"]
