"""Import study records in the ClinicalTrials.gov API v2 JSON shapes: one study as the API's
`/studies/{nctId}` and the website's JSON download give it, a search response
(`{"studies": [...]}`), or a JSON array of studies.

`read` checks a file and reads every study in it (nothing is saved), refusing the studies it
cannot read with a reason; `changes` says what importing one would create or change; `apply`
saves one in a transaction. Importing the same study again updates it, found by its NCT number,
and records what changed in its history.

What is read, besides the title, dates, status, phase and conditions: the sponsor and its class,
collaborators (matched to the registry by name; with a partnership they are proposed as its
partners), secondary ids (EudraCT, CTIS, ISRCTN, IRAS and CPMS, from `secondaryIdInfos` by type,
domain or shape), the enrolment (an ACTUAL count is people recruited, an ESTIMATED one the
target) and UK sites (matched by name; the others listed to add). The registry writes text as
Markdown with its punctuation escaped (`\\>`, `\\(`): the escapes are taken out.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core import audit
from core.text import without_controls
from organisations.identifiers import normalise_name
from organisations.models import Organisation
from partnerships import access
from partnerships import services as partnership_services

from .identifiers import FIELDS as IDENTIFIER_FORMATS
from .identifiers import validate_nct
from .models import RecruitmentUpdate, Study, StudySite

MAX_BYTES = 10 * 1024 * 1024
MAX_STUDIES = 200  # in one upload; `manage.py import_ctgov` takes any number of files
MAX_DEPTH = 40  # the API's records nest about 8 deep; a search response one more
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
                "ctis": "EU CTIS number", "isrctn": "ISRCTN", "iras_id": "IRAS ID",
                "cpms_id": "NIHR CPMS ID", "phase": "Phase", "design": "Design",
                "status": "Status", "sponsor_name": "Sponsor", "sponsor_class": "Sponsor class",
                "conditions": "Conditions", "start_date": "Start date", "end_date": "End date",
                "target_recruitment": "Target recruitment"}
UK = {"united kingdom", "uk", "england", "scotland", "wales", "northern ireland"}
# Markdown's escapable punctuation, as the registry escapes it in text.
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
DIGITS = re.compile(r"[0-9]+")


@dataclass
class Parsed:
    fields: dict
    site_names: list = field(default_factory=list)
    collaborator_names: list = field(default_factory=list)
    recruited: tuple | None = None  # (date, people) when the registry's enrolment is ACTUAL
    sites_outside_uk: int = 0


@dataclass
class Batch:
    studies: list  # Parsed, in the file's order
    refused: list  # (which study, why), in the file's order


def _date(struct):
    """A registry date ("2023-03" or "2023-03-14"); None when it is not one, or falls outside
    the years a study can (a year 1 or 9999 would break every chart and sum of days)."""
    raw = str((struct or {}).get("date", ""))[:20]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", raw, flags=re.ASCII):
        return None
    parts = [int(p) for p in raw.split("-")]
    try:
        day = date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    except ValueError:  # "2024-13", "2029-02-31"
        return None
    return day if 1900 <= day.year <= 2200 else None


def _text(value, limit, *, lines=False):
    """A string from the record, its Markdown escapes and control characters taken out, cut to
    the field's length. A lone surrogate (half of a character, which no real record holds) is
    refused."""
    text = without_controls(MARKDOWN_ESCAPE.sub(r"\1", str(value or "")))
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


def _load(raw: bytes):
    if len(raw) > MAX_BYTES:
        raise ValidationError("The file is larger than 10 MB: download fewer studies at a time")
    try:
        # ValueError too: a number of thousands of digits; RecursionError: nesting deeper than
        # Python's parser goes.
        data = json.loads(raw.decode("utf-8-sig"))  # a byte-order mark is allowed
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError("The file is not JSON. Download the study record from "
                              "ClinicalTrials.gov as JSON and upload that file") from None
    if _depth(data) > MAX_DEPTH:
        raise ValidationError("The record nests deeper than a ClinicalTrials.gov record does: "
                              "download the study again as JSON")
    return data


def read(raw: bytes, *, limit=MAX_STUDIES) -> Batch:
    """Every study in the file. A file-wide problem raises; a study that cannot be read is
    refused with its reason and the others are kept. A file of one study raises its reason."""
    data = _load(raw)
    if isinstance(data, dict) and "studies" in data and "protocolSection" not in data:
        records, single = data["studies"], False
        if not isinstance(records, list):
            raise ValidationError("The file's studies are not a list: download the search "
                                  "results again as JSON")
    elif isinstance(data, list):
        records, single = data, False
    else:
        records, single = [data], True
    if not records:
        raise ValidationError("The file holds no study records")
    if len(records) > limit:
        raise ValidationError(f"The file holds {len(records):,} studies: upload {limit} or "
                              "fewer at a time, or ask an administrator to run the import "
                              "command")
    batch = Batch(studies=[], refused=[])
    seen = set()
    for number, record in enumerate(records, start=1):
        try:
            parsed = parse_record(record)
        except ValidationError as exc:
            if single:
                raise
            batch.refused.append((f"Study {number} in the file", " ".join(exc.messages)))
            continue
        nct = parsed.fields["nct_id"]
        if nct in seen:
            batch.refused.append((nct, "It is in the file twice: the first is imported"))
            continue
        seen.add(nct)
        batch.studies.append(parsed)
    return batch


def parse(raw: bytes) -> Parsed:
    """The one study a file holds (the first of several)."""
    batch = read(raw)
    if not batch.studies:
        raise ValidationError(batch.refused[0][1])
    return batch.studies[0]


def parse_record(record) -> Parsed:
    try:
        return _parse(record)
    except (AttributeError, TypeError, KeyError):
        # A value of the wrong shape somewhere inside the record.
        raise ValidationError("The record's structure is not the one ClinicalTrials.gov API "
                              "v2 uses: download the study again as JSON") from None


def _secondary_ids(infos) -> dict:
    """EudraCT, CTIS, ISRCTN, IRAS and CPMS numbers among the record's secondary ids: by their
    type where the registry has one, else by the domain it names or the id's own shape. A value
    that does not pass the identifier's check is left out."""
    found = {}
    for info in infos or []:
        if not isinstance(info, dict):
            continue
        raw = _text(info.get("id"), 40)
        kind = str(info.get("type", "")).upper()
        domain = _text(info.get("domain"), 200).upper()
        digits = "".join(DIGITS.findall(raw))
        candidates = []
        if kind == "EUDRACT_NUMBER" or "EUDRACT" in domain:
            candidates.append(("eudract", raw))
        if kind == "CTIS" or "CTIS" in domain:
            candidates.append(("ctis", raw))
        if raw.upper().startswith("ISRCTN") or "ISRCTN" in domain:
            candidates.append(("isrctn", "ISRCTN" + digits))
        if "IRAS" in domain or raw.upper().startswith("IRAS"):
            candidates.append(("iras_id", digits))
        if "CPMS" in domain or raw.upper().startswith("CPMS"):
            candidates.append(("cpms_id", digits))
        for name, value in candidates:
            try:
                IDENTIFIER_FORMATS[name](value)
            except ValidationError:
                continue
            found.setdefault(name, value)
    return found


