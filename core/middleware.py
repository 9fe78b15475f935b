
from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

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


class PrivatePagesMiddleware:
    """What a signed-in person sees is theirs: no shared cache or browser history keeps it
    (`Cache-Control: private, no-store`), pages and downloads alike. Anonymous pages show only
    public data and may be cached as the view says; a view showing something private to an
    anonymous visitor (an invitation link) marks itself with never_cache."""

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
