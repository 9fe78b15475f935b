"""An organisation's portfolio, as tables. Each Table is what its chart draws, what its CSV
holds and what the page shows, so the three always agree. Counts and sums are done by the
database (GROUP BY, conditional aggregates); what needs a rule (indicator status, delivery
measures) is worked out over rows already fetched. The number of queries does not grow with the
organisation's size."""

import statistics
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Max, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from charities.models import ExpertiseOffer, ExpertiseRequest
from drive.commitments import SECTOR_OF, SECTORS
from drive.indicators import status_of
from drive.models import ActionProgress, Commitment, Indicator
from drive.selectors import with_drive_counts
from organisations.models import Organisation
from partnerships.models import PartnerOrganisation, Partnership
from trials import delivery
from trials.models import RecruitmentUpdate, Study, StudySite


@dataclass
class Table:
    key: str  # for ?csv=<key> and the element ids
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart_column: int | None = None  # the column the bar chart draws, by the first column
    note: str = ""
    chart_label: str = ""  # what the bars count, when it is not the table's only figure

    @property
    def chart(self):
        if self.chart_column is None or not self.rows:
            return None
        return [(str(row[0]), row[self.chart_column]) for row in self.rows]


PERIODS = [("", "All time"), ("12m", "Registered in the last 12 months"),
           ("fy", "Registered this financial year")]


def since(period, today):
    if period == "12m":
        return today - timedelta(days=365)
    if period == "fy":  # the NHS financial year starts on 1 April
        return today.replace(year=today.year if today.month >= 4 else today.year - 1, month=4,
                             day=1)
    return None


def partnerships_of(organisation_ids):
    """Partnerships these organisations lead or are confirmed partners of. Their ids are read
    first (two index lookups): joined to the OR of both, every later figure's query scanned
    all DRIVE progress and indicators instead of fetching these partnerships' own."""
    partner_of = PartnerOrganisation.objects.filter(
        organisation_id__in=organisation_ids, state=PartnerOrganisation.State.CONFIRMED,
    ).values_list("partnership_id", flat=True)
    led = Partnership.objects.filter(lead_organisation_id__in=organisation_ids).values_list(
        "pk", flat=True)
    return Partnership.objects.filter(pk__in={*led, *partner_of})


def portfolio(organisation, *, health_category=None, sector="", period="", today=None):
    """The organisation's partnerships: those it leads and those it is a confirmed partner of,
    private ones too (its own people are looking), drafts left out; narrowed by health
    category, a confirmed partner's sector, and when they were registered."""
    rows = partnerships_of([organisation.pk]).exclude(status=Partnership.Status.DRAFT)
    if health_category is not None:
        rows = rows.filter(pk__in=Partnership.health_categories.through.objects.filter(
            healthcategory=health_category).values("partnership_id"))
    if sector:
        kinds = [kind for kind, s in SECTOR_OF.items() if s == sector] or [
            kind for kind in Organisation.Kind.values if kind not in SECTOR_OF]
        rows = rows.filter(pk__in=PartnerOrganisation.objects.filter(
            state=PartnerOrganisation.State.CONFIRMED, organisation__kind__in=kinds,
        ).exclude(organisation=organisation).values("partnership"))
    start = since(period, today or timezone.localdate())
    if start is not None:
        rows = rows.annotate(on=Coalesce("submitted_at", "created_at")).filter(
            on__date__gte=start)
    return rows


def drive_stages(partnerships) -> Table:
    counts = dict(with_drive_counts(partnerships.order_by()).values("drive_completed")
                  .annotate(n=Count("pk")).values_list("drive_completed", "n"))
    return Table("stages", "Partnerships by DRIVE stage", ["Actions completed", "Partnerships"],
                 [[f"{done} of 5", counts.get(done, 0)] for done in range(6)], chart_column=1)


