"""A lead cannot claim an organisation as a partner without its agreement (issue 17): a partner
the lead names is proposed, shown only to the partnership's people, and public once one of the
organisation's admins confirms it."""

import pytest
from django.core import mail
from django.urls import reverse

from charities import services as charity_services
from core.models import AuditEvent
from partnerships import services
from partnerships.models import PartnerOrganisation
from tests.factories import CharityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def charity():
    return CharityFactory(name="Famous Charity")


@pytest.fixture
def charity_admin(charity):
    return MembershipFactory(organisation=charity, role="admin",
                             user=UserFactory(email="admin@famous.example.org")).user


def test_a_lead_naming_a_famous_charity_does_not_make_it_a_public_partner(
        client, leader, partnership, charity, charity_admin, django_capture_on_commit_callbacks):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partnerships:partner_add", args=[partnership.pk]),
                    {"add-organisation": charity.pk, "add-role": "charity"})
    partner = partnership.partners.get(organisation=charity)
    assert partner.state == "proposed"
    assert mail.outbox[-1].to == [charity_admin.email]
    assert "Is Famous Charity a partner" in mail.outbox[-1].subject

    anonymous = client.__class__()
    assert "Famous Charity" not in anonymous.get(partnership.get_absolute_url()).content.decode()
    assert "Famous Charity" in client.get(partnership.get_absolute_url()).content.decode()
    assert "Not confirmed yet" in client.get(partnership.get_absolute_url()).content.decode()
    assert partnership.title not in anonymous.get(charity.get_absolute_url()).content.decode()
    directory = anonymous.get(reverse("partnerships:directory") + "?organisation_kind=charity")
    assert partnership.title not in directory.content.decode()
    export = b"".join(anonymous.get(reverse("partnerships:export")).streaming_content).decode()
    row = next(line for line in export.splitlines() if line.startswith(partnership.title))
    assert ",1," in row  # the lead organisation only


def test_the_charitys_admin_confirms_and_then_it_shows(client, leader, partnership, charity,
                                                       charity_admin):
    partner = services.partner_add(user=leader, partnership=partnership, organisation=charity,
                                   role="charity")
    client.force_login(charity_admin)
    page = client.get(charity.get_absolute_url()).content.decode()
    assert "Partnerships that named Famous Charity" in page and partnership.title in page
    client.post(reverse("partnerships:partner_decide",
                        args=[partnership.pk, partner.pk, "confirm"]))
    partner.refresh_from_db()
    assert partner.state == "confirmed" and partner.decided_by == charity_admin
    anonymous = client.__class__()
    assert "Famous Charity" in anonymous.get(partnership.get_absolute_url()).content.decode()
    assert AuditEvent.objects.about(partnership).filter(action="partner.confirmed").exists()


def test_only_the_organisations_own_admins_can_confirm(client, leader, partnership, charity,
                                                       charity_admin, roles):
    partner = services.partner_add(user=leader, partnership=partnership, organisation=charity,
                                   role="charity")
    url = reverse("partnerships:partner_decide", args=[partnership.pk, partner.pk, "confirm"])
    for person in (leader, roles["contributor"], roles["org_admin"], roles["outsider"]):
        client.force_login(person)
        assert client.post(url).status_code == 404
    partner.refresh_from_db()
    assert partner.state == "proposed"


def test_a_declined_partner_stays_off_and_cannot_be_named_again_without_asking(
        client, leader, partnership, charity, charity_admin):
    partner = services.partner_add(user=leader, partnership=partnership, organisation=charity,
                                   role="charity")
    client.force_login(charity_admin)
    client.post(reverse("partnerships:partner_decide",
                        args=[partnership.pk, partner.pk, "decline"]))
    client = client.__class__()
    client.force_login(leader)
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert ">Famous Charity</a>" not in page  # not in the list of partners (the history says)
    response = client.post(reverse("partnerships:partner_add", args=[partnership.pk]),
                           {"add-organisation": charity.pk, "add-role": "charity"})
    assert "declined to be a partner" in response.content.decode()


def test_accepting_a_request_for_help_confirms_the_charity_in_one_step(
        leader, partnership, charity, charity_admin):
    offer = charity_services.offer_save(
        user=charity_admin, organisation=charity, kind="ppi", title="Panel",
        description="A panel.", regions=["london"], health_categories=[])
    asked = charity_services.request_create(user=leader, offer=offer, partnership=partnership,
                                            what_is_needed="Help")
    charity_services.request_answer(user=charity_admin, request_=asked, accept=True)
    partner = partnership.partners.get(organisation=charity)
    assert (partner.state, partner.role) == ("confirmed", "charity")


def test_a_lead_who_is_also_the_organisations_admin_confirms_by_naming_it(
        leader, partnership, charity):
    MembershipFactory(organisation=charity, user=leader, role="admin")
    partner = services.partner_add(user=leader, partnership=partnership, organisation=charity,
                                   role="charity")
    assert partner.state == PartnerOrganisation.State.CONFIRMED
