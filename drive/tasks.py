"""Celery tasks: thin, take ids, call drive.reminders."""

import smtplib
import socket

from celery import shared_task
from django.conf import settings

from . import reminders

SMTP_ERRORS = (smtplib.SMTPException, ConnectionError, socket.timeout, OSError)


@shared_task(
    acks_late=True, reject_on_worker_lost=True,
    autoretry_for=SMTP_ERRORS, retry_backoff=settings.REMINDER_RETRY_BACKOFF,
    retry_backoff_max=1800, retry_jitter=True, max_retries=8,
)
def send_reminder(delivery_id: int):
    delivery = reminders.claim(delivery_id)
    if delivery is None:
        return "not claimed"  # sent already, or another worker holds it
    reminders.deliver(delivery)
    return "sent"


@shared_task(acks_late=True)
def reminder_sweep():
    return reminders.sweep()


@shared_task(acks_late=True)
def reminder_weekly_digest():
    return reminders.weekly_digest()
