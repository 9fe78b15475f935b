"""The Jinja2 environment for every page: NHS.UK frontend macros plus a few portal helpers."""

from pathlib import Path

import nhsuk_frontend_jinja
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader

from core.forms import error_summary_items, field_params

NHSUK_TEMPLATES = Path(nhsuk_frontend_jinja.__file__).parent / "templates"


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def query_with(request, **changes):
    """This page's query string with some parameters replaced (None removes one)."""
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


def format_date(value, fmt="j F Y"):
    """Dates as the NHS writes them: 3 March 2026."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = localtime(value)
    return date_format(value, fmt)


def environment(**options):
    loader = options.pop("loader", None)
    # The NHS macros read optional parameters as params.a.b, which needs a chainable Undefined.
    options.update(trim_blocks=True, lstrip_blocks=True, undefined=ChainableUndefined)
    options.pop("autoescape", None)
    env = Environment(autoescape=True, **options)
    env.loader = ChoiceLoader([loader or env.loader, FileSystemLoader(NHSUK_TEMPLATES)])
    env.globals.update(
        {
            "url": url,
            "query_with": query_with,
            "static": static,
            "get_messages": get_messages,
            "field_params": field_params,
            "error_summary_items": error_summary_items,
        }
    )
    env.filters["date"] = format_date
    return env
