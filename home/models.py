import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A person's private calendar address: their DRIVE due dates and invitation expiries, for
    Outlook and NHSmail to subscribe to. The address carries a random token, kept here only as
    its hash: it is shown once, and a new one (or stopping it) ends the old one at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Calendar of {self.user_id}"

    @classmethod
    def issue(cls, user) -> str:
        """A new token for the person, replacing any earlier one; returns the token."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(user=user, defaults={
            "token_hash": token_hash(token), "created_at": timezone.now(), "last_used_at": None})
        return token
