"""The two reminder tables. They were made by the drive and accounts apps, so they keep their
table names (and their data) here."""

from django.conf import settings
from django.db import models

from .registry import kind_label


class ReminderDelivery(models.Model):
    """One reminder to one person about one thing for one period. The unique key makes a
    reminder happen once; the state is claimed with a conditional update, so two workers or two
    sweeps never both send it, and it is marked sent only after the mail server accepted it.
    Its kind is one an app registered (reminders.registry), so a new kind needs no change here."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        IN_DIGEST = "in-digest", "Waiting for the weekly digest"
        FAILED = "failed", "Could not be sent"

    email = models.EmailField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=25)
    subject_key = models.CharField(max_length=60)  # e.g. "progress:12", "invitation:3"
    period = models.CharField(max_length=30)  # e.g. the due date, or "overdue-2"
    partnership = models.ForeignKey("partnerships.Partnership", null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="reminders")
    title = models.CharField(max_length=300)  # one line: what it is about
    link = models.CharField(max_length=500)  # where the person acts on it
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    digest = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="items")
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "drive_reminderdelivery"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "kind", "subject_key", "period"],
                                    name="reminder_once")
        ]
        indexes = [
            models.Index(fields=["state", "created_at"], name="drive_remin_state_b7cc76_idx"),
            models.Index(fields=["partnership", "-created_at"],
                         name="drive_remin_partner_796ea8_idx"),
        ]

    def __str__(self):
        return f"{self.kind_label} to {self.email} ({self.period})"

    @property
    def kind_label(self):
        return kind_label(self.kind)


class NotificationPreference(models.Model):
    """How a person (by email, so people without an account can opt out too) wants each topic
    of reminders. Topics are registered by the apps (reminders.registry)."""

    class Cadence(models.TextChoices):
        IMMEDIATE = "immediate", "Each reminder as it is due"
        WEEKLY = "weekly", "One weekly digest, on Monday morning"
        NONE = "none", "No reminders"

    email = models.EmailField()
    kind = models.CharField(max_length=20)  # a registered topic
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.IMMEDIATE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "accounts_notificationpreference"
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.email}: {self.kind} {self.cadence}"


class Notification(models.Model):
    """Something that happened to a thing the person is part of, shown on their notifications
    page and counted in the header until they read it. Its kind is a registered one, so the
    person's choice for the kind's topic (NotificationPreference) decides whether it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(max_length=25)
    title = models.CharField(max_length=300)
    link = models.CharField(max_length=500)  # a path on this site
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_list"),
            # The header's count of unread ones, on every page: an index of only those.
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True),
                         name="notification_unread"),
        ]

    def __str__(self):
        return f"{self.kind_label} for {self.user_id}: {self.title}"

    @property
    def kind_label(self):
        return kind_label(self.kind)
