"""Writes to a partnership's DRIVE progress. Leads and contributors only; every change is kept
in the history of the action."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import record
from partnerships.access import require_editor
from reminders.notify import notify

from .models import ActionProgress, DriveAction, EvidenceLink, PromptAnswer, RelatedItemMark
from .reminders import ASSIGNED


def progress_ensure(partnership):
    """One progress record per action; safe to call again."""
    ActionProgress.objects.bulk_create(
        [ActionProgress(partnership=partnership, action=action)
         for action in DriveAction.objects.all()],
        ignore_conflicts=True,
    )


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
