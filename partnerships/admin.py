from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Invitation, PartnerOrganisation, Partnership, PartnershipPerson


class PartnerInline(ReadOnlyInline):
    model = PartnerOrganisation
    fields = readonly_fields = ["organisation", "role", "added_at"]


class PersonInline(ReadOnlyInline):
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
