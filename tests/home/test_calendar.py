"""A person's private calendar address: their DRIVE due dates and invitation expiries as
iCalendar, for Outlook and NHSmail; shown once, replaced or stopped at once."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from drive.models import ActionProgress
from drive.services import progress_ensure
from home.models import CalendarFeed
from partnerships import services as partnership_services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _make(client):
    client.post(reverse("calendar"), {"action": "create"})
    page = client.get(reverse("calendar")).content.decode()
    start = page.index("http://", page.index('id="calendar-url"'))
    return page[start:page.index('"', start)]


def _events(client, url):
    response = client.get(url.split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_address_is_shown_once_and_holds_the_person_s_dates(client, partnership, leader):
    progress_ensure(partnership)
    progress = partnership.drive_progress.select_related("action").order_by("action__number")
    owned, other, done = progress[0], progress[1], progress[2]
    ActionProgress.objects.filter(pk=owned.pk).update(owner=leader, due_date=date(2027, 1, 8))
    ActionProgress.objects.filter(pk=other.pk).update(due_date=date(2027, 1, 9))  # nobody's
    ActionProgress.objects.filter(pk=done.pk).update(owner=leader, due_date=date(2027, 1, 10),
                                                     status="completed")
    inviter = UserFactory()
    partnership_services.invitation_create(user=leader, partnership=partnership,
                                           email="someone@example.org", role="viewer")
    guest_invitation = partnership.invitations.create(
        email=leader.email, role="viewer", invited_by=inviter, sent_at=timezone.now())
    client.force_login(leader)
    url = _make(client)
    assert url not in client.get(reverse("calendar")).content.decode()  # shown once
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarFeed.objects.filter(token_hash=token).exists()  # kept only hashed

    client.logout()  # a calendar app has no session
    events = _events(client, url)
    due = events[f"{owned.action.title} due: {partnership.title}"]
    assert due.decoded("dtstart") == date(2027, 1, 8)
    assert due.decoded("dtend") == date(2027, 1, 9)
    assert f"/partnerships/{partnership.pk}/drive/" in str(due["url"])
    expiry = events[f"Invitation to {partnership.title} expires"]
    assert expiry.decoded("dtend") == guest_invitation.expires_at.replace(microsecond=0)
    assert len(events) == 2  # nobody's action, a completed one, others' invitations: not here
    assert CalendarFeed.objects.get(user=leader).last_used_at is not None


def test_a_new_address_ends_the_old_one_and_stopping_ends_both(client, person):
    client.force_login(person)
    first = _make(client)
    second = _make(client)
    assert first != second
    path = first.split("://", 1)[1].split("/", 1)[1].join(["/", ""])
    assert client.get(path).status_code == 404
    client.post(reverse("calendar"), {"action": "stop"})
    assert not CalendarFeed.objects.filter(user=person).exists()
    assert client.get(second.split("://", 1)[1].split("/", 1)[1].join(["/", ""])).status_code \
        == 404


@pytest.mark.parametrize("token", ["x", "a" * 2000, "%00", "..%2F..%2Fetc"])
def test_a_made_up_address_is_not_found(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_an_inactive_person_s_calendar_stops(client, person):
    client.force_login(person)
    url = _make(client)
    person.is_active = False
    person.save()
    assert client.get(url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])).status_code \
        == 404


def test_the_calendar_page_needs_a_signed_in_person(client):
    assert client.get(reverse("calendar")).status_code == 302


def test_a_partnership_title_with_odd_characters_stays_one_line(client, partnership, leader):
    partnership.title = "Line; one, two\\three"
    partnership.save()
    progress_ensure(partnership)
    ActionProgress.objects.filter(partnership=partnership, action__number=1).update(
        owner=leader, due_date=timezone.localdate() + timedelta(days=3))
    client.force_login(leader)
    events = _events(client, _make(client))
    assert "Define purpose due: Line; one, two\\three" in {k.replace("\r\n ", "") for k in events}
