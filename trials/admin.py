from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import RecruitmentUpdate, Study, StudySite


class SiteInline(ReadOnlyInline):
    model = StudySite
    fields = readonly_fields = ["organisation", "local_target"]


@admin.register(Study)
class StudyAdmin(ReadOnlyAdmin):
    list_display = ["title", "nct_id", "isrctn", "status", "phase", "sponsor"]
    list_filter = ["status", "phase", "design"]
    search_fields = ["title", "short_name", "nct_id", "isrctn", "iras_id", "cpms_id"]
    list_select_related = ["sponsor"]
    inlines = [SiteInline]


@admin.register(RecruitmentUpdate)
class RecruitmentUpdateAdmin(ReadOnlyAdmin):
    list_display = ["study", "site", "date", "recruited", "entered_by"]
    search_fields = ["study__title"]
    list_select_related = ["study", "site__organisation", "entered_by"]
