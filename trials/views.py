import csv
import secrets
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from core.audit import describe
from core.concurrency import check_or_open, values_of
from core.csv import safe_row
from core.forms import add_service_errors
from core.middleware import public_page
from core.models import AuditEvent
from core.paging import filtered, page_of
from partnerships.models import Partnership

from . import ctgov, services
from .filters import StudyFilter
from .forms import (
    FiguresForm,
    ImportForm,
    LinkForm,
    RecruitmentForm,
    SiteDeliveryForm,
    SiteForm,
    StudyForm,
)
from .models import RecruitmentUpdate, Study, StudySite
from .presenters import recruitment_chart, site_rows

SESSION_KEY = "ctgov_import"




def _rows():
    return Study.objects.select_related("sponsor").prefetch_related("health_categories")


def _filtered(request):
    # By title unless the sort filter asks for another order.
    return filtered(request, StudyFilter, _rows().order_by("title", "pk"))


@public_page
def directory(request):
    form, results = _filtered(request)
    # Read only if the template's remembered results are not in the cache.
    page = SimpleLazyObject(lambda: page_of(
        request, results, 20, load=lambda ids: _rows().filter(pk__in=ids), remember_count=True))
    return render(request, "trials/directory.jinja", {
        "form": form, "page": page,
        "export_query": request.GET.urlencode(),
        "can_import": Partnership.objects.editable_by(request.user).exists()})


def directory_csv(request):
    _, results = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="studies.csv"'
    writer = csv.writer(response)
    writer.writerow(["Title", "Short name", "Status", "Phase", "NCT", "IRAS", "Sponsor", "Link"])
    base = request.build_absolute_uri("/")[:-1]
    for study in results.iterator(chunk_size=500):
        writer.writerow(safe_row([study.title, study.short_name, study.get_status_display(),
                                  study.get_phase_display(), study.nct_id, study.iras_id,
                                  study.sponsor_name, base + study.get_absolute_url()]))
    return response


@public_page
def detail(request, pk):
    study = get_object_or_404(Study.objects.select_related("sponsor"), pk=pk)
    return _detail(request, study)


def _detail(request, study, *, recruitment_form=None, site_form=None):
    """The study page; a form that failed comes back bound, its errors beside its fields."""
    overall = list(study.recruitment.filter(site__isnull=True))
    editor = services.can_edit(request.user, study)
    sites = list(study.sites.select_related("organisation"))
    context = {
        "study": study, "editor": editor,
        "sites": site_rows(sites, study.recruitment.filter(site__isnull=False),
                           end=study.recruitment_ends),
        "answers_for": services.sites_answered_by(request.user, sites),
        "figures_form": FiguresForm(prefix="figures"),
        "figures_shown": services.figures_shown,
        "chart": recruitment_chart(overall, study.target_recruitment, start=study.start_date,
                                   end=study.end_date),
        "updates": list(study.recruitment.select_related("site__organisation")),
        "partnerships": Partnership.objects.visible_to(request.user).filter(studies=study)
        .exclude(status=Partnership.Status.DRAFT).distinct().order_by("title"),
        "health_categories": study.health_categories.all(),
        "funders": study.funders.all(),
        "case_studies": study.case_studies.published(),
        "history": [(e, describe(e)) for e in AuditEvent.objects.about(study)] if editor else [],
    }
    if editor:
        context["recruitment_form"] = recruitment_form or RecruitmentForm(study=study,
                                                                          prefix="r")
        context["site_form"] = site_form or SiteForm(study=study, prefix="site")
        context["link_form"] = LinkForm(partnerships=Partnership.objects.editable_by(request.user),
                                        prefix="link")
    return render(request, "trials/detail.jinja", context)


def _editable_study(request, pk):
    study = get_object_or_404(Study, pk=pk)
    if not services.can_edit(request.user, study):
        raise PermissionDenied
    return study


