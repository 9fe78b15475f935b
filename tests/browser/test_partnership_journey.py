"""Given an NHS leader and a charity in the registry, when the leader registers a partnership
with two partners (one new) and invites a charity person, then that person signs up from the
invitation, accepts and sees the partnership, and an anonymous visitor finds its summary."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import check_page, sign_in, watched
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    NhsTrustFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

GUEST = "guest.researcher@helpful-charity.org"
GUEST_PASSWORD = "another long passphrase 77"
TITLE = "Targeted medicines for rare cancers"




def test_register_invite_accept_and_find(page, browser, live_server):
    trust = NhsTrustFactory(name="Northshire NHS Foundation Trust")
    leader = UserFactory(email="leader@northshire.nhs.uk")
    MembershipFactory(user=leader, organisation=trust)
    CharityFactory(name="Helpful Charity")

    # The leader registers the partnership, step by step.
    sign_in(page, leader.email)
    page.goto("/partnerships/new/")
    check_page(page)
    page.get_by_label("Lead NHS organisation").select_option(label=trust.name)
    page.get_by_label("Name of the partnership").fill(TITLE)
    page.get_by_label("Purpose").fill("Trying existing targeted medicines in rare cancers.")
    page.get_by_label("Listed: anyone can see a summary").check()
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/register/classification/")
    check_page(page)
    page.get_by_label("Cancer and neoplasms").check()
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/register/partners/")
    check_page(page)
    add = page.locator("form[action*='/partners/add/']")
    add.get_by_label("Organisation").select_option(label="Helpful Charity")
    add.get_by_label("Charity partner").check()
    add.get_by_role("button", name="Add this partner").click()
    expect(page.get_by_role("cell", name="Helpful Charity", exact=True)).to_be_visible()
    propose = page.locator("form[action*='/partners/propose/']")
    propose.get_by_label("Name").fill("Northshire Biotech")
    propose.get_by_label("Company", exact=True).check()
    propose.get_by_label("Companies House number").fill("12345678")
    propose.get_by_label("Industry partner").check()
    propose.get_by_role("button", name="Register and add this partner").click()
    expect(page.get_by_role("cell", name="Northshire Biotech", exact=True)).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/register/people/")
    check_page(page)
    page.get_by_label("Email address").fill(GUEST)
    page.get_by_label("Contributor").check()
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text(f"{GUEST} will be invited")).to_be_visible()
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/register/check/")
    check_page(page)
    page.get_by_role("button", name="Register partnership").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    check_page(page)

    # The invited person signs up from the invitation and accepts it.
    link = re.search(r"http\S+/partnerships/invitations/\S+/", mail.outbox[-1].body).group(0)
    link = link.replace("http://127.0.0.1:8000", "")
    guest_context = browser.new_context(base_url=live_server.url)
    guest = watched(guest_context.new_page(), "partnership-journey-guest")
    guest.goto(link)
    check_page(guest)
    guest.get_by_role("button", name="Create an account").click()
    guest.get_by_label("Full name").fill("Gus Guest")
    guest.get_by_label("Email").fill(GUEST)
    guest.get_by_label("Password", exact=True).fill(GUEST_PASSWORD)
    guest.get_by_label("Password (again)").fill(GUEST_PASSWORD)
    guest.get_by_role("button", name="Create an account").click()
    guest.wait_for_url("**/accounts/confirm-email/")
    confirm = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    guest.goto(confirm)
    guest.get_by_role("button", name="Confirm").click()
    guest.wait_for_url(lambda url: "confirm-email" not in url)
    guest.goto(link)
    check_page(guest)
    guest.get_by_role("button", name="Accept the invitation").click()
    expect(guest.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(guest.get_by_text("you are contributor")).to_be_visible()
    check_page(guest)
    guest_context.close()

    # An anonymous visitor finds the listed summary through a filter and a search.
    visitor_context = browser.new_context(base_url=live_server.url)
    visitor = watched(visitor_context.new_page(), "partnership-journey-visitor")
    visitor.goto("/partnerships/")
    check_page(visitor)
    visitor.locator("summary", has_text="Health category").click()
    visitor.get_by_label("Cancer and neoplasms").check()
    visitor.get_by_role("textbox", name="Search").fill("targeted medicines")
    visitor.get_by_role("button", name="Apply filters").click()
    expect(visitor.get_by_role("status")).to_contain_text("1 partnership found")
    check_page(visitor)
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", name=TITLE)).to_be_visible()
    assert GUEST not in visitor.content()
    check_page(visitor)
    visitor_context.close()
