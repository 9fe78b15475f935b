"""Celery tasks: thin, take ids, call emails.py."""

from celery import shared_task

from core.mail import SMTP_ERRORS

from . import emails
from .models import Invitation, PartnerOrganisation


@shared_task(acks_late=True, autoretry_for=SMTP_ERRORS, retry_backoff=30, retry_backoff_max=1800,
             retry_jitter=True, max_retries=8)
def send_invitation(invitation_id: int):
    """Send an invitation that is still waiting for an answer (one cancelled meanwhile is not)."""
    invitation = (Invitation.objects.select_related("partnership", "invited_by")
                  .filter(pk=invitation_id, state=Invitation.State.PENDING).first())
    if invitation is None:
        return "not pending"
    emails.send_invitation(invitation)
    return "sent"


@shared_task(acks_late=True, autoretry_for=SMTP_ERRORS, retry_backoff=30, retry_backoff_max=1800,
             retry_jitter=True, max_retries=8)
def ask_to_confirm_partner(partner_id: int):
    partner = (PartnerOrganisation.objects.select_related("organisation", "partnership")
               .filter(pk=partner_id, state=PartnerOrganisation.State.PROPOSED).first())
    if partner is None:
        return "answered"
    emails.ask_to_confirm(partner)
    return "sent"
