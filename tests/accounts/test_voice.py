"""Account pages and emails in the service's voice: British English, sentence case, the service's
name and address, and no password asked again straight after signing in."""

import re

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TITLE_CASE = re.compile(r"\b(Sign In|Sign Up|Sign Out|Email Addresses|Change Password|"
                        r"Confirm Email Address|Two-Factor Authentication|Forgot Password)\b")


@pytest.mark.parametrize("path,words", [
    ("/accounts/login/", ["Sign in"]),
    ("/accounts/signup/", ["Create an account"]),
    ("/accounts/password/reset/", ["Reset your password"]),
])
def test_account_pages_use_sentence_case_and_the_services_words(client, path, words):
    html = client.get(path).content.decode()
    for word in words:
        assert word in html
    assert not TITLE_CASE.search(html), TITLE_CASE.search(html).group(0)


def test_signed_in_account_pages_use_sentence_case(client):
    client.force_login(UserFactory())
    for path in ("/accounts/email/", "/accounts/password/change/", "/accounts/2fa/",
                 "/accounts/sessions/"):
        html = client.get(path).content.decode()
        assert not TITLE_CASE.search(html), (path, TITLE_CASE.search(html).group(0))


@override_settings(SITE_URL="https://partnerships.example.nhs.uk")
def test_the_confirmation_email_names_the_service_and_its_address(client):
    client.post("/accounts/signup/", {"full_name": "New Person", "email": "new.person@example.org",
                                      "password1": PASSWORD, "password2": PASSWORD})
    message = mail.outbox[-1]
    assert "\n" not in message.subject
    assert message.subject == "[Research partnerships] Confirm your email address"
    assert "Hello from" not in message.body and "127.0.0.1" not in message.body
    assert "Research partnerships" in message.body
    assert "https://partnerships.example.nhs.uk" in message.body


def test_no_password_is_asked_again_straight_after_signing_in_but_is_after_five_minutes(
        client):
    user = UserFactory(email="p@example.org")
    with time_machine.travel("2026-12-01 09:00", tick=False):
        client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        response = client.post("/accounts/email/", {"action_add": "", "email": "b@example.org"})
        assert response.headers["Location"] == "/accounts/email/"
    with time_machine.travel("2026-12-01 09:06", tick=False):
        response = client.post("/accounts/email/", {"action_add": "", "email": "c@example.org"})
        assert response.headers["Location"].startswith("/accounts/reauthenticate/")


def test_a_curator_is_told_why_an_authenticator_app_is_needed(client):
    curator = UserFactory(groups=["Curators"])
    client.post("/accounts/login/", {"login": curator.email, "password": PASSWORD})
    response = client.get("/case-studies/curate/", follow=True)
    html = response.content.decode()
    assert "Set up an authenticator app" in html
    assert "a stolen password alone must not be enough" in html
