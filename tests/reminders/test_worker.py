"""Reminders through the real stack: PostgreSQL, the Redis broker, a real Celery worker process
and a real SMTP server. Faults: the worker killed mid-batch, and a server that refuses for a
while. Every reminder must arrive exactly once. Waiting is for conditions, with a deadline."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from drive.services import progress_ensure
from reminders import sweep as reminders
from reminders.models import ReminderDelivery
from tests.conftest import needs_service
from tests.factories import PartnershipFactory, UserFactory
from tests.reminders.smtp_sink import start_sink

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, what, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def sink():
    sink = start_sink()
    yield sink
    sink.hold.set()
    sink.controller.stop()


@pytest.fixture
def workers(sink, monkeypatch, tmp_path):
    needs_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    needs_service(bool(settings.REDIS_URL), "Redis (REDIS_URL)")
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    db = connection.settings_dict
    env = {**os.environ,
           "DJANGO_SETTINGS_MODULE": "config.settings.local",
           "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:"
                           f"{db['PORT'] or 5432}/{db['NAME']}",
           "REDIS_URL": settings.REDIS_URL,
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(sink.port), "EMAIL_USE_TLS": "false",
           "REMINDER_RETRY_BACKOFF": "1", "PORTAL_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    started = []

    def start():
        log = open(tmp_path / f"worker{len(started)}.log", "w")  # noqa: SIM115 - closed below
        # The solo pool runs tasks in the worker process itself, so SIGKILL stops the send.
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and app
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"test{len(started)}@%h"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        process.kill()
        process.wait()
        log.close()


def _due_batch(n):
    """n people, each owning one DRIVE action due today."""
    today = timezone.localdate()
    emails = []
    while len(emails) < n:
        partnership = PartnershipFactory()
        progress_ensure(partnership)
        for progress in partnership.drive_progress.all()[: n - len(emails)]:
            owner = UserFactory()
            partnership.people.create(user=owner, role="contributor")
            progress.owner, progress.due_date = owner, today
            progress.save()
            emails.append(owner.email)
    return sorted(emails)


def _sent():
    return ReminderDelivery.objects.filter(state="sent").count()


def test_a_batch_of_due_reminders_arrives_exactly_once(workers, sink):
    emails = _due_batch(8)
    counts = reminders.sweep()
    assert counts["queued"] == 8
    workers()
    wait_for(lambda: _sent() == 8, "eight reminders to be sent")
    assert sorted(sink.recipients()) == emails
    assert reminders.sweep()["queued"] == 0  # the next sweep finds nothing new
    assert len(sink.recipients()) == 8


def test_a_worker_killed_mid_batch_loses_and_repeats_nothing(workers, sink):
    emails = _due_batch(6)
    sink.hold.clear()  # the server stalls on the first message
    reminders.sweep()
    first = workers()
    wait_for(sink.held.is_set, "the worker to be in the middle of sending")
    first.send_signal(signal.SIGKILL)
    first.wait()
    sink.hold.set()
    assert ReminderDelivery.objects.filter(state="sending").count() == 1
    workers()
    # The next sweep finds what the dead worker held (its claim has run out by then).
    later = timezone.now() + timedelta(seconds=settings.REMINDER_CLAIM_SECONDS + 61)
    assert reminders.requeue_lost(later) >= 1
    wait_for(lambda: _sent() == 6, "all six reminders after the restart")
    assert sorted(sink.recipients()) == emails


def test_a_refusing_server_delays_reminders_but_sends_each_once(workers, sink):
    emails = _due_batch(3)
    sink.refuse = 4
    reminders.sweep()
    workers()
    wait_for(lambda: sink.refused == 4, "the server to refuse four times")
    # Nothing is marked sent that the server did not accept.
    sent = set(ReminderDelivery.objects.filter(state="sent").values_list("email", flat=True))
    assert sent <= set(sink.recipients())
    wait_for(lambda: _sent() == 3, "all three once the server accepts")
    assert sorted(sink.recipients()) == emails
    assert ReminderDelivery.objects.filter(attempts__gt=1).exists()
