"""Given someone who registered their NHS trust, when a registry administrator (signed in with
their second factor) opens the registry queue, checks the trust against the national register
and approves its first admin with the keyboard, then the trust shows as verified and its admin
can register a partnership it leads."""

import csv

import pytest
from playwright.sync_api import expect

from registers import services as registers
from tests.browser.conftest import check_page, sign_in, sign_out
from tests.conftest import add_totp
from tests.factories import UserFactory
from tests.registers.layouts import ods_row

pytestmark = pytest.mark.browser


def test_a_registry_administrator_approves_a_trusts_first_admin(page, tmp_path):
    path = tmp_path / "etr.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerow(ods_row("RZZ", "NORTHSHIRE HOSPITALS NHS FOUNDATION TRUST",
                                            gor="E12000001", address=("1 HOSPITAL ROAD",)))
    registers.load("ods", [path])
    lead = UserFactory(email="director@example.org", full_name="Dana Director")
    registry_admin = UserFactory(email="registry@example.org", full_name="Rae Registry",
                                 groups=["Registry administrators"])
    secret = add_totp(registry_admin)

    # The director registers the trust from the register's entry.
    sign_in(page, lead.email)
    page.goto("/organisations/new/")
    page.get_by_label("Register", exact=True).select_option("ods")
    page.get_by_label("Its number in that register").fill("rzz")
    page.get_by_role("button", name="Find it").click()
    expect(page.get_by_text("Found in the NHS Organisation Data Service register")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Northshire Hospitals NHS Foundation Trust")
    check_page(page)
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_text("Not verified", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    check_page(page)
    page.goto("/partnerships/new/")
    expect(page.get_by_role("heading", name="Your NHS organisation is not verified yet")
           ).to_be_visible()
    sign_out(page)

    # The registry administrator decides, with the keyboard.
    sign_in(page, registry_admin.email, secret=secret)
    page.goto("/organisations/registry/")
    check_page(page)
    page.get_by_role("link", name="Northshire Hospitals NHS Foundation Trust").click()
    expect(page.get_by_text("NORTHSHIRE HOSPITALS NHS FOUNDATION TRUST, 1 HOSPITAL ROAD (Open)")
           ).to_be_visible()
    expect(page.get_by_text("Dana Director (director@example.org)")).to_be_visible()
    check_page(page)
    verify = page.get_by_role("button", name="Verify Northshire Hospitals NHS Foundation Trust")
    verify.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Northshire Hospitals NHS Foundation Trust is verified.")
           ).to_be_visible()
    check_page(page)
    sign_out(page)

    # The director can now register a partnership it leads.
    sign_in(page, lead.email)
    page.goto("/partnerships/new/")
    expect(page.get_by_label("Lead NHS organisation")).to_contain_text(
        "Northshire Hospitals NHS Foundation Trust")
    check_page(page)