def _save_recruitment(request, form, study, update=None):
    """True when saved; otherwise the form carries the errors (and asks about a drop)."""
    if not form.is_valid():
        return False
    data = dict(form.cleaned_data)
    try:
        services.recruitment_save(user=request.user, study=study, update=update, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        form.asks_about_drop = form.asks_about_drop or any(
            e.code == "drop" for e in getattr(exc, "error_dict", {}).get("recruited", []))
        return False
    return True


@login_required
@require_POST
def add_recruitment(request, pk):
    study = _editable_study(request, pk)
    form = RecruitmentForm(request.POST, study=study, prefix="r")
    if _save_recruitment(request, form, study):
        messages.success(request, "The recruitment update is saved.")
        return redirect(study)
    return _detail(request, study, recruitment_form=form)


@login_required
def change_recruitment(request, pk, update_pk):
    study = _editable_study(request, pk)
    update = get_object_or_404(RecruitmentUpdate, pk=update_pk, study=study)
    initial = {"date": update.date, "recruited": update.recruited, "site": update.site_id}
    form = RecruitmentForm(request.POST or None, study=study, initial=initial)
    if request.method == "POST" and _save_recruitment(request, form, study, update):
        messages.success(request, "The recruitment figure is corrected.")
        return redirect(study)
    return render(request, "trials/recruitment_change.jinja", {
        "form": form, "study": study, "update": update})


@login_required
@require_POST
def delete_recruitment(request, pk, update_pk):
    study = _editable_study(request, pk)
    update = get_object_or_404(RecruitmentUpdate, pk=update_pk, study=study)
    services.recruitment_delete(user=request.user, update=update)
    messages.success(request, f"The figure of {update.recruited:,} on {update.date.day} "
                              f"{update.date:%B %Y} is deleted. The study's history keeps it.")
    return redirect(study)


@login_required
@require_POST
def link_partnership(request, pk):
    study = get_object_or_404(Study, pk=pk)
    if not services.can_edit(request.user, study):
        raise PermissionDenied
    form = LinkForm(request.POST, partnerships=Partnership.objects.editable_by(request.user),
                    prefix="link")
    if not form.is_valid():
        raise PermissionDenied
    services.study_link(user=request.user, study=study,
                        partnership=form.cleaned_data["partnership"])
    messages.success(request, f"The study is linked to {form.cleaned_data['partnership']}.")
    return redirect(study)


@login_required
def edit(request, pk=None):
    """Register a study by hand (linked to one of your partnerships), or change one."""
    study = get_object_or_404(Study, pk=pk) if pk else None
    partnerships = Partnership.objects.editable_by(request.user)
    if study is not None and not services.can_edit(request.user, study):
        raise PermissionDenied
    if study is None and not partnerships.exists():
        raise PermissionDenied
    saved = values_of(study, StudyForm()) if study else None  # before the form changes it
    form = StudyForm(request.POST or None, instance=study)
    link = LinkForm(request.POST or None, partnerships=partnerships, prefix="link") \
        if study is None else None
    if check_or_open(request, form, saved) and (link is None or link.is_valid()):
        saved = services.study_save(
            user=request.user, form=form,
            partnership=link.cleaned_data["partnership"] if link is not None else None)
        messages.success(request, "The study is saved.")
        return redirect(saved)
    return render(request, "trials/edit.jinja", {
        "form": form, "link_form": link, "study": study,
        "title": "Change the study" if study else "Register a study"})


@login_required
@require_POST
def add_site(request, pk):
    study = _editable_study(request, pk)
    form = SiteForm(request.POST, study=study, prefix="site")
    if form.is_valid():
        try:
            site = services.site_add(user=request.user, study=study, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{site.organisation.name} is added as a site.")
            return redirect(study)
    return _detail(request, study, site_form=form)


def _to_session(parsed):
    fields = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in parsed.fields.items()}
    recruited = parsed.recruited and [parsed.recruited[0].isoformat(), parsed.recruited[1]]
    return {"fields": fields, "sites": parsed.site_names,
            "collaborators": parsed.collaborator_names, "recruited": recruited}


def _from_session(data):
    fields = dict(data["fields"])
    for key in ("start_date", "end_date"):
        if fields.get(key):
            fields[key] = date.fromisoformat(fields[key])
    recruited = data.get("recruited")
    return ctgov.Parsed(fields=fields, site_names=data["sites"],
                        collaborator_names=data.get("collaborators", []),
                        recruited=(date.fromisoformat(recruited[0]), recruited[1])
                        if recruited else None)


PREVIEWS_KEPT = 3  # previews waiting in one session, one per open tab


def _confirm_import(request, partnerships):
    waiting = request.session.get(SESSION_KEY) or {}
    data = waiting.pop(request.POST.get("preview", ""), None)
    request.session[SESSION_KEY] = waiting
    if data is None:
        # Confirmed already, or from a tab whose preview a later upload replaced.
        messages.error(request, "That preview is no longer waiting to be imported: upload the "
                                "file again to see what it would change.")
        return redirect("trials:import")
    partnership = partnerships.filter(pk=data.get("partnership")).first()
    created, updated, failed, last = 0, 0, [], None
    for item in data["studies"]:
        parsed = _from_session(item)
        existing = Study.objects.filter(nct_id=parsed.fields["nct_id"]).first()
        if existing is not None and not services.can_edit(request.user, existing):
            failed.append(f"{parsed.fields['nct_id']}: only its own partnerships' people may "
                          "update it")
            continue
        try:
            last, new = ctgov.apply(parsed, user=request.user, partnership=partnership)
        except ValidationError as exc:
            failed.append(f"{parsed.fields['nct_id']}: {' '.join(exc.messages)}")
            continue
        created, updated = created + new, updated + (not new)
    if created + updated == 1 and not failed:
        messages.success(request, "The study is imported." if created
                         else "The study is updated from the record.")
        return redirect(last)
    if created or updated:
        messages.success(request, f"{created} new {'study' if created == 1 else 'studies'} "
                                  f"imported, {updated} updated.")
    if failed:
        messages.error(request, "Not imported: " + "; ".join(failed))
    return redirect(partnership if partnership and last else "trials:import")


@login_required
def import_record(request):
    """Upload a file of one or many studies, see what each would create or change, confirm."""
    partnerships = Partnership.objects.editable_by(request.user)
    if not partnerships.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, partnerships=partnerships)
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm_import(request, partnerships)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["record"]
        try:
            batch = ctgov.read(upload.read(ctgov.MAX_BYTES + 1))
            if not batch.studies:
                raise ValidationError("None of the studies in the file could be read: "
                                      + "; ".join(f"{w}: {why}" for w, why in batch.refused))
        except ValidationError as exc:
            add_service_errors(form, ValidationError({"record": exc.messages}))
        else:
            previews, blocked = [], []
            for parsed in batch.studies:
                preview = ctgov.changes(parsed)
                if preview.existing is not None and not services.can_edit(request.user,
                                                                          preview.existing):
                    # Only the study's own people may overwrite it from a registry record.
                    blocked.append(preview)
                else:
                    previews.append(preview)
            if not previews:
                raise PermissionDenied
            # Each preview is confirmed by its own id, so a second tab's upload cannot change
            # what the first tab's button imports.
            preview_id = secrets.token_urlsafe(9)
            waiting = request.session.get(SESSION_KEY) or {}
            if not isinstance(waiting, dict) or "studies" in waiting:
                waiting = {}  # a session from before previews had ids
            waiting = dict(list(waiting.items())[-(PREVIEWS_KEPT - 1):])
            waiting[preview_id] = {
                "studies": [_to_session(p.parsed) for p in previews],
                "partnership": form.cleaned_data["partnership"].pk}
            request.session[SESSION_KEY] = waiting
            return render(request, "trials/import_preview.jinja", {
                "previews": previews, "blocked": blocked, "refused": batch.refused,
                "partnership": form.cleaned_data["partnership"], "preview_id": preview_id})
    return render(request, "core/form_page.jinja", {
        "form": form, "title": "Import studies from ClinicalTrials.gov", "caption": "Studies",
        "submit_label": "Check the records", "back_href": "/studies/",
        "intro": "Upload the JSON of one study or of search results. You will see what each "
                 "study would create or change before anything is saved."})


