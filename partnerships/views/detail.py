from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject

from core.audit import describe
from core.concurrency import check_or_open
from core.forms import add_service_errors
from core.middleware import public_page
from core.models import AuditEvent

from .. import hooks, services
from ..access import partnership_access
from ..forms import DetailsForm
from ..models import Invitation


@public_page
def detail(request, pk):
    access = partnership_access(request.user, pk)
    partnership = access.partnership
    # Its people see whom they named, confirmed or not; everyone else sees confirmed partners.
    partners = (partnership.partners.not_declined() if access.full
                else partnership.partners.confirmed()).select_related("organisation")
    # Everything below the heading is kept per viewer under the data version (the template's
    # remembered_html), so each value is lazy: a kept copy costs no query.
    context = {
        "case_studies": partnership.case_studies.published(),
        "studies": partnership.studies.all(),
        "access": access, "partnership": partnership, "partners": partners,
        "health_categories": partnership.health_categories.all(),
        "activity_groups": partnership.research_activity_groups.all(),
        # What other apps add (partnerships/hooks.py): DRIVE at the top, the rest below.
        "top_sections": SimpleLazyObject(
            lambda: hooks.sections_shown(request, access, slot="top")),
    }
    if not access.full:
        return render(request, "partnerships/summary.jinja", context)
    context.update({
        "body_sections": SimpleLazyObject(
            lambda: hooks.sections_shown(request, access, slot="body")),
        "people": partnership.people.select_related("user"),
        "invitations": partnership.invitations.filter(
            state=Invitation.State.PENDING).select_related("organisation")
        if access.is_lead else [],
        "history": SimpleLazyObject(lambda: [
            (event, describe(event)) for event in AuditEvent.objects.about(partnership)[:10]]),
    })
    return render(request, "partnerships/detail.jinja", context)


def history(request, pk):
    access = partnership_access(request.user, pk, need="full")
    events = [(event, describe(event)) for event in AuditEvent.objects.about(access.partnership)]
    return render(request, "core/history.jinja", {
        "subject": access.partnership, "back_text": "Back to the partnership", "events": events})


@login_required
def edit(request, pk):
    access = partnership_access(request.user, pk, need="edit")
    partnership = access.partnership
    if partnership.is_draft:
        return redirect("partnerships:register", pk=pk, step="purpose")
    initial = {
        "title": partnership.title, "purpose": partnership.purpose, "topics": partnership.topics,
        "visibility": partnership.visibility, "status": partnership.status,
        "start_date": partnership.start_date, "end_date": partnership.end_date,
        "health_categories": list(partnership.health_categories.all()),
        "research_activity_groups": list(partnership.research_activity_groups.all()),
    }
    form = DetailsForm(request.POST or None, initial=initial)
    if check_or_open(request, form, initial):
        data = dict(form.cleaned_data)
        try:
            services.partnership_update(
                user=request.user, partnership=partnership,
                health_categories=data.pop("health_categories"),
                research_activity_groups=data.pop("research_activity_groups"), **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The partnership's details are saved.")
            return redirect(partnership)
    return render(request, "core/form_page.jinja", {
        "form": form, "title": "Change the partnership's details", "caption": partnership.title,
        "submit_label": "Save", "back_href": partnership.get_absolute_url(),
    })
