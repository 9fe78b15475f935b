"""Writes to partnerships, their partners, people and invitations.

Every function checks the person may do it (PermissionDenied otherwise), validates, runs in one
transaction and records what changed in the partnership's history.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import ratelimit
from core.audit import record
from organisations.models import Membership, Organisation
from reminders.notify import notify

from . import tasks
from .access import require_editor, require_lead
from .emails import INVITATION_SALT, invitation_link
from .hooks import partnership_created
from .models import Invitation, PartnerOrganisation, Partnership, PartnershipPerson
from .reminders import INVITATION_ANSWERED, INVITED, PARTNER_ANSWERED

EDITABLE_FIELDS = {"title", "purpose", "topics", "visibility", "start_date", "end_date", "status"}


def nhs_organisations_of(user, *, verified=True):
    """The NHS organisations a person may register a partnership for: only verified ones lead
    (organisations/verification.py)."""
    organisations = Organisation.objects.nhs().filter(
        memberships__user=user, memberships__state=Membership.State.ACTIVE
    )
    return organisations.verified() if verified else organisations


@transaction.atomic
def partnership_create(*, user, lead_organisation, title, **fields) -> Partnership:
    """Start a draft. Only a member of a verified NHS organisation may lead a partnership."""
    if not nhs_organisations_of(user).filter(pk=lead_organisation.pk).exists():
        raise PermissionDenied("Only members of the NHS organisation can register it as lead.")
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    partnership = Partnership(lead_organisation=lead_organisation, title=title,
                              created_by=user, status=Partnership.Status.DRAFT, **fields)
    partnership.full_clean()
    partnership.save()
    PartnerOrganisation.objects.create(partnership=partnership, organisation=lead_organisation,
                                       role=PartnerOrganisation.Role.LEAD,
                                       state=PartnerOrganisation.State.CONFIRMED)
    PartnershipPerson.objects.create(partnership=partnership, user=user,
                                     role=PartnershipPerson.Role.LEAD)
    partnership_created.send(sender=Partnership, partnership=partnership, user=user)
    record(user, "partnership.created", partnership, title=title)
    return partnership


@transaction.atomic
def partnership_update(*, user, partnership, health_categories=None,
                       research_activity_groups=None, **fields) -> Partnership:
    require_editor(user, partnership)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "status" in fields:
        if fields["status"] == Partnership.Status.DRAFT and not partnership.is_draft:
            raise ValidationError({"status": "A registered partnership cannot go back to draft"})
        if partnership.is_draft and fields["status"] != Partnership.Status.DRAFT:
            raise ValidationError({"status": "Register the partnership from its last step"})
    changed = sorted(name for name, value in fields.items()
                     if getattr(partnership, name) != value)
    for name, value in fields.items():
        setattr(partnership, name, value)
    partnership.full_clean()
    partnership.save()
    if health_categories is not None:
        before = set(partnership.health_categories.values_list("pk", flat=True))
        partnership.health_categories.set(health_categories)
        if before != {c.pk for c in health_categories}:
            changed.append("health_categories")
    if research_activity_groups is not None:
        before = set(partnership.research_activity_groups.values_list("pk", flat=True))
        partnership.research_activity_groups.set(research_activity_groups)
        if before != {g.pk for g in research_activity_groups}:
            changed.append("research_activity_groups")
    if changed:
        action = "partnership.status_changed" if changed == ["status"] else "partnership.updated"
        record(user, action, partnership, fields=changed)
    return partnership


# What a step's kept answers may hold: the step's own fields, each value no longer than the
# longest field (the purpose, 5,000 characters) with room for the mistake being kept, a few
# hundred choices, and a bound on the whole, so nobody can store megabytes in a draft.
DRAFT_VALUE_CHARS = 10_000
DRAFT_VALUES_PER_FIELD = 300
DRAFT_STEP_CHARS = 64 * 1024


def partnership_keep_draft_answers(*, user, partnership, step, data, fields=None):
    """Keep what was typed on a step that did not validate, so leaving loses nothing. Only the
    step's `fields` are kept, within the bounds above; a step over the bound is not kept."""
    require_editor(user, partnership)
    answers = dict(partnership.draft_answers)
    if data is None:
        answers.pop(step, None)
    else:
        kept = {key: [str(value)[:DRAFT_VALUE_CHARS]
                      for value in values[:DRAFT_VALUES_PER_FIELD]]
                for key, values in data.items()
                if fields is None or key in fields
                or any(key.startswith(f"{name}_") for name in fields)}  # date parts
        if sum(len(key) + sum(len(v) for v in values) for key, values in kept.items()) \
                > DRAFT_STEP_CHARS:
            return
        answers[step] = kept
    Partnership.objects.filter(pk=partnership.pk).update(draft_answers=answers)
    partnership.draft_answers = answers


