"""Given a partnership lead, when they import a ClinicalTrials.gov record, confirm it (linked to
their partnership) and add a recruitment update, then the chart and progress bar show it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_page, sign_in
from tests.factories import PartnershipFactory, UserFactory, add_person
from tests.trials.records import record

pytestmark = pytest.mark.browser


def test_import_confirm_and_record_recruitment(page, tmp_path):
    lead = UserFactory()
    partnership = PartnershipFactory(title="Rare cancers partnership")
    add_person(partnership, lead, "lead")
    path = tmp_path / "NCT01234567.json"
    path.write_bytes(record(enrolment=200))

    sign_in(page, lead.email)

    page.goto("/studies/")
    check_page(page)
    page.get_by_role("link", name="Import studies from ClinicalTrials.gov").click()
    check_page(page)
    page.locator("input[type=file][name=record]").set_input_files(str(path))
    page.get_by_label("Link it to your partnership").select_option(label=partnership.title)
    page.get_by_role("button", name="Check the records").click()
    expect(page.get_by_role("heading", name="Create a new study")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_text("The study is imported.")).to_be_visible()
    expect(page.get_by_text("No recruitment figures yet.")).to_be_visible()
    expect(page.get_by_role("link", name=partnership.title)).to_be_visible()
    check_page(page)

    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("People recruited so far").fill("50")
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text("50 of 200 recruited (25%)")).to_be_visible()
    expect(page.locator("svg.app-chart polyline")).to_have_count(1)
    check_page(page)
