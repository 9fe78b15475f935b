"""How a DRIVE action's state is shown: its status tag, and "Overdue" or "Due soon" when its due
date needs attention. One place, so the task list, the partnership page and "Your partnerships"
say the same thing."""

from datetime import timedelta

from .models import ActionProgress
from .reminders import DUE_SOON_DAYS

Status = ActionProgress.Status

STATUS_TAGS = {
    Status.NOT_STARTED: {"text": "Not started", "colour": "grey"},
    Status.IN_PROGRESS: {"text": "In progress", "colour": "blue"},
    Status.CANNOT_START: {"text": "Cannot start yet", "colour": "orange"},
    Status.COMPLETED: {"text": "Completed", "colour": "green"},
}
OVERDUE = {"text": "Overdue", "colour": "red"}
DUE_SOON = {"text": "Due soon", "colour": "yellow"}


def due_tag(*, due_date, status, today):
    """"Overdue" or "Due soon" (within the reminders' week), else None."""
    if due_date is None or status == Status.COMPLETED:
        return None
    if due_date < today:
        return OVERDUE
    if due_date <= today + timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return None


def action_row(progress, today):
    """What the task list and the partnership page show of one action."""
    hint = []
    if progress.owner:
        hint.append(f"Owner: {progress.owner.display_name}")
    if progress.due_date:
        hint.append(f"due {progress.due_date.day} {progress.due_date:%B %Y}")
    return {
        "progress": progress,
        "heading": f"{progress.action.letter}: {progress.action.title}",
        "href": progress.get_absolute_url(),
        "hint": ", ".join(hint),
        "status": STATUS_TAGS[progress.status],
        "due": due_tag(due_date=progress.due_date, status=progress.status, today=today),
    }
