"""Each kind of person starts from their home page and acts from it: an invited person accepts,
the lead opens the overdue action they own and reads the news in Notifications, the charity's
staff answer a request for help, and a second curator approves a case study."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casestudies import services as casestudy_services
from charities import services as charity_services
from drive.models import ActionProgress
from drive.services import progress_ensure
from partnerships import services as partnership_services
from tests.browser.conftest import check_page, sign_in, sign_out
from tests.conftest import add_totp
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


def _world():
    trust = NhsTrustFactory()
    lead = UserFactory(email="lead@northshire.nhs.uk", full_name="Lena Lead")
    MembershipFactory(user=lead, organisation=trust)
    partnership = PartnershipFactory(title=TITLE, lead_organisation=trust)
    add_person(partnership, lead, "lead")
    progress_ensure(partnership)
    ActionProgress.objects.filter(partnership=partnership, action__number=3).update(
        owner=lead, due_date=timezone.localdate() - timedelta(days=4), status="in-progress")
    guest = UserFactory(email="guest@example.org", full_name="Gita Guest")
    partnership_services.invitation_create(user=lead, partnership=partnership,
                                           email=guest.email, role="contributor")
    charity = CharityFactory(name="Helpful Charity")
    staff = UserFactory(email="staff@helpful.org", full_name="Sam Staff")
    MembershipFactory(user=staff, organisation=charity, role="admin")
    offer = charity_services.offer_save(
        user=staff, organisation=charity, kind="ppi", title="Patient panel",
        description="A panel.", regions=["london"], health_categories=[])
    charity_services.request_create(user=lead, offer=offer, partnership=partnership,
                                    what_is_needed="A patient panel for our protocol")
    writer = UserFactory(email="writer@curators.org", groups=["Curators"])
    second = UserFactory(email="second@curators.org", groups=["Curators"])
    add_totp(writer)
    study = casestudy_services.case_study_save(user=writer, title="What worked in DETERMINE",
                                               summary="Charities shaped the protocol.")
    casestudy_services.case_study_submit(user=writer, case_study=study)
    return lead, guest, staff, second, add_totp(second)


def test_each_person_acts_from_their_home(page):
    lead, guest, staff, second, secret = _world()

    sign_in(page, guest.email)
    page.goto("/")
    expect(page.get_by_role("heading", name="What needs you")).to_be_visible()
    expect(page.get_by_text(f"You are invited to {TITLE} as contributor")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name=f"Accept: You are invited to {TITLE}").click()
    expect(page.get_by_text(f"You have joined {TITLE}.")).to_be_visible()
    check_page(page)
    sign_out(page)

    sign_in(page, lead.email)
    page.goto("/")
    expect(page.get_by_role("heading", name=re.compile(r"^Overdue"))).to_be_visible()
    check_page(page)
    page.get_by_role("link", name=re.compile(rf"Invest in infrastructure for {TITLE}")).click()
    expect(page.get_by_role("heading", name="Invest in infrastructure")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Notifications (1 new)").click()
    expect(page.get_by_text(f"Gita Guest accepted your invitation to {TITLE}")).to_be_visible()
    check_page(page)
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    sign_out(page)

    sign_in(page, staff.email)
    page.goto("/")
    page.get_by_role("link", name=f"{TITLE} asks about Patient panel").click()
    check_page(page)
    page.get_by_role("button", name="Accept the request").click()
    expect(page.get_by_text("Accepted", exact=False).first).to_be_visible()
    sign_out(page)

    sign_in(page, second.email, secret=secret)
    page.goto("/")
    page.get_by_role("link", name="Review the case study What worked in DETERMINE").click()
    check_page(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("The case study is now published.")).to_be_visible()
    page.goto("/")
    expect(page.get_by_text("Review the case study What worked in DETERMINE")).to_have_count(0)
    check_page(page)
