from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_POST, require_safe

from core.concurrency import check_or_open, values_of
from core.forms import add_service_errors
from core.middleware import public_page
from core.paging import filtered, page_of
from organisations.models import Membership, Organisation
from partnerships.models import Partnership

from . import services
from .filters import OfferFilter
from .forms import DeclineForm, MessageForm, OfferForm, ProfileForm, RequestForm
from .models import CharityProfile, ExpertiseOffer, ExpertiseRequest


@public_page
def directory(request):
    offers = (ExpertiseOffer.objects.public().select_related("organisation")
              .prefetch_related("health_categories"))
    form, results = filtered(request, OfferFilter, offers)
    # Read only if the template's remembered results are not in the cache.
    page = SimpleLazyObject(lambda: page_of(request, results, 20, remember_count=True))
    return render(request, "charities/directory.jinja", {
        "form": form, "page": page, "my_charities": _my_charities(request.user)})


def _my_charities(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(kind=Organisation.Kind.CHARITY, memberships__user=user,
                                       memberships__state=Membership.State.ACTIVE)




@public_page
def offer(request, pk):
    offer = get_object_or_404(
        ExpertiseOffer.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    partnerships = Partnership.objects.editable_by(request.user)
    form = RequestForm(request.POST or None, partnerships=partnerships)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if not partnerships.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                request_ = services.request_create(user=request.user, offer=offer,
                                                   **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Your request is sent to {offer.organisation.name}.")
                return redirect(request_)
    return render(request, "charities/offer.jinja", {
        "offer": offer, "form": form, "can_request": partnerships.exists(),
        "is_staff": services.is_staff_of(request.user, offer.organisation),
        "health_categories": offer.health_categories.all()})


@login_required
def offer_edit(request, organisation_pk, pk=None):
    organisation = get_object_or_404(Organisation, pk=organisation_pk,
                                     kind=Organisation.Kind.CHARITY)
    if not services.is_staff_of(request.user, organisation):
        raise PermissionDenied
    instance = get_object_or_404(organisation.offers, pk=pk) if pk else None
    saved = values_of(instance, OfferForm()) if instance else None  # before the form changes it
    form = OfferForm(request.POST or None, instance=instance)
    if check_or_open(request, form, saved):
        data = dict(form.cleaned_data)
        try:
            saved = services.offer_save(user=request.user, organisation=organisation,
                                        offer=instance,
                                        health_categories=data.pop("health_categories"), **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your offer is published." if saved.status == "open"
                             else "Your offer is saved, and paused.")
            return redirect(saved)
    return render(request, "core/form_page.jinja", {
        "form": form, "caption": organisation.name,
        "title": "Change your offer" if instance else "Offer your expertise",
        "submit_label": "Save" if instance else "Publish the offer",
        "back_href": instance.get_absolute_url() if instance else "/expertise/"})


@login_required
def profile_edit(request, organisation_pk):
    organisation = get_object_or_404(Organisation, pk=organisation_pk,
                                     kind=Organisation.Kind.CHARITY)
    if not Organisation.objects.administered_by(request.user).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    profile = CharityProfile.objects.filter(organisation=organisation).first()
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(user=request.user, organisation=organisation,
                                  **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The charity profile is saved.")
            return redirect(organisation)
    return render(request, "core/form_page.jinja", {
        "form": form, "caption": organisation.name, "title": "Charity profile",
        "submit_label": "Save", "back_href": organisation.get_absolute_url()})


def _requests_for(user):
    """Requests the person may see: from their partnerships, or to their charities."""
    return ExpertiseRequest.objects.filter(
        Q(partnership__in=Partnership.objects.editable_by(user))
        | Q(offer__organisation__memberships__user=user,
            offer__organisation__memberships__state=Membership.State.ACTIVE)
    ).distinct()


@login_required
def request_list(request):
    rows = (_requests_for(request.user)
            .select_related("offer__organisation", "partnership", "requested_by"))
    charities = set(_my_charities(request.user).values_list("pk", flat=True))
    incoming = [r for r in rows if r.offer.organisation_id in charities]
    outgoing = [r for r in rows if r.offer.organisation_id not in charities]
    return render(request, "charities/requests.jinja",
                  {"incoming": incoming, "outgoing": outgoing})


def _request_of(request, pk):
    return get_object_or_404(
        _requests_for(request.user).select_related(
            "offer__organisation", "partnership__lead_organisation", "requested_by"), pk=pk)


def _request_page(request, request_, *, decline_form=None, message_form=None):
    return render(request, "charities/request.jinja", {
        "request_": request_, "side": services.side_of(request.user, request_),
        "decline_form": decline_form or DeclineForm(prefix="decline"),
        "message_form": message_form or MessageForm(prefix="message"),
        "thread": request_.messages.select_related("author"),
        "next_states": ExpertiseRequest.TRANSITIONS[ExpertiseRequest.State(request_.state)]})


@login_required
@require_GET
def request_detail(request, pk):
    return _request_page(request, _request_of(request, pk))


def _move(request, pk, change):
    """A button that moves the request on (accept, withdraw, complete). One the request's state
    no longer allows (a stale second tab, say) is a plain message, not an error page."""
    request_ = _request_of(request, pk)
    try:
        change(user=request.user, request_=request_)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Done. The other side has been told by email.")
    return redirect(request_)


@login_required
@require_POST
def request_accept(request, pk):
    return _move(request, pk, lambda **kw: services.request_answer(accept=True, **kw))


@login_required
@require_POST
def request_withdraw(request, pk):
    return _move(request, pk, services.request_withdraw)


@login_required
@require_POST
def request_complete(request, pk):
    return _move(request, pk, services.request_complete)


@login_required
@require_POST
def request_decline(request, pk):
    request_ = _request_of(request, pk)
    form = DeclineForm(request.POST, prefix="decline")
    if form.is_valid():
        try:
            services.request_answer(user=request.user, request_=request_, accept=False,
                                    **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Done. The other side has been told by email.")
            return redirect(request_)
    return _request_page(request, request_, decline_form=form)


@login_required
@require_POST
def request_message(request, pk):
    request_ = _request_of(request, pk)
    form = MessageForm(request.POST, prefix="message")
    if form.is_valid():
        try:
            services.request_message(user=request.user, request_=request_, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your message is sent. The other side has been told by "
                                      "email.")
            return redirect(request_)
    return _request_page(request, request_, message_form=form)


@require_safe
def embed(request, organisation_pk, shape):
    """A charity's open offers for its own website: JSON, or an HTML fragment to insert as it
    is. Public data only, readable from any site (CORS), no frame and no script of ours."""
    organisation = get_object_or_404(Organisation, pk=organisation_pk,
                                     kind=Organisation.Kind.CHARITY)
    offers = list(ExpertiseOffer.objects.public().filter(organisation=organisation)
                  .prefetch_related("health_categories").order_by("title"))
    base = settings.SITE_URL
    if shape == "json":
        response = JsonResponse({
            "organisation": organisation.name, "source": base + organisation.get_absolute_url(),
            "offers": [{"title": o.title, "kind": o.get_kind_display(),
                        "description": o.description, "url": base + o.get_absolute_url(),
                        "health_categories": [c.name for c in o.health_categories.all()]}
                       for o in offers]}, json_dumps_params={"indent": 2})
    elif shape == "html":
        response = render(request, "charities/embed.html.jinja",
                          {"organisation": organisation, "offers": offers, "base": base})
    else:
        raise Http404("No such shape")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response
