"""Celery tasks: thin, take ids, call emails.py."""


from core.mail import email_task

from . import emails
from .models import Invitation, PartnerOrganisation


@email_task
def send_invitation(invitation_id: int):
    """Send an invitation that is still waiting for an answer (one cancelled meanwhile is not)."""
    invitation = (Invitation.objects.select_related("partnership", "invited_by")
                  .filter(pk=invitation_id, state=Invitation.State.PENDING).first())
    if invitation is None:
        return "not pending"
    emails.send_invitation(invitation)
    return "sent"


@email_task
def ask_to_confirm_partner(partner_id: int):
    partner = (PartnerOrganisation.objects.select_related("organisation", "partnership")
               .filter(pk=partner_id, state=PartnerOrganisation.State.PROPOSED).first())
    if partner is None:
        return "answered"
    emails.ask_to_confirm(partner)
    return "sent"
