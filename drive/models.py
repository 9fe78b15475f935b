from django.db import models


class DriveAction(models.Model):
    """One of the five DRIVE actions. Reference data, loaded by a migration."""

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=100)
    summary = models.TextField()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return self.title

    @property
    def letter(self) -> str:
        return "DRIVE"[self.number - 1]
