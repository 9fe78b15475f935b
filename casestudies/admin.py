from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import CaseStudy, Nomination


@admin.register(CaseStudy)
class CaseStudyAdmin(ReadOnlyAdmin):
    """Read-only: publishing needs a second curator, which only the workbench checks."""

    list_display = ["title", "state", "published_at", "written_by", "approved_by"]
    list_filter = ["state", "drive_actions"]
    search_fields = ["title", "summary"]
    readonly_fields = ["state", "written_by", "submitted_by", "approved_by", "published_at"]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["partnership", "state", "nominated_by", "created_at"]
    list_filter = ["state"]
