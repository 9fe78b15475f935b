"""Public studies as FHIR R4 ResearchStudy resources, for systems that read health-data standards.

R4 has no recruitment element and points a study's sites at Location resources, so:
- the target and the people recruited so far are two contained Group resources in `enrollment`
  (`actual` false for the intended group, true for the people recruited, with `quantity`);
- each site is a contained Location managed by a contained Organization that carries the
  organisation's register identifiers; the sponsor is a contained Organization too.
The tests validate every resource made here against the fhir.resources R4B models (R4B left
ResearchStudy, Group, Location and Organization as R4 had them).
"""

from django.conf import settings
from django.db.models import Q

from trials.models import RecruitmentUpdate, Study

# Identifier systems of the registers a study is known by. NHS England publishes the ODS one;
# the others are each register's own address, as HL7's ResearchStudy examples do.
STUDY_SYSTEMS = {
    "nct_id": "https://clinicaltrials.gov",
    "isrctn": "https://www.isrctn.com",
    "eudract": "https://eudract.ema.europa.eu",
    "ctis": "https://euclinicaltrials.eu",
    "iras_id": "https://www.myresearchproject.org.uk",
    "cpms_id": "https://www.nihr.ac.uk/cpms",
}
ORGANISATION_SYSTEMS = {
    "ods_code": "https://fhir.nhs.uk/Id/ods-organization-code",
    # org-id.guide's lists, the codes 360Giving and IATI use for UK registers.
    "charity_number_england_wales": "https://org-id.guide/list/GB-CHC",
    "charity_number_scotland": "https://org-id.guide/list/GB-SC",
    "charity_number_northern_ireland": "https://org-id.guide/list/GB-NIC",
    "company_number": "https://org-id.guide/list/GB-COH",
}
STATUS = {
    Study.Status.SET_UP: "approved",
    Study.Status.RECRUITING: "active",
    Study.Status.FOLLOW_UP: "closed-to-accrual",
    Study.Status.CLOSED: "administratively-completed",
    Study.Status.COMPLETED: "completed",
}
PHASE_SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase"
PHASE = {
    "early-1": ("early-phase-1", "Early Phase 1"), "1": ("phase-1", "Phase 1"),
    "1/2": ("phase-1-phase-2", "Phase 1/Phase 2"), "2": ("phase-2", "Phase 2"),
    "2/3": ("phase-2-phase-3", "Phase 2/Phase 3"), "3": ("phase-3", "Phase 3"),
    "4": ("phase-4", "Phase 4"), "n/a": ("n-a", "N/A"),
}
SEARCH_PARAMETERS = {"identifier", "_id", "_format"}
FORMATS = {"json", "application/json", "application/fhir+json"}


def _organisation(organisation, local_id):
    resource = {"resourceType": "Organization", "id": local_id, "name": organisation.name}
    identifiers = [{"system": system, "value": getattr(organisation, field)}
                   for field, system in ORGANISATION_SYSTEMS.items()
                   if getattr(organisation, field)]
    if identifiers:
        resource["identifier"] = identifiers
    if organisation.website:
        resource["telecom"] = [{"system": "url", "value": organisation.website}]
    return resource


def research_study(study) -> dict:
    """One study. `study` comes with its sponsor, sites (with organisations) and recruitment
    loaded (see `studies()`), so a page of them costs a fixed number of queries."""
    contained, site_refs = [], []
    resource = {
        "resourceType": "ResearchStudy",
        "id": str(study.pk),
        "meta": {"lastUpdated": study.updated_at.isoformat()},
        "relatedArtifact": [{"type": "documentation", "label": "The study on the portal",
                             "url": settings.SITE_URL + study.get_absolute_url()}],
        "identifier": [{"use": "official" if field == "nct_id" else "secondary",
                        "system": system, "value": getattr(study, field)}
                       for field, system in STUDY_SYSTEMS.items() if getattr(study, field)],
        "title": study.title,
        "status": STATUS.get(study.status, "approved"),
    }
    if study.phase in PHASE:
        code, display = PHASE[study.phase]
        resource["phase"] = {"coding": [{"system": PHASE_SYSTEM, "code": code,
                                         "display": display}]}
    if study.design:
        resource["category"] = [{"text": study.get_design_display()}]
    if study.conditions:
        resource["condition"] = [{"text": c.strip()} for c in study.conditions.split(",")
                                 if c.strip()]
    if study.summary:
        resource["description"] = study.summary
    if study.start_date or study.end_date:
        resource["period"] = {k: v.isoformat() for k, v in
                              (("start", study.start_date), ("end", study.end_date)) if v}
    if study.sponsor is not None:
        contained.append(_organisation(study.sponsor, "sponsor"))
        resource["sponsor"] = {"reference": "#sponsor", "display": study.sponsor.name}
    elif study.sponsor_name:
        resource["sponsor"] = {"display": study.sponsor_name}
    for site in study.sites.all():
        org_id, location_id = f"org-{site.organisation_id}", f"site-{site.pk}"
        contained.append(_organisation(site.organisation, org_id))
        contained.append({"resourceType": "Location", "id": location_id,
                          "name": site.organisation.name,
                          "managingOrganization": {"reference": f"#{org_id}"}})
        site_refs.append({"reference": f"#{location_id}", "display": site.organisation.name})
    if site_refs:
        resource["site"] = site_refs
    enrollment = []
    if study.target_recruitment is not None:
        contained.append({"resourceType": "Group", "id": "target", "type": "person",
                          "actual": False, "quantity": study.target_recruitment,
                          "name": "Recruitment target"})
        enrollment.append({"reference": "#target", "display": "Recruitment target"})
    whole = [u for u in study.recruitment.all() if u.site_id is None]
    if whole:
        latest: RecruitmentUpdate = whole[-1]
        contained.append({"resourceType": "Group", "id": "recruited", "type": "person",
                          "actual": True, "quantity": latest.recruited,
                          "name": f"Recruited by {latest.date.isoformat()}"})
        enrollment.append({"reference": "#recruited", "display": "People recruited so far"})
    if enrollment:
        resource["enrollment"] = enrollment
    if contained:
        resource["contained"] = contained
    return resource


def studies():
    return (Study.objects.select_related("sponsor")
            .prefetch_related("sites__organisation", "recruitment"))


def matching(identifier: str):
    """Studies with `identifier`: "system|value", "|value" (no system) or "value" (any
    system), as FHIR's token search reads it. None when the system is not one we know."""
    system, _, value = identifier.rpartition("|") if "|" in identifier else ("", "", identifier)
    value = value.strip()
    fields = list(STUDY_SYSTEMS)
    if system:
        fields = [f for f, s in STUDY_SYSTEMS.items() if s == system.rstrip("/")]
        if not fields:
            return None
    query = Q()
    for field in fields:
        query |= Q(**{f"{field}__iexact": value})
    return studies().filter(query) if value else studies().none()


def bundle(resources, *, total, self_url) -> dict:
    return {"resourceType": "Bundle", "type": "searchset", "total": total,
            "link": [{"relation": "self", "url": self_url}],
            "entry": [{"fullUrl": f"{settings.SITE_URL}/api/fhir/ResearchStudy/{r['id']}",
                       "resource": r, "search": {"mode": "match"}} for r in resources]}


def outcome(code: str, text: str) -> dict:
    """An OperationOutcome: FHIR's own shape for an error."""
    return {"resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": text}]}
