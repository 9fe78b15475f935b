"""Writes to charity profiles, offers and requests. Each change to a request emails the other
side and is kept in the partnership's history."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import ratelimit
from core.audit import record
from organisations.models import Membership, Organisation
from partnerships import services as partnership_services
from partnerships.access import editor_emails, require_editor
from partnerships.models import PartnerOrganisation, PartnershipPerson
from reminders.notify import notify

from . import tasks
from .models import CharityProfile, ExpertiseOffer, ExpertiseRequest, RequestMessage
from .reminders import TO_CHARITY, TO_PARTNERSHIP

State = ExpertiseRequest.State


def is_staff_of(user, organisation) -> bool:
    return user.is_authenticated and Membership.objects.filter(
        user=user, organisation=organisation, state=Membership.State.ACTIVE).exists()


def _require_charity_staff(user, organisation):
    if organisation.kind != Organisation.Kind.CHARITY or not is_staff_of(user, organisation):
        raise PermissionDenied


@transaction.atomic
def profile_save(*, user, organisation, **fields) -> CharityProfile:
    if not Organisation.objects.administered_by(user).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    if organisation.kind != Organisation.Kind.CHARITY:
        raise ValidationError("Only charities have a charity profile")
    profile, _ = CharityProfile.objects.get_or_create(organisation=organisation)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    record(user, "organisation.updated", organisation, fields=["charity profile"])
    return profile


@transaction.atomic
def offer_save(*, user, organisation, offer=None, health_categories=(), **fields):
    _require_charity_staff(user, organisation)
    if offer is None:
        offer = ExpertiseOffer(organisation=organisation, created_by=user)
    elif offer.organisation_id != organisation.pk:
        raise PermissionDenied
    for name, value in fields.items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save()
    offer.health_categories.set(health_categories)
    return offer


def _charity_staff_emails(organisation):
    return list(organisation.memberships.filter(state=Membership.State.ACTIVE)
                .values_list("user__email", flat=True))


def _tell(request_, *, to, headline, actor, kind, title=None):
    """After the change commits, a Celery task tells the other side what happened and who did
    it (emails.py); their notifications say it too."""
    emails = sorted(set(to) - {actor.email})
    if emails:
        tasks.tell_about_request.delay_on_commit(request_.pk, actor.pk, emails, headline)
        notify(get_user_model().objects.filter(email__in=emails).values_list("pk", flat=True),
               kind=kind, actor=actor, title=title or headline, link=request_.get_absolute_url())


@transaction.atomic
def request_create(*, user, offer, partnership, what_is_needed, needed_by=None):
    """A lead or contributor asks a charity's offer for help for their partnership."""
    require_editor(user, partnership)
    if offer.status != ExpertiseOffer.Status.OPEN:
        raise ValidationError("This offer is paused: it is not taking requests just now")
    if partnership.is_draft:
        raise ValidationError({"partnership": "Register the partnership before asking for help"})
    if offer.requests.filter(partnership=partnership,
                             state__in=[State.REQUESTED, State.ACCEPTED]).exists():
        raise ValidationError({"partnership": "This partnership has already asked this offer"})
    ratelimit.hit(user, "expertise_request", noun="requests for help")
    request_ = ExpertiseRequest(offer=offer, partnership=partnership, requested_by=user,
                                what_is_needed=what_is_needed, needed_by=needed_by)
    request_.full_clean()
    request_.save()
    record(user, "expertise.requested", partnership, organisation=offer.organisation.name,
           offer=offer.title)
    _tell(request_, actor=user, to=_charity_staff_emails(offer.organisation),
          headline=f"{partnership.title} asks for your help", kind=TO_CHARITY,
          title=f"{partnership.title} asks for your help: {offer.title}")
    return request_


def side_of(user, request_):
    """"charity", "partnership" or None: which side of the request the person is on."""
    if is_staff_of(user, request_.offer.organisation):
        return "charity"
    if request_.partnership.people.filter(
            user=user, role__in=PartnershipPerson.EDITOR_ROLES).exists():
        return "partnership"
    return None


