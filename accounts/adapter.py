from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode

from core.logs import security

from .sessions import signed_in_recently


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return True

    def send_mail(self, template_prefix, email, context):
        # Emails name the service and link to its public address, whatever host served the
        # request (a worker or a command has none).
        context = {**context, "site_url": settings.SITE_URL,
                   "service_name": "Research partnerships"}
        super().send_mail(template_prefix, email, context)

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth counts only an explicit "confirm it is you" step; a sign-in within the
        reauthentication timeout (5 minutes) counts too, so nobody is asked for the password
        they gave a moment ago."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = self.request
        if request is None or not request.user.is_authenticated:
            return True
        return not signed_in_recently(request)

    def format_email_subject(self, subject):
        # A subject is one line, whatever a title or a translation holds.
        return " ".join(super().format_email_subject(subject).split())

    def post_login(self, request, user, **kwargs):
        """Someone who signed up before names were asked for is asked for theirs once, at
        their next sign-in, and then sent where they were going."""
        response = super().post_login(request, user, **kwargs)
        if not user.full_name and response.status_code == 302:
            response["Location"] = f"{reverse('profile')}?{urlencode({'next': response.url})}"
        return response

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            # allauth's login_failed rate limit refused the attempt: the account is locked out.
            security("sign_in_locked_out", request=request, email=credentials.get("email"))
            raise
