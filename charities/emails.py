"""The email that tells one side of a request for help what the other did. Sent by a Celery
task (tasks.py), never inside the request that made the change."""

from django.conf import settings

from core.mail import send_portal_email


def tell(request_, *, to, headline, actor_name):
    """Tell each address what happened, who did it, and where to answer."""
    for email in to:
        send_portal_email(
            to=email, subject=headline, template="charities/email/request_changed",
            context={"request": request_, "headline": headline, "actor": actor_name,
                     "link": settings.SITE_URL + request_.get_absolute_url()})
