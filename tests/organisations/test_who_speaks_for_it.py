"""Acting in an organisation's name (issue 17): a shared email domain cannot let everyone in,
and its admins hear of every request to join and every join through its domain."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations.models import Membership, Organisation
from tests.factories import MembershipFactory, NhsTrustFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("domain", ["nhs.net", "gmail.com", "@Outlook.com ", "NHS.NET"])
def test_a_shared_or_public_domain_cannot_be_a_join_at_once_domain(client, domain):
    trust = NhsTrustFactory()
    admin = MembershipFactory(organisation=trust, role="admin").user
    client.force_login(admin)
    response = client.post(reverse("organisations:edit", args=[trust.pk]), {
        "name": trust.name, "kind": "nhs-trust", "ods_code": trust.ods_code,
        "email_domain": domain})
    page = response.content.decode()
    assert response.status_code == 200 and "shared by people of many organisations" in page
    assert Organisation.objects.get(pk=trust.pk).email_domain == ""


def test_a_shared_domain_set_before_it_was_refused_lets_nobody_in_at_once(client):
    trust = NhsTrustFactory()
    Organisation.objects.filter(pk=trust.pk).update(email_domain="nhs.net",
                                                    email_domain_confirmed_at=timezone.now())
    someone = UserFactory(email="anyone@nhs.net")
    client.force_login(someone)
    client.post(reverse("organisations:join", args=[trust.pk]))
    assert Membership.objects.get(user=someone, organisation=trust).state == "pending"


def test_admins_are_emailed_about_a_request_to_join_and_a_join_through_the_domain(
        client, django_capture_on_commit_callbacks):
    trust = NhsTrustFactory(email_domain="example.nhs.uk", email_domain_confirmed_at=timezone.now())
    admin = MembershipFactory(organisation=trust, role="admin").user
    asking = UserFactory(email="asking@elsewhere.org", full_name="Asha Asker")
    client.force_login(asking)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisations:join", args=[trust.pk]))
    sent = mail.outbox[-1]
    assert sent.to == [admin.email] and "Asha Asker asks to join" in sent.subject
    assert "Approve or refuse" in sent.body

    insider = UserFactory(email="new.starter@example.nhs.uk", full_name="Nina New")
    client.force_login(insider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisations:join", args=[trust.pk]))
    sent = mail.outbox[-1]
    assert sent.to == [admin.email] and "Nina New joined" in sent.subject
    assert "remove them" in sent.body
