import csv

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from core.audit import describe
from core.concurrency import check_or_open, opened_at, refuse_if_changed, values_of
from core.csv import safe_row
from core.forms import add_service_errors
from core.models import AuditEvent
from core.text import figure
from organisations.models import Organisation
from partnerships import services as partnership_services
from partnerships.access import Access, partnership_access
from partnerships.models import PartnerOrganisation, Partnership
from reminders.models import ReminderDelivery
from reminders.registry import DIGEST

from . import commitments as commitments_read
from . import indicators as indicators_read
from . import related, services
from . import summary as summary_read
from .forms import (
    ActionForm,
    CommitmentForm,
    EvidenceForm,
    IndicatorForm,
    OutputForm,
    ResultForm,
)
from .models import (
    ActionProgress,
    Commitment,
    EvidenceLink,
    Indicator,
    IndicatorResult,
    Output,
)
from .presenters import action_row
from .selectors import progress_of

REVIEW = "review-and-build"


def task_list(request, pk):
    access = partnership_access(request.user, pk, need="full")

    def tasks():
        services.progress_ensure(access.partnership)
        progress = progress_of(access.partnership)
        today = timezone.localdate()
        return {"rows": [action_row(p, today) for p in progress],
                "completed": sum(p.status == ActionProgress.Status.COMPLETED for p in progress)}

    # Read only if the template's kept copy for this viewer is not in the cache.
    return render(request, "drive/task_list.jinja", {
        "access": access, "partnership": access.partnership, "tasks": SimpleLazyObject(tasks)})


def _progress(access, slug):
    services.progress_ensure(access.partnership)
    return get_object_or_404(
        ActionProgress.objects.select_related("action", "owner", "partnership"),
        partnership=access.partnership, action__slug=slug)


def _action_page(request, access, progress, *, form=None, evidence_form=None,
                 completion_errors=()):
    saved_answers = {a.prompt_id: a.text for a in progress.answers.all()}
    if form is None:
        initial = _saved(progress, saved_answers)
        form = ActionForm(initial=initial, progress=progress, people=_people(access))
        opened_at(form, initial)
    context = {
        "access": access, "partnership": access.partnership, "progress": progress,
        "form": form, "evidence_form": evidence_form or EvidenceForm(prefix="evidence"),
        "completion_errors": list(completion_errors),
        "answers": saved_answers, "prompts": list(progress.action.prompts.all()),
        "evidence": list(progress.evidence.select_related("added_by")),
        "history": [(e, describe(e)) for e in AuditEvent.objects.about(progress)[:20]],
    }
    if progress.action.slug == REVIEW:
        marks = {(m.kind, m.object_id): m for m in progress.related_marks.all()}
        context["suggestions"] = [
            (s, marks.get((s.candidate.kind, s.candidate.object_id)))
            for s in related.related_to(access.partnership, request.user)]
        context["marks"] = list(marks.values())
    return render(request, "drive/action.jinja", context)


def _saved(progress, answers=None):
    """The action as saved: what its form shows, and what a stale form is compared with."""
    if answers is None:
        answers = {a.prompt_id: a.text for a in progress.answers.all()}
    return {"status": progress.status, "owner": progress.owner, "due_date": progress.due_date,
            "notes": progress.notes,
            **{f"prompt_{prompt.pk}": answers.get(prompt.pk, "")
               for prompt in progress.action.prompts.all()}}


def _people(access):
    return list(access.partnership.people.select_related("user"))


def _editable(request, pk, slug):
    access = partnership_access(request.user, pk, need="full")
    if not access.can_edit:
        raise PermissionDenied
    return access, _progress(access, slug)


