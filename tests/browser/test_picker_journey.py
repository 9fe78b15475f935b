"""The picker for long lists, with and without JavaScript: a curator features two organisations
in a case study by typing part of their names, and the choices survive saving and editing."""

import pytest
from playwright.sync_api import expect

from casestudies import services
from core import pickers
from tests.browser.conftest import check_page, screenshot, sign_in, watched
from tests.conftest import add_totp
from tests.factories import CharityFactory, NhsTrustFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def story(transactional_db, monkeypatch):
    # Past this many records a list becomes a picker; two organisations make it one here.
    monkeypatch.setattr(pickers, "LIST_ALL_UP_TO", 1)
    NhsTrustFactory(name="The Christie NHS Foundation Trust")
    CharityFactory(name="Cancer Research UK")
    CharityFactory(name="Diabetes UK")
    curator = UserFactory(email="curator.picker@example.org", groups=["Curators"])
    secret = add_totp(curator)
    case_study = services.case_study_save(user=curator, title="Working together", summary="s")
    return curator, secret, case_study


def test_a_curator_picks_organisations_by_typing_with_the_keyboard(page, story):
    curator, secret, case_study = story
    sign_in(page, curator.email, secret=secret)
    page.goto(f"/case-studies/{case_study.pk}/change/")
    check_page(page, "picker-empty")
    find = page.locator("[data-name=organisations]").get_by_label("Add one: type part of its name")
    for text, name in (("christ", "The Christie NHS Foundation Trust"),
                       ("cancer", "Cancer Research UK")):
        find.fill(text)
        option = page.get_by_role("option", name=name)
        expect(option).to_be_visible()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        expect(page.get_by_role("checkbox", name=name)).to_be_checked()
    check_page(page, "picker-two-chosen")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Working together")).to_be_visible()
    assert sorted(case_study.organisations.values_list("name", flat=True)) == [
        "Cancer Research UK", "The Christie NHS Foundation Trust"]

    # Editing again shows both, ticked; unticking one and saving keeps the other.
    page.goto(f"/case-studies/{case_study.pk}/change/")
    expect(page.get_by_role("checkbox", name="Cancer Research UK")).to_be_checked()
    page.get_by_role("checkbox", name="Cancer Research UK").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Working together")).to_be_visible()
    assert list(case_study.organisations.values_list("name", flat=True)) == [
        "The Christie NHS Foundation Trust"]


def test_without_javascript_the_find_button_searches_and_keeps_what_was_typed(
        browser, live_server, story):
    curator, secret, case_study = story
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = watched(context.new_page(), "picker-without-javascript")
    try:
        sign_in(page, curator.email, secret=secret, check=False)
        page.goto(f"/case-studies/{case_study.pk}/change/")
        page.get_by_label("Title").fill("A title typed before searching")
        page.locator("#id_organisations").fill("diab")
        page.locator("button[value='organisations']").click()
        expect(page.get_by_text("1 found for “diab”")).to_be_visible()
        assert page.get_by_label("Title").input_value() == "A title typed before searching"
        assert page.locator(".nhsuk-error-summary").count() == 0
        screenshot(page, "matches-found")
        page.get_by_role("checkbox", name="Diabetes UK").check()
        page.get_by_role("button", name="Save").click()
        page.wait_for_url(f"**/case-studies/{case_study.pk}/")
        assert list(case_study.organisations.values_list("name", flat=True)) == ["Diabetes UK"]
    finally:
        context.close()
