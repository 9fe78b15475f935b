"""Reading commitments: what each partner brings, totals by sector, and the exports (CSV, and
money commitments in the 360Giving Data Standard's shape with org-ids)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from organisations.models import Membership, Organisation
from partnerships.models import PartnerOrganisation, PartnershipPerson

from .models import Commitment

SECTORS = [("nhs", "NHS"), ("charity", "Charities"), ("industry", "Industry"),
           ("academic", "Universities"), ("other", "Other")]
SECTOR_OF = {**dict.fromkeys(Organisation.NHS_KINDS, "nhs"),
             Organisation.Kind.CHARITY: "charity", Organisation.Kind.COMPANY: "industry",
             Organisation.Kind.UNIVERSITY: "academic"}
# org-id.guide prefixes for the identifiers the portal keeps, most specific first.
ORG_ID_PREFIXES = [("charity_number_england_wales", "GB-CHC"), ("charity_number_scotland", "GB-SC"),
                   ("charity_number_northern_ireland", "GB-NIC"), ("company_number", "GB-COH"),
                   ("ods_code", "GB-NHS")]
# Our own prefix for grant and organisation ids without a register identifier. Not (yet) one
# 360Giving issued: a publisher asks 360Giving for theirs before publishing to GrantNav.
OWN_PREFIX = "360G-researchpartnerships"
COUNTED = (Commitment.State.AGREED, Commitment.State.DELIVERED)


def org_id(organisation) -> str:
    for name, prefix in ORG_ID_PREFIXES:
        value = getattr(organisation, name)
        if value:
            return f"{prefix}-{value}"
    return f"{OWN_PREFIX}-org-{organisation.pk}"


@dataclass
class Totals:
    money: Decimal = Decimal(0)
    fte: Decimal = Decimal(0)
    people: int = 0
    in_kind: int = 0
    count: int = 0

    def add(self, c):
        self.count += 1
        if c.kind == Commitment.Kind.MONEY and c.amount:
            self.money += c.amount
        elif c.kind == Commitment.Kind.PEOPLE:
            self.people += c.people or 0
            if c.total_fte is not None:
                self.fte += c.total_fte
            elif c.hours_per_week:  # 37.5 hours a week is one full-time equivalent
                self.fte += (c.hours_per_week / Decimal("37.5")) * (c.people or 1)
        elif c.kind == Commitment.Kind.IN_KIND:
            self.in_kind += 1


@dataclass
class PartnerBrings:
    partner: PartnerOrganisation
    commitments: list = field(default_factory=list)
    agreed: Totals = field(default_factory=Totals)
    may_answer: bool = False


def commitments_of(partnership):
    """Commitments of the partnership's confirmed partners: one that declined or was removed
    keeps its rows (the history) but they show and export nowhere."""
    return list(partnership.commitments.filter(partner__state=PartnerOrganisation.State.CONFIRMED)
                .select_related("partner__organisation", "agreed_by")
                .order_by("partner__organisation__name", "kind", "pk"))


def answerable(user, partnership, partners) -> set[int]:
    """Which of `partners` (already read) this person may agree commitments for: the rule of
    services.may_answer_for, for a whole page in three queries rather than three a partner."""
    if not user.is_authenticated:
        return set()
    admin_of = set(Organisation.objects.administered_by(user).values_list("pk", flat=True))
    is_lead = PartnershipPerson.objects.filter(partnership=partnership, user=user,
                                               role=PartnershipPerson.Role.LEAD).exists()
    member_of = set(Membership.objects.filter(user=user, state=Membership.State.ACTIVE)
                    .values_list("organisation_id", flat=True)) if is_lead else set()
    return {p.pk for p in partners
            if p.organisation_id in admin_of or p.organisation_id in member_of}


def what_each_brings(partnership, user=None):
    """Each confirmed partner with its commitments and agreed totals; totals by sector. With
    `user`, which partners' commitments they may agree."""
    partners = list(partnership.partners.filter(state=PartnerOrganisation.State.CONFIRMED)
                    .select_related("organisation").order_by("organisation__name"))
    mine = answerable(user, partnership, partners) if user is not None else set()
    rows = {p.pk: PartnerBrings(partner=p, may_answer=p.pk in mine) for p in partners}
    by_sector = defaultdict(Totals)
    overall = Totals()
    for c in commitments_of(partnership):
        row = rows.get(c.partner_id)
        if row is None:  # a partner since declined or removed: kept, shown nowhere
            continue
        row.commitments.append(c)
        if c.state in COUNTED:
            row.agreed.add(c)
            by_sector[SECTOR_OF.get(c.partner.organisation.kind, "other")].add(c)
            overall.add(c)
    sectors = [(label, by_sector[key]) for key, label in SECTORS if key in by_sector]
    return list(rows.values()), sectors, overall


CSV_HEADER = ["Partner", "Sector", "Kind", "What it is", "State", "Role", "People",
              "FTE for each person", "Hours a week for each person", "Protected research time",
              "Amount (GBP)", "Funder", "Award reference", "In-kind type", "Starts", "Ends",
              "Agreed on", "Delivered on"]


def csv_rows(partnership):
    for c in commitments_of(partnership):
        organisation = c.partner.organisation
        yield [organisation.name, dict(SECTORS)[SECTOR_OF.get(organisation.kind, "other")],
               c.get_kind_display(), c.description, c.get_state_display(), c.role,
               c.people or "", c.fte if c.fte is not None else "",
               c.hours_per_week if c.hours_per_week is not None else "",
               "yes" if c.protected_time else "", c.amount if c.amount is not None else "",
               c.funder, c.award_reference, c.get_in_kind_type_display() if c.in_kind_type
               else "", c.start_date or "", c.end_date or "",
               c.agreed_at.date() if c.agreed_at else "",
               c.delivered_at.date() if c.delivered_at else ""]


def giving_360(partnership) -> dict:
    """Agreed and delivered money commitments as 360Giving grants: the committing partner funds,
    the lead organisation receives."""
    lead = partnership.lead_organisation
    grants = []
    for c in commitments_of(partnership):
        if c.kind != Commitment.Kind.MONEY or c.state not in COUNTED:
            continue
        funder = c.partner.organisation
        grant = {
            "id": f"{OWN_PREFIX}-commitment-{c.pk}",
            "title": c.description,
            "description": f"{funder.name} commits to {partnership.title}"
                           + (f" (award reference {c.award_reference})" if c.award_reference
                              else ""),
            "currency": "GBP",
            "amountAwarded": float(c.amount),
            "awardDate": c.agreed_at.date().isoformat(),
            "recipientOrganization": [{"id": org_id(lead), "name": lead.name}],
            "fundingOrganization": [{"id": org_id(funder), "name": funder.name}],
        }
        if c.start_date or c.end_date:
            grant["plannedDates"] = [{k: v.isoformat() for k, v in
                                      (("startDate", c.start_date), ("endDate", c.end_date)) if v}]
        grants.append(grant)
    return {"grants": grants}
