"""What the partnership produced, in Researchfish's 15 common outcome types; and partnerships
whose indicator met its target shown to curators as case-study candidates."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drive.models import Output
from tests.conftest import add_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
GOOD = {"category": "publication", "title": "Trial protocol paper", "date_0": "3",
        "date_1": "2", "date_2": "2026", "doi": "https://doi.org/10.1136/bmjopen-2023-071234",
        "pmid": "", "study": "nct 05722886", "url": ""}


def test_an_output_is_recorded_and_exported_by_category(client, partnership, leader):
    client.force_login(leader)
    url = reverse("drive:outputs", args=[partnership.pk])
    assert client.post(url, GOOD).status_code == 302
    output = Output.objects.get()
    assert (output.doi, output.study) == ("10.1136/bmjopen-2023-071234", "NCT05722886")
    page = client.get(url).content.decode()
    assert "Publications (1)" in page and "https://doi.org/10.1136/bmjopen-2023-071234" in page
    rows = list(csv.reader(io.StringIO(client.get(reverse(
        "drive:outputs_export", args=[partnership.pk])).content.decode())))
    assert rows[1][:3] == ["Publications", "Trial protocol paper", "2026-02-03"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"doi": "not a doi"}, "Enter a DOI such as 10.1136/bmj.n71"),
    ({"pmid": "123456789"}, "PubMed ID"),
    ({"study": "NCT123"}, "Enter a ClinicalTrials.gov number"),
    ({"category": "made-up"}, "Select"),
    ({"category": ""}, "Choose a category"),
    ({"title": " \x00 "}, "Enter what the output is"),
    ({"date_2": "2099"}, "Enter the date it happened: today or earlier"),
    ({"date_2": "1920"}, "Enter a date from 1950 onwards"),
    ({"date_2": "1066"}, "Enter a real date"),
    ({"url": "javascript:alert(1)"}, "Enter a valid"),
])
def test_bad_outputs_are_refused_keeping_what_was_typed(client, partnership, leader, changes,
                                                         message):
    client.force_login(leader)
    html = client.post(reverse("drive:outputs", args=[partnership.pk]),
                       {**GOOD, **changes}).content.decode()
    assert message in html and "nhsuk-error-summary" in html
    assert not Output.objects.exists()
    if "title" not in changes:
        assert 'value="Trial protocol paper"' in html


def test_a_target_met_makes_a_case_study_candidate_for_curators(client, partnership, leader):
    curator = UserFactory(email="c@example.org", groups=["Curators"])
    add_totp(curator)
    indicator = partnership.indicators.create(
        name="Sites open", unit="sites", baseline_value=0,
        baseline_date=timezone.localdate() - timedelta(days=200), target_value=10,
        target_date=timezone.localdate() + timedelta(days=200),
        owner=partnership.partners.get(role="lead"))
    client.force_login(curator)
    indicator.results.create(period_end=date(2026, 6, 30), value=9)
    assert "reached a target" not in client.get("/").content.decode()
    indicator.results.create(period_end=date(2026, 9, 30), value=10)
    assert f"{partnership.title} reached a target" in client.get("/").content.decode()
    client.force_login(leader)  # not a curator: nothing
    assert "reached a target" not in client.get("/").content.decode()