def needing_attention(partnerships, today, user) -> Table:
    """A private partnership counts for the organisation's people, but only those who may see
    it read its title: the others see "A private partnership"."""
    rows = (partnerships.filter(status=Partnership.Status.ACTIVE)
            .annotate(overdue=Count("drive_progress", filter=Q(
                drive_progress__due_date__lt=today) & ~Q(
                drive_progress__status=ActionProgress.Status.COMPLETED)),
                last=Max("drive_progress__updated_at"))
            .values_list("pk", "title", "overdue", "last", "stall_days", "submitted_at",
                         "created_at"))
    rows = list(rows)
    seen = set(Partnership.objects.visible_to(user).filter(pk__in=[r[0] for r in rows])
               .values_list("pk", flat=True)) if user is not None else set()
    table = Table("attention", "Overdue and stalled", ["Partnership", "Overdue actions",
                                                        "Days without DRIVE progress",
                                                        "Stalled"])
    for pk, title, overdue, last, stall_days, submitted, created in rows:
        title = title if pk in seen else "A private partnership"
        quiet = (today - timezone.localdate(last or submitted or created)).days
        stalled = quiet >= stall_days
        if overdue or stalled:
            table.rows.append([title, overdue, quiet, "Yes" if stalled else "No"])
    table.rows.sort(key=lambda r: (-r[1], -r[2], r[0]))
    return table


_FTE = ExpressionWrapper(F("fte") * Coalesce(F("people"), Value(1)),
                         output_field=DecimalField(max_digits=8, decimal_places=2))


def commitments(organisation, partnerships) -> Table:
    """Made: what the organisation committed to any of its partnerships. Received: what other
    partners committed to the partnerships it leads."""
    confirmed = PartnerOrganisation.State.CONFIRMED
    made = Commitment.objects.filter(partner__organisation=organisation,
                                     partner__state=confirmed, partnership__in=partnerships)
    received = (Commitment.objects.filter(partnership__lead_organisation=organisation,
                                          partner__state=confirmed,
                                          partnership__in=partnerships)
                .exclude(partner__organisation=organisation))
    table = Table("commitments", "Commitments made and received",
                  ["Direction", "Sector", "State", "Commitments", "Money (£)",
                   "Full-time equivalent", "In kind"])
    for direction, rows in (("Made", made), ("Received", received)):
        grouped = (rows.order_by().values("partner__organisation__kind", "state")
                   .annotate(n=Count("pk"), money=Coalesce(Sum("amount"), Value(0),
                                                           output_field=DecimalField()),
                             fte=Coalesce(Sum(_FTE), Value(0), output_field=DecimalField()),
                             in_kind=Count("pk", filter=Q(kind=Commitment.Kind.IN_KIND))))
        totals = {}
        for g in grouped:
            sector = SECTOR_OF.get(g["partner__organisation__kind"], "other")
            key = (sector, g["state"])
            t = totals.setdefault(key, [0, 0, 0, 0])
            t[0] += g["n"]
            t[1] += g["money"]
            t[2] += g["fte"]
            t[3] += g["in_kind"]
        labels = dict(SECTORS)
        states = dict(Commitment.State.choices)
        for (sector, state), (n, money, fte, in_kind) in sorted(
                totals.items(), key=lambda item: ([s for s, _ in SECTORS].index(item[0][0]),
                                                  list(states).index(item[0][1]))):
            table.rows.append([direction, labels[sector], states[state], n, round(money),
                               round(float(fte), 1), in_kind])
    return table


def indicators(partnerships) -> Table:
    found = (Indicator.objects.filter(partnership__in=partnerships)
             .prefetch_related("results"))
    counts = {}
    for indicator in found:
        label = status_of(indicator, list(indicator.results.all())).label
        counts[label] = counts.get(label, 0) + 1
    order = ["Target met", "On track", "At risk", "Off track", "No result yet"]
    return Table("indicators", "Indicators by status", ["Status", "Indicators"],
                 [[label, counts.get(label, 0)] for label in order], chart_column=1,
                 note="Status by the rule on each indicator's page: a straight line from the "
                      "baseline to the target.")


