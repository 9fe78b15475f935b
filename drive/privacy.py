"""What the drive app holds about a person, for accounts/privacy.py."""

from accounts.privacy import when

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
