"""What each partner brings (Invest in infrastructure, Equip teams): recorded as proposed by the
partnership's editors, agreed and delivered only by whoever answers for the organisation, counted
before those actions complete, reminded before they end, exported as CSV and 360Giving."""

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drive import services
from drive.models import ActionProgress, Commitment
from drive.reminders import COMMITMENT_ENDED, COMMITMENT_ENDING
from partnerships.models import PartnerOrganisation
from reminders.registry import everything_due
from tests.factories import CharityFactory, MembershipFactory, UserFactory, add_person

pytestmark = pytest.mark.django_db

PEOPLE = {"kind": "people", "description": "Research nurse for recruitment",
          "role": "Research nurse", "people": "2", "fte": "0.5", "hours_per_week": "",
          "protected_time": "on", "amount": "", "funder": "", "award_reference": "",
          "in_kind_type": ""}
MONEY = {"kind": "money", "description": "Pilot grant", "amount": "25000",
         "funder": "Helpful Charity", "award_reference": "HC-2026-7"}


@pytest.fixture
def charity(partnership):
    charity = CharityFactory(name="Helpful Charity", charity_number_england_wales="1089464")
    partnership.partners.create(organisation=charity, role="charity", state="confirmed")
    return charity


@pytest.fixture
def charity_admin(charity):
    admin = UserFactory(email="admin@helpful.org", full_name="Ada Admin")
    MembershipFactory(user=admin, organisation=charity, role="admin")
    return admin


def _partner(partnership, organisation):
    return partnership.partners.get(organisation=organisation)


def _post(client, partnership, data, partner):
    return client.post(reverse("drive:commitment_create", args=[partnership.pk]),
                       {"partner": partner.pk, **data})


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"kind": "money", "amount": "-5"}, "amount", "Enter an amount more than £0"),
    ({"kind": "money", "amount": "1e15"}, "amount", "Enter an amount up to £1,000,000,000"),
    ({"kind": "money", "amount": "99999999999999"}, "amount",
     "Enter an amount up to £1,000,000,000"),
    ({"kind": "money", "amount": "12.345"}, "amount", "no more than 2 decimal places"),
    ({"kind": "money", "amount": "lots"}, "amount", "Enter the amount in pounds as a number"),
    ({"fte": "1.5"}, "fte", "Full-time equivalent is for each person"),
    ({"fte": "7"}, "fte", "Full-time equivalent is for each person"),
    ({"fte": "", "hours_per_week": "200"}, "hours_per_week", "48 hours a week or fewer"),
    ({"fte": "", "hours_per_week": ""}, "fte", "Enter the full-time equivalent or the hours"),
    ({"people": "100000"}, "people", "Enter 500 people or fewer"),
    ({"people": "0"}, "people", "Enter at least 1 person"),
    ({"role": ""}, "role", "Enter the role"),
    ({"kind": "in-kind"}, "in_kind_type", "Choose what kind of in-kind support"),
    ({"start_date_0": "1", "start_date_1": "6", "start_date_2": "2027", "end_date_0": "1",
      "end_date_1": "1", "end_date_2": "2027"}, "end_date",
     "The end date must be the same as or after the start date"),
])
def test_bad_input_is_refused_beside_the_field_keeping_what_was_typed(
        client, partnership, leader, changes, field, message):
    client.force_login(leader)
    data = {**PEOPLE, **changes}
    html = _post(client, partnership, data, _partner(partnership, partnership.lead_organisation)
                 ).content.decode()
    assert f'id="id_{field}-error"' in html or f'id="id_{field}_0-error"' in html
    assert message in html
    assert 'value="Research nurse for recruitment"' in html  # nothing typed is lost
    assert not Commitment.objects.exists()


def test_a_partner_not_confirmed_or_of_another_partnership_cannot_be_chosen(
        client, partnership, leader):
    proposed = partnership.partners.create(organisation=CharityFactory(), role="charity",
                                           state="proposed")
    client.force_login(leader)
    html = _post(client, partnership, MONEY, proposed).content.decode()
    assert 'id="id_partner-error"' in html and not Commitment.objects.exists()


