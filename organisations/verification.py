"""Who may speak for an organisation: what registry administrators decide, and the proof a
confirmed email domain gives.

An organisation is verified once a registry administrator approved its first admin, or a person
with a verified address on an email domain a registry administrator confirmed for it became its
admin. Until then it cannot lead a partnership and its offers are not shown publicly.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import versions
from core.audit import record

from . import tasks
from .identifiers import SHARED_EMAIL_DOMAINS
from .models import REGISTRY_ADMINS, AdminReview, Membership, Organisation


def is_registry_admin(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=REGISTRY_ADMINS).exists()


def _require_registry_admin(user):
    if not is_registry_admin(user):
        raise PermissionDenied


def has_verified_email_on(user, domain) -> bool:
    if not domain or domain in SHARED_EMAIL_DOMAINS:
        return False
    return EmailAddress.objects.filter(
        user=user, verified=True, email__iendswith=f"@{domain}").exists()


def _verify(organisation, *, by, how):
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.verified_how = how
    organisation.save(update_fields=["verified_at", "verified_by", "verified_how"])
    record(by, "organisation.verified", organisation, how=how)
    tasks.tell_admins_verified.delay_on_commit(organisation.pk)


def verify_by_domain(organisation, user) -> bool:
    """A verified address on the confirmed domain proves an admin speaks for the organisation."""
    if organisation.is_verified or not has_verified_email_on(user,
                                                             organisation.confirmed_email_domain):
        return False
    _verify(organisation, by=None,
            how=f"{user.display_name}'s verified address on {organisation.email_domain}")
    return True


@transaction.atomic
def verify(*, registry_admin, organisation):
    _require_registry_admin(registry_admin)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_verified:
        raise ValidationError(f"{organisation.name} is already verified.")
    if not organisation.memberships.active_admins().exists():
        raise ValidationError(f"{organisation.name} has no admin yet: make one of its people an "
                              "admin first.")
    _verify(organisation, by=registry_admin, how="approved by a registry administrator")


@transaction.atomic
def withdraw(*, registry_admin, organisation):
    _require_registry_admin(registry_admin)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.is_verified:
        raise ValidationError(f"{organisation.name} is not verified.")
    Organisation.objects.filter(pk=organisation.pk).update(
        verified_at=None, verified_by=None, verified_how="")
    versions.changed()  # its offers leave the public lists
    record(registry_admin, "organisation.verification_withdrawn", organisation)


@transaction.atomic
def confirm_domain(*, registry_admin, organisation, confirm=True):
    _require_registry_admin(registry_admin)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if confirm and not organisation.email_domain:
        raise ValidationError(f"{organisation.name} has not given an email domain.")
    if confirm and organisation.email_domain in SHARED_EMAIL_DOMAINS:
        raise ValidationError(f"{organisation.email_domain} is shared by many organisations.")
    organisation.email_domain_confirmed_at = timezone.now() if confirm else None
    organisation.save(update_fields=["email_domain_confirmed_at"])
    record(registry_admin, "organisation.domain_confirmed" if confirm
           else "organisation.domain_withdrawn", organisation, domain=organisation.email_domain)
    if confirm:
        for membership in organisation.memberships.active_admins().select_related("user"):
            if verify_by_domain(organisation, membership.user):
                break


REGISTRY_CHANGES = {"make-admin": "made an admin:", "make-member": "made a member (not an admin):",
                    "remove": "removed"}


@transaction.atomic
def registry_change(*, registry_admin, membership, change) -> Membership | None:
    """A registry administrator settles who speaks for an organisation: makes a person (even
    one whose request is waiting or was refused) an admin or a member, or removes them."""
    _require_registry_admin(registry_admin)
    if change not in REGISTRY_CHANGES:
        raise ValidationError("Unknown change.")
    membership = Membership.objects.select_for_update().select_related(
        "organisation", "user").get(pk=membership.pk)
    person, organisation = membership.user, membership.organisation
    if change == "remove":
        membership.delete()
        record(registry_admin, "membership.removed", organisation, person=person.email,
               person_id=person.pk, by_registry=True)
        return None
    membership.role = Membership.Role.ADMIN if change == "make-admin" else Membership.Role.MEMBER
    membership.state = Membership.State.ACTIVE
    membership.decided_at, membership.decided_by = timezone.now(), registry_admin
    membership.save()
    record(registry_admin, "membership.role_changed", organisation, person=person.email,
           person_id=person.pk, role=membership.get_role_display(), by_registry=True)
    return membership


def review_ask(*, user, organisation, message) -> AdminReview:
    """Anyone who belongs to an organisation, or asked to, may ask for its admins to be looked
    at: the person refused by someone who should not be its admin most of all."""
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied
    if AdminReview.objects.filter(organisation=organisation, asked_by=user,
                                  closed_at__isnull=True).exists():
        raise ValidationError("You have already asked; a registry administrator will look at it.")
    review = AdminReview.objects.create(organisation=organisation, asked_by=user,
                                        message=message)
    record(user, "organisation.review_asked", organisation)
    tasks.tell_registry_admins.delay_on_commit(review.pk)
    return review


@transaction.atomic
def review_close(*, registry_admin, review):
    _require_registry_admin(registry_admin)
    review = AdminReview.objects.select_for_update().get(pk=review.pk)
    if review.closed_at:
        raise ValidationError("This request has already been closed.")
    review.closed_at, review.closed_by = timezone.now(), registry_admin
    review.save(update_fields=["closed_at", "closed_by"])
    record(registry_admin, "organisation.review_closed", review.organisation)
