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
from core.models import AuditEvent
from core.paging import page_of

from . import hooks, services
from .forms import OrganisationForm, OrganisationSearchForm
from .models import Membership, Organisation
from .presenters import organisation_summary_rows


def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    organisations = Organisation.objects.order_by("name")
    if form.is_valid():
        if form.cleaned_data["q"]:
            organisations = organisations.filter(name__icontains=form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            organisations = organisations.filter(kind=form.cleaned_data["kind"])
    page = page_of(request, organisations, 25)
    return render(request, "organisations/list.jinja",
                  {"form": form, "page": page, "count": page.paginator.count})


def _administered(user, pk) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not Organisation.objects.administered_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return organisation


def _membership_of(user, organisation):
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


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
        "sections": hooks.sections_shown(request, organisation, membership),
    })


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        categories = data.pop("health_categories")
        try:
            organisation = services.organisation_create(user=request.user,
                                                        health_categories=categories, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{organisation.name} is registered. You are its admin.")
            return redirect(organisation)
    return render(request, "core/form_page.jinja", {
        "form": form, "title": "Register an organisation", "submit_label": "Register",
        "intro": "You will be the organisation's first admin: you approve who else joins.",
        "back_href": "/organisations/",
    })


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
def organisation_history(request, pk):
    """Who joined, left and changed role, and who changed the details: for its admins."""
    organisation = _administered(request.user, pk)
    events = [(event, describe(event)) for event in AuditEvent.objects.about(organisation)]
    return render(request, "core/history.jinja", {
        "subject": organisation, "back_text": "Back to the organisation", "events": events})
