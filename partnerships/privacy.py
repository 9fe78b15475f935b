"""What the partnerships app holds about a person, for accounts/privacy.py."""

from accounts.privacy import when
from core.audit import about

from .models import Invitation, Partnership, PartnershipPerson


def export(user, emails):
    return {
        "partnerships": [
            {"partnership": p.partnership.title, "id": p.partnership_id, "role": p.role,
             "added": when(p.added_at)}
            for p in PartnershipPerson.objects.filter(user=user).select_related("partnership")],
        "invitations_received": [
            {"partnership": i.partnership.title, "email": i.email, "role": i.role,
             "state": i.state, "sent": when(i.sent_at)}
            for i in Invitation.objects.filter(email__in=emails).select_related("partnership")],
        "invitations_sent": [
            {"partnership": i.partnership.title, "role": i.role, "state": i.state,
             "sent": when(i.sent_at)}
            for i in Invitation.objects.filter(invited_by=user).select_related("partnership")],
    }


def blockers(user):
    found = []
    leads = (PartnershipPerson.objects.filter(user=user, role=PartnershipPerson.Role.LEAD)
             .exclude(partnership__status__in=[Partnership.Status.DRAFT,
                                               Partnership.Status.CLOSED])
             .select_related("partnership"))
    for lead in leads:
        others = lead.partnership.people.filter(role=PartnershipPerson.Role.LEAD).exclude(
            user=user)
        if not others.exists():
            found.append((f"You are the only lead of {lead.partnership.title}. Make another "
                          "person a lead, or close the partnership.",
                          lead.partnership.get_absolute_url()))
    return found


def close(user, emails):
    # Drafts nobody else was on go with their author.
    for draft in Partnership.objects.filter(status=Partnership.Status.DRAFT, people__user=user):
        if not draft.people.exclude(user=user).exists():
            draft.delete()
    Invitation.objects.filter(email__in=emails).delete()


def history(user):
    return about(Partnership,
                 PartnershipPerson.objects.filter(user=user).values("partnership_id"))
