from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from core.audit import describe
from core.concurrency import check_or_open, values_of
from core.forms import add_service_errors
from core.middleware import public_page
from core.models import AuditEvent
from core.paging import filtered, page_of
from partnerships.access import partnership_access

from . import services
from .content import render_markdown
from .filters import CaseStudyFilter
from .forms import CaseStudyForm, DeclineNominationForm, NominationForm
from .models import CaseStudy, Nomination
from .permissions import is_curator
from .presenters import curation


@public_page
def library(request):
    studies = CaseStudy.objects.published().prefetch_related("drive_actions")
    form, results = filtered(request, CaseStudyFilter, studies)
    # Read only if the template's remembered results are not in the cache.
    page = SimpleLazyObject(lambda: page_of(request, results, 12, remember_count=True))
    return render(request, "casestudies/library.jinja", {
        "form": form, "page": page,
        "curator": is_curator(request.user)})


@public_page
def detail(request, pk):
    study = get_object_or_404(CaseStudy.objects.visible_to(request.user), pk=pk)
    curator = is_curator(request.user)
    return render(request, "casestudies/detail.jinja", {
        "study": study, "body": render_markdown(study.body), "curator": curator,
        "curation": curation(study, request.user) if curator else None,
        "partnerships": study.partnerships.listed(),
        "organisations": study.organisations.all(),
        "studies": study.studies.all(),
        "drive_actions": study.drive_actions.all(),
        "health_categories": study.health_categories.all(),
        "history": [(e, describe(e)) for e in AuditEvent.objects.about(study)] if curator
        else []})


def image(request, pk):
    """The image, served with its checked type and nothing that would let it run."""
    study = get_object_or_404(CaseStudy.objects.visible_to(request.user), pk=pk)
    if not study.image:
        raise Http404
    response = FileResponse(study.image.open("rb"), content_type=study.image_type)
    response["Content-Disposition"] = "inline"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _curator_or_404(request):
    if not is_curator(request.user):
        raise Http404


@login_required
def workbench(request):
    """Curators' page: drafts, reviews and nominations."""
    _curator_or_404(request)
    studies = CaseStudy.objects.exclude(state=CaseStudy.State.PUBLISHED).select_related(
        "written_by")
    nominations = Nomination.objects.filter(state=Nomination.State.OPEN).select_related(
        "partnership", "nominated_by")
    return render(request, "casestudies/workbench.jinja", {
        "studies": studies, "nominations": nominations,
        "decline_form": DeclineNominationForm(prefix="decline")})


@login_required
def edit(request, pk=None):
    _curator_or_404(request)
    study = get_object_or_404(CaseStudy, pk=pk) if pk else None
    saved = values_of(study, CaseStudyForm(), skip=("version", "remove_image")) if study \
        else None  # read before the form changes it
    form = CaseStudyForm(request.POST or None, request.FILES or None, instance=study)
    if check_or_open(request, form, saved):
        data = dict(form.cleaned_data)
        upload = data.pop("image", None)
        remove = data.pop("remove_image", False)
        try:
            study = services.case_study_save(user=request.user, case_study=study, image=upload,
                                             remove_image=remove, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The case study is saved.")
            return redirect(study)
    return render(request, "core/form_page.jinja", {
        "form": form, "title": "Change the case study" if study else "Write a case study",
        "submit_label": "Save", "caption": "Case studies",
        "back_href": study.get_absolute_url() if study else "/case-studies/curate/"})


@login_required
@require_POST
def transition(request, pk, action):
    _curator_or_404(request)
    study = get_object_or_404(CaseStudy, pk=pk)
    moves = {"submit": services.case_study_submit, "approve": services.case_study_approve,
             "return": services.case_study_return, "withdraw": services.case_study_withdraw}
    if action not in moves:
        raise Http404
    try:
        study = moves[action](user=request.user, case_study=study)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The case study is now {study.get_state_display().lower()}.")
    return redirect(study)


@login_required
def nominate(request, pk):
    access = partnership_access(request.user, pk, need="lead")
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nominate(user=request.user, partnership=access.partnership,
                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Thank you. The curators will look at your nomination.")
            return redirect(access.partnership)
    return render(request, "core/form_page.jinja", {
        "form": form, "title": "Nominate as a good-practice example",
        "caption": access.partnership.title, "submit_label": "Nominate",
        "intro": "Curators publish case studies so other partnerships learn from what worked.",
        "back_href": access.partnership.get_absolute_url()})


@login_required
@require_POST
def nomination_decide(request, pk, action):
    _curator_or_404(request)
    nomination = get_object_or_404(Nomination, pk=pk)
    try:
        if action == "draft":
            study = services.nomination_draft(user=request.user, nomination=nomination)
            messages.success(request, "A draft case study is ready to write.")
            return redirect("casestudies:edit", pk=study.pk)
        if action == "decline":
            form = DeclineNominationForm(request.POST, prefix="decline")
            if not form.is_valid():
                raise ValidationError("Tell the lead why you are declining")
            services.nomination_decline(user=request.user, nomination=nomination,
                                        **form.cleaned_data)
            messages.success(request, "The nomination is declined; the lead can see why.")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied:
        raise
    return redirect("casestudies:workbench")
