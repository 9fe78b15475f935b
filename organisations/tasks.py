"""Celery tasks: thin, take ids, call emails.py."""


from allauth.account.models import EmailAddress
from celery import shared_task

from core.mail import email_task

from . import emails
from .models import REGISTRY_ADMINS, AdminReview, Membership, Organisation
from .register_check import recheck_all


@email_task
def tell_admins_about_membership(membership_id: int):
    membership = (Membership.objects.select_related("organisation", "user")
                  .filter(pk=membership_id).first())
    if membership is None:
        return "gone"
    emails.tell_admins(membership)
    return "sent"


@email_task
def tell_admins_verified(organisation_id: int):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    emails.tell_admins_verified(organisation)
    return "sent"


@email_task
def tell_admins_register_closed(organisation_id: int):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "gone"
    emails.tell_admins_register_closed(organisation)
    return "sent"


@email_task
def tell_registry_admins(review_id: int):
    review = AdminReview.objects.select_related("organisation", "asked_by").filter(
        pk=review_id).first()
    if review is None:
        return "gone"
    addresses = EmailAddress.objects.filter(
        user__groups__name=REGISTRY_ADMINS, user__is_active=True, verified=True, primary=True)
    emails.tell_registry_admins(review, sorted(set(addresses.values_list("email", flat=True))))
    return "sent"


@shared_task
def recheck_registers():
    """Daily: flag organisations whose ODS code closed, charity was removed or company was
    dissolved in the latest loads of the national registers, and tell their admins."""
    closed = recheck_all()
    for organisation_id in closed:
        tell_admins_register_closed.delay(organisation_id)
    return len(closed)
