"""Demo organisations and partnerships, from the public facts in shared/SEED-FACTS.md.

The two trusts' ODS codes (RBV, RPY) were looked up in public lists of NHS trusts; the other NHS
bodies' codes are left out, not guessed.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations.models import HealthCategory, Membership, Organisation, ResearchActivityGroup
from organisations.register_check import register_check

from .models import PartnerOrganisation, Partnership, PartnershipPerson

Kind = Organisation.Kind
Role = PartnerOrganisation.Role
State = PartnerOrganisation.State

ORGANISATIONS = [
    # name, kind, region, identifiers, email domain
    ("Cancer Research UK", Kind.CHARITY, "uk-wide",
     {"charity_number_england_wales": "1089464", "charity_number_scotland": "SC041666"}, ""),
    ("Diabetes UK", Kind.CHARITY, "uk-wide",
     {"charity_number_england_wales": "215199", "charity_number_scotland": "SC039136",
      "company_number": "00339181"}, ""),
    ("Breakthrough T1D", Kind.CHARITY, "uk-wide", {}, ""),
    ("The Christie NHS Foundation Trust", Kind.NHS_TRUST, "north-west", {"ods_code": "RBV"},
     "example.nhs.uk"),
    ("The Royal Marsden NHS Foundation Trust", Kind.NHS_TRUST, "london", {"ods_code": "RPY"}, ""),
    ("NHS England", Kind.NHS_OTHER, "uk-wide", {}, ""),
    ("UK National Screening Committee", Kind.OTHER, "uk-wide", {}, ""),
    ("University of Manchester", Kind.UNIVERSITY, "north-west", {}, ""),
    ("University of Birmingham", Kind.UNIVERSITY, "west-midlands", {}, ""),
    ("Roche", Kind.COMPANY, "uk-wide", {}, ""),
]

PARTNERSHIPS = [
    {
        "title": "DETERMINE: existing targeted medicines for rare cancers",
        "lead": "The Christie NHS Foundation Trust",
        "purpose": "A national platform trial that tries targeted cancer medicines already in use "
                   "for other cancers in people with rare cancers that share the same molecular "
                   "change. The partners bring sponsorship, academic leadership, NHS sites and "
                   "access to medicines together so that rare cancers are not left out of trials.",
        "topics": "rare cancers, targeted therapy, platform trial, molecular screening",
        "categories": ["cancer-and-neoplasms"],
        "activities": [6],
        "start": date(2023, 3, 1), "end": date(2029, 10, 31),
        "partners": [("Cancer Research UK", Role.FUNDER),
                     ("University of Manchester", Role.ACADEMIC),
                     ("University of Birmingham", Role.ACADEMIC),
                     ("The Royal Marsden NHS Foundation Trust", Role.NHS),
                     ("Roche", Role.INDUSTRY)],
        "people": [("nhs.lead@example.nhs.uk", PartnershipPerson.Role.LEAD),
                   ("charity.staff@example.org", PartnershipPerson.Role.CONTRIBUTOR)],
    },
    {
        "title": "ELSA: early surveillance for type 1 diabetes in children",
        "lead": "NHS England",
        "purpose": "Screening children aged 3 to 13 across the UK for the islet autoantibodies "
                   "that show a raised risk of type 1 diabetes, so that families get support "
                   "before diagnosis and the evidence for a national screening programme grows.",
        "topics": "type 1 diabetes, childhood screening, islet autoantibodies",
        "categories": ["metabolic-and-endocrine"],
        "activities": [4],
        "start": date(2022, 11, 14), "end": None,
        "partners": [("University of Birmingham", Role.ACADEMIC), ("Diabetes UK", Role.FUNDER),
                     ("Breakthrough T1D", Role.FUNDER),
                     ("UK National Screening Committee", Role.NHS)],
        "people": [("nhs.lead@example.nhs.uk", PartnershipPerson.Role.VIEWER)],
    },
]


# Not verified: nobody has shown a registry administrator they may speak for it.
UNVERIFIED = {"Breakthrough T1D"}


def seed_organisations():
    User = get_user_model()
    registry_admin = User.objects.get(email="registry@example.org")
    memberships = {"The Christie NHS Foundation Trust": "nhs.lead@example.nhs.uk",
                   "Cancer Research UK": "charity.staff@example.org",
                   "Breakthrough T1D": "t1d.staff@example.org"}
    created = 0
    for name, kind, region, ids, domain in ORGANISATIONS:
        organisation, was_created = Organisation.objects.get_or_create(
            name=name, kind=kind, defaults={"region": region, "email_domain": domain, **ids})
        created += was_created
        if not was_created:
            continue
        if name in memberships:
            Membership.objects.create(
                user=User.objects.get(email=memberships[name]), organisation=organisation,
                role=Membership.Role.ADMIN, state=Membership.State.ACTIVE)
        if name not in UNVERIFIED:
            if name in memberships:
                organisation.verified_by = registry_admin
                organisation.verified_how = "approved by a registry administrator"
            else:
                organisation.verified_how = "demo data"
            organisation.verified_at = timezone.now()
            # The demo lead's colleagues join The Christie at once through its domain.
            organisation.email_domain_confirmed_at = timezone.now() if domain else None
            organisation.save()
        register_check(organisation)
    return created


def seed_partnerships():
    User = get_user_model()
    created = 0
    for spec in PARTNERSHIPS:
        lead = Organisation.objects.get(name=spec["lead"])
        partnership, was_created = Partnership.objects.get_or_create(
            title=spec["title"],
            defaults={"lead_organisation": lead, "purpose": spec["purpose"],
                      "topics": spec["topics"], "status": Partnership.Status.ACTIVE,
                      "start_date": spec["start"], "end_date": spec["end"]})
        if not was_created:
            continue
        created += 1
        partnership.health_categories.set(HealthCategory.objects.filter(slug__in=spec["categories"]))
        partnership.research_activity_groups.set(
            ResearchActivityGroup.objects.filter(number__in=spec["activities"]))
        PartnerOrganisation.objects.create(partnership=partnership, organisation=lead,
                                           role=Role.LEAD, state=State.CONFIRMED)
        for name, role in spec["partners"]:
            # One partner still waits to confirm, so the demo shows how consent looks.
            waiting = "ELSA" in spec["title"] and name == "Diabetes UK"
            PartnerOrganisation.objects.create(
                partnership=partnership, organisation=Organisation.objects.get(name=name),
                role=role, state=State.PROPOSED if waiting else State.CONFIRMED)
        for email, role in spec["people"]:
            PartnershipPerson.objects.create(partnership=partnership,
                                             user=User.objects.get(email=email), role=role)
    return created
