"""What the casestudies app holds about a person, for accounts/privacy.py."""

from .models import CaseStudy, Nomination


def export(user, emails):
    return {
        "nominations": [
            {"partnership": n.partnership.title, "reason": n.reason, "state": n.state}
            for n in Nomination.objects.filter(nominated_by=user).select_related("partnership")],
        "case_studies_written": [c.title for c in CaseStudy.objects.filter(written_by=user)],
    }
