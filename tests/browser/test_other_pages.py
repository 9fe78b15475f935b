"""Every page no journey visits still passes axe and loads without errors: the registry, history,
reminders, account pages, error pages and a form showing its error summary."""

import pytest

from drive.services import progress_ensure
from reminders.sweep import unsubscribe_token
from tests.browser.conftest import check_page, sign_in
from tests.factories import (
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)
from trials.models import Study

pytestmark = pytest.mark.browser


def test_the_remaining_pages_pass_axe(page):
    trust = NhsTrustFactory(name="Northshire NHS Foundation Trust")
    lead = UserFactory(email="lead@northshire.nhs.uk")
    MembershipFactory(user=lead, organisation=trust, role="admin")
    MembershipFactory(organisation=trust, state="pending")
    partnership = PartnershipFactory(lead_organisation=trust)
    add_person(partnership, lead, "lead")
    progress_ensure(partnership)
    study = Study.objects.create(title="A study", created_by=lead)
    study.partnerships.add(partnership)

    sign_in(page, lead.email)
    for path in [
        "/organisations/", f"/organisations/{trust.pk}/", "/organisations/new/",
        "/partnerships/mine/", f"/partnerships/{partnership.pk}/history/",
        f"/partnerships/{partnership.pk}/change/",
        f"/partnerships/{partnership.pk}/drive/reminders/",
        f"/partnerships/{partnership.pk}/drive/summary/", f"/studies/{study.pk}/change/",
        "/studies/new/", "/expertise/requests/", "/accounts/reminders/", "/accounts/email/",
        "/accounts/password/change/", "/accounts/sessions/", "/accounts/2fa/",
        "/accounts/your-data/", f"/organisations/{trust.pk}/history/",
        f"/partnerships/{partnership.pk}/register/partners/?find=north",
    ]:
        page.goto(path)
        check_page(page)

    # The 404 page: the browser logs the document's own 404, which is the point here.
    response = page.goto("/no-such-page/")
    assert response.status == 404
    page.problems[:] = [p for p in page.problems if "404 (Not Found)" not in p]
    check_page(page)

    # A form with errors: the NHS error summary and the fields it links to.
    page.goto("/organisations/new/")
    page.get_by_role("button", name="Register").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    check_page(page)

    # Closing the account: blocked while they are the only lead, so the page lists what to do.
    page.goto("/accounts/close/")
    assert page.get_by_text("You are the only lead").is_visible()
    check_page(page)

    # Signed out: the unsubscribe page works without an account.
    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    page.goto(f"/reminders/unsubscribe/{unsubscribe_token(lead.email, 'drive')}/")
    check_page(page)

    # Someone with nothing to hand over sees the closing form, and its errors.
    sign_in(page, UserFactory(email="leaving@example.org").email)
    page.goto("/accounts/close/")
    check_page(page)
    page.get_by_role("button", name="Close my account").click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    check_page(page)
