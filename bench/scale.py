"""A large, deterministic data set for measuring the portal at scale (`manage.py seed_scale`).

Everything is built with bulk_create in batches, straight into the tables: this is benchmark data,
not user input, so the services' per-row validation is skipped on purpose. The values are valid
all the same (identifier formats, unique names and identifiers, HRCS reference rows), so pages and
the reminder sweep treat the rows like any other. Sizes are given for 10,000 partnerships and scale
with N / 10,000; the same N always gives the same rows (seeded random).
"""

import contextlib
import random
import time
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from casestudies.models import CaseStudy
from charities.models import CharityProfile, ExpertiseOffer, ExpertiseRequest
from charities.reminders import UNANSWERED_WORKING_DAYS, working_days_between
from drive.models import (
    ActionProgress,
    Commitment,
    DriveAction,
    DrivePrompt,
    EvidenceLink,
    Indicator,
    IndicatorResult,
    Output,
    PromptAnswer,
)
from drive.reminders import DUE_SOON_DAYS
from organisations.identifiers import normalise_name
from organisations.models import (
    HealthCategory,
    Membership,
    Organisation,
    Region,
    ResearchActivityGroup,
)
from partnerships.models import Invitation, PartnerOrganisation, Partnership, PartnershipPerson
from partnerships.reminders import INVITATION_WARNING_DAYS
from trials.models import Study, StudySite

MemberRole, MemberState = Membership.Role, Membership.State
PartnershipStatus, PartnerRole = Partnership.Status, PartnerOrganisation.Role
Role = PartnershipPerson.Role
Progress = ActionProgress.Status
RequestState = ExpertiseRequest.State
PHASES = [Study.Phase.P1, Study.Phase.P1_2, Study.Phase.P2, Study.Phase.P3, Study.Phase.P4,
          Study.Phase.NA]

BENCH_EMAIL = "bench.lead@example.org"
BENCH_PASSWORD = "bench-partnerships-2026"  # noqa: S105 - a benchmark account in a throwaway database
BENCH_PARTNERSHIPS = 50  # at 10,000 partnerships
PEOPLE_DOMAIN = "scale.example.org"
BATCH = 2000
SEED = 20260410

# Per 10,000 partnerships.
SIZES = {
    "organisations": 20_000,
    "people": 20_000,
    "studies": 50_000,
    "charity_profiles": 2_000,
    "case_studies": 200,
    "expertise_requests": 15_000,
    "invitations": 1_000,
}
Kind = Organisation.Kind
ORG_KINDS = [  # kind, share of the organisations
    (Kind.NHS_TRUST, 0.15), (Kind.ICB, 0.02), (Kind.NHS_OTHER, 0.08), (Kind.CHARITY, 0.25),
    (Kind.COMPANY, 0.20), (Kind.UNIVERSITY, 0.15), (Kind.OTHER, 0.15),
]
NHS_KINDS = set(Organisation.NHS_KINDS)

PLACES = ["Northshire", "Eastvale", "Westmoor", "Southbridge", "Kingsford", "Ashby", "Bramley",
          "Carlton", "Denholme", "Elmswell", "Fairford", "Greystoke", "Hartley", "Ivybridge",
          "Kendal", "Langley", "Marston", "Newbold", "Oakham", "Pemberton", "Redhill", "Selby",
          "Thornbury", "Upton", "Whitby", "Yarm"]
CONDITIONS = ["rare cancers", "type 1 diabetes", "heart failure", "stroke recovery", "asthma",
              "dementia", "chronic kidney disease", "psoriasis", "epilepsy", "sickle cell disease",
              "long covid", "depression", "osteoarthritis", "motor neurone disease",
              "cystic fibrosis", "childhood leukaemia", "glaucoma", "hearing loss",
              "inflammatory bowel disease", "pre-eclampsia"]
APPROACHES = ["screening", "platform trial", "patient registry", "remote monitoring",
              "genomic testing", "rehabilitation", "digital therapy", "early diagnosis",
              "shared decision making", "community outreach", "biomarker discovery",
              "repurposed medicines"]
