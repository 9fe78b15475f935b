"""Every URL of the portal, GET and POST, as 8 people, against a table of what each may do
(issue 18). The partnership is private: only its people (and its lead organisation's admin)
may see it. A URL added without a row here fails `test_every_url_has_a_row`.

Codes: L = sent to sign in; 200/302/403/404/405 as usual. A POST is sent empty: where the
person may act, it is a form error (200) or the action (302); where not, 403/404.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from casestudies import services as casestudy_services
from charities import services as charity_services
from drive.services import progress_ensure
from organisations.models import AdminReview
from partnerships import services as partnership_services
from partnerships.emails import invitation_link
from reminders.sweep import unsubscribe_token
from tests.conftest import add_person, add_totp
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
)
from trials.models import Study

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "viewer", "contributor", "lead", "other_admin",
         "charity_staff", "curator", "registry_admin"]
GROUPS = {"curator": ["Curators"], "registry_admin": ["Registry administrators"]}


@pytest.fixture
def world(db):
    trust = NhsTrustFactory(name="Northshire NHS Foundation Trust")
    other_trust = NhsTrustFactory(name="Southshire NHS Trust")
    people = {role: UserFactory(email=f"{role}@example.org", groups=GROUPS.get(role, []))
              for role in ROLES[1:]}
    add_totp(people["registry_admin"])
    lead = people["lead"]
    MembershipFactory(user=lead, organisation=trust)
    MembershipFactory(user=people["other_admin"], organisation=other_trust, role="admin")
    MembershipFactory(user=people["outsider"], organisation=other_trust)
    partnership = PartnershipFactory(title="Private partnership", lead_organisation=trust,
                                     purpose="Private words.", visibility="private")
    for role in ("lead", "contributor", "viewer"):
        add_person(partnership, people[role], role)
    progress_ensure(partnership)
    charity = CharityFactory(name="Helpful Charity")
    MembershipFactory(user=people["charity_staff"], organisation=charity, role="admin")
    offer = charity_services.offer_save(
        user=people["charity_staff"], organisation=charity, kind="ppi", title="Patient panel",
        description="A panel.", regions=["london"], health_categories=[])
    help_request = charity_services.request_create(
        user=lead, offer=offer, partnership=partnership, what_is_needed="A panel, please")
    study = Study.objects.create(title="A study", created_by=lead)
    study.partnerships.add(partnership)
    site = study.sites.create(organisation=other_trust, local_target=10)
    update = study.recruitment.create(date="2026-01-05", recruited=3)
    curator = people["curator"]
    add_totp(curator)
    case_study = casestudy_services.case_study_save(user=curator, title="A story", summary="s")
    nomination = casestudy_services.nominate(user=lead, partnership=partnership,
                                             reason="It worked")
    invitation = partnership_services.invitation_create(
        user=lead, partnership=partnership, email="guest@example.org", role="viewer")
    signed = invitation_link(invitation).rstrip("/").rsplit("/", 1)[-1]
    evidence = partnership.drive_progress.get(action__number=1).evidence.create(
        title="Board paper", url="https://example.org/paper.pdf", added_by=lead)
    membership = trust.memberships.get(user=lead)
    proposed = partnership.partners.create(organisation=charity, role="charity",
                                           state="proposed")
    review = AdminReview.objects.create(organisation=trust, asked_by=lead, message="Please look")
    commitment = partnership.commitments.create(
        partner=partnership.partners.get(role="lead"), kind="money", description="A grant",
        amount=1000)
    indicator = partnership.indicators.create(
        name="Participants", unit="participants", baseline_value=0,
        baseline_date="2026-01-01", target_value=100, target_date="2027-01-01",
        owner=partnership.partners.get(role="lead"))
    result = indicator.results.create(period_end="2026-04-01", value=10)
    output = partnership.outputs.create(category="publication", title="A paper",
                                        date="2026-05-01")
    return {
        "people": people, "p": partnership.pk, "trust": trust.pk, "charity": charity.pk,
        "offer": offer.pk, "request": help_request.pk, "study": study.pk,
        "update": update.pk, "case": case_study.pk, "nomination": nomination.pk,
        "invitation": invitation.pk, "signed": signed, "evidence": evidence.pk,
        "membership": membership.pk,
        "person": partnership.people.get(user=people["viewer"]).pk,
        "partner": partnership.partners.get(role="lead").pk, "proposed": proposed.pk,
        "review": review.pk, "commitment": commitment.pk,
        "indicator": indicator.pk, "result": result.pk, "output": output.pk, "site": site.pk,
    }


def _url(name, w):
    args = {
        "organisations:detail": [w["trust"]], "organisations:edit": [w["trust"]],
        "organisations:join": [w["trust"]], "organisations:history": [w["trust"]],
        "organisations:decide": [w["trust"], w["membership"], "make-admin"],
        "organisations:review_ask": [w["trust"]],
        "organisations:registry_detail": [w["trust"]],
        "organisations:registry_act": [w["trust"], "verify"],
        "organisations:registry_person": [w["trust"], w["membership"], "make-admin"],
        "organisations:registry_review_close": [w["trust"], w["review"]],
        "partnerships:register": [w["p"], "people"],
        "partnerships:partner_remove": [w["p"], w["partner"]],
        "partnerships:partner_decide": [w["p"], w["proposed"], "confirm"],
        "partnerships:person_role": [w["p"], w["person"]],
        "partnerships:person_remove": [w["p"], w["person"]],
        "partnerships:invitation_manage": [w["p"], w["invitation"], "resend"],
        "partnerships:invitation": [w["signed"]],
        "partnerships:invitation_accept": [w["signed"]],
        "partnerships:invitation_decline": [w["signed"]],
        "reminders_unsubscribe": [unsubscribe_token("lead@example.org", "drive")],
        "calendar_feed": ["not-a-calendar-token"],
        "dashboards:organisation": [w["trust"]],
        "dashboards:region": ["north-west"],
        "charities:embed": [w["charity"], "json"],
        "drive:action": [w["p"], "define-purpose"],
        "drive:commitments": [w["p"]],
        "drive:indicators": [w["p"]],
        "drive:outputs": [w["p"]],
        "drive:outputs_export": [w["p"]],
        "drive:output_remove": [w["p"], w["output"]],
        "drive:indicator_create": [w["p"]],
        "drive:indicator": [w["p"], w["indicator"]],
        "drive:indicator_edit": [w["p"], w["indicator"]],
        "drive:result_remove": [w["p"], w["indicator"], w["result"]],
        "drive:commitment_create": [w["p"]],
        "drive:commitment_edit": [w["p"], w["commitment"]],
        "drive:commitment_change": [w["p"], w["commitment"], "agree"],
        "drive:commitments_export": [w["p"], "csv"],
        "drive:evidence_add": [w["p"], "define-purpose"],
        "drive:evidence_remove": [w["p"], "define-purpose", w["evidence"]],
        "charities:offer": [w["offer"]],
        "charities:offer_create": [w["charity"]],
        "charities:offer_edit": [w["charity"], w["offer"]],
        "charities:profile": [w["charity"]],
        "casestudies:detail": [w["case"]], "casestudies:image": [w["case"]],
        "casestudies:edit": [w["case"]], "casestudies:transition": [w["case"], "submit"],
        "casestudies:nomination": [w["nomination"], "decline"],
        "casestudies:nominate": [w["p"]],
        "trials:detail": [w["study"]], "trials:edit": [w["study"]],
        "trials:add_site": [w["study"]], "trials:recruitment": [w["study"]],
        "trials:site_edit": [w["study"], w["site"]],
        "trials:site_figures": [w["study"], w["site"]],
        "trials:recruitment_change": [w["study"], w["update"]],
        "trials:recruitment_delete": [w["study"], w["update"]], "trials:link": [w["study"]],
        "pick": ["organisations"],
        "api:partnership-detail": [w["p"]], "api:partnership-drive-summary": [w["p"]],
        "api:organisation-detail": [w["trust"]], "api:study-detail": [w["study"]],
        "api:offer-detail": [w["offer"]], "api:casestudy-detail": [w["case"]],
        "api:fhir_read": [w["study"]], "api:open_data_file": ["not-a-file.csv"],
        "api:token_revoke": [424242],
    }.get(name)
    if args is None:
        if name.startswith(("partnerships:", "drive:")) and name not in {
                "partnerships:directory", "partnerships:export", "partnerships:mine",
                "partnerships:start", "partnerships:feed"}:
            args = [w["p"]]
        elif name.startswith("charities:request"):
            args = [w["request"]] if name != "charities:requests" else []
        else:
            args = []
    return reverse(name, args=args)


L = "L"
TABLE = {
    # name: (GET, POST) codes for anonymous, outsider, viewer, contributor, lead,
    # another organisation's admin, charity staff, curator, registry administrator.
    # The read API: reads only (405 to any write), each record as its app's own rule says.
    "api:casestudy-list": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                           [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:fhir_read": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                      [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:offer-detail": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                         [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:offer-list": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                       [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:open_data": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                      [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:organisation-detail": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                                [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:organisation-list": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                              [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:partnership-list": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                             [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:study-detail": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                         [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:study-list": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                       [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    # The private partnership: its people only (admins of its lead organisation would, too).
    "api:partnership-detail": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                               [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:partnership-drive-summary": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                                      [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    # A draft case study: curators only.
    "api:casestudy-detail": ([404, 404, 404, 404, 404, 404, 404, 200, 404],
                             [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    # A search without an identifier is a 400 (an OperationOutcome), whoever asks.
    "api:fhir_search": ([400, 400, 400, 400, 400, 400, 400, 400, 400],
                        [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "api:open_data_file": ([404, 404, 404, 404, 404, 404, 404, 404, 404],
                           [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    # An empty form is an error; a token that is not yours is 404.
    "api:tokens": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                   [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "api:token_revoke": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                         [L, 404, 404, 404, 404, 404, 404, 404, 404]),
    "accessibility": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                      [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "casestudies:create": ([L, 404, 404, 404, 404, 404, 404, 200, 404],
                           [L, 404, 404, 404, 404, 404, 404, 200, 404]),
    "casestudies:detail": ([404, 404, 404, 404, 404, 404, 404, 200, 404],
                           [404, 404, 404, 404, 404, 404, 404, 200, 404]),
    "casestudies:edit": ([L, 404, 404, 404, 404, 404, 404, 200, 404],
                         [L, 404, 404, 404, 404, 404, 404, 200, 404]),
    "casestudies:image": ([404, 404, 404, 404, 404, 404, 404, 404, 404],
                          [404, 404, 404, 404, 404, 404, 404, 404, 404]),
    "casestudies:library": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                            [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "casestudies:nominate": ([L, 404, 403, 403, 200, 404, 404, 404, 404],
                             [L, 404, 403, 403, 200, 404, 404, 404, 404]),
    "casestudies:nomination": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                               [L, 404, 404, 404, 404, 404, 404, 302, 404]),
    "casestudies:transition": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                               [L, 404, 404, 404, 404, 404, 404, 302, 404]),
    "casestudies:workbench": ([L, 404, 404, 404, 404, 404, 404, 200, 404],
                              [L, 404, 404, 404, 404, 404, 404, 200, 404]),
    "charities:directory": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                            [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "charities:offer": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                        [L, 403, 403, 200, 200, 403, 403, 403, 403]),
    "charities:offer_create": ([L, 403, 403, 403, 403, 403, 200, 403, 403],
                               [L, 403, 403, 403, 403, 403, 200, 403, 403]),
    "charities:offer_edit": ([L, 403, 403, 403, 403, 403, 200, 403, 403],
                             [L, 403, 403, 403, 403, 403, 200, 403, 403]),
    "charities:profile": ([L, 403, 403, 403, 403, 403, 200, 403, 403],
                          [L, 403, 403, 403, 403, 403, 200, 403, 403]),
    "charities:request": ([L, 404, 404, 200, 200, 404, 200, 404, 404],
                          [L, 405, 405, 405, 405, 405, 405, 405, 405]),
    "charities:request_accept": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                 [L, 404, 404, 403, 403, 404, 302, 404, 404]),
    "charities:request_complete": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                   [L, 404, 404, 302, 302, 404, 302, 404, 404]),
    "charities:request_decline": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                  [L, 404, 404, 200, 200, 404, 200, 404, 404]),
    "charities:request_message": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                  [L, 404, 404, 200, 200, 404, 200, 404, 404]),
    "charities:request_withdraw": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                   [L, 404, 404, 302, 302, 404, 403, 404, 404]),
    "charities:requests": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                           [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "close_account": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                      [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "cookies": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "drive:action": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                     [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    "drive:outputs": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                      [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    "drive:outputs_export": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                             [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "drive:output_remove": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                            [404, 404, 403, 302, 302, 404, 404, 404, 404]),
    "drive:indicators": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                         [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "drive:indicator_create": ([404, 404, 403, 200, 200, 404, 404, 404, 404],
                               [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    "drive:indicator": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                        [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    "drive:indicator_edit": ([404, 404, 403, 200, 200, 404, 404, 404, 404],
                             [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    "drive:result_remove": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                            [404, 404, 403, 302, 302, 404, 404, 404, 404]),
    "drive:commitments": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                          [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "drive:commitment_create": ([404, 404, 403, 200, 200, 404, 404, 404, 404],
                                [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    "drive:commitment_edit": ([404, 404, 403, 200, 200, 404, 404, 404, 404],
                              [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    # Agreeing is for whoever answers for the committing organisation: here the lead, who
    # works there; a contributor who does not is refused.
    "drive:commitment_change": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                                [404, 404, 403, 403, 302, 404, 404, 404, 404]),
    "drive:commitments_export": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                                 [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "drive:evidence_add": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                           [404, 404, 403, 200, 200, 404, 404, 404, 404]),
    "drive:evidence_remove": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                              [404, 404, 403, 302, 302, 404, 404, 404, 404]),
    "drive:related_mark": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                           [404, 404, 403, 404, 404, 404, 404, 404, 404]),
    "drive:reminders": ([L, 404, 403, 403, 200, 404, 404, 404, 404],
                        [L, 404, 403, 403, 200, 404, 404, 404, 404]),
    "drive:summary": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                      [404, 404, 200, 200, 200, 404, 404, 404, 404]),
    "drive:task_list": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                        [404, 404, 200, 200, 200, 404, 404, 404, 404]),
    "feedback": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                 [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "health": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
               [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "home": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
             [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "organisations:create": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                             [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "organisations:decide": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                             [L, 403, 403, 403, 403, 403, 403, 403, 403]),
    "organisations:detail": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                             [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "organisations:edit": ([L, 403, 403, 403, 403, 403, 403, 403, 403],
                           [L, 403, 403, 403, 403, 403, 403, 403, 403]),
    "organisations:history": ([L, 403, 403, 403, 403, 403, 403, 403, 403],
                              [L, 403, 403, 403, 403, 403, 403, 403, 403]),
    "organisations:join": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                           [L, 302, 302, 302, 302, 302, 302, 302, 302]),
    "organisations:registry": ([L, 403, 403, 403, 403, 403, 403, 403, 200],
                               [L, 403, 403, 403, 403, 403, 403, 403, 200]),
    "organisations:registry_act": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                   [L, 403, 403, 403, 403, 403, 403, 403, 302]),
    "organisations:registry_detail": ([L, 403, 403, 403, 403, 403, 403, 403, 200],
                                      [L, 403, 403, 403, 403, 403, 403, 403, 200]),
    "organisations:registry_person": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                      [L, 403, 403, 403, 403, 403, 403, 403, 302]),
    "organisations:registry_review_close": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                            [L, 403, 403, 403, 403, 403, 403, 403, 302]),
    "organisations:review_ask": ([L, 403, 403, 403, 200, 403, 403, 403, 403],
                                 [L, 403, 403, 403, 200, 403, 403, 403, 403]),
    "organisations:list": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                           [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "partnerships:detail": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                            [404, 404, 200, 200, 200, 404, 404, 404, 404]),
    "partnerships:directory": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                               [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "partnerships:edit": ([L, 404, 403, 200, 200, 404, 404, 404, 404],
                          [L, 404, 403, 200, 200, 404, 404, 404, 404]),
    "partnerships:export": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                            [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "partnerships:history": ([404, 404, 200, 200, 200, 404, 404, 404, 404],
                             [404, 404, 200, 200, 200, 404, 404, 404, 404]),
    "partnerships:invitation": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                                [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "partnerships:invitation_accept": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                                       [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "partnerships:invitation_decline": ([405, 405, 405, 405, 405, 405, 405, 405, 405],
                                        [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "partnerships:invitation_manage": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                       [L, 404, 403, 403, 302, 404, 404, 404, 404]),
    "partnerships:mine": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                          [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "partnerships:partner_add": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                 [L, 404, 403, 403, 200, 404, 404, 404, 404]),
    "partnerships:partner_propose": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                     [L, 404, 403, 403, 200, 404, 404, 404, 404]),
    "partnerships:partner_decide": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                    [L, 404, 404, 404, 404, 404, 302, 404, 404]),
    "partnerships:partner_remove": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                    [L, 404, 403, 403, 302, 404, 404, 404, 404]),
    "partnerships:person_remove": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                   [L, 404, 403, 403, 302, 404, 404, 404, 404]),
    "partnerships:person_role": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                 [L, 404, 403, 403, 302, 404, 404, 404, 404]),
    "partnerships:register": ([L, 404, 403, 403, 200, 404, 404, 404, 404],
                              [L, 404, 403, 403, 200, 404, 404, 404, 404]),
    "partnerships:start": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                           [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "pick": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
             [L, 405, 405, 405, 405, 405, 405, 405, 405]),
    "privacy": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "trials:add_site": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                        [L, 403, 403, 200, 200, 403, 403, 403, 403]),
    "trials:site_edit": ([L, 403, 403, 200, 200, 403, 403, 403, 403],
                         [L, 403, 403, 302, 302, 403, 403, 403, 403]),
    # Only the site's own admin (here other_admin's trust is the site) answers for its figures.
    "trials:site_figures": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                            [L, 403, 403, 403, 403, 302, 403, 403, 403]),
    "trials:create": ([L, 403, 403, 200, 200, 403, 403, 403, 403],
                      [L, 403, 403, 200, 200, 403, 403, 403, 403]),
    "trials:detail": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                      [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "trials:directory": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                         [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "trials:edit": ([L, 403, 403, 200, 200, 403, 403, 403, 403],
                    [L, 403, 403, 200, 200, 403, 403, 403, 403]),
    "trials:export": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                      [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "trials:import": ([L, 403, 403, 200, 200, 403, 403, 403, 403],
                      [L, 403, 403, 200, 200, 403, 403, 403, 403]),
    "trials:link": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                    [L, 403, 403, 403, 403, 403, 403, 403, 403]),
    "trials:recruitment": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                           [L, 403, 403, 200, 200, 403, 403, 403, 403]),
    "trials:recruitment_change": ([L, 403, 403, 200, 200, 403, 403, 403, 403],
                                  [L, 403, 403, 200, 200, 403, 403, 403, 403]),
    "notifications": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                      [L, 405, 405, 405, 405, 405, 405, 405, 405]),
    "notifications_read": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                           [L, 302, 302, 302, 302, 302, 302, 302, 302]),
    "calendar": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                 [L, 302, 302, 302, 302, 302, 302, 302, 302]),
    # The token is the key: a made-up one is nobody's calendar, whoever asks.
    "calendar_feed": ([404, 404, 404, 404, 404, 404, 404, 404, 404],
                      [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    # The lead works at the trust; no one else in the world does.
    "dashboards:organisation": ([L, 404, 404, 404, 200, 404, 404, 404, 404],
                                [L, 405, 405, 405, 405, 405, 405, 405, 405]),
    "dashboards:regions": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                           [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "dashboards:region": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                          [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    "charities:embed": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                        [405, 405, 405, 405, 405, 405, 405, 405, 405]),
    **{f"{app}:feed": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                       [405, 405, 405, 405, 405, 405, 405, 405, 405])
       for app in ("partnerships", "trials", "charities", "casestudies")},
    "notification_preferences": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                                 [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "profile": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    # Its signed token is the key, whoever follows it (a mail client, signed in or not).
    "reminders_unsubscribe": ([200, 200, 200, 200, 200, 200, 200, 200, 200],
                              [200, 200, 200, 200, 200, 200, 200, 200, 200]),
    "trials:recruitment_delete": ([L, 405, 405, 405, 405, 405, 405, 405, 405],
                                  [L, 403, 403, 302, 302, 403, 403, 403, 403]),
    "your_data": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                  [L, 200, 200, 200, 200, 200, 200, 200, 200]),
    "your_data_download": ([L, 200, 200, 200, 200, 200, 200, 200, 200],
                           [L, 200, 200, 200, 200, 200, 200, 200, 200]),
}


def _status(response):
    if response.status_code == 302 and "/accounts/login/" in response.headers["Location"]:
        return L
    return response.status_code


def _run(name, w, method):
    url = _url(name, w)
    codes = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(w["people"][role])
        with transaction.atomic():
            response = getattr(client, method)(url)
            codes.append(_status(response))
            transaction.set_rollback(True)
    return codes



def test_every_url_has_a_row():
    from django.urls import get_resolver

    from tests.trust.test_fuzz_forms import _our_view_names

    assert set(_our_view_names(get_resolver().url_patterns)) | {"home"} == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_url_as_each_role(world, name):
    get, post = TABLE[name]
    assert dict(zip(ROLES, _run(name, world, "get"), strict=True)) == dict(
        zip(ROLES, get, strict=True))
    assert dict(zip(ROLES, _run(name, world, "post"), strict=True)) == dict(
        zip(ROLES, post, strict=True))
