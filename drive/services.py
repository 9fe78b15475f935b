"""Writes to a partnership's DRIVE progress. Leads and contributors only; every change is kept
in the history of the action."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import versions
from core.audit import record
from organisations.models import Membership
from partnerships.access import require_editor, role_of
from partnerships.models import PartnerOrganisation, PartnershipPerson
from partnerships.services import speaks_for
from reminders.notify import notify

from .models import (
    ActionProgress,
    Commitment,
    DriveAction,
    EvidenceLink,
    Indicator,
    IndicatorResult,
    Output,
    PromptAnswer,
    RelatedItemMark,
)
from .reminders import ASSIGNED


def progress_ensure(partnership):
    """One progress record per action; safe to call again. Pages call it on every GET, so it
    reads first and writes only when an action is missing (a partnership made before one)."""
    if not DriveAction.objects.exclude(progress__partnership=partnership).exists():
        return
    ActionProgress.objects.bulk_create(
        [ActionProgress(partnership=partnership, action=action)
         for action in DriveAction.objects.all()],
        ignore_conflicts=True,
    )
    versions.changed()  # bulk_create sends no signal


def missing_required(progress, answers=None):
    """The required prompts without an answer (answers: prompt id -> text, else the saved ones)."""
    if answers is None:
        answers = {a.prompt_id: a.text for a in progress.answers.all()}
    return [prompt for prompt in progress.action.prompts.all()
            if prompt.required and not (answers.get(prompt.pk) or "").strip()]


@transaction.atomic
def progress_update(*, user, progress, answers=None, **fields):
    """Save answers and details. Status "completed" goes through progress_complete instead."""
    require_editor(user, progress.partnership)
    allowed = {"status", "owner", "due_date", "notes"}
    if set(fields) - allowed:
        raise ValueError(f"not editable here: {sorted(set(fields) - allowed)}")
    owner = fields.get("owner")
    if owner is not None and not progress.partnership.people.filter(user=owner).exists():
        raise ValidationError({"owner": "Choose one of the partnership's people"})
    if fields.get("status") == ActionProgress.Status.COMPLETED:
        raise ValidationError({"status": "Use Mark as completed to complete the action"})
    changed = sorted(name for name, value in fields.items() if getattr(progress, name) != value)
    for name, value in fields.items():
        setattr(progress, name, value)
    if "status" in changed:
        progress.completed_at = None
    progress.full_clean()
    progress.save()
    answered = []
    for prompt_id, text in (answers or {}).items():
        text = (text or "").strip()
        existing = progress.answers.filter(prompt_id=prompt_id).first()
        if existing and existing.text == text:
            continue
        if not text:
            if existing:
                existing.delete()
                answered.append(prompt_id)
            continue
        PromptAnswer.objects.update_or_create(progress=progress, prompt_id=prompt_id,
                                              defaults={"text": text})
        answered.append(prompt_id)
    if answered:
        changed.append("answers")
    if changed:
        record(user, "drive.updated", progress, fields=changed,
               owner=progress.owner.display_name if progress.owner else "",
               status=progress.get_status_display())
    if "owner" in changed and progress.owner_id:
        due = f", due {progress.due_date:%-d %B %Y}" if progress.due_date else ""
        notify([progress.owner_id], kind=ASSIGNED, actor=user,
               title=f"{user.display_name} gave you {progress.action.title} in "
                     f"{progress.partnership.title}{due}",
               link=progress.get_absolute_url())
    return progress


@transaction.atomic
def progress_complete(*, user, progress):
    require_editor(user, progress.partnership)
    missing = missing_required(progress)
    if missing:
        raise ValidationError(
            [ValidationError(f"Answer \"{prompt.text}\" before completing this action",
                             code=f"prompt-{prompt.pk}") for prompt in missing])
    refusal = completion_refusal(progress)
    if refusal:
        raise ValidationError(refusal, code="commitments")
    progress.status = ActionProgress.Status.COMPLETED
    progress.completed_at = timezone.now()
    progress.save(update_fields=["status", "completed_at", "updated_at"])
    record(user, "drive.completed", progress, drive_action=progress.action.title)
    return progress


@transaction.atomic
def evidence_add(*, user, progress, title, url):
    require_editor(user, progress.partnership)
    if not url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": "Enter a web address that starts with https:// or http://"})
    link = EvidenceLink(progress=progress, title=title, url=url, added_by=user)
    link.full_clean()
    link.save()
    record(user, "drive.evidence_added", progress, title=title, url=url)
    return link


@transaction.atomic
def evidence_remove(*, user, link):
    require_editor(user, link.progress.partnership)
    record(user, "drive.evidence_removed", link.progress, title=link.title)
    link.delete()


@transaction.atomic
def related_mark(*, user, progress, candidate, relevant: bool):
    require_editor(user, progress.partnership)
    mark, _ = RelatedItemMark.objects.update_or_create(
        progress=progress, kind=candidate.kind, object_id=candidate.object_id,
        defaults={"title": candidate.title, "url": candidate.url, "relevant": relevant,
                  "marked_by": user})
    record(user, "drive.related_marked", progress, item=candidate.title,
           judgement="relevant" if relevant else "not relevant")
    return mark


# Commitments ------------------------------------------------------------------------------

INVEST, VALUE, EQUIP = "invest-in-infrastructure", "value-success", "equip-teams"


def completion_refusal(progress) -> str | None:
    """Why Invest or Equip cannot be completed yet: DRIVE asks for resources and for people's
    protected time, not only for answers."""
    slug = progress.action.slug
    counted = progress.partnership.commitments.filter(
        state__in=[Commitment.State.AGREED, Commitment.State.DELIVERED])
    if slug == INVEST:
        without = (progress.partnership.partners
                   .filter(state=PartnerOrganisation.State.CONFIRMED)
                   .exclude(pk__in=counted.values("partner"))
                   .select_related("organisation").order_by("organisation__name"))
        names = [p.organisation.name for p in without[:5]]
        if names:
            return ("Each partner needs at least one agreed commitment before Invest in "
                    f"infrastructure is completed. Waiting for: {', '.join(names)}")
    if slug == VALUE and not IndicatorResult.objects.filter(
            indicator__partnership=progress.partnership).exists():
        return ("Value success needs at least one indicator with a result before it is "
                "completed: add an indicator and its first result")
    if slug == EQUIP and not counted.filter(kind=Commitment.Kind.PEOPLE,
                                            protected_time=True).exists():
        return ("Equip teams to collaborate needs at least one agreed commitment of people with "
                "protected research time before it is completed")
    return None


def may_answer_for(user, partner) -> bool:
    """Who agrees a partner's commitment: one of its organisation's admins, or a partnership
    lead who is one of its members. Nobody commits another organisation's money."""
    if speaks_for(user, partner.organisation):
        return True
    person = role_of(user, partner.partnership)
    return (person is not None and person.role == PartnershipPerson.Role.LEAD
            and Membership.objects.filter(user=user, organisation=partner.organisation,
                                          state=Membership.State.ACTIVE).exists())


