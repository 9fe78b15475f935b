"""The public data download: every record anyone may see, as CSV and JSON, under the Open
Government Licence. Made each night by Celery beat (api.tasks.publish_open_data) and by
`manage.py publish_open_data`; each file is written beside the old one and then renamed over it,
so a download never gets half a file."""

import csv
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from core.csv import safe_row

from .records import KINDS

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
MANIFEST = "manifest.json"
CHUNK = 500


def folder() -> Path:
    # In the media volume, which the worker (that writes the files) and the web containers
    # (that serve them) share in docker-compose.yml.
    return Path(settings.MEDIA_ROOT) / "open-data"


def file_names() -> set[str]:
    return {f"{kind.name}.{ext}" for kind in KINDS for ext in ("csv", "json")} | {MANIFEST}


def _flat(value):
    """A CSV cell: a nested organisation as its name, another nested record as "key value"
    pairs, a list as its items joined by "; "."""
    if isinstance(value, dict):
        named = value.get("name") or (value.get("organisation") or {}).get("name")
        return named or ", ".join(f"{k} {v}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "; ".join(str(_flat(v)) for v in value)
    return "" if value is None else value


def _write(path: Path, write):
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
        "w", encoding="utf-8", newline="", dir=path.parent, delete=False, suffix=".part")
    try:
        with handle:
            write(handle)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _rows(kind):
    anonymous = AnonymousUser()
    rows = kind.rows(anonymous).order_by("pk")
    for record in rows.iterator(chunk_size=CHUNK):
        yield kind.serializer(record).data


def publish() -> dict:
    """Writes every file; returns the manifest."""
    made = timezone.now()
    counts = {}
    for kind in KINDS:
        fields = list(kind.serializer().fields)
        count = 0

        def write_json(out, kind=kind):
            nonlocal count
            out.write("[\n")
            for i, row in enumerate(_rows(kind)):
                out.write(("," if i else "") + json.dumps(row, cls=DjangoJSONEncoder) + "\n")
                count = i + 1
            out.write("]\n")

        def write_csv(out, kind=kind, fields=fields):
            writer = csv.writer(out)
            writer.writerow(fields)
            for row in _rows(kind):
                writer.writerow(safe_row([_flat(row.get(f)) for f in fields]))

        _write(folder() / f"{kind.name}.json", write_json)
        _write(folder() / f"{kind.name}.csv", write_csv)
        counts[kind.name] = count
    manifest = {"made_at": made.isoformat(), "licence": LICENCE, "licence_url": LICENCE_URL,
                "publisher": settings.SERVICE_OPERATOR, "records": counts}
    _write(folder() / MANIFEST, lambda out: json.dump(manifest, out, indent=2))
    return manifest


def manifest() -> dict | None:
    try:
        return json.loads((folder() / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
