from django.conf import settings
from django.db import models
from django.db.models import Q

from core.links import link
from organisations.models import HealthCategory, Organisation

from . import identifiers


class Study(models.Model):
    class Status(models.TextChoices):
        SET_UP = "set-up", "In set-up"
        RECRUITING = "recruiting", "Recruiting"
        FOLLOW_UP = "follow-up", "In follow-up"
        CLOSED = "closed", "Closed"
        COMPLETED = "completed", "Completed"

    class Phase(models.TextChoices):
        EARLY_1 = "early-1", "Early phase 1"
        P1 = "1", "Phase 1"
        P1_2 = "1/2", "Phase 1/2"
        P2 = "2", "Phase 2"
        P2_3 = "2/3", "Phase 2/3"
        P3 = "3", "Phase 3"
        P4 = "4", "Phase 4"
        NA = "n/a", "Not applicable"

    class SponsorClass(models.TextChoices):
        # ClinicalTrials.gov's classes of sponsor (its data element "Lead Sponsor Class").
        INDUSTRY = "INDUSTRY", "Industry"
        NIH = "NIH", "US National Institutes of Health"
        FED = "FED", "US federal government"
        OTHER_GOV = "OTHER_GOV", "Other government"
        INDIV = "INDIV", "Individual"
        NETWORK = "NETWORK", "Network"
        OTHER = "OTHER", "Other (universities, hospitals, charities)"
        AMBIG = "AMBIG", "Ambiguous"
        UNKNOWN = "UNKNOWN", "Unknown"

    class Design(models.TextChoices):
        INTERVENTIONAL = "interventional", "Interventional"
        OBSERVATIONAL = "observational", "Observational"
        OTHER = "other", "Other"

    title = models.CharField(max_length=500)
    short_name = models.CharField(max_length=60, blank=True)
    summary = models.TextField(max_length=5000, blank=True)
    nct_id = models.CharField("ClinicalTrials.gov number", max_length=11, blank=True,
                              validators=[identifiers.validate_nct])
    isrctn = models.CharField("ISRCTN", max_length=14, blank=True,
                              validators=[identifiers.validate_isrctn])
    eudract = models.CharField("EudraCT number", max_length=14, blank=True,
                               validators=[identifiers.validate_eudract])
    ctis = models.CharField("EU CTIS number", max_length=17, blank=True,
                            validators=[identifiers.validate_ctis])
    iras_id = models.CharField("IRAS ID", max_length=7, blank=True,
                               validators=[identifiers.validate_iras])
    cpms_id = models.CharField("NIHR CPMS ID", max_length=7, blank=True,
                               validators=[identifiers.validate_cpms])
    phase = models.CharField(max_length=10, choices=Phase.choices, blank=True)
    design = models.CharField(max_length=20, choices=Design.choices, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SET_UP)
    sponsor = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="sponsored_studies")
    sponsor_name = models.CharField(max_length=300, blank=True)
    sponsor_class = models.CharField(max_length=10, choices=SponsorClass.choices, blank=True)
    collaborators = models.ManyToManyField(Organisation, blank=True,
                                           related_name="collaborating_studies")
    funders = models.ManyToManyField(Organisation, blank=True, related_name="funded_studies")
    conditions = models.CharField(max_length=500, blank=True)
    health_categories = models.ManyToManyField(HealthCategory, blank=True,
                                               related_name="studies")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    recruitment_end_date = models.DateField("planned end of recruitment", null=True, blank=True)
    target_recruitment = models.PositiveIntegerField(null=True, blank=True)
    partnerships = models.ManyToManyField("partnerships.Partnership", blank=True,
                                          related_name="studies")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "studies"
        constraints = [
            models.UniqueConstraint(fields=[field], condition=~Q(**{field: ""}),
                                    name=f"study_unique_{field}")
            for field in ("nct_id", "isrctn", "eudract", "ctis", "iras_id", "cpms_id")
        ]
        indexes = [models.Index(fields=["status", "phase"]),
                   # The directory's default order, so a page is an index range, not a sort.
                   models.Index(fields=["title", "id"])]

    def __str__(self):
        return self.short_name or self.title

    def get_absolute_url(self):
        return link("trials:detail", self.pk)

    @property
    def recruitment_ends(self):
        """When recruitment is planned to end: its own date, or else the study's end."""
        return self.recruitment_end_date or self.end_date

    @property
    def identifier_rows(self):
        return [(self._meta.get_field(f).verbose_name, getattr(self, f))
                for f in identifiers.FIELDS if getattr(self, f)]


class StudySite(models.Model):
    """One NHS organisation delivering a study, with the dates the national delivery measures
    count from (trials/delivery.py)."""

    class Figures(models.TextChoices):
        REPORTED = "reported", "Reported"
        CONFIRMED = "confirmed", "Confirmed by the site"
        QUERIED = "queried", "Queried by the site"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="sites")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="study_sites")
    local_target = models.PositiveIntegerField(null=True, blank=True)
    application_date = models.DateField("application submitted", null=True, blank=True)
    approval_date = models.DateField("approved", null=True, blank=True)
    selected_date = models.DateField("site selected", null=True, blank=True)
    opened_date = models.DateField("open to recruitment", null=True, blank=True)
    first_participant_date = models.DateField("first participant", null=True, blank=True)
    planned_close_date = models.DateField("planned close", null=True, blank=True)
    closed_date = models.DateField("closed", null=True, blank=True)
    # The site's own people confirm the figures reported for it, or query them.
    figures = models.CharField(max_length=10, choices=Figures.choices, default=Figures.REPORTED)
    figures_note = models.CharField(max_length=500, blank=True)
    figures_answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    figures_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["study", "organisation"],
                                               name="site_once_per_study")]

    def __str__(self):
        return f"{self.organisation} ({self.study})"


class RecruitmentUpdate(models.Model):
    """People recruited so far (cumulative), overall or at one site, on a date."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="recruitment")
    site = models.ForeignKey(StudySite, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="recruitment")
    date = models.DateField()
    recruited = models.PositiveIntegerField()
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["study", "site", "date"])]

    def __str__(self):
        return f"{self.recruited} by {self.date}"

    @classmethod
    def latest_by_site(cls, sites) -> dict:
        """{site id: (date, recruited)} of each site's latest count, in one query."""
        latest = {}
        for day, recruited, site_id in (cls.objects.filter(site__in=sites)
                                        .order_by("date", "pk")
                                        .values_list("date", "recruited", "site_id")):
            latest[site_id] = (day, recruited)
        return latest
