"""What needs a person is worked out once per version of the data and day, and never shared."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from drive.models import ActionProgress
from drive.services import progress_ensure
from tests.factories import PartnershipFactory, UserFactory, add_person

pytestmark = pytest.mark.django_db


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    return len(queries), page


def test_needs_are_reused_until_something_is_written_or_a_day_passes(client):
    lead = UserFactory(full_name="Lena Lead")
    partnership = PartnershipFactory(title="Rare cancers partnership")
    add_person(partnership, lead, "lead")
    progress_ensure(partnership)
    progress = ActionProgress.objects.get(partnership=partnership, action__number=1)
    progress.owner, progress.due_date = lead, timezone.localdate() + timedelta(days=1)
    progress.save()
    client.force_login(lead)
    first, page = _queries(client)
    assert "Due soon" in page
    again, page = _queries(client)
    assert again < first and "Due soon" in page
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        client.force_login(lead)  # the old session ended while the days passed
        _, page = _queries(client)
        assert "Overdue" in page
    progress.status = ActionProgress.Status.COMPLETED
    progress.save()
    client.force_login(lead)
    _, page = _queries(client)
    assert "Due soon" not in page and "Overdue" not in page


def test_each_person_s_needs_are_their_own(client):
    lead, other = UserFactory(), UserFactory()
    partnership = PartnershipFactory(title="Rare cancers partnership")
    add_person(partnership, lead, "lead")
    progress_ensure(partnership)
    ActionProgress.objects.filter(partnership=partnership, action__number=1).update(
        owner=lead, due_date=timezone.localdate())
    client.force_login(lead)
    assert "Rare cancers partnership" in client.get("/").content.decode()
    client.force_login(other)
    assert "Rare cancers partnership" not in client.get("/").content.decode()
