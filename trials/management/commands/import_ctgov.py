from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trials import ctgov


class Command(BaseCommand):
    help = "Import ClinicalTrials.gov API v2 study records (JSON files); again updates in place."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")

    def handle(self, *args, files, **options):
        failed = 0
        for path in files:
            try:
                with open(path, "rb") as handle:
                    parsed = ctgov.parse(handle.read(ctgov.MAX_BYTES + 1))
                study, created = ctgov.apply(parsed)
            except (OSError, ValidationError) as exc:
                failed += 1
                message = " ".join(getattr(exc, "messages", [str(exc)]))
                self.stderr.write(f"{path}: {message}")
                continue
            self.stdout.write(f"{path}: {'created' if created else 'updated'} {study.nct_id}")
        if failed:
            raise CommandError(f"{failed} file(s) could not be imported; nothing of them saved")
