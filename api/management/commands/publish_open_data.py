from django.core.management.base import BaseCommand

from api import opendata


class Command(BaseCommand):
    help = "Write the public data download (CSV and JSON of every public record) now."

    def handle(self, *args, **options):
        manifest = opendata.publish()
        for name, count in manifest["records"].items():
            self.stdout.write(f"{name}: {count:,} records")
        self.stdout.write(self.style.SUCCESS(f"Written to {opendata.folder()}"))