def _describe(commitment):
    return {"organisation": commitment.partner.organisation.name,
            "commitment": commitment.description, "kind": commitment.get_kind_display()}


@transaction.atomic
def commitment_save(*, user, partnership, commitment=None, **fields) -> Commitment:
    """Record a proposed commitment, or change one still proposed."""
    require_editor(user, partnership)
    partner = fields.get("partner")
    if (partner is None or partner.partnership_id != partnership.pk
            or partner.state != PartnerOrganisation.State.CONFIRMED):
        raise ValidationError({"partner": "Choose one of the partnership's confirmed partners"})
    if commitment is None:
        commitment = Commitment(partnership=partnership, created_by=user)
    else:
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk,
                                                                partnership=partnership)
        if commitment.state != Commitment.State.PROPOSED:
            raise ValidationError(f"This commitment is {commitment.get_state_display().lower()}: "
                                  "it can no longer be changed. Record a new one instead.")
    for name, value in fields.items():
        setattr(commitment, name, value)
    commitment.full_clean()
    commitment.save()
    record(user, "commitment.saved", partnership, **_describe(commitment))
    return commitment


@transaction.atomic
def commitment_move(*, user, commitment, to) -> Commitment:
    """Agree (proposed to agreed) or mark delivered (agreed to delivered), by whoever may
    answer for the partner."""
    commitment = (Commitment.objects.select_for_update()
                  .select_related("partner__organisation", "partnership").get(pk=commitment.pk))
    if not may_answer_for(user, commitment.partner):
        raise PermissionDenied
    State = Commitment.State
    allowed = {State.AGREED: State.PROPOSED, State.DELIVERED: State.AGREED}
    if allowed.get(to) != commitment.state:
        raise ValidationError(f"This commitment is {commitment.get_state_display().lower()}: "
                              "it cannot be marked that way")
    commitment.state = to
    now = timezone.now()
    if to == State.AGREED:
        commitment.agreed_at, commitment.agreed_by = now, user
    else:
        commitment.delivered_at = now
    commitment.save()
    record(user, f"commitment.{to}", commitment.partnership, **_describe(commitment))
    return commitment


