"""Reminders: what is due, and delivering each reminder exactly once.

The daily sweep (`sweep`) works out every reminder due now and records each as a
ReminderDelivery with a unique key (email, kind, subject, period) *before* queueing its email, so
a reminder is recorded once however often the sweep runs. The sweep also re-queues deliveries
whose message was lost (still pending) or whose worker died (a claim older than
REMINDER_CLAIM_SECONDS). `deliver` claims a row with a conditional update, sends, and marks it
sent only after the mail server accepted the message.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationPreference
from core.mail import send_portal_email

from .models import ActionProgress, ReminderDelivery

Kind = ReminderDelivery.Kind
State = ReminderDelivery.State
Pref = NotificationPreference

DUE_SOON_DAYS = 7
OVERDUE_EVERY_DAYS = 7
INVITATION_WARNING_DAYS = 3
UNSUBSCRIBE_SALT = "reminders.unsubscribe"
PREFERENCE_KIND = {
    Kind.DUE_SOON: Pref.Kind.DRIVE, Kind.DUE_TODAY: Pref.Kind.DRIVE,
    Kind.OVERDUE: Pref.Kind.DRIVE, Kind.STALLED: Pref.Kind.STALLED,
    Kind.INVITATION_EXPIRING: Pref.Kind.INVITATIONS,
    Kind.REQUEST_UNANSWERED: Pref.Kind.REQUESTS,
}
UNANSWERED_WORKING_DAYS = 5


@dataclass(frozen=True)
class Due:
    email: str
    user_id: int | None
    kind: str
    subject_key: str
    period: str
    partnership_id: int | None
    title: str
    link: str


def _url(path):
    return settings.SITE_URL + path


_SENTINEL = 987654321


def _link_maker(name, *args):
    """reverse() once, then fill in each id: the sweep builds 100,000 links."""
    template = _url(reverse(name, args=[_SENTINEL, *args])).replace(str(_SENTINEL), "{}")
    return template.format


def due_actions(today: date):
    """DRIVE actions with an owner: due within a week, due today, or overdue (every 7 days)."""
    from .models import DriveAction

    actions = {pk: (title, _link_maker("drive:action", slug))
               for pk, title, slug in DriveAction.objects.values_list("pk", "title", "slug")}
    rows = (ActionProgress.objects
            .exclude(status=ActionProgress.Status.COMPLETED)
            .filter(owner__isnull=False, due_date__isnull=False,
                    due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
                    partnership__status="active")
            .values_list("pk", "due_date", "owner_id", "owner__email", "partnership_id",
                         "partnership__title", "action_id"))
    for pk, due_date, owner_id, email, partnership_id, partnership_title, action_id in \
            rows.iterator(chunk_size=5000):
        days = (due_date - today).days
        if days > 0:
            kind, period = Kind.DUE_SOON, due_date.isoformat()
            what = f"is due on {due_date:%-d %B %Y}"
        elif days == 0:
            kind, period = Kind.DUE_TODAY, due_date.isoformat()
            what = "is due today"
        else:
            window = (-days - 1) // OVERDUE_EVERY_DAYS
            kind, period = Kind.OVERDUE, f"{due_date.isoformat()}/{window}"
            what = f"was due on {due_date:%-d %B %Y}"
        action_title, link = actions[action_id]
        yield Due(
            email=email, user_id=owner_id, kind=kind, subject_key=f"progress:{pk}",
            period=period, partnership_id=partnership_id,
            title=f"{action_title} for {partnership_title} {what}", link=link(partnership_id))


def stalled_partnerships(today: date):
    """Active partnerships with no DRIVE change for their stall_days, for each of their leads."""
    from partnerships.models import Partnership, PartnershipPerson

    partnerships = (Partnership.objects.filter(status=Partnership.Status.ACTIVE)
                    .annotate(last_progress=Max("drive_progress__updated_at")))
    leads = {}
    for person in (PartnershipPerson.objects.filter(role=PartnershipPerson.Role.LEAD,
                                                    partnership__status="active")
                   .select_related("user")):
        leads.setdefault(person.partnership_id, []).append(person.user)
    for partnership in partnerships.iterator(chunk_size=2000):
        last = partnership.last_progress or partnership.submitted_at or partnership.created_at
        quiet_days = (today - timezone.localdate(last)).days
        if quiet_days < partnership.stall_days:
            continue
        window = quiet_days // partnership.stall_days
        for lead in leads.get(partnership.pk, []):
            yield Due(
                email=lead.email, user_id=lead.pk, kind=Kind.STALLED,
                subject_key=f"partnership:{partnership.pk}",
                period=f"{timezone.localdate(last).isoformat()}/{window}",
                partnership_id=partnership.pk,
                title=f"{partnership.title} has had no DRIVE progress for {quiet_days} days",
                link=_url(reverse("drive:task_list", args=[partnership.pk])))


def expiring_invitations(now: datetime):
    from partnerships.models import Invitation
    from partnerships.services import invitation_link

    rows = (Invitation.objects.filter(state=Invitation.State.PENDING, sent_at__isnull=False,
                                      expires_at__gt=now,
                                      expires_at__lte=now + timedelta(days=INVITATION_WARNING_DAYS))
            .select_related("partnership"))
    for invitation in rows:
        yield Due(
            email=invitation.email, user_id=None, kind=Kind.INVITATION_EXPIRING,
            subject_key=f"invitation:{invitation.pk}",
            period=invitation.expires_at.date().isoformat(),
            partnership_id=invitation.partnership_id,
            title=f"Your invitation to {invitation.partnership.title} expires on "
                  f"{timezone.localtime(invitation.expires_at):%-d %B %Y}",
            link=invitation_link(invitation))


def working_days_between(start: date, end: date) -> int:
    """Monday to Friday days after `start`, up to and including `end`."""
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def unanswered_requests(today: date):
    """Requests for help no one at the charity has answered in 5 working days, for its staff."""
    from charities.models import ExpertiseRequest
    from organisations.models import Membership

    cutoff = today - timedelta(days=UNANSWERED_WORKING_DAYS)  # a cheap first cut; exact below
    rows = list(ExpertiseRequest.objects.filter(state=ExpertiseRequest.State.REQUESTED,
                                                created_at__date__lte=cutoff)
                .values_list("pk", "created_at", "partnership_id", "partnership__title",
                             "offer__title", "offer__organisation_id"))
    staff = {}
    for organisation_id, user_id, email in Membership.objects.filter(
            state=Membership.State.ACTIVE,
            organisation_id__in={row[5] for row in rows}).values_list(
            "organisation_id", "user_id", "user__email"):
        staff.setdefault(organisation_id, []).append((user_id, email))
    link = _link_maker("charities:request")
    for pk, created_at, partnership_id, partnership_title, offer_title, charity_id in rows:
        asked = timezone.localdate(created_at)
        if working_days_between(asked, today) < UNANSWERED_WORKING_DAYS:
            continue
        for user_id, email in staff.get(charity_id, []):
            yield Due(
                email=email, user_id=user_id, kind=Kind.REQUEST_UNANSWERED,
                subject_key=f"request:{pk}", period=asked.isoformat(),
                partnership_id=partnership_id,
                title=f"{partnership_title} is waiting for an answer about {offer_title}",
                link=link(pk))


def everything_due(now: datetime):
    today = timezone.localdate(now)
    yield from due_actions(today)
    yield from stalled_partnerships(today)
    yield from expiring_invitations(now)
    yield from unanswered_requests(today)


def _cadences(emails):
    prefs = {}
    for pref in Pref.objects.filter(email__in=emails):
        prefs[(pref.email, pref.kind)] = pref.cadence
    return prefs


SWEEP_BATCH = 1000


def _key(item):
    return (item.email, item.kind, item.subject_key, item.period)


def _recorded(items) -> set:
    """Which of these reminders an earlier sweep already recorded: one query per batch."""
    rows = ReminderDelivery.objects.filter(
        email__in={i.email for i in items}, subject_key__in={i.subject_key for i in items},
    ).values_list("email", "kind", "subject_key", "period")
    return set(rows)


def _delivery(item, state):
    return ReminderDelivery(
        email=item.email, user_id=item.user_id, kind=item.kind, subject_key=item.subject_key,
        period=item.period, partnership_id=item.partnership_id, title=item.title[:300],
        link=item.link, state=state)


_PG_INSERT = """
    INSERT INTO drive_reminderdelivery (email, user_id, kind, subject_key, period,
        partnership_id, title, link, state, attempts, last_error, created_at)
    SELECT *, 0, '', %s FROM unnest(%s::text[], %s::bigint[], %s::text[], %s::text[],
        %s::text[], %s::bigint[], %s::text[], %s::text[], %s::text[])
    ON CONFLICT (email, kind, subject_key, period) DO NOTHING
    RETURNING id, state
