"""Entries of the national registers of organisations, loaded from their public bulk files
(`manage.py import_register`), so that an identifier can be checked without going online."""

from django.db import models


class Register(models.TextChoices):
    ODS = "ods", "NHS Organisation Data Service"
    CCEW = "ccew", "Charity Commission for England and Wales"
    OSCR = "oscr", "Scottish Charity Regulator"
    CCNI = "ccni", "Charity Commission for Northern Ireland"
    COMPANIES = "companies", "Companies House"


class Load(models.Model):
    """One run of import_register: what it read and what it changed."""

    register = models.CharField(max_length=12, choices=Register.choices)
    files = models.TextField()
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        get_latest_by = "started_at"
        indexes = [models.Index(fields=["register", "finished_at"])]

    def __str__(self):
        return f"{self.get_register_display()} loaded {self.started_at:%Y-%m-%d}"


class Entry(models.Model):
    register = models.CharField(max_length=12, choices=Register.choices)
    # In the portal's canonical form: upper case, no spaces, NIC before a Northern Ireland number.
    identifier = models.CharField(max_length=12)
    name = models.CharField(max_length=300)
    address = models.CharField(max_length=500, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    region = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=80, blank=True,
                              help_text="The register's own word for it: Registered, Active, …")
    is_open = models.BooleanField(default=True)
    closed_on = models.DateField(null=True, blank=True)
    # A digest of the fields above, so a refresh tells changed rows from unchanged ones cheaply.
    fingerprint = models.CharField(max_length=32)
    load = models.ForeignKey(Load, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "entries"
        constraints = [models.UniqueConstraint(fields=["register", "identifier"],
                                               name="register_entry_unique")]
        indexes = [models.Index(fields=["register", "load"])]

    def __str__(self):
        return f"{self.identifier} {self.name}"

    @property
    def state_text(self) -> str:
        if self.is_open:
            return self.status or "Open"
        when = f" on {self.closed_on:%-d %B %Y}" if self.closed_on else ""
        return f"{self.status or 'Closed'}{when}"
