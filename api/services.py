"""Making and revoking API tokens."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import audit

from .models import ApiToken, digest_of

LIFETIMES = {30: "30 days", 90: "90 days", 180: "6 months", 365: "1 year"}
MAX_ACTIVE = 10


@transaction.atomic
def token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the person; returns it with its secret, which is not kept."""
    if days not in LIFETIMES:
        raise ValidationError({"days": "Choose how long the token lasts"})
    if ApiToken.objects.filter(user=user).usable().count() >= MAX_ACTIVE:
        raise ValidationError(f"You have {MAX_ACTIVE} tokens that work: revoke one you no "
                              "longer use before making another")
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user, name=name, hint=secret[:10], digest=digest_of(secret),
        expires_at=timezone.now() + timedelta(days=days))
    audit.record(user, "api_token.created", user, name=name, days=days)
    return token, secret


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        audit.record(user, "api_token.revoked", user, name=token.name)
