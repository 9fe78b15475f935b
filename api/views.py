"""The read API (`/api/v1/`), FHIR ResearchStudy (`/api/fhir/`) and the API token pages.

Each list reads through the app's own visibility rule and filters with the app's own FilterSet,
the very ones the HTML lists use, so the API never shows what the pages would not."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError as FormError
from django.db import DataError
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
from rest_framework.exceptions import NotAcceptable, NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from casestudies.filters import CaseStudyFilter
from charities.filters import OfferFilter
from core import versions
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
    costs what the first does. Newest first; a list's own `sort` (title, newest, updated...)
    orders the pages when it sorts by fields that are never empty."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        if request.query_params.get("sort"):
            fields = [f for f in queryset.query.order_by if isinstance(f, str)]
            if fields and len(fields) == len(queryset.query.order_by):
                first = fields[0].lstrip("-")
                model_field = queryset.model._meta.pk if first == "pk" else next(
                    (f for f in queryset.model._meta.concrete_fields if f.name == first), None)
                if model_field is not None and not model_field.null:
                    return tuple(fields)
        return (self.ordering,)

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor is ours, but anyone can write one: a position that is not a value of the
        # field it orders by is an unknown cursor, not a failure.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, OverflowError, FormError, DataError):
            raise NotFound(self.invalid_cursor_message) from None


def _id(value, *, missing=NotFound):
    """A record id from the address: ASCII digits that fit the database's integers."""
    text = str(value)
    if re.fullmatch(r"[0-9]{1,18}", text, flags=re.ASCII):
        return int(text)
    if missing is NotFound:
        raise NotFound("No record has this id")
    return missing


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
    """A list and its records. Answers carry an ETag of what they hold, and no Last-Modified:
    a record shows related rows (partners, sites, recruitment) whose changes leave its own date
    alone, so a date would call a changed answer unchanged."""

    pagination_class = Cursor
    filter_backends = [DjangoFilterBackend]

    def list(self, request, *args, **kwargs):
        """A page of the list, kept for this caller (anonymous callers share one copy), this
        address and this version of the data (core.versions): any write shows at once."""
        user = request.user
        viewer = f"person:{user.pk}" if user.is_authenticated else "anyone"
        data = versions.remembered("api:list", (viewer, request.build_absolute_uri()),
                                   lambda: super(ReadOnly, self).list(request, *args,
                                                                      **kwargs).data)
        return Response(data)


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
        access = partnership_access(request.user, _id(pk), need="full")
        drive_services.progress_ensure(access.partnership)
        return Response(summary.document(access.partnership))


@extend_schema_view(list=extend_schema(summary="Organisations in the registry"),
                    retrieve=extend_schema(summary="One organisation"))
class OrganisationViewSet(ReadOnly):
    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = records.organisations(None)


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
        code = {404: "not-found", 400: "invalid", 401: "login", 406: "not-supported",
                429: "throttled"}.get(
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
        return Response(fhir.research_study(study))


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
        if request.query_params.get("_format", "json") not in fhir.FORMATS:
            raise NotAcceptable("This server answers in JSON only: _format=json")
        by_id = request.query_params.get("_id", "")
        identifiers = request.query_params.getlist("identifier")
        if by_id:
            found = fhir.studies().filter(pk=_id(by_id, missing=None) or 0)
        elif not identifiers or any(not i.strip() or len(i) > 300 for i in identifiers):
            raise ValidationError("Give an identifier to search by, as system|value")
        else:
            found = fhir.studies()
            for identifier in identifiers:  # repeated, each must match (FHIR's AND)
                matched = fhir.matching(identifier)
                if matched is None:
                    raise ValidationError("Unknown identifier system. Known systems: "
                                          + ", ".join(fhir.STUDY_SYSTEMS.values()))
                found = found.filter(pk__in=matched.values("pk"))
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
