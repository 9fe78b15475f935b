from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _signed_in(client):
    return client.session.get("_auth_user_id") is not None


def test_an_idle_session_is_refused(client, person):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, person)
        assert client.get("/partnerships/mine/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/partnerships/mine/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        response = client.get("/partnerships/mine/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")
    assert not _signed_in(client)


def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(client, person):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, person)
    for minutes in range(20, 12 * 60, 20):  # a request every 20 minutes for 12 hours
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/partnerships/mine/").status_code == 200
    with time_machine.travel(start + timedelta(hours=12, minutes=5), tick=False):
        response = client.get("/partnerships/mine/")
    assert response.status_code == 302 and not _signed_in(client)
