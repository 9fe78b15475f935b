from django.urls import include, path
from django.views.decorators.http import conditional_page
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("studies", views.StudyViewSet, basename="study")
router.register("offers", views.OfferViewSet, basename="offer")
router.register("case-studies", views.CaseStudyViewSet, basename="casestudy")


def _conditional(patterns):
    """Every API answer carries an ETag, and a GET that sends it back (If-None-Match) gets
    304 Not Modified when nothing changed."""
    for pattern in patterns:
        pattern.callback = conditional_page(pattern.callback)
    return patterns


urlpatterns = [
    path("api/v1/", include(_conditional(router.urls))),
    path("api/fhir/ResearchStudy", conditional_page(views.ResearchStudySearch.as_view()),
         name="fhir_search"),
    path("api/fhir/ResearchStudy/<int:pk>", conditional_page(views.ResearchStudyRead.as_view()),
         name="fhir_read"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", views.docs, name="docs"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/<str:name>", views.open_data_file, name="open_data_file"),
    path("accounts/api-tokens/", views.tokens, name="tokens"),
    path("accounts/api-tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
