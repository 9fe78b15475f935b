"""A list's results are kept per viewer and version of the data: a private partnership never
reaches anyone else's copy, and a change shows in the next page at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from partnerships.models import PartnershipPerson
from tests.factories import PartnershipFactory, UserFactory, add_person

pytestmark = pytest.mark.django_db


def _page(client, query=""):
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/partnerships/" + query).content.decode()
    return html, len(queries)


def test_a_private_partnership_never_reaches_another_viewer_s_copy():
    PartnershipFactory(title="Listed work")
    private = PartnershipFactory(title="Secret work", visibility="private")
    member, other = UserFactory(), UserFactory()
    add_person(private, member, "lead")
    mine, theirs, anyone = Client(), Client(), Client()
    mine.force_login(member)
    theirs.force_login(other)
    assert "Secret work" in _page(mine)[0]  # kept for the member first
    for client in (theirs, anyone):
        html, _ = _page(client)
        assert "Listed work" in html and "Secret work" not in html
        html, _ = _page(client)  # and their own kept copy
        assert "Secret work" not in html


def test_a_kept_copy_costs_fewer_queries_and_any_change_shows_at_once():
    listed = PartnershipFactory(title="Listed work")
    client = Client()
    first, queries_first = _page(client, "?sort=title")
    again, queries_again = _page(client, "?sort=title")
    assert again == first and queries_again < queries_first
    listed.title = "Renamed work"
    listed.save()
    assert "Renamed work" in _page(client, "?sort=title")[0]
    member = UserFactory()
    private = PartnershipFactory(title="Now mine", visibility="private")
    mine = Client()
    mine.force_login(member)
    assert "Now mine" not in _page(mine)[0]
    add_person(private, member, "viewer")
    assert "Now mine" in _page(mine)[0]
    PartnershipPerson.objects.filter(user=member).delete()
    assert "Now mine" not in _page(mine)[0]
