"""DETERMINE and ELSA with the facts in SEED-FACTS.md. Idempotent."""

from datetime import date

from organisations.models import HealthCategory, Organisation
from partnerships.models import Partnership

from .models import Study, StudySite

STUDIES = [
    {"short_name": "DETERMINE",
     "title": "Determining Extended Therapeutic indications for Existing drugs in Rare "
              "Molecularly defined Indications using a National Evaluation platform trial",
     "summary": "Tests existing targeted medicines in rare cancers that share a molecular change.",
     "nct_id": "NCT05722886", "eudract": "2021-003391-14", "iras_id": "1004057",
     "phase": "2/3", "design": "interventional", "status": "recruiting",
     "sponsor": "Cancer Research UK", "funders": ["Cancer Research UK"],
     "start_date": date(2023, 3, 1), "end_date": date(2029, 10, 31),
     "target_recruitment": 825, "categories": ["cancer-and-neoplasms"],
     "sites": ["The Christie NHS Foundation Trust", "The Royal Marsden NHS Foundation Trust"],
     "partnership": "DETERMINE", "conditions": "Rare cancers"},
    {"short_name": "ELSA", "title": "EarLy Surveillance for Autoimmune diabetes",
     "summary": "Screens children aged 3 to 13 across the UK for type 1 diabetes risk "
                "(islet autoantibodies).",
     "iras_id": "309252", "cpms_id": "52726", "design": "observational",
     "status": "recruiting", "sponsor": "University of Birmingham",
     "funders": ["Diabetes UK", "Breakthrough T1D"], "start_date": date(2022, 11, 14),
     "target_recruitment": 20000, "categories": ["metabolic-and-endocrine"], "sites": [],
     "partnership": "ELSA", "conditions": "Type 1 diabetes"},
]


def seed():
    created = 0
    for spec in STUDIES:
        spec = dict(spec)
        categories, sites = spec.pop("categories"), spec.pop("sites")
        funders, sponsor = spec.pop("funders"), spec.pop("sponsor")
        partnership = spec.pop("partnership")
        study, was_created = Study.objects.get_or_create(
            short_name=spec["short_name"],
            defaults={**spec, "sponsor_name": sponsor,
                      "sponsor": Organisation.objects.filter(name=sponsor).first()})
        if not was_created:
            continue
        created += 1
        study.health_categories.set(HealthCategory.objects.filter(slug__in=categories))
        study.funders.set(Organisation.objects.filter(name__in=funders))
        study.partnerships.set(Partnership.objects.filter(title__startswith=partnership))
        for name in sites:
            site = StudySite.objects.create(study=study,
                                            organisation=Organisation.objects.get(name=name))
            delivery = SITE_DELIVERY.get((spec["short_name"], name))
            if delivery:
                delivery = dict(delivery)
                counts = delivery.pop("counts")
                StudySite.objects.filter(pk=site.pk).update(
                    figures_note="Illustrative demo figures: the real ones are not public",
                    **delivery)
                for day, recruited in counts:
                    study.recruitment.create(site=site, date=day, recruited=recruited)
    return created


# The study's opening is public (1 March 2023, the Christie first); the rest is illustrative,
# and each site's figures say so.
SITE_DELIVERY = {
    ("DETERMINE", "The Christie NHS Foundation Trust"): {
        "local_target": 120, "application_date": date(2022, 10, 3),
        "approval_date": date(2023, 1, 16), "selected_date": date(2023, 1, 30),
        "opened_date": date(2023, 3, 1), "first_participant_date": date(2023, 3, 20),
        "counts": [(date(2023, 12, 31), 24), (date(2024, 12, 31), 58),
                   (date(2025, 12, 31), 81)]},
    ("DETERMINE", "The Royal Marsden NHS Foundation Trust"): {
        "local_target": 80, "application_date": date(2023, 1, 9),
        "approval_date": date(2023, 5, 2), "opened_date": date(2023, 8, 1),
        "first_participant_date": date(2023, 9, 20),
        "counts": [(date(2024, 12, 31), 14), (date(2025, 12, 31), 25)]},
}
