"""Celery tasks: thin, take ids, call emails.py."""


from core.mail import email_task

from . import emails
from .models import Membership


@email_task
def tell_admins_about_membership(membership_id: int):
    membership = (Membership.objects.select_related("organisation", "user")
                  .filter(pk=membership_id).first())
    if membership is None:
        return "gone"
    emails.tell_admins(membership)
    return "sent"
