import smtplib
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from reminders import sweep as reminders
from reminders.models import NotificationPreference, ReminderDelivery
from reminders.tasks import send_reminder
from tests.conftest import needs_service

pytestmark = pytest.mark.django_db


class RefusingBackend:
    """A mailer whose server refuses every message, as an SMTP server does when down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the server went away")


@pytest.fixture
def delivery(leader, partnership):
    return ReminderDelivery.objects.create(
        email=leader.email, user=leader, kind="due-today", subject_key="progress:1",
        period="2027-03-15", partnership=partnership, title="Define purpose is due today",
        link="http://127.0.0.1:8000/partnerships/1/drive/define-purpose/")


def test_a_claimed_delivery_cannot_be_claimed_again(delivery):
    assert reminders.claim(delivery.pk) is not None
    assert reminders.claim(delivery.pk) is None


def test_sending_marks_it_sent_only_after_the_server_accepts(delivery):
    send_reminder.delay(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == "sent" and delivery.sent_at is not None
    assert len(mail.outbox) == 1
    send_reminder.delay(delivery.pk)  # delivered twice by the broker: still one email
    assert len(mail.outbox) == 1


def test_a_refusing_server_leaves_it_pending_for_a_retry(delivery):
    mailers = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    with override_settings(MAILERS=mailers), pytest.raises(smtplib.SMTPException):
        reminders.deliver(reminders.claim(delivery.pk))
    delivery.refresh_from_db()
    assert (delivery.state, delivery.sent_at, delivery.claimed_at) == ("pending", None, None)
    assert "went away" in delivery.last_error


def test_every_email_has_one_click_unsubscribe_headers_and_links(delivery):
    send_reminder.delay(delivery.pk)
    message = mail.outbox[0]
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    assert delivery.link in message.body
    assert "text/html" in message.alternatives[0][1]


def _token_path(email, kind="drive"):
    return reverse("reminders_unsubscribe", args=[reminders.unsubscribe_token(email, kind)])


def test_unsubscribe_works_without_signing_in_and_only_on_post(client, leader):
    path = _token_path(leader.email)
    page = client.get(path)
    assert page.status_code == 200 and "Stop reminders" in page.content.decode()
    assert not NotificationPreference.objects.exists()  # a GET (a link scanner) changes nothing
    client.post(path, {"List-Unsubscribe": "One-Click"})
    pref = NotificationPreference.objects.get()
    assert (pref.email, pref.kind, pref.cadence) == (leader.email, "drive", "none")


def test_unsubscribe_is_single_purpose(client, leader):
    client.post(_token_path(leader.email, "stalled"))
    assert list(NotificationPreference.objects.values_list("kind", "cadence")) == [
        ("stalled", "none")]


def test_a_forged_or_altered_unsubscribe_link_does_nothing(client, leader):
    path = _token_path(leader.email)
    altered = path[:-4] + "abc/"
    assert client.post(altered).status_code == 400
    forged = reverse("reminders_unsubscribe", args=["eyJlIjoiYUBiLmMiLCJrIjoiZHJpdmUifQ:x:y"])
    assert client.post(forged).status_code == 400
    assert not NotificationPreference.objects.exists()


def test_the_preferences_page_saves_each_kind(client, leader):
    client.force_login(leader)
    client.post(reverse("notification_preferences"),
                {"drive": "weekly", "stalled": "none", "invitations": "immediate",
                 "requests": "weekly", "partners": "none", "answers": "immediate",
                 "casestudies": "none", "commitments": "weekly",
                 "results": "immediate", "delivery": "none"})
    prefs = dict(NotificationPreference.objects.values_list("kind", "cadence"))
    assert prefs == {"drive": "weekly", "stalled": "none", "invitations": "immediate",
                     "requests": "weekly", "partners": "none", "answers": "immediate",
                     "casestudies": "none", "commitments": "weekly",
                     "results": "immediate", "delivery": "none"}


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_record_each_reminder_once(partnership, leader):
    needs_service(connection.vendor == "postgresql", "PostgreSQL (SQLite serialises writers)")
    from drive.services import progress_ensure
    from tests.reminders.test_due import DUE, at

    progress_ensure(partnership)
    partnership.drive_progress.update(owner=leader, due_date=DUE)
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        results.append(reminders.sweep(at(DUE)))
        connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ReminderDelivery.objects.filter(kind="due-today").count() == 5
    assert sum(r["queued"] for r in results) == ReminderDelivery.objects.count()
    assert len(mail.outbox) == ReminderDelivery.objects.count()


def test_the_reminder_log_is_for_leads(client, partnership, roles, delivery):
    url = reverse("drive:reminders", args=[partnership.pk])
    client.force_login(roles["contributor"])
    assert client.get(url).status_code == 403
    client.force_login(roles["lead"])
    html = client.get(url).content.decode()
    assert "Define purpose is due today" in html
    client.post(url, {"stall_days": "14"})
    partnership.refresh_from_db()
    assert partnership.stall_days == 14
    assert "Enter a whole number" in client.post(url, {"stall_days": "soon"}).content.decode()
    assert "must be 7 or more" in client.post(url, {"stall_days": "2"}).content.decode()


def test_a_poisoned_reminder_in_a_batch_fails_alone_and_every_other_is_sent_once(
        leader, partnership):
    """A line break where no mail header takes one: that reminder is marked failed, never
    retried; the rest of the batch is sent, once each."""
    from reminders.tasks import send_reminder_batch

    rows = [ReminderDelivery.objects.create(
        email=email, kind="due-today", subject_key=f"progress:{n}", period="2027-03-15",
        partnership=partnership, title=f"Action {n} is due today", link="http://x/")
        for n, email in enumerate(["one@example.org", "two@example.org\nBcc: all@example.org",
                                   "three@example.org"])]
    sent_before = len(mail.outbox)
    assert send_reminder_batch([r.pk for r in rows]) == 2
    assert send_reminder_batch([r.pk for r in rows]) == 0  # a redelivered batch sends nothing
    assert sorted(m.to[0] for m in mail.outbox[sent_before:]) == [
        "one@example.org", "three@example.org"]
    states = {r.pk: r.state for r in ReminderDelivery.objects.filter(pk__in=[r.pk for r in rows])}
    assert [states[r.pk] for r in rows] == ["sent", "failed", "sent"]
    assert send_reminder(rows[1].pk) == "not claimed"
