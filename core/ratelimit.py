"""Per-person hourly limits on actions that send email to others, against abuse."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone


def hit(user, action: str, *, noun: str):
    """Count one action; ValidationError with a plain message when the hour's limit is reached.
    `noun` is what the person sends, in the plural ("invitations"), for that message."""
    limit = settings.HOURLY_LIMITS[action]
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"ratelimit:{action}:{user.pk}:{hour}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        raise ValidationError(
            f"You have sent {limit} {noun} in the last hour, the most we allow. "
            "Try again in an hour.", code="rate_limited")
