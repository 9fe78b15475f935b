"""Downloading your data, and closing your account (UK GDPR)."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from charities.models import RequestMessage
from core.models import AuditEvent
from organisations.models import Membership
from partnerships import services as partnership_services
from partnerships.models import Invitation, Partnership, PartnershipPerson
from reminders.models import NotificationPreference
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expertise_request(roles, partnership):
    from charities import services
    from tests.factories import CharityFactory

    charity = CharityFactory(name="Helpful Charity")
    staff = UserFactory(email="staff@helpful.org", full_name="Charity Staffer")
    MembershipFactory(user=staff, organisation=charity, role="admin")
    offer = services.offer_save(
        user=staff, organisation=charity, kind="ppi", title="Patient panel for trials",
        description="People affected by rare cancers review your plans.", regions=["london"],
        health_categories=[])
    return services.request_create(user=roles["contributor"], offer=offer,
                                   partnership=partnership, what_is_needed="A patient panel")


def _download(client):
    response = client.get(reverse("your_data_download"))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]
    return json.loads(response.content)


def test_the_download_holds_my_memberships_partnerships_and_requests_and_nobody_elses(
        client, roles, partnership, expertise_request):
    me = roles["contributor"]
    MembershipFactory(user=me)
    partnership_services.invitation_create(
        user=roles["lead"], partnership=partnership, email="someone.else@example.org",
        role=PartnershipPerson.Role.VIEWER)
    RequestMessage.objects.create(request=expertise_request, author=me,
                                  text="My question about recruitment")
    RequestMessage.objects.create(request=expertise_request, author=roles["lead"],
                                  text="The lead's own words")
    client.force_login(me)
    data = _download(client)
    assert data["person"]["email"] == me.email
    assert [p["partnership"] for p in data["partnerships"]] == [partnership.title]
    assert data["partnerships"][0]["role"] == "contributor"
    assert {m["organisation"] for m in data["memberships"]} == {
        m.organisation.name for m in Membership.objects.filter(user=me)}
    assert data["memberships"]
    [request] = data["requests_for_help"]
    assert request["your_messages"] == [
        {"at": request["your_messages"][0]["at"], "text": "My question about recruitment"}]
    text = json.dumps(data)
    others = User.objects.exclude(pk=me.pk)
    for other in others:
        assert other.email not in text
        if other.full_name:
            assert other.full_name not in text
    assert "someone.else@example.org" not in text and "The lead's own words" not in text


@pytest.mark.parametrize("url", ["your_data", "your_data_download", "close_account"])
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(reverse(url))
    assert response.status_code == 302 and "/accounts/login/" in response.headers["Location"]


def test_the_only_lead_cannot_close_until_they_hand_over(client, roles, partnership):
    lead = roles["lead"]
    client.force_login(lead)
    page = client.get(reverse("close_account")).content.decode()
    assert f"You are the only lead of {partnership.title}" in page
    response = client.post(reverse("close_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert User.objects.filter(pk=lead.pk).exists()
    contributor = PartnershipPerson.objects.get(partnership=partnership,
                                                user=roles["contributor"])
    partnership_services.person_change_role(user=lead, person=contributor,
                                            role=PartnershipPerson.Role.LEAD)
    assert "only lead" not in client.get(reverse("close_account")).content.decode()


def test_the_only_admin_of_an_organisation_with_members_cannot_close(client):
    admin = MembershipFactory(role="admin").user
    MembershipFactory(organisation=admin.memberships.get().organisation)
    client.force_login(admin)
    assert "You are the only admin of" in client.get(reverse("close_account")).content.decode()


def test_a_wrong_password_is_an_error_beside_the_field_and_nothing_closes(client, person):
    client.force_login(person)
    response = client.post(reverse("close_account"), {"password": "not-it"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The password is not right" in page and "nhsuk-error-summary" in page
    assert "Confirm that you understand" in page
    assert User.objects.filter(pk=person.pk).exists()


def test_closing_deletes_the_person_and_takes_their_name_off_the_history(
        client, roles, partnership):
    me = roles["contributor"]
    email = me.email
    NotificationPreference.objects.create(email=email, kind="drive", cadence="weekly")
    draft = Partnership.objects.create(title="My private draft", purpose="x",
                                       lead_organisation=partnership.lead_organisation)
    PartnershipPerson.objects.create(partnership=draft, user=me, role="lead")
    partnership_services.person_change_role(
        user=roles["lead"], person=PartnershipPerson.objects.get(partnership=partnership,
                                                                 user=me),
        role=PartnershipPerson.Role.VIEWER)
    client.force_login(me)
    response = client.post(reverse("close_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=me.pk).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not NotificationPreference.objects.filter(email=email).exists()
    assert not Partnership.objects.filter(pk=draft.pk).exists()
    assert Partnership.objects.filter(pk=partnership.pk).exists()
    assert not Invitation.objects.filter(email=email).exists()
    for event in AuditEvent.objects.all():
        assert email not in json.dumps(event.details)
        assert me.display_name not in json.dumps(event.details)
    assert client.get("/partnerships/mine/").status_code == 302  # signed out


def test_closing_leaves_someone_elses_history_with_the_same_name_alone(client, roles,
                                                                      partnership):
    from partnerships.models import Partnership as P
    from tests.conftest import add_person

    me = roles["contributor"]
    namesake = UserFactory(email="namesake@example.org", full_name=me.display_name)
    elsewhere = P.objects.create(title="Elsewhere", purpose="p",
                                 lead_organisation=partnership.lead_organisation,
                                 status="active")
    add_person(elsewhere, roles["lead"], "lead")
    add_person(elsewhere, namesake, "contributor")
    partnership_services.person_change_role(
        user=roles["lead"], person=PartnershipPerson.objects.get(partnership=elsewhere,
                                                                 user=namesake),
        role=PartnershipPerson.Role.VIEWER)
    client.force_login(me)
    client.post(reverse("close_account"), {"password": PASSWORD, "confirm": "on"})
    event = AuditEvent.objects.about(elsewhere).get(action="person.role_changed")
    assert event.details["person"] == me.display_name  # the namesake's, untouched


def test_a_closed_account_can_sign_up_again(client, person):
    client.force_login(person)
    client.post(reverse("close_account"), {"password": PASSWORD, "confirm": "on"})
    assert not User.objects.filter(email=person.email).exists()
    UserFactory(email=person.email)


def test_an_address_i_have_not_verified_shows_nothing_of_its_owner_and_closing_leaves_it_alone(
        client, roles, partnership):
    """Anyone can type someone else's address into their account: until it is verified, their
    invitations and reminder choices are not mine to download or to delete."""
    me = roles["outsider"]
    theirs = "real.owner@example.nhs.uk"
    EmailAddress.objects.create(user=me, email=theirs, verified=False, primary=False)
    partnership_services.invitation_create(
        user=roles["lead"], partnership=partnership, email=theirs,
        role=PartnershipPerson.Role.VIEWER)
    NotificationPreference.objects.create(email=theirs, kind="drive", cadence="none")
    client.force_login(me)
    data = _download(client)
    assert data["invitations_received"] == []
    assert data["reminder_choices"] == []
    assert partnership.title not in json.dumps(data)

    response = client.post(reverse("close_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email=theirs, state="pending").exists()
    assert NotificationPreference.objects.get(email=theirs).cadence == "none"


def test_closing_takes_the_name_off_the_drive_history_of_actions_the_person_owned(
        client, roles, partnership):
    """Issue 18: "Owner: someone@example.org" stayed in the DRIVE action's history."""
    from drive import services as drive_services
    from drive.models import ActionProgress

    me = UserFactory(email="owner.person@example.org", full_name="")
    PartnershipPerson.objects.create(partnership=partnership, user=me, role="contributor")
    drive_services.progress_ensure(partnership)
    progress = partnership.drive_progress.get(action__number=1)
    drive_services.progress_update(user=roles["lead"], progress=progress, owner=me,
                                   notes="Owner set")
    event = AuditEvent.objects.about(progress).get(action="drive.updated")
    assert event.details["owner"] == me.display_name
    client.force_login(me)
    assert client.post(reverse("close_account"),
                       {"password": PASSWORD, "confirm": "on"}).status_code == 302
    event.refresh_from_db()
    assert event.details["owner"] == "a closed account"
    assert ActionProgress.objects.get(pk=progress.pk).owner is None
