"""Given a partnership with a lead and a contributor, when the lead completes Define purpose
(after first trying with a required answer missing) and hands Review to the contributor, who marks
two related items and completes it, then progress reads 2 of 5 and the summary shows both.
Everything is done with the keyboard alone: focus, type, Space and Enter."""

import re

import pytest
from playwright.sync_api import expect

from drive.services import progress_ensure
from organisations.models import HealthCategory
from tests.browser.conftest import check_page
from tests.factories import PASSWORD, PartnershipFactory, UserFactory, add_person

pytestmark = pytest.mark.browser


def _press(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def _type(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


def _sign_in(page, email):
    page.goto("/accounts/login/")
    _type(page, page.get_by_label("Email"), email)
    _type(page, page.get_by_label("Password"), PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _sign_out(page):
    page.goto("/accounts/logout/")
    _press(page, page.get_by_role("button", name="Sign Out"))
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def test_lead_and_contributor_work_through_two_actions(page):
    cancer = HealthCategory.objects.filter(slug="cancer-and-neoplasms")
    partnership = PartnershipFactory(title="Rare cancers and targeted medicines",
                                     purpose="Testing existing targeted medicines in rare cancers.")
    partnership.health_categories.set(cancer)
    for title in ("Rare cancers network", "Targeted medicines registry"):
        PartnershipFactory(title=title, purpose="Rare cancers work.").health_categories.set(cancer)
    lead, contributor = UserFactory(full_name="Lee Lead"), UserFactory(full_name="Cara Contributor")
    add_person(partnership, lead, "lead")
    add_person(partnership, contributor, "contributor")
    progress_ensure(partnership)

    _sign_in(page, lead.email)
    page.goto(f"/partnerships/{partnership.pk}/drive/")
    check_page(page)
    _press(page, page.get_by_role("link", name="D: Define purpose"))
    page.wait_for_url("**/drive/define-purpose/")
    check_page(page)

    # Completing with a required prompt empty shows the error summary.
    _type(page, page.get_by_label("What are the partnership's shared aims?"), "Find treatments")
    _press(page, page.get_by_label("In progress"), "Space")
    _press(page, page.get_by_role("button", name="Mark as completed"))
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("before completing")
    check_page(page)

    _type(page, page.get_by_label("Which topics or conditions will it focus on?"), "Rare cancers")
    _type(page, page.get_by_label("What does each partner hope to gain?"), "Evidence for all")
    _press(page, page.get_by_role("button", name="Mark as completed"))
    expect(page.get_by_text("Define purpose is completed.")).to_be_visible()
    check_page(page)

    # Review goes to the contributor, with a due date.
    page.goto(f"/partnerships/{partnership.pk}/drive/review-and-build/")
    page.get_by_label("Owner").select_option(label="Cara Contributor")
    _type(page, page.get_by_label("Day"), "15")
    _type(page, page.get_by_label("Month"), "1")
    _type(page, page.get_by_label("Year"), "2027")
    _press(page, page.get_by_label("In progress"), "Space")
    _press(page, page.get_by_role("button", name="Save", exact=True))
    expect(page.get_by_text("is saved.")).to_be_visible()
    check_page(page)
    _sign_out(page)

    # The contributor marks two related items and completes Review.
    _sign_in(page, contributor.email)
    page.goto(f"/partnerships/{partnership.pk}/drive/review-and-build/")
    check_page(page)
    _press(page, page.get_by_role("button", name=re.compile(r"^Relevant\W+Rare cancers network")))
    expect(page.get_by_text("Rare cancers network is marked relevant.")).to_be_visible()
    _press(page, page.get_by_role("button",
                                   name=re.compile(r"^Not relevant\W+Targeted medicines")))
    expect(page.get_by_text("marked not relevant")).to_be_visible()
    _type(page, page.get_by_label("What related work, studies or partnerships already exist?"),
          "A national network and a registry")
    _type(page, page.get_by_label("Who is already active in this area, and how will you "
                                  "involve them?"), "The network's leads join our board")
    _press(page, page.get_by_role("button", name="Mark as completed"))
    expect(page.get_by_text("is completed.")).to_be_visible()
    check_page(page)

    page.goto(f"/partnerships/{partnership.pk}/drive/")
    expect(page.get_by_text("2 of 5 actions completed")).to_be_visible()
    check_page(page)
    page.goto(f"/partnerships/{partnership.pk}/drive/summary/")
    expect(page.get_by_text("Find treatments")).to_be_visible()
    expect(page.get_by_text("Rare cancers network: relevant")).to_be_visible()
    expect(page.get_by_text("A national network and a registry")).to_be_visible()
    check_page(page)
