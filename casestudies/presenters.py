"""What a curator may do with a case study now, as the buttons on its page."""

from .models import CaseStudy
from .services import approval_refusal

State = CaseStudy.State

MOVES = [
    ("submit", "Send for review", {State.DRAFT, State.WITHDRAWN}),
    ("approve", "Approve and publish", {State.IN_REVIEW}),
    ("return", "Back to draft", {State.IN_REVIEW, State.WITHDRAWN}),
    ("withdraw", "Withdraw", {State.PUBLISHED}),
]


def curation(study, user):
    """The moves this curator can make, and why approving is not one of them when it is not.
    The writer, the submitter or a curator who changed the text never sees "Approve": a second
    curator must (services enforce it)."""
    own = study.state == State.IN_REVIEW and approval_refusal(user, study) is not None
    moves = [{"action": action, "label": label,
              "variant": "warning" if action == "withdraw" else None}
             for action, label, states in MOVES
             if study.state in states and not (action == "approve" and own)]
    note = ("Another curator must approve and publish it, because you wrote it, changed it or "
            "sent it for review." if own else None)
    return {"moves": moves, "note": note,
            "can_change": study.state in (State.DRAFT, State.WITHDRAWN)}
