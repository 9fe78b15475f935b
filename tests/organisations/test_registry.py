"""Who may speak for an organisation (issue 17): the national registers, verification by a
registry administrator or a confirmed domain, and the registry queue. Each way of acting in
another's name is a test named for the attempt."""

import csv

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from charities import services as charity_services
from charities.models import ExpertiseOffer
from organisations import tasks
from organisations.models import AdminReview, Membership, Organisation
from registers import services as registers
from tests.conftest import add_totp
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    NhsTrustFactory,
    UserFactory,
)
from tests.registers.layouts import ods_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_admin(db):
    person = UserFactory(email="registry@example.org", full_name="Rae Registry",
                         groups=["Registry administrators"])
    add_totp(person)
    return person


def _ods_file(tmp_path, *rows):
    path = tmp_path / "etr.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _register_trust(client, **fields):
    data = {"name": "Northshire Hospitals NHS Trust", "kind": "nhs-trust", "ods_code": "RZZ",
            **fields}
    return client.post(reverse("organisations:create"), data)


def test_someone_who_registers_a_real_trust_cannot_lead_a_partnership_in_its_name(client):
    squatter = UserFactory(email="squatter@example.org")
    client.force_login(squatter)
    _register_trust(client)
    trust = Organisation.objects.get(ods_code="RZZ")
    assert trust.memberships.get(user=squatter).is_active_admin and not trust.is_verified

    page = client.get(reverse("partnerships:start")).content.decode()
    assert "not verified yet" in page and trust.name in page
    response = client.post(reverse("partnerships:start"), {
        "lead_organisation": trust.pk, "title": "In their name", "purpose": "p",
        "visibility": "listed"})
    assert response.status_code == 200 and not trust.led_partnerships.exists()


def test_someone_who_registers_a_real_charity_cannot_publish_offers_in_its_name(client):
    charity = CharityFactory(verified_at=None)
    squatter = MembershipFactory(organisation=charity, role="admin").user
    offer = charity_services.offer_save(
        user=squatter, organisation=charity, kind="ppi", title="Fake panel",
        description="Not really ours.", regions=["london"], health_categories=[])
    assert not ExpertiseOffer.objects.public().filter(pk=offer.pk).exists()
    assert "Fake panel" not in client.get(reverse("charities:directory")).content.decode()
    assert client.get(offer.get_absolute_url()).status_code == 404
    # Its own people still see and manage it while they wait.
    client.force_login(squatter)
    assert client.get(offer.get_absolute_url()).status_code == 200


def test_an_admin_setting_a_domain_lets_nobody_in_until_a_registry_administrator_confirms_it(
        client, registry_admin):
    trust = NhsTrustFactory(verified_at=None)
    admin = MembershipFactory(organisation=trust, role="admin").user
    client.force_login(admin)
    client.post(reverse("organisations:edit", args=[trust.pk]), {
        "name": trust.name, "kind": "nhs-trust", "ods_code": trust.ods_code,
        "email_domain": "northshire.nhs.uk"})
    trust.refresh_from_db()
    assert trust.email_domain == "northshire.nhs.uk" and trust.confirmed_email_domain == ""
    insider = UserFactory(email="new@northshire.nhs.uk")
    client.force_login(insider)
    client.post(reverse("organisations:join", args=[trust.pk]))
    assert Membership.objects.get(user=insider, organisation=trust).state == "pending"

    client.force_login(registry_admin)
    client.post(reverse("organisations:registry_act", args=[trust.pk, "confirm-domain"]))
    later = UserFactory(email="later@northshire.nhs.uk")
    client.force_login(later)
    client.post(reverse("organisations:join", args=[trust.pk]))
    assert Membership.objects.get(user=later, organisation=trust).state == "active"


def test_changing_the_domain_withdraws_its_confirmation(client):
    trust = NhsTrustFactory(email_domain="old.nhs.uk", email_domain_confirmed_at=timezone.now())
    admin = MembershipFactory(organisation=trust, role="admin").user
    client.force_login(admin)
    client.post(reverse("organisations:edit", args=[trust.pk]), {
        "name": trust.name, "kind": "nhs-trust", "ods_code": trust.ods_code,
        "email_domain": "taken-over.example.org"})
    trust.refresh_from_db()
    assert trust.email_domain == "taken-over.example.org" and not trust.confirmed_email_domain


