"""Writes to organisations and memberships. Views, tasks and commands all come through here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import ratelimit
from core.audit import record

from . import tasks, verification
from .models import Membership, Organisation
from .register_check import register_check


@transaction.atomic
def organisation_create(*, user, health_categories=(), **fields) -> Organisation:
    """Register an organisation; the person who registers it becomes its first admin."""
    organisation = Organisation(created_by=user, **fields)
    organisation.full_clean()
    organisation.save()
    organisation.health_categories.set(health_categories)
    Membership.objects.create(
        user=user, organisation=organisation, role=Membership.Role.ADMIN,
        state=Membership.State.ACTIVE, decided_at=timezone.now(), decided_by=user,
    )
    record(user, "organisation.created", organisation, name=organisation.name)
    register_check(organisation)
    return organisation


@transaction.atomic
def organisation_update(*, user, organisation, health_categories=None, **fields):
    if not Organisation.objects.administered_by(user).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    before = {name: getattr(organisation, name) for name in fields}
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    changed = sorted(name for name in fields if getattr(organisation, name) != before[name])
    # A registry administrator confirmed the old domain, not this one.
    if "email_domain" in changed:
        organisation.email_domain_confirmed_at = None
    organisation.save()
    if health_categories is not None:
        organisation.health_categories.set(health_categories)
    record(user, "organisation.updated", organisation, fields=sorted(fields))
    if set(changed) & set(Organisation.IDENTIFIER_FIELDS):
        register_check(organisation)
    return organisation


@transaction.atomic
def membership_request(*, user, organisation) -> Membership:
    """Ask to join. A verified email on the organisation's registered domain joins at once."""
    # Every new request counts, asking again after a refusal too; one already waiting or an
    # existing membership is not a new request.
    if not Membership.objects.filter(user=user, organisation=organisation, state__in=[
            Membership.State.ACTIVE, Membership.State.PENDING]).exists():
        ratelimit.hit(user, "join", noun="requests to join organisations")
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, organisation=organisation
    )
    if membership.state == Membership.State.ACTIVE:
        return membership
    if not created and membership.state == Membership.State.PENDING:
        return membership
    if verification.has_verified_email_on(user, organisation.confirmed_email_domain):
        membership.state = Membership.State.ACTIVE
        # The first of an organisation's own people to arrive looks after it, proven by the
        # domain a registry administrator confirmed.
        if not organisation.memberships.active_admins().exists():
            membership.role = Membership.Role.ADMIN
        membership.decided_at = timezone.now()
        record(user, "membership.joined_by_domain", organisation, person=user.email,
               person_id=user.pk)
    else:
        membership.state = Membership.State.PENDING
        membership.decided_at = None
        record(user, "membership.requested", organisation, person=user.email,
               person_id=user.pk)
    membership.decided_by = None
    membership.save()
    if membership.is_active_admin:
        verification.verify_by_domain(organisation, user)
    # Its admins hear of it either way: a request waits for them; a join through the domain
    # should never happen unseen.
    tasks.tell_admins_about_membership.delay_on_commit(membership.pk)
    return membership


@transaction.atomic
def membership_decide(*, admin, membership, approve: bool) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not Organisation.objects.administered_by(admin).filter(
        pk=membership.organisation_id
    ).exists():
        raise PermissionDenied
    if membership.state != Membership.State.PENDING:
        raise ValidationError("This request has already been answered.")
    membership.state = Membership.State.ACTIVE if approve else Membership.State.REFUSED
    membership.decided_at = timezone.now()
    membership.decided_by = admin
    membership.save()
    record(admin, "membership.approved" if approve else "membership.refused",
           membership.organisation, person=membership.user.email, person_id=membership.user_id)
    return membership


def is_last_admin(membership) -> bool:
    if not membership.is_active_admin:
        return False
    return not membership.organisation.memberships.active_admins().exclude(
        pk=membership.pk).exists()


MEMBERSHIP_CHANGES = {"make-admin", "make-member", "remove"}


@transaction.atomic
def membership_change(*, admin, membership, change: str) -> Membership | None:
    """An admin makes a member an admin, an admin a member, or removes someone. An organisation
    always keeps one admin: the last one hands over before stepping down."""
    # Lock every admin of the organisation, so two admins stepping down at once cannot both
    # pass the last-admin check.
    list(Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=Membership.Role.ADMIN))
    membership = Membership.objects.select_for_update().select_related(
        "organisation", "user").get(pk=membership.pk)
    if not Organisation.objects.administered_by(admin).filter(
        pk=membership.organisation_id
    ).exists():
        raise PermissionDenied
    if change not in MEMBERSHIP_CHANGES or membership.state != Membership.State.ACTIVE:
        raise ValidationError("Only current members can be changed.")
    if change != "make-admin" and is_last_admin(membership):
        raise ValidationError(f"{membership.user.display_name} is the only admin. Make someone "
                              "else an admin first.")
    person = membership.user.email
    if change == "remove":
        membership.delete()
        record(admin, "membership.removed", membership.organisation, person=person,
               person_id=membership.user_id)
        return None
    membership.role = Membership.Role.ADMIN if change == "make-admin" else Membership.Role.MEMBER
    membership.save(update_fields=["role"])
    record(admin, "membership.role_changed", membership.organisation, person=person,
           person_id=membership.user_id,
           role=membership.get_role_display())
    return membership


@transaction.atomic
def organisation_propose(*, user, **fields) -> Organisation:
    """Register an organisation someone else belongs to (a partner). Nobody becomes its admin:
    its own people join by their verified email domain, or through the site's staff."""
    organisation = Organisation(created_by=user, **fields)
    organisation.full_clean()
    organisation.save()
    record(user, "organisation.created", organisation, name=organisation.name, proposed=True)
    register_check(organisation)
    return organisation
