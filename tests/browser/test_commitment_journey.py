"""A lead records, with the keyboard only, what a charity partner brings; Invest in
infrastructure refuses to complete until each partner has agreed something; the charity's admin
agrees it from the commitments page."""

import pytest
from playwright.sync_api import expect

from drive.services import progress_ensure
from tests.browser.conftest import check_page, sign_in, sign_out
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)

pytestmark = pytest.mark.browser
TITLE = "Rare cancers partnership"


def _type_into(page, label, text):
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def test_record_by_keyboard_then_the_partner_agrees(page):
    trust = NhsTrustFactory(name="Northshire NHS Foundation Trust")
    lead = UserFactory(email="lead@northshire.nhs.uk")
    MembershipFactory(user=lead, organisation=trust, role="admin")
    partnership = PartnershipFactory(title=TITLE, lead_organisation=trust)
    add_person(partnership, lead, "lead")
    progress_ensure(partnership)
    charity = CharityFactory(name="Helpful Charity")
    partnership.partners.create(organisation=charity, role="charity", state="confirmed")
    admin = UserFactory(email="admin@helpful.org")
    MembershipFactory(user=admin, organisation=charity, role="admin")

    sign_in(page, lead.email)
    page.goto(f"/partnerships/{partnership.pk}/drive/")
    page.get_by_role("link", name="What each partner brings").click()
    check_page(page)
    page.get_by_role("button", name="Record a commitment").click()
    check_page(page)
    # Keyboard only: the partner list and the kind radios answer to the arrow keys.
    page.get_by_label("Which partner brings it").focus()
    page.keyboard.press("Home")  # Helpful Charity sorts first
    page.get_by_label("People and time").focus()
    page.keyboard.press("ArrowDown")  # Money
    _type_into(page, "What it is", "Patient panel costs")
    _type_into(page, "Amount in pounds", "-300")
    page.get_by_role("button", name="Save the commitment").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Enter an amount more than £0")).to_be_visible()
    check_page(page, "commitment-error")
    expect(page.get_by_label("What it is", exact=True)).to_have_value("Patient panel costs")
    page.get_by_label("Amount in pounds").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("12500")
    page.get_by_role("button", name="Save the commitment").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("is recorded")).to_be_visible()
    expect(page.get_by_text("Proposed").first).to_be_visible()
    check_page(page)

    page.goto(f"/partnerships/{partnership.pk}/drive/invest-in-infrastructure/")
    for box in page.locator("textarea").all():
        box.fill("Agreed at the first board.")
    page.get_by_role("button", name="Mark as completed").click()
    expect(page.get_by_text("Waiting for: Helpful Charity, Northshire")).to_be_visible()
    check_page(page, "invest-refused")
    sign_out(page)

    sign_in(page, admin.email)
    add_person(partnership, admin, "viewer")
    page.goto(f"/partnerships/{partnership.pk}/drive/commitments/")
    page.get_by_role("button", name="Agree: Patient panel costs").click()
    expect(page.get_by_text("“Patient panel costs” is agreed.")).to_be_visible()
    expect(page.get_by_role("cell", name="£12,500").first).to_be_visible()
    check_page(page)
