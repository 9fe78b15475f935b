"""Making, seeing and revoking personal API tokens."""

import pytest
from django.test import Client

from api.models import ApiToken, digest_of
from core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_kept_only_as_its_hash(client, world):
    client.force_login(world["member"])
    response = client.post("/accounts/api-tokens/", {"name": "R&D report", "days": "90"},
                           follow=True)
    page = response.content.decode()
    token = ApiToken.objects.get(user=world["member"])
    secret = page.split('id="new-token" type="text" value="')[1].split('"')[0]
    assert secret.startswith("rpp_") and len(secret) > 40
    assert token.digest == digest_of(secret) and secret not in str(token.__dict__)
    assert (token.expires_at - token.created_at).days in (89, 90)
    assert secret not in client.get("/accounts/api-tokens/").content.decode()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
        f"/api/v1/partnerships/{world['private'].pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="api_token.created").exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"name": "", "days": "90"}, "name", "Enter a name for the token"),
    ({"name": "  \x00 ", "days": "90"}, "name", "Enter a name for the token"),
    ({"name": "ok", "days": "7"}, "days", "Choose how long the token lasts"),
    ({"name": "ok"}, "days", "Choose how long the token lasts"),
    ({"name": "x" * 101, "days": "30"}, "name", "100 characters or fewer"),
])
def test_a_bad_form_says_why_beside_the_field_and_keeps_the_name(client, world, data, field,
                                                                message):
    client.force_login(world["member"])
    response = client.post("/accounts/api-tokens/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and f"{field}-error" in page
    assert "nhsuk-error-summary" in page
    if data.get("name", "").strip("\x00 ") and len(data["name"]) <= 100:
        assert f'value="{data["name"]}"' in page
    assert not ApiToken.objects.exists()


def test_a_person_may_have_ten_working_tokens(client, world):
    client.force_login(world["member"])
    for n in range(10):
        client.post("/accounts/api-tokens/", {"name": f"T{n}", "days": "30"})
    response = client.post("/accounts/api-tokens/", {"name": "One more", "days": "30"})
    assert "revoke one" in response.content.decode()
    assert ApiToken.objects.filter(user=world["member"]).count() == 10


def test_revoking_stops_the_token_at_once(client, world):
    client.force_login(world["member"])
    client.post("/accounts/api-tokens/", {"name": "Old", "days": "30"})
    token = ApiToken.objects.get()
    response = client.post(f"/accounts/api-tokens/{token.pk}/revoke/", follow=True)
    assert "stops working at once" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None and token.state == "Revoked"
    assert "Revoked" in client.get("/accounts/api-tokens/").content.decode()


def test_nobody_else_can_see_or_revoke_a_token(client, world):
    client.force_login(world["member"])
    client.post("/accounts/api-tokens/", {"name": "Mine", "days": "30"})
    token = ApiToken.objects.get()
    other = Client()
    other.force_login(UserFactory())
    assert "Mine" not in other.get("/accounts/api-tokens/").content.decode()
    assert other.post(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 404
    assert other.get(f"/accounts/api-tokens/{token.pk}/revoke/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_pages_need_a_signed_in_person(db):
    response = Client().get("/accounts/api-tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Client().post("/accounts/api-tokens/1/revoke/").status_code == 302
