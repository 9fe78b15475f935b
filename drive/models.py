from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from core.links import link


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
        return link("drive:action", self.partnership_id, self.action.slug)


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


class Commitment(models.Model):
    """What one partner brings to a partnership: people's time, money or something in kind
    ("Invest in infrastructure" and "Equip teams to collaborate"). Recorded by the partnership's
    editors as proposed; the committing organisation agrees to it (one of its admins, or a
    partnership lead who is one of its members), and marks it delivered."""

    class Kind(models.TextChoices):
        PEOPLE = "people", "People and time"
        MONEY = "money", "Money"
        IN_KIND = "in-kind", "In kind"

    class InKind(models.TextChoices):
        FACILITIES = "facilities", "Facilities and equipment"
        DATA = "data", "Data and samples"
        NETWORKS = "networks", "Networks and recruitment routes"
        PPI = "ppi", "Patient and public involvement"
        TRAINING = "training", "Training"
        OTHER = "other", "Other"

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AGREED = "agreed", "Agreed"
        DELIVERED = "delivered", "Delivered"

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE,
                                    related_name="commitments")
    partner = models.ForeignKey("partnerships.PartnerOrganisation", on_delete=models.CASCADE,
                                related_name="commitments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=300)
    # People: a role, how many people, and each one's time.
    role = models.CharField(max_length=150, blank=True)
    people = models.PositiveSmallIntegerField(null=True, blank=True)
    fte = models.DecimalField("FTE for each person", max_digits=3, decimal_places=2, null=True,
                              blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    protected_time = models.BooleanField("protected research time", default=False)
    # Money, in pounds.
    amount = models.DecimalField("amount in pounds", max_digits=12, decimal_places=2, null=True,
                                 blank=True)
    funder = models.CharField(max_length=200, blank=True)
    award_reference = models.CharField(max_length=100, blank=True)
    # In kind.
    in_kind_type = models.CharField("type", max_length=12, choices=InKind.choices, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partner_id", "kind", "pk"]
        indexes = [models.Index(fields=["partnership", "state"]),
                   models.Index(fields=["state", "end_date"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                                   name="commitment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(fte__isnull=True) | models.Q(fte__gt=0, fte__lte=1),
                name="commitment_fte_per_person"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True) | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="commitment_dates_in_order"),
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return link("drive:commitments", self.partnership_id) + f"#commitment-{self.pk}"

    @property
    def total_fte(self):
        if self.fte is None:
            return None
        return self.fte * (self.people or 1)

    @property
    def counts(self) -> bool:
        """Agreed or delivered: what Mark as completed counts."""
        return self.state in (self.State.AGREED, self.State.DELIVERED)


class Indicator(models.Model):
    """How the partners will know it worked ("Value success"): a measure with a baseline and a
    target, reported on a schedule by the partner that owns it, serving one partner's goal or
    a shared one. Declared while defining purpose; results come in while valuing success."""

    class Direction(models.TextChoices):
        UP = "up", "Higher is better"
        DOWN = "down", "Lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Every month"
        QUARTERLY = "quarterly", "Every quarter"
        YEARLY = "yearly", "Every year"

    MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE,
                                    related_name="indicators")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=50)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(max_digits=16, decimal_places=4)
    baseline_date = models.DateField()
    target_value = models.DecimalField(max_digits=16, decimal_places=4)
    target_date = models.DateField()
    frequency = models.CharField(max_length=10, choices=Frequency.choices,
                                 default=Frequency.QUARTERLY)
    owner = models.ForeignKey("partnerships.PartnerOrganisation", on_delete=models.CASCADE,
                              related_name="indicators_owned")
    # Whose goal it serves: one partner's, or (empty) a goal the partners share.
    serves = models.ForeignKey("partnerships.PartnerOrganisation", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="indicators_served")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(target_date__gt=models.F("baseline_date")),
                                   name="indicator_target_after_baseline"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return link("drive:indicator", self.partnership_id, self.pk)


class IndicatorResult(models.Model):
    """One period's figure for an indicator, dated by the end of the period it covers."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results")
    period_end = models.DateField("end of the period")
    value = models.DecimalField(max_digits=16, decimal_places=4)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period_end", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_end"],
                                    name="one_result_per_period"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.period_end})"


STUDY_IDENTIFIER = RegexValidator(
    r"^(NCT\d{8}|ISRCTN\d{8}|\d{6,7})$",
    "Enter a ClinicalTrials.gov number (NCT and 8 digits), an ISRCTN (ISRCTN and 8 digits) or "
    "an IRAS ID (6 or 7 digits)")
DOI = RegexValidator(r"^10\.\d{4,9}/\S+$", "Enter a DOI such as 10.1136/bmj.n71")
PMID = RegexValidator(r"^\d{1,8}$", "Enter a PubMed ID as up to 8 digits, such as 33782057")


class Output(models.Model):
    """Something the partnership produced or led to, dated, in Researchfish's 15 common outcome
    types, so funders and charities can read it in the categories they already report in."""

    class Category(models.TextChoices):
        PUBLICATION = "publication", "Publications"
        COLLABORATION = "collaboration", "Collaborations and partnerships"
        FURTHER_FUNDING = "further-funding", "Further funding"
        NEXT_DESTINATION = "next-destination", "Next destination"
        ENGAGEMENT = "engagement", "Engagement activities"
        INFLUENCE = "influence", "Influence on policy, practice, patients and the public"
        TOOLS = "tools", "Research tools and methods"
        DATA = "data", "Research datasets, databases and models"
        IP = "ip", "Intellectual property and licensing"
        PRODUCTS = "products", "Medical products, interventions and clinical trials"
        CREATIVE = "creative", "Artistic and creative products"
        SOFTWARE = "software", "Software and technical products"
        SPIN_OUT = "spin-out", "Spin outs"
        AWARD = "award", "Awards and recognition"
        FACILITIES = "facilities", "Use of facilities and resources"

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE,
                                    related_name="outputs")
    category = models.CharField(max_length=20, choices=Category.choices)
    title = models.CharField(max_length=300)
    date = models.DateField()
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[DOI])
    pmid = models.CharField("PubMed ID", max_length=8, blank=True, validators=[PMID])
    study = models.CharField("study identifier", max_length=14, blank=True,
                             validators=[STUDY_IDENTIFIER])
    url = models.URLField("web address", max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["partnership", "-date"])]

    def __str__(self):
        return self.title