def action(request, pk, slug):
    """The action's page; a POST saves the answers, or (the "complete" button) saves and marks
    the action completed."""
    if request.method != "POST":
        access = partnership_access(request.user, pk, need="full")
        return _action_page(request, access, _progress(access, slug))
    access, progress = _editable(request, pk, slug)
    complete = "complete" in request.POST  # the "Mark as completed" button
    form = ActionForm(request.POST, progress=progress, people=_people(access))
    if not form.is_valid() or refuse_if_changed(form, _saved(progress)):
        return _action_page(request, access, progress, form=form)
    data = dict(form.cleaned_data)
    fields = {k: data[k] for k in ("owner", "due_date", "notes")}
    if data["status"] != ActionProgress.Status.COMPLETED:
        fields["status"] = data["status"]
    try:
        services.progress_update(user=request.user, progress=progress, answers=form.answers(),
                                 **fields)
        if complete:
            services.progress_complete(user=request.user, progress=progress)
    except ValidationError as exc:
        if complete and not hasattr(exc, "error_dict"):  # completing was refused
            missing = services.missing_required(progress)
            for prompt in missing:
                form.add_error(f"prompt_{prompt.pk}", "Answer this before completing the action")
            if not missing:  # what the action needs besides answers (commitments)
                for message in exc.messages:
                    form.add_error(None, message)
            # The answers were saved, only completing was refused: the form is of them now.
            opened_at(form, _saved(progress))
            return _action_page(request, access, progress, form=form,
                                completion_errors=exc.messages)
        add_service_errors(form, exc)
        return _action_page(request, access, progress, form=form)
    messages.success(request, f"{progress.action.title} is {'completed' if complete else 'saved'}.")
    return redirect(progress.get_absolute_url())


