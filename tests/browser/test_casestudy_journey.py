"""Given a partnership lead and two curators (with authenticator apps), when the lead nominates
the partnership, curator A drafts a case study from it but cannot publish it alone, and curator B
approves it, then an anonymous visitor finds it by filtering on a DRIVE action."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_page, sign_in, sign_out
from tests.conftest import add_totp
from tests.factories import PartnershipFactory, UserFactory, add_person

pytestmark = pytest.mark.browser
TITLE = "Rare cancers partnership"






def test_nominate_draft_approve_find(page):
    lead = UserFactory()
    partnership = PartnershipFactory(title=TITLE)
    add_person(partnership, lead, "lead")
    curator_a = UserFactory(email="a@curators.org", groups=["Curators"])
    curator_b = UserFactory(email="b@curators.org", groups=["Curators"])
    secret_a, secret_b = add_totp(curator_a), add_totp(curator_b)

    sign_in(page, lead.email)
    page.goto(f"/partnerships/{partnership.pk}/")
    page.get_by_role("link", name="Nominate this partnership as a case study").click()
    check_page(page)
    page.get_by_label("Why is this partnership a good example?").fill(
        "Charity partners helped us recruit twice as fast.")
    page.get_by_role("button", name="Nominate").click()
    expect(page.get_by_text("The curators will look at your nomination")).to_be_visible()
    sign_out(page)

    sign_in(page, curator_a.email, secret=secret_a)
    page.goto("/case-studies/curate/")
    check_page(page)
    page.get_by_role("button", name=f"Draft a case study from {TITLE}").click()
    page.wait_for_url(re.compile(r".*/case-studies/\d+/change/"))
    check_page(page)
    page.get_by_label("Value success").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.get_by_role("button", name="Send for review").click()
    # The writer is not offered Approve: the page says a second curator must.
    expect(page.get_by_text("Another curator must approve and publish it")).to_be_visible()
    assert page.get_by_role("button", name="Approve and publish").count() == 0
    check_page(page)
    study_url = page.url
    sign_out(page)

    sign_in(page, curator_b.email, secret=secret_b)
    page.goto(study_url)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("The case study is now published.")).to_be_visible()
    check_page(page)
    sign_out(page)

    page.goto("/case-studies/")
    check_page(page)
    page.get_by_label("DRIVE action").select_option(label="Value success")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("1 case study found")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    check_page(page)
