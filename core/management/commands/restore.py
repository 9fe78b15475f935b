from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core import backup


class Command(BaseCommand):
    help = "Replace the database's contents with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing")

    def handle(self, *args, file, yes=False, **options):
        database = connections["default"].settings_dict
        if not yes and input(f"Replace everything in {database['NAME']} with {file}? "
                             "Type yes: ").strip() != "yes":
            raise CommandError("Nothing restored.")
        try:
            backup.restore(database, Path(file))
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {database['NAME']} from {file}"))
