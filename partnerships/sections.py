"""The partnerships an organisation is in, on its page (organisations/hooks.py)."""

from .models import Partnership


def partnerships(request, organisation, membership):
    return {"partnerships": (Partnership.objects.visible_to(request.user)
                             .filter(partners__organisation=organisation)
                             .select_related("lead_organisation").distinct().order_by("title"))}
