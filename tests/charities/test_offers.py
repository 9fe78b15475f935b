import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from charities import services
from drive import related
from organisations.models import HealthCategory
from tests.factories import CharityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _titles(client, query=""):
    html = client.get(reverse("charities:directory") + query).content.decode()
    return {t for t in ("Patient panel for trials", "Stroke data registry") if t in html}


@pytest.fixture
def stroke_offer(db):
    charity = CharityFactory(name="Stroke Charity")
    staff = UserFactory()
    MembershipFactory(user=staff, organisation=charity)
    return services.offer_save(
        user=staff, organisation=charity, kind="data", title="Stroke data registry",
        description="A registry of stroke survivors.", regions=["wales"],
        health_categories=HealthCategory.objects.filter(slug="stroke"))


@pytest.mark.parametrize("query,expected", [
    ("", {"Patient panel for trials", "Stroke data registry"}),
    ("?kind=data", {"Stroke data registry"}),
    ("?health_category=cancer-and-neoplasms", {"Patient panel for trials"}),
    ("?region=wales", {"Stroke data registry"}),
    ("?q=registry", {"Stroke data registry"}),
    ("?kind=bogus&region=%00", set()),
    ("?charity=helpful", {"Patient panel for trials"}),
    ("?charity=no+such+charity", set()),
    ("?charity=%C2%B2", set()),
])
def test_the_public_directory_filters_in_the_url(client, offer, stroke_offer, query, expected):
    assert _titles(client, query) == expected


def test_a_paused_offer_leaves_the_directory_but_its_staff_still_see_it(client, offer,
                                                                       charity_staff):
    offer.status = "paused"
    offer.save()
    assert _titles(client) == set()
    assert client.get(offer.get_absolute_url()).status_code == 404
    client.force_login(charity_staff)
    assert client.get(offer.get_absolute_url()).status_code == 200


def test_only_the_charitys_staff_change_its_offers(client, offer, charity):
    client.force_login(UserFactory())
    url = reverse("charities:offer_edit", args=[charity.pk, offer.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("charities:offer_create", args=[charity.pk])).status_code == 403


def test_offers_are_suggested_for_a_partnership_with_their_reason(offer, stroke_offer,
                                                                  partnership):
    partnership.health_categories.set(HealthCategory.objects.filter(slug="cancer-and-neoplasms"))
    partnership.purpose = "Testing targeted medicines in rare cancers with patients' help."
    partnership.save()
    suggestions = [s for s in related.related_to(partnership, AnonymousUser())
                   if s.candidate.kind == "offer"]
    assert [s.candidate.title for s in suggestions] == ["Patient panel for trials"]
    assert suggestions[0].reason.startswith("Also about Cancer and neoplasms")


def test_the_charity_profile_is_managed_by_its_admins(client, charity, charity_staff):
    url = reverse("charities:profile", args=[charity.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(charity_staff)
    client.post(url, {"about": "We fund research.", "amrc_member": "on", "regions": ["london"],
                      "contact_name": "Sam", "contact_email": "sam@helpful.org"})
    assert charity.charity_profile.amrc_member
    assert "We fund research." in client.get(charity.get_absolute_url()).content.decode()
