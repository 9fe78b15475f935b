from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import NhsTrustFactory
from tests.trials.records import confirm, record
from trials import ctgov, identifiers
from trials.models import RecruitmentUpdate, Study, StudySite

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field,right,wrong", [
    ("nct_id", ["NCT05722886", "nct05722886"], ["NCT0572288", "NCT057228861", "05722886"]),
    ("isrctn", ["ISRCTN12345678"], ["ISRCTN1234567", "12345678"]),
    ("eudract", ["2021-003391-14"], ["2021-3391-14", "2021-003391-1", "21-003391-14"]),
    ("ctis", ["2023-501234-12-00"], ["2023-501234-12", "2023-501234-12-0"]),
    ("iras_id", ["309252", "1004057"], ["30925", "10040571", "IRAS309252"]),
    ("cpms_id", ["52726", "1"], ["", "12345678", "CPMS1"]),
])
def test_every_identifier_format_right_and_wrong(field, right, wrong):
    validate = identifiers.FIELDS[field]
    for value in right:
        validate(value)
    for value in wrong:
        with pytest.raises(ValidationError, match="like"):
            validate(value)


def test_identifiers_are_unique_across_studies():
    Study.objects.create(title="One", nct_id="NCT05722886")
    with pytest.raises(ValidationError):
        Study(title="Two", nct_id="NCT05722886").full_clean()


def test_an_import_creates_and_a_second_updates_in_place(trust):
    trust.name = "Northshire NHS Foundation Trust"
    trust.save()
    study, created = ctgov.apply(ctgov.parse(record()))
    assert created and study.phase == "2/3" and study.status == "recruiting"
    assert study.eudract == "2021-003391-14" and study.target_recruitment == 300
    assert study.start_date == date(2023, 3, 1) and study.end_date == date(2029, 10, 31)
    assert [s.organisation.name for s in study.sites.all()] == [trust.name]
    again, created = ctgov.apply(ctgov.parse(record(status="COMPLETED", enrolment=320)))
    assert not created and again.pk == study.pk and Study.objects.count() == 1
    again.refresh_from_db()
    assert (again.status, again.target_recruitment) == ("completed", 320)
    assert StudySite.objects.count() == 1


@pytest.mark.parametrize("raw,message", [
    (b"not json at all", "not JSON"),
    (record()[:200], "not JSON"),  # truncated
    (b"\xff\xfe\x00", "not JSON"),
    (b"[]", "holds no study records"),
    (b'{"studies": []}', "holds no study records"),
    (b'{"studies": "all"}', "not a list"),
    (b"{}", "no protocolSection"),
    (b'{"protocolSection": {"identificationModule": {}}}', "lacks statusModule"),
    (record(nct="NCT123"), "no valid NCT number"),
    (record(title=""), "no title"),
    (b" " * (ctgov.MAX_BYTES + 1), "larger than 10 MB"),
])
def test_bad_files_get_a_clear_message_and_save_nothing(raw, message):
    with pytest.raises(ValidationError, match=message):
        ctgov.parse(raw)
    assert not Study.objects.exists()


def test_the_command_imports_and_reports_bad_files(tmp_path, capsys):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_bytes(record())
    bad.write_bytes(b"{")
    with pytest.raises(CommandError):
        call_command("import_ctgov", str(good), str(bad))
    assert Study.objects.filter(nct_id="NCT01234567").exists()
    assert "bad.json: The file is not JSON" in capsys.readouterr().err


def test_the_web_import_previews_then_confirms(client, leader, partnership):
    client.force_login(leader)
    upload = SimpleUploadedFile("study.json", record(), content_type="application/json")
    response = client.post(reverse("trials:import"),
                           {"record": upload, "partnership": partnership.pk})
    assert "Create a new study" in response.content.decode()
    assert not Study.objects.exists()  # nothing saved before confirming
    response = confirm(client, response)
    study = Study.objects.get()
    assert response.headers["Location"] == study.get_absolute_url()
    assert list(study.partnerships.all()) == [partnership]


