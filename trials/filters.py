import django_filters
from django.db.models import Q

from organisations.models import HealthCategory, Organisation, Region

from .models import Study, StudySite


class StudyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=200)
    status = django_filters.ChoiceFilter(choices=Study.Status.choices, empty_label="Any status")
    phase = django_filters.ChoiceFilter(choices=Study.Phase.choices, empty_label="Any phase")
    health_category = django_filters.ModelChoiceFilter(
        label="Health category", field_name="health_categories", to_field_name="slug",
        queryset=HealthCategory.objects.all(), empty_label="Any category")
    sponsor_kind = django_filters.ChoiceFilter(
        label="Sponsor kind", field_name="sponsor__kind", choices=Organisation.Kind.choices,
        empty_label="Any kind")
    recruiting = django_filters.ChoiceFilter(
        label="Recruiting now", method="recruiting_now", empty_label="Either",
        choices=[("yes", "Recruiting now"), ("no", "Not recruiting")])
    site_region = django_filters.ChoiceFilter(
        label="Site region", method="with_site_in", choices=Region.choices,
        empty_label="Any region")
    sort = django_filters.OrderingFilter(
        fields=(("title", "title"), ("start_date", "start"), ("updated_at", "updated")),
        field_labels={"title": "Title", "start_date": "Start date", "updated_at": "Updated"},
        label="Sort by", empty_label="Title (A to Z)")

    class Meta:
        model = Study
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(short_name__icontains=word)
                | Q(summary__icontains=word) | Q(conditions__icontains=word)
                | Q(nct_id__iexact=word) | Q(iras_id=word) | Q(cpms_id=word))
        return queryset

    def with_site_in(self, queryset, name, value):
        # A subquery, so a study with two sites in the region is still one row.
        return queryset.filter(pk__in=StudySite.objects.filter(
            organisation__region=value).values("study_id"))

    def recruiting_now(self, queryset, name, value):
        recruiting = Q(status=Study.Status.RECRUITING)
        return queryset.filter(recruiting) if value == "yes" else queryset.exclude(recruiting)