"""


def _record_batch_postgresql(batch, counts):
    """One INSERT ... ON CONFLICT DO NOTHING for the batch: rows an earlier or a simultaneous
    sweep recorded are skipped by the unique key, and only new ids come back to be queued."""
    from .tasks import send_reminder_batch

    columns = list(zip(*[
        (item.email, item.user_id, item.kind, item.subject_key, item.period,
         item.partnership_id, item.title[:300], item.link, state) for item, state in batch],
        strict=True))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PG_INSERT, [timezone.now(), *map(list, columns)])
        created = cursor.fetchall()
        pending = [pk for pk, state in created if state == State.PENDING]
        if pending:
            send_reminder_batch.delay_on_commit(pending)
    counts["already"] += len(batch) - len(created)
    counts["queued"] += len(pending)
    counts["digest"] += len(created) - len(pending)


def _record_batch(batch, counts):
    """Insert a batch of (item, state) in one statement and queue one task for its pending
    rows, both only if the transaction commits. If a simultaneous sweep got there first, the
    unique key refuses the batch and it is recorded one row at a time instead."""
    from .tasks import send_reminder, send_reminder_batch

    if connection.vendor == "postgresql":
        _record_batch_postgresql(batch, counts)
        return
    try:
        with transaction.atomic():
            created = ReminderDelivery.objects.bulk_create(
                [_delivery(item, state) for item, state in batch])
            pending = [d.pk for d in created if d.state == State.PENDING]
            if pending:
                send_reminder_batch.delay_on_commit(pending)
        for delivery in created:
            counts["digest" if delivery.state == State.IN_DIGEST else "queued"] += 1
        return
    except IntegrityError:
        pass
    for item, state in batch:
        try:
            with transaction.atomic():
                delivery = _delivery(item, state)
                delivery.save()
                if state == State.PENDING:
                    send_reminder.delay_on_commit(delivery.pk)
        except IntegrityError:
            counts["already"] += 1
            continue
        counts["digest" if state == State.IN_DIGEST else "queued"] += 1


def sweep(now: datetime | None = None, *, dry_run=False, out=None) -> dict:
    """Record and queue every reminder due at `now`; re-queue lost ones. Returns counts.
    Works in batches of SWEEP_BATCH: a fixed number of queries and one queued task per batch."""
    now = now or timezone.now()
    due = list(everything_due(now))
    cadences = _cadences({d.email.lower() for d in due})
    counts = {"due": len(due), "queued": 0, "digest": 0, "skipped": 0, "already": 0,
              "requeued": 0}
    for start in range(0, len(due), SWEEP_BATCH):
        batch = []
        items = due[start:start + SWEEP_BATCH]
        # PostgreSQL's insert skips recorded rows itself; elsewhere, ask first.
        recorded = set() if connection.vendor == "postgresql" and not dry_run \
            else _recorded(items)
        seen = set()
        for item in items:
            cadence = cadences.get((item.email.lower(), PREFERENCE_KIND[item.kind]),
                                   Pref.Cadence.IMMEDIATE)
            if cadence == Pref.Cadence.NONE:
                counts["skipped"] += 1
                continue
            if _key(item) in recorded or _key(item) in seen:
                counts["already"] += 1  # recorded by an earlier sweep
                continue
            seen.add(_key(item))
            if dry_run:
                if out is not None:
                    out.write(f"would send {item.kind} to {item.email} ({cadence}): "
                              f"{item.title}\n")
                continue
            batch.append((item, State.IN_DIGEST if cadence == Pref.Cadence.WEEKLY
                          else State.PENDING))
        if batch:
            _record_batch(batch, counts)
    if not dry_run:
        counts["requeued"] = requeue_lost(now)
    return counts


def requeue_lost(now: datetime) -> int:
    """Pending rows whose message may be lost, and claims abandoned by a dead worker (released
    here, so any worker can claim them again)."""
    from .tasks import send_reminder

    stale_claim = now - timedelta(seconds=settings.REMINDER_CLAIM_SECONDS)
    abandoned = ReminderDelivery.objects.filter(state=State.SENDING, claimed_at__lt=stale_claim)
    released = list(abandoned.values_list("pk", flat=True)[:5000])
    ReminderDelivery.objects.filter(pk__in=released, state=State.SENDING,
                                    claimed_at__lt=stale_claim).update(state=State.PENDING,
                                                                       claimed_at=None)
    # Pending longer than a claim may last: its message was lost. (Rows waiting their turn in a
    # queued batch are younger than that, so they are not queued a second time.)
    lost = ReminderDelivery.objects.filter(state=State.PENDING, created_at__lt=stale_claim)
    ids = set(lost.values_list("pk", flat=True)[:5000]) | set(released)
    for pk in ids:
        send_reminder.delay(pk)
    return len(ids)


def weekly_digest(now: datetime | None = None) -> int:
    """Gather each person's waiting reminders into one digest delivery, queued once a week."""
    from .tasks import send_reminder

    now = now or timezone.now()
    year, week, _ = timezone.localdate(now).isocalendar()
    emails = (ReminderDelivery.objects.filter(state=State.IN_DIGEST, digest__isnull=True)
              .values_list("email", flat=True).distinct())
    queued = 0
    for email in list(emails):
        with transaction.atomic():
            digest, created = ReminderDelivery.objects.get_or_create(
                email=email, kind=Kind.DIGEST, subject_key="weekly",
                period=f"{year}-W{week:02d}",
                defaults={"title": "Your weekly summary of reminders",
                          "link": _url(reverse("partnerships:mine")),
                          "state": State.PENDING})
            ReminderDelivery.objects.filter(email=email, state=State.IN_DIGEST,
                                            digest__isnull=True).update(digest=digest)
            if created:
                send_reminder.delay_on_commit(digest.pk)
                queued += 1
    return queued


