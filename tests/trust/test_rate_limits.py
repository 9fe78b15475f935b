"""Hourly limits on what sends email to other people, with a clear message when reached."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from organisations.models import Membership
from tests.factories import NhsTrustFactory

pytestmark = pytest.mark.django_db
LIMITS = {"invitation": 3, "join": 2, "expertise_request": 10, "nomination": 5}


@override_settings(HOURLY_LIMITS=LIMITS)
def test_invitations_stop_at_the_hourly_limit_with_a_message(client, partnership, leader):
    client.force_login(leader)
    url = reverse("partnerships:register", args=[partnership.pk, "people"])
    for n in range(3):
        client.post(url, {"email": f"p{n}@example.org", "role": "viewer"})
    response = client.post(url, {"email": "p4@example.org", "role": "viewer"})
    assert "3 invitations in the last hour" in response.content.decode()
    assert partnership.invitations.count() == 3
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        client.force_login(leader)
        client.post(url, {"email": "p4@example.org", "role": "viewer"})
    assert partnership.invitations.count() == 4


@override_settings(HOURLY_LIMITS=LIMITS)
def test_join_requests_stop_at_the_hourly_limit(client, person):
    client.force_login(person)
    trusts = [NhsTrustFactory() for _ in range(3)]
    for trust in trusts:
        response = client.post(reverse("organisations:join", args=[trust.pk]), follow=True)
    assert "2 requests to join organisations in the last hour" in response.content.decode()
    assert Membership.objects.filter(user=person).count() == 2


@override_settings(HOURLY_LIMITS=LIMITS)
def test_asking_again_after_a_refusal_counts_toward_the_join_limit(client, person):
    """Issue 18: refused, ask again, refused, ask again... each request is one more email to
    the organisation's admins."""
    trust = NhsTrustFactory()
    client.force_login(person)
    asked = 0
    for _ in range(4):
        client.post(reverse("organisations:join", args=[trust.pk]))
        membership = Membership.objects.get(user=person, organisation=trust)
        if membership.state == Membership.State.PENDING:
            asked += 1
            membership.state = Membership.State.REFUSED  # the admin says no
            membership.save()
    assert asked == 2
