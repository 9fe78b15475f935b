"""`make backup` then `make restore` brings the demo data back into a fresh database."""

import sqlite3
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from core import backup
from partnerships.models import Partnership
from tests.conftest import needs_service


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_the_demo_into_a_fresh_database(tmp_path):
    import psycopg

    needs_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    call_command("seed_demo", verbosity=0)
    titles = sorted(Partnership.objects.values_list("title", flat=True))
    emails = sorted(User.objects.values_list("email", flat=True))
    assert any("DETERMINE" in title for title in titles)

    dump = tmp_path / "portal.dump"
    call_command("backup", output=str(dump), verbosity=0)
    assert dump.stat().st_size > 0

    settings = dict(connection.settings_dict)
    fresh = f"portal_restore_{uuid.uuid4().hex[:8]}"
    admin = {"host": settings["HOST"] or None, "port": settings["PORT"] or None,
             "user": settings["USER"] or None, "password": settings["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        backup.restore({**settings, "NAME": fresh}, dump)
        with psycopg.connect(dbname=fresh, **admin) as conn:
            restored_titles = sorted(r[0] for r in conn.execute(
                "SELECT title FROM partnerships_partnership"))
            restored_emails = sorted(r[0] for r in conn.execute(
                "SELECT email FROM accounts_user"))
        assert restored_titles == titles
        assert restored_emails == emails
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_an_sqlite_backup_round_trips(tmp_path):
    original = tmp_path / "portal.sqlite3"
    with sqlite3.connect(original) as conn:
        conn.execute("CREATE TABLE t (name TEXT)")
        conn.execute("INSERT INTO t VALUES ('DETERMINE')")
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(original)}
    saved = backup.backup(database, tmp_path / "backups" / "copy.sqlite3")
    with sqlite3.connect(original) as conn:
        conn.execute("DELETE FROM t")
    backup.restore(database, saved)
    with sqlite3.connect(original) as conn:
        assert conn.execute("SELECT name FROM t").fetchall() == [("DETERMINE",)]


def test_restoring_a_missing_file_says_so(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "nothing.dump"), yes=True)


def test_backups_are_not_committed():
    assert "backups/" in (Path(__file__).resolve().parents[2] / ".gitignore").read_text()
