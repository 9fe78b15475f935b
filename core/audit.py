"""One call records an event in the history and as a structured log line."""

import contextlib
import logging
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.formats import date_format

from core import logs
from core.models import AuditEvent

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
    "recruitment.recorded": "Recorded a recruitment figure",
    "recruitment.changed": "Corrected a recruitment figure",
    "recruitment.deleted": "Deleted a recruitment figure",
    "study.site_added": "Added a site",
    "drive.updated": "Updated the action",
    "drive.completed": "Marked the action as completed",
    "drive.evidence_added": "Added evidence",
    "drive.evidence_removed": "Removed evidence",
    "drive.related_marked": "Judged a related item",
}


def record(actor, action, target, **details):
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


def about(model, ids) -> Q:
    """AuditEvent records about the `model` rows whose ids are in `ids` (a list or a query)."""
    return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)


def describe(event) -> str:
    return DESCRIPTIONS.get(event.action, event.action)


# How each detail of an event reads in a history. Keys not listed are left out, never shown raw.
DETAIL_LABELS = {
    "fields": "What changed", "title": "Title", "name": "Name", "organisation": "Organisation",
    "person": "Person", "email": "Email", "role": "Role", "drive_action": "Action",
    "url": "Web address", "item": "Item", "judgement": "Judged", "where": "Where",
    "date": "Date", "recruited": "Recruited so far", "was": "Before", "site": "Site",
    "local_target": "Local target", "status": "Status", "reason": "Reason", "owner": "Owner",
}


def _field_label(model, name):
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field since removed, or a word like "charity profile"
        label = name.replace("_", " ")
    return label.replace("hrcs", "HRCS").replace("Hrcs", "HRCS")


def details_in_words(event) -> list[str]:
    """An event's details as a person reads them: "What changed: title, health categories"."""

    model = ContentType.objects.get_for_id(event.content_type_id).model_class()  # cached
    lines = []
    for key, value in (event.details or {}).items():
        label = DETAIL_LABELS.get(key)
        if label is None or value in (None, "", []):
            continue
        if key == "fields":
            value = ", ".join(_field_label(model, name) for name in value)
        elif key == "date":
            with contextlib.suppress(TypeError, ValueError):
                value = date_format(date.fromisoformat(value), "j F Y")
        elif isinstance(value, int) and not isinstance(value, bool):
            value = f"{value:,}"
        elif isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        lines.append(f"{label}: {value}")
    return lines