def _requests_row(label, rows):
    sent = len(rows)
    answered = [r for r in rows if r[2] is not None]
    days = [(r[2] - r[1]).total_seconds() / 86400 for r in answered]
    accepted = sum(1 for r in rows if r[0] in (ExpertiseRequest.State.ACCEPTED,
                                               ExpertiseRequest.State.COMPLETED))
    return [label, sent, len(answered), accepted,
            round(statistics.median(days), 1) if days else "None answered"]


def requests_for_help(organisation, partnerships) -> Table:
    fields = ("state", "created_at", "answered_at")
    sent = list(ExpertiseRequest.objects.filter(partnership__lead_organisation=organisation,
                                                partnership__in=partnerships)
                .values_list(*fields))
    received = list(ExpertiseRequest.objects.filter(offer__organisation=organisation)
                    .values_list(*fields))
    table = Table("requests", "Requests for help", ["Requests", "Asked", "Answered",
                                                    "Accepted", "Median days to answer"])
    table.rows.append(_requests_row("Sent by partnerships we lead", sent))
    if received:
        table.rows.append(_requests_row("Received by our charity", received))
    return table


def measured_sites(sites, today):
    """Each site with its latest count and {measure key: state} (trials/delivery.py)."""
    latest = RecruitmentUpdate.latest_by_site(sites)
    return [(site, latest.get(site.pk), {m.key: m.state for m in delivery.measures(
        site, site.study.recruitment_ends, latest.get(site.pk), today)}) for site in sites]


def measures_table(title, measured) -> Table:
    """How many sites are in each state of each measure."""
    tally = {}
    for _, _, found in measured:
        for key, state in found.items():
            tally[(key, state)] = tally.get((key, state), 0) + 1
    return Table("measures", title, ["Measure", *delivery.STATES],
                 [[name, *[tally.get((key, s), 0) for s in delivery.STATES]]
                  for key, name in delivery.SHORT_NAMES],
                 chart_column=1, chart_label="The chart counts the sites that met each measure")


def site_delivery(organisation, today) -> tuple[Table, Table]:
    """The studies this organisation is a site of, each measure's state, and a count of sites
    by measure and state."""
    measured = measured_sites(list(StudySite.objects.filter(organisation=organisation)
                                   .select_related("study").order_by("study__title")), today)
    per_site = Table("sites", "Study delivery at our sites",
                     ["Study", "Local target", "Recruited",
                      *[name for _, name in delivery.SHORT_NAMES]])
    for site, latest, found in measured:
        per_site.rows.append([str(site.study), site.local_target or "Not set",
                              latest[1] if latest else 0,
                              *[found.get(key, "No dates") for key, _ in delivery.SHORT_NAMES]])
    return per_site, measures_table("Delivery measures across our sites", measured)


