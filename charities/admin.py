from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import CharityProfile, ExpertiseOffer, ExpertiseRequest


@admin.register(CharityProfile)
class CharityProfileAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "amrc_member", "contact_name", "updated_at"]
    list_filter = ["amrc_member"]
    search_fields = ["organisation__name", "contact_name"]


@admin.register(ExpertiseOffer)
class ExpertiseOfferAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "kind", "status", "updated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "description", "organisation__name"]
    list_select_related = ["organisation"]


@admin.register(ExpertiseRequest)
class ExpertiseRequestAdmin(ReadOnlyAdmin):
    list_display = ["offer", "partnership", "state", "requested_by", "created_at"]
    list_filter = ["state"]
    search_fields = ["offer__title", "partnership__title"]
    list_select_related = ["offer", "partnership", "requested_by"]
