"""Benchmark data: `manage.py seed_scale --partnerships 10000` (see bench/scale.py)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import scale
from core import versions


class Command(BaseCommand):
    help = ("Build a large, deterministic data set for benchmarks: N partnerships and, in "
            "proportion, organisations, people, studies, charity offers, DRIVE records and case "
            "studies. PostgreSQL only, into an empty database (reference data loaded).")

    def add_arguments(self, parser):
        parser.add_argument("--partnerships", type=int, default=10_000, metavar="N")
        parser.add_argument("--allow-sqlite", action="store_true",
                            help="run on SQLite too (the tests use this)")

    def handle(self, *args, partnerships, allow_sqlite, **options):
        if partnerships < 1:
            raise CommandError("--partnerships must be at least 1.")
        if connection.vendor != "postgresql" and not (allow_sqlite
                                                      and connection.vendor == "sqlite"):
            raise CommandError(f"seed_scale builds benchmark data in PostgreSQL; this database "
                               f"is {connection.vendor}. Pass --allow-sqlite to use SQLite.")
        if scale.already_seeded():
            raise CommandError(f"{scale.BENCH_EMAIL} exists: this database is already seeded. "
                               "Seed into a fresh database.")
        started = time.monotonic()
        builder = scale.Builder(partnerships, out=self.stdout)
        counts = builder.build()
        versions.changed()  # rows made with bulk_create send no signal: counts kept are stale
        elapsed = time.monotonic() - started
        width = max(len(label) for label in counts)
        for label, count in counts.items():
            self.stdout.write(f"{label:<{width}}  {count:>9,}")
        self.stdout.write(f"{'DRIVE records (progress, answers, evidence)':<{width}}  "
                          f"{scale.drive_record_count():>9,}")
        for key, value in builder.expected.items():
            self.stdout.write(f"expected {key}: {value:,}")
        self.stdout.write(self.style.SUCCESS(
            f"Seeded {partnerships:,} partnerships ({sum(counts.values()):,} rows) in "
            f"{elapsed:.1f}s. Sign in as {scale.BENCH_EMAIL} / {scale.BENCH_PASSWORD}."))
