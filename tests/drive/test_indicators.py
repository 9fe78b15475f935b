"""How the partners know it worked (Value success): indicators with a baseline and a target,
results per period, a status by a documented rule, a chart with the same numbers in a table,
and a reminder to the reporting partner when a result is due."""

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from drive import services
from drive.indicators import next_due, status_of
from drive.models import Indicator, IndicatorResult
from drive.reminders import RESULT_DUE
from reminders.registry import everything_due
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _indicator(partnership, **fields):
    defaults = {"name": "Participants recruited", "unit": "participants", "direction": "up",
                "baseline_value": Decimal(0), "baseline_date": date(2026, 1, 1),
                "target_value": Decimal(100), "target_date": date(2027, 1, 1),
                "frequency": "quarterly", "owner": partnership.partners.get(role="lead")}
    return Indicator.objects.create(partnership=partnership, **{**defaults, **fields})


def _result(indicator, day, value):
    return IndicatorResult.objects.create(indicator=indicator, period_end=day,
                                          value=Decimal(value))


@pytest.mark.parametrize(("value", "label"), [
    (100, "Target met"), (120, "Target met"), (45, "On track"), (35, "At risk"),
    (20, "Off track")])
def test_the_status_rule(partnership, value, label):
    # Halfway through the year the line says 50 of 100.
    indicator = _indicator(partnership)
    assert status_of(indicator, []).label == "No result yet"
    result = _result(indicator, date(2026, 7, 2), value)
    assert status_of(indicator, [result]).label == label


def test_the_rule_runs_the_other_way_when_lower_is_better(partnership):
    indicator = _indicator(partnership, name="Days to open a site", unit="days",
                           direction="down", baseline_value=Decimal(200),
                           target_value=Decimal(100))
    assert status_of(indicator, [_result(indicator, date(2026, 7, 2), 150)]).label == "On track"
    assert status_of(indicator, [_result(indicator, date(2026, 10, 1), 190)]).label == \
        "Off track"


FORM = {"name": "Participants recruited", "unit": "participants", "direction": "up",
        "baseline_value": "0", "baseline_date_0": "1", "baseline_date_1": "1",
        "baseline_date_2": "2026", "target_value": "100", "target_date_0": "1",
        "target_date_1": "1", "target_date_2": "2027", "frequency": "quarterly"}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"target_date_2": "2025"}, "target_date_0", "The target date must be after the baseline"),
    ({"target_value": "-5"}, "target_value", "Higher is better: enter a target above"),
    ({"target_value": "0"}, "target_value", "The target must differ from the baseline"),
    ({"target_value": "1e20"}, "target_value", "smaller than 10,000,000,000"),
    ({"target_value": "999999999999.9999"}, "target_value", "smaller than 10,000,000,000"),
    ({"baseline_value": "99999999999999999"}, "baseline_value",
     "smaller than 10,000,000,000"),
    ({"baseline_value": "1.23456"}, "baseline_value", "no more than 4 decimal places"),
    ({"unit": ""}, "unit", "Enter the unit"),
    ({"baseline_date_1": "13"}, "baseline_date_0", ""),
])
def test_bad_indicators_are_refused_beside_the_field_keeping_what_was_typed(
        client, partnership, leader, changes, field, message):
    client.force_login(leader)
    lead = partnership.partners.get(role="lead")
    html = client.post(reverse("drive:indicator_create", args=[partnership.pk]),
                       {**FORM, "owner": lead.pk, "serves": "", **changes}).content.decode()
    assert f'id="id_{field}-error"' in html or f'id="id_{field.removesuffix("_0")}-error"' in html
    assert message in html
    assert 'value="Participants recruited"' in html
    assert not Indicator.objects.exists()


def test_an_indicator_is_added_and_results_come_in(client, partnership, leader):
    client.force_login(leader)
    lead = partnership.partners.get(role="lead")
    response = client.post(reverse("drive:indicator_create", args=[partnership.pk]),
                           {**FORM, "owner": lead.pk, "serves": ""})
    indicator = Indicator.objects.get()
    assert response.headers["Location"] == indicator.get_absolute_url()
    url = indicator.get_absolute_url()
    for day, value in (("31", "30"), ("30", "40")):
        month = "3" if day == "31" else "6"
        client.post(url, {"result-period_end_0": day, "result-period_end_1": month,
                          "result-period_end_2": "2026", "result-value": value})
    page = client.get(url).content.decode()
    assert page.count('class="app-chart__point"') == 2
    assert 'role="img"' in page and "target 100 participants by 1 January 2027" in page
    cells = re.findall(r'numeric">([^<]+)</td>', page)
    assert cells == ["0", "30", "40", "100"]  # the chart's numbers, in the table


