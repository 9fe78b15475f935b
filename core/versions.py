"""A version of the portal's data, changed by every write to the apps whose rows lists show, so
a figure worked out from the data (a list's count) can be kept in the cache under the version
it was counted at: a write makes every kept figure stale at once, without knowing which.

Signals cover saves, deletes and many-to-many changes. The version changes when the write is
made (a read in the same transaction sees it) and again when it commits (a read that raced the
commit and kept the old figure is dropped). A bulk `.update()` sends no signal: the services
that make one which a list can show call `changed()` themselves; every kept figure also expires
after COUNT_CACHE_SECONDS whatever happens.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

KEY = "data-version"
# Every app of ours whose rows a list counts or a home page shows (notifications and API tokens
# are lists too; allauth's "account" holds the email addresses invitations match); not
# the audit trail, which only ever accompanies another write, nor Django's and allauth's own
# sessions, which are written on most requests.
APPS = {"accounts", "account", "organisations", "registers", "partnerships", "drive", "trials",
        "charities", "casestudies", "reminders", "home", "api"}


def current() -> str:
    version = cache.get(KEY)
    if version is None:
        version = str(time.time_ns())
        if not cache.add(KEY, version, None):
            version = cache.get(KEY, version)
    return version


def changed() -> None:
    cache.set(KEY, str(time.time_ns()), None)
    transaction.on_commit(lambda: cache.set(KEY, str(time.time_ns()), None))


# Saves that change nothing any list or page keeps: a sign-in stamps last_login on every person.
QUIET_SAVES = {frozenset({"last_login"})}


def _written(sender, **kwargs):
    fields = kwargs.get("update_fields")
    if sender._meta.app_label in APPS and not (fields and frozenset(fields) in QUIET_SAVES):
        changed()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_written, dispatch_uid=f"core_versions_{signal!r}")


def remembered(name: str, parts, work):
    """What `work()` gives, kept in the cache under this version of the data, today's date
    ("overdue" and "due soon" turn at midnight with no write), `name` and `parts` (hashed: they
    may hold what someone typed), for COUNT_CACHE_SECONDS at most."""
    seconds = settings.COUNT_CACHE_SECONDS
    if not seconds:
        return work()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"remembered:{current()}:{timezone.localdate().isoformat()}:{name}:{digest}"
    found = cache.get(key)
    if found is None:
        found = work()
        cache.set(key, found, seconds)
    return found
