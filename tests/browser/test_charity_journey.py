"""Given a charity with staff and an NHS lead with a partnership, when the charity publishes an
offer, the lead finds it through a filter and asks for help, and the charity accepts, then the
charity shows as a partner of the partnership."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_page, sign_in, sign_out
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)

pytestmark = pytest.mark.browser






def test_offer_find_request_accept(page):
    charity = CharityFactory(name="Helpful Charity")
    staff = UserFactory(email="staff@helpful.org")
    MembershipFactory(user=staff, organisation=charity, role="admin")
    lead = UserFactory(email="lead@trust.nhs.uk")
    partnership = PartnershipFactory(title="Rare cancers partnership")
    add_person(partnership, lead, "lead")

    # The charity publishes an offer.
    sign_in(page, staff.email)
    page.goto("/expertise/")
    check_page(page)
    page.get_by_role("link", name="Offer Helpful Charity's expertise").click()
    check_page(page)
    page.get_by_label("Patient and public involvement").check()
    page.get_by_label("A short name for the offer").fill("Patient panel for cancer trials")
    page.get_by_label("Description").fill("People affected by cancer review your plans.")
    page.get_by_label("Cancer and neoplasms").check()
    page.get_by_label("Open to requests").check()
    page.get_by_role("button", name="Publish the offer").click()
    expect(page.get_by_role("heading", name="Patient panel for cancer trials")).to_be_visible()
    check_page(page)
    sign_out(page)

    # The NHS lead finds it with a filter and asks for help.
    sign_in(page, lead.email)
    page.goto("/expertise/")
    page.get_by_label("Kind of help").select_option(label="Patient and public involvement")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("1 offer found")
    check_page(page)
    page.get_by_role("link", name="Patient panel for cancer trials").click()
    check_page(page)
    page.get_by_label("Which partnership needs help?").select_option(label=partnership.title)
    page.get_by_label("What help do you need?").fill("Review our patient information sheet")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Waiting for the charity")).to_be_visible()
    check_page(page)
    sign_out(page)

    # The charity accepts; it is now a partner.
    sign_in(page, staff.email)
    page.goto("/expertise/requests/")
    check_page(page)
    page.get_by_role("link", name="Patient panel for cancer trials").click()
    page.get_by_role("button", name="Accept the request").click()
    expect(page.get_by_text("Done. The other side has been told by email.")).to_be_visible()
    check_page(page)
    page.goto(f"/partnerships/{partnership.pk}/")
    expect(page.get_by_text("Helpful Charity, charity partner")).to_be_visible()
    check_page(page)
