from django.contrib import admin

from .models import CaseStudy, Nomination


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "published_at", "written_by", "approved_by"]
    list_filter = ["state", "drive_actions"]
    search_fields = ["title", "summary"]
    readonly_fields = ["state", "written_by", "submitted_by", "approved_by", "published_at"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["partnership", "state", "nominated_by", "created_at"]
    list_filter = ["state"]