def test_values_typed_under_another_kind_are_not_saved(client, partnership, leader):
    client.force_login(leader)
    lead = _partner(partnership, partnership.lead_organisation)
    response = _post(client, partnership, {**PEOPLE, **MONEY, "fte": "9"}, lead)
    assert response.status_code == 302
    saved = Commitment.objects.get()
    assert (saved.kind, saved.amount, saved.fte, saved.role, saved.protected_time) == (
        "money", 25000, None, "", False)


def test_only_whoever_answers_for_the_organisation_agrees_and_delivers(
        partnership, leader, roles, charity, charity_admin):
    add_person(partnership, charity_admin, "viewer")
    commitment = services.commitment_save(
        user=roles["contributor"], partnership=partnership,
        partner=_partner(partnership, charity), kind="money", description="Pilot grant",
        amount=25000)
    assert commitment.state == "proposed"
    for someone in (leader, roles["contributor"]):  # not the charity's to commit
        with pytest.raises(PermissionDenied):
            services.commitment_move(user=someone, commitment=commitment, to="agreed")
    services.commitment_move(user=charity_admin, commitment=commitment, to="agreed")
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.commitment_save(user=leader, partnership=partnership, commitment=commitment,
                                 partner=_partner(partnership, charity), kind="money",
                                 description="More", amount=1)
    services.commitment_move(user=charity_admin, commitment=commitment, to="delivered")
    commitment.refresh_from_db()
    assert commitment.state == "delivered" and commitment.agreed_by == charity_admin
    # The lead answers for their own organisation, where they work.
    own = services.commitment_save(
        user=leader, partnership=partnership,
        partner=_partner(partnership, partnership.lead_organisation), kind="in-kind",
        description="Clinic rooms", in_kind_type="facilities")
    services.commitment_move(user=leader, commitment=own, to="agreed")


def _complete(progress, user):
    return services.progress_complete(user=user, progress=progress)


def _answer_required(progress):
    for prompt in progress.action.prompts.filter(required=True):
        progress.answers.create(prompt=prompt, text="Answered")


def test_invest_needs_an_agreed_commitment_from_each_confirmed_partner(
        partnership, leader, charity, charity_admin):
    services.progress_ensure(partnership)
    invest = partnership.drive_progress.select_related("action").get(
        action__slug="invest-in-infrastructure")
    _answer_required(invest)
    with pytest.raises(ValidationError, match="Waiting for: Helpful Charity, Northshire"):
        _complete(invest, leader)
    for organisation, agreer in ((charity, charity_admin),
                                 (partnership.lead_organisation, leader)):
        commitment = services.commitment_save(
            user=leader, partnership=partnership, partner=_partner(partnership, organisation),
            kind="in-kind", description="Rooms", in_kind_type="facilities")
        with pytest.raises(ValidationError):
            _complete(invest, leader)  # proposed does not count
        services.commitment_move(user=agreer, commitment=commitment, to="agreed")
    _complete(invest, leader)
    assert ActionProgress.objects.get(pk=invest.pk).status == "completed"


def test_equip_needs_people_with_protected_time(partnership, leader):
    services.progress_ensure(partnership)
    equip = partnership.drive_progress.select_related("action").get(action__slug="equip-teams")
    _answer_required(equip)
    lead = _partner(partnership, partnership.lead_organisation)
    unprotected = services.commitment_save(
        user=leader, partnership=partnership, partner=lead, kind="people", description="Nurse",
        role="Nurse", people=1, fte=1, protected_time=False)
    services.commitment_move(user=leader, commitment=unprotected, to="agreed")
    with pytest.raises(ValidationError, match="protected research time"):
        _complete(equip, leader)
    protected = services.commitment_save(
        user=leader, partnership=partnership, partner=lead, kind="people", description="PI",
        role="Principal investigator", people=1, hours_per_week=7.5, protected_time=True)
    services.commitment_move(user=leader, commitment=protected, to="agreed")
    _complete(equip, leader)


