"""Structured log lines: one JSON object per line, so nothing a person types can start a new one.

Audit and security events call `event()`; the formatters below turn every log record (Django's
too) into a line. Production uses `JsonFormatter` on stdout; local development uses
`PlainFormatter`, which is easier to read but encodes the event's fields the same way.
"""

import contextvars
import json
import logging
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured, PermissionDenied

security_logger = logging.getLogger("portal.security")

# The request being served, so lines written deep in a service or a signal carry its address
# (and, for signals, who acted) without every caller passing the request.
_request = contextvars.ContextVar("portal_request", default=None)


def current_request():
    return _request.get()


def client_ip(request) -> str | None:
    request = request if request is not None else _request.get()
    return _address(request) if request is not None else None


def _address(request) -> str | None:
    """The client's address by allauth's rule, the one its rate limits count
    (ALLAUTH_TRUSTED_PROXY_COUNT, from TRUSTED_PROXY_COUNT). A log line must never fail the
    request, so a header that does not fit the rule falls back to the connection's address."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):
        return request.META.get("REMOTE_ADDR")


def event(logger, name: str, *, request=None, person=None, **fields):
    """Log `name` with `fields`: who (person id), from where (IP), and what."""
    if person is None and request is not None:
        user = getattr(request, "user", None)
        person = user if user is not None and user.is_authenticated else None
    data = {"person": getattr(person, "pk", person), "ip": client_ip(request), **fields}
    logger.info(name, extra={"portal": data})


def security(name: str, *, request=None, person=None, **fields):
    event(security_logger, name, request=request, person=person, **fields)


def _utc(record) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


def _encode(value) -> str:
    # ensure_ascii also escapes U+2028/U+2029, which some log viewers treat as line breaks.
    return json.dumps(value, default=str, ensure_ascii=True, sort_keys=True)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"time": _utc(record), "level": record.levelname, "logger": record.name,
                "message": record.getMessage()}
        line.update(getattr(record, "portal", {}))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return _encode(line)


class PlainFormatter(logging.Formatter):
    def format(self, record):
        text = f"{_utc(record)} {record.levelname} {record.name} {record.getMessage()}"
        fields = getattr(record, "portal", None)
        if fields:
            text += " " + _encode(fields)
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


class RequestContextMiddleware:
    """Remembers the request for log lines written while it is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