def _parse(record) -> Parsed:
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
        raise ValidationError(f"{nct} has no title")
    design = protocol.get("designModule") or {}
    phases = tuple(design.get("phases") or [])
    people = protocol.get("sponsorCollaboratorsModule") or {}
    sponsor = people.get("leadSponsor") or {}
    conditions = (protocol.get("conditionsModule") or {}).get("conditions") or []
    enrolment = design.get("enrollmentInfo") or {}
    count = enrolment.get("count")
    count = count if isinstance(count, int) and not isinstance(count, bool) and (
        0 <= count <= MAX_ENROLMENT) else None
    actual = str(enrolment.get("type", "")).upper() == "ACTUAL"
    locations = (protocol.get("contactsLocationsModule") or {}).get("locations") or []
    study_type = str(design.get("studyType", "")).upper()
    sponsor_class = str(sponsor.get("class", "")).upper()
    fields = {
        "nct_id": nct, "title": title,
        "short_name": _text(ident.get("acronym"), 60),
        "summary": _text((protocol.get("descriptionModule") or {}).get("briefSummary"), 5000,
                         lines=True),
        "eudract": "", "ctis": "", "isrctn": "", "iras_id": "", "cpms_id": "",
        "status": STATUS.get(str(status.get("overallStatus", "")).upper(), Study.Status.SET_UP),
        "phase": PHASES.get(phases, ""),
        "design": {"INTERVENTIONAL": "interventional",
                   "OBSERVATIONAL": "observational"}.get(study_type, "other"),
        "sponsor_name": _text(sponsor.get("name"), 300),
        "sponsor_class": sponsor_class if sponsor_class in Study.SponsorClass.values else "",
        "conditions": _text(", ".join(str(c) for c in conditions[:50]), 500),
        "start_date": _date(status.get("startDateStruct")),
        "end_date": _date(status.get("completionDateStruct")),
    }
    fields.update(_secondary_ids(ident.get("secondaryIdInfos")))
    if not actual:
        fields["target_recruitment"] = count
    recruited = None
    if actual and count is not None:
        when = (_date(status.get("lastUpdatePostDateStruct"))
                or _date({"date": status.get("statusVerifiedDate")})
                or _date(status.get("completionDateStruct")) or timezone.localdate())
        recruited = (min(when, timezone.localdate()), count)
    uk, outside = set(), 0
    for location in locations[:5000]:
        if not isinstance(location, dict) or not location.get("facility"):
            continue
        country = _text(location.get("country"), 100).lower()
        if country and country not in UK:
            outside += 1
            continue
        uk.add(_text(location.get("facility"), 300))
    collaborators = {_text(c.get("name"), 300) for c in (people.get("collaborators") or [])[:200]
                     if isinstance(c, dict)}
    return Parsed(fields=fields, site_names=sorted(uk - {""}),
                  collaborator_names=sorted(collaborators - {""}), recruited=recruited,
                  sites_outside_uk=outside)


