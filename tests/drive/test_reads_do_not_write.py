"""Pages read: a GET of the DRIVE pages writes nothing, and related work is kept stemmed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drive import related
from drive.services import progress_ensure

pytestmark = pytest.mark.django_db


def test_the_task_list_and_an_action_page_write_nothing_on_get(client, partnership, leader):
    progress_ensure(partnership)
    client.force_login(leader)
    for url in (reverse("drive:task_list", args=[partnership.pk]),
                reverse("drive:action", args=[partnership.pk, "define-purpose"]),
                reverse("drive:summary", args=[partnership.pk])):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(
            ("INSERT", "UPDATE", "DELETE")) and "session" not in q["sql"]]
        assert writes == [], url


def test_a_partnership_without_its_actions_gets_them_once(partnership):
    partnership.drive_progress.all().delete()
    progress_ensure(partnership)
    assert partnership.drive_progress.count() == 5


def test_cached_related_work_is_kept_already_stemmed(partnership):
    from charities.models import ExpertiseOffer
    from charities.related import open_offers
    from tests.factories import CharityFactory

    ExpertiseOffer.objects.create(organisation=CharityFactory(), kind="ppi", status="open",
                                  title="Rare cancers panel", description="People with rare "
                                  "cancers review trial plans")
    arguments = (open_offers, True, partnership, set(), {"rare"}, None)
    related._candidates(*arguments)  # noqa: SLF001 - worked out and kept
    again = related._candidates(*arguments)  # noqa: SLF001 - read back from the cache
    assert again and all("words" in c.__dict__ for c in again)
