import re

import pytest
from django.test import override_settings
from django.urls import path

from config import urls as project_urls
from drive.models import DriveAction
from tests.conftest import assert_security_headers

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_drive_and_sends_each_person_to_their_task(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="nhsuk-header' in html
    assert "Research partnerships" in html
    for action in DriveAction.objects.all():
        assert action.title in html
    assert "Register a research partnership" in html
    assert "Offer your charity" in html


def test_the_layout_has_a_skip_link_phase_banner_and_footer(client):
    html = client.get("/").content.decode()
    assert 'href="#maincontent"' in html
    assert "This is a new service" in html
    assert 'class="nhsuk-footer' in html


def test_a_missing_page_is_a_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="nhsuk-header' in html


def test_a_refused_page_is_a_styled_403(person_client):
    # A signed-in person who is not staff may not use the admin.
    response = person_client.get("/admin/login/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have permission" in html
    assert 'class="nhsuk-header' in html


def _boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", _boom), *project_urls.urlpatterns]
handler500 = "core.views.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_a_failure_is_a_styled_500(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert 'class="nhsuk-header' in html
    assert "deliberate failure" not in html


PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
         "/no-such-page/", "/health/", "/privacy/", "/cookies/", "/partnerships/", "/expertise/",
         "/studies/", "/case-studies/", "/organisations/"]


@pytest.mark.parametrize("url", PAGES)
def test_security_headers_are_on_every_response(client, url):
    response = client.get(url)
    assert_security_headers({name.lower(): value for name, value in response.headers.items()})


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/partnerships/"])
def test_every_inline_script_is_allowed_by_its_hash_and_no_page_carries_a_nonce(client, url):
    import base64
    import hashlib

    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "'nonce-" not in policy  # the same page for every visitor, cacheable whole
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
                        response.content.decode(), re.S)
    assert inline, "the NHS template adds one inline script"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, "an inline script the policy does not allow"


@pytest.mark.parametrize("url,text", [("/privacy/", "What we hold"),
                                      ("/cookies/", "do not ask for your consent")])
def test_privacy_and_cookie_pages_are_linked_from_every_page(client, url, text):
    assert f'href="{url}"' in client.get("/").content.decode()
    assert text in client.get(url).content.decode()


@pytest.mark.parametrize("query, cached", [
    ("", True), ("?status=active", True), ("?q=stroke", True), ("?q=" + "long+" * 30, False),
    ("?status=bogus", False), ("?utm_source=x", False)])
def test_filter_forms_of_choices_and_short_searches_are_cached(client, monkeypatch, query,
                                                               cached):
    from config import jinja2

    stored = []
    real_set = jinja2.cache.set
    monkeypatch.setattr(jinja2.cache, "set", lambda key, *args, **kwargs: (
        stored.append(key), real_set(key, *args, **kwargs)))
    monkeypatch.setattr(jinja2.cache, "get", lambda key, *args, **kwargs: None)
    assert client.get("/partnerships/" + query).status_code == 200
    assert any(key.startswith("fragment:") for key in stored) == cached


def test_every_page_links_to_the_statements_and_the_banner_asks_for_feedback(client):
    html = client.get("/").content.decode()
    for href in ("/accessibility/", "/privacy/", "/cookies/", "/feedback/"):
        assert f'href="{href}"' in html.split('role="contentinfo"')[1]
    banner = html.split('class="app-phase-banner"')[1].split("</div>")[0]
    assert 'href="/feedback/"' in banner


def test_the_accessibility_statement_says_its_status_how_it_was_tested_and_how_to_report(client):
    html = client.get("/accessibility/").content.decode()
    assert "WCAG version 2.2 AA" in html
    assert "How we tested this service" in html and "axe-core" in html
    assert "Reporting accessibility problems" in html and "mailto:" in html


@override_settings(SERVICE_OPERATOR="NHS Example Team", CONTACT_EMAIL="privacy@example.nhs.uk")
def test_the_privacy_notice_has_what_an_information_governance_review_asks_for(client):
    html = client.get("/privacy/").content.decode()
    assert "The data controller is NHS Example Team" in html
    assert "mailto:privacy@example.nhs.uk" in html
    assert "lawful basis" in html and "Article 6(1)(f)" in html
    for right in ("copy of your data", "correct it", "deleted", "object to"):
        assert right in html
    assert 'href="/accounts/your-data/"' in html and 'href="/accounts/close/"' in html
    assert "How long we keep it" in html and "14 days" in html
    assert "Information Commissioner" in html and "ico.org.uk" in html
