import django_filters

from .models import Organisation, Region


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search by name", field_name="name",
                                  lookup_expr="icontains", max_length=100)
    kind = django_filters.ChoiceFilter(label="Kind", choices=Organisation.Kind.choices,
                                       empty_label="Any kind")
    region = django_filters.ChoiceFilter(label="Region", choices=Region.choices,
                                         empty_label="Any region")

    class Meta:
        model = Organisation
        fields = []
