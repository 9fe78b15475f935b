from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import ActionProgress


def progress_of(partnership):
    """The five progress records with what the task list shows, in one query."""
    return list(ActionProgress.objects.filter(partnership=partnership)
                .select_related("action", "owner").order_by("action__number"))


def with_drive_counts(queryset, prefix=""):
    """Annotate `drive_completed` (0 to 5) on partnerships, or on rows that point at one. A
    correlated subquery, not a join and GROUP BY: it costs per row shown, not per row filtered."""
    partnership = prefix.removesuffix("__") or "pk"
    completed = (ActionProgress.objects
                 .filter(partnership=OuterRef(partnership),
                         status=ActionProgress.Status.COMPLETED)
                 .order_by().values("partnership").annotate(n=Count("pk")).values("n"))
    return queryset.annotate(drive_completed=Coalesce(Subquery(completed), 0))

