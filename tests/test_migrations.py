"""Moving the reminder models into the reminders app keeps every row (docs/adr/0003). On a real
PostgreSQL database with the demo data and reminders in it: migrate back to before the move and
forward again, and nothing is lost either way."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import needs_service

ROOT = Path(__file__).resolve().parent.parent

MAKE_REMINDERS = """
from partnerships.models import Partnership
from reminders.models import NotificationPreference, ReminderDelivery
partnership = Partnership.objects.get(title__contains="DETERMINE")
ReminderDelivery.objects.create(email="nhs.lead@example.nhs.uk", kind="overdue",
    subject_key="progress:1", period="2026-12-01", partnership=partnership,
    title="Review and build on what already exists", link="/partnerships/1/drive/2/")
NotificationPreference.objects.create(email="nhs.lead@example.nhs.uk", kind="drive",
    cadence="digest")
"""

READ_REMINDERS = """
from reminders.models import NotificationPreference, ReminderDelivery
delivery = ReminderDelivery.objects.select_related("partnership").get()
print(delivery.kind, delivery.partnership.title.split()[0].strip(":"),
      NotificationPreference.objects.get().cadence)
"""


def _counts(conn) -> dict[str, int]:
    """Rows in every table but Django's bookkeeping (a migration back adds content types and
    permissions for the models' old apps)."""
    tables = [row[0] for row in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN "
        "('django_migrations', 'django_content_type', 'auth_permission') ORDER BY tablename")]
    return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables}


@pytest.mark.django_db
def test_migrating_back_before_the_reminders_app_and_forward_again_keeps_every_row():
    import psycopg

    needs_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    settings = connection.settings_dict
    admin = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
             "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    name = f"portal_migrations_{uuid.uuid4().hex[:8]}"
    url = (f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@"
           f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}")
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DATABASE_URL=url, DEBUG="true")

    def manage(*args):
        done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        manage("migrate", "--noinput", "-v0")
        manage("seed_demo")
        manage("shell", "-c", MAKE_REMINDERS)
        with psycopg.connect(dbname=name, **admin) as conn:
            before = _counts(conn)
        assert before["drive_reminderdelivery"] == 1
        assert before["accounts_notificationpreference"] == 1
        assert before["partnerships_partnership"] >= 2

        manage("migrate", "reminders", "zero", "--noinput", "-v0")
        with psycopg.connect(dbname=name, **admin) as conn:
            back = _counts(conn)
            applied = {row[0] for row in conn.execute("SELECT app FROM django_migrations")}
        assert "reminders" not in applied
        # Going back before the move also takes back the drive and reminders tables made after
        # it (commitments, indicators, notifications...): those, and only those, are gone.
        later = set(before) - set(back)
        assert all(t.startswith(("drive_", "reminders_")) for t in later), later
        assert {"drive_reminderdelivery", "accounts_notificationpreference"} <= set(back)
        kept = {table: count for table, count in before.items() if table not in later}
        assert back == kept

        manage("migrate", "--noinput", "-v0")
        with psycopg.connect(dbname=name, **admin) as conn:
            forward = _counts(conn)
        assert {t: c for t, c in forward.items() if t not in later} == kept
        assert later <= set(forward)  # made again, empty
        assert manage("shell", "-c", READ_REMINDERS).splitlines()[-1].split() == [
            "overdue", "DETERMINE", "digest"]
        manage("makemigrations", "--check", "--dry-run")
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
