"""Nothing private is kept by a shared cache or the browser's history (issue 18)."""

import pytest
from django.urls import reverse

from partnerships import services
from partnerships.emails import invitation_link

pytestmark = pytest.mark.django_db


def _no_store(response):
    value = response.headers.get("Cache-Control", "")
    return "private" in value and "no-store" in value


def test_every_page_and_export_a_signed_in_person_gets_is_private(client, leader, partnership):
    client.force_login(leader)
    for url in ["/", reverse("partnerships:mine"), partnership.get_absolute_url(),
                reverse("partnerships:export"), reverse("drive:summary", args=[partnership.pk])
                + "?format=csv", reverse("trials:export"), reverse("your_data_download")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_an_invitation_link_is_private_even_to_an_anonymous_visitor(client, leader,
                                                                   partnership):
    invitation = services.invitation_create(user=leader, partnership=partnership,
                                            email="guest@example.org", role="viewer")
    link = invitation_link(invitation).replace("http://127.0.0.1:8000", "")
    assert _no_store(client.get(link))


def test_public_pages_for_anonymous_visitors_may_be_cached(client, partnership):
    assert not _no_store(client.get(reverse("partnerships:directory")))