def test_the_page_totals_by_sector_and_the_exports_carry_org_ids(
        client, partnership, leader, charity, charity_admin):
    money = services.commitment_save(
        user=leader, partnership=partnership, partner=_partner(partnership, charity),
        kind="money", description="=HYPERLINK(\"x\")", amount=25000, funder="Helpful Charity",
        award_reference="HC-7", start_date=date(2027, 1, 1), end_date=date(2027, 12, 31))
    services.commitment_move(user=charity_admin, commitment=money, to="agreed")
    services.commitment_save(
        user=leader, partnership=partnership, partner=_partner(partnership, charity),
        kind="money", description="Not agreed yet", amount=99999)
    partnership.lead_organisation.ods_code = "RXF"
    partnership.lead_organisation.save()
    client.force_login(leader)
    page = client.get(reverse("drive:commitments", args=[partnership.pk])).content.decode()
    assert "£25,000" in page and "£124,999" not in page  # proposed ones are not counted
    assert "Charities" in page
    assert "£25,000" in client.get(partnership.get_absolute_url()).content.decode()

    rows = list(csv.reader(io.StringIO(client.get(reverse(
        "drive:commitments_export", args=[partnership.pk, "csv"])).content.decode())))
    assert rows[0][0] == "Partner" and len(rows) == 3
    assert rows[1][3].startswith("'=")  # a spreadsheet does not run it

    grants = json.loads(client.get(reverse(
        "drive:commitments_export", args=[partnership.pk, "360giving"])).content)["grants"]
    assert len(grants) == 1
    grant = grants[0]
    assert grant["fundingOrganization"] == [{"id": "GB-CHC-1089464", "name": "Helpful Charity"}]
    assert grant["recipientOrganization"][0]["id"] == "GB-NHS-RXF"
    assert (grant["currency"], grant["amountAwarded"]) == ("GBP", 25000.0)
    assert grant["plannedDates"] == [{"startDate": "2027-01-01", "endDate": "2027-12-31"}]


def test_a_partner_is_reminded_before_a_commitment_ends_and_after(
        partnership, leader, charity, charity_admin):
    today = timezone.localdate()
    commitment = services.commitment_save(
        user=leader, partnership=partnership, partner=_partner(partnership, charity),
        kind="in-kind", description="Patient panel", in_kind_type="ppi",
        end_date=today + timedelta(days=20))
    now = timezone.now()
    assert not [d for d in everything_due(now) if d.subject_key.startswith("commitment:")]
    services.commitment_move(user=charity_admin, commitment=commitment, to="agreed")
    due = [d for d in everything_due(now) if d.subject_key == f"commitment:{commitment.pk}"]
    assert [(d.kind, d.email) for d in due] == [(COMMITMENT_ENDING, charity_admin.email)]
    Commitment.objects.filter(pk=commitment.pk).update(end_date=today - timedelta(days=1))
    due = [d for d in everything_due(now) if d.subject_key == f"commitment:{commitment.pk}"]
    assert [d.kind for d in due] == [COMMITMENT_ENDED]
    services.commitment_move(user=charity_admin, commitment=commitment, to="delivered")
    assert not [d for d in everything_due(now) if d.subject_key.startswith("commitment:")]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_commitments(client, partnership, leader, charity):
    partner = _partner(partnership, charity)
    services.progress_ensure(partnership)
    client.force_login(leader)
    urls = [reverse("drive:commitments", args=[partnership.pk]),
            partnership.get_absolute_url(), reverse("drive:task_list", args=[partnership.pk])]

    def add(n):
        Commitment.objects.bulk_create([Commitment(
            partnership=partnership, partner=partner, kind=kind, description=f"C {i}",
            amount=100 if kind == "money" else None, state=state,
            role="Nurse" if kind == "people" else "", people=1 if kind == "people" else None,
            fte=0.5 if kind == "people" else None,
            in_kind_type="data" if kind == "in-kind" else "")
            for i in range(n) for kind, state in [(("money", "people", "in-kind")[i % 3],
                                                  ("proposed", "agreed", "delivered")[i % 3])]])

    add(5)
    for url in urls:
        client.get(url)
    at_5 = [_queries(client, url) for url in urls]
    add(45)
    for url in urls:  # warmed again: a session's once-a-while write is not the data's doing
        client.get(url)
    assert [_queries(client, url) for url in urls] == at_5
    assert PartnerOrganisation.objects.filter(partnership=partnership).count() == 2


