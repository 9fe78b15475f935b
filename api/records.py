"""Where each kind of record the API and the public download give is read from, for a person:
each app's own visibility rule, with what the serializer shows loaded in a fixed number of
queries."""

from dataclasses import dataclass

from django.db.models import Prefetch

from casestudies.models import CaseStudy
from charities.models import ExpertiseOffer
from organisations.models import Organisation
from partnerships.models import PartnerOrganisation, Partnership
from partnerships.selectors import directory_queryset
from trials.models import Study, StudySite

from . import serializers


def partnerships(user):
    return directory_queryset(user).prefetch_related(
        "research_activity_groups",
        Prefetch("partners", to_attr="confirmed_partners",
                 queryset=PartnerOrganisation.objects.confirmed()
                 .select_related("organisation").order_by("organisation__name")))


def organisations(user):
    return Organisation.objects.prefetch_related("health_categories")


def studies(user):
    return Study.objects.select_related("sponsor").prefetch_related(
        "health_categories", "recruitment",
        Prefetch("sites", queryset=StudySite.objects.select_related("organisation")))


def offers(user):
    return (ExpertiseOffer.objects.visible_to(user).select_related("organisation")
            .prefetch_related("health_categories"))


def case_studies(user):
    return CaseStudy.objects.visible_to(user).prefetch_related(
        "drive_actions", "health_categories", "organisations", "studies",
        Prefetch("partnerships", to_attr="visible_partnerships",
                 queryset=Partnership.objects.visible_to(user)
                 .exclude(status=Partnership.Status.DRAFT).only("pk")))


@dataclass(frozen=True)
class Kind:
    name: str  # the API's path and the download's file name
    title: str
    rows: object  # callable(user) -> queryset
    serializer: type


KINDS = [
    Kind("partnerships", "Partnerships", partnerships, serializers.PartnershipSerializer),
    Kind("organisations", "Organisations", organisations, serializers.OrganisationSerializer),
    Kind("studies", "Studies", studies, serializers.StudySerializer),
    Kind("offers", "Offers of charity expertise", offers, serializers.OfferSerializer),
    Kind("case-studies", "Case studies", case_studies, serializers.CaseStudySerializer),
]
