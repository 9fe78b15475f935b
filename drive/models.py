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