SENTENCES = [
    "The partners bring NHS sites, charity networks and industry expertise together.",
    "People with lived experience shape the questions and the way results are shared.",
    "We want findings to reach clinics across the region within two years.",
    "A shared data platform lets every partner see recruitment as it happens.",
    "The partnership builds on an earlier feasibility study and its patient panel.",
    "Funding covers research nurses, data management and public involvement.",
]
REGIONS = list(Region)
OFFER_KINDS = list(ExpertiseOffer.Kind)
PARTNER_ROLE_BY_KIND = {"nhs-trust": "nhs", "icb": "nhs", "nhs-other": "nhs",
                        "charity": "charity", "company": "industry", "university": "academic",
                        "other": "funder"}


def scaled(count: int, n: int, minimum: int = 1) -> int:
    return max(minimum, round(count * n / 10_000))


def bench_partnership_count(n: int) -> int:
    """How many partnerships bench.lead is on: 50 at 10,000, scaled, at least one."""
    return scaled(BENCH_PARTNERSHIPS, n)


@contextlib.contextmanager
def own_timestamps(*fields):
    """Let bulk_create keep the values we set on auto_now / auto_now_add fields, so the data has
    a history (old progress, requests waiting for days) instead of one instant."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f, _, _ in saved:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _field(model, name):
    return model._meta.get_field(name)


class Builder:
    def __init__(self, n: int, *, out=None):
        self.n = n
        self.rng = random.Random(SEED + n)  # noqa: S311 - benchmark data, not secrets
        self.out = out
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.counts = {}
        self.expected = {}

    def log(self, message):
        if self.out is not None:
            self.out.write(message + "\n")
            self.out.flush()

    def bulk(self, model, rows, label=None):
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        label = label or model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def pick(self, population, k):
        return self.rng.sample(population, min(k, len(population)))

    def days_ago(self, days, hours=0):
        return self.now - timedelta(days=days, hours=hours)

    # Organisations -------------------------------------------------------------------------

    def organisations(self):
        total = scaled(SIZES["organisations"], self.n, minimum=len(ORG_KINDS) * 4)
        rows = []
        serial = 0
        for kind, share in ORG_KINDS:
            for i in range(max(4, round(total * share))):
                serial += 1
                place = self.rng.choice(PLACES)
                name = {
                    "nhs-trust": f"{place} {i:05d} NHS Foundation Trust",
                    "icb": f"NHS {place} {i:05d} Integrated Care Board",
                    "nhs-other": f"{place} {i:05d} NHS Research Network",
                    "charity": f"{place} {self.rng.choice(CONDITIONS).title()} Trust {i:05d}",
                    "company": f"{place} Life Sciences {i:05d} Ltd",
                    "university": f"University of {place} {i:05d}",
                    "other": f"{place} Health Research Institute {i:05d}",
                }[kind]
                org = Organisation(name=name, normalised_name=normalise_name(name), kind=kind,
                                   region=self.rng.choice(REGIONS),
                                   website=f"https://org{serial}.scale.example.org")
                # Identifier ranges no real or demo organisation uses, unique by construction.
                if kind in NHS_KINDS:
                    org.ods_code = f"ZB{serial:06d}"
                elif kind == "charity":
                    org.charity_number_england_wales = f"{3000000 + serial}"
                    if serial % 5 == 0:
                        org.charity_number_scotland = f"SC9{serial:05d}"
                    if serial % 11 == 0:
                        org.charity_number_northern_ireland = f"NIC9{serial:05d}"
                    if serial % 3 == 0:
                        org.company_number = f"ZC{serial:06d}"
                elif kind == "company":
                    org.company_number = f"9{serial:07d}"
                rows.append(org)
        orgs = self.bulk(Organisation, rows)
        self.orgs_by_kind = {}
        for org in orgs:
            self.orgs_by_kind.setdefault(org.kind, []).append(org)
        self.nhs_orgs = [o for k in NHS_KINDS for o in self.orgs_by_kind[k]]
        self.all_orgs = orgs
        categories = list(HealthCategory.objects.values_list("pk", flat=True))
        self.category_ids = categories
        through = Organisation.health_categories.through
        links = [through(organisation_id=org.pk, healthcategory_id=c)
                 for org in orgs if org.kind in ("charity", "company", "university")
                 for c in self.pick(categories, self.rng.randint(1, 3))]
        self.bulk(through, links, "organisations.Organisation_health_categories")

    # People --------------------------------------------------------------------------------

    def people(self):
        User = get_user_model()
        # One hash for everyone: hashing 20,000 passwords would take most of the run.
        password = make_password(BENCH_PASSWORD)
        total = scaled(SIZES["people"], self.n, minimum=20)
        rows = [User(email=BENCH_EMAIL, full_name="Bench Lead", job_title="Research lead",
                     password=password)]
        for i in range(total):
            rows.append(User(email=f"person{i:06d}@{PEOPLE_DOMAIN}",
                             full_name=f"{self.rng.choice(PLACES)} Person {i}",
                             job_title=self.rng.choice(["Research nurse", "Trial manager",
                                                        "Research lead", "Charity officer",
                                                        "Data manager"]),
                             password=password))
        users = self.bulk(User, rows)
        self.bench, self.users = users[0], users[1:]
        self.bulk(EmailAddress, [EmailAddress(user_id=u.pk, email=u.email, verified=True,
                                              primary=True) for u in users])

        # Staff for the charities with profiles (they answer requests for help), then everyone
        # else in one organisation, some in two.
        charities = self.orgs_by_kind["charity"]
        self.profiled = charities[:scaled(SIZES["charity_profiles"], self.n, minimum=2)]
        self.staff = {}
        memberships = []
        pool = list(self.users)
        self.rng.shuffle(pool)
        cursor = 0
        for org in self.profiled:
            size = self.rng.randint(4, 8)
            staff = [pool[(cursor + j) % len(pool)] for j in range(size)]
            cursor += size
            self.staff[org.pk] = staff
            for j, user in enumerate(staff):
                memberships.append(Membership(
                    user_id=user.pk, organisation_id=org.pk,
                    role=MemberRole.ADMIN if j == 0 else MemberRole.MEMBER,
                    state=MemberState.ACTIVE))
        seen = {(m.user_id, m.organisation_id) for m in memberships}
        for user in self.users:
            for _ in range(1 if self.rng.random() < 0.8 else 2):
                org = self.rng.choice(self.all_orgs)
                if (user.pk, org.pk) in seen:
                    continue
                seen.add((user.pk, org.pk))
                memberships.append(Membership(
                    user_id=user.pk, organisation_id=org.pk,
                    role=MemberRole.ADMIN if self.rng.random() < 0.1 else MemberRole.MEMBER,
                    state=self.rng.choices(
                        [MemberState.ACTIVE, MemberState.PENDING, MemberState.REFUSED],
                        [90, 8, 2])[0]))
        self.bench_org = self.orgs_by_kind["nhs-trust"][0]
        memberships.append(Membership(user_id=self.bench.pk, organisation_id=self.bench_org.pk,
                                      role=MemberRole.MEMBER, state=MemberState.ACTIVE))
        self.bulk(Membership, memberships)
        self.active_staff = {}
        for m in memberships:
            if m.state == MemberState.ACTIVE:
                org_id = m.organisation_id
                self.active_staff[org_id] = self.active_staff.get(org_id, 0) + 1

    # Partnerships ---------------------------------------------------------------------------

    def partnerships(self):
        total = self.n
        activity_ids = list(ResearchActivityGroup.objects.values_list("pk", flat=True))
        rows = []
        for i in range(total):
            condition = self.rng.choice(CONDITIONS)
            approach = self.rng.choice(APPROACHES)
            status = self.rng.choices(
                [PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED, PartnershipStatus.CLOSED,
                 PartnershipStatus.DRAFT], [85, 5, 5, 5])[0]
            start = self.today - timedelta(days=self.rng.randint(30, 1500))
            created = self.days_ago(self.rng.randint(1, 900), self.rng.randint(0, 23))
            rows.append(Partnership(
                title=f"{approach.capitalize()} in {condition}: {self.rng.choice(PLACES)} "
                      f"partnership {i + 1}",
                purpose=f"{approach.capitalize()} for people with {condition}. "
                        + " ".join(self.pick(SENTENCES, 3)),
                topics=", ".join([condition, approach, self.rng.choice(APPROACHES)]),
                status=status,
                visibility="listed" if self.rng.random() < 0.85 else "private",
                start_date=start,
                end_date=start + timedelta(days=self.rng.randint(365, 2000))
                if self.rng.random() < 0.6 else None,
                lead_organisation_id=self.rng.choice(self.nhs_orgs).pk,
                created_at=created,
                updated_at=created + timedelta(days=self.rng.randint(0, 30)),
                submitted_at=(None if status == PartnershipStatus.DRAFT
                              else created + timedelta(hours=2)),
            ))
        with own_timestamps(_field(Partnership, "created_at"), _field(Partnership, "updated_at")):
            self.partnership_rows = self.bulk(Partnership, rows)

        hc = Partnership.health_categories.through
        self.bulk(hc, [hc(partnership_id=p.pk, healthcategory_id=c)
                       for p in self.partnership_rows
                       for c in self.pick(self.category_ids, self.rng.randint(1, 3))],
                  "partnerships.Partnership_health_categories")
        rag = Partnership.research_activity_groups.through
        self.bulk(rag, [rag(partnership_id=p.pk, researchactivitygroup_id=a)
                        for p in self.partnership_rows
                        for a in self.pick(activity_ids, self.rng.randint(1, 2))],
                  "partnerships.Partnership_research_activity_groups")

        partners = []
        for p in self.partnership_rows:
            chosen = {p.lead_organisation_id}
            partners.append(PartnerOrganisation(partnership_id=p.pk,
                                                organisation_id=p.lead_organisation_id,
                                                role=PartnerRole.LEAD,
                                                state=PartnerOrganisation.State.CONFIRMED))
            for org in self.pick(self.all_orgs, self.rng.randint(2, 4)):
                if org.pk in chosen:
                    continue
                chosen.add(org.pk)
                # Nine in ten partners have confirmed; the rest wait for their admins.
                state = (PartnerOrganisation.State.CONFIRMED if self.rng.random() < 0.9
                         else PartnerOrganisation.State.PROPOSED)
                partners.append(PartnerOrganisation(partnership_id=p.pk, organisation_id=org.pk,
                                                    role=PARTNER_ROLE_BY_KIND[org.kind],
                                                    state=state))
        self.partner_rows = self.bulk(PartnerOrganisation, partners)

        # People: 1-2 leads, 1-3 contributors, 0-2 viewers; bench.lead on exactly
        # bench_partnership_count(n) partnerships, mostly active ones, lead of 40% of them.
        wanted = bench_partnership_count(self.n)
        active = [p for p in self.partnership_rows if p.status == PartnershipStatus.ACTIVE]
        others = [p for p in self.partnership_rows if p.status != PartnershipStatus.ACTIVE]
        n_active = min(len(active), max(1, round(wanted * 0.8)))
        bench_on = self.pick(active, n_active) + self.pick(others, wanted - n_active)
        bench_on = bench_on + self.pick([p for p in active if p not in bench_on],
                                        wanted - len(bench_on))
        bench_roles = {}
        for j, p in enumerate(bench_on):
            bench_roles[p.pk] = (Role.LEAD if j % 5 < 2 else
                                 Role.CONTRIBUTOR if j % 5 < 4 else Role.VIEWER)
        self.bench_partnerships = bench_roles
        people = []
        self.owners = {}  # partnership pk -> users who can own a DRIVE action
        self.leads = {}
        for p in self.partnership_rows:
            roles = ([Role.LEAD] * self.rng.randint(1, 2)
                     + [Role.CONTRIBUTOR] * self.rng.randint(1, 3)
                     + [Role.VIEWER] * self.rng.randint(0, 2))
            users = self.pick(self.users, len(roles))
            pairs = list(zip(users, roles, strict=True))
            if p.pk in bench_roles:
                pairs[-1] = (self.bench, bench_roles[p.pk])
                if not any(r == Role.LEAD for _, r in pairs):
                    pairs[0] = (pairs[0][0], Role.LEAD)
            for user, role in pairs:
                people.append(PartnershipPerson(partnership_id=p.pk, user_id=user.pk, role=role))
                if role in PartnershipPerson.EDITOR_ROLES:
                    self.owners.setdefault(p.pk, []).append(user)
                if role == Role.LEAD:
                    self.leads.setdefault(p.pk, []).append(user)
        self.bulk(PartnershipPerson, people)

    # DRIVE ---------------------------------------------------------------------------------

    def drive(self):
        actions = list(DriveAction.objects.order_by("number"))
        prompts = {}
        for prompt in DrivePrompt.objects.order_by("position"):
            prompts.setdefault(prompt.action_id, []).append(prompt)
        soon = self.today + timedelta(days=DUE_SOON_DAYS)
        rows = []
        due = 0
        self.stalled = set()
        for p in self.partnership_rows:
            # Most partnerships are at the first or second action; a few are further on.
            completed = self.rng.choices([0, 1, 2, 3, 5], [55, 25, 12, 6, 2])[0]
            # A third of the active ones have been quiet for months: the stall reminder is due.
            quiet = p.status == PartnershipStatus.ACTIVE and self.rng.random() < 0.33
            if quiet:
                self.stalled.add(p.pk)
            for action in actions:
                done = action.number <= completed
                status = (Progress.COMPLETED if done else
                          Progress.IN_PROGRESS if action.number == completed + 1 else
                          self.rng.choices([Progress.NOT_STARTED, Progress.CANNOT_START],
                                           [90, 10])[0])
                owner = self.rng.choice(self.owners[p.pk]) if self.rng.random() < 0.95 else None
                # Most actions are due within a week or overdue, the rest later.
                due_date = (self.today + timedelta(days=self.rng.randint(-120, 7))
                            if self.rng.random() < 0.95
                            else self.today + timedelta(days=self.rng.randint(8, 200)))
                updated = (self.days_ago(self.rng.randint(120, 400)) if quiet
                           else self.days_ago(self.rng.randint(0, 20), self.rng.randint(0, 23)))
                rows.append(ActionProgress(
                    partnership_id=p.pk, action_id=action.pk, status=status,
                    owner_id=owner.pk if owner else None, due_date=due_date,
                    notes="Agreed at the partnership meeting." if done else "",
                    completed_at=updated if done else None, updated_at=updated))
                if (p.status == PartnershipStatus.ACTIVE and status != Progress.COMPLETED
                        and owner is not None
                        and due_date <= soon):
                    due += 1
        with own_timestamps(_field(ActionProgress, "updated_at")):
            progress = self.bulk(ActionProgress, rows)
        self.expected["due_actions"] = due
        self.expected["stalled"] = sum(len(self.leads.get(pk, [])) for pk in self.stalled)

        answers, evidence = [], []
        for row in progress:
            if row.status in (Progress.NOT_STARTED, Progress.CANNOT_START):
                continue
            action_prompts = prompts.get(row.action_id, [])
            for prompt in action_prompts[:self.rng.randint(2, len(action_prompts) or 2)]:
                answers.append(PromptAnswer(
                    progress_id=row.pk, prompt_id=prompt.pk,
                    text=f"{self.rng.choice(SENTENCES)} {self.rng.choice(SENTENCES)}"))
            for k in range(self.rng.randint(0, 1)):
                evidence.append(EvidenceLink(
                    progress_id=row.pk, title=f"Meeting notes {k + 1}",
                    url=f"https://docs.scale.example.org/progress/{row.pk}/{k + 1}",
                    added_by_id=row.owner_id))
        self.bulk(PromptAnswer, answers)
        self.bulk(EvidenceLink, evidence)

    def measured(self):
        """What partners commit, indicators with results, and outputs (issue 20). Dates keep
        them out of the reminders (ends months away, results recent), so the sweep's expected
        counts stay those of the other rules."""
        confirmed = {}
        for partner in self.partner_rows:
            if partner.state == PartnerOrganisation.State.CONFIRMED:
                confirmed.setdefault(partner.partnership_id, []).append(partner)
        commitments, indicators, outputs = [], [], []
        kinds = [Commitment.Kind.MONEY, Commitment.Kind.PEOPLE, Commitment.Kind.IN_KIND]
        for p in self.partnership_rows:
            partners = confirmed.get(p.pk, [])
            for partner in self.pick(partners, min(len(partners), self.rng.randint(1, 3))):
                kind = self.rng.choice(kinds)
                commitments.append(Commitment(
                    partnership_id=p.pk, partner_id=partner.pk, kind=kind,
                    description=f"{kind.label} from partner {partner.organisation_id}",
                    amount=self.rng.randint(5, 500) * 1000 if kind == "money" else None,
                    role="Research nurse" if kind == "people" else "",
                    people=self.rng.randint(1, 3) if kind == "people" else None,
                    fte=self.rng.choice(["0.2", "0.5", "1"]) if kind == "people" else None,
                    protected_time=kind == "people" and self.rng.random() < 0.6,
                    in_kind_type="data" if kind == "in-kind" else "",
                    state=self.rng.choices(["proposed", "agreed", "delivered"], [20, 70, 10])[0],
                    end_date=self.today + timedelta(days=self.rng.randint(60, 900))))
            if partners and self.rng.random() < 0.7:
                for k in range(self.rng.randint(1, 2)):
                    indicators.append(Indicator(
                        partnership_id=p.pk, name=f"Participants recruited {k + 1}",
                        unit="participants", baseline_value=0,
                        baseline_date=self.today - timedelta(days=self.rng.randint(200, 700)),
                        target_value=self.rng.randint(50, 2000),
                        target_date=self.today + timedelta(days=self.rng.randint(100, 900)),
                        frequency="quarterly", owner_id=partners[0].pk))
            for k in range(self.rng.randint(0, 2)):
                outputs.append(Output(partnership_id=p.pk, category="publication",
                                      title=f"Paper {k + 1} of partnership {p.pk}",
                                      date=self.today - timedelta(days=self.rng.randint(1, 700))))
        self.bulk(Commitment, commitments)
        indicators = self.bulk(Indicator, indicators)
        results = []
        for indicator in indicators:
            count = self.rng.randint(1, 3)
            for k in range(count):  # the latest within the last month: none is due
                days = 10 + 90 * (count - 1 - k) + self.rng.randint(0, 20)
                results.append(IndicatorResult(
                    indicator_id=indicator.pk, period_end=self.today - timedelta(days=days),
                    value=self.rng.randint(0, int(indicator.target_value))))
        self.bulk(IndicatorResult, results)
        self.bulk(Output, outputs)

    # Studies -------------------------------------------------------------------------------

    def studies(self):
        total = scaled(SIZES["studies"], self.n, minimum=10)
        rows = []
        for i in range(total):
            condition = self.rng.choice(CONDITIONS)
            sponsor = self.rng.choice(self.all_orgs) if self.rng.random() < 0.8 else None
            start = self.today - timedelta(days=self.rng.randint(0, 3000))
            study = Study(
                title=f"A {self.rng.choice(APPROACHES)} study in {condition} ({i + 1})",
                short_name=f"SCALE-{i + 1}",
                summary=" ".join(self.pick(SENTENCES, 2)),
                # Ranges no real study uses, unique by construction.
                nct_id=f"NCT9{i:07d}",
                iras_id=f"{9000000 + i}",
                cpms_id=f"{8000000 + i}" if i % 2 == 0 else "",
                isrctn=f"ISRCTN9{i:07d}" if i % 3 == 0 else "",
                eudract=f"{2004 + i % 20}-9{i // 20:05d}-{i % 97:02d}" if i % 4 == 0 else "",
                ctis=f"{2023 + i % 3}-9{i // 3:05d}-{i % 89:02d}-00" if i % 10 == 0 else "",
                phase=self.rng.choice(PHASES),
                design=self.rng.choice([Study.Design.INTERVENTIONAL, Study.Design.OBSERVATIONAL]),
                # Set-up, recruiting, follow-up, closed, completed, in the model's order.
                status=self.rng.choices(list(Study.Status), [10, 40, 20, 15, 15])[0],
                sponsor_id=sponsor.pk if sponsor else None,
                sponsor_name=sponsor.name if sponsor else "",
                conditions=condition,
                start_date=start,
                end_date=start + timedelta(days=self.rng.randint(200, 2500)),
                target_recruitment=self.rng.randint(20, 5000),
            )
            rows.append(study)
        studies = self.bulk(Study, rows)
        hc = Study.health_categories.through
        self.bulk(hc, [hc(study_id=s.pk, healthcategory_id=c) for s in studies
                       for c in self.pick(self.category_ids, self.rng.randint(1, 2))],
                  "trials.Study_health_categories")
        links = Study.partnerships.through
        self.bulk(links, [links(study_id=s.pk,
                                partnership_id=self.rng.choice(self.partnership_rows).pk)
                          for s in studies if self.rng.random() < 0.3],
                  "trials.Study_partnerships")
        funders = Study.funders.through
        self.bulk(funders, [funders(study_id=s.pk, organisation_id=o.pk) for s in studies
                            if self.rng.random() < 0.3
                            for o in self.pick(self.orgs_by_kind["charity"], 1)],
                  "trials.Study_funders")
        sites = []
        for s in studies:
            if self.rng.random() < 0.4:
                for org in self.pick(self.nhs_orgs, self.rng.randint(1, 3)):
                    sites.append(StudySite(study_id=s.pk, organisation_id=org.pk,
                                           local_target=self.rng.randint(5, 200)))
        self.bulk(StudySite, sites)

    # Charities -----------------------------------------------------------------------------

    def charities(self):
        profiles = [CharityProfile(organisation_id=org.pk,
                                   about=f"{org.name} funds research and supports patients.",
                                   amrc_member=self.rng.random() < 0.5,
                                   regions=self.pick(REGIONS, self.rng.randint(1, 3)),
                                   contact_name="Partnerships team",
                                   contact_email=f"partnerships@org{org.pk}.scale.example.org")
                    for org in self.profiled]
        self.bulk(CharityProfile, profiles)
        offers = []
        for org in self.profiled:
            for _ in range(self.rng.randint(1, 3)):
                kind = self.rng.choice(OFFER_KINDS)
                offers.append(ExpertiseOffer(
                    organisation_id=org.pk, kind=kind,
                    title=f"{kind.replace('-', ' ').capitalize()} for "
                          f"{self.rng.choice(CONDITIONS)} research",
                    description=" ".join(self.pick(SENTENCES, 3)),
                    regions=self.pick(REGIONS, self.rng.randint(1, 2)),
                    capacity="2 new partnerships a quarter",
                    how_to_ask="Send a request through the portal.",
                    status=(ExpertiseOffer.Status.OPEN if self.rng.random() < 0.9
                            else ExpertiseOffer.Status.PAUSED)))
        offers = self.bulk(ExpertiseOffer, offers)
        hc = ExpertiseOffer.health_categories.through
        self.bulk(hc, [hc(expertiseoffer_id=o.pk, healthcategory_id=c) for o in offers
                       for c in self.pick(self.category_ids, self.rng.randint(1, 3))],
                  "charities.ExpertiseOffer_health_categories")

        # Requests for help: three in four still waiting, most of those for weeks, so the
        # charity's staff are reminded.
        registered = [p for p in self.partnership_rows if p.status != PartnershipStatus.DRAFT]
        rows = []
        unanswered = 0
        for _ in range(scaled(SIZES["expertise_requests"], self.n, minimum=4)):
            offer = self.rng.choice(offers)
            state = self.rng.choices([RequestState.REQUESTED, RequestState.ACCEPTED,
                                     RequestState.DECLINED, RequestState.COMPLETED],
                                     [75, 12, 6, 7])[0]
            created = self.days_ago(self.rng.randint(0, 60), self.rng.randint(0, 23))
            rows.append(ExpertiseRequest(
                offer_id=offer.pk, partnership_id=self.rng.choice(registered).pk,
                requested_by_id=self.rng.choice(self.users).pk,
                what_is_needed="Help with patient involvement in the protocol.",
                state=state, created_at=created, updated_at=created))
            if state == RequestState.REQUESTED:
                asked = timezone.localdate(created)
                if working_days_between(asked, self.today) >= UNANSWERED_WORKING_DAYS:
                    unanswered += self.active_staff.get(offer.organisation_id, 0)
        with own_timestamps(_field(ExpertiseRequest, "created_at"),
                            _field(ExpertiseRequest, "updated_at")):
            self.bulk(ExpertiseRequest, rows)
        self.expected["unanswered_requests"] = unanswered

    # Invitations ---------------------------------------------------------------------------

    def invitations(self):
        registered = [p for p in self.partnership_rows if p.status != PartnershipStatus.DRAFT]
        rows = []
        expiring = 0
        for i in range(scaled(SIZES["invitations"], self.n, minimum=2)):
            p = self.rng.choice(registered)
            expires = self.now + timedelta(days=self.rng.randint(1, 14), hours=1)
            rows.append(Invitation(
                partnership_id=p.pk, email=f"invitee{i:06d}@elsewhere.example.org",
                role=self.rng.choice([Role.CONTRIBUTOR, Role.VIEWER]),
                state=Invitation.State.PENDING,
                token=f"scale-{i:06d}-{self.rng.getrandbits(128):032x}",
                expires_at=expires, sent_at=expires - timedelta(days=14),
                invited_by_id=self.rng.choice(self.leads[p.pk]).pk))
            if expires <= self.now + timedelta(days=INVITATION_WARNING_DAYS):
                expiring += 1
        self.bulk(Invitation, rows)
        self.expected["invitations_expiring"] = expiring

    # Case studies --------------------------------------------------------------------------

    def case_studies(self):
        action_ids = list(DriveAction.objects.values_list("pk", flat=True))
        total = scaled(SIZES["case_studies"], self.n, minimum=3)
        curator = self.users[0]
        rows = []
        for i in range(total):
            published = i % 5 != 4  # four in five published, the rest drafts
            condition = self.rng.choice(CONDITIONS)
            rows.append(CaseStudy(
                title=f"How partners in {condition} research worked together ({i + 1})",
                summary=" ".join(self.pick(SENTENCES, 2)),
                body="\n\n".join(self.pick(SENTENCES, 4)),
                what_worked=self.rng.choice(SENTENCES), outcomes=self.rng.choice(SENTENCES),
                sectors=self.pick(["nhs", "charity", "industry", "academic"], 2),
                state=CaseStudy.State.PUBLISHED if published else CaseStudy.State.DRAFT,
                written_by_id=curator.pk, approved_by_id=curator.pk if published else None,
                published_at=self.days_ago(i % 700) if published else None))
        cases = self.bulk(CaseStudy, rows)
        for name, ids, column in (
            ("drive_actions", action_ids, "driveaction_id"),
            ("health_categories", self.category_ids, "healthcategory_id"),
            ("partnerships", [p.pk for p in self.partnership_rows], "partnership_id"),
            ("organisations", [o.pk for o in self.all_orgs], "organisation_id"),
        ):
            through = getattr(CaseStudy, name).through
            self.bulk(through, [through(casestudy_id=c.pk, **{column: pk}) for c in cases
                                for pk in self.pick(ids, self.rng.randint(1, 2))],
                      f"casestudies.CaseStudy_{name}")

    def build(self):
        steps = [self.organisations, self.people, self.partnerships, self.drive, self.measured,
                 self.studies,
                 self.charities, self.invitations, self.case_studies]
        with transaction.atomic():
            for step in steps:
                started = time.monotonic()
                step()
                self.log(f"  {step.__name__}: {time.monotonic() - started:.1f}s")
        self.expected["bench_partnerships"] = len(self.bench_partnerships)
        self.expected["due_total"] = (self.expected["due_actions"] + self.expected["stalled"]
                                      + self.expected["invitations_expiring"]
                                      + self.expected["unanswered_requests"])
        return self.counts


def already_seeded() -> bool:
    return get_user_model().objects.filter(email=BENCH_EMAIL).exists()


def drive_record_count() -> int:
    return (ActionProgress.objects.count() + PromptAnswer.objects.count()
            + EvidenceLink.objects.count())