def test_a_bad_upload_shows_the_message_beside_the_field(client, leader, partnership):
    client.force_login(leader)
    upload = SimpleUploadedFile("study.json", b"{broken", content_type="application/json")
    html = client.post(reverse("trials:import"),
                       {"record": upload, "partnership": partnership.pk}).content.decode()
    assert "nhsuk-error-summary" in html and "The file is not JSON" in html


@pytest.fixture
def study(partnership):
    study = Study.objects.create(title="A study", target_recruitment=100, status="recruiting")
    study.partnerships.add(partnership)
    return study


ROLES = ["anonymous", "outsider", "viewer", "contributor", "lead"]


@pytest.mark.parametrize("index,role", list(enumerate(ROLES)))
def test_who_may_read_and_who_may_add_recruitment(client, study, roles, index, role):
    if role != "anonymous":
        client.force_login(roles[role])
    assert client.get(study.get_absolute_url()).status_code == 200
    response = client.post(reverse("trials:recruitment", args=[study.pk]), {
        "r-date_0": "1", "r-date_1": "6", "r-date_2": "2026", "r-recruited": "10"})
    expected = {"anonymous": 302, "outsider": 403, "viewer": 403, "contributor": 302,
                "lead": 302}[role]
    assert response.status_code == expected
    assert RecruitmentUpdate.objects.exists() == (role in {"contributor", "lead"})
    assert client.get(reverse("trials:import")).status_code == (
        302 if role == "anonymous" else 200 if role in {"contributor", "lead"} else 403)


def test_the_chart_and_progress_follow_the_updates(client, study, leader):
    client.force_login(leader)
    for day, count in ((1, 10), (2, 40)):
        client.post(reverse("trials:recruitment", args=[study.pk]), {
            "r-date_0": str(day), "r-date_1": "6", "r-date_2": "2026", "r-recruited": count})
    html = client.get(study.get_absolute_url()).content.decode()
    assert "40 of 100 recruited (40%)" in html
    assert "<polyline" in html and "<svg" in html
    assert html.count('class="nhsuk-table__cell nhsuk-table__cell--numeric"') == 2


def _count(client, study, day, month, count, **extra):
    return client.post(reverse("trials:recruitment", args=[study.pk]), {
        "r-date_0": str(day), "r-date_1": str(month), "r-date_2": "2026",
        "r-recruited": str(count), **extra})


def test_a_bad_update_shows_its_errors_beside_the_fields_and_keeps_what_was_typed(
        client, study, leader):
    client.force_login(leader)
    response = _count(client, study, 31, 2, "lots")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="nhsuk-error-summary' in html and 'href="#id_r-date_0"' in html
    assert 'value="lots"' in html  # nothing typed is lost
    assert "The update was not saved" not in html  # no banner


def test_a_lower_total_than_before_is_confirmed_before_it_is_saved(client, study, leader):
    client.force_login(leader)
    _count(client, study, 1, 6, 40)
    html = _count(client, study, 2, 6, 35).content.decode()
    assert "35 is fewer than the 40 recorded for the whole study on 1 June 2026" in html
    assert "The total went down" in html
    assert RecruitmentUpdate.objects.count() == 1
    _count(client, study, 2, 6, 35, **{"r-confirm_drop": "on"})
    assert sorted(RecruitmentUpdate.objects.values_list("recruited", flat=True)) == [35, 40]


def test_a_figure_is_corrected_or_deleted_and_the_history_keeps_it(client, study, leader):
    client.force_login(leader)
    _count(client, study, 1, 6, 1200)
    update = RecruitmentUpdate.objects.get()
    change = reverse("trials:recruitment_change", args=[study.pk, update.pk])
    assert "1,200" in client.get(study.get_absolute_url()).content.decode()
    response = client.post(change, {"date_0": "1", "date_1": "6", "date_2": "2026",
                                    "recruited": "1250"})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.recruited == 1250
    client.post(reverse("trials:recruitment_delete", args=[study.pk, update.pk]))
    assert not RecruitmentUpdate.objects.exists()
    html = client.get(study.get_absolute_url()).content.decode()
    for line in ("Recorded a recruitment figure", "Corrected a recruitment figure",
                 "Deleted a recruitment figure", "Before: 1,200 on 2026-06-01"):
        assert line in html


