"""Delivering each reminder exactly once.

The sweep (`sweep`) asks every registered rule (reminders.registry) what is due now and records
each reminder as a ReminderDelivery with a unique key (email, kind, subject, period) *before*
queueing its email, so a reminder is recorded once however often the sweep runs. It also
re-queues deliveries whose message was lost (still pending) or whose worker died (a claim older
than REMINDER_CLAIM_SECONDS). `deliver` claims a row with a conditional update, sends, and marks
it sent only after the mail server accepted it.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.mail import send_portal_email

from .models import NotificationPreference, ReminderDelivery
from .registry import DIGEST, everything_due, site_url, topic_of

State = ReminderDelivery.State
Pref = NotificationPreference
UNSUBSCRIBE_SALT = "reminders.unsubscribe"


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


# The table is named from the model: it moved apps and kept its name, so never spell it here.
_PG_INSERT = f"""
    INSERT INTO {ReminderDelivery._meta.db_table} (email, user_id, kind, subject_key, period,
        partnership_id, title, link, state, attempts, last_error, created_at)
    SELECT *, 0, '', %s FROM unnest(%s::text[], %s::bigint[], %s::text[], %s::text[],
        %s::text[], %s::bigint[], %s::text[], %s::text[], %s::text[])
    ON CONFLICT (email, kind, subject_key, period) DO NOTHING
    RETURNING id, state
"""  # noqa: S608 - the table name comes from our model, never from input


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
            cadence = cadences.get((item.email.lower(), topic_of(item.kind)),
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


def record_now(items) -> dict:
    """Record these reminders at once, as the sweep would (each person's choice for the topic,
    once per key, sent after the transaction commits): the emails of things that happen, such as
    a case study sent for review, which no rule finds "due" later."""
    cadences = _cadences({i.email.lower() for i in items})
    recorded = _recorded(items) if items else set()
    counts = {"queued": 0, "digest": 0, "already": 0}
    batch = []
    for item in items:
        cadence = cadences.get((item.email.lower(), topic_of(item.kind)), Pref.Cadence.IMMEDIATE)
        if cadence == Pref.Cadence.NONE or _key(item) in recorded:
            continue
        recorded.add(_key(item))
        batch.append((item, State.IN_DIGEST if cadence == Pref.Cadence.WEEKLY
                      else State.PENDING))
    if batch:
        _record_batch(batch, counts)
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
                email=email, kind=DIGEST, subject_key="weekly",
                period=f"{year}-W{week:02d}",
                defaults={"title": "Your weekly summary of reminders",
                          "link": site_url(reverse("partnerships:mine")),
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


def mark_failed(pk):
    """A delivery that cannot be sent whatever the mail server does: kept, marked failed, never
    queued again."""
    ReminderDelivery.objects.filter(pk=pk).exclude(state=State.SENT).update(
        state=State.FAILED, claimed_at=None)


def deliver(delivery: ReminderDelivery):
    """Send one claimed delivery. Raises on SMTP failure, after releasing the claim."""
    items = list(delivery.items.order_by("created_at")) if delivery.kind == DIGEST else []
    topic = topic_of(delivery.kind) or "all"
    unsubscribe = site_url(reverse("reminders_unsubscribe",
                                   args=[unsubscribe_token(delivery.email, topic)]))
    try:
        send_portal_email(
            to=delivery.email,
            subject=delivery.title if delivery.kind != DIGEST
            else f"{len(items)} reminders this week",
            template="reminders/email/reminder",
            context={"delivery": delivery, "items": items, "unsubscribe": unsubscribe,
                     "preferences": site_url(reverse("notification_preferences"))},
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
