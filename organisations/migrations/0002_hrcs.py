"""UKCRC Health Research Classification System: 21 health categories, 8 research activity groups."""

from django.db import migrations
from django.utils.text import slugify

HEALTH_CATEGORIES = [
    "Blood", "Cancer and neoplasms", "Cardiovascular", "Congenital disorders", "Ear", "Eye",
    "Infection", "Inflammatory and immune system", "Injuries and accidents", "Mental health",
    "Metabolic and endocrine", "Musculoskeletal", "Neurological", "Oral and gastrointestinal",
    "Renal and urogenital", "Reproductive health and childbirth", "Respiratory", "Skin", "Stroke",
    "Generic health relevance", "Disputed aetiology and other",
]
RESEARCH_ACTIVITY_GROUPS = [
    "Underpinning", "Aetiology", "Prevention", "Detection, screening and diagnosis",
    "Treatment development", "Treatment evaluation", "Disease management", "Health services",
]


def load(apps, schema_editor):
    HealthCategory = apps.get_model("organisations", "HealthCategory")
    ResearchActivityGroup = apps.get_model("organisations", "ResearchActivityGroup")
    for position, name in enumerate(HEALTH_CATEGORIES, start=1):
        HealthCategory.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )
    for number, name in enumerate(RESEARCH_ACTIVITY_GROUPS, start=1):
        ResearchActivityGroup.objects.update_or_create(
            number=number, defaults={"slug": slugify(name), "name": name}
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
