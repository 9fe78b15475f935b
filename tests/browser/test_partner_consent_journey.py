"""Given a lead who names a charity as a partner, when the charity's admin opens its
organisation page, they confirm it with the keyboard, and only then does the charity show as a
partner on the partnership's public page."""

import pytest
from playwright.sync_api import expect

from partnerships import services
from tests.browser.conftest import check_page, sign_in, sign_out
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)

pytestmark = pytest.mark.browser


def test_a_charity_admin_confirms_a_proposed_partnership(page):
    charity = CharityFactory(name="Helpful Charity")
    admin = UserFactory(email="admin@helpful.org")
    MembershipFactory(user=admin, organisation=charity, role="admin")
    lead = UserFactory(email="lead@trust.nhs.uk")
    partnership = PartnershipFactory(title="Rare cancers partnership")
    add_person(partnership, lead, "lead")
    services.partner_add(user=lead, partnership=partnership, organisation=charity,
                         role="charity")

    # In public the charity is not a partner yet.
    page.goto(f"/partnerships/{partnership.pk}/")
    expect(page.get_by_role("link", name="Helpful Charity")).to_have_count(0)

    sign_in(page, admin.email)
    page.goto(f"/organisations/{charity.pk}/")
    check_page(page)
    expect(page.get_by_role("heading", name="Partnerships that named Helpful Charity")
           ).to_be_visible()
    confirm = page.get_by_role("button", name="Confirm Helpful Charity is a partner of "
                                               "Rare cancers partnership")
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Helpful Charity is confirmed as a partner of Rare cancers "
                            "partnership.")).to_be_visible()
    check_page(page)
    sign_out(page)

    page.goto(f"/partnerships/{partnership.pk}/")
    expect(page.get_by_role("link", name="Helpful Charity")).to_be_visible()
    check_page(page)