def test_a_figure_of_another_study_cannot_be_changed_through_this_one(client, study, leader):
    other = Study.objects.create(title="Another")
    update = RecruitmentUpdate.objects.create(study=other, date="2026-06-01", recruited=5)
    client.force_login(leader)
    url = reverse("trials:recruitment_change", args=[study.pk, update.pk])
    assert client.get(url).status_code == 404
    assert client.post(url + "delete/").status_code == 404


def test_the_chart_has_labelled_axes_point_markers_and_the_planned_trajectory(
        client, study, leader):
    from datetime import date

    Study.objects.filter(pk=study.pk).update(start_date=date(2026, 1, 1),
                                             end_date=date(2026, 12, 31))
    client.force_login(leader)
    _count(client, study, 1, 3, 10)
    _count(client, study, 1, 6, 40)
    html = client.get(study.get_absolute_url()).content.decode()
    assert "People recruited</text>" in html and "Date of the count</text>" in html
    assert html.count('class="app-chart__point"') == 2
    assert "<title>40 on 1 Jun 2026</title>" in html
    assert 'class="app-chart__planned"' in html
    assert "1 Jan 2026</text>" in html and "31 Dec 2026</text>" in html


def test_a_future_or_negative_update_is_refused(client, study, leader):
    client.force_login(leader)
    client.post(reverse("trials:recruitment", args=[study.pk]), {
        "r-date_0": "1", "r-date_1": "1", "r-date_2": "2099", "r-recruited": "10"})
    client.post(reverse("trials:recruitment", args=[study.pk]), {
        "r-date_0": "1", "r-date_1": "1", "r-date_2": "2026", "r-recruited": "-5"})
    assert not RecruitmentUpdate.objects.exists()


@pytest.mark.parametrize("query", ["", "?status=recruiting", "?phase=2%2F3", "?recruiting=yes",
                                   "?q=platform", "?status=x&page=-1", "?sort=nonsense",
                                   "?site_region=%00", "?health_category=nope"])
def test_the_directory_takes_any_query_string(client, study, query):
    assert client.get(reverse("trials:directory") + query).status_code == 200
    assert client.get(reverse("trials:export") + query).status_code == 200


def test_study_pages_and_directory_keep_their_query_counts(client, study):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    page, directory = study.get_absolute_url(), reverse("trials:directory")
    few = (count(page), count(directory))
    for n in range(20):
        site = StudySite.objects.create(study=study, organisation=NhsTrustFactory())
        RecruitmentUpdate.objects.create(study=study, site=site, date=date(2026, 1, 1),
                                         recruited=n)
        RecruitmentUpdate.objects.create(study=study, date=date(2026, 1, 1 + n), recruited=n)
        Study.objects.create(title=f"Study {n}")
    assert (count(page), count(directory)) == few


def _register(client, partnership, **data):
    base = {"link-partnership": partnership.pk, "title": "ELSA-like screening study",
            "status": "recruiting", "iras_id": "309252", "cpms_id": "52726"}
    base.update(data)
    return client.post(reverse("trials:create"), base)


def test_a_lead_registers_a_study_by_hand_linked_to_their_partnership(client, leader,
                                                                      partnership):
    client.force_login(leader)
    response = _register(client, partnership, isrctn="isrctn 1234 5678")
    study = Study.objects.get()
    assert response.headers["Location"] == study.get_absolute_url()
    assert study.isrctn == "ISRCTN12345678" and list(study.partnerships.all()) == [partnership]


