"""A person's own data: everything the portal holds about them, and closing their account.

The download holds what is about the person and nothing about anyone else: the titles of the
partnerships and organisations they belong to, but not other people's names or addresses (so an
invitation they sent shows its partnership and state, not whom it went to).

Closing deletes the account. What the person did for a partnership stays with the partnership
(messages, evidence, history), with their name taken off. Two things block closing, because
deleting would leave others stuck: being the only lead of a registered partnership that is not
closed, and being the only admin of an organisation that has other members. Each is handed over
first (make someone else a lead or an admin). Drafts only they could see are deleted with them.
"""

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.logs import security
from core.models import AuditEvent
from reminders.models import NotificationPreference

CLOSED_ACCOUNT = "a closed account"


def _when(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    from casestudies.models import CaseStudy, Nomination
    from charities.models import ExpertiseRequest, RequestMessage
    from drive.models import ActionProgress, EvidenceLink
    from organisations.models import Membership
    from partnerships.models import Invitation, PartnershipPerson

    addresses = list(EmailAddress.objects.filter(user=user).order_by("email"))
    emails = [e.email.lower() for e in addresses] or [user.email.lower()]
    messages_by_request = {}
    for message in RequestMessage.objects.filter(author=user).order_by("created_at"):
        messages_by_request.setdefault(message.request_id, []).append(
            {"at": _when(message.created_at), "text": message.text})
    requests = ExpertiseRequest.objects.filter(
        Q(requested_by=user) | Q(pk__in=messages_by_request)
    ).select_related("offer__organisation", "partnership").order_by("created_at")
    return {
        "exported_at": _when(timezone.now()),
        "person": {"email": user.email, "full_name": user.full_name,
                   "job_title": user.job_title, "joined": _when(user.date_joined),
                   "last_signed_in": _when(user.last_login)},
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in addresses],
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "state": m.state,
             "since": _when(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("organisation")],
        "partnerships": [
            {"partnership": p.partnership.title, "id": p.partnership_id, "role": p.role,
             "added": _when(p.added_at)}
            for p in PartnershipPerson.objects.filter(user=user).select_related("partnership")],
        "invitations_received": [
            {"partnership": i.partnership.title, "email": i.email, "role": i.role,
             "state": i.state, "sent": _when(i.sent_at)}
            for i in Invitation.objects.filter(email__in=emails).select_related("partnership")],
        "invitations_sent": [
            {"partnership": i.partnership.title, "role": i.role, "state": i.state,
             "sent": _when(i.sent_at)}
            for i in Invitation.objects.filter(invited_by=user).select_related("partnership")],
        "requests_for_help": [
            {"partnership": r.partnership.title, "charity": r.offer.organisation.name,
             "asked_by_you": r.requested_by_id == user.pk,
             "what_is_needed": r.what_is_needed if r.requested_by_id == user.pk else None,
             "state": r.state, "asked": _when(r.created_at),
             "your_messages": messages_by_request.get(r.pk, [])}
            for r in requests],
        "drive_actions_you_own": [
            {"partnership": a.partnership.title, "action": a.action.title,
             "status": a.status, "due": _when(a.due_date)}
            for a in ActionProgress.objects.filter(owner=user).select_related(
                "partnership", "action")],
        "evidence_you_added": [
            {"title": e.title, "url": e.url}
            for e in EvidenceLink.objects.filter(added_by=user)],
        "nominations": [
            {"partnership": n.partnership.title, "reason": n.reason, "state": n.state}
            for n in Nomination.objects.filter(nominated_by=user).select_related("partnership")],
        "case_studies_written": [
            c.title for c in CaseStudy.objects.filter(written_by=user)],
        "reminder_choices": [
            {"email": p.email, "kind": p.kind, "cadence": p.cadence}
            for p in NotificationPreference.objects.filter(email__in=emails)],
        "sessions": [
            {"ip": s.ip, "browser": s.user_agent, "started": _when(s.created_at),
             "last_seen": _when(s.last_seen_at)}
            for s in UserSession.objects.filter(user=user)],
        "what_you_did": [
            {"at": _when(e.at), "action": e.action}
            for e in AuditEvent.objects.filter(actor=user).order_by("at")],
    }


def closure_blockers(user) -> list[tuple[str, str]]:
    """What must be handed over before the account can close: (what, where to do it)."""
    from organisations.models import Membership
    from organisations.services import is_last_admin
    from partnerships.models import Partnership, PartnershipPerson

    blockers = []
    leads = (PartnershipPerson.objects.filter(user=user, role=PartnershipPerson.Role.LEAD)
             .exclude(partnership__status__in=[Partnership.Status.DRAFT,
                                               Partnership.Status.CLOSED])
             .select_related("partnership"))
    for lead in leads:
        others = lead.partnership.people.filter(role=PartnershipPerson.Role.LEAD).exclude(
            user=user)
        if not others.exists():
            blockers.append((f"You are the only lead of {lead.partnership.title}. Make another "
                             "person a lead, or close the partnership.",
                             lead.partnership.get_absolute_url()))
    admins = Membership.objects.filter(user=user, role=Membership.Role.ADMIN,
                                       state=Membership.State.ACTIVE).select_related(
        "organisation")
    for membership in admins:
        others = membership.organisation.memberships.filter(
            state=Membership.State.ACTIVE).exclude(pk=membership.pk)
        if is_last_admin(membership) and others.exists():
            blockers.append((f"You are the only admin of {membership.organisation.name}. Make "
                             "another member an admin.",
                             reverse("organisations:detail", args=[membership.organisation_id])))
    return blockers


@transaction.atomic
def close(request, user):
    from django.contrib.contenttypes.models import ContentType

    from organisations.models import Organisation
    from partnerships.models import Invitation, Partnership
    from reminders.models import ReminderDelivery

    if closure_blockers(user):
        raise ValueError("Hand over first.")
    emails = {e.email.lower() for e in EmailAddress.objects.filter(user=user)} | {
        user.email.lower()}
    # Drafts nobody else was on go with their author.
    for draft in Partnership.objects.filter(status=Partnership.Status.DRAFT, people__user=user):
        if not draft.people.exclude(user=user).exists():
            draft.delete()
    NotificationPreference.objects.filter(email__in=emails).delete()
    ReminderDelivery.objects.filter(email__in=emails).delete()
    Invitation.objects.filter(email__in=emails).delete()
    # History keeps what happened, not who it happened to: events that name the person by id,
    # and older ones that name them by address or name, but only in the records they were part
    # of (someone else may share the name).
    from organisations.models import Membership
    from partnerships.models import PartnershipPerson

    def _types(model):
        return ContentType.objects.get_for_model(model)

    theirs = (Q(content_type=_types(Partnership), object_id__in=PartnershipPerson.objects.filter(
                  user=user).values("partnership_id"))
              | Q(content_type=_types(Organisation), object_id__in=Membership.objects.filter(
                  user=user).values("organisation_id")))
    names = {user.display_name.lower(), *emails}
    for event in AuditEvent.objects.filter(Q(details__person_id=user.pk) | (
            theirs & (Q(details__has_key="person") | Q(details__has_key="email")))):
        details = dict(event.details)
        mine = details.get("person_id") == user.pk
        for key in ("person", "email"):
            if key in details and (mine or str(details[key]).lower() in names):
                details[key] = CLOSED_ACCOUNT
        if mine:
            details.pop("person_id")
        if details != event.details:
            event.details = details
            event.save(update_fields=["details"])
    for session in UserSession.objects.filter(user=user):
        session.end()
    security("account_closed", request=request, person=user)
    user.delete()
