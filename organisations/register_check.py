"""What the national registers (the registers app) say of an organisation's identifiers."""

from django.db import transaction
from django.utils import timezone

from core.audit import record
from registers import services as registers
from registers.models import Register

from .models import Organisation

REGISTER_OF = {
    "ods_code": Register.ODS,
    "charity_number_england_wales": Register.CCEW,
    "charity_number_scotland": Register.OSCR,
    "charity_number_northern_ireland": Register.CCNI,
    "company_number": Register.COMPANIES,
}


def prefill(register: str, identifier: str) -> dict | None:
    """What registering an organisation can take from a loaded register, or None when the
    identifier is not in it (or the register was never loaded)."""
    entry = registers.find(register, identifier)
    if entry is None:
        return None
    return {"name": entry.name, "address": entry.address, "region": entry.region,
            "is_open": entry.is_open, "state": entry.state_text,
            "register": Register(register).label}


def register_findings(organisation) -> tuple[str, str]:
    """(state, note) over all of the organisation's identifiers whose register is loaded."""
    state, notes = Organisation.RegisterState.UNCHECKED, []
    for field, register in REGISTER_OF.items():
        value = getattr(organisation, field)
        if not value or not registers.loaded(register):
            continue
        entry = registers.find(register, value)
        label = Register(register).label
        if entry is None:
            notes.append(f"{value} is not in the {label} register")
            if state != Organisation.RegisterState.CLOSED:
                state = Organisation.RegisterState.NOT_FOUND
        elif not entry.is_open:
            notes.insert(0, f"{label}: {entry.state_text}")
            state = Organisation.RegisterState.CLOSED
        elif state == Organisation.RegisterState.UNCHECKED:
            state = Organisation.RegisterState.LISTED
    return state, "; ".join(notes)[:300]


def register_check(organisation) -> bool:
    """Record what the registers say now. True when the organisation has just been found closed,
    removed or dissolved (tasks.py tells its admins)."""
    state, note = register_findings(organisation)
    newly_closed = (state == Organisation.RegisterState.CLOSED
                    and organisation.register_state != Organisation.RegisterState.CLOSED)
    Organisation.objects.filter(pk=organisation.pk).update(
        register_state=state, register_note=note, register_checked_at=timezone.now())
    organisation.register_state, organisation.register_note = state, note
    if newly_closed:
        record(None, "organisation.register_closed", organisation, note=note)
    return newly_closed


def recheck_all() -> list[int]:
    """Check every organisation that has an identifier against the latest loads; the ids of
    those newly found closed."""
    found = []
    with_identifiers = Organisation.objects.exclude(
        ods_code="", charity_number_england_wales="", charity_number_scotland="",
        charity_number_northern_ireland="", company_number="")
    for organisation in with_identifiers.iterator(chunk_size=500):
        with transaction.atomic():
            if register_check(organisation):
                found.append(organisation.pk)
    return found
