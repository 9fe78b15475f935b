"""Demo charity profiles and offers, in our own words. Idempotent."""

from django.contrib.auth import get_user_model

from organisations.models import HealthCategory, Organisation

from .models import CharityProfile, ExpertiseOffer

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
    return created
