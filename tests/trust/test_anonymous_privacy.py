"""Anonymous visitors never see a person's name or email address, on any public page."""

import re

import pytest
from django.core.management import call_command

from accounts.models import User
from casestudies.models import CaseStudy
from charities.models import ExpertiseOffer
from organisations.models import Organisation
from partnerships.models import Partnership
from trials.models import Study

pytestmark = pytest.mark.django_db


def _public_pages():
    pages = ["/", "/partnerships/", "/partnerships/export.csv", "/organisations/",
             "/expertise/", "/studies/", "/studies/export.csv", "/case-studies/",
             "/privacy/", "/cookies/"]
    pages += [p.get_absolute_url() for p in Partnership.objects.listed()]
    pages += [o.get_absolute_url() for o in Organisation.objects.all()]
    pages += [s.get_absolute_url() for s in Study.objects.all()]
    pages += [o.get_absolute_url() for o in ExpertiseOffer.objects.public()]
    pages += [c.get_absolute_url() for c in CaseStudy.objects.filter(state="published")]
    return pages


def test_no_public_page_shows_a_persons_name_or_email(client):
    call_command("seed_demo", verbosity=0)
    people = list(User.objects.all())
    assert len(people) >= 4
    pages = _public_pages()
    assert len(pages) > 20
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = (b"".join(response.streaming_content) if response.streaming
                else response.content).decode()
        for person in people:
            assert person.email not in text, (url, person.email)
            if person.full_name:
                assert not re.search(rf"\b{re.escape(person.full_name)}\b", text), (
                    url, person.full_name)