def _move(request_, new_state):
    if new_state not in ExpertiseRequest.TRANSITIONS[State(request_.state)]:
        raise ValidationError(
            f"A request that is {request_.get_state_display().lower()} cannot be "
            f"{State(new_state).label.lower()}.", code="transition")
    request_.state = new_state


@transaction.atomic
def request_answer(*, user, request_, accept: bool, reason=""):
    request_ = ExpertiseRequest.objects.select_for_update().get(pk=request_.pk)
    if side_of(user, request_) != "charity":
        raise PermissionDenied
    if not accept and not reason.strip():
        raise ValidationError({"reason": "Tell the partnership why you are declining"})
    _move(request_, State.ACCEPTED if accept else State.DECLINED)
    request_.decline_reason = "" if accept else reason.strip()
    request_.answered_at = timezone.now()
    request_.save()
    partnership = request_.partnership
    organisation = request_.offer.organisation
    if accept:
        # The partnership asked (its consent) and the charity accepted (the charity's).
        partnership_services.partner_join(actor=user, partnership=partnership,
                                          organisation=organisation,
                                          role=PartnerOrganisation.Role.CHARITY, agreed=True)
    record(user, "expertise.accepted" if accept else "expertise.declined", partnership,
           organisation=organisation.name)
    verb = "accepted" if accept else "declined"
    _tell(request_, actor=user, to=editor_emails(partnership),
          headline=f"{organisation.name} {verb} your request", kind=TO_PARTNERSHIP,
          title=f"{organisation.name} {verb} your request for {partnership.title}")
    return request_


@transaction.atomic
def request_withdraw(*, user, request_):
    request_ = ExpertiseRequest.objects.select_for_update().get(pk=request_.pk)
    if side_of(user, request_) != "partnership":
        raise PermissionDenied
    _move(request_, State.WITHDRAWN)
    request_.save()
    record(user, "expertise.withdrawn", request_.partnership,
           organisation=request_.offer.organisation.name)
    _tell(request_, actor=user, to=_charity_staff_emails(request_.offer.organisation),
          headline=f"{request_.partnership.title} withdrew its request", kind=TO_CHARITY,
          title=f"{request_.partnership.title} withdrew its request: {request_.offer.title}")
    return request_


@transaction.atomic
def request_complete(*, user, request_):
    request_ = ExpertiseRequest.objects.select_for_update().get(pk=request_.pk)
    side = side_of(user, request_)
    if side is None:
        raise PermissionDenied
    _move(request_, State.COMPLETED)
    request_.save()
    record(user, "expertise.completed", request_.partnership,
           organisation=request_.offer.organisation.name)
    other = (editor_emails(request_.partnership) if side == "charity"
             else _charity_staff_emails(request_.offer.organisation))
    _tell(request_, actor=user, to=other, headline="A request for help is marked completed",
          kind=TO_PARTNERSHIP if side == "charity" else TO_CHARITY,
          title=f"{request_.offer.title} for {request_.partnership.title} is marked completed")
    return request_


@transaction.atomic
def request_message(*, user, request_, text):
    side = side_of(user, request_)
    if side is None:
        raise PermissionDenied
    if request_.state not in (State.REQUESTED, State.ACCEPTED):
        raise ValidationError("This request is closed: messages can no longer be added")
    message = RequestMessage(request=request_, author=user, text=text)
    message.full_clean()
    message.save()
    ExpertiseRequest.objects.filter(pk=request_.pk).update(updated_at=message.created_at)
    other = (editor_emails(request_.partnership) if side == "charity"
             else _charity_staff_emails(request_.offer.organisation))
    _tell(request_, actor=user, to=other, headline=f"New message about {request_.offer.title}",
          kind=TO_PARTNERSHIP if side == "charity" else TO_CHARITY,
          title=f"{user.display_name} wrote about {request_.offer.title} for "
                f"{request_.partnership.title}")
    return message
