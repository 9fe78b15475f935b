"""Hostile ClinicalTrials.gov uploads (issue 18): each gets a plain message or is imported
cleaned, never a 500, through the upload and the confirm step, on SQLite and PostgreSQL."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.trials.records import confirm, record
from trials.models import Study

pytestmark = pytest.mark.django_db


def _upload(client, partnership, raw):
    upload = SimpleUploadedFile("study.json", raw, content_type="application/json")
    return client.post(reverse("trials:import"), {"record": upload,
                                                  "partnership": partnership.pk})


def _refused(client, partnership, raw, message):
    response = _upload(client, partnership, raw)
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html and message in html
    assert not Study.objects.exists()


def test_deep_nesting_is_refused(client, leader, partnership):
    client.force_login(leader)
    deep = b'{"protocolSection": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    _refused(client, partnership, deep, "not JSON")
    nested = json.loads(record())
    inner = nested["protocolSection"]["designModule"]
    for _ in range(60):
        inner["x"] = {}
        inner = inner["x"]
    _refused(client, partnership, json.dumps(nested).encode(), "nests deeper")


def test_a_number_of_five_thousand_digits_is_refused(client, leader, partnership):
    client.force_login(leader)
    raw = record().replace(b'"count": 300', b'"count": ' + b"9" * 5000)
    _refused(client, partnership, raw, "not JSON")


def test_a_huge_enrolment_or_an_impossible_year_is_left_out(client, leader, partnership):
    client.force_login(leader)
    raw = record(enrolment=10**30, statusModule={
        "overallStatus": "RECRUITING", "startDateStruct": {"date": "99999999999999999999-01"},
        "completionDateStruct": {"date": "2029-02-31"}})
    preview = _upload(client, partnership, raw)
    assert "Create a new study" in preview.content.decode()
    assert confirm(client, preview).status_code == 302
    study = Study.objects.get()
    assert (study.target_recruitment, study.start_date, study.end_date) == (None, None, None)


def test_a_lone_surrogate_is_refused(client, leader, partnership):
    client.force_login(leader)
    raw = record(title="Half a character \\ud800 here")
    assert b"\\\\ud800" in raw
    _refused(client, partnership, raw.replace(b"\\\\ud800", b"\\ud800"),
             "not valid text")


def test_control_characters_are_taken_out_before_the_confirm_step_saves(client, leader,
                                                                        partnership):
    client.force_login(leader)
    raw = record(title="Rare\u0000 cancers\u001b[31m\r\nplatform", sites=["North\u0000shire"])
    preview = _upload(client, partnership, raw)
    assert "Create a new study" in preview.content.decode()
    assert confirm(client, preview).status_code == 302
    assert Study.objects.get().title == "Rare cancers[31m platform"
