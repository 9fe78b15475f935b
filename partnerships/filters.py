import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

from core.filters import RowsFilter
from organisations.models import (
    HealthCategory,
    Organisation,
    Region,
    ResearchActivityGroup,
    organisation_match,
)

from .models import PartnerOrganisation, Partnership

SORTS = [
    ("updated", "Recently updated"),
    ("title", "Name (A to Z)"),
    ("newest", "Newest first"),
    ("relevance", "Best match (when searching)"),
]


def search_vector():
    """Title weighs more than purpose and topics. A GIN index on exactly this expression
    (migration 0004) lets PostgreSQL find matches without reading every partnership."""
    return (SearchVector("title", weight="A", config="english")
            + SearchVector("purpose", "topics", weight="B", config="english"))


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=200)
    # Readable values in the URL: ?health_category=stroke&activity=6
    health_category = RowsFilter(
        to_field_name="slug", label="Health category", method="any_of",
        queryset=HealthCategory.objects.all(), widget=forms.CheckboxSelectMultiple)
    activity = RowsFilter(
        to_field_name="number", label="Research activity", method="any_of",
        queryset=ResearchActivityGroup.objects.all(), widget=forms.CheckboxSelectMultiple)
    organisation_kind = django_filters.ChoiceFilter(
        field_name="organisation__kind", label="Partner kind", method="with_partner_where",
        choices=Organisation.Kind.choices, empty_label="Any kind")
    region = django_filters.ChoiceFilter(
        field_name="organisation__region", label="Region", method="with_partner_where",
        choices=Region.choices, empty_label="Any region")
    status = django_filters.ChoiceFilter(
        label="Status", empty_label="Any status",
        choices=[c for c in Partnership.Status.choices if c[0] != "draft"])
    # A name to type, not a list: the registry holds thousands of organisations. An id (from a
    # link) also works.
    partner = django_filters.CharFilter(
        label="Partner organisation", method="with_partner", max_length=200,
        help_text="All or part of its name")
    drive_stage = django_filters.ChoiceFilter(
        label="DRIVE stage reached", method="at_stage", empty_label="Any stage",
        choices=[("1", "Define purpose"), ("2", "Review and build on what already exists"),
                 ("3", "Invest in infrastructure"), ("4", "Value success"),
                 ("5", "Equip teams to collaborate"), ("done", "All five actions completed")])
    sort = django_filters.ChoiceFilter(label="Sort by", choices=SORTS, method="sort_by",
                                       empty_label=None)

    class Meta:
        model = Partnership
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if connection.vendor == "postgresql":
            vector = search_vector()
            query = SearchQuery(value, search_type="websearch", config="english")
            # Match with @@; ts_rank alone gives non-matches a tiny positive rank.
            return queryset.annotate(search=vector, rank=SearchRank(vector, query)).filter(
                search=query)
        # SQLite: every word somewhere in the title, purpose or topics.
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(purpose__icontains=word)
                                       | Q(topics__icontains=word))
        return queryset

    # Filters on related rows select partnership ids in a subquery rather than joining, so a
    # partnership matching twice is still one row and no DISTINCT is needed over the list.

    # `value: str` tells the API schema (drf-spectacular) what each value in the query string
    # is; here it arrives as the chosen rows.
    def any_of(self, queryset, name, value: str):
        if not value:
            return queryset
        field = {"health_category": Partnership.health_categories,
                 "activity": Partnership.research_activity_groups}[name]
        through = field.through.objects.filter(**{
            f"{field.field.m2m_reverse_field_name()}__in": value})
        return queryset.filter(pk__in=through.values("partnership_id"))

    def with_partner_where(self, queryset, name, value):
        return queryset.filter(pk__in=PartnerOrganisation.objects.confirmed().filter(
            **{name: value}).values("partnership_id"))

    def with_partner(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(pk__in=PartnerOrganisation.objects.confirmed().filter(
            organisation_match(value)).values("partnership_id"))

    def at_stage(self, queryset, name, value):
        """Stage N: the partnership has completed N - 1 actions and works on the Nth."""
        completed = 5 if value == "done" else int(value) - 1
        return queryset.filter(drive_completed=completed)

    def sort_by(self, queryset, name, value):
        return queryset  # applied in `qs`, after every filter, so it also orders a search

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.form.is_valid() else None
        searching = bool(self.form.is_valid() and self.form.cleaned_data.get("q", "").strip())
        if sort == "title":
            return queryset.order_by("title", "pk")
        if sort == "newest":
            return queryset.order_by("-created_at", "-pk")
        if (sort == "relevance" or (not sort and searching)) and searching \
                and connection.vendor == "postgresql":
            return queryset.order_by("-rank", "-updated_at", "-pk")
        return queryset.order_by("-updated_at", "-pk")