def _organisations_by_name(names):
    wanted = {normalise_name(n) for n in names}
    return {o.normalised_name: o for o in Organisation.objects.filter(normalised_name__in=wanted)}


@dataclass
class Preview:
    parsed: Parsed
    existing: Study | None
    rows: list  # (label, old, new) of the fields that would change
    sites: list  # organisations matched
    sites_to_add: list  # names not in the registry
    collaborators: list
    collaborators_to_add: list


def _shown(name, value):
    """A value as the study page words it: "Phase 2/3", not "2/3"."""
    if value in ("", None):
        return value
    choices = dict(Study._meta.get_field(name).choices or ())
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return choices.get(value, value)


def changes(parsed: Parsed) -> Preview:
    existing = Study.objects.filter(nct_id=parsed.fields["nct_id"]).first()
    rows = []
    for name, new in parsed.fields.items():
        old = getattr(existing, name) if existing else None
        if old != new and not (existing is None and new in ("", None)):
            rows.append((FIELD_LABELS.get(name, name), _shown(name, old), _shown(name, new)))
    if parsed.recruited is not None:
        rows.append(("Recruited so far", None,
                     f"{parsed.recruited[1]:,} by {parsed.recruited[0]:%-d %B %Y}"))
    by_name = _organisations_by_name(parsed.site_names + parsed.collaborator_names)

    def split(names):
        found = [by_name[normalise_name(n)] for n in names if normalise_name(n) in by_name]
        return found, [n for n in names if normalise_name(n) not in by_name]

    sites, sites_to_add = split(parsed.site_names)
    collaborators, collaborators_to_add = split(parsed.collaborator_names)
    return Preview(parsed, existing, rows, sites, sites_to_add, collaborators,
                   collaborators_to_add)


PARTNER_ROLES = {Organisation.Kind.CHARITY: "charity", Organisation.Kind.COMPANY: "industry",
                 Organisation.Kind.UNIVERSITY: "academic"}


def _propose_partners(user, partnership, organisations):
    """Collaborators become proposed partners of the partnership the study is imported into,
    when the person importing leads it; each organisation's admins then confirm or decline, as
    for any partner. Returns the names proposed."""
    try:
        access.require_lead(user, partnership)
    except PermissionDenied:  # a contributor may import; only a lead names partners
        return []
    present = set(partnership.partners.values_list("organisation_id", flat=True))
    proposed = []
    for organisation in organisations:
        if organisation.pk in present:
            continue
        role = PARTNER_ROLES.get(organisation.kind, "nhs" if organisation.kind.startswith(
            ("nhs", "icb")) else "funder")
        partnership_services.partner_add(user=user, partnership=partnership,
                                         organisation=organisation, role=role)
        proposed.append(organisation.name)
    return proposed


@transaction.atomic
def apply(parsed: Parsed, *, user=None, partnership=None) -> tuple[Study, bool]:
    """Create or update the study from its registry record, with the fields that changed, the
    sites, collaborators and recruitment added, in the study's history."""
    existing = Study.objects.select_for_update().filter(nct_id=parsed.fields["nct_id"]).first()
    study = existing or Study(created_by=user)
    changed = [name for name, value in parsed.fields.items()
               if getattr(study, name) != value and not (existing is None and value in ("", None))]
    for name, value in parsed.fields.items():
        if existing is not None and value in ("", None) and name in IDENTIFIER_FORMATS:
            continue  # an identifier typed in by hand stays when the registry has none
        setattr(study, name, value)
    by_name = _organisations_by_name(
        [study.sponsor_name] + parsed.site_names + parsed.collaborator_names)
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
    collaborators = [by_name[normalise_name(n)] for n in parsed.collaborator_names
                     if normalise_name(n) in by_name]
    already = set(study.collaborators.values_list("pk", flat=True))  # one query, not one each
    new_collaborators = [o for o in collaborators if o.pk not in already]
    study.collaborators.add(*new_collaborators)
    details = {}
    if parsed.recruited is not None:
        day, people = parsed.recruited
        latest = study.recruitment.filter(site=None).order_by("-date", "-pk").first()
        if latest is None or (latest.date, latest.recruited) != (day, people):
            RecruitmentUpdate.objects.create(study=study, date=day, recruited=people,
                                             entered_by=user)
            details["recruited"] = people
    if new_collaborators:
        details["organisation"] = [o.name for o in new_collaborators]
    if existing is None:
        audit.record(user, "study.created", study, title=study.title, site=added, **details)
    elif changed or added or details:
        audit.record(user, "study.imported", study, fields=changed, site=added, **details)
    if partnership is not None:
        if not study.partnerships.filter(pk=partnership.pk).exists():
            study.partnerships.add(partnership)
            audit.record(user, "study.linked", study, partnership=partnership.title)
        if user is not None and collaborators:
            _propose_partners(user, partnership, collaborators)
    return study, existing is None
