"""What charities add to other apps' pages: a charity's profile and offers on its organisation
page (organisations/hooks.py), offers that could help on a partnership page
(partnerships/hooks.py)."""

from drive.related import related_to
from organisations.models import Organisation

from .models import CharityProfile, ExpertiseOffer
from .related import open_offers


def offers(request, organisation, membership):
    if organisation.kind != Organisation.Kind.CHARITY:
        return None
    return {
        "profile": CharityProfile.objects.filter(organisation=organisation).first(),
        "offers": ExpertiseOffer.objects.visible_to(request.user).filter(
            organisation=organisation),
        "is_staff": bool(membership and membership.is_active),
        "is_admin": bool(membership and membership.is_active_admin),
    }


def suggested_offers(request, access):
    """Up to three open offers related to the partnership, for those who see its full record."""
    if not access.full:
        return None
    suggestions = related_to(access.partnership, request.user, limit=3, sources={open_offers})
    return {"suggestions": suggestions} if suggestions else None
