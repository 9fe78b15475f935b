"""What the drive app holds about a person, for accounts/privacy.py."""

from accounts.privacy import when
from core.audit import about
from partnerships.models import PartnershipPerson

from .models import ActionProgress, EvidenceLink


def export(user, emails):
    return {
        "drive_actions_you_own": [
            {"partnership": a.partnership.title, "action": a.action.title,
             "status": a.status, "due": when(a.due_date)}
            for a in ActionProgress.objects.filter(owner=user).select_related(
                "partnership", "action")],
        "evidence_you_added": [
            {"title": e.title, "url": e.url}
            for e in EvidenceLink.objects.filter(added_by=user)],
    }


def history(user):
    """The DRIVE actions of partnerships the person was in: their history may name them as an
    action's owner."""
    return about(ActionProgress, ActionProgress.objects.filter(
        partnership__in=PartnershipPerson.objects.filter(user=user).values("partnership_id"))
        .values("pk"))
