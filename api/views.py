"""The read API (`/api/v1/`), FHIR ResearchStudy (`/api/fhir/`) and the API token pages.

Each list reads through the app's own visibility rule and filters with the app's own FilterSet,
the very ones the HTML lists use, so the API never shows what the pages would not."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError as FormError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.csp import CSP
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST, require_safe
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import renderers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from casestudies.filters import CaseStudyFilter
from charities.filters import OfferFilter
from core.forms import add_service_errors
from drive import services as drive_services
from drive import summary
from organisations.filters import OrganisationFilter
from partnerships.access import partnership_access
from partnerships.filters import PartnershipFilter
from trials.filters import StudyFilter

from . import fhir, opendata, records, serializers, services
from .forms import TokenForm
from .models import ApiToken

JUST_MADE = "api_just_made"


class Cursor(CursorPagination):
    """Pages by an opaque cursor, so a page stays right while rows are added, and the last page
    costs what the first does."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"


class CacheRules:
    """Anonymous answers may be kept by any cache for a minute; a signed-in caller's are theirs
    alone, revalidated by ETag. Every answer varies with who is asking."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        if response.status_code == 200:
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=60)
        return response


class ReadOnly(CacheRules, viewsets.ReadOnlyModelViewSet):
    pagination_class = Cursor
    filter_backends = [DjangoFilterBackend]
    modified_field = "updated_at"

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        modified = getattr(instance, self.modified_field, None) if self.modified_field else None
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        return response


@extend_schema_view(list=extend_schema(summary="Partnerships the caller may see"),
                    retrieve=extend_schema(summary="One partnership"))
class PartnershipViewSet(ReadOnly):
    serializer_class = serializers.PartnershipSerializer
    filterset_class = PartnershipFilter

    def get_queryset(self):
        return records.partnerships(self.request.user)

    @extend_schema(summary="The partnership's DRIVE summary",
                   description="For the partnership's people and the admins of its partner "
                               "organisations; 404 to anyone else.",
                   responses=serializers.DriveSummarySerializer, filters=False)
    @action(detail=True, url_path="drive-summary", filterset_class=None, pagination_class=None)
    def drive_summary(self, request, pk=None):
        access = partnership_access(request.user, pk, need="full")
        drive_services.progress_ensure(access.partnership)
        response = Response(summary.document(access.partnership))
        response["Last-Modified"] = http_date(access.partnership.updated_at.timestamp())
        return response


@extend_schema_view(list=extend_schema(summary="Organisations in the registry"),
                    retrieve=extend_schema(summary="One organisation"))
class OrganisationViewSet(ReadOnly):
    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = records.organisations(None)
    modified_field = None


@extend_schema_view(list=extend_schema(summary="Studies, with their sites and recruitment"),
                    retrieve=extend_schema(summary="One study"))
class StudyViewSet(ReadOnly):
    serializer_class = serializers.StudySerializer
    filterset_class = StudyFilter
    queryset = records.studies(None)


@extend_schema_view(list=extend_schema(summary="Charities' offers of expertise"),
                    retrieve=extend_schema(summary="One offer"))
class OfferViewSet(ReadOnly):
    serializer_class = serializers.OfferSerializer
    filterset_class = OfferFilter

    def get_queryset(self):
        return records.offers(self.request.user)


@extend_schema_view(list=extend_schema(summary="Good-practice case studies"),
                    retrieve=extend_schema(summary="One case study"))
class CaseStudyViewSet(ReadOnly):
    serializer_class = serializers.CaseStudySerializer
    filterset_class = CaseStudyFilter

    def get_queryset(self):
        return records.case_studies(self.request.user)


# Swagger UI sets styles inline as it draws; its page holds no one's data (only the schema), so
# it alone may. Its scripts stay under the portal's rule: files from this server only.
docs = csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema"))


# FHIR


class FhirRenderer(renderers.JSONRenderer):
    media_type = "application/fhir+json"
    format = "fhir"


class FhirView(CacheRules, APIView):
    renderer_classes = [FhirRenderer, renderers.JSONRenderer]

    def handle_exception(self, exc):
        """Errors as FHIR's OperationOutcome."""
        response = super().handle_exception(exc)
        code = {404: "not-found", 400: "invalid", 401: "login", 429: "throttled"}.get(
            response.status_code, "exception")
        data = response.data
        detail = data.get("detail", "") if isinstance(data, dict) else " ".join(map(str, data))
        response.data = fhir.outcome(code, str(detail) or "The request could not be answered")
        return response


