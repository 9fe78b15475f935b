
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

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


def public_page(view):
    """Marks a view whose page, to an anonymous visitor, holds only public data and no form
    that posts: PrivatePagesMiddleware lets a shared cache (a CDN) keep it."""
    view.public_page = True
    return view


class PrivatePagesMiddleware:
    """What a signed-in person sees is theirs: no shared cache or browser history keeps it
    (`Cache-Control: private, no-store`), pages and downloads alike. Anonymous answers are left
    as the view made them (PublicPagesMiddleware marks the cacheable ones); a view showing
    something private to an anonymous visitor (an invitation link) marks itself never_cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # A response already marked private (the API's, which a client may revalidate by its
        # ETag) keeps its own rule.
        private = "private" in response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not private:
            patch_cache_control(response, private=True, no_store=True)
        return response


class PublicPagesMiddleware:
    """A page marked `public_page`, answered to an anonymous visitor without setting a cookie
    (no message shown, no session or CSRF cookie made), is the same for every anonymous visitor:
    it is `public, max-age=PUBLIC_PAGE_SECONDS` with an ETag, and a request that sends the ETag
    back gets 304. Placed outside the session, messages and CSRF middleware, so it sees every
    cookie they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if (request.method in ("GET", "HEAD") and response.status_code == 200
                and user is not None and not user.is_authenticated
                and getattr(getattr(match, "func", None), "public_page", False)
                and not response.cookies and not response.has_header("Cache-Control")
                and not response.streaming):
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_SECONDS)
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response
