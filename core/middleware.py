import time

from allauth.mfa.models import Authenticator
from allauth.usersessions.internal.usersessionkit import track_activity
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from core.logs import security

# Pages a person who must set up MFA can still reach: setting it up, and the ways out.
MFA_SETUP_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_logout",
    "account_reauthenticate",
    "mfa_reauthenticate",
    "account_confirm_email",
    "account_email_verification_sent",
    "health",
}


def _has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMfaMiddleware:
    """Staff and curators without a second factor are sent to set one up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.needs_mfa:
            try:
                url_name = resolve(request.path_info).url_name
            except Resolver404:
                url_name = None
            if url_name not in MFA_SETUP_URL_NAMES and not _has_authenticator(user):
                return redirect("mfa_activate_totp")
        return self.get_response(request)


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
