"""Backing up and restoring the database: pg_dump/pg_restore for PostgreSQL, SQLite's own online
backup for the embedded default. `make backup` and `make restore FILE=...` call these through
`manage.py backup` and `manage.py restore`."""

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - runs pg_dump/pg_restore with fixed arguments, no shell
from pathlib import Path

from django.db import connections
from django.utils import timezone


def _is_postgres(database) -> bool:
    return database["ENGINE"].endswith("postgresql")


def _pg_env(database) -> dict:
    """Connection details go in the environment, so the password never shows in `ps`."""
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                      ("PASSWORD", "PGPASSWORD"), ("NAME", "PGDATABASE")):
        if database.get(key):
            env[name] = str(database[key])
    return env


def _tool(name) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def default_name(database) -> str:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return f"backups/portal-{stamp}.{'dump' if _is_postgres(database) else 'sqlite3'}"


def backup(database, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if _is_postgres(database):
        # The custom format is compressed and lets pg_restore restore into an empty database.
        subprocess.run(  # noqa: S603
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--file={path}"], env=_pg_env(database), check=True)
    else:
        _sqlite_copy(database["NAME"], path)
    return path


def restore(database, path: Path):
    """Replaces the database's contents with the backup's."""
    if not path.exists():
        raise FileNotFoundError(f"No backup at {path}.")
    connections.close_all()
    if _is_postgres(database):
        subprocess.run(  # noqa: S603
            [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", f"--dbname={database['NAME']}",
             str(path)], env=_pg_env(database), check=True)
    else:
        _sqlite_copy(path, database["NAME"])


def _sqlite_copy(source_path, target_path):
    """SQLite's online backup: consistent even while the portal is writing."""
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target)
    finally:
        source.close()
        target.close()
