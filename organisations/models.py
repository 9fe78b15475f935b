import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from core.links import link

from . import identifiers


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


# The group of portal staff who decide who may speak for an organisation (they must use MFA).
REGISTRY_ADMINS = "Registry administrators"


class Region(models.TextChoices):
    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    UK_WIDE = "uk-wide", "UK-wide"


def organisation_match(value: str, via: str = "organisation") -> Q:
    """What a person typed into an organisation filter: an id (from a link) or part of a name.
    Only ASCII digits are an id: int() also reads "²" and would fail."""
    if value.isascii() and value.isdigit() and len(value) < 12:
        return Q(**{f"{via}_id": int(value)})
    return Q(**{f"{via}__name__icontains": value})


class OrganisationQuerySet(models.QuerySet):
    def nhs(self):
        return self.filter(kind__in=Organisation.NHS_KINDS)

    def verified(self):
        return self.filter(verified_at__isnull=False)

    def administered_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            memberships__user=user,
            memberships__role=Membership.Role.ADMIN,
            memberships__state=Membership.State.ACTIVE,
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NHS_TRUST = "nhs-trust", "NHS trust"
        ICB = "icb", "Integrated care board"
        NHS_OTHER = "nhs-other", "Other NHS body"
        CHARITY = "charity", "Charity"
        COMPANY = "company", "Company"
        UNIVERSITY = "university", "University"
        OTHER = "other", "Other"

    class RegisterState(models.TextChoices):
        UNCHECKED = "", "Not checked"
        LISTED = "listed", "Listed in the register"
        NOT_FOUND = "not-found", "Not found in the register"
        CLOSED = "closed", "Closed or removed"

    NHS_KINDS = (Kind.NHS_TRUST, Kind.ICB, Kind.NHS_OTHER)

    name = models.CharField(max_length=200)
    normalised_name = models.CharField(max_length=200, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    website = models.URLField(max_length=300, blank=True)
    address = models.CharField(max_length=500, blank=True)
    email_domain = models.CharField(
        "email domain", max_length=100, blank=True,
        help_text="Your organisation's own domain, for example christie.nhs.uk: never a shared "
                  "one such as nhs.net or gmail.com. Once a registry administrator confirms it, "
                  "people with a verified email address on it join at once.",
    )
    # Who may speak for the organisation: a registry administrator confirmed its first admin
    # (or the domain that proves them), and the domain that lets its people join at once.
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    verified_how = models.CharField(max_length=100, blank=True)
    email_domain_confirmed_at = models.DateTimeField(null=True, blank=True)
    # What the national registers (the registers app) say of its identifiers at the last check.
    register_state = models.CharField(max_length=10, choices=RegisterState.choices, blank=True)
    register_note = models.CharField(max_length=300, blank=True)
    register_checked_at = models.DateTimeField(null=True, blank=True)
    ods_code = models.CharField("ODS code", max_length=9, blank=True,
                                validators=[identifiers.validate_ods_code])
    charity_number_england_wales = models.CharField(
        "charity number (England and Wales)", max_length=7, blank=True,
        validators=[identifiers.validate_charity_number_england_wales])
    charity_number_scotland = models.CharField(
        "charity number (Scotland)", max_length=8, blank=True,
        validators=[identifiers.validate_charity_number_scotland])
    charity_number_northern_ireland = models.CharField(
        "charity number (Northern Ireland)", max_length=9, blank=True,
        validators=[identifiers.validate_charity_number_northern_ireland])
    company_number = models.CharField(
        "Companies House number", max_length=8, blank=True,
        validators=[identifiers.validate_company_number])
    health_categories = models.ManyToManyField(HealthCategory, blank=True,
                                               related_name="organisations")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = OrganisationQuerySet.as_manager()

    IDENTIFIER_FIELDS = ("ods_code", "charity_number_england_wales", "charity_number_scotland",
                         "charity_number_northern_ireland", "company_number")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "normalised_name"],
                                    name="organisation_unique_name_per_kind"),
            *[
                models.UniqueConstraint(fields=[field], condition=~Q(**{field: ""}),
                                        name=f"organisation_unique_{field}")
                for field in ("ods_code", "charity_number_england_wales",
                              "charity_number_scotland", "charity_number_northern_ireland",
                              "company_number")
            ],
        ]
        indexes = [models.Index(fields=["kind", "region"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalised_name = identifiers.normalise_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("organisations:detail", self.pk)

    @property
    def is_verified(self):
        return self.verified_at is not None

    @property
    def confirmed_email_domain(self) -> str:
        """The domain whose verified addresses join at once: only one a registry administrator
        confirmed, and never a shared one (some were set before shared ones were refused)."""
        shared = self.email_domain in identifiers.SHARED_EMAIL_DOMAINS
        if not self.email_domain_confirmed_at or shared:
            return ""
        return self.email_domain

    @property
    def is_nhs(self):
        return self.kind in self.NHS_KINDS

    @property
    def identifiers_display(self):
        labels = []
        for field in self.IDENTIFIER_FIELDS:
            value = getattr(self, field)
            if value:
                labels.append((self._meta.get_field(field).verbose_name, value))
        return labels

    def clean(self):
        """Identifiers this kind must have, in their canonical form, and no duplicates."""
        errors = {}
        for field in self.IDENTIFIER_FIELDS:
            setattr(self, field, identifiers.normalise_identifier(getattr(self, field)))
        self.name = " ".join((self.name or "").split())
        self.normalised_name = identifiers.normalise_name(self.name)
        self.email_domain = (self.email_domain or "").strip().lower().lstrip("@")
        if self.email_domain in identifiers.SHARED_EMAIL_DOMAINS:
            errors["email_domain"] = (
                f"{self.email_domain} is shared by people of many organisations: enter your "
                "organisation's own domain, or leave this empty and approve each person")
        elif self.email_domain and not re.fullmatch(
                r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", self.email_domain):
            errors["email_domain"] = "Enter a domain like christie.nhs.uk, without the @"
        if self.is_nhs and not self.ods_code:
            errors["ods_code"] = "Enter the organisation's ODS code, like RXF"
        if self.kind == self.Kind.CHARITY and not any(
            (self.charity_number_england_wales, self.charity_number_scotland,
             self.charity_number_northern_ireland)
        ):
            errors["charity_number_england_wales"] = (
                "Enter at least one charity number, for England and Wales, Scotland or "
                "Northern Ireland"
            )
        if self.kind == self.Kind.COMPANY and not self.company_number:
            errors["company_number"] = "Enter the company's Companies House number, like 00339181"
        others = Organisation.objects.exclude(pk=self.pk)
        if self.normalised_name and others.filter(
            kind=self.kind, normalised_name=self.normalised_name
        ).exists():
            errors["name"] = (
                f"An organisation called {self.name} of this kind is already registered: "
                "find it in the list and ask to join it instead"
            )
        for field in self.IDENTIFIER_FIELDS:
            value = getattr(self, field)
            if value and field not in errors and others.filter(**{field: value}).exists():
                label = self._meta.get_field(field).verbose_name
                errors[field] = f"Another organisation already has the {label} {value}"
        if errors:
            raise ValidationError(errors)



class MembershipQuerySet(models.QuerySet):
    def active_admins(self):
        return self.filter(role=Membership.Role.ADMIN, state=Membership.State.ACTIVE)


class Membership(models.Model):
    """A person's place in an organisation: asked for, then approved or refused by its admins."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        ADMIN = "admin", "Organisation admin"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        ACTIVE = "active", "Member"
        REFUSED = "refused", "Refused"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_each")
        ]
        indexes = [models.Index(fields=["organisation", "state"])]

    def __str__(self):
        return f"{self.user} in {self.organisation} ({self.get_state_display()})"

    @property
    def is_active(self):
        return self.state == self.State.ACTIVE

    @property
    def is_active_admin(self):
        return self.is_active and self.role == self.Role.ADMIN


class AdminReview(models.Model):
    """Someone of an organisation asks a registry administrator to look at who its admins are:
    for example when the person who registered it is not the one who should speak for it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="admin_reviews")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    message = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["closed_at", "created_at"])]

    def __str__(self):
        return f"Review of {self.organisation}'s admins"
