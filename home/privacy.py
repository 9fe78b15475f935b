"""What the home app holds about a person, for accounts/privacy.py: their calendar address
(never the address itself: only its hash is kept). Closing deletes it with the account."""

from accounts.privacy import when

from .models import CalendarFeed


def export(user, emails):
    feed = CalendarFeed.objects.filter(user=user).first()
    return {"calendar_address": None if feed is None else {
        "made": when(feed.created_at), "last_read_by_a_calendar": when(feed.last_used_at)}}
