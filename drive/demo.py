"""Demo DRIVE progress for the demo partnerships: Define purpose done everywhere; in DETERMINE,
Review is under way and due soon, and the lead's own Invest action is overdue, so the reminders
and each person's home have something to say."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from partnerships.demo import PARTNERSHIPS
from partnerships.models import Partnership

from .models import ActionProgress, DrivePrompt, PromptAnswer
from .services import progress_ensure


def seed():
    """Sets up each demo partnership that has no DRIVE progress yet; returns how many."""
    created = 0
    for spec in PARTNERSHIPS:
        partnership = Partnership.objects.filter(title=spec["title"]).first()
        if partnership is None or partnership.drive_progress.filter(
                status=ActionProgress.Status.COMPLETED).exists():
            continue
        created += 1
        progress_ensure(partnership)
        define = partnership.drive_progress.get(action__number=1)
        for prompt in DrivePrompt.objects.filter(action=define.action, required=True):
            PromptAnswer.objects.get_or_create(progress=define, prompt=prompt,
                                               defaults={"text": spec["purpose"]})
        define.status = ActionProgress.Status.COMPLETED
        define.completed_at = timezone.now()
        define.save()
        if "DETERMINE" in partnership.title:
            review = partnership.drive_progress.get(action__number=2)
            review.status = ActionProgress.Status.IN_PROGRESS
            review.owner = get_user_model().objects.get(email="charity.staff@example.org")
            review.due_date = timezone.localdate() + timedelta(days=7)
            review.save()
            invest = partnership.drive_progress.get(action__number=3)
            invest.status = ActionProgress.Status.IN_PROGRESS
            invest.owner = get_user_model().objects.get(email="nhs.lead@example.nhs.uk")
            invest.due_date = timezone.localdate() - timedelta(days=3)
            invest.save()
    return created
