"""What the reminders app holds about a person, for accounts/privacy.py, and reminder choices
that follow a person to a new address."""

from .models import Notification, NotificationPreference, ReminderDelivery


def export(user, emails):
    return {
        "reminder_choices": [
            {"email": p.email, "kind": p.kind, "cadence": p.cadence}
            for p in NotificationPreference.objects.filter(email__in=emails)],
        "notifications": [
            {"kind": n.kind, "title": n.title, "link": n.link,
             "created_at": n.created_at.isoformat(),
             "read_at": n.read_at.isoformat() if n.read_at else None}
            for n in Notification.objects.filter(user=user).order_by("created_at")],
    }


def close(user, emails):
    NotificationPreference.objects.filter(email__in=emails).delete()
    ReminderDelivery.objects.filter(email__in=emails).delete()
    Notification.objects.filter(user=user).delete()


def follow_new_address(sender, request, user, from_email_address, to_email_address, **kwargs):
    """Reminder choices are keyed by address; they follow the person to the new one."""
    old = from_email_address.email.lower() if from_email_address else None
    new = to_email_address.email.lower()
    if old and old != new and not NotificationPreference.objects.filter(email=new).exists():
        NotificationPreference.objects.filter(email=old).update(email=new)
