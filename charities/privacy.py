"""What the charities app holds about a person, for accounts/privacy.py."""

from django.db.models import Q

from accounts.privacy import when

from .models import ExpertiseRequest, RequestMessage


def export(user, emails):
    messages_by_request = {}
    for message in RequestMessage.objects.filter(author=user).order_by("created_at"):
        messages_by_request.setdefault(message.request_id, []).append(
            {"at": when(message.created_at), "text": message.text})
    requests = ExpertiseRequest.objects.filter(
        Q(requested_by=user) | Q(pk__in=messages_by_request)
    ).select_related("offer__organisation", "partnership").order_by("created_at")
    return {"requests_for_help": [
        {"partnership": r.partnership.title, "charity": r.offer.organisation.name,
         "asked_by_you": r.requested_by_id == user.pk,
         "what_is_needed": r.what_is_needed if r.requested_by_id == user.pk else None,
         "state": r.state, "asked": when(r.created_at),
         "your_messages": messages_by_request.get(r.pk, [])}
        for r in requests]}
