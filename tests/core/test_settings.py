import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_url

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "Zq8vR2mW9xT4pL7nB1cJ6hF0sD5gK3aE" * 2


def _run(*args, **env):
    unset = {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_it_reads_yes_and_no_in_the_usual_spellings(monkeypatch):
    for raw, expected in [("true", True), ("1", True), ("Yes", True), ("off", False), ("0", False)]:
        monkeypatch.setenv("SOME_FLAG", raw)
        assert env_bool("SOME_FLAG") is expected


def test_it_refuses_a_malformed_boolean(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG='maybe' is not a yes/no value"):
        env_bool("SOME_FLAG")


def test_it_refuses_a_malformed_number_and_url(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_URL", "mysql://db/portal")
    with pytest.raises(ImproperlyConfigured, match="must be a URL starting with"):
        env_url("SOME_URL", schemes={"postgres"})


def test_a_malformed_boolean_in_the_environment_stops_start_up_with_a_message():
    result = _run("manage.py", "check", DEBUG="sometimes")
    assert result.returncode != 0
    assert "DEBUG='sometimes' is not a yes/no value" in result.stderr


def test_production_refuses_a_missing_secret_key():
    result = _run("manage.py", "check", DJANGO_SETTINGS_MODULE="config.settings.production",
                  EMAIL_HOST="smtp.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value" in result.stderr


def test_production_refuses_an_insecure_secret_key():
    result = _run("manage.py", "check", DJANGO_SETTINGS_MODULE="config.settings.production",
                  SECRET_KEY="django-insecure-" + "x" * 60)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for(settings):
    result = _run("-c", "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
                  "'config.settings.local'); django.setup(); from django.conf import settings;"
                  "print(settings.DEBUG)")
    assert result.stdout.strip() == "False"


def test_the_deployment_checklist_passes_with_production_settings():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING",
                  DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY=STRONG_KEY,
                  ALLOWED_HOSTS="partnerships.example.nhs.uk", EMAIL_HOST="smtp.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