@pytest.mark.parametrize(("day", "value", "message"), [
    (("1", "6", "2025"), "10", "A result must be for a period after the baseline date"),
    (("31", "3", "2026"), "-1e30", "smaller than 10,000,000,000"),
    (("31", "3", "2026"), "ten", "Enter a number, such as 120"),
    (("31", "3", "2099"), "10", "a period that has ended"),
    (("31", "3", "2026"), "10", "There is already a result for this period"),
])
def test_bad_results_are_refused_in_plain_english(client, partnership, leader, day, value,
                                                  message):
    indicator = _indicator(partnership)
    _result(indicator, date(2026, 3, 31), 5)
    client.force_login(leader)
    html = client.post(indicator.get_absolute_url(), {
        "result-period_end_0": day[0], "result-period_end_1": day[1],
        "result-period_end_2": day[2], "result-value": value,
        "result-note": "kept note"}).content.decode()
    assert message in html and 'value="kept note"' in html
    assert indicator.results.count() == 1


def test_a_viewer_reads_but_cannot_add_results(client, partnership, roles):
    indicator = _indicator(partnership)
    client.force_login(roles["viewer"])
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "Add a result" not in page and "Participants recruited" in page
    assert client.post(indicator.get_absolute_url(), {"result-value": "5"}).status_code == 403


def test_value_success_needs_an_indicator_with_a_result(partnership, leader):
    services.progress_ensure(partnership)
    value = partnership.drive_progress.select_related("action").get(
        action__slug="value-success")
    for prompt in value.action.prompts.filter(required=True):
        value.answers.create(prompt=prompt, text="Answered")
    indicator = _indicator(partnership)
    with pytest.raises(ValidationError, match="at least one indicator with a result"):
        services.progress_complete(user=leader, progress=value)
    services.result_add(user=leader, indicator=indicator, period_end=date(2026, 3, 31),
                        value=Decimal(12))
    services.progress_complete(user=leader, progress=value)


def test_the_reporting_partner_is_reminded_when_a_result_is_due(partnership, leader):
    admin = UserFactory(email="admin@northshire.nhs.uk")
    MembershipFactory(user=admin, organisation=partnership.lead_organisation, role="admin")
    today = timezone.localdate()
    indicator = _indicator(partnership, baseline_date=today - timedelta(days=100),
                           target_date=today + timedelta(days=300))
    due = [d for d in everything_due(timezone.now()) if d.kind == RESULT_DUE]
    assert [(d.email, d.period) for d in due] == [
        (admin.email, next_due(indicator, []).isoformat())]
    services.result_add(user=leader, indicator=indicator, period_end=today, value=Decimal(5))
    assert not [d for d in everything_due(timezone.now()) if d.kind == RESULT_DUE]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_indicators_page_queries_do_not_grow(client, partnership, leader):
    client.force_login(leader)
    url = reverse("drive:indicators", args=[partnership.pk])

    def add(n):
        for i in range(n):
            indicator = _indicator(partnership, name=f"Measure {i}")
            for q in range(3):
                _result(indicator, date(2026, 3 + 3 * q, 28), 10 * (q + 1))

    add(5)
    client.get(url)
    at_5 = _queries(client, url)
    add(45)
    assert _queries(client, url) == at_5


def test_the_board_summary_carries_commitments_and_indicators(client, partnership, leader):
    indicator = _indicator(partnership)
    _result(indicator, date(2026, 7, 2), 45)
    partnership.commitments.create(partner=partnership.partners.get(role="lead"), kind="money",
                                   description="Pilot grant", amount=25000, state="agreed")
    partnership.outputs.create(category="influence", title="Cited in a guideline",
                               date=date(2026, 5, 1))
    client.force_login(leader)
    url = reverse("drive:summary", args=[partnership.pk])
    page = client.get(url).content.decode()
    assert "What each partner brings" in page and "£25,000" in page
    assert "Participants recruited" in page and 'class="app-chart"' in page
    assert "On track" in page
    data = json.loads(client.get(url + "?format=json").content)
    assert data["indicators"][0]["status"] == "On track"
    assert data["indicators"][0]["results"] == [{"period_end": "2026-07-02", "value": "45"}]
    assert data["commitments"][0]["Amount (GBP)"] == "25000.00"
    rows = client.get(url + "?format=csv").content.decode()
    assert "Indicator: Participants recruited" in rows and "Commitment: Pilot grant" in rows
    assert "Output: Cited in a guideline" in rows
    assert data["outputs"][0]["category"] == (
        "Influence on policy, practice, patients and the public")


def test_the_summary_queries_do_not_grow(client, partnership, leader):
    client.force_login(leader)
    url = reverse("drive:summary", args=[partnership.pk])
    lead = partnership.partners.get(role="lead")

    def add(n):
        for i in range(n):
            indicator = _indicator(partnership, name=f"Measure {i}")
            _result(indicator, date(2026, 3, 28), 10)
            partnership.commitments.create(partner=lead, kind="money", description=f"G {i}",
                                           amount=10, state="agreed")
            partnership.outputs.create(category="award", title=f"Award {i}",
                                       date=date(2026, 1, 1))

    add(5)
    client.get(url)
    at_5 = _queries(client, url)
    add(45)
    assert _queries(client, url) == at_5
