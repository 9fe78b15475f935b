"""Celery tasks: thin, take ids, call emails.py."""

from django.contrib.auth import get_user_model

from core.mail import email_task

from . import emails
from .models import ExpertiseRequest


@email_task
def tell_about_request(request_id: int, actor_id: int, to: list[str], headline: str):
    request_ = (ExpertiseRequest.objects.select_related("offer__organisation", "partnership")
                .filter(pk=request_id).first())
    if request_ is None:
        return "gone"
    actor = get_user_model().objects.filter(pk=actor_id).first()
    emails.tell(request_, to=to, headline=headline,
                actor_name=actor.display_name if actor else "Someone who has since left")
    return "sent"