# Sending ----------------------------------------------------------------------------------

def claim(pk, now=None) -> ReminderDelivery | None:
    """Take a delivery for sending: pending, or held by a claim that has run out."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.REMINDER_CLAIM_SECONDS)
    taken = ReminderDelivery.objects.filter(
        Q(state=State.PENDING) | Q(state=State.SENDING, claimed_at__lt=stale), pk=pk,
    ).update(state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not taken:
        return None
    return ReminderDelivery.objects.get(pk=pk)


def unsubscribe_token(email, preference_kind):
    return signing.dumps({"e": email.lower(), "k": preference_kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(email, kind) from a token; BadSignature when forged or altered."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return data["e"], data["k"]


def deliver(delivery: ReminderDelivery):
    """Send one claimed delivery. Raises on SMTP failure, after releasing the claim."""
    items = list(delivery.items.order_by("created_at")) if delivery.kind == Kind.DIGEST else []
    pref_kind = PREFERENCE_KIND.get(delivery.kind, Pref.Kind.DRIVE)
    unsubscribe = _url(reverse("reminders_unsubscribe",
                               args=[unsubscribe_token(delivery.email, pref_kind)]))
    try:
        send_portal_email(
            to=delivery.email,
            subject=delivery.title if delivery.kind != Kind.DIGEST
            else f"{len(items)} reminders this week",
            template="drive/email/reminder",
            context={"delivery": delivery, "items": items, "unsubscribe": unsubscribe,
                     "preferences": _url(reverse("notification_preferences"))},
            headers={"List-Unsubscribe": f"<{unsubscribe}>",
                     "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
    except Exception as exc:
        ReminderDelivery.objects.filter(pk=delivery.pk, state=State.SENDING).update(
            state=State.PENDING, claimed_at=None, last_error=str(exc)[:300])
        raise
    now = timezone.now()
    ReminderDelivery.objects.filter(pk=delivery.pk).update(state=State.SENT, sent_at=now,
                                                           last_error="")
    if items:
        ReminderDelivery.objects.filter(digest=delivery).update(state=State.SENT, sent_at=now)
