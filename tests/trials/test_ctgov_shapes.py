"""Registry-grade import: every shape ClinicalTrials.gov gives (one study, a search response, an
array), sponsors and collaborators, secondary ids, actual and estimated enrolment, UK sites and
the registry's Markdown escapes. Records are built in the API v2 structure from its published
data dictionary, not copied from the registry."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.models import AuditEvent
from partnerships.models import PartnerOrganisation
from tests.factories import CharityFactory, OrganisationFactory, PartnershipFactory, UserFactory
from tests.factories import add_person as add
from tests.trials.records import confirm
from trials import ctgov
from trials.models import RecruitmentUpdate, Study

pytestmark = pytest.mark.django_db


def study(nct="NCT01234567", *, title="A trial of existing medicines", enrolment=(300, "ESTIMATED"),
          sponsor=("Northshire NHS Foundation Trust", "OTHER"), collaborators=(),
          secondary=(), locations=(("Northshire NHS Foundation Trust", "United Kingdom"),),
          summary="Existing medicines, new cancers.", **status):
    return {"protocolSection": {
        "identificationModule": {"nctId": nct, "briefTitle": title, "officialTitle": title,
                                 "secondaryIdInfos": [dict(s) for s in secondary]},
        "statusModule": {"overallStatus": "RECRUITING", "startDateStruct": {"date": "2023-03"},
                         "completionDateStruct": {"date": "2029-10-31"},
                         "lastUpdatePostDateStruct": {"date": "2026-05-14", "type": "ACTUAL"},
                         **status},
        "sponsorCollaboratorsModule": {
            "leadSponsor": {"name": sponsor[0], "class": sponsor[1]},
            "collaborators": [{"name": n, "class": c} for n, c in collaborators]},
        "descriptionModule": {"briefSummary": summary},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE3"],
                         "enrollmentInfo": {"count": enrolment[0], "type": enrolment[1]}},
        "contactsLocationsModule": {"locations": [
            {"facility": f, "city": "Leeds", "country": c} for f, c in locations]},
    }, "hasResults": False}


def raw(value):
    return json.dumps(value).encode()


@pytest.mark.parametrize("shape", ["single", "search", "array"])
def test_every_shape_is_read(shape):
    records = [study("NCT00000001"), study("NCT00000002")]
    data = {"single": records[0], "search": {"studies": records, "nextPageToken": "abc"},
            "array": records}[shape]
    batch = ctgov.read(raw(data))
    expected = ["NCT00000001"] if shape == "single" else ["NCT00000001", "NCT00000002"]
    assert [p.fields["nct_id"] for p in batch.studies] == expected and batch.refused == []


def test_secondary_ids_are_read_by_type_domain_or_shape():
    parsed = ctgov.parse(raw(study(secondary=[
        {"id": "2021-003391-14", "type": "EUDRACT_NUMBER"},
        {"id": "2023-501234-12-00", "type": "CTIS"},
        {"id": "ISRCTN12345678", "type": "REGISTRY", "domain": "ISRCTN registry"},
        {"id": "IRAS 1004057", "type": "OTHER", "domain": "IRAS"},
        {"id": "52726", "type": "OTHER", "domain": "NIHR CPMS"},
        {"id": "R01CA000000", "type": "NIH"},
        {"id": "not-a-number", "type": "EUDRACT_NUMBER"},
    ])))
    fields = parsed.fields
    assert (fields["eudract"], fields["ctis"], fields["isrctn"], fields["iras_id"],
            fields["cpms_id"]) == ("2021-003391-14", "2023-501234-12-00", "ISRCTN12345678",
                                   "1004057", "52726")


def test_markdown_escapes_are_taken_out():
    parsed = ctgov.parse(raw(study(title="Adults \\> 18 \\(UK\\) \\- phase\\_3",
                                   summary="Line one\\.\n\n\\* a point")))
    assert parsed.fields["title"] == "Adults > 18 (UK) - phase_3"
    assert parsed.fields["summary"] == "Line one.\n\n* a point"


def test_an_estimated_enrolment_is_the_target_and_an_actual_one_is_recruitment(trust):
    created, _ = ctgov.apply(ctgov.parse(raw(study(enrolment=(825, "ESTIMATED")))))
    assert created.target_recruitment == 825 and not created.recruitment.exists()
    again, _ = ctgov.apply(ctgov.parse(raw(study(enrolment=(640, "ACTUAL")))))
    assert again.target_recruitment == 825  # the target stays what it was
    [update] = again.recruitment.all()
    assert (update.date, update.recruited, update.site) == (date(2026, 5, 14), 640, None)
    ctgov.apply(ctgov.parse(raw(study(enrolment=(640, "ACTUAL")))))
    assert RecruitmentUpdate.objects.count() == 1  # the same figure is not added twice


def test_uk_sites_are_matched_and_the_rest_listed(trust):
    parsed = ctgov.parse(raw(study(locations=[
        (trust.name, "United Kingdom"), ("Leeds General Infirmary", "United Kingdom"),
        ("Hôpital Saint-Louis", "France"), ("Charité", "Germany")])))
    preview = ctgov.changes(parsed)
    assert preview.sites == [trust] and preview.sites_to_add == ["Leeds General Infirmary"]
    assert parsed.sites_outside_uk == 2


def test_sponsor_class_and_collaborators_are_kept(trust):
    charity = CharityFactory(name="Helpful Charity")
    parsed = ctgov.parse(raw(study(sponsor=(trust.name, "OTHER"), collaborators=[
        ("Helpful Charity", "OTHER"), ("Unknown Pharma Ltd", "INDUSTRY")])))
    preview = ctgov.changes(parsed)
    assert preview.collaborators == [charity]
    assert preview.collaborators_to_add == ["Unknown Pharma Ltd"]
    saved, _ = ctgov.apply(parsed)
    assert saved.sponsor == trust and saved.sponsor_class == "OTHER"
    assert list(saved.collaborators.all()) == [charity]


def test_a_lead_importing_proposes_collaborators_as_partners(trust, leader, partnership):
    charity = CharityFactory(name="Helpful Charity")
    ctgov.apply(ctgov.parse(raw(study(collaborators=[("Helpful Charity", "OTHER")]))),
                user=leader, partnership=partnership)
    partner = partnership.partners.get(organisation=charity)
    assert (partner.role, partner.state) == ("charity", PartnerOrganisation.State.PROPOSED)


def test_a_contributor_importing_proposes_nobody(trust, partnership):
    contributor = UserFactory()
    add(partnership, contributor, "contributor")
    CharityFactory(name="Helpful Charity")
    saved, _ = ctgov.apply(ctgov.parse(raw(study(collaborators=[("Helpful Charity", "OTHER")]))),
                           user=contributor, partnership=partnership)
    assert saved.collaborators.count() == 1
    assert not partnership.partners.filter(organisation__name="Helpful Charity").exists()


def test_a_reimport_updates_in_place_and_says_what_changed(trust, leader):
    first, _ = ctgov.apply(ctgov.parse(raw(study())), user=leader)
    ctgov.apply(ctgov.parse(raw(study(title="A renamed trial",
                                      overallStatus="COMPLETED"))), user=leader)
    assert Study.objects.count() == 1
    first.refresh_from_db()
    assert (first.title, first.status) == ("A renamed trial", "completed")
    event = AuditEvent.objects.filter(action="study.imported").get()
    assert set(event.details["fields"]) == {"title", "status"}


def test_an_identifier_typed_by_hand_stays_when_the_registry_has_none(trust):
    saved, _ = ctgov.apply(ctgov.parse(raw(study())))
    saved.iras_id = "1004057"
    saved.save()
    ctgov.apply(ctgov.parse(raw(study())))
    saved.refresh_from_db()
    assert saved.iras_id == "1004057"


def _upload(client, partnership, data):
    upload = SimpleUploadedFile("studies.json", raw(data), content_type="application/json")
    return client.post(reverse("trials:import"), {"record": upload,
                                                  "partnership": partnership.pk})


def test_the_web_import_previews_every_study_then_imports_them_all(client, leader, partnership):
    client.force_login(leader)
    data = {"studies": [study("NCT00000001", title="First trial"),
                        study("NCT00000002", title="Second trial"),
                        {"protocolSection": {"identificationModule": {"nctId": "NCT9"}}},
                        study("NCT00000001", title="First again")]}
    preview = _upload(client, partnership, data)
    page = preview.content.decode()
    assert "Check 2 studies to import" in page
    assert "First trial" in page and "Second trial" in page
    assert "Study 3 in the file" in page and "in the file twice" in page
    assert not Study.objects.exists()
    response = confirm(client, preview, follow=True)
    assert "2 new studies imported, 0 updated" in response.content.decode()
    assert set(Study.objects.values_list("nct_id", flat=True)) == {"NCT00000001", "NCT00000002"}
    assert set(partnership.studies.values_list("nct_id", flat=True)) == {
        "NCT00000001", "NCT00000002"}


def test_another_team_s_study_in_a_batch_is_left_alone(client, leader, partnership):
    other_lead = UserFactory()
    theirs = PartnershipFactory(title="Theirs", lead_organisation=OrganisationFactory())
    add(theirs, other_lead, "lead")
    ctgov.apply(ctgov.parse(raw(study("NCT00000009", title="Their trial"))), user=other_lead,
                partnership=theirs)
    client.force_login(leader)
    preview = _upload(client, partnership, [study("NCT00000009", title="Overwritten"),
                                            study("NCT00000001")])
    assert "belongs to other partnerships" in preview.content.decode()
    confirm(client, preview)
    assert Study.objects.get(nct_id="NCT00000009").title == "Their trial"
    assert Study.objects.filter(nct_id="NCT00000001").exists()


def test_a_file_of_too_many_studies_is_refused_with_the_way_round(client, leader, partnership):
    client.force_login(leader)
    records = [study(f"NCT{n:08d}") for n in range(ctgov.MAX_STUDIES + 1)]
    page = _upload(client, partnership, records).content.decode()
    assert "import command" in page and "nhsuk-error-summary" in page


def test_a_file_where_no_study_can_be_read_says_why(client, leader, partnership):
    client.force_login(leader)
    page = _upload(client, partnership, [{"x": 1}, {"protocolSection": []}]).content.decode()
    assert "None of the studies in the file could be read" in page
    assert "Study 2 in the file" in page


def test_a_stale_tab_confirms_its_own_preview_and_only_once(client, leader, partnership):
    client.force_login(leader)
    first = _upload(client, partnership, study("NCT00000001", title="First tab"))
    second = _upload(client, partnership, study("NCT00000002", title="Second tab"))
    confirm(client, first)
    assert list(Study.objects.values_list("nct_id", flat=True)) == ["NCT00000001"]
    again = confirm(client, first, follow=True)
    assert "no longer waiting" in again.content.decode()
    confirm(client, second)
    assert Study.objects.count() == 2
    gone = client.post(reverse("trials:import"), {"confirm": "1", "preview": "made-up"},
                       follow=True)
    assert "no longer waiting" in gone.content.decode()


def test_dates_no_study_can_have_are_left_out(trust):
    parsed = ctgov.parse(raw(study(startDateStruct={"date": "0001-01-01"},
                                   completionDateStruct={"date": "9999-12-31"},
                                   lastUpdatePostDateStruct={"date": "0001-01-01"},
                                   enrolment=(10, "ACTUAL"))))
    assert parsed.fields["start_date"] is None and parsed.fields["end_date"] is None
    assert parsed.recruited[0] > date(1900, 1, 1)


@pytest.mark.parametrize("nct", ["NCT\u0660\u0665\u0667\u0662\u0662\u0668\u0668\u0666",
                                 "NCT\uff10\uff15\uff17\uff12\uff12\uff18\uff18\uff16"])
def test_another_script_s_digits_are_not_a_look_alike_number(nct):
    record = raw(study()).replace(b"NCT01234567", nct.encode())
    with pytest.raises(ValidationError, match="no valid NCT number"):
        ctgov.parse(record)
    parsed = ctgov.parse(raw(study(secondary=[
        {"id": "ISRCTN\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",
         "type": "REGISTRY"}])))
    assert parsed.fields["isrctn"] == ""


def test_a_byte_order_mark_is_allowed():
    assert ctgov.parse(b"\xef\xbb\xbf" + raw(study())).fields["nct_id"] == "NCT01234567"


def test_the_command_imports_a_folder_with_progress_and_a_summary(tmp_path, capsys, trust):
    (tmp_path / "a.json").write_bytes(raw(study("NCT00000001")))
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "b.json").write_bytes(raw({"studies": [
        study("NCT00000002"), study("NCT00000003"), {"protocolSection": {}}]}))
    (tmp_path / "broken.json").write_bytes(b"{")
    with pytest.raises(CommandError):
        call_command("import_ctgov", str(tmp_path))
    out, err = capsys.readouterr()
    assert "[1/3]" in out and "created NCT00000001" in out
    assert "3 file(s): 3 created, 0 updated, 1 refused, 1 file(s) unreadable" in out
    assert "broken.json: The file is not JSON" in err
    assert Study.objects.count() == 3
