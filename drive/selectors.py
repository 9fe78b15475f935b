from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import ActionProgress
from .reminders import DUE_SOON_DAYS


def progress_of(partnership):
    """The five progress records with what the task list shows, in one query."""
    return list(ActionProgress.objects.filter(partnership=partnership)
                .select_related("action", "owner").order_by("action__number"))


def with_drive_counts(queryset, prefix="", *, due=False):
    """Annotate `drive_completed` (0 to 5) on partnerships, or on rows that point at one, and with
    `due`, `drive_overdue` and `drive_due_soon`. Correlated subqueries, not a join and GROUP BY:
    they cost per row shown, not per row filtered."""
    partnership = prefix.removesuffix("__") or "pk"

    def count(*conditions, **fields):
        rows = (ActionProgress.objects.filter(*conditions, partnership=OuterRef(partnership),
                                              **fields)
                .order_by().values("partnership").annotate(n=Count("pk")).values("n"))
        return Coalesce(Subquery(rows), 0)

    counts = {"drive_completed": count(status=ActionProgress.Status.COMPLETED)}
    if due:
        today = timezone.localdate()
        open_ = ~Q(status=ActionProgress.Status.COMPLETED)
        counts["drive_overdue"] = count(open_, due_date__lt=today)
        counts["drive_due_soon"] = count(
            open_, due_date__gte=today, due_date__lte=today + timedelta(days=DUE_SOON_DAYS))
    return queryset.annotate(**counts)

