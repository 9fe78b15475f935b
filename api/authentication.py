"""Who is calling the API: a personal token in `Authorization: Bearer <token>`, or the browser's
own session (the browsable API); nobody otherwise (an anonymous caller sees what an anonymous
visitor sees)."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken, digest_of
from .throttling import PerAddress

NOT_VALID = ("This token does not work: it was revoked, it expired or it was mistyped. "
             "Make a new one on your account's API tokens page.")


class WrongTokens:
    """Tokens that do not work, counted per address in the shared cache: past the limit an
    address is told to wait, so nobody can try tokens as fast as the server answers."""

    def __init__(self, request):
        self.limit, period = settings.API_WRONG_TOKENS
        self.period = period
        self.key = "api:wrong-tokens:" + PerAddress().get_ident(request)

    def refuse_if_too_many(self):
        if cache.get(self.key, 0) >= self.limit:
            raise exceptions.Throttled(wait=self.period)

    def count(self):
        if cache.add(self.key, 1, self.period):
            return
        try:
            cache.incr(self.key)
        except ValueError:  # expired between add and incr
            cache.add(self.key, 1, self.period)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "The Authorization header should read: Bearer followed by your token")
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(NOT_VALID) from None
        now = timezone.now()
        guesses = WrongTokens(request)
        guesses.refuse_if_too_many()
        token = (ApiToken.objects.usable(now).select_related("user")
                 .filter(digest=digest_of(secret)).first())
        if token is None:
            guesses.count()
            raise exceptions.AuthenticationFailed(NOT_VALID)
        # Written at most hourly, so a busy client does not write on every read.
        if token.last_used_at is None or now - token.last_used_at > timedelta(hours=1):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session, for the browsable API. Every endpoint is read-only, so the CSRF
    check DRF makes for unsafe methods never has anything to guard."""


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "A personal API token, made on your account's API tokens page"}


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = SessionAuthentication
    name = "browserSession"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
