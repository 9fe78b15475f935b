"""Demo charity profiles and offers, in our own words. Idempotent."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations.models import HealthCategory, Organisation
from partnerships.models import Partnership

from .models import CharityProfile, ExpertiseOffer, ExpertiseRequest

OFFERS = [
    ("Cancer Research UK", "ppi", "Patient and carer involvement in cancer trials",
     "We bring people affected by cancer into the design of a trial, from the first question to "
     "the patient information sheet, so studies fit the lives of those who take part.",
     ["cancer-and-neoplasms"], ["uk-wide"], "3 new partnerships a quarter"),
    ("Cancer Research UK", "study-design", "Advice on early-phase cancer trial design",
     "Our drug development team reviews protocols for early-phase and platform trials of "
     "targeted medicines, including trials in rare cancers.",
     ["cancer-and-neoplasms"], ["uk-wide"], "By arrangement"),
    ("Diabetes UK", "ppi", "People living with diabetes shaping research",
     "A panel of people living with type 1 and type 2 diabetes who review research plans and "
     "help write materials that families understand.",
     ["metabolic-and-endocrine"], ["uk-wide"], "2 new partnerships a quarter"),
    ("Diabetes UK", "recruitment", "Recruitment support through our supporter network",
     "We tell our supporters about studies that are recruiting, including screening studies "
     "for children, and point them to the study team.",
     ["metabolic-and-endocrine"], ["uk-wide"], "Up to 4 studies at a time"),
]


def seed():
    staff = get_user_model().objects.get(email="charity.staff@example.org")
    created = 0
    for org_name, kind, title, description, categories, regions, capacity in OFFERS:
        organisation = Organisation.objects.get(name=org_name)
        CharityProfile.objects.get_or_create(
            organisation=organisation,
            defaults={"amrc_member": True, "regions": ["uk-wide"],
                      "about": f"{org_name} funds and supports medical research in the UK."})
        offer, was_created = ExpertiseOffer.objects.get_or_create(
            organisation=organisation, title=title,
            defaults={"kind": kind, "description": description, "regions": regions,
                      "capacity": capacity, "created_by": staff})
        if was_created:
            offer.health_categories.set(HealthCategory.objects.filter(slug__in=categories))
            created += 1
    if created:
        seed_answered_request()
    return created


def seed_answered_request():
    """DETERMINE asked Cancer Research UK's patient involvement offer, answered in four days
    (illustrative), so both dashboards have a response time to show."""
    partnership = Partnership.objects.filter(title__startswith="DETERMINE").first()
    offer = ExpertiseOffer.objects.filter(title__startswith="Patient and carer").first()
    if partnership is None or offer is None:
        return
    asked = timezone.now() - timedelta(days=40)
    request_ = ExpertiseRequest.objects.create(
        offer=offer, partnership=partnership, state=ExpertiseRequest.State.ACCEPTED,
        requested_by=get_user_model().objects.filter(email="nhs.lead@example.nhs.uk").first(),
        what_is_needed="People affected by rare cancers to review the patient information "
                       "sheet for the new arms (an illustrative demo request).",
        answered_at=asked + timedelta(days=4))
    ExpertiseRequest.objects.filter(pk=request_.pk).update(created_at=asked)