@transaction.atomic
def commitment_remove(*, user, commitment):
    """A proposed commitment can be taken back; an agreed one stays, as the record of it."""
    require_editor(user, commitment.partnership)
    if commitment.state != Commitment.State.PROPOSED:
        raise ValidationError("Only a proposed commitment can be removed")
    record(user, "commitment.removed", commitment.partnership, **_describe(commitment))
    commitment.delete()


# Indicators -------------------------------------------------------------------------------

def _partner_of(partnership, partner, field):
    if partner is not None and (partner.partnership_id != partnership.pk
                                or partner.state != PartnerOrganisation.State.CONFIRMED):
        raise ValidationError({field: "Choose one of the partnership's confirmed partners"})


@transaction.atomic
def indicator_save(*, user, partnership, indicator=None, **fields) -> Indicator:
    require_editor(user, partnership)
    _partner_of(partnership, fields.get("owner"), "owner")
    _partner_of(partnership, fields.get("serves"), "serves")
    if indicator is None:
        indicator = Indicator(partnership=partnership, created_by=user)
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk,
                                                              partnership=partnership)
    for name, value in fields.items():
        setattr(indicator, name, value)
    first = indicator.results.order_by("period_end").first() if indicator.pk else None
    if first is not None and first.period_end < indicator.baseline_date:
        raise ValidationError({"baseline_date": (
            f"A result is already entered for {first.period_end:%-d %B %Y}: the baseline date "
            "must be on or before it")})
    indicator.full_clean()
    indicator.save()
    record(user, "indicator.saved", partnership, indicator=indicator.name)
    return indicator


@transaction.atomic
def result_add(*, user, indicator, period_end, value, note="") -> IndicatorResult:
    require_editor(user, indicator.partnership)
    if period_end < indicator.baseline_date:
        raise ValidationError({"period_end": "A result must be for a period after the baseline"})
    if indicator.results.filter(period_end=period_end).exists():
        raise ValidationError({"period_end": "There is already a result for this period"})
    result = IndicatorResult(indicator=indicator, period_end=period_end, value=value, note=note,
                             entered_by=user)
    result.full_clean()
    result.save()
    record(user, "indicator.result_added", indicator.partnership, indicator=indicator.name,
           period=period_end.isoformat(), value=str(value.normalize()))
    return result


@transaction.atomic
def result_remove(*, user, result):
    require_editor(user, result.indicator.partnership)
    record(user, "indicator.result_removed", result.indicator.partnership,
           indicator=result.indicator.name, period=result.period_end.isoformat())
    result.delete()


# Outputs ----------------------------------------------------------------------------------

@transaction.atomic
def output_add(*, user, partnership, **fields) -> Output:
    require_editor(user, partnership)
    output = Output(partnership=partnership, added_by=user, **fields)
    output.full_clean()
    output.save()
    record(user, "output.added", partnership, output=output.title,
           category=output.get_category_display())
    return output


@transaction.atomic
def output_remove(*, user, output):
    require_editor(user, output.partnership)
    record(user, "output.removed", output.partnership, output=output.title)
    output.delete()