FHIR_SCHEMA = {"200": OpenApiTypes.OBJECT, "404": OpenApiTypes.OBJECT}


class ResearchStudyRead(FhirView):
    @extend_schema(summary="A study as a FHIR R4 ResearchStudy", responses=FHIR_SCHEMA,
                   operation_id="fhir_research_study_read")
    def get(self, request, pk):
        study = fhir.studies().filter(pk=pk).first()
        if study is None:
            raise NotFound("No study has this id")
        response = Response(fhir.research_study(study))
        response["Last-Modified"] = http_date(study.updated_at.timestamp())
        return response


class ResearchStudySearch(FhirView):
    @extend_schema(
        summary="Search studies by identifier, as a FHIR searchset Bundle",
        operation_id="fhir_research_study_search",
        parameters=[OpenApiParameter("identifier", str, description=(
            "system|value, |value or value: for example "
            "https://clinicaltrials.gov|NCT01234567")),
            OpenApiParameter("_id", str, description="The study's id on this portal")],
        responses={"200": OpenApiTypes.OBJECT, "400": OpenApiTypes.OBJECT})
    def get(self, request):
        unknown = set(request.query_params) - fhir.SEARCH_PARAMETERS
        if unknown:
            raise ValidationError(f"This server does not search by {', '.join(sorted(unknown))}"
                                  ": use identifier")
        identifier = request.query_params.get("identifier", "")
        by_id = request.query_params.get("_id", "")
        if by_id:
            found = fhir.studies().filter(pk=int(by_id)) if by_id.isdigit() and len(
                by_id) < 18 else fhir.studies().none()
        elif not identifier.strip() or len(identifier) > 300:
            raise ValidationError("Give an identifier to search by, as system|value")
        else:
            found = fhir.matching(identifier)
        if found is None:
            raise ValidationError("Unknown identifier system. Known systems: "
                                  + ", ".join(fhir.STUDY_SYSTEMS.values()))
        rows = list(found.order_by("pk")[:50])
        return Response(fhir.bundle([fhir.research_study(s) for s in rows], total=len(rows),
                                    self_url=request.build_absolute_uri()))


# The token pages


@login_required
@never_cache
def tokens(request):
    """Make a token (its secret is shown once, on the next page load) and see your tokens."""
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(user=request.user,
                                                  name=form.cleaned_data["name"],
                                                  days=int(form.cleaned_data["days"]))
        except FormError as error:
            add_service_errors(form, error)
        else:
            request.session[JUST_MADE] = {"id": token.pk, "secret": secret}
            return redirect("api:tokens")
    new = request.session.pop(JUST_MADE, None)
    return render(request, "api/tokens.jinja", {
        "form": form, "tokens": ApiToken.objects.filter(user=request.user),
        "new": new, "api_root": settings.SITE_URL + "/api/v1/"})


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(user=request.user, token=token)
    messages.success(request, f"The token “{token.name}” is revoked: it stops working at once.")
    return redirect("api:tokens")


# The public data download


@require_safe
def open_data(request):
    manifest = opendata.manifest()
    return render(request, "api/open_data.jinja", {
        "manifest": manifest, "kinds": records.KINDS,
        "made_at": parse_datetime(manifest["made_at"]) if manifest else None,
        "licence": opendata.LICENCE, "licence_url": opendata.LICENCE_URL})


@require_safe
def open_data_file(request, name):
    if name not in opendata.file_names():
        raise Http404("No such file")
    path = opendata.folder() / name
    if not path.exists():
        raise Http404("The download has not been made yet")
    kind = "text/csv" if name.endswith(".csv") else "application/json"
    response = FileResponse(path.open("rb"), content_type=f"{kind}; charset=utf-8",
                            as_attachment=name != opendata.MANIFEST, filename=name)
    response["Access-Control-Allow-Origin"] = "*"
    response["Last-Modified"] = http_date(path.stat().st_mtime)
    patch_cache_control(response, public=True, max_age=3600)
    return response
