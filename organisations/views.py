from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.audit import describe
from core.concurrency import check_or_open, values_of
from core.forms import add_service_errors
from core.middleware import public_page
from core.models import AuditEvent
from core.paging import filtered, page_of
from registers import services as registers
from registers.models import Register

from . import hooks, services, verification
from .filters import OrganisationFilter
from .forms import (
    REGISTER_FIELDS,
    AdminReviewForm,
    OrganisationForm,
    RegisterLookupForm,
)
from .identifiers import readable_name
from .models import Membership, Organisation
from .presenters import organisation_summary_rows
from .register_check import prefill


@public_page
def organisation_list(request):
    form, organisations = filtered(request, OrganisationFilter,
                                   Organisation.objects.order_by("name"))
    page = page_of(request, organisations, 25, remember_count=True)
    return render(request, "organisations/list.jinja",
                  {"form": form, "page": page, "count": page.paginator.count,
                   "is_registry_admin": verification.is_registry_admin(request.user)})


def _administered(user, pk) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not Organisation.objects.administered_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return organisation


def _membership_of(user, organisation):
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


@public_page
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    membership = _membership_of(request.user, organisation)
    is_admin = bool(membership and membership.is_active_admin)
    pending = []
    members = []
    if is_admin:
        pending = organisation.memberships.filter(state=Membership.State.PENDING).select_related(
            "user")
        members = organisation.memberships.filter(state=Membership.State.ACTIVE).select_related(
            "user")
    counts = organisation.memberships.aggregate(
        members=Count("pk", filter=Q(state=Membership.State.ACTIVE)))
    rows = organisation_summary_rows(
        organisation, health_categories=list(organisation.health_categories.all()),
        member_count=counts["members"])
    return render(request, "organisations/detail.jinja", {
        "rows": rows, "organisation": organisation, "membership": membership,
        "is_admin": is_admin, "pending": pending, "members": members,
        "is_registry_admin": verification.is_registry_admin(request.user),
        "review_waiting": bool(membership) and organisation.admin_reviews.filter(
            asked_by=request.user, closed_at__isnull=True).exists(),
        "sections": hooks.sections_shown(request, organisation, membership),
    })


def _lookup(request):
    """The register lookup above the registration form: what it found, and the form's initial
    values taken from it."""
    lookup = RegisterLookupForm(request.GET if "register" in request.GET else None)
    if not lookup.is_bound or not lookup.is_valid():
        return lookup, None, {}
    register, identifier = lookup.cleaned_data["register"], lookup.cleaned_data["identifier"]
    field, kind = REGISTER_FIELDS[register]
    initial = {field: identifier, "kind": kind}
    found = prefill(register, identifier)
    result = {"register": Register(register).label, "identifier": identifier,
              "loaded": registers.loaded(register), "found": found}
    if found:
        initial.update(name=readable_name(found["name"]), address=found["address"],
                       region=found["region"])
    return lookup, result, initial


@login_required
def organisation_create(request):
    lookup, result, initial = _lookup(request)
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        categories = data.pop("health_categories")
        try:
            organisation = services.organisation_create(user=request.user,
                                                        health_categories=categories, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{organisation.name} is registered. You are its admin; "
                                      "a registry administrator will check you may speak for it.")
            return redirect(organisation)
    return render(request, "organisations/create.jinja", {
        "form": form, "lookup": lookup, "result": result})


@login_required
def organisation_edit(request, pk):
    organisation = _administered(request.user, pk)
    saved = values_of(organisation, OrganisationForm())  # read before the form changes it
    form = OrganisationForm(request.POST or None, instance=organisation)
    if check_or_open(request, form, saved):
        data = dict(form.cleaned_data)
        categories = data.pop("health_categories")
        organisation = Organisation.objects.get(pk=pk)
        try:
            services.organisation_update(user=request.user, organisation=organisation,
                                         health_categories=categories, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The organisation's details are saved.")
            return redirect(organisation)
    return render(request, "core/form_page.jinja", {
        "form": form, "title": f"Change {organisation.name}", "submit_label": "Save",
        "back_href": organisation.get_absolute_url(),
    })


@login_required
@require_POST
def organisation_join(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    try:
        membership = services.membership_request(user=request.user, organisation=organisation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(organisation)
    if membership.state == Membership.State.ACTIVE:
        messages.success(request, f"You are now a member of {organisation.name}.")
    else:
        messages.success(request, f"Your request to join {organisation.name} has been sent to "
                                  "its admins.")
    return redirect(organisation)


DONE = {"approve": "approved", "refuse": "refused", "make-admin": "made an admin:",
        "make-member": "made a member (not an admin):", "remove": "removed"}


@login_required
@require_POST
def membership_decide(request, pk, membership_pk, decision):
    """Answer a request to join, or change or remove a member."""
    if decision not in DONE:
        raise Http404
    organisation = _administered(request.user, pk)
    membership = get_object_or_404(organisation.memberships.select_related("user"),
                                   pk=membership_pk)
    try:
        if decision in {"approve", "refuse"}:
            services.membership_decide(admin=request.user, membership=membership,
                                       approve=decision == "approve")
        else:
            services.membership_change(admin=request.user, membership=membership,
                                       change=decision)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"You {DONE[decision]} {membership.user.display_name}.")
    return redirect(organisation)


@login_required
def review_ask(request, pk):
    """Anyone who belongs to the organisation, or asked to, asks a registry administrator to look
    at who its admins are."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if _membership_of(request.user, organisation) is None:
        raise PermissionDenied
    form = AdminReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verification.review_ask(user=request.user, organisation=organisation,
                                    message=form.cleaned_data["message"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your request is with the registry administrators. They "
                                      "may contact you by email.")
            return redirect(organisation)
    return render(request, "core/form_page.jinja", {
        "form": form, "title": f"Ask for a review of {organisation.name}'s admins",
        "submit_label": "Send to the registry administrators",
        "intro": "Registry administrators are the portal's staff who check who may speak for an "
                 "organisation. They can change who its admins are.",
        "back_href": organisation.get_absolute_url(),
    })


@login_required
def organisation_history(request, pk):
    """Who joined, left and changed role, and who changed the details: for its admins."""
    organisation = _administered(request.user, pk)
    events = [(event, describe(event)) for event in AuditEvent.objects.about(organisation)]
    return render(request, "core/history.jinja", {
        "subject": organisation, "back_text": "Back to the organisation", "events": events})
