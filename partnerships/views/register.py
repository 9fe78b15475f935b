"""Registering a partnership, one step at a time. Every step is saved on a draft partnership;
what a person typed on a step that did not validate is kept too, so leaving loses nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from organisations import services as organisation_services

from .. import services
from ..access import partnership_access
from ..forms import AddPartnerForm, ClassificationForm, InviteForm, ProposePartnerForm, PurposeForm
from ..models import Invitation, PartnerOrganisation, PartnershipPerson

STEPS = [
    ("purpose", "Purpose and topics"),
    ("classification", "Health categories and research activities"),
    ("partners", "Partner organisations"),
    ("people", "People"),
    ("check", "Check your answers"),
]
STEP_NAMES = [name for name, _ in STEPS]


def _next_step(step):
    return STEP_NAMES[STEP_NAMES.index(step) + 1]


def _returning(request):
    """A "Change" link on check your answers: after saving, go back there."""
    return request.GET.get("return") == "check"


def _step_context(partnership, step, **extra):
    number = STEP_NAMES.index(step) + 1
    return {"partnership": partnership, "step": step, "step_title": dict(STEPS)[step],
            "step_number": number, "step_count": len(STEPS), "steps": STEPS, **extra}


def _typed(request):
    """What was posted, as lists, without the CSRF token: enough to rebuild the form. NUL
    characters are dropped: PostgreSQL's JSON cannot hold them, and no form accepts them."""
    return {key.replace("\x00", ""): [value.replace("\x00", "")
                                      for value in request.POST.getlist(key)]
            for key in request.POST if key != "csrfmiddlewaretoken"}


def _rebind(form_class, data, **kwargs):
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return form_class(query, **kwargs)


@login_required
def start(request):
    lead_choices = services.nhs_organisations_of(request.user)
    if not lead_choices.exists():
        waiting = services.nhs_organisations_of(request.user, verified=False)
        return render(request, "partnerships/need_nhs_organisation.jinja",
                      {"waiting": list(waiting.order_by("name"))})
    form = PurposeForm(request.POST or None, lead_choices=lead_choices)
    if request.method == "POST" and form.is_valid():
        partnership = services.partnership_create(user=request.user, **form.cleaned_data)
        return redirect("partnerships:register", pk=partnership.pk, step="classification")
    return render(request, "partnerships/register/purpose.jinja",
                  _step_context(None, "purpose", form=form))


@login_required
def register(request, pk, step):
    if step not in STEP_NAMES:
        raise Http404
    need = "edit" if step in {"purpose", "classification"} else "lead"
    partnership = partnership_access(request.user, pk, need=need).partnership
    handler = {"purpose": _purpose, "classification": _classification,
               "partners": _partners, "people": _people, "check": _check}[step]
    return handler(request, partnership)


def _form_step(request, partnership, step, form_class, initial, save, **form_kwargs):
    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                services.partnership_keep_draft_answers(user=request.user, partnership=partnership,
                                                        step=step, data=None)
                if partnership.is_draft:
                    following = "check" if _returning(request) else _next_step(step)
                    return redirect("partnerships:register", pk=partnership.pk, step=following)
                messages.success(request, "Your changes are saved.")
                return redirect(partnership)
        services.partnership_keep_draft_answers(user=request.user, partnership=partnership,
                                                step=step, data=_typed(request),
                                                fields=set(form.fields))
    elif step in partnership.draft_answers:
        form = _rebind(form_class, partnership.draft_answers[step], **form_kwargs)
        form.is_valid()  # show the errors they left with
    else:
        form = form_class(initial=initial, **form_kwargs)
    return render(request, f"partnerships/register/{step}.jinja",
                  _step_context(partnership, step, form=form, returning=_returning(request)))


def _purpose(request, partnership):
    def save(data):
        data.pop("lead_organisation", None)
        services.partnership_update(user=request.user, partnership=partnership, **data)

    initial = {"title": partnership.title, "purpose": partnership.purpose,
               "topics": partnership.topics, "visibility": partnership.visibility,
               "start_date": partnership.start_date, "end_date": partnership.end_date}
    return _form_step(request, partnership, "purpose", PurposeForm, initial, save)


def _classification(request, partnership):
    def save(data):
        services.partnership_update(user=request.user, partnership=partnership, **data)

    initial = {"health_categories": list(partnership.health_categories.all()),
               "research_activity_groups": list(partnership.research_activity_groups.all())}
    return _form_step(request, partnership, "classification", ClassificationForm, initial, save)


def _partners(request, partnership, *, add_form=None, propose_form=None):
    """The partners step; its two forms post to partner_add and partner_propose."""
    return render(request, "partnerships/register/partners.jinja", _step_context(
        partnership, "partners",
        add_form=add_form or AddPartnerForm(partnership=partnership, prefix="add"),
        propose_form=propose_form or ProposePartnerForm(prefix="new"),
        partners=partnership.partners.select_related("organisation"), form=None,
        returning=_returning(request)))


