import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_verified_person_signs_in_with_email_and_password(client):
    UserFactory(email="ann@example.org", full_name="Ann Example")
    response = _sign_in(client, "ann@example.org", PASSWORD)
    assert response.status_code == 302
    assert "Ann Example" in client.get("/").content.decode()


def test_an_unverified_person_is_asked_to_verify_first(client):
    UserFactory(email="new@example.org", verified=False)
    response = _sign_in(client, "new@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("account_email_verification_sent")
    assert not client.session.get("_auth_user_id")


def test_the_sixth_wrong_password_in_five_minutes_is_refused_even_when_correct(client):
    UserFactory(email="target@example.org")
    for _ in range(5):
        response = _sign_in(client, "target@example.org", "wrong password")
        assert response.status_code == 200
        assert "not correct" in response.content.decode()
    response = _sign_in(client, "target@example.org", PASSWORD)
    assert not client.session.get("_auth_user_id")
    assert "Too many wrong passwords" in response.content.decode()


def test_the_lock_is_per_account_so_others_can_still_sign_in(client):
    UserFactory(email="target@example.org")
    UserFactory(email="other@example.org")
    for _ in range(5):
        _sign_in(client, "target@example.org", "wrong password")
    response = _sign_in(client, "other@example.org", PASSWORD)
    assert response.status_code == 302


def test_the_sign_in_form_shows_the_nhs_error_summary(client):
    UserFactory(email="ann@example.org")
    html = _sign_in(client, "ann@example.org", "wrong password").content.decode()
    assert "nhsuk-error-summary" in html
    assert "There is a problem" in html
    # What the person typed is kept.
    assert 'value="ann@example.org"' in html


def test_the_admin_sign_in_goes_through_the_portal_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("account_login"))
