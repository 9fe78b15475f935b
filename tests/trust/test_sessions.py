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


def _second_client(person):
    from django.test import Client

    other = Client()
    sign_in(other, person)
    assert other.get("/partnerships/mine/").status_code == 200
    return other


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(client, person):
    from tests.factories import PASSWORD

    sign_in(client, person)
    other = _second_client(person)
    response = client.post("/accounts/password/change/", {
        "oldpassword": PASSWORD, "password1": "a-new-long-password-2026",
        "password2": "a-new-long-password-2026"})
    assert response.status_code == 302
    assert client.get("/partnerships/mine/").status_code == 200
    assert other.get("/partnerships/mine/").status_code == 302
    assert not _signed_in(other)
    from allauth.usersessions.models import UserSession

    # This session is still listed, under its new key, and the other one is gone.
    [row] = UserSession.objects.filter(user=person)
    assert row.session_key == client.session.session_key


def test_changing_the_email_ends_the_other_sessions_and_keeps_reminder_choices(
        client, person, mailoutbox):
    import re

    from allauth.account.models import EmailAddress

    from reminders.models import NotificationPreference
    from tests.factories import PASSWORD

    NotificationPreference.objects.create(email=person.email, kind="drive", cadence="none")
    sign_in(client, person)
    other = _second_client(person)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/accounts/email/", {"action_add": "", "email": "new@example.org"})
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[-1].body)
    client.post(link.group(1))
    assert EmailAddress.objects.get(email="new@example.org").verified
    response = client.post("/accounts/email/", {"action_primary": "",
                                                "email": "new@example.org"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "new@example.org"
    assert client.get("/partnerships/mine/").status_code == 200
    assert other.get("/partnerships/mine/").status_code == 302
    assert NotificationPreference.objects.get(kind="drive").email == "new@example.org"


def test_a_deactivated_person_is_signed_out_at_their_next_request(client, person):
    sign_in(client, person)
    person.is_active = False
    person.save(update_fields=["is_active"])
    response = client.get("/partnerships/mine/")
    assert response.status_code == 302 and response.headers["Location"].startswith(
        "/accounts/login/")
    assert not _signed_in(client)


def _change(client, url, n):
    if url == "/accounts/email/":
        return client.post(url, {"action_add": "", "email": f"other{n}@example.org"})
    return client.get(url)


def _asks_for_password(response):
    return response.status_code == 302 and response.headers["Location"].startswith(
        "/accounts/reauthenticate/")


@pytest.mark.parametrize("url", ["/accounts/email/", "/accounts/2fa/totp/activate/"])
def test_changing_email_or_mfa_asks_for_the_password_again(client, person, url):
    """Not straight after signing in (the password was just given), but 5 minutes later."""
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, person)
        assert not _asks_for_password(_change(client, url, 1))
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert _asks_for_password(_change(client, url, 2))
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        assert not _asks_for_password(_change(client, url, 3))
    with time_machine.travel(start + timedelta(minutes=12), tick=False):
        assert _asks_for_password(_change(client, url, 4))
    emails = set(EmailAddress.objects.filter(user=person).values_list("email", flat=True))
    assert "other2@example.org" not in emails and "other4@example.org" not in emails
    if url == "/accounts/email/":
        assert {"other1@example.org", "other3@example.org"} <= emails


def test_last_seen_on_the_sessions_page_is_written_at_most_once_a_minute(client, person):
    from allauth.usersessions.models import UserSession

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, person)
        client.get("/partnerships/mine/")
    first = UserSession.objects.get(user=person).last_seen_at
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get("/partnerships/mine/")
    assert UserSession.objects.get(user=person).last_seen_at == first
    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        client.get("/partnerships/mine/")
    assert UserSession.objects.get(user=person).last_seen_at > first
