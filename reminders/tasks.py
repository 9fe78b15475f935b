"""Celery tasks: thin, take ids, call reminders.sweep. The sweep imports these inside its
functions (the tasks import it here), so the two modules make no circle."""

import logging

from celery import shared_task
from django.conf import settings

from core.mail import SMTP_ERRORS

from . import sweep as reminders

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True, reject_on_worker_lost=True,
    autoretry_for=SMTP_ERRORS, retry_backoff=settings.REMINDER_RETRY_BACKOFF,
    retry_backoff_max=1800, retry_jitter=True, max_retries=8,
)
def send_reminder(delivery_id: int):
    delivery = reminders.claim(delivery_id)
    if delivery is None:
        return "not claimed"  # sent already, or another worker holds it
    try:
        reminders.deliver(delivery)
    except SMTP_ERRORS:
        raise  # the server: Celery retries with backoff
    except Exception:
        logger.exception("reminder %s could not be sent", delivery_id)
        reminders.mark_failed(delivery_id)
        return "failed"
    return "sent"


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_reminder_batch(delivery_ids: list[int]):
    """The sweep queues one of these per batch rather than one message per reminder. Each id is
    claimed and sent as send_reminder would; one the mail server refuses is handed to
    send_reminder to retry with backoff, and the rest carry on. Redelivered after a crash, a
    batch skips what was sent (the claim) and the sweep releases what was held."""
    sent = 0
    for pk in delivery_ids:
        delivery = reminders.claim(pk)
        if delivery is None:
            continue
        try:
            reminders.deliver(delivery)
        except SMTP_ERRORS:
            send_reminder.apply_async((pk,), countdown=settings.REMINDER_RETRY_BACKOFF)
            continue
        except Exception:
            # Not the mail server: something in this one reminder can never be sent (a title
            # no mail header takes, say). Mark it failed and go on with everyone else's.
            logger.exception("reminder %s could not be sent", pk)
            reminders.mark_failed(pk)
            continue
        sent += 1
    return sent


@shared_task(acks_late=True)
def reminder_sweep():
    return reminders.sweep()


@shared_task(acks_late=True)
def reminder_weekly_digest():
    return reminders.weekly_digest()
