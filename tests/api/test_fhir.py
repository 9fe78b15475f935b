"""Studies as FHIR R4 ResearchStudy, checked against the fhir.resources models."""

from pathlib import Path

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.researchstudy import ResearchStudy

from api import fhir
from trials.models import Study

pytestmark = pytest.mark.django_db

# R4's required value sets, which the models do not check.
R4_STATUSES = {"active", "administratively-completed", "approved", "closed-to-accrual",
               "closed-to-accrual-and-intervention", "completed", "disapproved", "in-review",
               "temporarily-closed-to-accrual",
               "temporarily-closed-to-accrual-and-intervention", "withdrawn"}
R4_PHASES = {"n-a", "early-phase-1", "phase-1", "phase-1-phase-2", "phase-2",
             "phase-2-phase-3", "phase-3", "phase-4"}


def read(pk):
    response = Client().get(f"/api/fhir/ResearchStudy/{pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    return response.json()


def test_a_study_is_a_valid_research_study_with_its_registers_and_sites(world):
    resource = read(world["study"].pk)
    study = ResearchStudy.model_validate(resource)
    assert study.status == "active" and study.status in R4_STATUSES
    assert {(i.system, i.value) for i in study.identifier} == {
        ("https://clinicaltrials.gov", "NCT01234567"), ("https://www.isrctn.com", "ISRCTN12345678")}
    assert study.phase.coding[0].code == "phase-2-phase-3"
    contained = {r["id"]: r for r in resource["contained"]}
    sponsor = contained[study.sponsor.reference.lstrip("#")]
    assert sponsor["identifier"] == [{"system": "https://fhir.nhs.uk/Id/ods-organization-code",
                                      "value": "RX1"}]
    [site] = study.site
    location = contained[site.reference.lstrip("#")]
    assert location["resourceType"] == "Location"
    managing = contained[location["managingOrganization"]["reference"].lstrip("#")]
    assert managing["name"] == "Northshire NHS Foundation Trust"
    groups = {r["id"]: r for r in resource["contained"] if r["resourceType"] == "Group"}
    assert groups["target"]["quantity"] == 825 and groups["target"]["actual"] is False
    assert groups["recruited"]["quantity"] == 100 and groups["recruited"]["actual"] is True


@pytest.mark.parametrize("status", [s for s, _ in Study.Status.choices])
@pytest.mark.parametrize("phase", ["", *[p for p, _ in Study.Phase.choices]])
def test_every_status_and_phase_maps_to_an_r4_code(status, phase):
    study = Study.objects.create(title="A bare study", status=status, phase=phase)
    resource = read(study.pk)
    ResearchStudy.model_validate(resource)
    assert resource["status"] in R4_STATUSES
    if phase:
        assert resource["phase"]["coding"][0]["code"] in R4_PHASES
    assert "contained" not in resource  # nothing to contain, no empty list


def test_a_charity_sponsor_carries_its_charity_number(world):
    world["study"].sponsor = world["charity"]
    world["study"].save()
    resource = read(world["study"].pk)
    [sponsor] = [r for r in resource["contained"] if r["id"] == "sponsor"]
    assert {"system": "https://org-id.guide/list/GB-CHC", "value": "1234567"} in sponsor[
        "identifier"]


@pytest.mark.parametrize("identifier", [
    "NCT01234567", "nct01234567", "https://clinicaltrials.gov|NCT01234567", "|ISRCTN12345678",
    "https://www.isrctn.com|ISRCTN12345678"])
def test_search_by_identifier_finds_the_study(world, identifier):
    response = Client().get("/api/fhir/ResearchStudy", {"identifier": identifier})
    assert response.status_code == 200
    bundle = Bundle.model_validate(response.json())
    assert bundle.type == "searchset" and bundle.total == 1
    assert bundle.entry[0].resource.id == str(world["study"].pk)


def test_search_by_a_system_that_does_not_hold_the_value_finds_nothing(world):
    response = Client().get("/api/fhir/ResearchStudy",
                            {"identifier": "https://www.isrctn.com|NCT01234567"})
    assert Bundle.model_validate(response.json()).total == 0


@pytest.mark.parametrize(("query", "status"), [
    ({}, 400), ({"identifier": "https://example.org|NCT01234567"}, 400),
    ({"identifier": "x" * 400}, 400), ({"name": "rare"}, 400), ({"identifier": "|"}, 200),
    ({"_id": "abc"}, 200), ({"_id": "99999999999999999999999"}, 200), ({"_id": "\u00b2"}, 200),
    ({"_id": "\u0661"}, 200), ({"identifier": "NCT01234567", "_format": "xml"}, 406),
])
def test_a_bad_search_is_an_operation_outcome(world, query, status):
    response = Client().get("/api/fhir/ResearchStudy", query)
    assert response.status_code == status
    if status in (400, 406):
        outcome = OperationOutcome.model_validate(response.json())
        assert outcome.issue[0].severity == "error" and outcome.issue[0].diagnostics
    else:
        assert Bundle.model_validate(response.json()).total == 0


def test_an_unknown_study_is_a_404_operation_outcome(db):
    response = Client().get("/api/fhir/ResearchStudy/424242")
    assert response.status_code == 404
    assert OperationOutcome.model_validate(response.json()).issue[0].code == "not-found"


def test_the_identifier_systems_are_the_ones_documented():
    readme = Path("README.md").read_text(encoding="utf-8")
    for system in list(fhir.STUDY_SYSTEMS.values()) + list(fhir.ORGANISATION_SYSTEMS.values()):
        assert system in readme, system


def test_repeated_identifiers_must_all_match(world):
    both = Client().get("/api/fhir/ResearchStudy?identifier=NCT01234567"
                        "&identifier=https://www.isrctn.com|ISRCTN12345678")
    assert Bundle.model_validate(both.json()).total == 1
    other = Client().get("/api/fhir/ResearchStudy?identifier=NCT01234567"
                         "&identifier=ISRCTN99999999")
    assert Bundle.model_validate(other.json()).total == 0
