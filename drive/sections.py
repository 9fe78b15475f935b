"""DRIVE on the partnership page and the partnership lists (partnerships/hooks.py)."""

from django.utils import timezone

from .commitments import what_each_brings
from .models import ActionProgress
from .presenters import action_row
from .selectors import progress_of, with_drive_counts
from .services import progress_ensure


def progress(request, access):
    """The progress bar for everyone who can see the partnership; each action, its state and
    what is due for those who see the full record."""
    partnership = access.partnership
    if not access.full:
        completed = partnership.drive_progress.filter(
            status=ActionProgress.Status.COMPLETED).count()
        return {"completed": completed, "rows": None}
    today = timezone.localdate()
    progress = progress_of(partnership)
    return {"completed": sum(p.status == ActionProgress.Status.COMPLETED for p in progress),
            "rows": [action_row(p, today) for p in progress]}


def commitments(request, access):
    """Agreed totals by sector, for those who see the full record."""
    if not access.full:
        return None
    rows, sectors, overall = what_each_brings(access.partnership)
    if not rows:
        return None
    return {"partnership": access.partnership, "sectors": sectors, "overall": overall,
            "waiting": sum(1 for r in rows for c in r.commitments if c.state == "proposed")}


def list_figures(queryset, prefix, due):
    return with_drive_counts(queryset, prefix, due=due)


def ensure_progress(sender, partnership, **kwargs):
    progress_ensure(partnership)
