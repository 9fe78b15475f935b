"""An organisation's dashboard: its own people only, every chart's numbers the same as its
table's and its CSV's, private partnerships counted for them, and queries that do not grow."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drive.models import ActionProgress
from drive.services import progress_ensure
from organisations.models import HealthCategory
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
)
from trials.models import Study

pytestmark = pytest.mark.django_db


@pytest.fixture
def trust():
    return NhsTrustFactory(name="The Christie NHS Foundation Trust")


@pytest.fixture
def member(trust):
    person = UserFactory(email="member@christie.nhs.uk")
    MembershipFactory(user=person, organisation=trust)
    return person


def _url(trust, **query):
    url = reverse("dashboards:organisation", args=[trust.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _world(trust, n, *, completed=1):
    charity = CharityFactory()
    today = timezone.localdate()
    for i in range(n):
        partnership = PartnershipFactory(lead_organisation=trust, title=f"P{i}",
                                         visibility="private" if i % 2 else "listed")
        partnership.health_categories.set(HealthCategory.objects.filter(
            slug="cancer-and-neoplasms"))
        partnership.partners.create(organisation=charity, role="charity", state="confirmed")
        progress_ensure(partnership)
        ActionProgress.objects.filter(partnership=partnership,
                                      action__number__lte=completed).update(status="completed")
        ActionProgress.objects.filter(partnership=partnership, action__number=completed + 1
                                      ).update(due_date=today - timedelta(days=3))
        lead = partnership.partners.get(role="lead")
        partnership.commitments.create(partner=lead, kind="money", description="Grant",
                                       amount=1000, state="agreed")
        indicator = partnership.indicators.create(
            name="Measure", unit="people", baseline_value=0,
            baseline_date=today - timedelta(days=100), target_value=10,
            target_date=today + timedelta(days=100), owner=lead)
        indicator.results.create(period_end=today - timedelta(days=1), value=5)
        study = Study.objects.create(title=f"Study {i}", recruitment_end_date=today
                                     + timedelta(days=200))
        site = study.sites.create(organisation=trust, local_target=20,
                                  application_date=today - timedelta(days=100),
                                  opened_date=today - timedelta(days=20))
        study.recruitment.create(site=site, date=today, recruited=2)


def test_only_the_organisation_s_own_people_see_it(client, trust, member):
    outsider = UserFactory()
    pending = UserFactory()
    MembershipFactory(user=pending, organisation=trust, state="pending")
    assert client.get(_url(trust)).status_code == 302  # sign in first
    for person, status in ((outsider, 404), (pending, 404), (member, 200)):
        client.force_login(person)
        assert client.get(_url(trust)).status_code == status


def test_each_chart_has_the_numbers_of_its_table_and_csv(client, trust, member):
    _world(trust, 3, completed=2)
    client.force_login(member)
    page = client.get(_url(trust)).content.decode()
    section = page[page.index('id="stages"'):page.index('id="attention"')]
    chart = [int(v) for v in re.findall(r'<text class="app-chart__tick" x="[\d.]+" y="[\d.]+">'
                                        r'(\d+)</text>', section)]
    table = [int(v) for v in re.findall(r"</span>(\d+)</td>", section)]
    rows = list(csv.reader(io.StringIO(client.get(_url(trust, csv="stages")).content.decode())))
    assert chart == table == [int(r[1]) for r in rows[1:]] == [0, 0, 3, 0, 0, 0]
    assert "Overdue and stalled" in page and "P0" in page
    quarters = list(csv.reader(io.StringIO(client.get(_url(trust, csv="quarters")).content
                                           .decode())))
    assert len(quarters) == 9 and quarters[-1][1] == "3"  # all three registered this quarter
    assert "Commitments made and received" in page


def test_private_partnerships_count_for_the_organisation_s_people(client, trust, member):
    _world(trust, 2)
    client.force_login(member)
    rows = list(csv.reader(io.StringIO(client.get(_url(trust, csv="stages")).content.decode())))
    assert sum(int(r[1]) for r in rows[1:]) == 2  # one of them is private


def test_a_health_category_narrows_it_and_a_made_up_one_says_so(client, trust, member):
    _world(trust, 2)
    client.force_login(member)
    stroke = _url(trust, health_category="stroke", csv="stages")
    assert sum(int(r[1]) for r in list(csv.reader(io.StringIO(
        client.get(stroke).content.decode())))[1:]) == 0
    page = client.get(_url(trust, health_category="<script>alert(1)")).content.decode()
    assert "Choose a health category from the list" in page
    assert "<script>alert(1)" not in page
    assert client.get(_url(trust, csv="nothing"))["Content-Type"].startswith("text/html")


def test_delivery_measures_at_the_organisation_s_sites(client, trust, member):
    _world(trust, 2)
    client.force_login(member)
    rows = list(csv.reader(io.StringIO(client.get(_url(trust, csv="measures")).content.decode())))
    assert rows[0] == ["Measure", "Met", "At risk", "Missed", "Not due yet"]
    first = next(r for r in rows if r[0] == "First participant in 30 days")
    assert first[1:] == ["0", "0", "0", "2"]  # open 20 days, none yet: not due


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_partnerships_and_studies(client, trust, member):
    from django.core.cache import cache

    client.force_login(member)
    _world(trust, 5)
    _count(client, _url(trust))
    cache.clear()  # the figures are worked out, not read back from the cache
    client.force_login(member)
    at_5 = _count(client, _url(trust))
    _world(trust, 45)
    assert _count(client, _url(trust)) == at_5
    assert _count(client, _url(trust)) < at_5  # a repeat reads them back


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.dictionaries(st.sampled_from(["health_category", "csv", "page", "x"]),
                             st.lists(TEXT, max_size=2), max_size=3))
def test_no_query_string_breaks_the_dashboard(client, trust, member, query):
    client.force_login(member)
    response = client.get(_url(trust), query)
    assert response.status_code == 200


def test_a_private_partnership_never_changes_a_public_figure(client, trust):
    listed = PartnershipFactory(lead_organisation=trust, visibility="listed")
    progress_ensure(listed)
    page = client.get(trust.get_absolute_url()).content.decode()
    assert "1 listed partnership: 1 with 0 of 5 DRIVE actions completed" in page
    private = PartnershipFactory(lead_organisation=trust, visibility="private")
    progress_ensure(private)
    ActionProgress.objects.filter(partnership=private).update(status="completed")
    assert client.get(trust.get_absolute_url()).content.decode().count(
        "1 listed partnership: 1 with 0 of 5 DRIVE actions completed") == 1
    assert "'s dashboard" not in client.get(trust.get_absolute_url()).content.decode()


def test_a_region_rolls_up_public_figures_only(client, trust):
    trust.region = "north-west"
    trust.save()
    listed = PartnershipFactory(lead_organisation=trust, visibility="listed")
    progress_ensure(listed)
    url = reverse("dashboards:region", args=["north-west"])
    before = client.get(url + "?csv=stages").content
    private = PartnershipFactory(lead_organisation=trust, visibility="private")
    progress_ensure(private)
    cache.clear()  # the roll-up is kept for ten minutes: work it out again
    assert client.get(url + "?csv=stages").content == before  # the private one changes nothing
    listed_too = PartnershipFactory(lead_organisation=trust, visibility="listed")
    progress_ensure(listed_too)
    assert client.get(url + "?csv=stages").content == before  # still the kept figures
    cache.clear()
    assert client.get(url + "?csv=stages").content != before  # a listed one counts
    rows = list(csv.reader(io.StringIO(before.decode())))
    assert sum(int(r[1]) for r in rows[1:]) == 1
    page = client.get(url).content.decode()
    assert "NHS trust" in page and "No study sites" in page and "Worked out at" in page
    assert client.get(reverse("dashboards:region", args=["atlantis"])).status_code == 404
    assert client.get(url + "?csv=nothing")["Content-Type"].startswith("text/html")


def test_region_queries_do_not_grow(client, trust):
    trust.region = "north-west"
    trust.save()
    url = reverse("dashboards:region", args=["north-west"])
    _world(trust, 5)
    client.get(url)
    cache.clear()
    at_5 = _count(client, url)
    _world(trust, 45)
    cache.clear()
    assert _count(client, url) == at_5


def test_partner_sector_and_period_narrow_it_and_bad_values_say_so(client, trust, member):
    _world(trust, 2)  # each with a charity partner, registered today
    client.force_login(member)

    def total(**query):
        rows = list(csv.reader(io.StringIO(client.get(_url(trust, csv="stages", **query))
                                           .content.decode())))
        return sum(int(r[1]) for r in rows[1:])

    assert total(sector="charity") == 2 and total(sector="industry") == 0
    assert total(period="12m") == 2 and total(period="fy") == 2
    page = client.get(_url(trust, sector="pirates", period="forever")).content.decode()
    assert "Choose a partner sector from the list" in page
    assert "Choose a period from the list" in page


def test_a_private_partnership_s_title_is_only_for_its_people(client, trust, member):
    _world(trust, 2)  # P1 is private; every one has an overdue action
    client.force_login(member)  # works at the trust, not one of P1's people
    body = client.get(_url(trust, csv="attention")).content.decode()
    assert "P0" in body and "P1" not in body and "A private partnership" in body
