"""The charity's profile and offers on its organisation page (organisations/sections.py)."""

from organisations.models import Membership, Organisation

from .models import CharityProfile, ExpertiseOffer


def offers(request, organisation, membership):
    if organisation.kind != Organisation.Kind.CHARITY:
        return None
    return {
        "profile": CharityProfile.objects.filter(organisation=organisation).first(),
        "offers": ExpertiseOffer.objects.visible_to(request.user).filter(
            organisation=organisation),
        "is_staff": bool(membership and membership.state == Membership.State.ACTIVE),
        "is_admin": bool(membership and membership.state == Membership.State.ACTIVE
                         and membership.role == Membership.Role.ADMIN),
    }
