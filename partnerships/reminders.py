"""Partnerships' reminders (registered in PartnershipsConfig.ready): an invitation about to
expire, to the person invited; a partnership that named an organisation and waits for it to
confirm, to that organisation's admins, weekly."""

from datetime import timedelta

from django.utils import timezone

from accounts.privacy import addresses_of
from organisations.models import Membership
from reminders.registry import Due, link_maker, register_kind, register_rule, register_topic

from .emails import invitation_link
from .models import Invitation, PartnerOrganisation

INVITATION_WARNING_DAYS = 3
INVITATION_EXPIRING = "invitation-expiring"
PARTNER_WAITING_DAYS = 3
PARTNER_UNCONFIRMED = "partner-unconfirmed"
# Notifications: what happened, told once in the portal (reminders.notify).
INVITED, INVITATION_ANSWERED = "invited", "invitation-answered"
PARTNER_ANSWERED = "partner-answered"


def expiring_invitations(now, person=None):
    rows = (Invitation.objects.filter(state=Invitation.State.PENDING, sent_at__isnull=False,
                                      expires_at__gt=now,
                                      expires_at__lte=now + timedelta(days=INVITATION_WARNING_DAYS))
            .select_related("partnership"))
    if person is not None:
        rows = rows.filter(email__in=addresses_of(person))
    for invitation in rows:
        yield Due(
            email=invitation.email, user_id=None, kind=INVITATION_EXPIRING,
            subject_key=f"invitation:{invitation.pk}",
            period=invitation.expires_at.date().isoformat(),
            partnership_id=invitation.partnership_id,
            title=f"Your invitation to {invitation.partnership.title} expires on "
                  f"{timezone.localtime(invitation.expires_at):%-d %B %Y}",
            link=invitation_link(invitation))



def unconfirmed_partners(now, person=None):
    """Named as a partner more than 3 days ago and not yet answered: each admin of the
    organisation, once a week (the period is the ISO week)."""
    waiting = PartnerOrganisation.objects.filter(
        state=PartnerOrganisation.State.PROPOSED,
        added_at__lte=now - timedelta(days=PARTNER_WAITING_DAYS))
    if person is not None:
        waiting = waiting.filter(organisation__in=Membership.objects.active_admins().filter(
            user=person).values("organisation"))
    rows = list(waiting.values_list("pk", "partnership_id", "partnership__title", "organisation_id",
                     "organisation__name"))
    admins = {}
    admin_rows = Membership.objects.active_admins().filter(
        organisation_id__in={row[3] for row in rows})
    if person is not None:
        admin_rows = admin_rows.filter(user=person)
    for organisation_id, user_id, email in admin_rows.values_list(
            "organisation_id", "user_id", "user__email"):
        admins.setdefault(organisation_id, []).append((user_id, email))
    year, week, _ = timezone.localdate(now).isocalendar()
    link = link_maker("organisations:detail")
    for pk, partnership_id, title, organisation_id, name in rows:
        for user_id, email in admins.get(organisation_id, []):
            yield Due(
                email=email, user_id=user_id, kind=PARTNER_UNCONFIRMED,
                subject_key=f"partner:{pk}", period=f"{year}-W{week:02d}",
                partnership_id=partnership_id,
                title=f"Is {name} a partner of {title}? Confirm or decline",
                link=link(organisation_id))


def register():
    register_topic("invitations", "Invitations to you: new ones, and ones about to expire")
    register_kind(INVITATION_EXPIRING, label="Invitation about to expire", topic="invitations")
    register_kind(INVITED, label="Invitation to you", topic="invitations")
    register_topic("answers", "Answers to your partnership: invitations, partners, requests "
                              "for help")
    register_kind(INVITATION_ANSWERED, label="Invitation answered", topic="answers")
    register_kind(PARTNER_ANSWERED, label="Partner answered", topic="answers")
    register_rule(expiring_invitations)
    register_topic("partners", "Partnerships waiting for your organisation to confirm")
    register_kind(PARTNER_UNCONFIRMED, label="Partner waiting to be confirmed", topic="partners")
    register_rule(unconfirmed_partners)
