"""Import one study record in the ClinicalTrials.gov API v2 JSON shape.

`parse` checks and reads the file (nothing is saved); `changes` says what an import would create
or change; `apply` saves it in one transaction. Importing the same record again updates the study
found by its NCT number.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core import audit
from core.text import without_controls
from organisations.identifiers import normalise_name
from organisations.models import Organisation

from .identifiers import validate_eudract, validate_nct
from .models import Study, StudySite

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40  # the API's records nest about 8 deep
MAX_ENROLMENT = 10_000_000

STATUS = {
    "NOT_YET_RECRUITING": Study.Status.SET_UP, "RECRUITING": Study.Status.RECRUITING,
    "ENROLLING_BY_INVITATION": Study.Status.RECRUITING,
    "ACTIVE_NOT_RECRUITING": Study.Status.FOLLOW_UP, "COMPLETED": Study.Status.COMPLETED,
    "SUSPENDED": Study.Status.CLOSED, "TERMINATED": Study.Status.CLOSED,
    "WITHDRAWN": Study.Status.CLOSED,
}
PHASES = {
    ("EARLY_PHASE1",): "early-1", ("PHASE1",): "1", ("PHASE1", "PHASE2"): "1/2",
    ("PHASE2",): "2", ("PHASE2", "PHASE3"): "2/3", ("PHASE3",): "3", ("PHASE4",): "4",
    ("NA",): "n/a",
}
REQUIRED_MODULES = ("identificationModule", "statusModule")
FIELD_LABELS = {"title": "Title", "short_name": "Short name", "summary": "Summary",
                "nct_id": "ClinicalTrials.gov number", "eudract": "EudraCT number",
                "phase": "Phase", "design": "Design", "status": "Status",
                "sponsor_name": "Sponsor", "conditions": "Conditions",
                "start_date": "Start date", "end_date": "End date",
                "target_recruitment": "Target recruitment"}


@dataclass
class Parsed:
    fields: dict
    site_names: list = field(default_factory=list)


def _date(struct):
    raw = str((struct or {}).get("date", ""))[:20]
    try:
        parts = [int(p) for p in raw.split("-")]
        if len(parts) == 2:
            return date(parts[0], parts[1], 1)
        if len(parts) == 3:
            return date(*parts)
    except (ValueError, TypeError, OverflowError):  # "2024-13", year 99999999999999999999
        pass
    return None


def _text(value, limit, *, lines=False):
    """A string from the record, without control characters, cut to the field's length. A lone
    surrogate (half of a character, which no real record holds) is refused."""
    text = without_controls(str(value or ""))
    if not lines:
        text = " ".join(text.split())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("The record holds characters that are not valid text. Download "
                              "it again from ClinicalTrials.gov") from None
    return text.strip()[:limit]


def _depth(value, limit=MAX_DEPTH):
    """How deep the record nests, stopping at `limit` (a hostile file nests thousands deep)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            break
        children = item.values() if isinstance(item, dict) else item if isinstance(
            item, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest


def parse(raw: bytes) -> Parsed:
    try:
        return _parse(raw)
    except (AttributeError, TypeError, KeyError):
        # A value of the wrong shape somewhere inside the record.
        raise ValidationError("The record's structure is not the one ClinicalTrials.gov API "
                              "v2 uses: download the study again as JSON") from None


def _parse(raw: bytes) -> Parsed:
    if len(raw) > MAX_BYTES:
        raise ValidationError("The file is larger than 2 MB: upload the record of one study")
    try:
        # ValueError too: a number of thousands of digits; RecursionError: nesting deeper than
        # Python's parser goes.
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError("The file is not JSON. Download the study record from "
                              "ClinicalTrials.gov as JSON and upload that file") from None
    if _depth(record) > MAX_DEPTH:
        raise ValidationError("The record nests deeper than a ClinicalTrials.gov record does: "
                              "download the study again as JSON")
    protocol = record.get("protocolSection") if isinstance(record, dict) else None
    if not isinstance(protocol, dict):
        raise ValidationError("The file has no protocolSection: it is not a ClinicalTrials.gov "
                              "API v2 study record")
    missing = [m for m in REQUIRED_MODULES if not isinstance(protocol.get(m), dict)]
    if missing:
        raise ValidationError(f"The record lacks {', '.join(missing)}, which the import needs")
    ident, status = protocol["identificationModule"], protocol["statusModule"]
    nct = _text(ident.get("nctId"), 20).upper()
    try:
        validate_nct(nct)
    except ValidationError:
        raise ValidationError("The record has no valid NCT number (NCT and 8 digits)") from None
    title = _text(ident.get("officialTitle") or ident.get("briefTitle"), 500)
    if not title:
        raise ValidationError("The record has no title")
    eudract = ""
    for secondary in ident.get("secondaryIdInfos") or []:
        if isinstance(secondary, dict) and secondary.get("type") == "EUDRACT_NUMBER":
            candidate = _text(secondary.get("id"), 20)
            try:
                validate_eudract(candidate)
                eudract = candidate
            except ValidationError:
                pass
    design = protocol.get("designModule") or {}
    phases = tuple(design.get("phases") or [])
    sponsor = ((protocol.get("sponsorCollaboratorsModule") or {}).get("leadSponsor") or {})
    conditions = (protocol.get("conditionsModule") or {}).get("conditions") or []
    enrolment = (design.get("enrollmentInfo") or {}).get("count")
    locations = (protocol.get("contactsLocationsModule") or {}).get("locations") or []
    study_type = str(design.get("studyType", "")).upper()
    fields = {
        "nct_id": nct, "title": title,
        "short_name": _text(ident.get("acronym"), 60),
        "summary": _text((protocol.get("descriptionModule") or {}).get("briefSummary"), 5000,
                         lines=True),
        "eudract": eudract,
        "status": STATUS.get(str(status.get("overallStatus", "")).upper(), Study.Status.SET_UP),
        "phase": PHASES.get(phases, ""),
        "design": {"INTERVENTIONAL": "interventional",
                   "OBSERVATIONAL": "observational"}.get(study_type, "other"),
        "sponsor_name": _text(sponsor.get("name"), 300),
        "conditions": _text(", ".join(str(c) for c in conditions[:50]), 500),
        "start_date": _date(status.get("startDateStruct")),
        "end_date": _date(status.get("completionDateStruct")),
        "target_recruitment": enrolment if isinstance(enrolment, int)
        and not isinstance(enrolment, bool) and 0 <= enrolment <= MAX_ENROLMENT else None,
    }
    sites = sorted({_text(loc.get("facility"), 300) for loc in locations[:5000]
                    if isinstance(loc, dict) and loc.get("facility")} - {""})
    return Parsed(fields=fields, site_names=sites)


def _organisations_by_name():
    return {o.normalised_name: o for o in Organisation.objects.all()}


def changes(parsed: Parsed):
    """(existing study or None, [(label, old, new)], matched sites, unmatched site names)."""
    existing = Study.objects.filter(nct_id=parsed.fields["nct_id"]).first()
    rows = []
    for name, new in parsed.fields.items():
        old = getattr(existing, name) if existing else None
        if old != new:
            rows.append((FIELD_LABELS.get(name, name), old, new))
    by_name = _organisations_by_name()
    matched = [by_name[normalise_name(n)] for n in parsed.site_names
               if normalise_name(n) in by_name]
    unmatched = [n for n in parsed.site_names if normalise_name(n) not in by_name]
    return existing, rows, matched, unmatched


@transaction.atomic
def apply(parsed: Parsed, *, user=None, partnership=None) -> tuple[Study, bool]:
    """Create or update the study from its registry record, in the study's history (with the
    fields that changed and the sites added)."""
    existing = Study.objects.select_for_update().filter(nct_id=parsed.fields["nct_id"]).first()
    study = existing or Study(created_by=user)
    changed = [name for name, value in parsed.fields.items()
               if existing is None or getattr(study, name) != value]
    for name, value in parsed.fields.items():
        setattr(study, name, value)
    by_name = _organisations_by_name()
    study.sponsor = by_name.get(normalise_name(study.sponsor_name))
    study.full_clean()
    study.save()
    added = []
    for name in parsed.site_names:
        organisation = by_name.get(normalise_name(name))
        if organisation is not None:
            _, created = StudySite.objects.get_or_create(study=study, organisation=organisation)
            if created:
                added.append(organisation.name)
    if existing is None:
        audit.record(user, "study.created", study, title=study.title, site=added)
    elif changed or added:
        audit.record(user, "study.imported", study, fields=changed, site=added)
    if partnership is not None and not study.partnerships.filter(pk=partnership.pk).exists():
        study.partnerships.add(partnership)
        audit.record(user, "study.linked", study, partnership=partnership.title)
    return study, existing is None