@login_required
def site_edit(request, pk, site_pk):
    study = _editable_study(request, pk)
    site = get_object_or_404(StudySite.objects.select_related("organisation"), pk=site_pk,
                             study=study)
    saved = values_of(site, SiteDeliveryForm())  # what the form shows, before binding
    form = SiteDeliveryForm(request.POST if request.method == "POST" else None, instance=site)
    if check_or_open(request, form, saved):
        try:
            services.site_update(user=request.user, study=study, site=site,
                                 **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{site.organisation.name}'s target and dates are saved.")
            return redirect(reverse("trials:detail", args=[study.pk]) + f"#site-{site.pk}")
    return render(request, "trials/site_edit.jinja", {"study": study, "site": site,
                                                      "form": form})


@login_required
@require_POST
def site_figures(request, pk, site_pk):
    """The site's own admins confirm the figures reported for it, or query them."""
    site = get_object_or_404(StudySite.objects.select_related("study", "organisation"),
                             pk=site_pk, study_id=pk)
    if not services.answers_for_site(request.user, site):
        raise PermissionDenied
    form = FiguresForm(request.POST, prefix="figures")
    back = redirect(reverse("trials:detail", args=[pk]) + f"#site-{site.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return back
    if form.cleaned_data.pop("shown") != services.figures_shown(
            site, services.latest_count(site)):
        messages.error(request, "The figures changed since you opened the page: check them "
                                "and answer again.")
        return back
    services.site_figures_answer(user=request.user, site=site, **form.cleaned_data)
    messages.success(request, "Thank you: the study team sees your answer."
                     if form.cleaned_data["answer"] == "queried"
                     else f"{site.organisation.name}'s figures are confirmed.")
    return redirect(reverse("trials:detail", args=[pk]) + f"#site-{site.pk}")
