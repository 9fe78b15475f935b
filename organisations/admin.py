from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import AdminReview, HealthCategory, Membership, Organisation, ResearchActivityGroup


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = readonly_fields = ["user", "role", "state", "created_at"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "region", "ods_code", "company_number", "created_at"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "ods_code", "charity_number_england_wales", "charity_number_scotland",
                     "charity_number_northern_ireland", "company_number"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "role", "state", "created_at"]
    list_filter = ["role", "state"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]


@admin.register(HealthCategory)
class HealthCategoryAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(ResearchActivityGroup)
class ResearchActivityGroupAdmin(ReadOnlyAdmin):
    list_display = ["number", "name"]
    search_fields = ["name"]


@admin.register(AdminReview)
class AdminReviewAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "asked_by", "created_at", "closed_at"]
    list_filter = ["closed_at"]
