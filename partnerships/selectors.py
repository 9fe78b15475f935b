"""Reads of partnerships, scoped to the person asking. Views get every partnership from here."""

from django.db import connection
from django.db.models import Count, OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from .hooks import with_list_figures
from .models import PartnerOrganisation, Partnership, PartnershipPerson


def directory_queryset(user):
    """Rows of the directory: what the person may see, with what each row shows, in a fixed
    number of queries."""
    return directory_rows(Partnership.objects.visible_to(user)
                          .exclude(status=Partnership.Status.DRAFT))


def directory_rows(partnerships):
    """What each directory row shows. The directory pages through ids of `directory_queryset`
    and then loads only its page's rows with this, without compiling the visibility rules
    again."""
    rows = (
        partnerships
        .select_related("lead_organisation")
        .prefetch_related("health_categories")
        .annotate(partner_count=Coalesce(Subquery(
            PartnerOrganisation.objects.confirmed().filter(partnership=OuterRef("pk")).order_by()
            .values("partnership").annotate(n=Count("pk")).values("n")), 0))
    )
    return with_list_figures(rows)


def my_partnerships(user):
    """The person's roles, each with its partnership and the partners' names as one text, in
    the partners' usual order (no model object per partner)."""
    names = (PartnerOrganisation.objects.not_declined()
             .filter(partnership=OuterRef("partnership")).order_by().values("partnership")
             .annotate(names=StringAgg("organisation__name", Value(", "), order_by=(
                 # SQLite before 3.44 (some development machines) cannot order inside it.
                 ("role", "organisation__name")
                 if connection.features.supports_aggregate_order_by_clause else None)))
             .values("names"))
    return with_list_figures(
        PartnershipPerson.objects.filter(user=user), prefix="partnership__", due=True
    ).select_related("partnership__lead_organisation").annotate(
        partner_names=Coalesce(Subquery(names), Value(""), output_field=TextField())
    ).order_by("partnership__status", "-partnership__updated_at")

