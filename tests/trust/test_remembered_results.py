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


def _record(client, partnership):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_partnership_page_is_kept_per_viewer_and_shows_a_change_at_once():
    partnership = PartnershipFactory(title="Shared work")
    lead, viewer, stranger = UserFactory(), UserFactory(), UserFactory()
    add_person(partnership, lead, "lead")
    add_person(partnership, viewer, "viewer")
    leads, viewers, strangers, anyone = Client(), Client(), Client(), Client()
    for client, user in ((leads, lead), (viewers, viewer), (strangers, stranger)):
        client.force_login(user)
    first, queries_first = _record(leads, partnership)
    again, queries_again = _record(leads, partnership)
    assert "Manage people and invitations" in again and queries_again < queries_first
    # The lead's copy (with the lead's links and the full record) reaches nobody else.
    for client in (viewers, strangers, anyone):
        for _ in range(2):
            html, _queries = _record(client, partnership)
            assert "Shared work" in html and "Manage people and invitations" not in html
    for client in (strangers, anyone):
        assert "Recent changes" not in _record(client, partnership)[0]
    partnership.purpose = "A purpose changed a moment ago"
    partnership.save()
    for client in (leads, viewers, strangers, anyone):
        assert "A purpose changed a moment ago" in _record(client, partnership)[0]


def test_a_removed_member_loses_the_full_record_at_once():
    partnership = PartnershipFactory(title="Closed work", visibility="private")
    member = UserFactory()
    add_person(partnership, member, "contributor")
    client = Client()
    client.force_login(member)
    assert "Recent changes" in _record(client, partnership)[0]
    PartnershipPerson.objects.filter(user=member).delete()
    assert client.get(partnership.get_absolute_url()).status_code == 404


def test_a_kept_page_carries_a_fresh_csrf_token_that_works():
    from config.jinja2 import CSRF_INPUT, CSRF_MARK, remembered_html

    class Request:
        GET = {}
        path = "/somewhere/"
        META = {}
        COOKIES = {}
        user = None

    def form():
        return '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="abc123">'

    first = str(remembered_html("test:csrf", Request(), caller=form))
    second = str(remembered_html("test:csrf", Request(), caller=form))
    tokens = [CSRF_INPUT.search(html).group(0) for html in (first, second)]
    assert "abc123" not in first + second and CSRF_MARK not in first + second
    assert tokens[0] != tokens[1]  # masked anew for each response, never the kept one
