"""What each API record holds. Only what an anonymous visitor may see of a record appears here;
which records a caller gets is decided by each app's own visibility rules in views.py."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casestudies.models import CaseStudy
from charities.models import ExpertiseOffer
from organisations.models import Organisation
from partnerships.models import PartnerOrganisation, Partnership
from trials.models import RecruitmentUpdate, Study, StudySite


class WebUrl(serializers.Field):
    """The record's page on the portal, as an absolute address."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return settings.SITE_URL + value.get_absolute_url()


WebUrl = extend_schema_field({"type": "string", "format": "uri"})(WebUrl)


class OrganisationRef(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    web_url = WebUrl()
    verified = serializers.SerializerMethodField()
    health_categories = serializers.SlugRelatedField(many=True, read_only=True,
                                                     slug_field="slug")

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "region", "website", "ods_code",
                  "charity_number_england_wales", "charity_number_scotland",
                  "charity_number_northern_ireland", "company_number", "verified",
                  "health_categories", "created_at", "web_url"]

    def get_verified(self, organisation) -> bool:
        return organisation.verified_at is not None


class PartnerSerializer(serializers.ModelSerializer):
    organisation = OrganisationRef()

    class Meta:
        model = PartnerOrganisation
        fields = ["organisation", "role"]


class PartnershipSerializer(serializers.ModelSerializer):
    lead_organisation = OrganisationRef()
    partners = PartnerSerializer(many=True, source="confirmed_partners",
                                 help_text="Partners that have confirmed they take part")
    health_categories = serializers.SlugRelatedField(many=True, read_only=True,
                                                     slug_field="slug")
    research_activities = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number", source="research_activity_groups")
    topics = serializers.ListField(child=serializers.CharField(), source="topic_list")
    drive_actions_completed = serializers.IntegerField(
        source="drive_completed", help_text="How many of the five DRIVE actions are completed")
    web_url = WebUrl()

    class Meta:
        model = Partnership
        fields = ["id", "title", "purpose", "topics", "status", "visibility", "start_date",
                  "end_date", "lead_organisation", "partners", "health_categories",
                  "research_activities", "drive_actions_completed", "created_at",
                  "updated_at", "web_url"]


class RecruitmentSerializer(serializers.ModelSerializer):
    site = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True,
                                              help_text="The site's id; null for the whole study")

    class Meta:
        model = RecruitmentUpdate
        fields = ["date", "recruited", "site"]


class SiteSerializer(serializers.ModelSerializer):
    organisation = OrganisationRef()

    class Meta:
        model = StudySite
        fields = ["id", "organisation", "local_target", "application_date", "approval_date",
                  "selected_date", "opened_date", "first_participant_date",
                  "planned_close_date", "closed_date", "figures"]


class StudySerializer(serializers.ModelSerializer):
    sponsor = OrganisationRef(allow_null=True)
    health_categories = serializers.SlugRelatedField(many=True, read_only=True,
                                                     slug_field="slug")
    sites = SiteSerializer(many=True)
    recruitment = RecruitmentSerializer(many=True,
                                        help_text="People recruited so far, cumulative, by date")
    web_url = WebUrl()

    class Meta:
        model = Study
        fields = ["id", "title", "short_name", "summary", "nct_id", "isrctn", "eudract", "ctis",
                  "iras_id", "cpms_id", "phase", "design", "status", "sponsor", "sponsor_name",
                  "conditions", "health_categories", "start_date", "end_date",
                  "recruitment_end_date", "target_recruitment", "sites", "recruitment",
                  "updated_at", "web_url"]


class OfferSerializer(serializers.ModelSerializer):
    organisation = OrganisationRef()
    health_categories = serializers.SlugRelatedField(many=True, read_only=True,
                                                     slug_field="slug")
    regions = serializers.ListField(child=serializers.CharField())
    web_url = WebUrl()

    class Meta:
        model = ExpertiseOffer
        fields = ["id", "title", "kind", "description", "organisation", "health_categories",
                  "regions", "capacity", "how_to_ask", "status", "created_at", "updated_at",
                  "web_url"]


class CaseStudySerializer(serializers.ModelSerializer):
    drive_actions = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    health_categories = serializers.SlugRelatedField(many=True, read_only=True,
                                                     slug_field="slug")
    sectors = serializers.ListField(child=serializers.CharField())
    organisations = OrganisationRef(many=True)
    partnerships = serializers.SerializerMethodField(
        help_text="Ids of the linked partnerships the caller may see")
    studies = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    web_url = WebUrl()

    class Meta:
        model = CaseStudy
        fields = ["id", "title", "summary", "body", "what_worked", "outcomes", "state",
                  "drive_actions", "health_categories", "sectors", "organisations",
                  "partnerships", "studies", "published_at", "updated_at", "web_url"]

    def get_partnerships(self, case_study) -> list[int]:
        return [p.pk for p in case_study.visible_partnerships]


class DriveSummarySerializer(serializers.Serializer):
    """The board-ready summary, as its JSON download has it (drive/summary.py)."""

    partnership = serializers.CharField()
    actions = serializers.ListField(child=serializers.DictField())
    commitments = serializers.ListField(child=serializers.DictField())
    indicators = serializers.ListField(child=serializers.DictField())
    outputs = serializers.ListField(child=serializers.DictField())
