from django.db.models import Count, Q

from .models import ActionProgress


def progress_of(partnership):
    """The five progress records with what the task list shows, in one query."""
    return list(ActionProgress.objects.filter(partnership=partnership)
                .select_related("action", "owner").order_by("action__number"))


def with_drive_counts(queryset, prefix=""):
    """Annotate `drive_completed` (0 to 5) on partnerships, or on rows that point at one."""
    return queryset.annotate(drive_completed=Count(
        f"{prefix}drive_progress",
        filter=Q(**{f"{prefix}drive_progress__status": ActionProgress.Status.COMPLETED}),
        distinct=True,
    ))

