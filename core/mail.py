"""Sending the portal's emails: plain text and HTML from the same Jinja2 templates."""

import smtplib
import socket

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

# What a mail server or the network can raise; Celery tasks that send retry on these.
SMTP_ERRORS = (smtplib.SMTPException, ConnectionError, socket.timeout, OSError)


def email_task(function):
    """A Celery task that sends email: retried with backoff when the mail server fails, up to
    8 times over about two hours; acknowledged only once it has run."""
    return shared_task(acks_late=True, autoretry_for=SMTP_ERRORS, retry_backoff=30,
                       retry_backoff_max=1800, retry_jitter=True, max_retries=8)(function)


def send_portal_email(*, to, subject, template, context, headers=None):
    """Render <template>.txt and <template>.html (both Jinja2) and send one message."""
    context = {"site_url": settings.SITE_URL, "service_name": "Research partnerships", **context}
    text = render_to_string(f"{template}.txt", context, using="jinja2")
    html = render_to_string(f"{template}.html", context, using="jinja2")
    # One line, whatever a title holds: a line break in a header is refused (or worse, obeyed).
    subject = " ".join(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}".split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[to] if isinstance(to, str) else list(to),
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return message
