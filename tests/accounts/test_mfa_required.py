import pytest
from django.urls import reverse

from tests.conftest import sign_in
from tests.factories import PASSWORD

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
    # allauth asks for the password again before adding an authenticator; that page must open.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Activate" in response.content.decode()


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
