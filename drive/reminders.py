"""DRIVE's reminders (registered with reminders.registry in DriveConfig.ready): actions due
within a week, due today and overdue (again every week), and partnerships with no DRIVE progress
for their stall_days."""

from datetime import date, timedelta

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from organisations.models import Membership
from partnerships.models import Partnership, PartnershipPerson
from reminders.registry import Due, link_maker, register_kind, register_rule, register_topic
from reminders.registry import site_url as _url

from .indicators import next_due
from .models import ActionProgress, Commitment, DriveAction, Indicator

DUE_SOON_DAYS = 7
OVERDUE_EVERY_DAYS = 7
DUE_SOON, DUE_TODAY, OVERDUE, STALLED = "due-soon", "due-today", "overdue", "stalled"
ASSIGNED = "assigned"  # a notification: an action given to you
COMMITMENT_ENDING, COMMITMENT_ENDED = "commitment-ending", "commitment-ended"
RESULT_DUE = "result-due"
ENDING_DAYS = 30


def _each(rows, person, chunk_size):
    """The sweep streams every row in chunks (a server-side cursor on PostgreSQL); one person's
    home page reads their few rows at once, without the cursor's extra round trips."""
    return rows if person is not None else rows.iterator(chunk_size=chunk_size)


def due_actions(today: date, person=None):
    """DRIVE actions with an owner: due within a week, due today, or overdue (every 7 days)."""
    actions = {pk: (title, link_maker("drive:action", slug))
               for pk, title, slug in DriveAction.objects.values_list("pk", "title", "slug")}
    rows = (ActionProgress.objects
            .exclude(status=ActionProgress.Status.COMPLETED)
            .filter(owner__isnull=False, due_date__isnull=False,
                    due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
                    partnership__status="active")
            .filter(**({"owner": person} if person else {}))
            .values_list("pk", "due_date", "owner_id", "owner__email", "partnership_id",
                         "partnership__title", "action_id"))
    for pk, due_date, owner_id, email, partnership_id, partnership_title, action_id in \
            _each(rows, person, 5000):
        days = (due_date - today).days
        if days > 0:
            kind, period = DUE_SOON, due_date.isoformat()
            what = f"is due on {due_date:%-d %B %Y}"
        elif days == 0:
            kind, period = DUE_TODAY, due_date.isoformat()
            what = "is due today"
        else:
            window = (-days - 1) // OVERDUE_EVERY_DAYS
            kind, period = OVERDUE, f"{due_date.isoformat()}/{window}"
            what = f"was due on {due_date:%-d %B %Y}"
        action_title, link = actions[action_id]
        yield Due(
            email=email, user_id=owner_id, kind=kind, subject_key=f"progress:{pk}",
            period=period, partnership_id=partnership_id,
            title=f"{action_title} for {partnership_title} {what}", link=link(partnership_id))


def stalled_partnerships(today: date, person=None):
    """Active partnerships with no DRIVE change for their stall_days, for each of their leads."""

    partnerships = (Partnership.objects.filter(status=Partnership.Status.ACTIVE)
                    .annotate(last_progress=Max("drive_progress__updated_at")))
    lead_rows = PartnershipPerson.objects.filter(role=PartnershipPerson.Role.LEAD,
                                                 partnership__status="active")
    if person is not None:
        lead_rows = lead_rows.filter(user=person)
        partnerships = partnerships.filter(pk__in=lead_rows.values("partnership"))
    leads = {}
    for lead in lead_rows.select_related("user"):
        leads.setdefault(lead.partnership_id, []).append(lead.user)
    for partnership in _each(partnerships, person, 2000):
        last = partnership.last_progress or partnership.submitted_at or partnership.created_at
        quiet_days = (today - timezone.localdate(last)).days
        if quiet_days < partnership.stall_days:
            continue
        window = quiet_days // partnership.stall_days
        for lead in leads.get(partnership.pk, []):
            yield Due(
                email=lead.email, user_id=lead.pk, kind=STALLED,
                subject_key=f"partnership:{partnership.pk}",
                period=f"{timezone.localdate(last).isoformat()}/{window}",
                partnership_id=partnership.pk,
                title=f"{partnership.title} has had no DRIVE progress for {quiet_days} days",
                link=_url(reverse("drive:task_list", args=[partnership.pk])))


def _theirs(person, organisation_path):
    """Rows about an organisation the person is an admin of, or a partnership they lead: the
    only ones whose reminders can go to them. The two short lists are read first, so the
    database looks rows up by index instead of scanning for an OR of two subqueries."""
    administered = list(Membership.objects.filter(
        user=person, role=Membership.Role.ADMIN, state=Membership.State.ACTIVE,
    ).values_list("organisation_id", flat=True))
    led = list(PartnershipPerson.objects.filter(
        user=person, role=PartnershipPerson.Role.LEAD).values_list("partnership_id", flat=True))
    return Q(**{f"{organisation_path}__in": administered}) | Q(partnership__in=led)


