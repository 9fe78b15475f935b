from django.core.management.base import BaseCommand

from reminders import sweep as reminders


class Command(BaseCommand):
    help = "Run the reminder sweep now (what beat runs daily). --dry-run prints and sends nothing."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="print the reminders that would be sent; change nothing")
        parser.add_argument("--digest", action="store_true",
                            help="also gather and queue the weekly digests")

    def handle(self, *args, dry_run=False, digest=False, **options):
        counts = reminders.sweep(dry_run=dry_run, out=self.stdout)
        if digest and not dry_run:
            counts["digests"] = reminders.weekly_digest()
        summary = ", ".join(f"{name} {value}" for name, value in counts.items())
        self.stdout.write(("Dry run: " if dry_run else "") + summary)
