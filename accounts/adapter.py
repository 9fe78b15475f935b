from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from core.logs import security


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return True

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            # allauth's login_failed rate limit refused the attempt: the account is locked out.
            security("sign_in_locked_out", request=request, email=credentials.get("email"))
            raise
