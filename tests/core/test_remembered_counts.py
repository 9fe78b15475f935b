"""A large list's count is kept under the data's version: the same count is not worked out on
every request, and any write shows in the next count at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import versions
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, UserFactory, add_person

pytestmark = pytest.mark.django_db


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    return sum(q["sql"].upper().startswith("SELECT COUNT(*)") for q in queries), page


def test_a_count_is_worked_out_once_and_a_write_shows_at_once(client):
    for n in range(3):
        PartnershipFactory(title=f"Listed {n}")
    first, page = _count_queries(client, "/partnerships/")
    assert first == 1 and "3 partnerships found" in page
    again, page = _count_queries(client, "/partnerships/")
    assert again == 0 and "3 partnerships found" in page
    PartnershipFactory(title="Listed 4")
    _, page = _count_queries(client, "/partnerships/")
    assert "4 partnerships found" in page
    Partnership.objects.filter(title="Listed 4").delete()
    assert "3 partnerships found" in client.get("/partnerships/").content.decode()


def test_each_person_s_count_is_their_own(client):
    private = PartnershipFactory(title="Private", visibility="private")
    PartnershipFactory(title="Listed")
    member = UserFactory()
    add_person(private, member, "lead")
    assert "1 partnership found" in client.get("/partnerships/").content.decode()
    client.force_login(member)
    assert "2 partnerships found" in client.get("/partnerships/").content.decode()


def test_a_change_made_without_a_signal_calls_changed():
    before = versions.current()
    versions.changed()
    assert versions.current() != before


def test_a_sign_in_does_not_throw_every_kept_result_away(client):
    person = UserFactory()
    before = versions.current()
    client.force_login(person)  # saves last_login only
    assert versions.current() == before
    UserFactory()
    assert versions.current() != before
