"""Atom feeds of the list pages, with the list's own filters, holding only public records."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from organisations.models import HealthCategory
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_the_partnership_feed_follows_the_search_and_keeps_private_ones_out(client, leader):
    cancer = PartnershipFactory(title="Rare cancers network")
    cancer.health_categories.set(HealthCategory.objects.filter(slug="cancer-and-neoplasms"))
    PartnershipFactory(title="Stroke at home")
    secret = PartnershipFactory(title="Secret cancer work", visibility="private")
    secret.health_categories.set(HealthCategory.objects.filter(slug="cancer-and-neoplasms"))
    url = reverse("partnerships:feed")
    assert set(_titles(client, url)) == {"Rare cancers network", "Stroke at home"}
    assert _titles(client, url + "?health_category=cancer-and-neoplasms") == [
        "Rare cancers network"]
    client.force_login(leader)  # a feed reader has no session: signed in changes nothing
    assert "Secret cancer work" not in _titles(client, url)


@pytest.mark.parametrize("name", ["trials:feed", "charities:feed", "casestudies:feed"])
def test_each_list_has_a_feed(client, name):
    assert _titles(client, reverse(name) + "?q=%00%1b&page=-1") == []


def test_a_charity_s_open_offers_embed_on_its_own_site(client):
    from charities.models import ExpertiseOffer
    from tests.factories import CharityFactory

    charity = CharityFactory(name="Helpful Charity")
    ExpertiseOffer.objects.create(organisation=charity, kind="ppi", status="open",
                                  title="<script>alert(1)</script> panel", description="d")
    ExpertiseOffer.objects.create(organisation=charity, kind="ppi", status="paused",
                                  title="Paused one", description="d")
    json_url = reverse("charities:embed", args=[charity.pk, "json"])
    response = client.get(json_url)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert [o["title"] for o in response.json()["offers"]] == [
        "<script>alert(1)</script> panel"]
    html = client.get(reverse("charities:embed", args=[charity.pk, "html"])).content.decode()
    assert "&lt;script&gt;" in html and "<script>" not in html and "Paused one" not in html
    assert client.get(reverse("charities:embed", args=[charity.pk, "xml"])).status_code == 404
    charity.verified_at = None  # an unverified charity publishes nothing in its name
    charity.save()
    assert client.get(json_url).json()["offers"] == []
