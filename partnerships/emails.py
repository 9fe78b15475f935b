"""The invitation email and the link in it. Sent by a Celery task (tasks.py), never inside the
request that asked for it: a slow or failing mail server neither delays the page nor loses the
invitation (the task retries)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from core.mail import send_portal_email

from .models import Invitation

INVITATION_SALT = "partnerships.invitation"


def invitation_link(invitation) -> str:
    signed = signing.dumps(invitation.token, salt=INVITATION_SALT)
    return settings.SITE_URL + reverse("partnerships:invitation", args=[signed])


def send_invitation(invitation):
    send_portal_email(
        to=invitation.email,
        subject=f"You are invited to join {invitation.partnership.title}",
        template="partnerships/email/invitation",
        context={"invitation": invitation, "link": invitation_link(invitation),
                 "inviter": invitation.invited_by.display_name if invitation.invited_by
                 else "A partnership lead"},
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def ask_to_confirm(partner):
    """Ask the organisation's admins to confirm that it is a partner, or decline."""
    organisation, partnership = partner.organisation, partner.partnership
    headline = f"Is {organisation.name} a partner of {partnership.title}?"
    admins = organisation.memberships.active_admins().select_related("user")
    for admin in admins:
        send_portal_email(
            to=admin.user.email, subject=headline, template="partnerships/email/confirm_partner",
            context={"headline": headline, "partner": partner,
                     "link": settings.SITE_URL + organisation.get_absolute_url()})