def _back_to_partners(request, partnership):
    url = reverse("partnerships:register", args=[partnership.pk, "partners"])
    return redirect(url + ("?return=check" if _returning(request) else ""))


@login_required
@require_POST
def partner_add(request, pk):
    """Add an organisation from the registry as a partner."""
    partnership = partnership_access(request.user, pk, need="lead").partnership
    form = AddPartnerForm(request.POST, partnership=partnership, prefix="add")
    if form.is_valid():
        try:
            services.partner_add(user=request.user, partnership=partnership, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['organisation']} is added.")
            return _back_to_partners(request, partnership)
    return _partners(request, partnership, add_form=form)


@login_required
@require_POST
def partner_propose(request, pk):
    """Register an organisation that is not in the registry yet, and add it as a partner."""
    partnership = partnership_access(request.user, pk, need="lead").partnership
    form = ProposePartnerForm(request.POST, prefix="new")
    if form.is_valid():
        data = dict(form.cleaned_data)
        role = data.pop("role")
        data.pop("health_categories", None)
        try:
            with transaction.atomic():
                organisation = organisation_services.organisation_propose(user=request.user,
                                                                          **data)
                services.partner_add(user=request.user, partnership=partnership,
                                     organisation=organisation, role=role)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{organisation.name} is registered and added.")
            return _back_to_partners(request, partnership)
    return _partners(request, partnership, propose_form=form)


def _people(request, partnership):
    form = InviteForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(user=request.user, partnership=partnership,
                                       **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            when = "when you register the partnership" if partnership.is_draft else "now"
            messages.success(request, f"{form.cleaned_data['email']} will be invited {when}.")
            return redirect(request.get_full_path())
    return render(request, "partnerships/register/people.jinja", _step_context(
        partnership, "people", form=form,
        people=partnership.people.select_related("user"),
        invitations=partnership.invitations.filter(state=Invitation.State.PENDING),
        role_choices=PartnershipPerson.Role.choices, returning=_returning(request)))


def _check(request, partnership):
    error = None
    if request.method == "POST":
        try:
            services.partnership_submit(user=request.user, partnership=partnership)
        except ValidationError as exc:
            step_of = {"purpose": "purpose", "health_categories": "classification"}
            errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
            error = [{"text": message,
                      "href": reverse("partnerships:register",
                                      args=[partnership.pk, step_of.get(field, "check")])
                      + ("?return=check" if field in step_of else "")}
                     for field, messages_ in errors.items()
                     for message in ValidationError(messages_).messages]
        else:
            messages.success(request, "The partnership is registered. Invitations are on their "
                                      "way.")
            return redirect(partnership)
    return render(request, "partnerships/register/check.jinja", _step_context(
        partnership, "check", errors=error,
        partners=partnership.partners.select_related("organisation").order_by(
            "organisation__name"),
        health_categories=partnership.health_categories.all(),
        activity_groups=partnership.research_activity_groups.all(),
        invitations=partnership.invitations.filter(state=Invitation.State.PENDING),
        form=None))


@login_required
@require_POST
def partner_remove(request, pk, partner_pk):
    partnership = partnership_access(request.user, pk, need="lead").partnership
    partner = get_object_or_404(PartnerOrganisation, pk=partner_pk, partnership=partnership)
    try:
        services.partner_remove(user=request.user, partner=partner)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{partner.organisation.name} is removed.")
    return redirect(reverse("partnerships:register", args=[pk, "partners"]))


@login_required
@require_POST
def partner_decide(request, pk, partner_pk, answer):
    """An admin of the named organisation confirms it is a partner, or declines."""
    partner = get_object_or_404(PartnerOrganisation.objects.select_related("organisation"),
                                pk=partner_pk, partnership_id=pk)
    if answer not in {"confirm", "decline"} or not services.speaks_for(request.user,
                                                                        partner.organisation):
        raise Http404
    try:
        services.partner_decide(user=request.user, partner=partner, confirm=answer == "confirm")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{partner.organisation.name} is "
                                  f"{'confirmed as' if answer == 'confirm' else 'not'} a partner "
                                  f"of {partner.partnership.title}.")
    return redirect(partner.organisation)


def _person(request, pk, person_pk):
    partnership = partnership_access(request.user, pk, need="lead").partnership
    return get_object_or_404(PartnershipPerson, pk=person_pk, partnership=partnership)


@login_required
@require_POST
def person_role(request, pk, person_pk):
    person = _person(request, pk, person_pk)
    role = request.POST.get("role")
    try:
        if role not in PartnershipPerson.Role.values:
            raise ValidationError("Choose a role: lead, contributor or viewer")
        services.person_change_role(user=request.user, person=person, role=role)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{person.user.display_name} is now "
                                  f"{person.get_role_display().lower()}.")
    return redirect(reverse("partnerships:register", args=[pk, "people"]))


@login_required
@require_POST
def person_remove(request, pk, person_pk):
    person = _person(request, pk, person_pk)
    try:
        services.person_remove(user=request.user, person=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{person.user.display_name} is removed.")
    return redirect(reverse("partnerships:register", args=[pk, "people"]))
