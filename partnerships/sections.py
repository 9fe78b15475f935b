"""The partnerships an organisation is in, on its page (organisations/hooks.py): those it
confirmed, and for its admins, those that named it and wait for an answer."""

from .models import PartnerOrganisation, Partnership


def partnerships(request, organisation, membership):
    confirmed = PartnerOrganisation.objects.confirmed().filter(organisation=organisation)
    waiting = []
    if membership and membership.is_active_admin:
        waiting = list(PartnerOrganisation.objects.filter(
            organisation=organisation, state=PartnerOrganisation.State.PROPOSED)
            .select_related("partnership__lead_organisation").order_by("added_at"))
    return {"partnerships": (Partnership.objects.visible_to(request.user)
                             .filter(pk__in=confirmed.values("partnership_id"))
                             .select_related("lead_organisation").order_by("title")),
            "waiting": waiting}