@pytest.mark.parametrize("field,value,message", [
    ("nct_id", "NCT123", "NCT and 8 digits"), ("iras_id", "12", "6 or 7 digits"),
    ("eudract", "2021-3391-14", "YYYY-NNNNNN-CC"), ("ctis", "2023-1-1", "YYYY-NNNNNN-CC-NN"),
    ("cpms_id", "abc", "up to 7 digits"), ("isrctn", "ISRCTN1", "ISRCTN and 8 digits"),
])
def test_a_wrong_identifier_in_the_form_gets_its_message_and_keeps_the_input(
        client, leader, partnership, field, value, message):
    client.force_login(leader)
    html = _register(client, partnership, **{field: value}).content.decode()
    assert message in html and "nhsuk-error-summary" in html
    assert "ELSA-like screening study" in html
    assert not Study.objects.exists()


def test_sites_are_added_by_the_studys_people_only(client, study, leader, roles):
    trust = NhsTrustFactory(name="Southshire NHS Trust")
    url = reverse("trials:add_site", args=[study.pk])
    client.force_login(roles["viewer"])
    assert client.post(url, {"site-organisation": trust.pk}).status_code == 403
    client.force_login(leader)
    client.post(url, {"site-organisation": trust.pk, "site-local_target": "40"})
    site = study.sites.get()
    assert (site.organisation, site.local_target) == (trust, 40)
    html = client.get(study.get_absolute_url()).content.decode()
    assert "<td class=\"nhsuk-table__cell\">Southshire NHS Trust</td>" in html
    assert ">40</td>" in html
    assert "Added a site" in html  # in the study's history
    # The same site again: an error beside the field, on the study page, not a banner.
    response = client.post(url, {"site-organisation": trust.pk})
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()


def test_only_the_studys_people_change_it(client, study, roles):
    url = reverse("trials:edit", args=[study.pk])
    client.force_login(roles["outsider"])
    assert client.get(url).status_code == 403
    client.force_login(roles["contributor"])
    assert client.get(url).status_code == 200


def test_an_organisation_page_lists_its_studies(client, study):
    trust = NhsTrustFactory(name="Site Trust")
    StudySite.objects.create(study=study, organisation=trust)
    assert "A study" in client.get(trust.get_absolute_url()).content.decode()


@pytest.mark.parametrize("raw", [
    b'{"protocolSection":{"identificationModule":{"nctId":"NCT12345678","briefTitle":"x"},'
    b'"statusModule":{"startDateStruct":"2020"}}}',
    b'{"protocolSection":{"identificationModule":{"nctId":"NCT12345678","briefTitle":"x"},'
    b'"statusModule":{},"designModule":{"phases":[["PHASE1"]]}}}',
    b'{"protocolSection":{"identificationModule":{"nctId":"NCT12345678","briefTitle":"x"},'
    b'"statusModule":{},"contactsLocationsModule":"nowhere"}}',
])
def test_a_record_of_the_wrong_shape_is_a_clear_message(raw):
    with pytest.raises(ValidationError, match="structure"):
        ctgov.parse(raw)


def test_importing_cannot_overwrite_another_teams_study(client, roles):
    from tests.factories import PartnershipFactory, add_person

    theirs = Study.objects.create(title="Their study", nct_id="NCT01234567")
    mine = PartnershipFactory()
    add_person(mine, roles["outsider"], "lead")
    client.force_login(roles["outsider"])
    upload = SimpleUploadedFile("s.json", record(title="Hijacked"),
                                content_type="application/json")
    response = client.post(reverse("trials:import"), {"record": upload, "partnership": mine.pk})
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Their study" and not theirs.partnerships.exists()


def test_only_the_studys_people_link_it_and_private_partnerships_stay_hidden(client, study,
                                                                            partnership, roles):
    from tests.factories import PartnershipFactory, add_person

    partnership.visibility = "private"
    partnership.save()
    mine = PartnershipFactory()
    add_person(mine, roles["outsider"], "lead")
    client.force_login(roles["outsider"])
    response = client.post(reverse("trials:link", args=[study.pk]),
                           {"link-partnership": mine.pk})
    assert response.status_code == 403
    assert partnership.title not in client.get(study.get_absolute_url()).content.decode()
