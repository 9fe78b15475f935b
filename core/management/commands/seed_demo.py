"""Demo data for `make run`. Idempotent: a second run changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core import demo


class Command(BaseCommand):
    help = "Load the demo people, organisations and partnerships (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = demo.seed()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {', '.join(created)}."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