def by_quarter(partnerships, today) -> Table:
    """Partnerships registered in each of the last eight quarters."""
    quarters = []
    year, quarter = today.year, (today.month - 1) // 3
    for _ in range(8):
        quarters.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter else (year - 1, 3)
    quarters.reverse()
    first = quarters[0]
    since = today.replace(year=first[0], month=first[1] * 3 + 1, day=1)
    counts = {}
    registered = partnerships.annotate(on=Coalesce("submitted_at", "created_at"))
    for on in registered.filter(on__date__gte=since).values_list("on", flat=True):
        local = timezone.localdate(on)
        key = (local.year, (local.month - 1) // 3)
        counts[key] = counts.get(key, 0) + 1
    return Table("quarters", "Partnerships registered each quarter", ["Quarter", "Partnerships"],
                 [[f"Q{q + 1} {y}", counts.get((y, q), 0)] for y, q in quarters],
                 chart_column=1)


def organisation_dashboard(organisation, *, user=None, health_category=None, sector="",
                           period="", today=None):
    today = today or timezone.localdate()
    partnerships = portfolio(organisation, health_category=health_category, sector=sector,
                             period=period, today=today)
    sites, measures = site_delivery(organisation, today)
    return [drive_stages(partnerships), needing_attention(partnerships, today, user),
            commitments(organisation, partnerships), indicators(partnerships),
            requests_for_help(organisation, partnerships), measures, sites,
            by_quarter(partnerships, today)]



def public_facts(organisation) -> dict:
    """What anyone may see of an organisation's portfolio: listed partnerships by DRIVE stage,
    studies recruiting, open offers. Only public records count: a private partnership never
    changes these numbers."""
    listed = partnerships_of([organisation.pk]) & Partnership.objects.listed()
    stages = drive_stages(listed)
    studies = Study.objects.filter(status=Study.Status.RECRUITING).filter(
        Q(sponsor=organisation) | Q(funders=organisation) | Q(sites__organisation=organisation)
    ).values("pk").distinct().count()
    offers = ExpertiseOffer.objects.public().filter(organisation=organisation).count()
    return {"stages": stages, "partnerships": sum(r[1] for r in stages.rows),
            "studies": studies, "offers": offers}


# A region's public roll-up -------------------------------------------------------------------

SIZE_BANDS = [(0, "No study sites"), (1, "1 to 4 study sites"), (5, "5 to 19 study sites"),
              (20, "20 or more study sites")]


def size_band(sites: int) -> str:
    return next(label for floor, label in reversed(SIZE_BANDS) if sites >= floor)


def region_rollup(region, *, today=None):
    """Public figures over the organisations of a region: listed partnerships only, and study
    sites (studies are public). Commitments and indicators belong to the partnerships' own
    people and are not rolled up here."""
    today = today or timezone.localdate()
    organisations = list(Organisation.objects.filter(region=region).order_by("name")
                         .values_list("pk", "name", "kind"))
    ids = [pk for pk, _, _ in organisations]
    listed = partnerships_of(ids) & Partnership.objects.listed()
    stages = drive_stages(listed)
    measured = measured_sites(list(StudySite.objects.filter(organisation_id__in=ids)
                                   .select_related("study")), today)
    per_org = {}
    for site, _, found in measured:
        mine = per_org.setdefault(site.organisation_id, {"sites": 0, "setup_met": 0,
                                                         "setup_measured": 0})
        mine["sites"] += 1
        if found.get("setup") in (delivery.MET, delivery.MISSED):
            mine["setup_measured"] += 1
            mine["setup_met"] += found["setup"] == delivery.MET
    measures = measures_table("Delivery measures at the region's study sites", measured)
    listed_counts = dict(
        Partnership.objects.listed().filter(lead_organisation_id__in=ids).order_by()
        .values("lead_organisation").annotate(n=Count("pk"))
        .values_list("lead_organisation", "n"))
    kinds = dict(Organisation.Kind.choices)
    bands = [label for _, label in SIZE_BANDS]
    groups = {}
    for pk, _name, kind in organisations:
        mine = per_org.get(pk, {"sites": 0, "setup_met": 0, "setup_measured": 0})
        g = groups.setdefault((kinds.get(kind, kind), size_band(mine["sites"])),
                              [0, 0, 0, 0, 0])
        g[0] += 1
        g[1] += listed_counts.get(pk, 0)
        g[2] += mine["sites"]
        g[3] += mine["setup_met"]
        g[4] += mine["setup_measured"]
    peers = Table("peers", "Similar organisations compared",
                  ["Kind", "Size", "Organisations", "Listed partnerships led", "Study sites",
                   "Set-up in 150 days met"],
                  note="Organisations of the same kind and size band (by study sites), side by "
                       "side. Public records only.")
    for (kind, band), (n, led, sites_, met, measured) in sorted(
            groups.items(), key=lambda item: (item[0][0], bands.index(item[0][1]))):
        peers.rows.append([kind, band, n, led, sites_,
                           f"{met} of {measured} ({round(100 * met / measured)}%)"
                           if measured else "None measured"])
    return [stages, measures, peers], len(organisations)
