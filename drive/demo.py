"""Demo DRIVE progress for the demo partnerships: Define purpose done everywhere; in DETERMINE,
Review is under way and due soon, and the lead's own Invest action is overdue, so the reminders
and each person's home have something to say."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from partnerships.demo import PARTNERSHIPS
from partnerships.models import Partnership

from .models import (
    ActionProgress,
    Commitment,
    DrivePrompt,
    Indicator,
    Output,
    PromptAnswer,
)
from .services import progress_ensure


def seed():
    """Sets up each demo partnership that has no DRIVE progress yet; returns how many."""
    created = 0
    for spec in PARTNERSHIPS:
        partnership = Partnership.objects.filter(title=spec["title"]).first()
        if partnership is None or partnership.drive_progress.filter(
                status=ActionProgress.Status.COMPLETED).exists():
            continue
        created += 1
        progress_ensure(partnership)
        define = partnership.drive_progress.get(action__number=1)
        for prompt in DrivePrompt.objects.filter(action=define.action, required=True):
            PromptAnswer.objects.get_or_create(progress=define, prompt=prompt,
                                               defaults={"text": spec["purpose"]})
        define.status = ActionProgress.Status.COMPLETED
        define.completed_at = timezone.now()
        define.save()
        if "DETERMINE" in partnership.title:
            review = partnership.drive_progress.get(action__number=2)
            review.status = ActionProgress.Status.IN_PROGRESS
            review.owner = get_user_model().objects.get(email="charity.staff@example.org")
            review.due_date = timezone.localdate() + timedelta(days=7)
            review.save()
            invest = partnership.drive_progress.get(action__number=3)
            invest.status = ActionProgress.Status.IN_PROGRESS
            invest.owner = get_user_model().objects.get(email="nhs.lead@example.nhs.uk")
            invest.due_date = timezone.localdate() - timedelta(days=3)
            invest.save()
        seed_commitments(partnership)
        seed_indicators(partnership)
        seed_outputs(partnership)
    return created


ILLUSTRATIVE = " (illustrative: the real figure is not public)"
# (partnership word, organisation, state, fields). Who brings what is public (SEED-FACTS.md);
# amounts and time are not, and say so.
COMMITMENTS = [
    ("DETERMINE", "Cancer Research UK", "agreed",
     {"kind": "money", "description": "Sponsorship through the Centre for Drug Development",
      "amount": 1_500_000, "funder": "Cancer Research UK" + ILLUSTRATIVE}),
    ("DETERMINE", "Roche", "agreed",
     {"kind": "in-kind", "description": "Medicines for trial arms, through Cancer Research "
                                        "Horizons", "in_kind_type": "other"}),
    ("DETERMINE", "The Christie NHS Foundation Trust", "agreed",
     {"kind": "people", "description": "Research nurses at the first site" + ILLUSTRATIVE,
      "role": "Research nurse", "people": 2, "fte": "0.6", "protected_time": True,
      "ends_in_days": 20}),
    ("DETERMINE", "University of Manchester", "proposed",
     {"kind": "people", "description": "Chief investigator's protected time" + ILLUSTRATIVE,
      "role": "Chief investigator", "people": 1, "fte": "0.2", "protected_time": True}),
    ("ELSA", "University of Birmingham", "agreed",
     {"kind": "people", "description": "Screening study team" + ILLUSTRATIVE,
      "role": "Research fellow", "people": 3, "fte": "1", "protected_time": True}),
    ("ELSA", "Breakthrough T1D", "proposed",
     {"kind": "money", "description": "Co-funding of the screening study",
      "amount": 500_000, "funder": "Breakthrough T1D" + ILLUSTRATIVE}),
]


def seed_commitments(partnership):
    """What DETERMINE's and ELSA's partners bring. The Royal Marsden has recorded nothing yet,
    so Invest in infrastructure cannot be completed: the demo shows why."""
    if partnership.commitments.exists():
        return
    today = timezone.localdate()
    for word, name, state, fields in COMMITMENTS:
        if word not in partnership.title:
            continue
        partner = partnership.partners.filter(organisation__name=name).first()
        if partner is None:
            continue
        fields = dict(fields)
        ends = fields.pop("ends_in_days", None)
        Commitment.objects.create(
            partnership=partnership, partner=partner, state=state,
            agreed_at=timezone.now() if state != "proposed" else None,
            start_date=partnership.start_date,
            end_date=today + timedelta(days=ends) if ends else partnership.end_date, **fields)


# Planned sizes are public (SEED-FACTS.md); results and target dates are illustrative, and the
# indicators say so.
INDICATORS = [
    ("DETERMINE", "The Christie NHS Foundation Trust", {
        "name": "Participants enrolled across the platform (illustrative results)",
        "unit": "participants", "baseline_value": 0, "baseline_date": date(2023, 3, 1),
        "target_value": 825, "target_date": date(2029, 10, 31), "frequency": "yearly",
        "results": [(date(2023, 12, 31), 60), (date(2024, 12, 31), 190),
                    (date(2025, 12, 31), 330)]}),
    ("ELSA", "University of Birmingham", {
        "name": "Children screened for type 1 diabetes risk (illustrative results and date)",
        "unit": "children", "baseline_value": 0, "baseline_date": date(2022, 11, 14),
        "target_value": 20000, "target_date": date(2027, 11, 14), "frequency": "quarterly",
        "results": [(date(2023, 6, 30), 1500), (date(2023, 12, 31), 3800),
                    (date(2024, 6, 30), 6100), (date(2024, 12, 31), 8200),
                    (date(2025, 6, 30), 10400)]}),
]


def seed_indicators(partnership):
    if partnership.indicators.exists():
        return
    for word, owner, fields in INDICATORS:
        partner = partnership.partners.filter(organisation__name=owner).first()
        if word not in partnership.title or partner is None:
            continue
        fields = dict(fields)
        results = fields.pop("results")
        indicator = Indicator.objects.create(partnership=partnership, owner=partner, **fields)
        for day, value in results:
            indicator.results.create(period_end=day, value=value)


OUTPUTS = [  # public facts only (SEED-FACTS.md)
    ("DETERMINE", {"category": "products", "date": date(2023, 3, 1),
                   "title": "Master screening protocol opened to recruitment",
                   "study": "NCT05722886"}),
    ("ELSA", {"category": "engagement", "date": date(2022, 11, 14),
              "title": "National launch of screening for children aged 3 to 13",
              "study": "309252"}),
]


def seed_outputs(partnership):
    if partnership.outputs.exists():
        return
    for word, fields in OUTPUTS:
        if word in partnership.title:
            Output.objects.create(partnership=partnership, **fields)
