"""What needs a signed-in person, across every partnership: the reminders registry's due-rules
(the same rules the reminder sweep and the weekly digest read), and the things that wait for an
answer without being "due" yet. One list, grouped by urgency."""

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.privacy import addresses_of
from casestudies.models import CaseStudy, Nomination
from casestudies.permissions import is_curator
from charities.models import ExpertiseRequest
from core import versions
from drive.models import Indicator, IndicatorResult
from drive.reminders import (
    COMMITMENT_ENDED,
    COMMITMENT_ENDING,
    DUE_SOON,
    DUE_TODAY,
    OVERDUE,
    RESULT_DUE,
    STALLED,
)
from organisations.models import Membership, Organisation
from organisations.verification import is_registry_admin
from partnerships.emails import invitation_link
from partnerships.models import Invitation, PartnerOrganisation, Partnership
from partnerships.reminders import INVITATION_EXPIRING
from reminders.registry import due_for, kind_label
from trials.reminders import BEHIND, NO_PARTICIPANT

OVERDUE_GROUP, SOON_GROUP, ANSWER_GROUP = "Overdue", "Due soon", "Waiting for your answer"
GROUP_OF = {OVERDUE: OVERDUE_GROUP, STALLED: OVERDUE_GROUP, COMMITMENT_ENDED: OVERDUE_GROUP,
            DUE_TODAY: SOON_GROUP, DUE_SOON: SOON_GROUP, INVITATION_EXPIRING: SOON_GROUP,
            COMMITMENT_ENDING: SOON_GROUP, RESULT_DUE: SOON_GROUP, NO_PARTICIPANT: SOON_GROUP,
            BEHIND: OVERDUE_GROUP}
GROUPS = [OVERDUE_GROUP, SOON_GROUP, ANSWER_GROUP]
LIMIT = 50  # of each kind: a home page, not an archive; the lists behind each link hold the rest


@dataclass
class Need:
    key: str  # what it is about, as the reminders registry says it ("request:12")
    group: str
    title: str
    why: str
    href: str
    actions: list = field(default_factory=list)  # (label, url to post to) buttons


def _local(link: str) -> str:
    # The rules make links for emails (SITE_URL + path); on the page a path is enough.
    return "/" + link.split("://", 1)[-1].split("/", 1)[-1] if "://" in link else link


def _from_rules(person, now, emails):
    for due in due_for(person, now, emails):
        yield Need(key=due.subject_key, group=GROUP_OF.get(due.kind, ANSWER_GROUP),
                   title=due.title, why=kind_label(due.kind), href=_local(due.link))


def _invitations(emails, now):
    rows = (Invitation.objects.filter(email__in=emails, state=Invitation.State.PENDING,
                                      sent_at__isnull=False, expires_at__gt=now)
            .select_related("partnership").order_by("expires_at")[:LIMIT])
    for invitation in rows:
        link = _local(invitation_link(invitation))
        yield Need(
            key=f"invitation:{invitation.pk}", group=ANSWER_GROUP,
            title=f"You are invited to {invitation.partnership.title} as "
                  f"{invitation.get_role_display().lower()}",
            why=f"Invitation, open until {timezone.localtime(invitation.expires_at):%-d %B %Y}",
            href=link, actions=[("Accept", link.rstrip("/") + "/accept/"),
                                ("Decline", link.rstrip("/") + "/decline/")])


def _as_admin(person):
    administered = Membership.objects.active_admins().filter(user=person).values("organisation")
    for membership in (Membership.objects.filter(organisation__in=administered,
                                                 state=Membership.State.PENDING)
                       .select_related("user", "organisation").order_by("created_at")[:LIMIT]):
        yield Need(key=f"membership:{membership.pk}", group=ANSWER_GROUP,
                   title=f"{membership.user.display_name} asks to join "
                         f"{membership.organisation.name}",
                   why="Request to join, for you as an admin",
                   href=membership.organisation.get_absolute_url())
    for partner in (PartnerOrganisation.objects.filter(
            organisation__in=administered, state=PartnerOrganisation.State.PROPOSED)
            .select_related("partnership", "organisation").order_by("added_at")[:LIMIT]):
        yield Need(key=f"partner:{partner.pk}", group=ANSWER_GROUP,
                   title=f"Is {partner.organisation.name} a partner of "
                         f"{partner.partnership.title}? Confirm or decline",
                   why="Partner waiting to be confirmed, for you as an admin",
                   href=partner.organisation.get_absolute_url())


