from django.core.management.base import BaseCommand, CommandError

from registers import services
from registers.formats import FormatError
from registers.models import Register


class Command(BaseCommand):
    help = ("Load or refresh a national register from its public bulk file(s). Loading the same "
            "file again changes nothing. Registers: " + ", ".join(
                f"{r.value} ({r.label})" for r in Register))

    def add_arguments(self, parser):
        parser.add_argument("register", choices=Register.values)
        parser.add_argument("files", nargs="+", help="The file(s), .csv, .txt or .zip. Give "
                            "every part of a register split into parts in one command.")
        parser.add_argument("--partial", action="store_true",
                            help="The files are not the whole register: entries missing from "
                                 "them are left as they are, not closed")
        parser.add_argument("--encoding", default="utf-8-sig")

    def handle(self, *args, register, files, partial, encoding, **options):
        def progress(run):
            self.stdout.write(f"  {run.rows:,} rows read")

        try:
            run = services.load(register, files, complete=not partial, encoding=encoding,
                                progress=progress)
        except (OSError, FormatError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"{run.get_register_display()}: {run.rows:,} rows read; {run.added:,} added, "
            f"{run.changed:,} changed, {run.closed:,} closed, {run.unchanged:,} unchanged, "
            f"{run.skipped:,} skipped (no number or name)"))
