"""Celery tasks: thin, take ids, call emails.py."""

from celery import shared_task
from django.contrib.auth import get_user_model

from core.mail import SMTP_ERRORS

from . import emails
from .models import ExpertiseRequest


@shared_task(acks_late=True, autoretry_for=SMTP_ERRORS, retry_backoff=30, retry_backoff_max=1800,
             retry_jitter=True, max_retries=8)
def tell_about_request(request_id: int, actor_id: int, to: list[str], headline: str):
    request_ = (ExpertiseRequest.objects.select_related("offer__organisation", "partnership")
                .filter(pk=request_id).first())
    if request_ is None:
        return "gone"
    actor = get_user_model().objects.filter(pk=actor_id).first()
    emails.tell(request_, to=to, headline=headline,
                actor_name=actor.display_name if actor else "Someone who has since left")
    return "sent"
