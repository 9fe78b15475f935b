"""Loading a register's bulk file, and looking an identifier up in what was loaded."""

import hashlib
from collections.abc import Callable, Iterable
from itertools import batched

from django.db import transaction
from django.utils import timezone

from .formats import READERS, FormatError, Row, open_text
from .models import Entry, Load, Register

BATCH = 2000
FIELDS = ["name", "address", "postcode", "region", "status", "is_open", "closed_on",
          "fingerprint", "load"]


def _fingerprint(row: Row) -> str:
    text = "\x1f".join(str(v) for v in (row.name, row.address, row.postcode, row.region,
                                        row.status, row.is_open, row.closed_on))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _rows(register, paths, encoding) -> Iterable[Row]:
    read = READERS[register]
    for path in paths:
        with open_text(path, encoding) as handle:
            try:
                yield from read(handle)
            except UnicodeDecodeError as exc:
                raise FormatError(f"{path} is not {encoding} text (byte {exc.start}): give its "
                                  "encoding with --encoding, for example cp1252") from exc


@transaction.atomic
def _apply(register, load, batch: list[Row]) -> None:
    rows = {row.identifier: row for row in batch if row.identifier and row.name}
    load.skipped += len(batch) - len(rows)
    existing = {e.identifier: e for e in Entry.objects.filter(
        register=register, identifier__in=rows).only("pk", "identifier", "fingerprint",
                                                      "is_open")}
    new, changed, unchanged = [], [], []
    for identifier, row in rows.items():
        fingerprint = _fingerprint(row)
        entry = existing.get(identifier)
        if entry is not None and entry.fingerprint == fingerprint:
            unchanged.append(entry.pk)
            continue
        if entry is not None and entry.is_open and not row.is_open:
            load.closed += 1
        values = {"name": row.name, "address": row.address, "postcode": row.postcode[:10],
                  "region": row.region, "status": row.status[:80], "is_open": row.is_open,
                  "closed_on": row.closed_on, "fingerprint": fingerprint, "load": load}
        if entry is None:
            new.append(Entry(register=register, identifier=identifier[:12], **values))
        else:
            for name, value in values.items():
                setattr(entry, name, value)
            changed.append(entry)
    Entry.objects.bulk_create(new)
    Entry.objects.bulk_update(changed, FIELDS)
    Entry.objects.filter(pk__in=unchanged).update(load=load)
    load.added += len(new)
    load.changed += len(changed)
    load.unchanged += len(unchanged)


def load(register: str, paths, *, complete=True, encoding="utf-8-sig",
         progress: Callable[[Load], None] | None = None) -> Load:
    """Add and refresh a register's entries from its bulk file(s), BATCH rows at a time.

    complete: the files are the whole register, so an open entry they no longer hold has left
    it (a dissolved company leaves the Companies House file). Give all of a split register's
    parts in one load; a single part must be loaded with complete=False."""
    register = Register(register)
    run = Load.objects.create(register=register, files="\n".join(str(p) for p in paths))
    for batch in batched(_rows(register, paths, encoding), BATCH):
        run.rows += len(batch)
        _apply(register, run, list(batch))
        run.save()
        if progress:
            progress(run)
    if complete and run.rows:
        run.closed += Entry.objects.filter(register=register, is_open=True).exclude(
            load=run).update(is_open=False, status="No longer in the register's file",
                             closed_on=timezone.localdate())
    run.finished_at = timezone.now()
    run.save()
    return run


def loaded(register: str) -> bool:
    return Load.objects.filter(register=register, finished_at__isnull=False).exists()


def find(register: str, identifier: str) -> Entry | None:
    return Entry.objects.filter(register=register, identifier=identifier).first()