@require_POST
def evidence_add(request, pk, slug):
    access, progress = _editable(request, pk, slug)
    evidence_form = EvidenceForm(request.POST, prefix="evidence")
    if evidence_form.is_valid():
        try:
            services.evidence_add(user=request.user, progress=progress,
                                  **evidence_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(evidence_form, exc)
        else:
            messages.success(request, "The evidence link is added.")
            return redirect(progress.get_absolute_url() + "#evidence")
    return _action_page(request, access, progress, evidence_form=evidence_form)


@require_POST
def evidence_remove(request, pk, slug, link_pk):
    access, progress = _editable(request, pk, slug)
    link = get_object_or_404(EvidenceLink, pk=link_pk, progress=progress)
    services.evidence_remove(user=request.user, link=link)
    messages.success(request, f"{link.title} is removed.")
    return redirect(progress.get_absolute_url() + "#evidence")


@require_POST
def related_mark(request, pk):
    """Mark a suggestion on "Review and build on what already exists" relevant or not."""
    access, progress = _editable(request, pk, REVIEW)
    suggestions = related.related_to(access.partnership, request.user, limit=50)
    key = (request.POST.get("kind"), request.POST.get("object_id"))
    chosen = next((s for s in suggestions
                   if (s.candidate.kind, str(s.candidate.object_id)) == key), None)
    if chosen is None:
        raise Http404("That item is not among the suggestions")
    relevant = request.POST.get("relevant") == "yes"
    services.related_mark(user=request.user, progress=progress, candidate=chosen.candidate,
                          relevant=relevant)
    messages.success(request, f"{chosen.candidate.title} is marked "
                              f"{'relevant' if relevant else 'not relevant'}.")
    return redirect(progress.get_absolute_url() + "#related")


def _file_name(access):
    """determine-drive-summary: the partnership's short name (before a colon) or its title."""
    title = access.partnership.title.split(":")[0]
    return f"{slugify(title)[:60].strip('-') or 'partnership'}-drive-summary"


def summary(request, pk):
    access = partnership_access(request.user, pk, need="full")
    services.progress_ensure(access.partnership)
    sections = summary_read.sections(access.partnership)
    brings, sectors, overall = commitments_read.what_each_brings(access.partnership)
    measured = summary_read.with_results(access.partnership.indicators.all())
    produced = list(access.partnership.outputs.order_by("category", "-date", "pk"))
    fmt = request.GET.get("format", "")
    if fmt == "json":
        data = summary_read.document(access.partnership, sections, measured, produced)
        response = JsonResponse(data, json_dumps_params={"indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{_file_name(access)}.json"'
        return response
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_file_name(access)}.csv"'
        writer = csv.writer(response)
        writer.writerow(["Action", "Status", "Owner", "Due date", "Item", "Detail"])
        for s in sections:
            p = s["progress"]
            head = [p.action.title, p.get_status_display(),
                    p.owner.display_name if p.owner else "",
                    p.due_date.isoformat() if p.due_date else ""]
            writer.writerow(safe_row(head + ["", ""]))
            for q, a in s["prompts"]:
                writer.writerow(safe_row(head + [q.text, a]))
            for e in s["evidence"]:
                writer.writerow(safe_row(head + [f"Evidence: {e.title}", e.url]))
            for m in s["marks"]:
                writer.writerow(safe_row(head + [f"Related: {m.title}",
                                                 "relevant" if m.relevant else "not relevant"]))
        for row in brings:
            for c in row.commitments:
                writer.writerow(safe_row(["What each partner brings", c.get_state_display(),
                                          row.partner.organisation.name, "",
                                          f"Commitment: {c.description}",
                                          c.get_kind_display()]))
        for row in measured:
            i = row["indicator"]
            latest = row["results"][-1] if row["results"] else None
            writer.writerow(safe_row([
                "How you will know it worked", row["status"].label, i.owner.organisation.name,
                i.target_date.isoformat(), f"Indicator: {i.name}",
                f"baseline {figure(i.baseline_value)}, target {figure(i.target_value)} {i.unit}"
                + (f", latest {figure(latest.value)} on {latest.period_end:%Y-%m-%d}"
                   if latest else ", no result yet")]))
        for o in produced:
            writer.writerow(safe_row(["What the partnership produced", o.get_category_display(),
                                      "", o.date.isoformat(), f"Output: {o.title}",
                                      o.doi or o.pmid or o.study or o.url]))
        return response
    partnership = access.partnership
    return render(request, "drive/summary.jinja", {
        "partnership": partnership, "sections": sections,
        "brings": brings, "sectors": sectors, "overall": overall, "measured": measured,
        "produced": produced,
        "partners": partnership.partners.not_declined().select_related("organisation")
        .exclude(role=PartnerOrganisation.Role.LEAD).order_by("organisation__name"),
        "printed_on": timezone.localdate(),
        "completed": sum(1 for s in sections
                         if s["progress"].status == ActionProgress.Status.COMPLETED),
    })



@login_required
def reminder_log(request, pk):
    """Leads see who was reminded of what, and set how long a pause counts as stalled."""

    access = partnership_access(request.user, pk, need="lead")
    partnership = access.partnership

    class CadenceForm(django_forms.Form):
        stall_days = django_forms.IntegerField(
            label="Remind the leads after how many days without DRIVE progress?",
            min_value=7, max_value=365, initial=partnership.stall_days,
            help_text="Between 7 and 365 days",
            widget=django_forms.NumberInput(attrs={"inputmode": "numeric", "width": 3}))

    form = CadenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partnership_services.partnership_set_stall_days(
                user=request.user, partnership=partnership,
                stall_days=form.cleaned_data["stall_days"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The reminder cadence is saved.")
            return redirect("drive:reminders", pk=pk)
    log = (ReminderDelivery.objects.filter(partnership=partnership)
           .exclude(kind=DIGEST).select_related("user")[:200])
    return render(request, "drive/reminder_log.jinja",
                  {"partnership": partnership, "form": form, "log": log})


# Commitments ------------------------------------------------------------------------------

def _as_partner(request, pk):
    """The full record's readers, and also the admins of any confirmed partner: they agree
    their organisation's commitments and report its indicators, so those pages (and the links
    their reminders send) open for them, read-only."""
    try:
        return partnership_access(request.user, pk, need="full")
    except Http404:
        partnership = (Partnership.objects.exclude(status=Partnership.Status.DRAFT)
                       .filter(pk=pk, partners__state=PartnerOrganisation.State.CONFIRMED,
                               partners__organisation__in=Organisation.objects
                               .administered_by(request.user))
                       .select_related("lead_organisation").first())
        if partnership is None:
            raise
        return Access(partnership=partnership, person=None, full=False)


@require_safe
def commitments(request, pk):
    access = _as_partner(request, pk)
    partnership = access.partnership
    rows, sectors, overall = commitments_read.what_each_brings(partnership, request.user)
    return render(request, "drive/commitments.jinja", {
        "access": access, "partnership": partnership, "rows": rows, "sectors": sectors,
        "overall": overall})


def _commitment_form(access, data=None, instance=None):
    partners = (access.partnership.partners.filter(state=PartnerOrganisation.State.CONFIRMED)
                .select_related("organisation").order_by("organisation__name"))
    return CommitmentForm(data, instance=instance, partners=partners)


def commitment_edit(request, pk, commitment_pk=None):
    access = partnership_access(request.user, pk, need="full")
    if not access.can_edit:
        raise PermissionDenied
    commitment = None
    if commitment_pk is not None:
        commitment = get_object_or_404(Commitment, pk=commitment_pk,
                                       partnership=access.partnership)
        if commitment.state != Commitment.State.PROPOSED:
            messages.info(request, "An agreed commitment cannot be changed: record a new one.")
            return redirect(commitment.get_absolute_url())
    instance = commitment or Commitment(partnership=access.partnership)
    # What the form showed, before binding writes the typed values onto the instance.
    saved = values_of(commitment, _commitment_form(access)) if commitment else None
    form = _commitment_form(access, request.POST if request.method == "POST" else None,
                            instance=instance)
    if check_or_open(request, form, saved):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = services.commitment_save(user=request.user, partnership=access.partnership,
                                             commitment=commitment, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The commitment \u201c{saved.description}\u201d is "
                                      "recorded. One of the partner's admins agrees it.")
            return redirect(saved.get_absolute_url())
    return render(request, "drive/commitment_form.jinja", {
        "access": access, "partnership": access.partnership, "form": form,
        "commitment": commitment})


COMMITMENT_MOVES = {"agree": Commitment.State.AGREED, "deliver": Commitment.State.DELIVERED}


@require_POST
def commitment_change_state(request, pk, commitment_pk, change):
    access = _as_partner(request, pk)
    commitment = get_object_or_404(Commitment.objects.select_related("partner"),
                                   pk=commitment_pk, partnership=access.partnership)
    try:
        if change == "remove":
            services.commitment_remove(user=request.user, commitment=commitment)
            messages.success(request, "The proposed commitment is removed.")
            return redirect("drive:commitments", pk)
        if change not in COMMITMENT_MOVES:
            raise Http404("No such change")
        services.commitment_move(user=request.user, commitment=commitment,
                                 to=COMMITMENT_MOVES[change])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"\u201c{commitment.description}\u201d is "
                                  f"{'agreed' if change == 'agree' else 'marked delivered'}.")
    return redirect(commitment.get_absolute_url())


@require_safe
def commitments_export(request, pk, shape):
    access = partnership_access(request.user, pk, need="full")
    name = _file_name(access) + "-commitments"
    if shape == "360giving":
        response = JsonResponse(commitments_read.giving_360(access.partnership),
                                json_dumps_params={"indent": 2})
        response["Content-Disposition"] = f'attachment; filename="{name}-360giving.json"'
        return response
    if shape != "csv":
        raise Http404("No such export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(commitments_read.CSV_HEADER)
    for row in commitments_read.csv_rows(access.partnership):
        writer.writerow(safe_row(row))
    return response


# Indicators -------------------------------------------------------------------------------

def _confirmed_partners(partnership):
    return (partnership.partners.filter(state=PartnerOrganisation.State.CONFIRMED)
            .select_related("organisation").order_by("organisation__name"))


@require_safe
def indicators(request, pk):
    access = _as_partner(request, pk)
    return render(request, "drive/indicators.jinja", {
        "access": access, "partnership": access.partnership,
        "rows": summary_read.with_results(access.partnership.indicators.all()),
        "rule": indicators_read.RULE})


def indicator_edit(request, pk, indicator_pk=None):
    access = partnership_access(request.user, pk, need="full")
    if not access.can_edit:
        raise PermissionDenied
    indicator = None
    if indicator_pk is not None:
        indicator = get_object_or_404(Indicator, pk=indicator_pk, partnership=access.partnership)
    partners = _confirmed_partners(access.partnership)
    saved = values_of(indicator, IndicatorForm(partners=partners)) if indicator else None
    form = IndicatorForm(request.POST if request.method == "POST" else None,
                         instance=indicator or Indicator(partnership=access.partnership),
                         partners=partners)
    if check_or_open(request, form, saved):
        try:
            saved = services.indicator_save(
                user=request.user, partnership=access.partnership, indicator=indicator,
                **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The indicator \u201c{saved.name}\u201d is saved.")
            return redirect(saved.get_absolute_url())
    return render(request, "drive/indicator_form.jinja", {
        "access": access, "partnership": access.partnership, "form": form,
        "indicator": indicator})


def indicator(request, pk, indicator_pk):
    """One indicator: its chart, its results as a table, and (editors) a result to add."""
    access = _as_partner(request, pk)
    chosen = access.partnership.indicators.filter(pk=indicator_pk)
    row = next(iter(summary_read.with_results(chosen)), None)
    if row is None:
        raise Http404("No such indicator")
    form = None
    if access.can_edit:
        form = ResultForm(request.POST if request.method == "POST" else None,
                          indicator=row["indicator"], prefix="result")
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            services.result_add(user=request.user, indicator=row["indicator"],
                                **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The result is added.")
            return redirect(row["indicator"].get_absolute_url())
    return render(request, "drive/indicator.jinja", {
        "access": access, "partnership": access.partnership, "row": row, "form": form,
        "rule": indicators_read.RULE})


@require_POST
def result_remove(request, pk, indicator_pk, result_pk):
    access = partnership_access(request.user, pk, need="full")
    if not access.can_edit:
        raise PermissionDenied
    result = get_object_or_404(IndicatorResult.objects.select_related("indicator__partnership"),
                               pk=result_pk, indicator_id=indicator_pk,
                               indicator__partnership=access.partnership)
    services.result_remove(user=request.user, result=result)
    messages.success(request, "The result is removed.")
    return redirect(result.indicator.get_absolute_url())


# Outputs ----------------------------------------------------------------------------------

def outputs(request, pk):
    """What the partnership produced, by Researchfish category; editors add one here."""
    access = partnership_access(request.user, pk, need="full")
    form = None
    if access.can_edit:
        form = OutputForm(request.POST if request.method == "POST" else None,
                          instance=Output(partnership=access.partnership))
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            services.output_add(user=request.user, partnership=access.partnership,
                                **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The output is recorded.")
            return redirect("drive:outputs", pk)
    rows = list(access.partnership.outputs.all())
    by_category = [(label, [o for o in rows if o.category == key])
                   for key, label in Output.Category.choices]
    return render(request, "drive/outputs.jinja", {
        "access": access, "partnership": access.partnership, "form": form,
        "by_category": [(label, items) for label, items in by_category if items],
        "count": len(rows)})


@require_POST
def output_remove(request, pk, output_pk):
    access = partnership_access(request.user, pk, need="full")
    if not access.can_edit:
        raise PermissionDenied
    output = get_object_or_404(Output, pk=output_pk, partnership=access.partnership)
    services.output_remove(user=request.user, output=output)
    messages.success(request, f"\u201c{output.title}\u201d is removed.")
    return redirect("drive:outputs", pk)


@require_safe
def outputs_export(request, pk):
    access = partnership_access(request.user, pk, need="full")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(access)}-outputs.csv"'
    writer = csv.writer(response)
    writer.writerow(["Researchfish outcome type", "What it is", "Date", "DOI", "PubMed ID",
                     "Study", "Web address"])
    for o in access.partnership.outputs.order_by("category", "-date", "pk"):
        writer.writerow(safe_row([o.get_category_display(), o.title, o.date.isoformat(), o.doi,
                                  o.pmid, o.study, o.url]))
    return response
