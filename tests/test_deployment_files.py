"""No Docker engine runs here, so the compose file and Dockerfile are checked by reading them."""

import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def _command(service):
    command = SERVICES[service]["command"]
    return command if isinstance(command, list) else shlex.split(command)


def test_it_runs_the_production_shape():
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(SERVICES)


@pytest.mark.parametrize("service", ["web", "worker", "beat", "postgres", "redis"])
def test_every_long_running_service_has_a_health_check_or_depends_on_healthy_ones(service):
    definition = SERVICES[service]
    if service in {"web", "worker", "postgres", "redis"}:
        assert "healthcheck" in definition
    assert definition.get("restart") == "unless-stopped"


def test_web_runs_gunicorn_on_our_wsgi_application_and_config():
    command = _command("web")
    assert command[0] == "gunicorn"
    module, _, attribute = command[1].partition(":")
    assert (ROOT / (module.replace(".", "/") + ".py")).exists()
    wsgi_source = (ROOT / (module.replace(".", "/") + ".py")).read_text()
    assert f"{attribute} = get_wsgi_application()" in wsgi_source
    assert attribute == "application"
    config_file = command[command.index("--config") + 1]
    assert (ROOT / config_file).exists()


@pytest.mark.parametrize("service,subcommand", [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_our_celery_app(service, subcommand):
    command = _command(service)
    assert command[:3] == ["celery", "-A", "config"]
    assert command[3] == subcommand
    from config import celery_app

    assert celery_app.main == "portal"


def test_migrations_run_once_before_the_app_starts():
    assert _command("migrate") == ["python", "manage.py", "migrate", "--noinput"]
    for service in ("web", "worker", "beat"):
        condition = SERVICES[service]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"


def test_data_lives_in_named_volumes():
    assert set(COMPOSE["volumes"]) >= {"postgres", "redis"}
    assert "postgres:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]


def test_the_app_services_use_production_settings_and_the_real_services():
    for service in ("web", "worker", "beat"):
        env = SERVICES[service]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:6379")


def test_the_app_reaches_postgresql_through_pgbouncer_and_migrations_go_straight():
    pooler = SERVICES["pgbouncer"]
    version = re.search(r":v(\d+)\.(\d+)", pooler["image"])
    assert (int(version.group(1)), int(version.group(2))) >= (1, 21)  # prepared statements
    assert pooler["environment"]["POOL_MODE"] == "transaction"
    assert "@postgres:5432/" in pooler["environment"]["DATABASE_URL"]
    for service in ("web", "worker", "beat"):
        env = SERVICES[service]["environment"]
        assert "@pgbouncer:5432/" in env["DATABASE_URL"]
        assert env["DATABASE_POOLED"] == "transaction"
    assert "@postgres:5432/" in SERVICES["migrate"]["environment"]["DATABASE_URL"]
    assert not SERVICES["migrate"]["environment"]["DATABASE_POOLED"]


def test_a_pooled_database_has_no_server_side_cursors(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "postgres://portal:portal@pgbouncer:5432/portal")
    monkeypatch.setenv("DATABASE_POOLED", "transaction")
    try:
        pooled = importlib.reload(base).DATABASES["default"]
        assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
        monkeypatch.setenv("DATABASE_POOLED", "")
        assert not importlib.reload(base).DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS")
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_postgresql_is_tuned_for_an_ssd_server():
    command = _command("postgres")
    assert "random_page_cost=1.1" in command


def test_the_dockerfile_builds_assets_in_a_node_stage_and_installs_the_lock_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM node:\S+ AS assets", dockerfile, re.M)
    assert "npm ci" in dockerfile
    assert "--require-hashes" in dockerfile and "requirements.lock" in dockerfile
    assert "COPY --from=assets" in dockerfile
    assert re.search(r"^USER portal", dockerfile, re.M)


def test_every_variable_the_settings_read_is_in_env_example():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.M))
    read = set()
    for path in (ROOT / "config").rglob("*.py"):
        read |= set(re.findall(r'env_\w+\("([A-Z_]+)"', path.read_text()))
        read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', path.read_text()))
    missing = read - listed - {"DJANGO_SETTINGS_MODULE"}
    assert not missing, f"add these to .env.example: {sorted(missing)}"


@pytest.mark.parametrize("log_format", ["json", "plain"])
def test_gunicorns_logging_configuration_loads(monkeypatch, log_format):
    """gunicorn merges logconfig_dict over its own defaults, then hands it to dictConfig."""
    import importlib
    import logging.config

    from gunicorn.glogging import CONFIG_DEFAULTS

    monkeypatch.setenv("LOG_FORMAT", log_format)
    import config.gunicorn as gunicorn_settings

    gunicorn_settings = importlib.reload(gunicorn_settings)
    previous = logging.getLogger().handlers[:]
    try:
        logging.config.dictConfig({**CONFIG_DEFAULTS, **gunicorn_settings.logconfig_dict})
        handler = logging.getLogger("gunicorn.access").handlers[0]
        assert type(handler.formatter).__name__ == f"{log_format.capitalize()}Formatter"
    finally:
        from django.conf import settings

        logging.config.dictConfig(settings.LOGGING)
        logging.getLogger().handlers[:] = previous


def test_the_static_files_build_as_production_serves_them(tmp_path, settings):
    """collectstatic with the manifest storage, as `make run` and the image do: a file that
    references another missing one (a source map, a font) stops it."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    for name in ("vendor/portal.css", "js/portal.js", "js/picker.js",
                 "vendor/autocomplete/accessible-autocomplete.min.js"):
        assert f'"{name}"' in manifest


def test_nothing_the_running_portal_writes_is_tracked_by_git():
    """Files made at run time (broker folders, caches, databases, screenshots, collected static)
    live under var/ or other ignored places, never in the repository."""
    import shutil
    import subprocess

    tracked = subprocess.run(  # noqa: S603 - git with fixed arguments
        [shutil.which("git"), "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    generated = re.compile(r"^(control|var|staticfiles|static/vendor|backups|node_modules|"
                           r"\.venv|\.make)/|\.(sqlite3|pyc|dump|exchange)$")
    assert [path for path in tracked if generated.search(path)] == []
