import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.emails import invitation_link
from partnerships.models import Invitation
from tests.factories import CharityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(partnership, leader, django_capture_on_commit_callbacks):
    charity = CharityFactory(name="Helpful Charity")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            user=leader, partnership=partnership, email="Guest@Charity.org", role="contributor",
            organisation=charity, organisation_role="charity")
    return invitation


def _link_path(invitation):
    return invitation_link(invitation).split("testserver")[-1].replace(
        "http://127.0.0.1:8000", "")


def test_the_invitation_email_carries_a_working_link(client, invitation):
    assert mail.outbox[-1].to == ["guest@charity.org"]
    link = re.search(r"http\S+/partnerships/invitations/\S+/", mail.outbox[-1].body).group(0)
    assert mail.outbox[-1].alternatives  # an HTML part too
    response = client.get(link.replace("http://127.0.0.1:8000", ""))
    assert "Join Rare cancers partnership" in response.content.decode()


def test_the_invited_person_accepts_and_their_organisation_joins(client, invitation, partnership):
    guest = UserFactory(email="guest@charity.org")
    client.force_login(guest)
    response = client.post(_link_path(invitation) + "accept/")
    assert response.headers["Location"] == partnership.get_absolute_url()
    assert partnership.people.get(user=guest).role == "contributor"
    assert partnership.partners.filter(organisation__name="Helpful Charity",
                                       role="charity").exists()
    assert client.get(partnership.get_absolute_url()).status_code == 200


def test_a_used_link_cannot_be_used_again(client, invitation):
    guest = UserFactory(email="guest@charity.org")
    client.force_login(guest)
    client.post(_link_path(invitation) + "accept/")
    response = client.get(_link_path(invitation))
    assert "already been used" in response.content.decode()
    assert response.status_code == 410


def test_an_expired_link_is_refused_with_a_clear_message(client, invitation):
    guest = UserFactory(email="guest@charity.org")
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(guest)
        response = client.post(_link_path(invitation) + "accept/")
    assert "has expired" in response.content.decode()
    assert not invitation.partnership.people.filter(user=guest).exists()


def test_a_tampered_link_is_refused(client, invitation):
    path = _link_path(invitation)
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.get(tampered)
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert client.get("/partnerships/invitations/garbage/").status_code == 404


def test_someone_else_cannot_accept_an_invitation_meant_for_another(client, invitation):
    client.force_login(UserFactory(email="intruder@example.org"))
    response = client.post(_link_path(invitation) + "accept/")
    assert "was sent to guest@charity.org" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == "pending"


def test_a_cancelled_invitation_no_longer_works(client, invitation, leader):
    client.force_login(leader)
    client.post(reverse("partnerships:invitation_manage",
                        args=[invitation.partnership.pk, invitation.pk, "cancel"]))
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.CANCELLED
    client.force_login(UserFactory(email="guest@charity.org"))
    response = client.get(_link_path(invitation))
    assert "can no longer be used" in response.content.decode()


def test_resending_extends_the_expiry_and_sends_again(client, invitation, leader,
                                                      django_capture_on_commit_callbacks):
    sent = len(mail.outbox)
    with time_machine.travel(timezone.now() + timedelta(days=10)):
        client.force_login(leader)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("partnerships:invitation_manage",
                                args=[invitation.partnership.pk, invitation.pk, "resend"]))
        invitation.refresh_from_db()
        assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert len(mail.outbox) == sent + 1


def test_an_anonymous_visitor_is_offered_to_sign_up_or_sign_in(client, invitation):
    html = client.get(_link_path(invitation)).content.decode()
    assert "Create an account" in html
    assert "next=" in html


def test_declining_needs_the_invited_person_signed_in(client, invitation):
    response = client.post(_link_path(invitation) + "decline/")
    assert response.headers["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory(email="someone.else@example.org"))
    html = client.post(_link_path(invitation) + "decline/").content.decode()
    assert "was sent to guest@charity.org" in html
    invitation.refresh_from_db()
    assert invitation.state == "pending"


def test_a_cancelled_expired_or_used_link_shows_nothing_private_when_posted_to(
        client, invitation, leader, partnership):
    """Issue 18: only the problem, never the partnership's title or the lead's message."""
    partnership.visibility = "private"
    partnership.save()
    guest = UserFactory(email="guest@charity.org")
    client.force_login(leader)
    client.post(reverse("partnerships:invitation_manage",
                        args=[partnership.pk, invitation.pk, "cancel"]))
    client.force_login(guest)
    for answer in ("accept/", "decline/"):
        response = client.post(_link_path(invitation) + answer)
        html = response.content.decode()
        assert response.status_code == 410
        assert "can no longer be used" in html
        assert partnership.title not in html
    assert client.get(_link_path(invitation) + "accept/").status_code == 405


def test_the_invitation_email_is_queued_for_the_worker_not_sent_inside_the_request(
        partnership, leader, django_capture_on_commit_callbacks, monkeypatch):
    from partnerships import tasks

    queued = []
    monkeypatch.setattr(tasks.send_invitation, "delay", lambda *args: queued.append(args))
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            user=leader, partnership=partnership, email="later@example.org", role="viewer")
    assert queued == [(invitation.pk,)] and len(mail.outbox) == sent

    assert tasks.send_invitation(invitation.pk) == "sent"
    assert mail.outbox[-1].to == ["later@example.org"]
    invitation.refresh_from_db()
    assert invitation.sent_at is not None

    # Cancelled before the worker got to it: nothing is sent.
    services.invitation_cancel(user=leader, invitation=invitation)
    assert tasks.send_invitation(invitation.pk) == "not pending"
    assert len(mail.outbox) == sent + 1
