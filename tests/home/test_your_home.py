"""A signed-in person's home: what needs them, from the reminders registry's rules (the same the
sweep reads) and what waits for their answer."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charities import services as charity_services
from charities.models import ExpertiseRequest
from drive.models import ActionProgress
from drive.services import progress_ensure
from partnerships.models import Invitation, PartnershipPerson
from reminders.sweep import everything_due
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
TODAY = date(2027, 3, 15)
NOW = datetime(2027, 3, 15, 9, tzinfo=LONDON)


def _world(count, person, charity_person, admin):
    """`count` of every kind of thing that can need someone, set up a fortnight before NOW."""
    trust = NhsTrustFactory()
    charity = CharityFactory()
    MembershipFactory(user=charity_person, organisation=charity)
    MembershipFactory(user=admin, organisation=charity, role="admin")
    offer = charity_services.offer_save(
        user=charity_person, organisation=charity, kind="ppi", title="Patient panel",
        description="A panel.", regions=["london"], health_categories=[])
    for n in range(count):
        partnership = PartnershipFactory(title=f"Partnership {n} of {count}",
                                         lead_organisation=trust, stall_days=7)
        add_person(partnership, person, PartnershipPerson.Role.LEAD)
        progress_ensure(partnership)
        progress = partnership.drive_progress.get(action__number=1)
        progress.owner, progress.status = person, ActionProgress.Status.IN_PROGRESS
        progress.due_date = TODAY - timedelta(days=2) if n % 2 else TODAY + timedelta(days=3)
        progress.save()
        ExpertiseRequest.objects.create(offer=offer, partnership=partnership,
                                        requested_by=person, what_is_needed="A panel, please")
        partnership.partners.create(organisation=charity, role="charity", state="proposed")
        # A commitment the lead agreed for their trust, ending soon, and an indicator whose
        # first result is due.
        lead = partnership.partners.get(role="lead")
        partnership.commitments.create(partner=lead, kind="in-kind", in_kind_type="data",
                                       description=f"Data for {n}", state="agreed",
                                       end_date=TODAY + timedelta(days=10))
        partnership.indicators.create(
            name=f"Measure {n}", unit="participants", baseline_value=0,
            baseline_date=TODAY - timedelta(days=120), target_value=100,
            target_date=TODAY + timedelta(days=240), frequency="quarterly", owner=lead)
        Invitation.objects.create(
            partnership=PartnershipFactory(title=f"Invited {n}"), email=person.email,
            role="viewer", sent_at=timezone.now(),
            expires_at=NOW + timedelta(days=2 if n % 2 else 9))
        MembershipFactory(organisation=charity, state="pending")


@pytest.fixture
def people(db):
    return (UserFactory(email="lead@northshire.nhs.uk", full_name="Lee Lead"),
            UserFactory(email="staff@charity.org", full_name="Cat Staff"),
            UserFactory(email="admin@charity.org", full_name="Ada Admin"))


def _home(client, person):
    client.force_login(person)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_everything_the_sweep_would_remind_a_person_of_today_is_on_their_home_page(
        client, people):
    with time_machine.travel(NOW - timedelta(days=14), tick=False):
        _world(3, *people)
    with time_machine.travel(NOW, tick=False):
        due = list(everything_due(timezone.now()))
        assert {d.kind for d in due} >= {"overdue", "due-soon", "stalled", "invitation-expiring",
                                         "request-unanswered", "partner-unconfirmed",
                                         "commitment-ending", "result-due"}
        for person in people:
            page = _home(client, person).replace("&#39;", "'")
            mine = [d for d in due if d.user_id == person.pk or d.email == person.email]
            assert mine, person
            for reminder in mine:
                assert reminder.title in page, (person.email, reminder.kind)


def test_what_waits_for_an_answer_shows_before_any_reminder_is_due(client, people):
    lead, staff, admin = people
    with time_machine.travel(NOW, tick=False):
        _world(1, *people)
        page = _home(client, staff)
        assert "Waiting for your answer" in page and "asks about Patient panel" in page
        admin_page = _home(client, admin)
        assert "asks to join" in admin_page and "Confirm or decline" in admin_page
        lead_page = _home(client, lead)
        assert "You are invited to Invited 0 as viewer" in lead_page


def test_an_invitation_is_accepted_from_the_home_page(client, people):
    lead = people[0]
    with time_machine.travel(NOW, tick=False):
        _world(1, *people)
        page = _home(client, lead)
        accept = page.split('aria-label="Accept: You are invited to Invited 0')[0]
        action = accept.rsplit('action="', 1)[1].split('"', 1)[0]
        response = client.post(action)
        assert response.status_code == 302
        assert Invitation.objects.get(partnership__title="Invited 0").state == "accepted"


def test_an_empty_home_says_what_to_do_next(client):
    page = _home(client, UserFactory())
    assert "Nothing needs you now" in page and "Join or register your organisation" in page


def test_the_anonymous_home_page_is_the_public_one(client):
    assert "What do you want to do?" in client.get("/").content.decode()


def _queries(people, count):
    with time_machine.travel(NOW - timedelta(days=14), tick=False):
        _world(count, *people)
    counts = []
    with time_machine.travel(NOW, tick=False):
        for person in people:
            client = Client()
            client.force_login(person)
            client.get("/")  # the session settles on the first request
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            counts.append(len(queries))
    return counts


def test_the_home_page_queries_do_not_grow_with_partnerships_actions_invitations_or_requests(
        people):
    few = _queries(people, 5)
    many = _queries(people, 50)
    assert few == many
