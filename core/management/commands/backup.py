from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connections

from core import backup


class Command(BaseCommand):
    help = "Back up the database to a file (pg_dump for PostgreSQL, a copy for SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="the file to write (default: backups/portal-<time>)")

    def handle(self, *args, output=None, **options):
        database = connections["default"].settings_dict
        path = backup.backup(database, Path(output or backup.default_name(database)))
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
