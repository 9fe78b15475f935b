from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Invitation, PartnerOrganisation, Partnership, PartnershipPerson


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartnerInline(_ReadOnlyInline):
    model = PartnerOrganisation
    fields = readonly_fields = ["organisation", "role", "added_at"]


class PersonInline(_ReadOnlyInline):
    model = PartnershipPerson
    fields = readonly_fields = ["user", "role", "added_at"]


@admin.register(Partnership)
class PartnershipAdmin(ReadOnlyAdmin):
    list_display = ["title", "lead_organisation", "status", "visibility", "created_at"]
    list_filter = ["status", "visibility", "health_categories"]
    search_fields = ["title", "purpose", "lead_organisation__name"]
    list_select_related = ["lead_organisation"]
    date_hierarchy = "created_at"
    exclude = ["draft_answers"]  # unvalidated work in progress, not for anyone else's eyes
    inlines = [PartnerInline, PersonInline]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "partnership", "role", "state", "sent_at", "expires_at"]
    list_filter = ["state", "role"]
    search_fields = ["email", "partnership__title"]
    list_select_related = ["partnership"]
    exclude = ["token"]  # the secret in the link
