"""The Jinja2 environment for every page: NHS.UK frontend macros plus a few portal helpers."""

import functools
import hashlib
import json
import re
from pathlib import Path

import nhsuk_frontend_jinja
from django import forms
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.template import engines
from django.template.backends.utils import csrf_input
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    select_autoescape,
)
from markupsafe import Markup

from core import versions
from core.audit import details_in_words
from core.forms import error_summary_items, field_params, has_errors
from core.links import link
from core.text import figure

NHSUK_TEMPLATES = Path(nhsuk_frontend_jinja.__file__).parent / "templates"


def url(name, *args, **kwargs):
    if kwargs:
        return reverse(name, kwargs=kwargs)
    return link(name, *args)  # a kept pattern: lists ask for an address per row


def query_with(request, **changes):
    """This page's query string with some parameters replaced (None removes one)."""
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


def in_sentence(value):
    """A label inside a sentence: "NHS partner" stays so, "Funder" becomes "funder"."""
    text = str(value)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def thousands(value):
    """Figures as people read them: 12,500."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value


def format_date(value, fmt="j F Y"):
    """Dates as the NHS writes them: 3 March 2026."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = localtime(value)
    return date_format(value, fmt)


SEARCH_KEPT_CHARACTERS = 100


def _only_choices(form, query) -> bool:
    """A valid filter form whose values are picked from lists, or typed words of a search no
    longer than SEARCH_KEPT_CHARACTERS: worth keeping (a search is paged through, and common
    searches come back; the cache forgets each after FRAGMENT_CACHE_SECONDS). A bad value is
    rendered afresh."""

    if not form.is_bound:
        return True
    if not form.is_valid() or any(key != "page" and key not in form.fields for key in query):
        return False
    return not any(isinstance(field, forms.CharField)
                   and len(form.cleaned_data.get(name) or "") > SEARCH_KEPT_CHARACTERS
                   for name, field in form.fields.items())


def cached_html(name, query, form, caller):
    """What `caller` renders, cached for FRAGMENT_CACHE_SECONDS by `name` and the query string
    (`page` aside). Only for HTML that depends on nothing but `form` and the query, such as a
    list page's filter form: the NHS macros make 40 checkboxes the slowest part of a page."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds or not _only_choices(form, query):
        return caller()
    items = sorted((key, value) for key in query if key != "page" for value in query.getlist(key))
    digest = hashlib.sha256(repr(items).encode()).hexdigest()[:32]
    key = f"fragment:{settings.FRAGMENT_CACHE_VERSION}:{name}:{digest}"
    html = cache.get(key)
    if html is None:
        html = str(caller())
        cache.set(key, html, seconds)
    return Markup(html)  # noqa: S704 - our own autoescaped render, kept as it was


# A form's CSRF token is never kept: a kept copy holds this mark instead, and each response puts
# a fresh token (Django masks it anew every time, against BREACH) in its place.
CSRF_INPUT = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[A-Za-z0-9]*">')
CSRF_MARK = "<!--csrf-input-->"


def remembered_html(name, request, shared=False, caller=None):
    """What `caller` renders (a list's results, a record's page), kept in the cache for this
    viewer (anonymous visitors share one copy, each signed-in person has their own; `shared`
    for public rows only, the same for everyone), this address and query string and this
    version of the data (core.versions): any write shows at once; nobody sees another person's
    rows. The view passes what it reads lazily, so a kept copy costs no query at all."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated and not shared
    viewer = f"person:{user.pk}" if signed_in else "anyone"
    items = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    html = versions.remembered(name, (viewer, request.path, items),
                               lambda: CSRF_INPUT.sub(CSRF_MARK, str(caller())))
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, str(csrf_input(request)))
    return Markup(html)  # noqa: S704 - our own autoescaped render, kept as it was


# NHS components whose HTML depends only on their parameters, as the layout calls them on every
# page: rendered once per set of parameters and kept (up to COMPONENTS_KEPT sets per process).
COMPONENTS = {
    "header": "nhsuk/components/header/macro.jinja",
    "footer": "nhsuk/components/footer/macro.jinja",
    "tag": "nhsuk/components/tag/macro.jinja",
}
COMPONENTS_KEPT = 2048


def _components(env):
    @functools.lru_cache(maxsize=COMPONENTS_KEPT)
    def render(name, key):
        macro = getattr(env.get_template(COMPONENTS[name]).module, name)
        return macro(json.loads(key))  # Markup, escaped by the macro itself

    def component(name, params):
        """The component's HTML. Its parameters are plain text (no Markup), so the JSON that
        keys the cache gives the macro what it was called with; a value left undefined (a page
        rendered without a request, such as the 500 page) arrives as empty text."""
        return render(name, json.dumps(params, sort_keys=True, default=str))

    return component


def environment(**options):
    loader = options.pop("loader", None)
    # The NHS macros read optional parameters as params.a.b, which needs a chainable Undefined.
    options.update(trim_blocks=True, lstrip_blocks=True, undefined=ChainableUndefined)
    options.pop("autoescape", None)
    # Pages and HTML email are escaped; the plain-text part of an email is not HTML, so a title
    # like "Children's health" must not arrive as "Children&#39;s health".
    # Compiled templates kept on disk: a gunicorn worker recycled after max_requests starts
    # without recompiling every template (about 0.9 s of CPU each time). Jinja's own folder in
    # the temporary directory, which it checks is this user's alone (no one else's bytecode).
    options.setdefault("bytecode_cache", FileSystemBytecodeCache())
    env = Environment(autoescape=select_autoescape(disabled_extensions=("txt",), default=True,
                                                   default_for_string=True), **options)
    env.loader = ChoiceLoader([loader or env.loader, FileSystemLoader(NHSUK_TEMPLATES)])
    env.globals.update(
        {
            "url": url,
            "query_with": query_with,
            "static": static,
            "get_messages": get_messages,
            "field_params": field_params,
            "error_summary_items": error_summary_items,
            "cached_html": cached_html,
            "remembered_html": remembered_html,
            "details_in_words": details_in_words,
            "has_errors": has_errors,
            "component": _components(env),
        }
    )
    env.filters["date"] = format_date
    env.filters["in_sentence"] = in_sentence
    env.filters["thousands"] = thousands
    env.filters["figure"] = figure  # Decimal figures: 1,250 or 12.5
    return env


def warm_templates() -> int:
    """Loads every template (from the bytecode cache, or compiled) into the environment's
    memory, so a gunicorn worker's first requests do not pay for it (config/gunicorn.py)."""
    env = engines["jinja2"].env
    names = env.list_templates(filter_func=lambda name: name.endswith((".jinja", ".html")))
    for name in names:
        env.get_template(name)
    return len(names)
