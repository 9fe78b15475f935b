"""The case study workflow: draft, in review, published, withdrawn. One curator writes and
submits; a different curator approves. Every change is kept with who and when."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import ratelimit
from core.audit import record
from core.models import AuditEvent
from partnerships.access import require_lead
from partnerships.models import Partnership
from reminders.notify import notify

from .content import IMAGE_EXTENSIONS, image_type
from .models import CaseStudy, Nomination
from .permissions import is_curator
from .reminders import NOMINATED, NOMINATION_ANSWERED, PUBLISHED, REVIEW, curators

State = CaseStudy.State
M2M = ("drive_actions", "health_categories", "partnerships", "organisations", "studies")


def _require_curator(user):
    if not is_curator(user):
        raise PermissionDenied


@transaction.atomic
def case_study_save(*, user, case_study=None, image=None, remove_image=False, **fields):
    _require_curator(user)
    if case_study is None:
        case_study = CaseStudy(written_by=user)
    elif case_study.state in (State.PUBLISHED, State.IN_REVIEW):
        # What is approved is what was reviewed: changes go back through draft first.
        raise ValidationError("Send the case study back to draft before changing it")
    relations = {name: fields.pop(name) for name in M2M if name in fields}
    for name, value in fields.items():
        setattr(case_study, name, value)
    old_image = case_study.image.name if case_study.image else ""
    if remove_image:
        case_study.image = ""
        case_study.image_type = ""
    if image:
        case_study.image_type = image_type(image)
        # Stored under a random name with the extension of the checked type: the uploader's
        # file name (a person's name, a path, "invoice.pdf.png") never reaches the server.
        image.name = f"{secrets.token_hex(16)}{IMAGE_EXTENSIONS[case_study.image_type]}"
        case_study.image = image
    if case_study.image and not case_study.image_alt.strip():
        raise ValidationError({"image_alt": "Describe the image for people who cannot see it"})
    case_study.full_clean(exclude=["image"])
    case_study.save()
    if old_image and old_image != case_study.image.name:
        # The replaced or removed file goes once the change is saved; not before, in case the
        # save is rolled back.
        storage = case_study.image.storage
        transaction.on_commit(lambda: storage.delete(old_image))
    for name, value in relations.items():
        getattr(case_study, name).set(value)
    record(user, "casestudy.saved", case_study, fields=sorted([*fields, *relations]))
    return case_study


@transaction.atomic
def case_study_submit(*, user, case_study):
    _require_curator(user)
    if case_study.state not in (State.DRAFT, State.WITHDRAWN):
        raise ValidationError("Only a draft can be sent for review")
    case_study.state = State.IN_REVIEW
    case_study.submitted_by = user
    case_study.save(update_fields=["state", "submitted_by", "updated_at"])
    record(user, "casestudy.submitted", case_study)
    # The writer cannot be the second curator either (approval_refusal).
    notify(curators().exclude(pk=case_study.written_by_id), kind=REVIEW, actor=user,
           title=f"{case_study.title} waits for a second curator's review",
           link=case_study.get_absolute_url(),
           about=f"casestudy:{case_study.pk}", email=True)
    return case_study


def approval_refusal(user, case_study) -> str | None:
    """Why this curator may not approve the case study, or None when they may."""
    if user.pk in (case_study.written_by_id, case_study.submitted_by_id):
        return "Another curator must approve this: you wrote or submitted it"
    edits = AuditEvent.objects.about(case_study).filter(action="casestudy.saved", actor=user)
    if case_study.published_at:  # changes since it last went out
        edits = edits.filter(at__gt=case_study.published_at)
    if edits.exists():
        return "Another curator must approve this: you changed its text"
    return None


@transaction.atomic
def case_study_approve(*, user, case_study):
    """Publish. A curator who wrote, submitted or changed the text being approved may not
    approve it: two people must have read every word that goes out."""
    _require_curator(user)
    case_study = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if case_study.state != State.IN_REVIEW:
        raise ValidationError("Only a case study in review can be published")
    refusal = approval_refusal(user, case_study)
    if refusal:
        raise ValidationError(refusal)
    case_study.state = State.PUBLISHED
    case_study.approved_by = user
    case_study.published_at = timezone.now()
    case_study.save(update_fields=["state", "approved_by", "published_at", "updated_at"])
    record(user, "casestudy.published", case_study)
    notify([case_study.written_by_id, case_study.submitted_by_id], kind=PUBLISHED, actor=user,
           title=f"{user.display_name} approved {case_study.title}: it is published",
           link=case_study.get_absolute_url())
    return case_study


@transaction.atomic
def case_study_return(*, user, case_study):
    """Send a case study in review, or a withdrawn one, back to draft."""
    _require_curator(user)
    if case_study.state not in (State.IN_REVIEW, State.WITHDRAWN):
        raise ValidationError("Only a case study in review or withdrawn can go back to draft")
    case_study.state = State.DRAFT
    case_study.save(update_fields=["state", "updated_at"])
    record(user, "casestudy.returned", case_study)
    return case_study


@transaction.atomic
def case_study_withdraw(*, user, case_study):
    _require_curator(user)
    if case_study.state != State.PUBLISHED:
        raise ValidationError("Only a published case study can be withdrawn")
    case_study.state = State.WITHDRAWN
    case_study.save(update_fields=["state", "updated_at"])
    record(user, "casestudy.withdrawn", case_study)
    return case_study


@transaction.atomic
def nominate(*, user, partnership, reason):
    require_lead(user, partnership)
    if partnership.is_draft:
        raise ValidationError("Register the partnership before nominating it")
    if partnership.nominations.filter(state=Nomination.State.OPEN).exists():
        raise ValidationError({"reason": "This partnership is already nominated"})
    ratelimit.hit(user, "nomination", noun="nominations")
    nomination = Nomination(partnership=partnership, nominated_by=user, reason=reason)
    nomination.full_clean()
    nomination.save()
    record(user, "casestudy.nominated", partnership)
    # A private partnership's title is its people's: curators see it on the workbench.
    listed = partnership.visibility == Partnership.Visibility.LISTED
    notify(curators(), kind=NOMINATED, actor=user,
           title=f"{partnership.title} is nominated as a case study" if listed
           else "A private partnership is nominated as a case study",
           link=reverse("casestudies:workbench"), about=f"nomination:{nomination.pk}",
           email=True)
    return nomination


@transaction.atomic
def nomination_draft(*, user, nomination):
    _require_curator(user)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.state != Nomination.State.OPEN:
        raise ValidationError("This nomination has already been decided")
    partnership = nomination.partnership
    # A private partnership's title and purpose are its people's: the draft starts from the
    # nomination's own words only, and the curator writes the rest with the partnership.
    listed = partnership.visibility == Partnership.Visibility.LISTED
    case_study = case_study_save(
        user=user, title=partnership.title if listed else "New case study from a nomination",
        summary=partnership.purpose[:1000] if listed else "To write with the partnership.",
        body="", what_worked=nomination.reason,
        health_categories=list(partnership.health_categories.all()),
        partnerships=[partnership],
        organisations=[p.organisation for p in partnership.partners.select_related(
            "organisation")])
    nomination.state = Nomination.State.DRAFTED
    nomination.case_study = case_study
    nomination.decided_at = timezone.now()
    nomination.decided_by = user
    nomination.save()
    notify([nomination.nominated_by_id], kind=NOMINATION_ANSWERED, actor=user,
           title=f"A curator is writing a case study from your nomination of {partnership.title}",
           link=partnership.get_absolute_url())
    return case_study


@transaction.atomic
def nomination_decline(*, user, nomination, reason):
    _require_curator(user)
    if nomination.state != Nomination.State.OPEN:
        raise ValidationError("This nomination has already been decided")
    if not reason.strip():
        raise ValidationError({"reason": "Tell the lead why, so they can learn from it"})
    nomination.state = Nomination.State.DECLINED
    nomination.decline_reason = reason.strip()
    nomination.decided_at = timezone.now()
    nomination.decided_by = user
    nomination.save()
    record(user, "casestudy.nomination_declined", nomination.partnership)
    notify([nomination.nominated_by_id], kind=NOMINATION_ANSWERED, actor=user,
           title=f"A curator declined your nomination of {nomination.partnership.title}",
           link=nomination.partnership.get_absolute_url())
    return nomination
