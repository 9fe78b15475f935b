import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from organisations.models import Membership, Organisation
from tests.factories import CharityFactory, MembershipFactory, NhsTrustFactory, UserFactory

pytestmark = pytest.mark.django_db


def _register(client, **data):
    base = {"name": "Example Research Charity", "kind": "charity", "region": "london",
            "charity_number_england_wales": "1234567"}
    base.update(data)
    return client.post(reverse("organisations:create"), base)


def test_the_first_person_to_register_an_organisation_is_its_admin(person_client, person):
    response = _register(person_client)
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Example Research Charity")
    membership = Membership.objects.get(user=person, organisation=organisation)
    assert (membership.role, membership.state) == ("admin", "active")


@pytest.mark.parametrize("kind,field,wrong,message", [
    ("nhs-trust", "ods_code", "RXF-05", "Enter an ODS code of 1 to 9 letters and numbers"),
    ("charity", "charity_number_england_wales", "12345", "6 or 7 digits"),
    ("charity", "charity_number_scotland", "SC12", "SC and 6 digits"),
    ("charity", "charity_number_northern_ireland", "NI12", "NIC and 6 digits"),
    ("company", "company_number", "339181", "Companies House number of 8 characters"),
])
def test_a_wrong_identifier_gets_a_message_beside_the_field_and_keeps_the_input(
        person_client, kind, field, wrong, message):
    response = _register(person_client, kind=kind, **{field: wrong})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{wrong}"' in html
    assert "nhsuk-error-summary" in html
    assert f'href="#id_{field}"' in html
    assert not Organisation.objects.filter(name="Example Research Charity").exists()


@pytest.mark.parametrize("kind,missing_message", [
    ("nhs-trust", "ODS code, like RXF"),
    ("company", "Companies House number, like 00339181"),
])
def test_each_kind_must_give_its_identifier(person_client, kind, missing_message):
    response = _register(person_client, kind=kind, charity_number_england_wales="")
    assert missing_message in response.content.decode()


def test_identifiers_are_kept_in_one_canonical_form(person_client):
    _register(person_client, charity_number_scotland="sc 041 666")
    assert Organisation.objects.get().charity_number_scotland == "SC041666"


def test_a_duplicate_identifier_is_refused(person_client):
    CharityFactory(charity_number_england_wales="1234567")
    response = _register(person_client)
    assert "Another organisation already has" in response.content.decode()


def test_a_duplicate_name_of_the_same_kind_is_refused(person_client):
    CharityFactory(name="The Example Research Charity")
    response = _register(person_client, charity_number_england_wales="7654321")
    assert "already registered" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_a_verified_email_on_the_registered_domain_joins_at_once(client):
    trust = NhsTrustFactory(email_domain="example.nhs.uk", email_domain_confirmed_at=timezone.now())
    MembershipFactory(organisation=trust, role="admin")
    user = UserFactory(email="someone@example.nhs.uk")
    client.force_login(user)
    client.post(reverse("organisations:join", args=[trust.pk]))
    assert Membership.objects.get(user=user, organisation=trust).state == "active"


def test_an_unverified_email_on_the_domain_waits_for_approval(client):
    trust = NhsTrustFactory(email_domain="example.nhs.uk", email_domain_confirmed_at=timezone.now())
    user = UserFactory(email="someone@example.nhs.uk", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    client.post(reverse("organisations:join", args=[trust.pk]))
    assert Membership.objects.get(user=user, organisation=trust).state == "pending"


def test_an_admin_approves_and_refuses_requests(client):
    admin = MembershipFactory(role="admin").user
    trust = admin.memberships.get().organisation
    asking = MembershipFactory(organisation=trust, state="pending")
    other = MembershipFactory(organisation=trust, state="pending")
    client.force_login(admin)
    client.post(reverse("organisations:decide", args=[trust.pk, asking.pk, "approve"]))
    client.post(reverse("organisations:decide", args=[trust.pk, other.pk, "refuse"]))
    asking.refresh_from_db()
    other.refresh_from_db()
    assert (asking.state, other.state) == ("active", "refused")


def test_a_member_who_is_not_admin_cannot_decide(client):
    member = MembershipFactory(role="member").user
    trust = member.memberships.get().organisation
    asking = MembershipFactory(organisation=trust, state="pending")
    client.force_login(member)
    response = client.post(reverse("organisations:decide", args=[trust.pk, asking.pk, "approve"]))
    assert response.status_code == 403
    asking.refresh_from_db()
    assert asking.state == "pending"


def test_an_admin_of_another_organisation_cannot_decide(client):
    other_admin = MembershipFactory(role="admin").user
    asking = MembershipFactory(state="pending")
    client.force_login(other_admin)
    response = client.post(reverse("organisations:decide", args=[
        asking.organisation.pk, asking.pk, "approve"]))
    assert response.status_code == 403


def _admin_with_member():
    admin = MembershipFactory(role="admin").user
    organisation = admin.memberships.get().organisation
    member = MembershipFactory(organisation=organisation, role="member")
    return admin, organisation, member


def test_an_admin_hands_over_and_removes_and_the_history_shows_it(client):
    admin, organisation, member = _admin_with_member()
    client.force_login(admin)
    decide = lambda m, change: client.post(  # noqa: E731
        reverse("organisations:decide", args=[organisation.pk, m.pk, change]))
    decide(member, "make-admin")
    member.refresh_from_db()
    assert member.role == "admin"
    mine = admin.memberships.get()
    decide(mine, "make-member")
    mine.refresh_from_db()
    assert mine.role == "member"
    client.force_login(member.user)
    decide(mine, "remove")
    assert not Membership.objects.filter(pk=mine.pk).exists()
    page = client.get(reverse("organisations:history", args=[organisation.pk])).content.decode()
    assert page.count("Changed a member&#39;s role") == 2 and "Removed a member" in page
    assert admin.email in page


def test_the_last_admin_cannot_step_down_or_be_removed(client):
    admin, organisation, member = _admin_with_member()
    mine = admin.memberships.get()
    client.force_login(admin)
    for change in ("make-member", "remove"):
        response = client.post(reverse("organisations:decide",
                                       args=[organisation.pk, mine.pk, change]), follow=True)
        assert "is the only admin" in response.content.decode()
    mine.refresh_from_db()
    assert mine.role == "admin"


@pytest.mark.parametrize("who, status", [
    ("anonymous", 302), ("member", 403), ("other admin", 403), ("admin", 200)])
def test_membership_changes_and_history_are_for_the_organisations_admins(client, who, status):
    admin, organisation, member = _admin_with_member()
    users = {"anonymous": None, "member": member.user, "admin": admin,
             "other admin": MembershipFactory(role="admin").user}
    if users[who]:
        client.force_login(users[who])
    history = client.get(reverse("organisations:history", args=[organisation.pk]))
    assert history.status_code == status
    change = client.post(reverse("organisations:decide",
                                 args=[organisation.pk, member.pk, "make-admin"]))
    assert change.status_code == (302 if status == 200 else status)
    member.refresh_from_db()
    assert member.role == ("admin" if who == "admin" else "member")
