"""Demo case studies, written for this portal from the public facts in SEED-FACTS.md: three
published, one waiting for a second curator, and one open nomination, so both demo curators have
something to decide. The stroke example is a story of culture, not of one partnership, so it links
to none."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from drive.models import DriveAction
from organisations.models import HealthCategory, Organisation
from partnerships.models import Partnership
from reminders.notify import notify
from trials.models import Study

from .models import CaseStudy, Nomination
from .reminders import NOMINATED, REVIEW, curators

STORIES = [
    {
        "title": "DETERMINE: one national platform for rare cancers",
        "summary": "A charity sponsor, universities, NHS trusts and a company built one national "
                   "trial so that people with rare cancers can try medicines already used for "
                   "other cancers.",
        "body": "## The problem\n\nRare cancers are too rare for a trial each. **DETERMINE** "
                "groups people by the molecular change in their cancer instead, and tests "
                "existing targeted medicines across those groups.\n\n## How the partners "
                "worked\n\n- The sponsor ran the trial through its drug development centre.\n"
                "- Universities led the science.\n- NHS trusts opened sites, the first at a "
                "specialist cancer centre.\n- A company provided medicines.",
        "what_worked": "A shared purpose agreed at the start, and using the experimental "
                       "cancer medicine network that already existed instead of building anew.",
        "outcomes": "Recruiting since 2023, with 825 participants planned.",
        "actions": ["define-purpose", "review-and-build"], "categories": ["cancer-and-neoplasms"],
        "sectors": ["nhs", "charity", "industry", "academic"],
        "partnership": "DETERMINE", "organisations": ["Cancer Research UK", "Roche"],
    },
    {
        "title": "ELSA: screening children for type 1 diabetes risk",
        "summary": "Two charities co-funded a university-led study that screens children across "
                   "the UK, working with the NHS and the national screening committee.",
        "body": "## What it does\n\nThe study looks for islet autoantibodies in children aged 3 "
                "to 13, so families learn of a raised risk of type 1 diabetes early and get "
                "support.\n\n## Why it is a good example\n\nIt involved the people who would "
                "one day run a screening programme from the start.",
        "what_worked": "Funders, researchers, the NHS and the screening committee at one table.",
        "outcomes": "Launched in November 2022, aiming to screen 20,000 children.",
        "actions": ["define-purpose", "invest-in-infrastructure"],
        "categories": ["metabolic-and-endocrine"], "sectors": ["nhs", "charity", "academic",
                                                              "government"],
        "partnership": "ELSA", "organisations": ["Diabetes UK", "University of Birmingham"],
    },
    {
        "title": "Stroke: how a research culture changed outcomes",
        "summary": "Building research into everyday stroke care went with a fall of almost half "
                   "in stroke deaths over twenty years.",
        "body": "## The lesson\n\nStroke services made research part of routine care: teams "
                "had time for it, results were recognised, and skills stayed in the service.",
        "what_worked": "Valuing success and equipping teams, so research was not separate from "
                       "care.",
        "outcomes": "Stroke deaths almost halved over 20 years, with research culture a "
                    "contributing factor.",
        "actions": ["value-success", "equip-teams"], "categories": ["stroke"],
        "sectors": ["nhs", "charity", "academic"], "partnership": None, "organisations": [],
    },
]


IN_REVIEW = {
    "title": "What charities bring before the first protocol is written",
    "summary": "Research charities understand patients and carers, help shape proposals, convene "
               "people to help recruitment and share good practice. NHS teams that ask early "
               "get more from them.",
    "body": "## Why this matters\n\nNHS leaders often do not know what a charity can offer. "
            "Asking while the purpose is being defined, not after a protocol is fixed, lets the "
            "charity's knowledge of patients shape the study.",
    "what_worked": "Naming the charity's contribution in the partnership's purpose.",
    "outcomes": "To be added by the reviewing curator.",
    "actions": ["define-purpose"], "sectors": ["nhs", "charity"],
}


def seed_in_review(User):
    """A draft by the second demo curator, sent for review, and an open nomination."""
    writer = User.objects.filter(email="curator2@example.org").first()
    created = 0
    if writer and not CaseStudy.objects.filter(title=IN_REVIEW["title"]).exists():
        study = CaseStudy.objects.create(
            title=IN_REVIEW["title"], summary=IN_REVIEW["summary"], body=IN_REVIEW["body"],
            what_worked=IN_REVIEW["what_worked"], outcomes=IN_REVIEW["outcomes"],
            sectors=IN_REVIEW["sectors"], state=CaseStudy.State.IN_REVIEW,
            written_by=writer, submitted_by=writer)
        study.drive_actions.set(DriveAction.objects.filter(slug__in=IN_REVIEW["actions"]))
        # What case_study_submit tells curators: the first demo curator sees it in the header.
        notify(curators().exclude(pk=writer.pk), kind=REVIEW, actor=writer,
               title=f"{study.title} waits for a second curator's review",
               link=study.get_absolute_url())
        created += 1
    partnership = Partnership.objects.filter(title__startswith="DETERMINE").first()
    if partnership and not partnership.nominations.exists():
        nomination = Nomination.objects.create(
            partnership=partnership,
            nominated_by=User.objects.filter(email="nhs.lead@example.nhs.uk").first(),
            reason="How the NHS sites agreed their part at the start could help other trusts "
                   "join national platform trials.")
        notify(curators(), kind=NOMINATED, actor=nomination.nominated_by,
               title=f"{partnership.title} is nominated as a case study",
               link=reverse("casestudies:workbench"))
    return created


def seed():
    User = get_user_model()
    writer = User.objects.get(email="curator@example.org")
    approver = User.objects.filter(email="curator2@example.org").first()
    created = 0
    for story in STORIES:
        study, was_created = CaseStudy.objects.get_or_create(
            title=story["title"],
            defaults={"summary": story["summary"], "body": story["body"],
                      "what_worked": story["what_worked"], "outcomes": story["outcomes"],
                      "sectors": story["sectors"], "state": CaseStudy.State.PUBLISHED,
                      "written_by": writer, "submitted_by": writer, "approved_by": approver,
                      "published_at": timezone.now()})
        if not was_created:
            continue
        created += 1
        study.drive_actions.set(DriveAction.objects.filter(slug__in=story["actions"]))
        study.health_categories.set(HealthCategory.objects.filter(slug__in=story["categories"]))
        study.organisations.set(Organisation.objects.filter(name__in=story["organisations"]))
        if story["partnership"]:
            study.partnerships.set(
                Partnership.objects.filter(title__startswith=story["partnership"]))

            study.studies.set(Study.objects.filter(short_name=story["partnership"]))
    return created + seed_in_review(User)
