"""The due computation over time, travelled rather than slept."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from drive.models import ActionProgress
from drive.services import progress_ensure
from partnerships.models import Invitation
from reminders import sweep as reminders
from reminders.models import NotificationPreference, ReminderDelivery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
DUE = date(2027, 3, 15)


def at(day, hour=7):
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def owned(partnership, leader):
    partnership.stall_days = 365  # these tests are about due dates, not stalling
    partnership.save()
    progress_ensure(partnership)
    progress = partnership.drive_progress.get(action__number=1)
    progress.owner = leader
    progress.due_date = DUE
    progress.status = ActionProgress.Status.IN_PROGRESS
    progress.save()
    return progress


def _kinds(now):
    return [(d.kind, d.period) for d in reminders.everything_due(now) if d.kind != "stalled"]


@pytest.mark.parametrize("days_before,expected", [
    (8, []),
    (7, [("due-soon", "2027-03-15")]),
    (1, [("due-soon", "2027-03-15")]),
    (0, [("due-today", "2027-03-15")]),
    (-1, [("overdue", "2027-03-15/0")]),
    (-7, [("overdue", "2027-03-15/0")]),
    (-8, [("overdue", "2027-03-15/1")]),
    (-15, [("overdue", "2027-03-15/2")]),
])
def test_what_is_due_for_an_action_over_time(owned, days_before, expected):
    assert _kinds(at(DUE - timedelta(days=days_before))) == expected


def test_a_completed_or_ownerless_action_is_never_due(owned):
    owned.status = ActionProgress.Status.COMPLETED
    owned.save()
    assert _kinds(at(DUE)) == []
    owned.status = ActionProgress.Status.IN_PROGRESS
    owned.owner = None
    owned.save()
    assert _kinds(at(DUE)) == []


def test_each_reminder_is_recorded_once_however_often_the_sweep_runs(owned,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first = reminders.sweep(at(DUE - timedelta(days=3)))
        second = reminders.sweep(at(DUE - timedelta(days=2)))
    assert (first["queued"], second["queued"], second["already"]) == (1, 0, 1)
    assert len(queued) == 1
    assert ReminderDelivery.objects.count() == 1


def test_overdue_reminders_repeat_every_seven_days(owned):
    for day in range(1, 23):
        reminders.sweep(at(DUE + timedelta(days=day)))
    periods = sorted(ReminderDelivery.objects.filter(kind="overdue")
                     .values_list("period", flat=True))
    assert periods == ["2027-03-15/0", "2027-03-15/1", "2027-03-15/2", "2027-03-15/3"]


def test_a_partnership_without_drive_progress_for_its_cadence_reminds_its_leads(partnership,
                                                                                leader):
    progress_ensure(partnership)
    start = datetime(2027, 1, 1, 9, tzinfo=LONDON)
    ActionProgress.objects.filter(partnership=partnership).update(updated_at=start)

    def stalled(now):
        return [d for d in reminders.everything_due(now) if d.kind == "stalled"]

    assert stalled(start + timedelta(days=29)) == []
    found = stalled(start + timedelta(days=30))
    assert [d.email for d in found] == [leader.email]
    assert stalled(start + timedelta(days=59))[0].period == found[0].period
    assert stalled(start + timedelta(days=60))[0].period != found[0].period
    partnership.stall_days = 60
    partnership.save()
    assert stalled(start + timedelta(days=45)) == []


def test_an_invitation_is_reminded_three_days_before_it_expires(partnership, leader):
    with time_machine.travel(datetime(2027, 2, 1, 10, tzinfo=LONDON)):
        invitation = Invitation.objects.create(partnership=partnership, email="guest@x.org",
                                               invited_by=leader)
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.created_at)
    expires = invitation.expires_at
    before = [d for d in reminders.everything_due(expires - timedelta(days=4))
              if d.kind == "invitation-expiring"]
    within = [d for d in reminders.everything_due(expires - timedelta(days=2))
              if d.kind == "invitation-expiring"]
    assert before == [] and [d.email for d in within] == ["guest@x.org"]


def test_a_person_who_chose_none_gets_nothing(owned, leader):
    NotificationPreference.objects.create(email=leader.email, kind="drive", cadence="none")
    counts = reminders.sweep(at(DUE))
    assert counts["skipped"] == 1 and not ReminderDelivery.objects.exists()


def test_weekly_people_get_one_digest_with_everything(owned, leader, partnership,
                                                      django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(email=leader.email, kind="drive", cadence="weekly")
    second = partnership.drive_progress.get(action__number=2)
    second.owner, second.due_date = leader, DUE + timedelta(days=2)
    second.save()
    with django_capture_on_commit_callbacks() as queued:
        reminders.sweep(at(DUE - timedelta(days=1)))
    assert queued == []  # nothing goes out one by one
    assert ReminderDelivery.objects.filter(state="in-digest").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.weekly_digest(at(DUE)) == 1
        assert reminders.weekly_digest(at(DUE)) == 0  # once a week
    assert len(mail.outbox) == 1
    assert "Define purpose" in mail.outbox[0].body and "Review and build" in mail.outbox[0].body
    assert set(ReminderDelivery.objects.values_list("state", flat=True)) == {"sent"}


def test_the_dry_run_prints_and_sends_nothing(owned, capsys):
    with time_machine.travel(at(DUE)):
        call_command("send_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert "would send due-today to" in out
    assert not ReminderDelivery.objects.exists() and mail.outbox == []


def test_an_unknown_person_is_not_a_problem(owned):
    owned.owner = UserFactory(email="x@y.org")
    owned.save()
    assert [d.email for d in reminders.everything_due(at(DUE))] == ["x@y.org"]


def test_an_organisation_named_as_a_partner_is_asked_weekly_until_its_admin_answers(
        partnership, leader):
    from partnerships import services as partnership_services
    from tests.factories import CharityFactory, MembershipFactory

    charity = CharityFactory(name="Named Charity")
    admin = MembershipFactory(organisation=charity, role="admin").user
    MembershipFactory(organisation=charity, role="member")  # members are not asked
    with time_machine.travel(datetime(2027, 2, 1, 10, tzinfo=LONDON)):
        partner = partnership_services.partner_add(user=leader, partnership=partnership,
                                                   organisation=charity, role="charity")

    def asked(day):
        return [(d.email, d.period) for d in reminders.everything_due(
            datetime(2027, 2, day, 9, tzinfo=LONDON)) if d.kind == "partner-unconfirmed"]

    assert asked(3) == []
    assert asked(5) == [(admin.email, "2027-W05")]
    assert asked(9) == [(admin.email, "2027-W06")]
    partnership_services.partner_decide(user=admin, partner=partner, confirm=True)
    assert asked(16) == []
