import logging
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from core import pickers
from core.logs import security
from core.middleware import public_page

logger = logging.getLogger(__name__)


@public_page
def privacy(request):
    return render(request, "core/privacy.jinja", {
        "invitation_days": settings.INVITATION_DAYS,
        "idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
        "max_hours": settings.SESSION_MAX_SECONDS // 3600})


@public_page
def cookies(request):
    return render(request, "core/cookies.jinja")


@public_page
def accessibility(request):
    return render(request, "core/accessibility.jinja")


def feedback(request):
    return render(request, "core/feedback.jinja")


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = f"health:{get_random_string(12)}"
    cache.set(key, "ok", timeout=10)
    ok = cache.get(key) == "ok"
    cache.delete(key)
    if not ok:
        raise RuntimeError("cache did not return what was stored")


def _check_broker():
    app = current_app  # the portal's Celery app (config/celery.py), without importing config
    folder = (app.conf.broker_transport_options or {}).get("data_folder_in")
    if app.conf.broker_url.startswith("filesystem") and not Path(folder).is_dir():
        raise RuntimeError(f"the embedded broker's folder {folder} does not exist")
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)


@never_cache
def health(request):
    """For load balancers and `docker compose`: 200 when every service answers, else 503."""
    checks = {}
    for name, check in (
        ("database", _check_database),
        ("cache", _check_cache),
        ("broker", _check_broker),
    ):
        try:
            check()
        except Exception as exc:  # any failure of a dependency means "down", whatever its type
            logger.warning("health check %s failed: %s", name, exc)
            checks[name] = "down"
        else:
            checks[name] = "ok"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": checks}, status=200 if healthy else 503
    )


def _error_page(request, status, title, message):
    return render(
        request,
        "core/error.jinja",
        {"status": status, "title": title, "message": message},
        status=status,
    )


@requires_csrf_token
def bad_request(request, exception=None):
    return _error_page(request, 400, "Sorry, there is a problem with your request",
                       "Check the address or the form you sent, then try again.")


@requires_csrf_token
def permission_denied(request, exception=None):
    security("permission_denied", request=request, method=request.method, path=request.path)
    return _error_page(request, 403, "You do not have permission to do this",
                       "If you think you should, ask a lead of the partnership or an admin of "
                       "your organisation to give you access.")


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form sent without its security token: usually a page left open past the session."""
    security("permission_denied", request=request, method=request.method, path=request.path,
             reason="csrf")
    return _error_page(request, 403, "This form has expired",
                       "Nothing was saved. Go back, reload the page and send the form again; "
                       "what you typed is usually still there when you go back.")


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error_page(request, 404, "Page not found",
                       "If you typed the web address, check it is correct. If you pasted the web "
                       "address, check you copied the entire address.")


@requires_csrf_token
def server_error(request):
    # Keep this path simple: whatever broke the page may also break the full layout.
    try:
        html = loader.render_to_string(
            "core/error.jinja",
            {"status": 500, "title": "Sorry, there is a problem with the service",
             "message": "Try again later.",
             "minimal": True},
        )
    except Exception:
        logger.exception("could not render the 500 page")
        return HttpResponseServerError("<h1>Sorry, there is a problem with the service</h1>")
    return HttpResponse(html, status=500)


@login_required
@require_GET
def pick(request, source):
    """Matches for a picker's type-ahead, as JSON: only what the person may see."""
    found = pickers.get_source(source)
    if found is None:
        raise Http404
    text = "".join(c for c in request.GET.get("q", "") if c.isprintable()).strip()[:100]
    results = []
    if len(text) >= 2:
        records = found.search(found.queryset(request.user), text)[:pickers.MATCHES]
        results = [{"value": str(r.pk), "text": str(r)} for r in records]
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-store"
    return response
