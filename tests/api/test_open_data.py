"""The nightly public download: every public record, nothing private, under the OGL."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.test import Client

from api import opendata

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return opendata.publish()


def _download(name):
    response = Client().get(f"/open-data/{name}")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_the_download_holds_public_records_only(published, world):
    assert published["records"] == {"partnerships": 1, "organisations": 4, "studies": 1,
                                    "offers": 1, "case-studies": 1}
    everything = "".join(_download(n) for n in sorted(opendata.file_names()))
    for word in ("Secret partnership", "Draft partnership", "Draft story", "Unverified offer"):
        assert word not in everything
    [row] = json.loads(_download("partnerships.json"))
    assert row["title"] == "Public partnership"
    [story] = json.loads(_download("case-studies.json"))
    assert story["partnerships"] == [world["public"].pk]
    rows = list(csv.DictReader(io.StringIO(_download("studies.csv"))))
    assert rows[0]["sites"] == "Northshire NHS Foundation Trust"
    assert rows[0]["sponsor"] == "Northshire NHS Foundation Trust"


def test_a_formula_in_a_title_is_not_a_formula_in_the_csv(published, world, settings):
    world["public"].title = "=HYPERLINK(\"http://evil\")"
    world["public"].save()
    opendata.publish()
    [row] = list(csv.DictReader(io.StringIO(_download("partnerships.csv"))))
    assert not row["title"].startswith("=")


def test_the_page_states_the_licence_and_links_each_file(published):
    page = Client().get("/open-data/").content.decode()
    assert "Open Government Licence v3.0" in page
    for name in opendata.file_names() - {opendata.MANIFEST}:
        assert f"/open-data/{name}" in page
    manifest = json.loads(_download("manifest.json"))
    assert manifest["licence"] == "Open Government Licence v3.0"


def test_before_the_first_night_the_page_says_so(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    page = Client().get("/open-data/").content.decode()
    assert "The first download is made tonight" in page
    assert Client().get("/open-data/partnerships.csv").status_code == 404


@pytest.mark.parametrize("name", ["../settings.py", "..%2Fportal.sqlite3", "passwd",
                                  "partnerships.xml", ".csv"])
def test_only_the_published_files_can_be_fetched(published, name):
    assert Client().get(f"/open-data/{name}").status_code == 404


def test_every_directory_links_to_the_download(world):
    for path in ("/partnerships/", "/studies/", "/expertise/", "/case-studies/",
                 "/organisations/"):
        assert 'href="/open-data/"' in Client().get(path).content.decode(), path


def test_beat_makes_it_each_night():
    entry = settings.CELERY_BEAT_SCHEDULE["api-publish-open-data"]
    assert entry["task"] == "api.tasks.publish_open_data"
    from api.tasks import publish_open_data

    assert publish_open_data.name == entry["task"]
