"""An NHS R&D lead makes an API token from their account, reads a private partnership with it
from another system, revokes it; anyone reads the API docs and the open-data page; a lead imports
search results of several studies from ClinicalTrials.gov."""

import json

import pytest
from playwright.sync_api import expect

from api import opendata
from tests.browser.conftest import check_page, screenshot, sign_in
from tests.factories import (
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)
from tests.trials.test_ctgov_shapes import study

pytestmark = pytest.mark.browser


def _lead():
    trust = NhsTrustFactory(name="Northshire NHS Foundation Trust")
    lead = UserFactory(email="lead@northshire.nhs.uk", full_name="Lena Lead")
    MembershipFactory(user=lead, organisation=trust)
    partnership = PartnershipFactory(title="Private rare cancers work", lead_organisation=trust,
                                     visibility="private")
    add_person(partnership, lead, "lead")
    return lead, partnership


def test_a_token_made_reads_as_its_person_until_revoked(page):
    lead, partnership = _lead()
    sign_in(page, lead.email)
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="API tokens, for other systems to read the portal").click()
    check_page(page)
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_text("Enter a name for the token").first).to_be_visible()
    check_page(page, "token-form-error")
    page.get_by_label("Name the token").fill("R&D monthly report")
    page.get_by_label("1 year").check()
    page.get_by_role("button", name="Make a token").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("rpp_")
    check_page(page, "token-made")
    other_system = page.context.request
    answer = other_system.get("/api/v1/partnerships/", headers={
        "Authorization": f"Bearer {secret}", "Cookie": ""})
    assert answer.status == 200
    assert [row["title"] for row in answer.json()["results"]] == ["Private rare cancers work"]
    page.get_by_role("button", name="Revoke R&D monthly report").click()
    expect(page.get_by_text("is revoked: it stops working at once")).to_be_visible()
    check_page(page, "token-revoked")
    expect(page.get_by_role("cell", name="Revoked")).to_be_visible()
    refused = other_system.get("/api/v1/partnerships/",
                               headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401


def test_the_api_docs_and_open_data_pages(page, tmp_path, settings):
    _lead()
    page.goto("/api/docs/")
    expect(page.get_by_text("Research partnerships API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/partnerships/").first).to_be_visible()
    assert not page.problems, page.problems  # Swagger UI runs under our CSP
    screenshot(page, "api-docs")
    settings.MEDIA_ROOT = tmp_path
    page.goto("/open-data/")
    expect(page.get_by_text("The first download is made tonight")).to_be_visible()
    opendata.publish()
    page.goto("/partnerships/")
    page.get_by_role("link", name="Download all public data").click()
    check_page(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="JSON of partnerships").click()
    assert json.loads(download.value.path().read_text()) == []  # the only one is private


def test_a_lead_imports_search_results_of_several_studies(page, tmp_path):
    lead, partnership = _lead()
    records = {"studies": [study("NCT00000001", title="First platform trial"),
                           study("NCT00000002", title="Second platform trial",
                                 enrolment=(40, "ACTUAL")),
                           {"protocolSection": {"identificationModule": {"nctId": "bad"}}}]}
    upload = tmp_path / "search.json"
    upload.write_text(json.dumps(records))
    sign_in(page, lead.email)
    page.goto("/studies/import/")
    page.locator("input[type=file][name=record]").set_input_files(str(upload))
    page.get_by_label("Link it to your partnership").select_option(label=partnership.title)
    page.get_by_role("button", name="Check the records").click()
    expect(page.get_by_role("heading", name="Check 2 studies to import")).to_be_visible()
    expect(page.get_by_text("Study 3 in the file")).to_be_visible()
    check_page(page, "import-preview-several")
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("2 new studies imported, 0 updated.")).to_be_visible()
    check_page(page, "after-import")
