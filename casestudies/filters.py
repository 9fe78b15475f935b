import django_filters
from django.db.models import Q

from drive.models import DriveAction
from organisations.models import HealthCategory

from .models import CaseStudy, Sector


class CaseStudyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=200)
    drive_action = django_filters.ModelChoiceFilter(
        label="DRIVE action", field_name="drive_actions", to_field_name="slug",
        queryset=DriveAction.objects.all(), empty_label="Any action")
    health_category = django_filters.ModelChoiceFilter(
        label="Health category", field_name="health_categories", to_field_name="slug",
        queryset=HealthCategory.objects.all(), empty_label="Any category")
    sector = django_filters.ChoiceFilter(label="Sector", choices=Sector.choices,
                                         empty_label="Any sector", method="with_sector")

    class Meta:
        model = CaseStudy
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word)
                                       | Q(body__icontains=word))
        return queryset

    def with_sector(self, queryset, name, value):
        # A JSON list of slugs: the quoted slug in its text (see charities.filters.in_region).
        return queryset.filter(sectors__icontains=f'"{value}"')
