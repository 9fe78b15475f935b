"""Odd and hostile text in every field: a clear message or a safe save, never a 500."""

import pytest
from django.urls import reverse

from organisations.models import HealthCategory
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

NASTY = [
    "nul\x00byte",
    "<script>alert(1)</script>",
    "x" * 6000,
    "   ",
    "Ünïcödé ✓ 🧬",
    "line\r\nbreak",
]


def _purpose(value, trust=None):
    data = {"title": value, "purpose": value, "topics": value, "visibility": value,
            "start_date_0": value, "start_date_1": "1", "start_date_2": "2027",
            "end_date_0": "", "end_date_1": "", "end_date_2": ""}
    if trust:
        data["lead_organisation"] = trust.pk
    return data


@pytest.mark.parametrize("value", NASTY)
def test_every_registration_field_survives_odd_text(client, leader, trust, value):
    client.force_login(leader)
    response = client.post(reverse("partnerships:start"), _purpose(value, trust))
    assert response.status_code == 200  # refused with messages, not saved
    html = response.content.decode()
    assert "nhsuk-error-summary" in html
    assert "<script>alert(1)</script>" not in html
    assert not Partnership.objects.exists()


@pytest.mark.parametrize("value", NASTY)
def test_every_organisation_field_survives_odd_text(person_client, value):
    fields = ("name", "kind", "region", "website", "email_domain", "ods_code",
              "charity_number_england_wales", "charity_number_scotland",
              "charity_number_northern_ireland", "company_number")
    data = dict.fromkeys(fields, value)
    response = person_client.post(reverse("organisations:create"), data)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("value", NASTY)
def test_every_invitation_field_survives_odd_text(client, partnership, leader, value):
    client.force_login(leader)
    response = client.post(reverse("partnerships:register", args=[partnership.pk, "people"]),
                           {"email": value, "role": value, "organisation": value,
                            "organisation_role": value, "message": value})
    assert response.status_code == 200
    assert not partnership.invitations.exists()


def test_html_typed_into_a_valid_field_is_shown_as_text(client, partnership, leader):
    client.force_login(leader)
    client.post(reverse("partnerships:edit", args=[partnership.pk]), {
        "title": "<b onmouseover=alert(1)>Bold</b>", "purpose": "<img src=x onerror=alert(1)>",
        "visibility": "listed", "status": "active",
        "health_categories": [HealthCategory.objects.first().pk],
        "start_date_0": "", "start_date_1": "", "start_date_2": "",
        "end_date_0": "", "end_date_1": "", "end_date_2": ""})
    partnership.refresh_from_db()
    assert partnership.title.startswith("<b")
    html = client.get(partnership.get_absolute_url()).content.decode()
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("day,month,year", [("31", "2", "2027"), ("1", "13", "2027"),
                                            ("x", "1", "2027"), ("1", "", "2027"),
                                            ("1", "1", "99999")])
def test_an_impossible_date_gets_a_message_and_keeps_the_input(client, leader, trust, day,
                                                               month, year):
    client.force_login(leader)
    data = {**_purpose("Fine"), "title": "Fine", "purpose": "Fine", "visibility": "listed",
            "lead_organisation": trust.pk,
            "start_date_0": day, "start_date_1": month, "start_date_2": year}
    html = client.post(reverse("partnerships:start"), data).content.decode()
    assert "Enter a real date" in html or "Enter a day, month and year" in html
    assert 'href="#id_start_date_0"' in html
    if day:
        assert f'value="{day}"' in html


def test_a_nul_character_on_a_draft_step_is_kept_without_it_not_a_500(client, leader, trust):
    from tests.conftest import add_person

    client.force_login(leader)
    draft = Partnership.objects.create(title="A draft", purpose="p", lead_organisation=trust)
    add_person(draft, leader, "lead")
    response = client.post(reverse("partnerships:register", args=[draft.pk, "purpose"]),
                           {"title": "Bad\x00title", "purpose": ""})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.draft_answers["purpose"]["title"] == ["Badtitle"]
