"""Telling people in the portal what happened to things they are part of.

An app calls `notify(...)` inside the service that made the change: the notifications are
written in the same transaction, so a change that rolls back tells nobody. Each kind is
registered (reminders.registry) with its topic, and a person who chose "No reminders" for the
topic is not told. With `email=True` the same news is also recorded as a reminder delivery, so
it is emailed once, as it happens or in the weekly digest, as the person chose.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Notification, NotificationPreference
from .registry import Due, site_url, topic_of
from .sweep import record_now


def notify(people, *, kind, title, link, actor=None, about="", partnership=None, email=False):
    """`people`: users or user ids; the actor is never told of their own doing. `link` is a
    path on this site; `about` names the thing for the email's once-only key ("casestudy:4")."""
    ids = {getattr(person, "pk", person) for person in people if person is not None}
    ids.discard(getattr(actor, "pk", None))
    if not ids:
        return 0
    users = list(get_user_model().objects.filter(pk__in=ids, is_active=True)
                 .values_list("pk", "email"))
    quiet = set(NotificationPreference.objects.filter(
        email__in=[e.lower() for _, e in users], kind=topic_of(kind),
        cadence=NotificationPreference.Cadence.NONE).values_list("email", flat=True))
    told = [(pk, address) for pk, address in users if address.lower() not in quiet]
    title = title[:300]
    Notification.objects.bulk_create(
        [Notification(user_id=pk, kind=kind, title=title, link=link) for pk, _ in told])
    if email and told:
        when = timezone.now().strftime("%Y-%m-%dT%H:%M:%S")
        record_now([Due(email=address, user_id=pk, kind=kind, subject_key=about[:60],
                        period=when, partnership_id=getattr(partnership, "pk", partnership),
                        title=title, link=site_url(link)) for pk, address in told])
    return len(told)
