from django.conf import settings
from django.db import models
from django.urls import reverse


class DriveAction(models.Model):
    """One of the five DRIVE actions. Reference data, loaded by a migration."""

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=100)
    summary = models.TextField()
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.title

    @property
    def letter(self) -> str:
        return "DRIVE"[self.number - 1]


class DrivePrompt(models.Model):
    """A question the partners answer together for an action. Reference data."""

    action = models.ForeignKey(DriveAction, on_delete=models.CASCADE, related_name="prompts")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)

    class Meta:
        ordering = ["action__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["action", "position"], name="prompt_position_once")
        ]

    def __str__(self):
        return self.text


class ActionProgress(models.Model):
    """Where one partnership is with one DRIVE action. Overall progress is derived from these."""

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", "Not started"
        IN_PROGRESS = "in-progress", "In progress"
        COMPLETED = "completed", "Completed"
        CANNOT_START = "cannot-start", "Cannot start yet"

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE,
                                    related_name="drive_progress")
    action = models.ForeignKey(DriveAction, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.NOT_STARTED)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="drive_actions_owned")
    due_date = models.DateField(null=True, blank=True)
    notes = models.TextField(max_length=5000, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["action__number"]
        verbose_name_plural = "action progress"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "action"],
                                    name="one_progress_per_action")
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self):
        return f"{self.partnership} - {self.action}"

    def get_absolute_url(self):
        return reverse("drive:action", args=[self.partnership_id, self.action.slug])


class PromptAnswer(models.Model):
    progress = models.ForeignKey(ActionProgress, on_delete=models.CASCADE, related_name="answers")
    prompt = models.ForeignKey(DrivePrompt, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(max_length=5000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["progress", "prompt"], name="one_answer_per_prompt")
        ]

    def __str__(self):
        return self.text[:60]


class EvidenceLink(models.Model):
    progress = models.ForeignKey(ActionProgress, on_delete=models.CASCADE,
                                 related_name="evidence")
    title = models.CharField(max_length=200)
    url = models.URLField("web address", max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title


class RelatedItemMark(models.Model):
    """A partner's judgement of an item suggested under "Review and build on what exists"."""

    progress = models.ForeignKey(ActionProgress, on_delete=models.CASCADE,
                                 related_name="related_marks")
    kind = models.CharField(max_length=20)  # the source: partnership, study, offer
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)  # as it was when marked, for the summary
    url = models.CharField(max_length=500)
    relevant = models.BooleanField()
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-relevant", "title"]
        constraints = [
            models.UniqueConstraint(fields=["progress", "kind", "object_id"],
                                    name="one_mark_per_item")
        ]

    def __str__(self):
        return f"{self.title}: {'relevant' if self.relevant else 'not relevant'}"


class ReminderDelivery(models.Model):
    """One reminder to one person about one thing for one period. The unique key makes a
    reminder happen once; the state is claimed with a conditional update, so two workers or two
    sweeps never both send it, and it is marked sent only after the mail server accepted it."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", "Action due within a week"
        DUE_TODAY = "due-today", "Action due today"
        OVERDUE = "overdue", "Action overdue"
        STALLED = "stalled", "No DRIVE progress"
        INVITATION_EXPIRING = "invitation-expiring", "Invitation about to expire"
        REQUEST_UNANSWERED = "request-unanswered", "Request for help unanswered"
        DIGEST = "digest", "Weekly digest"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        IN_DIGEST = "in-digest", "Waiting for the weekly digest"
        FAILED = "failed", "Could not be sent"

    email = models.EmailField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=25, choices=Kind.choices)
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
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["email", "kind", "subject_key", "period"],
                                    name="reminder_once")
        ]
        indexes = [
            models.Index(fields=["state", "created_at"]),
            models.Index(fields=["partnership", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.email} ({self.period})"
