"""The email that tells an organisation's admins someone asked to join, or joined through the
organisation's email domain. Sent by a Celery task (tasks.py)."""

from django.conf import settings
from django.urls import reverse

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


def _notice(to, headline, lines, link, link_text):
    send_portal_email(to=to, subject=headline, template="organisations/email/notice",
                      context={"headline": headline, "lines": lines,
                               "link": settings.SITE_URL + link, "link_text": link_text})


def _admin_emails(organisation):
    return [m.user.email for m in
            organisation.memberships.active_admins().select_related("user")]


def tell_admins_verified(organisation):
    for email in _admin_emails(organisation):
        _notice(email, f"{organisation.name} is verified",
                [f"You may now register partnerships that {organisation.name} leads, and its "
                 "open offers of expertise show publicly.",
                 f"How it was verified: {organisation.verified_how}."],
                organisation.get_absolute_url(), f"Open {organisation.name}")


def tell_admins_register_closed(organisation):
    for email in _admin_emails(organisation):
        _notice(email, f"The national register lists {organisation.name} as closed",
                [organisation.register_note,
                 "If this is a mistake, or the organisation has a new identifier, change its "
                 "details on its page. If it has closed, partners should know."],
                organisation.get_absolute_url(), f"Open {organisation.name}")


def tell_registry_admins(review, emails):
    organisation = review.organisation
    who = review.asked_by.display_name if review.asked_by else "Someone"
    for email in emails:
        _notice(email, f"{who} asks for a review of {organisation.name}'s admins",
                [f"Their message: {review.message}"],
                reverse("organisations:registry_detail", args=[organisation.pk]),
                "Open it in the registry queue")
