import pytest
from django.core import mail
from django.urls import reverse

from organisations.models import HealthCategory, Organisation
from partnerships.models import Invitation, Partnership
from tests.factories import CharityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _step(pk, step):
    return reverse("partnerships:register", args=[pk, step])


PURPOSE = {"title": "Better recruitment to cancer trials",
           "purpose": "Help more patients join trials close to home.",
           "topics": "recruitment, rare cancers", "visibility": "listed",
           "start_date_0": "1", "start_date_1": "4", "start_date_2": "2027",
           "end_date_0": "", "end_date_1": "", "end_date_2": ""}


def test_a_person_without_an_nhs_organisation_is_told_to_join_one_first(client):
    client.force_login(UserFactory())
    response = client.get(reverse("partnerships:start"))
    assert "Join your NHS organisation first" in response.content.decode()
    assert client.post(reverse("partnerships:start"), PURPOSE).status_code == 200
    assert not Partnership.objects.exists()


def test_an_nhs_leader_registers_a_partnership_step_by_step(client, leader, trust,
                                                           django_capture_on_commit_callbacks):
    client.force_login(leader)
    response = client.post(reverse("partnerships:start"),
                           {**PURPOSE, "lead_organisation": trust.pk})
    partnership = Partnership.objects.get()
    assert partnership.is_draft
    assert response.headers["Location"] == _step(partnership.pk, "classification")
    cancer = HealthCategory.objects.get(slug="cancer-and-neoplasms")
    client.post(_step(partnership.pk, "classification"),
                {"health_categories": [cancer.pk], "research_activity_groups": []})
    charity = CharityFactory(name="Rare Cancer Charity")
    client.post(reverse("partnerships:partner_add", args=[partnership.pk]),
                {"add-organisation": charity.pk, "add-role": "charity"})
    client.post(reverse("partnerships:partner_propose", args=[partnership.pk]), {
        "new-name": "Northshire Biotech", "new-kind": "company",
        "new-region": "north-west", "new-company_number": "12345678", "new-role": "industry"})
    client.post(_step(partnership.pk, "people"),
                {"email": "helper@charity.org", "role": "contributor"})
    assert mail.outbox == []  # invitations wait for the partnership to be registered
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_step(partnership.pk, "check"))
    partnership.refresh_from_db()
    assert response.headers["Location"] == partnership.get_absolute_url()
    assert partnership.status == "active"
    assert set(partnership.partners.values_list("organisation__name", "role")) == {
        (trust.name, "lead"), ("Rare Cancer Charity", "charity"),
        ("Northshire Biotech", "industry")}
    assert Organisation.objects.get(name="Northshire Biotech").memberships.count() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["helper@charity.org"]
    assert Invitation.objects.get().sent_at is not None


def test_a_step_that_does_not_validate_keeps_what_was_typed_after_leaving(client, partnership,
                                                                         leader):
    partnership.status = "draft"
    partnership.save()
    client.force_login(leader)
    typed = {**PURPOSE, "title": "", "purpose": "Half-written purpose that must not be lost"}
    response = client.post(_step(partnership.pk, "purpose"), typed)
    assert "Half-written purpose" in response.content.decode()
    # They leave, and come back later.
    client.get("/")
    response = client.get(_step(partnership.pk, "purpose"))
    html = response.content.decode()
    assert "Half-written purpose that must not be lost" in html
    assert "nhsuk-error-summary" in html


def test_registration_cannot_finish_without_a_health_category(client, partnership, leader):
    partnership.status = "draft"
    partnership.save()
    client.force_login(leader)
    response = client.post(_step(partnership.pk, "check"))
    assert "Select at least one health category" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.is_draft


