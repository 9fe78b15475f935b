"""A link to the dashboard on the organisation's page, for its own people
(organisations/hooks.py)."""

from organisations.models import Membership


def dashboard_link(request, organisation, membership):
    if membership is None or membership.state != Membership.State.ACTIVE:
        return None
    return {"organisation": organisation}
