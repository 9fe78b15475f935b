"""On the organisation's page (organisations/hooks.py): its public portfolio facts for everyone,
and a link to its dashboard for its own people."""

from organisations.models import Membership

from .figures import public_facts


def dashboard_link(request, organisation, membership):
    if membership is None or membership.state != Membership.State.ACTIVE:
        return None
    return {"organisation": organisation}


def portfolio_facts(request, organisation, membership):
    facts = public_facts(organisation)
    if not (facts["partnerships"] or facts["studies"] or facts["offers"]):
        return None
    return {**facts, "region": organisation.region,
            "region_label": organisation.get_region_display()}
