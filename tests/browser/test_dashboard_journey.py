"""A trust's member opens the dashboard from the organisation's page, narrows it to a health
category and downloads a table; an outsider finds no dashboard."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core import demo
from organisations.models import Organisation
from tests.browser.conftest import check_page, sign_in, sign_out
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def test_a_member_reads_the_dashboard(page, transactional_db):
    demo.seed()
    christie = Organisation.objects.get(name__startswith="The Christie")
    member = UserFactory(email="member@christie.example.nhs.uk")
    MembershipFactory(user=member, organisation=christie)
    sign_in(page, member.email)
    page.goto(christie.get_absolute_url())
    page.get_by_role("link", name="See The Christie NHS Foundation Trust's dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_role("heading", name="Partnerships by DRIVE stage")).to_be_visible()
    check_page(page)
    page.get_by_label("Health category").select_option(label="Stroke")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r".*health_category=stroke"))
    check_page(page, "dashboard-stroke")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Delivery measures across our sites” (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert rows[0][0] == "Measure" and len(rows) == 5
    sign_out(page)

    outsider = UserFactory(email="someone@elsewhere.example.org")
    sign_in(page, outsider.email)
    page.goto(christie.get_absolute_url())
    expect(page.get_by_role("link", name="dashboard")).to_have_count(0)
    expect(page.get_by_role("heading", name="Portfolio in public")).to_be_visible()
    check_page(page, "organisation-public-facts")
    page.get_by_role("link", name="Compare with other organisations in North West").click()
    expect(page.get_by_role("heading", name="North West")).to_be_visible()
    check_page(page, "region")
