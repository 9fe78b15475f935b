"""Charities' reminders (registered in CharitiesConfig.ready): a request for help no one at the
charity has answered in 5 working days, to its staff."""

from datetime import date, timedelta

from django.utils import timezone

from organisations.models import Membership
from reminders.registry import Due, link_maker, register_kind, register_rule, register_topic

from .models import ExpertiseRequest

UNANSWERED_WORKING_DAYS = 5
REQUEST_UNANSWERED = "request-unanswered"
# Notifications: a change to a request, told to the side that did not make it.
TO_CHARITY, TO_PARTNERSHIP = "request-news", "request-answer"


def working_days_between(start: date, end: date) -> int:
    """Monday to Friday days after `start`, up to and including `end`."""
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def unanswered_requests(today: date, person=None):
    """Requests for help no one at the charity has answered in 5 working days, for its staff."""
    cutoff = today - timedelta(days=UNANSWERED_WORKING_DAYS)  # a cheap first cut; exact below
    staff_rows = Membership.objects.filter(state=Membership.State.ACTIVE)
    if person is not None:
        staff_rows = staff_rows.filter(user=person)
    waiting = ExpertiseRequest.objects.filter(state=ExpertiseRequest.State.REQUESTED,
                                              created_at__date__lte=cutoff)
    if person is not None:
        waiting = waiting.filter(offer__organisation__in=staff_rows.values("organisation"))
    rows = list(waiting.values_list("pk", "created_at", "partnership_id", "partnership__title",
                             "offer__title", "offer__organisation_id"))
    staff = {}
    for organisation_id, user_id, email in staff_rows.filter(
            organisation_id__in={row[5] for row in rows}).values_list(
            "organisation_id", "user_id", "user__email"):
        staff.setdefault(organisation_id, []).append((user_id, email))
    link = link_maker("charities:request")
    for pk, created_at, partnership_id, partnership_title, offer_title, charity_id in rows:
        asked = timezone.localdate(created_at)
        if working_days_between(asked, today) < UNANSWERED_WORKING_DAYS:
            continue
        for user_id, email in staff.get(charity_id, []):
            yield Due(
                email=email, user_id=user_id, kind=REQUEST_UNANSWERED,
                subject_key=f"request:{pk}", period=asked.isoformat(),
                partnership_id=partnership_id,
                title=f"{partnership_title} is waiting for an answer about {offer_title}",
                link=link(pk))


def due(now, person=None):
    yield from unanswered_requests(timezone.localdate(now), person)


def register():
    register_topic("requests", "Requests for help to your charity: new, changed, unanswered")
    register_kind(REQUEST_UNANSWERED, label="Request for help unanswered", topic="requests")
    register_kind(TO_CHARITY, label="Request for help to your charity", topic="requests")
    register_kind(TO_PARTNERSHIP, label="Your request for help", topic="answers")
    register_rule(due)
