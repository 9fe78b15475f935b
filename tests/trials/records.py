"""Study records built for the tests in the ClinicalTrials.gov API v2 structure."""

import json


def record(nct="NCT01234567", title="A platform trial of targeted medicines in rare cancers",
           status="RECRUITING", sites=("Northshire NHS Foundation Trust", "Elsewhere Clinic"),
           enrolment=300, **overrides):
    data = {"protocolSection": {
        "identificationModule": {
            "nctId": nct, "briefTitle": title, "officialTitle": title, "acronym": "PLATFORM",
            "secondaryIdInfos": [{"id": "2021-003391-14", "type": "EUDRACT_NUMBER"}]},
        "statusModule": {"overallStatus": status, "startDateStruct": {"date": "2023-03"},
                         "completionDateStruct": {"date": "2029-10-31"}},
        "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Helpful Charity"}},
        "descriptionModule": {"briefSummary": "Existing medicines, new cancers."},
        "conditionsModule": {"conditions": ["Rare cancers"]},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2", "PHASE3"],
                         "enrollmentInfo": {"count": enrolment}},
        "contactsLocationsModule": {"locations": [{"facility": s} for s in sites]},
    }}
    data["protocolSection"].update(overrides)
    return json.dumps(data).encode()


def confirm(client, preview, **kwargs):
    """Presses "Confirm the import" on a preview page (its response)."""
    import re

    from django.urls import reverse

    preview_id = re.search(r'name="preview" value="([^"]+)"', preview.content.decode()).group(1)
    return client.post(reverse("trials:import"), {"confirm": "1", "preview": preview_id},
                       **kwargs)
