"""Given a new person, when they sign up, verify, add an authenticator and sign in again with a
code, then every page they see is accessible and works."""

import re
from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import check_page

pytestmark = pytest.mark.browser

EMAIL = "new.leader@example.nhs.uk"
PASSWORD = "a long and unusual passphrase 42"


def test_a_person_signs_up_verifies_sets_up_totp_and_signs_in_with_a_code(page):
    # The pages a newcomer reads first
    for path in ("/", "/privacy/", "/cookies/"):
        page.goto(path)
        check_page(page)

    # Given the sign-up page
    page.goto("/accounts/signup/")
    check_page(page)

    # When they make a mistake, they see the error summary and keep what they typed
    page.get_by_label("Full name").fill("Robin Newcomer")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill("something else entirely")
    page.get_by_role("button", name="Create an account").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert page.get_by_label("Email").input_value() == EMAIL
    check_page(page)

    # And when they correct it, they are asked to verify their email
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    check_page(page)

    # When they follow the link in the email
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    check_page(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(lambda url: "confirm-email" not in url)
    expect(page.get_by_text("Robin Newcomer").first).to_be_visible()

    # And set up an authenticator app (signed in by the email link, not a password, so the
    # password is asked for first)
    page.goto("/accounts/2fa/totp/activate/")
    check_page(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/2fa/totp/activate/")
    check_page(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Set it up").click()
    page.wait_for_url(lambda url: "activate" not in url)
    check_page(page)

    # And sign out
    page.goto("/accounts/logout/")
    check_page(page)
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()

    # Then, a period later (a TOTP code works once), they sign in with a new code
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=True):
        page.goto("/accounts/login/")
        check_page(page)
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/2fa/authenticate/")
        check_page(page)
        page.locator("#id_code").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(lambda url: "authenticate" not in url)
        expect(page.get_by_text("Robin Newcomer").first).to_be_visible()
        check_page(page)