def test_the_action_page_says_why_invest_cannot_be_completed(client, partnership, leader):
    services.progress_ensure(partnership)
    invest = partnership.drive_progress.select_related("action").get(
        action__slug="invest-in-infrastructure")
    data = {"status": "in-progress", "notes": "", "due_date_0": "", "due_date_1": "",
            "due_date_2": "", "owner": "", "complete": "yes"}
    for prompt in invest.action.prompts.all():
        data[f"prompt_{prompt.pk}"] = "Answered"
    client.force_login(leader)
    page = client.get(invest.get_absolute_url()).content.decode()
    data["version"] = re.search(r'name="version" value="([^"]*)"', page).group(1)
    html = client.post(invest.get_absolute_url(), data).content.decode()
    assert "nhsuk-error-summary" in html and "Waiting for: Northshire" in html
    assert ActionProgress.objects.get(pk=invest.pk).status == "in-progress"


def test_a_partner_s_admin_opens_the_page_and_agrees_without_the_full_record(
        client, partnership, leader, charity, charity_admin):
    partnership.visibility = "private"
    partnership.save()
    commitment = services.commitment_save(
        user=leader, partnership=partnership, partner=_partner(partnership, charity),
        kind="money", description="Pilot grant", amount=25000)
    client.force_login(charity_admin)  # not one of the partnership's people
    assert client.get(partnership.get_absolute_url()).status_code == 404
    assert "Agree: Pilot grant" in client.get(
        reverse("drive:commitments", args=[partnership.pk])).content.decode()
    client.post(reverse("drive:commitment_change", args=[partnership.pk, commitment.pk, "agree"]))
    commitment.refresh_from_db()
    assert commitment.state == "agreed"
    assert client.post(reverse("drive:commitment_change", args=[
        partnership.pk, commitment.pk, "remove"])).status_code == 403
    assert client.get(reverse("drive:commitment_create", args=[partnership.pk])).status_code \
        == 404


def test_a_declined_partner_s_commitments_are_exported_nowhere(
        client, partnership, leader, charity, charity_admin):
    commitment = services.commitment_save(
        user=leader, partnership=partnership, partner=_partner(partnership, charity),
        kind="money", description="Pilot grant", amount=25000)
    services.commitment_move(user=charity_admin, commitment=commitment, to="agreed")
    _partner(partnership, charity).__class__.objects.filter(
        partnership=partnership, organisation=charity).update(state="declined")
    client.force_login(leader)
    for shape in ("csv", "360giving"):
        body = client.get(reverse("drive:commitments_export",
                                  args=[partnership.pk, shape])).content.decode()
        assert "Pilot grant" not in body
    assert "Pilot grant" not in client.get(
        reverse("drive:summary", args=[partnership.pk]) + "?format=json").content.decode()


def test_a_stale_second_tab_does_not_overwrite_a_commitment(client, partnership, leader, roles):
    lead = _partner(partnership, partnership.lead_organisation)
    commitment = services.commitment_save(user=leader, partnership=partnership, partner=lead,
                                          kind="money", description="First", amount=10)
    url = reverse("drive:commitment_edit", args=[partnership.pk, commitment.pk])
    client.force_login(leader)
    version = re.search(r'name="version" value="([^"]*)"',
                        client.get(url).content.decode()).group(1)
    other = services.commitment_save(user=roles["contributor"], partnership=partnership,
                                     commitment=commitment, partner=lead, kind="money",
                                     description="Changed by the contributor", amount=10)
    html = client.post(url, {**MONEY, "partner": lead.pk, "description": "Mine",
                             "version": version}).content.decode()
    assert "Someone changed this since you opened it" in html
    other.refresh_from_db()
    assert other.description == "Changed by the contributor"
