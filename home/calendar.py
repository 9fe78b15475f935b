"""A person's dates as an iCalendar feed (RFC 5545): the DRIVE actions they own, due dates as
all-day events, and the invitations waiting for them, at the moment each expires. The same
people and the same rows as their home page, so the calendar and the portal agree."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.privacy import addresses_of
from drive.models import ActionProgress
from partnerships.models import Invitation, Partnership

LIMIT = 500  # of each kind: a calendar of what is coming, not an archive
REFRESH = timedelta(hours=1)


def _event(uid, summary, url, *, start, end, description=""):
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('://', 1)[-1].split('/', 1)[0]}")
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("url", url)
    event.add("description", f"{description}\n{url}".strip())
    event.add("transp", "TRANSPARENT")  # a due date is not a meeting: it never blocks time
    return event


def calendar_for(person) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Research partnerships portal//Your dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Research partnerships: your dates")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)

    actions = (ActionProgress.objects
               .filter(owner=person, due_date__isnull=False,
                       partnership__status__in=[Partnership.Status.ACTIVE,
                                                Partnership.Status.PAUSED])
               .exclude(status=ActionProgress.Status.COMPLETED)
               .values_list("pk", "due_date", "partnership_id", "partnership__title",
                            "action__title", "action__slug")
               .order_by("due_date", "pk")[:LIMIT])
    for pk, due, partnership_id, title, action, slug in actions:
        url = settings.SITE_URL + reverse("drive:action", args=[partnership_id, slug])
        calendar.add_component(_event(
            f"drive-progress-{pk}", f"{action} due: {title}", url, start=due,
            end=due + timedelta(days=1),
            description=f"You own the DRIVE action {action} for {title}."))

    invitations = (Invitation.objects
                   .filter(email__in=addresses_of(person), state=Invitation.State.PENDING,
                           sent_at__isnull=False, expires_at__gt=timezone.now())
                   .values_list("pk", "expires_at", "partnership__title")
                   .order_by("expires_at")[:LIMIT])
    home = settings.SITE_URL + reverse("home")
    for pk, expires, title in invitations:
        calendar.add_component(_event(
            f"invitation-{pk}", f"Invitation to {title} expires", home,
            start=expires - timedelta(minutes=30), end=expires,
            description="Accept or decline it from your home page before then."))
    return calendar.to_ical()
