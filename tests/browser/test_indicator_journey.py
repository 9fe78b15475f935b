"""A lead declares an indicator while defining purpose and enters two results, keyboard only;
the chart and its table show the same numbers, and a viewer reads them."""

import pytest
from playwright.sync_api import expect

from drive.services import progress_ensure
from tests.browser.conftest import check_page, sign_in, sign_out
from tests.factories import (
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)

pytestmark = pytest.mark.browser


def _type(page, label, text):
    box = page.get_by_label(label, exact=True)
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _date(page, group, day, month, year):
    fieldset = page.get_by_role("group", name=group)
    for label, value in (("Day", day), ("Month", month), ("Year", year)):
        fieldset.get_by_label(label).focus()
        page.keyboard.type(value)


def _submit(page, name):
    page.get_by_role("button", name=name).focus()
    page.keyboard.press("Enter")


def test_declare_an_indicator_and_report_results(page):
    trust = NhsTrustFactory(name="Northshire NHS Foundation Trust")
    lead = UserFactory(email="lead@northshire.nhs.uk")
    viewer = UserFactory(email="viewer@northshire.nhs.uk")
    MembershipFactory(user=lead, organisation=trust, role="admin")
    partnership = PartnershipFactory(title="Rare cancers partnership", lead_organisation=trust)
    add_person(partnership, lead, "lead")
    add_person(partnership, viewer, "viewer")
    progress_ensure(partnership)

    sign_in(page, lead.email)
    page.goto(f"/partnerships/{partnership.pk}/drive/define-purpose/")
    page.get_by_role("link", name="Agree how you will know it worked").click()
    check_page(page)
    page.get_by_role("button", name="Add an indicator").click()
    _type(page, "What you will measure", "Participants from under-served areas")
    _type(page, "Unit", "participants")
    _type(page, "Baseline value", "10")
    _date(page, "Baseline date", "1", "1", "2026")
    _type(page, "Target value", "5")  # below the baseline: refused
    _date(page, "Target date", "1", "1", "2027")
    _submit(page, "Save the indicator")
    expect(page.get_by_role("link", name="Higher is better: enter a target above the baseline, "
                                         "or choose lower is better")).to_be_visible()
    check_page(page, "indicator-error")
    _type(page, "Target value", "120")
    _submit(page, "Save the indicator")
    expect(page.get_by_role("heading", name="Participants from under-served areas")).to_be_visible()
    for day, month, value in (("31", "3", "30"), ("30", "6", "55")):
        _date(page, "End of the period it covers", day, month, "2026")
        _type(page, "Result, in participants", value)
        _submit(page, "Add the result")
        expect(page.get_by_text("The result is added.")).to_be_visible()
    expect(page.locator("svg.app-chart circle.app-chart__point")).to_have_count(2)
    expect(page.get_by_role("cell", name="55", exact=True)).to_be_visible()
    check_page(page)
    sign_out(page)

    sign_in(page, viewer.email)
    page.goto(f"/partnerships/{partnership.pk}/drive/indicators/")
    expect(page.locator("svg.app-chart")).to_have_count(1)
    expect(page.get_by_role("button", name="Add an indicator")).to_have_count(0)
    check_page(page)