@transaction.atomic
def partnership_submit(*, user, partnership) -> Partnership:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    require_lead(user, partnership)
    if not partnership.is_draft:
        raise ValidationError("This partnership is already registered.")
    missing = {}
    if not partnership.purpose.strip():
        missing["purpose"] = "Enter the purpose of the partnership"
    if not partnership.health_categories.exists():
        missing["health_categories"] = "Select at least one health category"
    if missing:
        raise ValidationError(missing)
    partnership.status = Partnership.Status.ACTIVE
    partnership.submitted_at = timezone.now()
    partnership.draft_answers = {}
    partnership.save(update_fields=["status", "submitted_at", "draft_answers", "updated_at"])
    record(user, "partnership.submitted", partnership)
    for invitation in partnership.invitations.filter(state=Invitation.State.PENDING,
                                                     sent_at__isnull=True):
        tasks.send_invitation.delay_on_commit(invitation.pk)
        _tell_invited(user, invitation)
    return partnership


def _leads(partnership):
    return partnership.people.filter(role=PartnershipPerson.Role.LEAD).values_list("user_id",
                                                                                  flat=True)


def _tell_invited(actor, invitation):
    """Someone invited who already has an account sees it in the portal too."""
    invited = EmailAddress.objects.filter(email__iexact=invitation.email,
                                          verified=True).values_list("user_id", flat=True)
    notify(invited, kind=INVITED, actor=actor,
           title=f"{actor.display_name} invited you to {invitation.partnership.title} as "
                 f"{invitation.get_role_display().lower()}",
           link=invitation_link(invitation).removeprefix(settings.SITE_URL))


@transaction.atomic
def partner_add(*, user, partnership, organisation, role) -> PartnerOrganisation:
    require_lead(user, partnership)
    if role == PartnerOrganisation.Role.LEAD:
        raise ValidationError({"role": "A partnership has one lead organisation"})
    existing = partnership.partners.filter(organisation=organisation).first()
    if existing is not None:
        raise ValidationError({"organisation": (
            f"{organisation.name} declined to be a partner of this partnership: ask them first"
            if existing.state == PartnerOrganisation.State.DECLINED
            else f"{organisation.name} is already a partner of this partnership")})
    return partner_join(actor=user, partnership=partnership, organisation=organisation,
                        role=role)


def speaks_for(user, organisation) -> bool:
    """Whether the person is an active admin of the organisation: who may answer for it."""
    return Organisation.objects.administered_by(user).filter(pk=organisation.pk).exists()


@transaction.atomic
def partner_join(*, actor, partnership, organisation, role, agreed=False) -> PartnerOrganisation:
    """Name the organisation as a partner, once, in the history; the caller has checked that it
    may be named (a lead added it, its invited person accepted, its charity accepted a request).
    It is confirmed when the organisation `agreed` (its charity accepted the request) or the
    person naming it is one of its admins; otherwise it is proposed and its admins are asked.
    The one place a partner row is written, so every way in is recorded the same."""
    confirmed = agreed or speaks_for(actor, organisation)
    partner = partnership.partners.filter(organisation=organisation).first()
    if partner is not None:
        if confirmed and partner.state == PartnerOrganisation.State.PROPOSED:
            _decide(actor, partner, PartnerOrganisation.State.CONFIRMED)
        return partner
    partner = PartnerOrganisation(
        partnership=partnership, organisation=organisation, role=role,
        state=PartnerOrganisation.State.CONFIRMED if confirmed
        else PartnerOrganisation.State.PROPOSED,
        decided_by=actor if confirmed else None, decided_at=timezone.now() if confirmed else None)
    partner.full_clean()
    partner.save()
    record(actor, "partner.added", partnership, organisation=organisation.name,
           role=partner.get_role_display(), status=partner.get_state_display())
    if not confirmed:
        tasks.ask_to_confirm_partner.delay_on_commit(partner.pk)
    return partner