def test_registering_looks_the_identifier_up_and_fills_in_the_form(client, tmp_path):
    registers.load("ods", [_ods_file(tmp_path, ods_row(
        "RZZ", "NORTHSHIRE HOSPITALS NHS FOUNDATION TRUST", postcode="NS1 1AA",
        gor="E12000001", address=("1 HOSPITAL ROAD", "NORTHTOWN")))])
    client.force_login(UserFactory())
    url = reverse("organisations:create")
    page = client.get(url, {"register": "ods", "identifier": " rzz "}).content.decode()
    assert "Found in the NHS Organisation Data Service register" in page
    assert 'value="Northshire Hospitals NHS Foundation Trust"' in page
    assert 'value="1 HOSPITAL ROAD, NORTHTOWN"' in page
    assert 'value="north-east" selected' in page
    missing = client.get(url, {"register": "ods", "identifier": "RYY"}).content.decode()
    assert "Not found in the register" in missing
    unloaded = client.get(url, {"register": "ccew", "identifier": "1234567"}).content.decode()
    assert "has not been loaded here" in unloaded
    bad = client.get(url, {"register": "ccew", "identifier": "12<b>"})
    assert bad.status_code == 200
    assert "Enter a charity number for England and Wales" in bad.content.decode()


@pytest.mark.parametrize("query", [
    {"register": "nope", "identifier": "RZZ"}, {"register": "ods", "identifier": "x" * 5000},
    {"register": "ods", "identifier": "\x00\x1b"}, {"register": ["ods", "ccni"]},
    {"register": "ccni", "identifier": "99999999999999999999"}])
def test_no_lookup_gives_a_500(client, query):
    client.force_login(UserFactory())
    assert client.get(reverse("organisations:create"), query).status_code == 200


def test_a_registered_organisation_records_what_the_register_says(client, tmp_path):
    registers.load("ods", [_ods_file(tmp_path, ods_row("RZZ", "NORTHSHIRE NHS TRUST"),
                                     ods_row("RZX", "MERGED NHS TRUST", close="20200101"))])
    client.force_login(UserFactory())
    _register_trust(client)
    _register_trust(client, name="Merged NHS Trust", ods_code="RZX")
    _register_trust(client, name="Unknown NHS Trust", ods_code="RZQ")
    states = dict(Organisation.objects.values_list("ods_code", "register_state"))
    assert states == {"RZZ": "listed", "RZX": "closed", "RZQ": "not-found"}
    page = client.get(Organisation.objects.get(ods_code="RZX").get_absolute_url())
    assert "The national register lists it as closed" in page.content.decode()


def test_a_registry_administrator_approves_an_organisations_first_admin(
        client, registry_admin, django_capture_on_commit_callbacks):
    trust = NhsTrustFactory(verified_at=None)
    admin = MembershipFactory(organisation=trust, role="admin").user
    client.force_login(registry_admin)
    queue = client.get(reverse("organisations:registry")).content.decode()
    assert trust.name in queue and admin.email in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organisations:registry_act", args=[trust.pk, "verify"]))
    assert response.status_code == 302
    trust.refresh_from_db()
    assert trust.is_verified and trust.verified_by == registry_admin
    assert mail.outbox[-1].to == [admin.email] and "is verified" in mail.outbox[-1].subject
    # A second tab that still shows the button: told, nothing changes.
    again = client.post(reverse("organisations:registry_act", args=[trust.pk, "verify"]),
                        follow=True)
    assert "already verified" in again.content.decode()


def test_nobody_but_a_registry_administrator_can_verify_even_the_organisations_own_admin(
        client):
    trust = NhsTrustFactory(verified_at=None)
    admin = MembershipFactory(organisation=trust, role="admin").user
    client.force_login(admin)
    response = client.post(reverse("organisations:registry_act", args=[trust.pk, "verify"]))
    assert response.status_code == 403
    trust.refresh_from_db()
    assert not trust.is_verified


def test_a_registry_administrator_without_a_second_factor_is_sent_to_set_one_up(client):
    person = UserFactory(groups=["Registry administrators"])
    client.force_login(person)
    response = client.get(reverse("organisations:registry"))
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]


def test_the_first_person_to_join_through_a_confirmed_domain_becomes_admin_and_verifies_it(
        client):
    trust = NhsTrustFactory(verified_at=None, email_domain="northshire.nhs.uk",
                            email_domain_confirmed_at=timezone.now())
    insider = UserFactory(email="director@northshire.nhs.uk")
    client.force_login(insider)
    client.post(reverse("organisations:join", args=[trust.pk]))
    trust.refresh_from_db()
    assert trust.memberships.get(user=insider).is_active_admin
    assert trust.is_verified and "northshire.nhs.uk" in trust.verified_how