def test_a_wrong_identifier_of_a_proposed_partner_gets_a_clear_message(client, partnership,
                                                                      leader):
    client.force_login(leader)
    response = client.post(reverse("partnerships:partner_propose", args=[partnership.pk]), {
        "new-name": "Odd Company", "new-kind": "company",
        "new-company_number": "123", "new-role": "industry"})
    assert "Companies House number of 8 characters" in response.content.decode()
    assert 'value="Odd Company"' in response.content.decode()
    assert not Organisation.objects.filter(name="Odd Company").exists()


def test_the_last_lead_cannot_be_removed_or_demoted(client, partnership, leader):
    client.force_login(leader)
    person = partnership.people.get()
    client.post(reverse("partnerships:person_role", args=[partnership.pk, person.pk]),
                {"role": "viewer"})
    person.refresh_from_db()
    assert person.role == "lead"


def test_extra_fields_in_a_post_change_nothing_they_should_not(client, partnership, roles):
    other_trust = Organisation.objects.create(name="Other Trust", kind="nhs-trust", ods_code="ZZZ")
    client.force_login(roles["contributor"])
    details = {**PURPOSE, "status": "active",
               "health_categories": [HealthCategory.objects.first().pk]}
    client.post(reverse("partnerships:edit", args=[partnership.pk]), {
        **details, "lead_organisation": other_trust.pk, "created_by": roles["outsider"].pk,
        "is_staff": "on", "role": "lead", "draft_answers": "{}"})
    partnership.refresh_from_db()
    roles["contributor"].refresh_from_db()
    assert partnership.title == PURPOSE["title"]  # the allowed change happened
    assert partnership.lead_organisation != other_trust
    assert partnership.created_by != roles["outsider"]
    assert not roles["contributor"].is_staff
    assert partnership.people.get(user=roles["contributor"]).role == "contributor"


def test_history_records_who_changed_what(client, partnership, leader):
    client.force_login(leader)
    details = {**PURPOSE, "status": "paused",
               "health_categories": [HealthCategory.objects.first().pk]}
    client.post(reverse("partnerships:edit", args=[partnership.pk]), details)
    html = client.get(reverse("partnerships:history", args=[partnership.pk])).content.decode()
    assert "Changed the partnership" in html
    assert leader.display_name in html


