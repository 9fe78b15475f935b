"""gunicorn settings for production (docker-compose's web service)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"


def post_worker_init(worker):
    """A new worker (at start, and after each max_requests recycle) loads every template
    before it takes a request, instead of during its first ones."""
    from config.jinja2 import warm_templates

    warm_templates()


accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn's own lines (access and errors) in the same one-JSON-object-per-line shape as Django's.
_formatter = "core.logs.PlainFormatter" if os.environ.get("LOG_FORMAT") == "plain" \
    else "core.logs.JsonFormatter"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"portal": {"()": _formatter}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                            "formatter": "portal"}},
    # gunicorn merges this over its defaults, whose root logger names a handler replaced here.
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
