import pytest
from django.test import override_settings

from config.celery import app as celery_app

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def test_health_is_200_when_every_service_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}
    }


def test_health_is_503_when_the_cache_is_down(client):
    caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": UNREACHABLE_REDIS}}
    with override_settings(CACHES=caches):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "down"


def test_health_is_503_when_the_broker_is_down(client, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "broker_url", UNREACHABLE_REDIS)
    monkeypatch.setitem(celery_app.conf, "broker_transport_options", {})
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "down"
    assert response.json()["checks"]["database"] == "ok"


def test_health_is_503_when_the_embedded_brokers_folder_is_missing(client, monkeypatch, tmp_path):
    monkeypatch.setitem(celery_app.conf, "broker_url", "filesystem://")
    monkeypatch.setitem(celery_app.conf, "broker_transport_options",
                        {"data_folder_in": str(tmp_path / "missing"),
                         "data_folder_out": str(tmp_path / "missing")})
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "down"
