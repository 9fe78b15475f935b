from django.conf import settings
from django.db import models

from core.links import link
from drive.models import DriveAction
from organisations.models import HealthCategory, Organisation

from .permissions import is_curator


class Sector(models.TextChoices):
    NHS = "nhs", "NHS"
    CHARITY = "charity", "Charity"
    INDUSTRY = "industry", "Industry"
    ACADEMIC = "academic", "Academic"
    GOVERNMENT = "government", "Government"


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=CaseStudy.State.PUBLISHED)

    def visible_to(self, user):
        return self.all() if is_curator(user) else self.published()


class CaseStudy(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in-review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=1000)
    body = models.TextField("story (Markdown)", max_length=20000, blank=True)
    what_worked = models.TextField("what worked", max_length=5000, blank=True)
    outcomes = models.TextField(max_length=5000, blank=True)
    drive_actions = models.ManyToManyField(DriveAction, blank=True, related_name="case_studies")
    health_categories = models.ManyToManyField(HealthCategory, blank=True,
                                               related_name="case_studies")
    sectors = models.JSONField(default=list, blank=True)
    partnerships = models.ManyToManyField("partnerships.Partnership", blank=True,
                                          related_name="case_studies")
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="case_studies")
    studies = models.ManyToManyField("trials.Study", blank=True, related_name="case_studies")
    image = models.FileField(upload_to="case-studies/", blank=True)
    image_type = models.CharField(max_length=20, blank=True, editable=False)
    image_alt = models.CharField("image description (alt text)", max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at", "-pk"]
        verbose_name_plural = "case studies"
        indexes = [models.Index(fields=["state", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("casestudies:detail", self.pk)

    @property
    def sector_labels(self):
        return [Sector(s).label for s in self.sectors if s in Sector.values]


class Nomination(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Waiting for a curator"
        DRAFTED = "drafted", "Turned into a draft case study"
        DECLINED = "declined", "Declined"

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE,
                                    related_name="nominations")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("why it is a good example", max_length=2000)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    decline_reason = models.TextField(max_length=1000, blank=True)
    case_study = models.ForeignKey(CaseStudy, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="nominations")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Nomination of {self.partnership}"
