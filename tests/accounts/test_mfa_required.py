import pytest
from django.urls import reverse

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_staff_without_mfa_cannot_reach_the_admin(client, staff):
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_activate_totp")


def test_staff_without_mfa_are_sent_to_set_it_up_from_any_page(client, staff):
    sign_in(client, staff)
    response = client.get("/")
    assert response.headers["Location"] == reverse("mfa_activate_totp")
    # Just signed in: the password is not asked for again, and the page says why it is needed.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Set up an authenticator app" in html and "You manage the service" in html


def test_a_curator_without_mfa_is_sent_to_set_it_up(client, curator):
    client.force_login(curator)
    assert client.get("/").headers["Location"] == reverse("mfa_activate_totp")


def test_staff_without_mfa_can_still_sign_out(client, staff):
    client.force_login(staff)
    assert client.get(reverse("account_logout")).status_code == 200


def test_staff_with_mfa_reach_the_admin(client, staff_with_mfa):
    client.force_login(staff_with_mfa)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Research partnerships administration" in response.content.decode()


def test_other_people_are_not_asked_for_mfa(person_client):
    assert person_client.get("/").status_code == 200