def test_a_large_registry_is_searched_by_name_not_listed_whole(client, partnership, leader,
                                                               monkeypatch):
    from core import pickers

    monkeypatch.setattr(pickers, "LIST_ALL_UP_TO", 2)
    wanted = CharityFactory(name="Helpful Charity")
    CharityFactory(name="Another Charity")
    CharityFactory(name="Third Charity")
    client.force_login(leader)
    page = client.get(_step(partnership.pk, "partners")).content.decode()
    assert "type part of its name" in page
    assert "Helpful Charity" not in page and "Another Charity" not in page
    # Without JavaScript, Find posts the form back: matches listed, nothing added, no error.
    response = client.post(reverse("partnerships:partner_add", args=[partnership.pk]), {
        "add-organisation__find": "helpful\x00",
        "_picker_find": "add-organisation", "add-role": "charity"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Helpful Charity" in page and "Another Charity" not in page
    assert "nhsuk-error-summary" not in page
    assert 'value="charity" checked' in page  # the role they chose is kept
    assert not partnership.partners.filter(organisation=wanted).exists()
    response = client.post(reverse("partnerships:partner_add", args=[partnership.pk]), {
        "add-organisation": wanted.pk, "add-role": "charity"})
    assert response.status_code == 302
    assert partnership.partners.filter(organisation=wanted).exists()


def test_the_type_ahead_finds_organisations_by_name_for_signed_in_people(client, leader):
    CharityFactory(name="Helpful Charity")
    CharityFactory(name="Another Charity")
    assert client.get("/pick/organisations/?q=help").status_code == 302  # sign in first
    client.force_login(leader)
    found = client.get("/pick/organisations/?q=helpful").json()["results"]
    assert [r["text"] for r in found] == ["Helpful Charity"]
    assert client.get("/pick/organisations/?q=%00").json() == {"results": []}
    assert client.get("/pick/nonsense/?q=ab").status_code == 404


def test_an_invitation_can_bring_in_any_organisation_from_a_large_registry(
        client, partnership, leader, monkeypatch):
    from core import pickers

    monkeypatch.setattr(pickers, "LIST_ALL_UP_TO", 1)
    unrelated = CharityFactory(name="Unrelated Charity")
    client.force_login(leader)
    page = client.get(_step(partnership.pk, "people")).content.decode()
    assert "Unrelated Charity" not in page
    response = client.post(_step(partnership.pk, "people"), {
        "email": "new.person@example.org", "role": "viewer", "organisation": unrelated.pk,
        "organisation_role": "charity"})
    assert response.status_code == 302
    assert partnership.invitations.get(email="new.person@example.org").organisation == unrelated


def test_check_your_answers_shows_every_answer_and_each_change_comes_back_to_it(
        client, leader, trust):
    client.force_login(leader)
    client.post(reverse("partnerships:start"), {**PURPOSE, "lead_organisation": trust.pk})
    partnership = Partnership.objects.get()
    charity = CharityFactory(name="Rare Cancer Charity")
    client.post(reverse("partnerships:partner_add", args=[partnership.pk]),
                {"add-organisation": charity.pk, "add-role": "nhs"})
    client.post(_step(partnership.pk, "people"), {"email": "a@b.org", "role": "viewer"})
    html = client.get(_step(partnership.pk, "check")).content.decode()
    assert "1 April 2027 to no end date" in html  # the dates typed on step 1
    assert "Rare Cancer Charity (NHS partner)" in html  # roles in sentence case
    assert "a@b.org (viewer)" in html
    change = _step(partnership.pk, "purpose") + "?return=check"
    assert f'href="{change}"' in html
    response = client.post(change, {**PURPOSE, "title": "A better name"})
    assert response.headers["Location"] == _step(partnership.pk, "check")
    partners_page = client.get(_step(partnership.pk, "partners") + "?return=check")
    assert "Back to check your answers" in partners_page.content.decode()


def test_registering_with_something_missing_links_to_the_step_that_fixes_it(
        client, leader, trust):
    client.force_login(leader)
    client.post(reverse("partnerships:start"), {**PURPOSE, "lead_organisation": trust.pk})
    partnership = Partnership.objects.get()
    html = client.post(_step(partnership.pk, "check")).content.decode()
    assert "Select at least one health category" in html
    assert f'href="{_step(partnership.pk, "classification")}?return=check"' in html


def test_your_partnerships_offers_registering_only_to_nhs_staff(client, leader):
    client.force_login(UserFactory())
    html = client.get(reverse("partnerships:mine")).content.decode()
    assert "Register a partnership" not in html and "ask to join it" in html
    client.force_login(leader)
    assert "Register a partnership" in client.get(reverse("partnerships:mine")).content.decode()


def test_rejected_draft_answers_are_kept_within_bounds(client, leader, partnership):
    """Issue 18: megabytes posted to a step are not stored in the partnership's draft, nor are
    fields the step does not have; what a person typed into the step's own fields is kept."""
    from partnerships.models import Partnership

    partnership.status = Partnership.Status.DRAFT
    partnership.save()
    client.force_login(leader)
    url = _step(partnership.pk, "purpose")
    client.post(url, {"title": "", "purpose": "Kept words", "junk": "x" * 100,
                      **{f"extra{n}": "y" for n in range(50)}})
    kept = Partnership.objects.get(pk=partnership.pk).draft_answers["purpose"]
    assert kept["purpose"] == ["Kept words"] and "junk" not in kept and "extra1" not in kept
    client.post(url, {"title": "", "purpose": "z" * 200_000, "topics": ["t" * 9000] * 1000})
    kept = Partnership.objects.get(pk=partnership.pk).draft_answers["purpose"]
    assert len(str(kept)) < 70_000
