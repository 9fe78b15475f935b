"""What case studies add to the partnership page (partnerships/hooks.py): to its leads, the
partnership's nominations as a good-practice example and a way to nominate it."""

from .models import Nomination


def nominations(request, access):
    if not access.is_lead or access.partnership.is_draft:
        return None
    nominations = list(access.partnership.nominations.all())
    return {"nominations": nominations,
            "can_nominate": not any(n.state == Nomination.State.OPEN for n in nominations)}
