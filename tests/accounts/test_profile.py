"""A person's name and job title: asked at sign-up, editable, and asked once of those without."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signing_up_without_a_name_is_refused_beside_the_field_keeping_what_was_typed(client):
    html = client.post(reverse("account_signup"), {
        "full_name": "  \x00 ", "job_title": "Trial manager", "email": "new@example.org",
        "password1": PASSWORD, "password2": PASSWORD}).content.decode()
    assert "Enter your full name" in html and "nhsuk-error-summary" in html
    assert 'value="Trial manager"' in html and 'value="new@example.org"' in html
    assert not mail.outbox


def test_signing_up_keeps_the_name_and_job_title(client, django_user_model):
    client.post(reverse("account_signup"), {
        "full_name": "Robin\x1b Newcomer", "job_title": "Trial\nmanager",
        "email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD})
    person = django_user_model.objects.get(email="new@example.org")
    assert (person.full_name, person.job_title) == ("Robin Newcomer", "Trial manager")


def test_someone_without_a_name_is_asked_for_it_at_sign_in_and_then_sent_on(client):
    UserFactory(email="old@example.org", full_name="")
    response = client.post(reverse("account_login") + "?next=/partnerships/mine/",
                           {"login": "old@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/accounts/profile/?next=%2Fpartnerships%2Fmine%2F"
    page = client.get(response.headers["Location"]).content.decode()
    assert "Tell us your name" in page
    response = client.post(response.headers["Location"],
                           {"full_name": "Olu Old", "job_title": "", "next": "/partnerships/mine/"})
    assert response.headers["Location"] == "/partnerships/mine/"
    client.logout()
    response = client.post(reverse("account_login"),
                           {"login": "old@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/"  # asked once: not again once named


def test_the_profile_page_edits_the_name_and_the_header_shows_it(client):
    person = UserFactory(full_name="Before Name")
    membership = MembershipFactory(user=person)
    client.force_login(person)
    page = client.get(reverse("profile")).content.decode()
    assert 'value="Before Name"' in page and membership.organisation.name in page
    client.post(reverse("profile"), {"full_name": "After Name", "job_title": "Nurse"})
    person.refresh_from_db()
    assert (person.full_name, person.job_title) == ("After Name", "Nurse")
    assert "After Name" in client.get("/").content.decode()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_profile_page_never_sends_a_person_off_the_site(client, next_url):
    client.force_login(UserFactory())
    response = client.post(reverse("profile") + "?next=" + next_url,
                           {"full_name": "A Name", "next": next_url})
    assert response.headers["Location"] == reverse("profile")


def test_a_name_too_long_is_refused_in_plain_english(client):
    person = UserFactory(full_name="Kept")
    client.force_login(person)
    html = client.post(reverse("profile"), {"full_name": "x" * 151}).content.decode()
    assert "Full name must be 150 characters or fewer" in html
    person.refresh_from_db()
    assert person.full_name == "Kept"


def test_the_profile_page_needs_a_signed_in_person(client):
    assert client.get(reverse("profile")).status_code == 302
