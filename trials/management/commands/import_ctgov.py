from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from trials import ctgov


class Command(BaseCommand):
    help = ("Import ClinicalTrials.gov API v2 study records: JSON files or folders of them, "
            "each file one study, search results or an array. Again updates in place.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, or folders of *.json files")

    def _files(self, paths):
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                yield from sorted(path.rglob("*.json"))
            else:
                yield path

    def handle(self, *args, paths, **options):
        files = list(self._files(paths))
        tally = {"created": 0, "updated": 0, "refused": 0}
        failed_files = 0
        for number, path in enumerate(files, start=1):
            where = f"[{number}/{len(files)}] {path}"
            try:
                with open(path, "rb") as handle:
                    batch = ctgov.read(handle.read(ctgov.MAX_BYTES + 1), limit=10**6)
            except (OSError, ValidationError) as exc:
                failed_files += 1
                self.stderr.write(f"{where}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
                continue
            for which, why in batch.refused:
                tally["refused"] += 1
                self.stderr.write(f"{where}: {which}: {why}")
            for parsed in batch.studies:
                try:
                    study, created = ctgov.apply(parsed)
                except ValidationError as exc:
                    tally["refused"] += 1
                    self.stderr.write(f"{where}: {parsed.fields['nct_id']}: "
                                      f"{' '.join(exc.messages)}")
                    continue
                tally["created" if created else "updated"] += 1
                self.stdout.write(f"{where}: {'created' if created else 'updated'} "
                                  f"{study.nct_id}")
        self.stdout.write(f"{len(files)} file(s): {tally['created']} created, "
                          f"{tally['updated']} updated, {tally['refused']} refused, "
                          f"{failed_files} file(s) unreadable")
        if failed_files or tally["refused"]:
            raise CommandError(f"{failed_files + tally['refused']} could not be imported; "
                               "nothing of them was saved")
