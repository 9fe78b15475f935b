"""Notifications in the portal: what happened to things a person is part of, counted in the
header until seen, with the same per-topic choices as the reminder emails."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casestudies import services as casestudy_services
from charities import services as charity_services
from drive.services import progress_ensure, progress_update
from partnerships import services as partnership_services
from reminders.models import Notification, NotificationPreference, ReminderDelivery
from reminders.notify import notify
from tests.conftest import add_totp
from tests.factories import CharityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
NEW = re.compile(r'class="nhsuk-tag[^"]*">\s*New\s*<')


def _titles(user):
    return list(Notification.objects.filter(user=user).values_list("title", flat=True))


def test_an_invitation_to_someone_with_an_account_is_in_their_notifications(partnership, leader):
    guest = UserFactory(email="guest@example.org")
    partnership_services.invitation_create(user=leader, partnership=partnership,
                                           email="GUEST@example.org", role="contributor")
    [note] = Notification.objects.filter(user=guest)
    assert f"invited you to {partnership.title} as contributor" in note.title
    assert note.link.startswith("/partnerships/invitations/") and "://" not in note.link
    assert _titles(leader) == []  # never told of their own doing


def test_accepting_tells_whoever_invited(partnership, leader):
    guest = UserFactory(email="guest@example.org", full_name="Gita Guest")
    invitation = partnership_services.invitation_create(
        user=leader, partnership=partnership, email=guest.email, role="viewer")
    partnership_services.invitation_accept(user=guest, invitation=invitation)
    assert _titles(leader) == [f"Gita Guest accepted your invitation to {partnership.title}"]


def test_an_action_given_to_someone_tells_them_once(partnership, leader, roles):
    progress_ensure(partnership)
    progress = partnership.drive_progress.select_related("action").first()
    progress_update(user=leader, progress=progress, owner=roles["contributor"])
    progress_update(user=leader, progress=progress, owner=roles["contributor"], notes="More")
    [title] = _titles(roles["contributor"])
    assert title.startswith(f"{leader.display_name} gave you {progress.action.title}")
    progress_update(user=leader, progress=progress, owner=leader)  # taking it oneself: quiet
    assert _titles(leader) == []


def test_the_other_side_of_a_request_for_help_is_told(partnership, leader):
    charity = CharityFactory(name="Helpful Charity")
    staff = UserFactory(email="staff@helpful.org")
    MembershipFactory(user=staff, organisation=charity, role="admin")
    offer = charity_services.offer_save(
        user=staff, organisation=charity, kind="ppi", title="Patient panel",
        description="A panel.", regions=["london"], health_categories=[])
    request_ = charity_services.request_create(user=leader, offer=offer, partnership=partnership,
                                               what_is_needed="A panel, please")
    assert _titles(staff) == [f"{partnership.title} asks for your help: Patient panel"]
    charity_services.request_answer(user=staff, request_=request_, accept=True)
    assert _titles(leader) == [
        f"Helpful Charity accepted your request for {partnership.title}"]


def test_a_partner_answering_tells_the_leads(partnership, leader):
    charity = CharityFactory(name="Careful Charity")
    admin = UserFactory(email="admin@careful.org")
    MembershipFactory(user=admin, organisation=charity, role="admin")
    partner = partnership_services.partner_add(user=leader, partnership=partnership,
                                               organisation=charity, role="charity")
    partnership_services.partner_decide(user=admin, partner=partner, confirm=True)
    assert _titles(leader) == [f"Careful Charity confirmed being a partner of {partnership.title}"]


def test_curators_are_told_and_emailed_of_reviews_and_nominations(
        partnership, leader, django_capture_on_commit_callbacks):
    writer = UserFactory(email="writer@example.org", groups=["Curators"])
    second = UserFactory(email="second@example.org", groups=["Curators"])
    quiet = UserFactory(email="quiet@example.org", groups=["Curators"])
    NotificationPreference.objects.create(email=quiet.email, kind="casestudies", cadence="none")
    for curator in (writer, second, quiet):
        add_totp(curator)
    study = casestudy_services.case_study_save(user=writer, title="A story", summary="s")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        casestudy_services.case_study_submit(user=writer, case_study=study)
    assert _titles(second) == ["A story waits for a second curator's review"]
    assert _titles(writer) == [] and _titles(quiet) == []  # the writer cannot approve it
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert "A story waits for a second curator" in mail.outbox[0].subject

    casestudy_services.case_study_approve(user=second, case_study=study)
    assert _titles(writer) == [f"{second.display_name} approved A story: it is published"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        casestudy_services.nominate(user=leader, partnership=partnership, reason="It worked")
    assert sorted(m.to[0] for m in mail.outbox) == [second.email, writer.email]
    assert f"{partnership.title} is nominated as a case study" in _titles(second)


def test_a_private_partnership_nominated_is_not_named_to_curators(partnership, leader):
    partnership.visibility = "private"
    partnership.save()
    curator = UserFactory(email="c@example.org", groups=["Curators"])
    casestudy_services.nominate(user=leader, partnership=partnership, reason="It worked")
    assert _titles(curator) == ["A private partnership is nominated as a case study"]


def test_the_weekly_choice_holds_for_curator_emails(partnership, leader,
                                                    django_capture_on_commit_callbacks):
    curator = UserFactory(email="weekly@example.org", groups=["Curators"])
    NotificationPreference.objects.create(email=curator.email, kind="casestudies",
                                          cadence="weekly")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        casestudy_services.nominate(user=leader, partnership=partnership, reason="It worked")
    assert mail.outbox == []
    assert ReminderDelivery.objects.get(email=curator.email).state == "in-digest"
    assert _titles(curator)  # the portal still shows it


def test_a_change_that_rolls_back_tells_nobody(person):
    from django.db import transaction

    with transaction.atomic():
        notify([person], kind="invited", title="Nothing", link="/")
        transaction.set_rollback(True)
    assert _titles(person) == []


def test_the_header_counts_unseen_and_the_page_marks_them_seen(client, person):
    other = UserFactory()
    for n in range(3):
        notify([person, other], kind="invited", title=f"News {n}", link="/")
    client.force_login(person)
    assert "Notifications (3 new)" in client.get("/").content.decode()
    page = client.get(reverse("notifications")).content.decode()
    assert len(NEW.findall(page)) == 3 and "News 2" in page
    assert page.index("News 2") < page.index("News 0")  # newest first
    assert "Notifications (3 new)" not in client.get("/").content.decode()
    assert not NEW.findall(client.get(reverse("notifications")).content.decode())
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() == 3


def test_someone_else_s_notifications_are_never_shown(client, person):
    other = UserFactory()
    notify([other], kind="invited", title="Their secret", link="/")
    client.force_login(person)
    assert "Their secret" not in client.get(reverse("notifications")).content.decode()


def test_mark_all_as_read_reaches_other_pages(client, person):
    notify([person], kind="invited", title="Old", link="/")
    for n in range(30):
        notify([person], kind="invited", title=f"Newer {n}", link="/")
    client.force_login(person)
    page = client.get(reverse("notifications")).content.decode()
    assert "1 more you have not seen" in page
    client.post(reverse("notifications_read"))
    assert not Notification.objects.filter(user=person, read_at__isnull=True).exists()


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("notifications")).status_code == 200
    return len(queries)


def test_the_notifications_page_queries_do_not_grow(client, person):
    client.force_login(person)
    for n in range(5):
        notify([person], kind="invited", title=f"News {n}", link="/")
    at_5 = _queries(client)
    for n in range(45):
        notify([person], kind="invited", title=f"More {n}", link="/")
    Notification.objects.update(read_at=None)
    assert _queries(client) == at_5
