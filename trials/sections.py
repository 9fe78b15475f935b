"""The studies an organisation sponsors, funds or hosts, on its page
(organisations/hooks.py)."""

from django.db.models import Q

from .models import Study


def studies(request, organisation, membership):
    return {"studies": (Study.objects.filter(Q(sponsor=organisation) | Q(funders=organisation)
                                             | Q(sites__organisation=organisation))
                        .distinct().order_by("title"))}
