"""CI (REQUIRE_SERVICES=1) must run against the real PostgreSQL and Redis, not the embedded ones."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import needs_service

pytestmark = pytest.mark.django_db


def test_the_database_is_postgresql_when_services_are_required():
    needs_service(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        assert cursor.fetchone()[0] >= 130000


def test_the_cache_and_broker_are_redis_when_services_are_required():
    needs_service(bool(settings.REDIS_URL), "Redis (REDIS_URL)")
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("services-test", 42)
    assert cache.get("services-test") == 42
    assert celery_app.conf.broker_url.startswith("redis://")
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)