def _for_charity(person):
    charities = Membership.objects.filter(user=person, state=Membership.State.ACTIVE).values(
        "organisation")
    for request in (ExpertiseRequest.objects.filter(
            offer__organisation__in=charities, state=ExpertiseRequest.State.REQUESTED)
            .select_related("partnership", "offer").order_by("created_at")[:LIMIT]):
        yield Need(key=f"request:{request.pk}", group=ANSWER_GROUP,
                   title=f"{request.partnership.title} asks about {request.offer.title}",
                   why=f"Request for help, asked {timezone.localtime(request.created_at):%-d %B}",
                   href=reverse("charities:request", args=[request.pk]))


def _for_curator(person):
    # The two-person rule: whoever wrote or sent a case study cannot be its second curator.
    for study in (CaseStudy.objects.filter(state=CaseStudy.State.IN_REVIEW)
                  .exclude(written_by=person).exclude(submitted_by=person)
                  .order_by("updated_at")[:LIMIT]):
        yield Need(key=f"casestudy:{study.pk}", group=ANSWER_GROUP,
                   title=f"Review the case study {study.title}",
                   why="Case study waiting for a second curator",
                   href=study.get_absolute_url())  # where Approve is
    for nomination in (Nomination.objects.filter(state=Nomination.State.OPEN)
                       .select_related("partnership").order_by("created_at")[:LIMIT]):
        # A private partnership's title is its people's (as in the curators' notification).
        listed = nomination.partnership.visibility == Partnership.Visibility.LISTED
        yield Need(key=f"nomination:{nomination.pk}", group=ANSWER_GROUP,
                   title=f"{nomination.partnership.title} is nominated as a case study" if listed
                   else "A private partnership is nominated as a case study",
                   why="Nomination waiting for a curator", href=reverse("casestudies:workbench"))


def _candidates():
    """Partnerships with an indicator that reached its target and no nomination or case study
    yet: good practice the curators may want to write up."""
    reached = IndicatorResult.objects.filter(indicator__partnership=OuterRef("pk")).filter(
        Q(indicator__direction=Indicator.Direction.UP, value__gte=F("indicator__target_value"))
        | Q(indicator__direction=Indicator.Direction.DOWN,
            value__lte=F("indicator__target_value")))
    rows = (Partnership.objects.filter(Exists(reached), nominations__isnull=True,
                                       case_studies__isnull=True)
            .exclude(status=Partnership.Status.DRAFT).order_by("-updated_at")[:LIMIT])
    for partnership in rows:
        # A private partnership's title is its people's: curators learn only that one exists.
        listed = partnership.visibility == Partnership.Visibility.LISTED
        yield Need(key=f"candidate:{partnership.pk}", group=ANSWER_GROUP,
                   title=(f"{partnership.title} reached a target" if listed
                          else "A private partnership reached a target"),
                   why="Case-study candidate: an indicator met its target",
                   href=partnership.get_absolute_url() if listed
                   else reverse("casestudies:workbench"))


def _for_registry(person):
    waiting = Organisation.objects.filter(
        verified_at__isnull=True, memberships__role=Membership.Role.ADMIN,
        memberships__state=Membership.State.ACTIVE).distinct().count()
    if waiting:
        yield Need(key="registry", group=ANSWER_GROUP,
                   title=f"{waiting} organisation{'s' if waiting != 1 else ''} waiting for you "
                         "to decide who speaks for them",
                   why="Registry queue", href=reverse("organisations:registry"))


def remembered_needs_of(person) -> list[tuple[str, list[Need]]]:
    """`needs_of` now, kept for this person under the data's version and today's date
    (core.versions.remembered): any write anywhere, or a new day (when "due soon" turns
    "overdue"), works it out again. Asking every rule is most of the home page."""
    return versions.remembered("home:needs", person.pk, lambda: needs_of(person))


def needs_of(person, now=None) -> list[tuple[str, list[Need]]]:
    now = now or timezone.now()
    emails = addresses_of(person)
    seen, grouped = {}, {group: [] for group in GROUPS}
    sources = [_from_rules(person, now, emails), _invitations(emails, now), _as_admin(person),
               _for_charity(person)]
    if is_curator(person):
        sources.extend([_for_curator(person), _candidates()])
    if is_registry_admin(person):
        sources.append(_for_registry(person))
    for source in sources:
        for need in source:
            # A rule's reminder and the same thing waiting for an answer are one row, the
            # rule's (it is the more urgent), with the answer's buttons.
            if need.key in seen:
                seen[need.key].actions = seen[need.key].actions or need.actions
                continue
            seen[need.key] = need
            grouped[need.group].append(need)
    return [(group, grouped[group]) for group in GROUPS if grouped[group]]
