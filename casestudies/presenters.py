"""What a curator may do with a case study now, as the buttons on its page."""

from .models import CaseStudy

State = CaseStudy.State

MOVES = [
    ("submit", "Send for review", {State.DRAFT, State.WITHDRAWN}),
    ("approve", "Approve and publish", {State.IN_REVIEW}),
    ("return", "Back to draft", {State.IN_REVIEW, State.WITHDRAWN}),
    ("withdraw", "Withdraw", {State.PUBLISHED}),
]


def curation(study, user):
    """The moves this curator can make, and why approving is not one of them when it is not.
    The writer or submitter never sees "Approve": a second curator must (services enforce it)."""
    own = user.pk in (study.written_by_id, study.submitted_by_id)
    moves = [{"action": action, "label": label,
              "variant": "warning" if action == "withdraw" else None}
             for action, label, states in MOVES
             if study.state in states and not (action == "approve" and own)]
    note = ("Another curator must approve and publish it, because you wrote it or sent it for "
            "review." if study.state == State.IN_REVIEW and own else None)
    return {"moves": moves, "note": note,
            "can_change": study.state in (State.DRAFT, State.WITHDRAWN)}