def _decide(user, partner, state):
    partner.state = state
    partner.decided_by = user
    partner.decided_at = timezone.now()
    partner.save(update_fields=["state", "decided_by", "decided_at"])
    action = ("partner.confirmed" if state == PartnerOrganisation.State.CONFIRMED
              else "partner.declined")
    record(user, action, partner.partnership, organisation=partner.organisation.name)


@transaction.atomic
def partner_decide(*, user, partner, confirm: bool) -> PartnerOrganisation:
    """One of the organisation's admins confirms that it is a partner, or declines."""
    partner = PartnerOrganisation.objects.select_for_update().select_related(
        "organisation", "partnership").get(pk=partner.pk)
    if not speaks_for(user, partner.organisation):
        raise PermissionDenied
    if partner.state != PartnerOrganisation.State.PROPOSED:
        raise ValidationError(f"{partner.organisation.name} has already answered: "
                              f"{partner.get_state_display().lower()}")
    _decide(user, partner, PartnerOrganisation.State.CONFIRMED if confirm
            else PartnerOrganisation.State.DECLINED)
    partnership = partner.partnership
    notify(_leads(partnership), kind=PARTNER_ANSWERED, actor=user,
           title=f"{partner.organisation.name} {'confirmed' if confirm else 'declined'} being a "
                 f"partner of {partnership.title}",
           link=partnership.get_absolute_url())
    return partner


@transaction.atomic
def partner_remove(*, user, partner):
    require_lead(user, partner.partnership)
    if partner.role == PartnerOrganisation.Role.LEAD:
        raise ValidationError("The lead organisation cannot be removed")
    record(user, "partner.removed", partner.partnership, organisation=partner.organisation.name)
    partner.delete()


@transaction.atomic
def person_change_role(*, user, person, role):
    require_lead(user, person.partnership)
    if person.role == PartnershipPerson.Role.LEAD and role != PartnershipPerson.Role.LEAD:
        _ensure_another_lead(person)
    person.role = role
    person.full_clean()
    person.save(update_fields=["role"])
    record(user, "person.role_changed", person.partnership, person=person.user.display_name,
           person_id=person.user_id,
           role=person.get_role_display())
    return person


@transaction.atomic
def person_remove(*, user, person):
    require_lead(user, person.partnership)
    if person.role == PartnershipPerson.Role.LEAD:
        _ensure_another_lead(person)
    record(user, "person.removed", person.partnership, person=person.user.display_name,
           person_id=person.user_id)
    # Someone who left is no longer reminded of the partnership's actions.
    person.partnership.drive_progress.filter(owner=person.user).update(owner=None)
    person.delete()


def _ensure_another_lead(person):
    others = person.partnership.people.filter(role=PartnershipPerson.Role.LEAD).exclude(
        pk=person.pk)
    if not others.exists():
        raise ValidationError("A partnership needs at least one lead: make someone else lead first")


# Invitations ------------------------------------------------------------------------------

def invitation_from_link(signed: str) -> Invitation:
    """The invitation a link points to. ValidationError with a plain message when it cannot."""
    try:
        token = signing.loads(signed, salt=INVITATION_SALT)
    except signing.BadSignature:
        raise ValidationError("This invitation link is not valid. Check you copied all of it.",
                              code="tampered") from None
    invitation = (Invitation.objects.select_related("partnership", "organisation", "invited_by")
                  .filter(token=token).first())
    if invitation is None:
        raise ValidationError("This invitation link is not valid.", code="unknown")
    return invitation


