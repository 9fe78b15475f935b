"""Public pages, answered to an anonymous visitor, may be kept by a shared cache (a CDN): the
same for every anonymous visitor (no nonce, no cookie, no form that posts), with an ETag; the
same addresses answered to a signed-in person are private and never stored."""

import re

import pytest
from django.test import Client
from django.urls import get_resolver

from tests.factories import CharityFactory, PartnershipFactory
from trials.models import Study

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(partnership, db):
    from django.utils import timezone

    from casestudies.models import CaseStudy
    from charities.models import ExpertiseOffer

    public = PartnershipFactory(title="A listed partnership")
    offer = ExpertiseOffer.objects.create(organisation=CharityFactory(), kind="ppi",
                                          title="Panel", description="x")
    story = CaseStudy.objects.create(title="Story", summary="s", state="published",
                                     published_at=timezone.now())
    study = Study.objects.create(title="A study")
    return ["/", "/partnerships/", public.get_absolute_url(), "/studies/",
            study.get_absolute_url(), "/expertise/", offer.get_absolute_url(), "/case-studies/",
            story.get_absolute_url(), "/organisations/",
            public.lead_organisation.get_absolute_url(), "/dashboards/regions/",
            "/dashboards/regions/london/", "/privacy/", "/cookies/", "/accessibility/"]


def test_every_marked_view_is_in_this_test():
    def marked(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from marked(p.url_patterns)
            elif getattr(p.callback, "public_page", False):
                yield p.callback.__module__ + "." + p.callback.__name__

    assert len(set(marked(get_resolver().url_patterns))) == 16


def test_a_public_page_is_cacheable_for_anonymous_visitors_and_answers_304(pages):
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=60", url
        assert "Cookie" in response["Vary"] and not response.cookies, url
        html = response.content.decode()
        assert not re.search(r'method="post"', html, re.I), f"a form that posts on {url}"
        assert "nonce=" not in html and "nonce-" not in response["Content-Security-Policy"]
        assert Client().get(url).content == response.content, f"{url} differs per visitor"
        again = Client().get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304, url


def test_the_same_pages_are_private_to_a_signed_in_person(pages, leader):
    client = Client()
    client.force_login(leader)
    for url in pages:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "public" not in response[
            "Cache-Control"], url


def test_a_private_partnership_is_never_a_cacheable_page(partnership):
    partnership.visibility = "private"
    partnership.save()
    response = Client().get(partnership.get_absolute_url())
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_a_page_with_a_message_for_the_visitor_is_not_shared(client, leader):
    client.force_login(leader)
    client.get("/accounts/logout/")
    response = client.post("/accounts/logout/", follow=True)
    assert "public" not in response.get("Cache-Control", "")
