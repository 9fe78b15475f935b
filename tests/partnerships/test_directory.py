import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import HealthCategory
from partnerships.models import PartnerOrganisation, Partnership
from tests.factories import CharityFactory, PartnershipFactory, UserFactory, add_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    cancer = HealthCategory.objects.get(slug="cancer-and-neoplasms")
    stroke = HealthCategory.objects.get(slug="stroke")
    a = PartnershipFactory(title="Rare cancer medicines", purpose="Existing targeted drugs.")
    a.health_categories.add(cancer)
    b = PartnershipFactory(title="Stroke recovery at home", purpose="Rehabilitation support.",
                           status="paused")
    b.health_categories.add(stroke)
    charity = CharityFactory(name="Stroke Charity", region="wales")
    PartnerOrganisation.objects.create(partnership=b, organisation=charity, role="charity",
                                       state="confirmed")
    hidden = PartnershipFactory(title="Private cancer work", visibility="private")
    hidden.health_categories.add(cancer)
    return {"cancer": a, "stroke": b, "private": hidden, "charity": charity}


def _titles(response):
    html = response.content.decode()
    return {t for t in ("Rare cancer medicines", "Stroke recovery at home", "Private cancer work")
            if t in html}


@pytest.mark.parametrize("query,expected", [
    ("", {"Rare cancer medicines", "Stroke recovery at home"}),
    ("?health_category=stroke", {"Stroke recovery at home"}),
    ("?health_category=cancer-and-neoplasms", {"Rare cancer medicines"}),
    ("?status=paused", {"Stroke recovery at home"}),
    ("?organisation_kind=charity", {"Stroke recovery at home"}),
    ("?region=wales", {"Stroke recovery at home"}),
    ("?q=targeted", {"Rare cancer medicines"}),
    ("?q=rehabilitation+support", {"Stroke recovery at home"}),
    ("?q=nothing+like+this", set()),
])
def test_filters_and_search_kept_in_the_url(client, catalogue, query, expected):
    assert _titles(client.get(reverse("partnerships:directory") + query)) == expected


@pytest.mark.parametrize("by", ["id", "name"])
def test_the_partner_filter_takes_an_id_or_part_of_a_name(client, catalogue, by):
    value = catalogue["charity"].pk if by == "id" else "stroke+CHAR"
    url = reverse("partnerships:directory") + f"?partner={value}"
    assert _titles(client.get(url)) == {"Stroke recovery at home"}


def test_a_partnership_matching_two_chosen_categories_is_listed_once(client, catalogue):
    stroke = Partnership.objects.get(title="Stroke recovery at home")
    stroke.health_categories.add(*HealthCategory.objects.filter(
        slug__in=["stroke", "cardiovascular"]))
    html = client.get(reverse("partnerships:directory")
                      + "?health_category=stroke&health_category=cardiovascular").content.decode()
    assert html.count(">Stroke recovery at home<") == 1


def test_sorting_by_name(client, catalogue):
    html = client.get(reverse("partnerships:directory") + "?sort=title").content.decode()
    assert html.index("Rare cancer medicines") < html.index("Stroke recovery at home")


def test_a_private_partnership_shows_to_its_people_only(client, catalogue):
    person = UserFactory()
    add_person(catalogue["private"], person, "viewer")
    client.force_login(person)
    assert "Private cancer work" in _titles(client.get(reverse("partnerships:directory")))


@pytest.mark.parametrize("query", [
    "?status=bogus", "?health_category=not-a-category", "?partner=abc", "?partner=99999",
    "?sort=sideways", "?page=abc", "?page=-4", "?page=99999999999999999999", "?page=0",
    "?q=" + "x" * 5000, "?q=%00", "?activity=99", "?region=%3Cscript%3E", "?partner=%C2%B2",
    "?partner=%00",
])
def test_nonsense_in_the_query_string_is_never_a_500(client, catalogue, query):
    response = client.get(reverse("partnerships:directory") + query)
    assert response.status_code == 200
    csv_response = client.get(reverse("partnerships:export") + query)
    assert csv_response.status_code == 200


def test_a_nonsense_filter_value_gets_a_clear_message(client, catalogue):
    html = client.get(reverse("partnerships:directory") + "?status=bogus").content.decode()
    assert "nhsuk-error-summary" in html
    assert "Select status from the choices shown" in html
    assert "Select a valid choice" not in html


def test_csv_export_of_the_filtered_list_links_back_and_cannot_run_formulas(client, catalogue):
    catalogue["stroke"].title = "=HYPERLINK(\"http://evil.example\")"
    catalogue["stroke"].save()
    response = client.get(reverse("partnerships:export") + "?status=paused")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Title"
    assert len(rows) == 2
    assert rows[1][0].startswith("'=")
    assert rows[1][-1].endswith(catalogue["stroke"].get_absolute_url())


@pytest.mark.parametrize("value", ["-1+1", "+44", "@SUM(A1)", "\tcmd", "=1"])
def test_every_dangerous_first_character_is_defused(value):
    from core.csv import safe_cell

    assert safe_cell(value) == "'" + value
    assert safe_cell("Plain text") == "Plain text"


def _count(client, url):
    client.get(url)  # the first request of a session writes the session; count the next
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _make(n, *, person=None):
    cancer = HealthCategory.objects.get(slug="cancer-and-neoplasms")
    for _ in range(n):
        partnership = PartnershipFactory()
        partnership.health_categories.add(cancer)
        PartnerOrganisation.objects.create(partnership=partnership,
                                           organisation=CharityFactory(), role="charity",
                                           state="confirmed")
        if person:
            add_person(partnership, person, "contributor")


def test_the_directory_query_count_does_not_grow_with_partnerships(client):
    _make(5)
    few = _count(client, reverse("partnerships:directory"))
    _make(45)
    assert _count(client, reverse("partnerships:directory")) == few


def test_my_partnerships_query_count_does_not_grow(client):
    person = UserFactory()
    client.force_login(person)
    _make(5, person=person)
    few = _count(client, reverse("partnerships:mine"))
    _make(45, person=person)
    assert _count(client, reverse("partnerships:mine")) == few


def test_my_partnerships_names_the_partners_in_order_and_leaves_out_declined(client):
    person = UserFactory()
    client.force_login(person)
    partnership = PartnershipFactory()
    add_person(partnership, person, "lead")
    for name, role, state in (("Zeta Charity", "charity", "confirmed"),
                              ("Alpha Charity", "charity", "proposed"),
                              ("Gone Charity", "charity", "declined")):
        PartnerOrganisation.objects.create(partnership=partnership, role=role, state=state,
                                           organisation=CharityFactory(name=name))
    html = client.get(reverse("partnerships:mine")).content.decode()
    assert "Gone Charity" not in html
    if connection.features.supports_aggregate_order_by_clause:  # PostgreSQL in CI
        assert "Alpha Charity, Zeta Charity" in html
    else:
        assert "Alpha Charity" in html and "Zeta Charity" in html


def test_the_partnership_page_query_count_does_not_grow(client, partnership, leader):
    client.force_login(leader)
    url = partnership.get_absolute_url()
    for _ in range(3):
        add_person(partnership, UserFactory(), "viewer")
        PartnerOrganisation.objects.create(partnership=partnership,
                                           organisation=CharityFactory(), role="charity",
                                           state="confirmed")
    few = _count(client, url)
    for _ in range(30):
        add_person(partnership, UserFactory(), "viewer")
        PartnerOrganisation.objects.create(partnership=partnership,
                                           organisation=CharityFactory(), role="charity",
                                           state="confirmed")
    assert _count(client, url) == few
