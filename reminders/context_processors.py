from .models import Notification


def notifications(request):
    """The header's count of unseen notifications, counted only when the header asks
    (one query on the partial index of unread ones)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications":
            lambda: Notification.objects.filter(user=user, read_at__isnull=True).count()}
