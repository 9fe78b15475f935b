"""Reads of partnerships, scoped to the person asking. Views get every partnership from here."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from .hooks import with_list_figures
from .models import PartnerOrganisation, Partnership, PartnershipPerson


@dataclass
class Access:
    partnership: Partnership
    person: PartnershipPerson | None  # the person's role in it, if any
    full: bool  # may see the full record (people, invitations, history)

    @property
    def can_edit(self):
        return self.person is not None and self.person.can_edit

    @property
    def is_lead(self):
        return self.person is not None and self.person.role == PartnershipPerson.Role.LEAD


def partnership_access(user, pk, *, need="view") -> Access:
    """The partnership if the person may see it (404 if not), checked for `need`:
    "view" (a summary will do), "full" (the full record), "edit" or "lead" (403 if not)."""
    partnership = (Partnership.objects.visible_to(user).select_related("lead_organisation")
                   .filter(pk=pk).first())
    if partnership is None:
        raise Http404("No such partnership")
    person = None
    if user.is_authenticated:
        person = PartnershipPerson.objects.filter(partnership=partnership, user=user).first()
    full = person is not None or (
        user.is_authenticated
        and Partnership.objects.full_record_visible_to(user).filter(pk=pk).exists()
    )
    access = Access(partnership=partnership, person=person, full=full)
    if need == "full" and not full:
        raise Http404("No such partnership")
    if need == "edit" and not access.can_edit:
        raise PermissionDenied
    if need == "lead" and not access.is_lead:
        raise PermissionDenied
    return access


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
            PartnerOrganisation.objects.filter(partnership=OuterRef("pk")).order_by()
            .values("partnership").annotate(n=Count("pk")).values("n")), 0))
    )
    return with_list_figures(rows)


def my_partnerships(user):
    return with_list_figures(
        PartnershipPerson.objects.filter(user=user), prefix="partnership__", due=True
    ).select_related("partnership__lead_organisation").prefetch_related(
        Prefetch("partnership__partners",
                 queryset=PartnerOrganisation.objects.select_related("organisation"))
    ).order_by("partnership__status", "-partnership__updated_at")

