import django_filters
from django.db.models import Q

from organisations.models import HealthCategory, Region, organisation_match

from .models import ExpertiseOffer


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=200)
    kind = django_filters.ChoiceFilter(label="Kind of help", choices=ExpertiseOffer.Kind.choices,
                                       empty_label="Any kind")
    health_category = django_filters.ModelChoiceFilter(
        label="Health category", field_name="health_categories", to_field_name="slug",
        queryset=HealthCategory.objects.all(), empty_label="Any category")
    region = django_filters.ChoiceFilter(label="Region", choices=Region.choices,
                                         empty_label="Any region", method="in_region")
    # A name to type: a list of every charity in the registry would be thousands long. An id
    # (from a link on a charity's page) also works.
    charity = django_filters.CharFilter(label="Charity", method="from_charity", max_length=200,
                                        help_text="All or part of its name")

    class Meta:
        model = ExpertiseOffer
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word)
                                       | Q(organisation__name__icontains=word))
        return queryset

    def from_charity(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(organisation_match(value))

    def in_region(self, queryset, name, value):
        # Regions are a JSON list of slugs (value is one of the choices); matching the quoted
        # slug in its text works in the database on PostgreSQL and SQLite alike. "UK-wide"
        # offers help everywhere.
        return queryset.filter(Q(regions__icontains=f'"{value}"')
                               | Q(regions__icontains='"uk-wide"'))
