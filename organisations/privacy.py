"""What the organisations app holds about a person, for accounts/privacy.py."""

from django.urls import reverse

from accounts.privacy import when
from core.audit import about

from .models import AdminReview, Membership, Organisation
from .services import is_last_admin


def export(user, emails):
    return {"memberships": [
        {"organisation": m.organisation.name, "role": m.role, "state": m.state,
         "since": when(m.created_at)}
        for m in Membership.objects.filter(user=user).select_related("organisation")],
        "admin_reviews_asked": [
        {"organisation": r.organisation.name, "message": r.message, "asked": when(r.created_at),
         "closed": when(r.closed_at) if r.closed_at else None}
        for r in AdminReview.objects.filter(asked_by=user).select_related("organisation")]}


def blockers(user):
    found = []
    admins = Membership.objects.active_admins().filter(user=user).select_related("organisation")
    for membership in admins:
        others = membership.organisation.memberships.filter(
            state=Membership.State.ACTIVE).exclude(pk=membership.pk)
        if is_last_admin(membership) and others.exists():
            found.append((f"You are the only admin of {membership.organisation.name}. Make "
                          "another member an admin.",
                          reverse("organisations:detail", args=[membership.organisation_id])))
    return found


def history(user):
    return about(Organisation, Membership.objects.filter(user=user).values("organisation_id"))
