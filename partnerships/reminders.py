"""Partnerships' reminders (registered in PartnershipsConfig.ready): an invitation about to
expire, to the person invited."""

from datetime import timedelta

from django.utils import timezone

from reminders.registry import Due, register_kind, register_rule, register_topic

from .emails import invitation_link
from .models import Invitation

INVITATION_WARNING_DAYS = 3
INVITATION_EXPIRING = "invitation-expiring"


def expiring_invitations(now):
    rows = (Invitation.objects.filter(state=Invitation.State.PENDING, sent_at__isnull=False,
                                      expires_at__gt=now,
                                      expires_at__lte=now + timedelta(days=INVITATION_WARNING_DAYS))
            .select_related("partnership"))
    for invitation in rows:
        yield Due(
            email=invitation.email, user_id=None, kind=INVITATION_EXPIRING,
            subject_key=f"invitation:{invitation.pk}",
            period=invitation.expires_at.date().isoformat(),
            partnership_id=invitation.partnership_id,
            title=f"Your invitation to {invitation.partnership.title} expires on "
                  f"{timezone.localtime(invitation.expires_at):%-d %B %Y}",
            link=invitation_link(invitation))



def register():
    register_topic("invitations", "Invitations about to expire")
    register_kind(INVITATION_EXPIRING, label="Invitation about to expire", topic="invitations")
    register_rule(expiring_invitations)
