"""The email that tells an organisation's admins someone asked to join, or joined through the
organisation's email domain. Sent by a Celery task (tasks.py)."""

from django.conf import settings

from core.mail import send_portal_email

from .models import Membership


def tell_admins(membership: Membership):
    organisation = membership.organisation
    waiting = membership.state == Membership.State.PENDING
    person = f"{membership.user.display_name} ({membership.user.email})"
    headline = (f"{membership.user.display_name} asks to join {organisation.name}" if waiting
                else f"{membership.user.display_name} joined {organisation.name}")
    admins = (organisation.memberships.active_admins().exclude(user=membership.user)
              .select_related("user"))
    for admin in admins:
        send_portal_email(
            to=admin.user.email, subject=headline, template="organisations/email/membership",
            context={"headline": headline, "person": person, "organisation": organisation,
                     "waiting": waiting,
                     "link": settings.SITE_URL + organisation.get_absolute_url()})
