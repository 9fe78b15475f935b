"""A site's delivery dates and measures on the study page, the site's own admins confirming or
querying its figures, and the reminder when a site is open without a participant."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reminders.registry import everything_due
from tests.factories import MembershipFactory, NhsTrustFactory, UserFactory
from trials.models import Study, StudySite
from trials.reminders import NO_PARTICIPANT

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(partnership):
    study = Study.objects.create(title="DETERMINE", status="recruiting",
                                 recruitment_end_date=timezone.localdate() + timedelta(days=300))
    study.partnerships.add(partnership)
    return study


@pytest.fixture
def site(study):
    return study.sites.create(organisation=NhsTrustFactory(name="The Christie"), local_target=40)


def _dates(prefix, day):
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month),
            f"{prefix}_2": str(day.year)}


def test_dates_in_the_wrong_order_are_refused_beside_the_field(client, leader, study, site):
    client.force_login(leader)
    today = timezone.localdate()
    url = reverse("trials:site_edit", args=[study.pk, site.pk])
    html = client.post(url, {"local_target": "40", **_dates("approval_date", today),
                             **_dates("opened_date", today - timedelta(days=5))}).content.decode()
    assert "Opening must be on or after approval" in html and 'value="40"' in html
    html = client.post(url, {"local_target": "40",
                             **_dates("opened_date", today + timedelta(days=9))}).content.decode()
    assert "Enter a date that has happened" in html
    html = client.post(url, {"local_target": "lots"}).content.decode()
    assert "Enter the target as a whole number" in html
    site.refresh_from_db()
    assert site.opened_date is None


def test_the_study_page_shows_each_measure_and_the_site_confirms(client, leader, study, site):
    admin = UserFactory(email="admin@christie.nhs.uk")
    MembershipFactory(user=admin, organisation=site.organisation, role="admin")
    today = timezone.localdate()
    client.force_login(leader)
    client.post(reverse("trials:site_edit", args=[study.pk, site.pk]), {
        "local_target": "40", **_dates("application_date", today - timedelta(days=160)),
        **_dates("approval_date", today - timedelta(days=100)),
        **_dates("opened_date", today - timedelta(days=40))})
    page = client.get(study.get_absolute_url()).content.decode()
    assert "Set-up within 150 days" in page and "Day 160 of 150" in page
    assert "First participant within 30 days of opening" in page
    assert "Send your answer" not in page  # the lead does not answer for the Christie

    client.force_login(admin)
    url = reverse("trials:site_figures", args=[study.pk, site.pk])
    shown = re.search(r'name="figures-shown" value="(\w+)"',
                      client.get(study.get_absolute_url()).content.decode()).group(1)
    client.post(url, {"figures-answer": "queried", "figures-note": "", "figures-shown": shown})
    site.refresh_from_db()
    assert site.figures == "reported"  # a query needs a reason
    client.post(url, {"figures-answer": "queried", "figures-note": "We opened a week later",
                      "figures-shown": shown})
    site.refresh_from_db()
    assert (site.figures, site.figures_note) == ("queried", "We opened a week later")
    assert "We opened a week later" in client.get(study.get_absolute_url()).content.decode()

    client.force_login(leader)  # a correction sends the figures back to the site
    client.post(reverse("trials:site_edit", args=[study.pk, site.pk]), {
        "local_target": "40", **_dates("opened_date", today - timedelta(days=33))})
    site.refresh_from_db()
    assert (site.figures, site.figures_note) == ("reported", "")
    assert client.post(url, {"figures-answer": "confirmed"}).status_code == 403
    client.force_login(admin)  # answering from the page opened before the correction: refused
    client.post(url, {"figures-answer": "confirmed", "figures-shown": shown})
    site.refresh_from_db()
    assert site.figures == "reported"


def test_a_site_open_25_days_without_a_participant_reminds_the_leads(leader, study, site):
    StudySite.objects.filter(pk=site.pk).update(
        opened_date=timezone.localdate() - timedelta(days=24))
    assert not [d for d in everything_due(timezone.now()) if d.kind == NO_PARTICIPANT]
    StudySite.objects.filter(pk=site.pk).update(
        opened_date=timezone.localdate() - timedelta(days=25))
    due = [d for d in everything_due(timezone.now()) if d.kind == NO_PARTICIPANT]
    assert [(d.email, d.title) for d in due] == [
        (leader.email, "The Christie has been open 25 days on DETERMINE with no participant yet")]


def test_the_study_page_queries_do_not_grow_with_sites(client, leader, study):
    client.force_login(leader)
    today = timezone.localdate()

    def add(n):
        for _ in range(n):
            site = study.sites.create(organisation=NhsTrustFactory(), local_target=10,
                                      opened_date=today - timedelta(days=50))
            study.recruitment.create(site=site, date=today, recruited=3)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(study.get_absolute_url()).status_code == 200
        return len(queries)

    add(5)
    count()
    at_5 = count()
    add(45)
    assert count() == at_5


def test_a_stale_second_tab_does_not_overwrite_a_site_s_dates(client, leader, study, site):
    client.force_login(leader)
    url = reverse("trials:site_edit", args=[study.pk, site.pk])
    version = re.search(r'name="version" value="([^"]*)"',
                        client.get(url).content.decode()).group(1)
    StudySite.objects.filter(pk=site.pk).update(local_target=55)  # another tab saved
    html = client.post(url, {"local_target": "40", "version": version}).content.decode()
    assert "Someone changed this since you opened it" in html
    site.refresh_from_db()
    assert site.local_target == 55
