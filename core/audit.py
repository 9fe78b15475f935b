"""One call records an event in the history and as a structured log line."""

import contextlib
import functools
import logging
from datetime import date

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.formats import date_format

from core import logs
from core.models import AuditEvent

logger = logging.getLogger("portal.audit")



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


@functools.cache
def _descriptions() -> dict[str, str]:
    """What the history shows for each action: each app declares its own, as `audit_actions`
    on its AppConfig."""
    return {action: words for config in apps.get_app_configs()
            for action, words in getattr(config, "audit_actions", {}).items()}


def describe(event) -> str:
    return _descriptions().get(event.action, event.action)


# How each detail of an event reads in a history. Keys not listed are left out, never shown raw.
DETAIL_LABELS = {
    "fields": "What changed", "title": "Title", "name": "Name", "organisation": "Organisation",
    "person": "Person", "email": "Email", "role": "Role", "drive_action": "Action",
    "url": "Web address", "item": "Item", "judgement": "Judged", "where": "Where",
    "date": "Date", "recruited": "Recruited so far", "was": "Before", "site": "Site",
    "local_target": "Local target", "status": "Status", "reason": "Reason", "owner": "Owner",
    "partnership": "Partnership",
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
