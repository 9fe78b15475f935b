"""The registry administrators' pages: the queue of organisations waiting for a decision on who
speaks for them, and one organisation's registry page with those decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from registers import services as registers
from registers.models import Register

from . import verification
from .models import AdminReview, Membership, Organisation
from .register_check import REGISTER_OF

QUEUE_LIMIT = 100


def _registry_admin_only(request):
    if not verification.is_registry_admin(request.user):
        raise PermissionDenied


@login_required
def queue(request):
    _registry_admin_only(request)
    # Its admins, or with none yet, the people asking to join: one of them may be its first.
    asking = Q(role=Membership.Role.ADMIN, state=Membership.State.ACTIVE) | Q(
        state=Membership.State.PENDING)
    admins = Prefetch("memberships", to_attr="admins", queryset=Membership.objects.filter(
        asking).select_related("user").order_by("-role", "state", "pk"))
    waiting = (Organisation.objects.filter(verified_at__isnull=True).filter(
        pk__in=Membership.objects.filter(asking).values("organisation"))
        .order_by("created_at", "pk"))
    domains = (Organisation.objects.exclude(email_domain="")
               .filter(email_domain_confirmed_at__isnull=True).order_by("name", "pk"))
    reviews = (AdminReview.objects.filter(closed_at__isnull=True)
               .select_related("organisation", "asked_by").order_by("created_at", "pk"))
    closed = Organisation.objects.filter(
        register_state=Organisation.RegisterState.CLOSED).order_by("name", "pk")
    return render(request, "organisations/registry/queue.jinja", {
        "waiting": list(waiting.prefetch_related(admins)[:QUEUE_LIMIT]),
        "domains": list(domains[:QUEUE_LIMIT]),
        "reviews": list(reviews[:QUEUE_LIMIT]),
        "closed": list(closed[:QUEUE_LIMIT]),
        "limit": QUEUE_LIMIT,
    })


def _findings(organisation):
    rows = []
    for field, register in REGISTER_OF.items():
        value = getattr(organisation, field)
        if value:
            rows.append({"label": Register(register).label, "identifier": value,
                         "loaded": registers.loaded(register),
                         "entry": registers.find(register, value)})
    return rows


@login_required
def detail(request, pk):
    _registry_admin_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    people = (organisation.memberships.select_related("user")
              .order_by("state", "-role", "user__email"))
    reviews = organisation.admin_reviews.select_related("asked_by", "closed_by").order_by(
        "-created_at")[:20]
    return render(request, "organisations/registry/detail.jinja", {
        "organisation": organisation, "findings": _findings(organisation),
        "people": list(people), "reviews": list(reviews),
        "has_admin": any(m.is_active_admin for m in people),
    })


ACTIONS = {
    "verify": (lambda admin, org: verification.verify(registry_admin=admin, organisation=org),
               "{} is verified. Its admins have been emailed."),
    "withdraw": (lambda admin, org: verification.withdraw(registry_admin=admin, organisation=org),
                 "{} is no longer verified."),
    "confirm-domain": (lambda admin, org: verification.confirm_domain(
        registry_admin=admin, organisation=org), "{}'s email domain is confirmed."),
    "withdraw-domain": (lambda admin, org: verification.confirm_domain(
        registry_admin=admin, organisation=org, confirm=False),
        "{}'s email domain is no longer confirmed."),
}


def _done(request, organisation, act, message):
    try:
        act()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, message)
    return redirect("organisations:registry_detail", pk=organisation.pk)


@login_required
@require_POST
def act(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    _registry_admin_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    do, message = ACTIONS[action]
    return _done(request, organisation, lambda: do(request.user, organisation),
                 message.format(organisation.name))


@login_required
@require_POST
def person(request, pk, membership_pk, change):
    if change not in verification.REGISTRY_CHANGES:
        raise Http404
    _registry_admin_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    membership = get_object_or_404(organisation.memberships.select_related("user"),
                                   pk=membership_pk)
    return _done(request, organisation, lambda: verification.registry_change(
        registry_admin=request.user, membership=membership, change=change),
        f"You {verification.REGISTRY_CHANGES[change]} {membership.user.display_name}.")


@login_required
@require_POST
def review_close(request, pk, review_pk):
    _registry_admin_only(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    review = get_object_or_404(organisation.admin_reviews, pk=review_pk)
    return _done(request, organisation, lambda: verification.review_close(
        registry_admin=request.user, review=review), "The request for a review is closed.")