def _answerers(organisation_ids, partnership_ids, person):
    """Who hears about what a partner organisation committed or reports: its active admins, or
    the partnership's leads when it has none yet. Returns people(organisation_id,
    partnership_id) -> [(user_id, email)], in three queries for any number of rows."""
    admin_rows = Membership.objects.filter(organisation_id__in=organisation_ids,
                                           role=Membership.Role.ADMIN,
                                           state=Membership.State.ACTIVE)
    has_admin = set(admin_rows.values_list("organisation_id", flat=True))
    lead_rows = PartnershipPerson.objects.filter(partnership_id__in=partnership_ids,
                                                 role=PartnershipPerson.Role.LEAD)
    if person is not None:
        admin_rows, lead_rows = admin_rows.filter(user=person), lead_rows.filter(user=person)
    admins, leads = {}, {}
    for organisation_id, user_id, email in admin_rows.values_list("organisation_id", "user_id",
                                                                  "user__email"):
        admins.setdefault(organisation_id, []).append((user_id, email))
    for partnership_id, user_id, email in lead_rows.values_list("partnership_id", "user_id",
                                                                "user__email"):
        leads.setdefault(partnership_id, []).append((user_id, email))

    def people(organisation_id, partnership_id):
        return (admins.get(organisation_id, []) if organisation_id in has_admin
                else leads.get(partnership_id, []))
    return people


def commitments_ending(today: date, person=None):
    """Agreed commitments ending within 30 days, and agreed ones past their end that nobody
    marked delivered: for whoever answers for the organisation that made them (_answerers)."""
    rows = (Commitment.objects.filter(state=Commitment.State.AGREED, end_date__isnull=False,
                                      end_date__lte=today + timedelta(days=ENDING_DAYS),
                                      partnership__status="active")
            .values_list("pk", "end_date", "description", "partnership_id",
                         "partnership__title", "partner__organisation_id"))
    if person is not None:  # their home page: only what they could be reminded of
        rows = rows.filter(_theirs(person, "partner__organisation"))
    rows = list(_each(rows, person, 5000))
    if not rows:
        return
    people = _answerers({r[5] for r in rows}, {r[3] for r in rows}, person)
    link = link_maker("drive:commitments")
    for pk, end, description, partnership_id, title, organisation_id in rows:
        ended = end < today
        kind = COMMITMENT_ENDED if ended else COMMITMENT_ENDING
        what = (f"ended on {end:%-d %B %Y}: mark it delivered, or agree a new one" if ended
                else f"ends on {end:%-d %B %Y}")
        for user_id, email in people(organisation_id, partnership_id):
            yield Due(email=email, user_id=user_id, kind=kind, subject_key=f"commitment:{pk}",
                      period=end.isoformat(), partnership_id=partnership_id,
                      title=f"{description} for {title} {what}", link=link(partnership_id))


def results_due(today: date, person=None):
    """Indicators whose next result is due (a period after the latest result, or after the
    baseline): for whoever answers for the partner that reports it (_answerers)."""
    indicators = Indicator.objects.filter(partnership__status="active")
    if person is not None:  # their home page: only what they could be reminded of
        indicators = indicators.filter(_theirs(person, "owner__organisation"))
    indicators = list(_each(indicators.select_related("partnership", "owner")
                            .prefetch_related("results"), person, 2000))
    due = [(i, next_due(i, list(i.results.all()))) for i in indicators]
    due = [(i, when) for i, when in due if when <= today]
    if not due:
        return
    people = _answerers({i.owner.organisation_id for i, _ in due},
                        {i.partnership_id for i, _ in due}, person)
    for indicator, when in due:
        for user_id, email in people(indicator.owner.organisation_id, indicator.partnership_id):
            yield Due(email=email, user_id=user_id, kind=RESULT_DUE,
                      subject_key=f"indicator:{indicator.pk}", period=when.isoformat(),
                      partnership_id=indicator.partnership_id,
                      title=f"A result of {indicator.name} for {indicator.partnership.title} is "
                            f"due, for the period ending {when:%-d %B %Y}",
                      link=_url(indicator.get_absolute_url()))


def due(now, person=None):
    today = timezone.localdate(now)
    yield from results_due(today, person)
    yield from due_actions(today, person)
    yield from stalled_partnerships(today, person)
    yield from commitments_ending(today, person)


def register():
    register_topic("drive", "DRIVE actions: given to you, due and overdue")
    register_topic("stalled", "Partnerships with no DRIVE progress")
    register_kind(DUE_SOON, label="Action due within a week", topic="drive")
    register_kind(DUE_TODAY, label="Action due today", topic="drive")
    register_kind(OVERDUE, label="Action overdue", topic="drive")
    register_kind(STALLED, label="No DRIVE progress", topic="stalled")
    register_kind(ASSIGNED, label="DRIVE action given to you", topic="drive")
    register_topic("results", "Results due for indicators your organisation reports")
    register_kind(RESULT_DUE, label="Result due", topic="results")
    register_topic("commitments", "Commitments your organisation made: ending and ended")
    register_kind(COMMITMENT_ENDING, label="Commitment ending within 30 days",
                  topic="commitments")
    register_kind(COMMITMENT_ENDED, label="Commitment ended, not marked delivered",
                  topic="commitments")
    register_rule(due)
