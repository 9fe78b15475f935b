"""Celery tasks: thin, take ids, call emails.py."""

from celery import shared_task

from core.mail import SMTP_ERRORS

from . import emails
from .models import Membership


@shared_task(acks_late=True, autoretry_for=SMTP_ERRORS, retry_backoff=30, retry_backoff_max=1800,
             retry_jitter=True, max_retries=8)
def tell_admins_about_membership(membership_id: int):
    membership = (Membership.objects.select_related("organisation", "user")
                  .filter(pk=membership_id).first())
    if membership is None:
        return "gone"
    emails.tell_admins(membership)
    return "sent"
