"""What study delivery reminds people of (reminders.registry): a site open 25 days without a
participant (the first-participant measure turns at risk), and a site below its recruitment
line, once a month. They go to the leads of the study's partnerships."""

from datetime import date

from django.utils import timezone

from partnerships.models import PartnershipPerson
from reminders.registry import Due, link_maker, register_kind, register_rule, register_topic

from . import delivery
from .models import RecruitmentUpdate, StudySite

NO_PARTICIPANT, BEHIND = "site-no-participant", "site-behind"


def _leads(study_ids, person):
    rows = PartnershipPerson.objects.filter(role=PartnershipPerson.Role.LEAD,
                                            partnership__studies__in=study_ids)
    if person is not None:
        rows = rows.filter(user=person)
    leads = {}
    for study_id, user_id, email in rows.values_list("partnership__studies", "user_id",
                                                     "user__email").distinct():
        leads.setdefault(study_id, set()).add((user_id, email))
    return leads


def sites_due(today: date, person=None):
    sites = StudySite.objects.filter(opened_date__isnull=False, closed_date__isnull=True,
                                     study__status="recruiting")
    if person is not None:
        sites = sites.filter(study__partnerships__people__user=person,
                             study__partnerships__people__role=PartnershipPerson.Role.LEAD)
    sites = list(sites.select_related("organisation", "study").distinct())
    if not sites:
        return
    latest = RecruitmentUpdate.latest_by_site(sites)
    leads = _leads({s.study_id for s in sites}, person)
    link = link_maker("trials:detail")
    month = today.strftime("%Y-%m")
    for site in sites:
        found = []
        days_open = (today - site.opened_date).days
        if site.first_participant_date is None and days_open >= delivery.WARN_FROM[
                delivery.FIRST_DAYS]:
            found.append((NO_PARTICIPANT, site.opened_date.isoformat(),
                          f"{site.organisation.name} has been open {days_open} days on "
                          f"{site.study} with no participant yet"))
        measure = delivery.recruitment_measure(site, site.study.recruitment_ends,
                                               latest.get(site.pk), today)
        if measure is not None and measure.state in (delivery.AT_RISK, delivery.MISSED) \
                and "target reached" not in measure.detail:
            found.append((BEHIND, month, f"{site.organisation.name} is behind its recruitment "
                                         f"line on {site.study}: {measure.detail}"))
        for kind, period, title in found:
            for user_id, email in sorted(leads.get(site.study_id, ())):
                yield Due(email=email, user_id=user_id, kind=kind,
                          subject_key=f"site:{site.pk}", period=period, partnership_id=None,
                          title=title, link=link(site.study_id))


def due(now, person=None):
    yield from sites_due(timezone.localdate(now), person)


def register():
    register_topic("delivery", "Study sites: no participant yet, behind on recruitment")
    register_kind(NO_PARTICIPANT, label="Site open with no participant", topic="delivery")
    register_kind(BEHIND, label="Site behind its recruitment line", topic="delivery")
    register_rule(due)