def test_confirming_a_domain_verifies_an_admin_whose_verified_address_is_on_it(
        client, registry_admin):
    trust = NhsTrustFactory(verified_at=None, email_domain="northshire.nhs.uk")
    MembershipFactory(organisation=trust, role="admin",
                      user=UserFactory(email="lead@northshire.nhs.uk"))
    client.force_login(registry_admin)
    client.post(reverse("organisations:registry_act", args=[trust.pk, "confirm-domain"]))
    trust.refresh_from_db()
    assert trust.is_verified


def test_someone_refused_by_a_squatter_asks_for_a_review_and_becomes_its_admin(
        client, registry_admin, django_capture_on_commit_callbacks):
    trust = NhsTrustFactory(verified_at=None)
    squatter = MembershipFactory(organisation=trust, role="admin")
    real = MembershipFactory(organisation=trust, state="refused").user
    client.force_login(real)
    page = client.get(trust.get_absolute_url()).content.decode()
    assert "Ask a registry administrator to review who its admins are" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("organisations:review_ask", args=[trust.pk]),
                               {"message": "I am the R&D director; they are not staff here."})
    assert response.status_code == 302
    review = AdminReview.objects.get()
    assert mail.outbox[-1].to == [registry_admin.email]
    assert "review" in mail.outbox[-1].subject
    # Asking twice waits for the first answer.
    twice = client.post(reverse("organisations:review_ask", args=[trust.pk]), {"message": "x"})
    assert "already asked" in twice.content.decode()

    client.force_login(registry_admin)
    detail = client.get(reverse("organisations:registry_detail", args=[trust.pk]))
    assert "I am the R&amp;D director" in detail.content.decode()
    real_membership = trust.memberships.get(user=real)
    client.post(reverse("organisations:registry_person",
                        args=[trust.pk, real_membership.pk, "make-admin"]))
    client.post(reverse("organisations:registry_person",
                        args=[trust.pk, squatter.pk, "remove"]))
    client.post(reverse("organisations:registry_review_close", args=[trust.pk, review.pk]))
    client.post(reverse("organisations:registry_act", args=[trust.pk, "verify"]))
    trust.refresh_from_db()
    assert trust.is_verified
    assert list(trust.memberships.active_admins().values_list("user", flat=True)) == [real.pk]
    review.refresh_from_db()
    assert review.closed_by == registry_admin


def test_a_stranger_cannot_ask_for_a_review_of_an_organisation_they_never_asked_to_join(client):
    trust = NhsTrustFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("organisations:review_ask", args=[trust.pk])).status_code == 403


def test_the_daily_recheck_flags_a_trust_closed_in_a_new_load_and_tells_its_admins(
        tmp_path, django_capture_on_commit_callbacks):
    registers.load("ods", [_ods_file(tmp_path, ods_row("RZZ", "NORTHSHIRE NHS TRUST"))])
    trust = NhsTrustFactory(ods_code="RZZ")
    admin = MembershipFactory(organisation=trust, role="admin").user
    assert tasks.recheck_registers() == 0
    assert Organisation.objects.get(pk=trust.pk).register_state == "listed"

    registers.load("ods", [_ods_file(tmp_path, ods_row("RZZ", "NORTHSHIRE NHS TRUST",
                                                       close="20261130"))])
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.recheck_registers() == 1
    trust.refresh_from_db()
    assert trust.register_state == "closed" and "30 November 2026" in trust.register_note
    assert mail.outbox[-1].to == [admin.email]
    # Flagged once, not every day.
    assert tasks.recheck_registers() == 0


def _queue_queries(client, registry_admin, count):
    for n in range(count):
        trust = NhsTrustFactory(verified_at=None, email_domain=f"t{n}.nhs.uk",
                                register_state="closed", register_note="Closed")
        MembershipFactory(organisation=trust, role="admin")
        AdminReview.objects.create(organisation=trust, asked_by=UserFactory(), message="m")
    client.force_login(registry_admin)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("organisations:registry")).status_code == 200
    return len(queries)


def test_the_registry_queue_runs_the_same_queries_for_5_and_50_organisations(
        client, registry_admin):
    few = _queue_queries(client, registry_admin, 5)
    many = _queue_queries(client, registry_admin, 45)
    assert few == many


def test_an_organisation_with_no_admin_but_a_request_to_join_waits_in_the_queue(
        client, registry_admin):
    proposed = NhsTrustFactory(verified_at=None, name="Proposed NHS Trust")
    asking = MembershipFactory(organisation=proposed, state="pending").user
    client.force_login(registry_admin)
    queue = client.get(reverse("organisations:registry")).content.decode()
    assert "Proposed NHS Trust" in queue and f"{asking.email}), asking to join" in queue
