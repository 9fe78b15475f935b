"""Writes to studies, their sites and recruitment figures. Each change is in the study's history
(docs/adr/0002); a study imported from ClinicalTrials.gov is written by ctgov.apply, also with
history."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import audit
from organisations.models import Organisation
from partnerships.models import Partnership

from .models import RecruitmentUpdate, Study, StudySite


def can_edit(user, study) -> bool:
    """Leads and contributors of a partnership the study belongs to. Its creator too, but only
    while it belongs to none: someone removed from the partnership loses the study with it."""
    if not user.is_authenticated:
        return False
    linked = Partnership.objects.filter(studies=study)
    if Partnership.objects.editable_by(user).filter(studies=study).exists():
        return True
    return study.created_by_id == user.pk and not linked.exists()


def _where(site):
    return site.organisation.name if site else "Whole study"


def _earlier_figure(study, site, date, exclude=None):
    """The latest count recorded on or before `date` for the same site (or the whole study)."""
    rows = RecruitmentUpdate.objects.filter(study=study, site=site, date__lte=date)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.order_by("-date", "-pk").first()


@transaction.atomic
def recruitment_save(*, user, study, date, recruited, site=None, update=None,
                     confirm_drop=False):
    """Record a cumulative count, or correct one. A count lower than an earlier one is usually a
    typing slip, so it needs `confirm_drop` (people do withdraw)."""
    if date > timezone.localdate():
        raise ValidationError({"date": "The date cannot be in the future"})
    if site is not None and site.study_id != study.pk:
        raise ValidationError({"site": "Choose one of this study's sites"})
    earlier = _earlier_figure(study, site, date, exclude=update)
    if earlier is not None and recruited < earlier.recruited and not confirm_drop:
        raise ValidationError({"recruited": ValidationError(
            f"{recruited:,} is fewer than the {earlier.recruited:,} recorded for "
            f"{'the whole study' if site is None else site.organisation.name} on "
            f"{earlier.date.day} {earlier.date:%B %Y}. Check the number, or tick the box to say "
            f"the total went down", code="drop")})
    details = {"where": _where(site), "date": date.isoformat(), "recruited": recruited}
    if update is None:
        update = RecruitmentUpdate.objects.create(study=study, site=site, date=date,
                                                  recruited=recruited, entered_by=user)
        audit.record(user, "recruitment.recorded", study, **details)
    else:
        before = {"date": update.date.isoformat(), "recruited": update.recruited,
                  "where": _where(update.site)}
        update.site, update.date, update.recruited = site, date, recruited
        update.save(update_fields=["site", "date", "recruited"])
        audit.record(user, "recruitment.changed", study, **details,
                     was=f"{before['recruited']:,} on {before['date']} ({before['where']})")
    return update


@transaction.atomic
def recruitment_delete(*, user, update):
    study = update.study
    audit.record(user, "recruitment.deleted", study, where=_where(update.site),
                 date=update.date.isoformat(), recruited=update.recruited)
    update.delete()


@transaction.atomic
def site_add(*, user, study, organisation, local_target=None):
    if StudySite.objects.filter(study=study, organisation=organisation).exists():
        raise ValidationError({"organisation": f"{organisation.name} is already a site"})
    site = StudySite.objects.create(study=study, organisation=organisation,
                                    local_target=local_target)
    audit.record(user, "study.site_added", study, site=organisation.name,
                 local_target=local_target)
    return site


@transaction.atomic
def study_save(*, user, form, partnership=None) -> Study:
    """Register a study by hand (linked to one of the person's partnerships) or save a change,
    from a valid StudyForm, with the fields that changed in the history."""
    creating = form.instance.pk is None
    study = form.save(commit=False)
    if creating:
        study.created_by = user
    study.save()
    form.save_m2m()
    if creating:
        audit.record(user, "study.created", study, title=study.title)
    elif form.changed_data:
        audit.record(user, "study.changed", study, fields=form.changed_data)
    if partnership is not None:
        study_link(user=user, study=study, partnership=partnership)
    return study


@transaction.atomic
def study_link(*, user, study, partnership):
    """Link the study to a partnership the person can edit."""
    if not Partnership.objects.editable_by(user).filter(pk=partnership.pk).exists():
        raise PermissionDenied
    if study.partnerships.filter(pk=partnership.pk).exists():
        return
    study.partnerships.add(partnership)
    audit.record(user, "study.linked", study, partnership=partnership.title)


@transaction.atomic
def site_update(*, user, study, site, **fields) -> StudySite:
    """A site's target and delivery dates. Changed figures go back to "reported": the site
    confirms what it sees, not what it saw."""
    if not can_edit(user, study):
        raise PermissionDenied
    site = StudySite.objects.select_for_update().get(pk=site.pk, study=study)
    changed = sorted(name for name, value in fields.items() if getattr(site, name) != value)
    for name, value in fields.items():
        setattr(site, name, value)
    if changed:
        site.figures, site.figures_note = StudySite.Figures.REPORTED, ""
        site.figures_answered_by = site.figures_answered_at = None
    site.full_clean()
    site.save()
    if changed:
        audit.record(user, "study.site_changed", study, site=site.organisation.name,
                     fields=changed)
    return site


def answers_for_site(user, site) -> bool:
    """The site's own admins confirm or query the figures reported for it."""
    return Organisation.objects.administered_by(user).filter(pk=site.organisation_id).exists()


def figures_shown(site, latest_count) -> str:
    """A short fingerprint of the figures a site's admin is asked about: answering from a page
    opened before someone changed them is refused."""
    parts = [site.local_target, site.application_date, site.approval_date, site.selected_date,
             site.opened_date, site.first_participant_date, site.planned_close_date,
             site.closed_date, latest_count]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def latest_count(site):
    return RecruitmentUpdate.latest_by_site([site]).get(site.pk)


def sites_answered_by(user, sites) -> set[int]:
    """Which of these sites the person answers for, in one query."""
    if not user.is_authenticated or not sites:
        return set()
    mine = set(Organisation.objects.administered_by(user).filter(
        pk__in={s.organisation_id for s in sites}).values_list("pk", flat=True))
    return {s.pk for s in sites if s.organisation_id in mine}


@transaction.atomic
def site_figures_answer(*, user, site, answer, note=""):
    if not answers_for_site(user, site):
        raise PermissionDenied
    site = StudySite.objects.select_for_update().select_related("study", "organisation").get(
        pk=site.pk)
    site.figures = answer
    site.figures_note = note if answer == StudySite.Figures.QUERIED else ""
    site.figures_answered_by, site.figures_answered_at = user, timezone.now()
    site.save(update_fields=["figures", "figures_note", "figures_answered_by",
                             "figures_answered_at"])
    audit.record(user, f"study.site_figures_{answer}", site.study, site=site.organisation.name,
                 note=site.figures_note)
    return site
