import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.links import link
from organisations.models import (
    HealthCategory,
    Membership,
    Organisation,
    ResearchActivityGroup,
)


class PartnershipQuerySet(models.QuerySet):
    def listed(self):
        """What anyone may see as a public summary."""
        return self.filter(
            visibility=Partnership.Visibility.LISTED,
            status__in=Partnership.PUBLIC_STATUSES,
        )

    def of_person(self, user):
        """Partnerships the person is one of the people of (any role, drafts included)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Exists(PartnershipPerson.objects.filter(partnership=OuterRef("pk"), user=user))
        )

    def of_administered_organisations(self, user):
        """Registered partnerships led by an organisation the person administers."""
        if not user.is_authenticated:
            return self.none()
        return self.exclude(status=Partnership.Status.DRAFT).filter(
            Exists(Membership.objects.filter(
                organisation=OuterRef("lead_organisation"), user=user,
                role=Membership.Role.ADMIN, state=Membership.State.ACTIVE,
            ))
        )

    def full_record_visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(Exists(PartnershipPerson.objects.filter(partnership=OuterRef("pk"), user=user)))
            | Q(pk__in=self.of_administered_organisations(user).values("pk"))
        )

    def editable_by(self, user):
        """Registered partnerships where the person is a lead or contributor."""
        if not user.is_authenticated:
            return self.none()
        return self.exclude(status=Partnership.Status.DRAFT).filter(
            Exists(PartnershipPerson.objects.filter(
                partnership=OuterRef("pk"), user=user,
                role__in=PartnershipPerson.EDITOR_ROLES)))

    def visible_to(self, user):
        """Everything the person may see at all: listed summaries plus their full records."""
        listed = Q(visibility=Partnership.Visibility.LISTED,
                   status__in=Partnership.PUBLIC_STATUSES)
        if not user.is_authenticated:
            return self.filter(listed)
        # The same rule as full_record_visible_to, written as two small id lists PostgreSQL
        # hashes once, rather than a nested scan of every partnership.
        theirs = Q(pk__in=PartnershipPerson.objects.filter(user=user).values("partnership_id"))
        administered = Q(lead_organisation__in=Membership.objects.filter(
            user=user, role=Membership.Role.ADMIN, state=Membership.State.ACTIVE,
        ).values("organisation_id")) & ~Q(status=Partnership.Status.DRAFT)
        return self.filter(listed | theirs | administered)


class Partnership(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        CLOSED = "closed", "Closed"

    class Visibility(models.TextChoices):
        LISTED = "listed", "Listed: anyone can see a summary"
        PRIVATE = "private", "Private: only its people can see it"

    PUBLIC_STATUSES = (Status.ACTIVE, Status.PAUSED, Status.CLOSED)

    title = models.CharField(max_length=200)
    purpose = models.TextField(max_length=5000, blank=True)
    topics = models.CharField(max_length=500, blank=True,
                              help_text="Key topics, separated by commas")
    health_categories = models.ManyToManyField(HealthCategory, blank=True,
                                               related_name="partnerships")
    research_activity_groups = models.ManyToManyField(ResearchActivityGroup, blank=True,
                                                      related_name="partnerships")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(max_length=10, choices=Visibility.choices,
                                  default=Visibility.LISTED)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    lead_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                          related_name="led_partnerships")
    organisations = models.ManyToManyField(Organisation, through="PartnerOrganisation",
                                           related_name="partnerships")
    # What the person typed on a step that did not pass validation, so leaving loses nothing.
    draft_answers = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    stall_days = models.PositiveSmallIntegerField(
        "days without DRIVE progress before leads are reminded", default=30,
        validators=[MinValueValidator(7), MaxValueValidator(365)])

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["visibility", "status", "-updated_at"]),
            models.Index(fields=["lead_organisation", "status"]),
            # The directory's default order: its first page is a short walk down this index
            # (EXPLAIN at 10,000 partnerships: 6.2 ms sequential scan and sort, then 0.3 ms).
            models.Index(fields=["-updated_at", "-id"], name="partnership_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partnership_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return link("partnerships:detail", self.pk)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def topic_list(self):
        return [t.strip() for t in self.topics.split(",") if t.strip()]


class PartnerQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=PartnerOrganisation.State.CONFIRMED)

    def not_declined(self):
        return self.exclude(state=PartnerOrganisation.State.DECLINED)


class PartnerOrganisation(models.Model):
    """An organisation in a partnership. Named by the lead, it is "proposed" until one of its own
    admins confirms (or declines) it; only confirmed partners show in public."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Waiting for the organisation to confirm"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined by the organisation"

    class Role(models.TextChoices):
        LEAD = "lead", "Lead organisation"
        NHS = "nhs", "NHS partner"
        CHARITY = "charity", "Charity partner"
        INDUSTRY = "industry", "Industry partner"
        ACADEMIC = "academic", "Academic partner"
        FUNDER = "funder", "Funder"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="partner_roles")
    role = models.CharField(max_length=10, choices=Role.choices)
    added_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"],
                                    name="organisation_once_per_partnership")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class PartnershipPerson(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        CONTRIBUTOR = "contributor", "Contributor"
        VIEWER = "viewer", "Viewer"

    # Who may change a partnership's record: the one place "lead or contributor" is written.
    EDITOR_ROLES = (Role.LEAD, Role.CONTRIBUTOR)

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="people")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="partnership_roles")
    role = models.CharField(max_length=12, choices=Role.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"],
                                    name="person_once_per_partnership")
        ]
        indexes = [models.Index(fields=["user", "partnership"])]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def can_edit(self):
        return self.role in self.EDITOR_ROLES


def _new_token():
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


class Invitation(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=12, choices=PartnershipPerson.Role.choices,
                            default=PartnershipPerson.Role.CONTRIBUTOR)
    # Through the person, their organisation may join the partnership in this role.
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    organisation_role = models.CharField(max_length=10, blank=True,
                                         choices=PartnerOrganisation.Role.choices)
    message = models.TextField(max_length=1000, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    # The link carries this value signed; the row decides whether it is still usable.
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    expires_at = models.DateTimeField(default=_default_expiry)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "email"],
                                    condition=Q(state="pending"),
                                    name="one_pending_invitation_per_email")
        ]

    def __str__(self):
        return f"{self.email} to {self.partnership}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def effective_state(self):
        if self.state == self.State.PENDING and self.is_expired:
            return self.State.EXPIRED
        return self.state

    def get_effective_state_display(self):
        return self.State(self.effective_state).label
