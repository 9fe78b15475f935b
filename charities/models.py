from django.conf import settings
from django.db import models
from django.db.models import Q

from core.links import link
from organisations.models import HealthCategory, Membership, Organisation, Region


class CharityProfile(models.Model):
    """What a charity tells NHS teams about itself. Managed by its organisation admins."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="charity_profile")
    about = models.TextField("what the charity does", max_length=3000, blank=True)
    amrc_member = models.BooleanField("member of the Association of Medical Research Charities",
                                      default=False)
    regions = models.JSONField(default=list, blank=True)  # Region values
    contact_name = models.CharField("who to contact", max_length=150, blank=True)
    contact_email = models.EmailField("contact email", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Profile of {self.organisation}"


class OfferQuerySet(models.QuerySet):
    def public(self):
        # An unverified charity's offers wait: nobody publishes expertise in another's name.
        return self.filter(status=ExpertiseOffer.Status.OPEN,
                           organisation__verified_at__isnull=False)

    def managed_by(self, user):
        """Offers of charities the person is an active member (staff) of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user,
                           organisation__memberships__state=Membership.State.ACTIVE)

    def visible_to(self, user):
        return self.filter(Q(status=ExpertiseOffer.Status.OPEN,
                             organisation__verified_at__isnull=False)
                           | Q(pk__in=self.managed_by(user).values("pk")))


class ExpertiseOffer(models.Model):
    class Kind(models.TextChoices):
        PPI = "ppi", "Patient and public involvement"
        STUDY_DESIGN = "study-design", "Study design"
        RECRUITMENT = "recruitment", "Recruitment support"
        CONVENING = "convening", "Convening and networks"
        DATA = "data", "Data and registries"
        FUNDING = "funding", "Funding"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OPEN = "open", "Open to requests"
        PAUSED = "paused", "Paused"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="offers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000)
    health_categories = models.ManyToManyField(HealthCategory, blank=True, related_name="offers")
    regions = models.JSONField(default=list, blank=True)
    capacity = models.CharField(max_length=200, blank=True,
                                help_text="For example, 2 new partnerships a quarter")
    how_to_ask = models.TextField("how to ask", max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("charities:offer", self.pk)

    @property
    def region_labels(self):
        return [Region(r).label for r in self.regions if r in Region.values]


class ExpertiseRequest(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", "Waiting for the charity"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"
        COMPLETED = "completed", "Completed"

    # Which state may follow which; anything else is refused.
    TRANSITIONS = {
        State.REQUESTED: {State.ACCEPTED, State.DECLINED, State.WITHDRAWN},
        State.ACCEPTED: {State.COMPLETED, State.WITHDRAWN},
        State.DECLINED: set(),
        State.WITHDRAWN: set(),
        State.COMPLETED: set(),
    }

    offer = models.ForeignKey(ExpertiseOffer, on_delete=models.CASCADE, related_name="requests")
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE,
                                    related_name="expertise_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    what_is_needed = models.TextField(max_length=3000)
    needed_by = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    decline_reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)  # accepted or declined
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.partnership} asks {self.offer.organisation}"

    def get_absolute_url(self):
        return link("charities:request", self.pk)


class RequestMessage(models.Model):
    """A question or an answer on a request, from either side."""

    request = models.ForeignKey(ExpertiseRequest, on_delete=models.CASCADE,
                                related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField(max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
