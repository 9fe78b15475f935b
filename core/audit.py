"""One call records an event in the history and as a structured log line."""

import logging

from django.contrib.contenttypes.models import ContentType

from core import logs

logger = logging.getLogger("portal.audit")

# What the history shows for each action.
DESCRIPTIONS = {
    "organisation.created": "Registered the organisation",
    "organisation.updated": "Changed the organisation's details",
    "membership.requested": "Asked to join",
    "membership.joined_by_domain": "Joined (verified email on the organisation's domain)",
    "membership.approved": "Approved a request to join",
    "membership.refused": "Refused a request to join",
    "membership.role_changed": "Changed a member's role",
    "membership.removed": "Removed a member",
    "partnership.created": "Started the partnership as a draft",
    "partnership.updated": "Changed the partnership's details",
    "partnership.submitted": "Registered the partnership",
    "partnership.status_changed": "Changed the status",
    "partner.added": "Added a partner organisation",
    "partner.removed": "Removed a partner organisation",
    "person.added": "Added a person",
    "person.role_changed": "Changed a person's role",
    "person.removed": "Removed a person",
    "invitation.sent": "Invited a person",
    "invitation.resent": "Sent an invitation again",
    "invitation.cancelled": "Cancelled an invitation",
    "invitation.accepted": "Accepted an invitation",
    "invitation.declined": "Declined an invitation",
    "expertise.requested": "Asked a charity for help",
    "expertise.accepted": "A charity accepted a request for help",
    "expertise.declined": "A charity declined a request for help",
    "expertise.withdrawn": "Withdrew a request for help",
    "expertise.completed": "Marked a request for help completed",
    "casestudy.saved": "Changed the case study",
    "casestudy.submitted": "Sent the case study for review",
    "casestudy.published": "Approved and published the case study",
    "casestudy.returned": "Sent the case study back to draft",
    "casestudy.withdrawn": "Withdrew the case study",
    "casestudy.nominated": "Nominated the partnership as a case study",
    "casestudy.nomination_declined": "A curator declined the nomination",
    "drive.updated": "Updated the action",
    "drive.completed": "Marked the action as completed",
    "drive.evidence_added": "Added evidence",
    "drive.evidence_removed": "Removed evidence",
    "drive.related_marked": "Judged a related item",
}


def record(actor, action, target, **details):
    from core.models import AuditEvent

    event = AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        details=details,
    )
    logs.event(logger, action, person=event.actor,
               target=f"{target._meta.label_lower}:{target.pk}", details=details)
    return event


def describe(event) -> str:
    return DESCRIPTIONS.get(event.action, event.action)
