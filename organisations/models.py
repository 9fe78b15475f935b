from django.db import models


class HealthCategory(models.Model):
    """A UKCRC HRCS health category. Reference data, loaded by a migration."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "health categories"

    def __str__(self):
        return self.name


class ResearchActivityGroup(models.Model):
    """A UKCRC HRCS research activity group (1 to 8). Reference data, loaded by a migration."""

    number = models.PositiveSmallIntegerField(unique=True)
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"
