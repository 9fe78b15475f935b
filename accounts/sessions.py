"""How long a session lasts, in one place: signed out after SESSION_IDLE_SECONDS without a
request and SESSION_MAX_SECONDS after signing in; other sessions ended when the password or
address changes (accounts/security.py); a sign-in in the last few minutes counts as confirming
it is you (accounts/adapter.py)."""

import time

from allauth.account import app_settings as allauth_settings

# allauth keeps each sign-in's time in the session; this reads it (allauth <66 is pinned).
from allauth.account.internal.flows.login import get_authentication_records
from allauth.usersessions.internal.usersessionkit import track_activity
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect

from core.logs import security


def end_other_sessions(request, user) -> int:
    """Ends every session of `user` except the one making this request. A new password gives
    this session a new key, so its record is made again under that key."""
    current = getattr(getattr(request, "session", None), "session_key", None)
    ended = 0
    for session in UserSession.objects.filter(user=user).exclude(session_key=current):
        ended += session.exists()  # not the record of this session's previous key
        session.end()
    if current and getattr(request, "user", None) is not None and request.user.is_authenticated:
        UserSession.objects.create_from_request(request)
    return ended


def signed_in_recently(request) -> bool:
    """Within allauth's reauthentication timeout (5 minutes) of the last sign-in or
    confirmation."""
    records = get_authentication_records(request, request.user)
    latest = max((r.get("at", 0) for r in records), default=0)
    return time.time() - latest < allauth_settings.REAUTHENTICATION_TIMEOUT


class SessionTimeoutMiddleware:
    """Signs a person out after SESSION_IDLE_SECONDS without a request, and SESSION_MAX_SECONDS
    after they signed in, whatever they do. A session whose person can no longer sign in
    (deactivated) is ended, not just ignored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("portal_started_at", now)
            seen = session.get("portal_seen_at", now)
            idle = now - seen > settings.SESSION_IDLE_SECONDS
            too_old = now - started > settings.SESSION_MAX_SECONDS
            if idle or too_old:
                logout(request)
                messages.info(request, "You were signed out: your session had "
                                       + ("been idle too long." if idle else "lasted too long."))
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")
            if now - seen >= 60 or "portal_seen_at" not in session:
                session["portal_seen_at"] = now  # at most one session write a minute
                # allauth's "last seen" on the sessions page, on the same once-a-minute beat
                # (its own middleware writes to the database on every request).
                track_activity(request, user=user, session=session)
        elif user is not None and SESSION_KEY in request.session:
            security("signed_out_no_longer_active", request=request,
                     person=request.session[SESSION_KEY])
            logout(request)
        return self.get_response(request)