@transaction.atomic
def invitation_create(*, user, partnership, email, role, organisation=None,
                      organisation_role="", message="") -> Invitation:
    require_lead(user, partnership)
    email = email.strip().lower()
    if partnership.people.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already one of this partnership's people"})
    if partnership.invitations.filter(email__iexact=email, state=Invitation.State.PENDING,
                                      expires_at__gt=timezone.now()).exists():
        raise ValidationError({"email": f"{email} is already invited: send that invitation again"})
    # An expired pending invitation for the same email gives way to the new one.
    partnership.invitations.filter(email__iexact=email, state=Invitation.State.PENDING).update(
        state=Invitation.State.EXPIRED)
    if organisation is not None and not organisation_role:
        raise ValidationError({"organisation_role": "Choose the organisation's role"})
    ratelimit.hit(user, "invitation", noun="invitations")
    invitation = Invitation(partnership=partnership, email=email, role=role,
                            organisation=organisation, organisation_role=organisation_role or "",
                            message=message, invited_by=user)
    invitation.full_clean()
    invitation.save()
    record(user, "invitation.sent", partnership, email=email, role=invitation.get_role_display())
    if not partnership.is_draft:
        tasks.send_invitation.delay_on_commit(invitation.pk)
        _tell_invited(user, invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, user, invitation) -> Invitation:
    require_lead(user, invitation.partnership)
    if invitation.state != Invitation.State.PENDING:
        raise ValidationError("Only an invitation waiting for an answer can be sent again")

    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
    invitation.save(update_fields=["expires_at"])
    record(user, "invitation.resent", invitation.partnership, email=invitation.email)
    if not invitation.partnership.is_draft:
        tasks.send_invitation.delay_on_commit(invitation.pk)
    return invitation


@transaction.atomic
def invitation_cancel(*, user, invitation) -> Invitation:
    require_lead(user, invitation.partnership)
    if invitation.state != Invitation.State.PENDING:
        raise ValidationError("Only an invitation waiting for an answer can be cancelled")
    invitation.state = Invitation.State.CANCELLED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    record(user, "invitation.cancelled", invitation.partnership, email=invitation.email)
    return invitation


def invitation_check_usable(invitation):
    if invitation.state == Invitation.State.PENDING and invitation.is_expired:
        raise ValidationError("This invitation has expired. Ask the person who invited you to "
                              "send it again.", code="expired")
    if invitation.state == Invitation.State.ACCEPTED:
        raise ValidationError("This invitation has already been used.", code="used")
    if invitation.state != Invitation.State.PENDING:
        raise ValidationError(f"This invitation can no longer be used: it was "
                              f"{invitation.get_state_display().lower()}.", code="closed")


def _check_invited_person(user, invitation):
    if not user.is_authenticated or not EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True).exists():
        raise ValidationError(
            f"This invitation was sent to {invitation.email}. Sign in with that email address, "
            "or add and verify it in your account, to answer it.", code="wrong_person")


@transaction.atomic
def invitation_accept(*, user, invitation) -> PartnershipPerson:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check_usable(invitation)
    _check_invited_person(user, invitation)
    partnership = invitation.partnership
    person, created = PartnershipPerson.objects.get_or_create(
        partnership=partnership, user=user, defaults={"role": invitation.role})
    if invitation.organisation_id:
        partner_join(actor=user, partnership=partnership, organisation=invitation.organisation,
                     role=invitation.organisation_role)
    invitation.state = Invitation.State.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.answered_by = user
    invitation.save(update_fields=["state", "answered_at", "answered_by"])
    record(user, "invitation.accepted", partnership, email=invitation.email)
    _tell_answered(user, invitation, "accepted")
    return person


@transaction.atomic
def invitation_decline(*, user, invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check_usable(invitation)
    _check_invited_person(user, invitation)
    invitation.state = Invitation.State.DECLINED
    invitation.answered_at = timezone.now()
    invitation.answered_by = user if user.is_authenticated else None
    invitation.save(update_fields=["state", "answered_at", "answered_by"])
    record(user, "invitation.declined", invitation.partnership, email=invitation.email)
    _tell_answered(user, invitation, "declined")
    return invitation


def _tell_answered(user, invitation, verb):
    who = user.display_name if user.is_authenticated else invitation.email
    notify([invitation.invited_by_id], kind=INVITATION_ANSWERED, actor=user,
           title=f"{who} {verb} your invitation to {invitation.partnership.title}",
           link=invitation.partnership.get_absolute_url())


@transaction.atomic
def partnership_set_stall_days(*, user, partnership, stall_days):
    require_lead(user, partnership)
    partnership.stall_days = stall_days
    partnership.full_clean()
    partnership.save(update_fields=["stall_days", "updated_at"])
    record(user, "partnership.updated", partnership, fields=["stall_days"])
    return partnership
